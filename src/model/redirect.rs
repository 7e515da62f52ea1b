//! The redirect table, `dataset/redirects.json`: ids that no longer name an entry of their own
//! because the entry was merged into another or renamed, each pointing at the entry that now
//! carries it. Downstream projects key on ids; with the table an old id keeps resolving, as
//! OpenSanctions keeps merged ids as `referents` and tzdata keeps renamed zones as links.

use super::{Date, UnknownFields};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The table's file name under `dataset/`; its stem is a reserved id.
pub const REDIRECTS_FILE_NAME: &str = "redirects.json";

/// The id no entry may take: `dataset/redirects.json` is the redirect table.
pub const RESERVED_ID: &str = "redirects";

/// Where one old id now points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redirect {
    /// The id of the entry that now carries the old one.
    pub to: String,
    pub reason: RedirectReason,
    /// When the old id stopped naming an entry of its own.
    #[serde(with = "super::required_full_date")]
    pub date: Date,
    /// What was merged or why the id changed, for a reader of the table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Fields this version of the model does not know, kept as read.
    #[serde(flatten, default, skip_serializing_if = "UnknownFields::is_empty")]
    pub unknown: UnknownFields,
}

/// Why an id redirects.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RedirectReason {
    /// Two entries described one company; this one was folded into the target.
    Merged,
    /// The entry's id changed (the company's name changed, or the id was a mistake).
    Renamed,
    /// A value this version of the model does not know, kept as written.
    #[serde(untagged)]
    Unknown(String),
}

impl RedirectReason {
    pub fn as_str(&self) -> &str {
        match self {
            RedirectReason::Merged => "merged",
            RedirectReason::Renamed => "renamed",
            RedirectReason::Unknown(other) => other,
        }
    }
}

/// Every redirect, by old id (sorted: the table's canonical order).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Redirects {
    table: BTreeMap<String, Redirect>,
}

/// Why the redirect table could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RedirectsReadError {
    #[error("the file is not UTF-8")]
    NotUtf8,
    #[error("{0}")]
    DoesNotFit(String),
}

impl Redirects {
    /// Reads the table's bytes (a byte order mark allowed, as for entries).
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Redirects, RedirectsReadError> {
        let decoded = crate::json::decode(bytes);
        let text = decoded.parse_text().ok_or(RedirectsReadError::NotUtf8)?;
        serde_json::from_str(text).map_err(|e| {
            RedirectsReadError::DoesNotFit(crate::untrusted::escape_untrusted(&e.to_string()))
        })
    }

    /// The canonical text of the table: two-space indentation, old ids sorted, a final newline.
    pub fn to_canonical_text(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Where `old_id` points, if it is redirected.
    pub fn get(&self, old_id: &str) -> Option<&Redirect> {
        self.table.get(old_id)
    }

    /// Every (old id, redirect), sorted by old id.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Redirect)> {
        self.table
            .iter()
            .map(|(old, redirect)| (old.as_str(), redirect))
    }

    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// Adds or replaces the redirect of `old_id`.
    pub fn insert(&mut self, old_id: impl Into<String>, redirect: Redirect) {
        self.table.insert(old_id.into(), redirect);
    }

    /// The entry id `id` finally names, following redirects (a valid table has no chains;
    /// a broken one is followed at most as many hops as it has rows, so a cycle ends), or
    /// `None` when `id` is not redirected.
    pub fn resolve(&self, id: &str) -> Option<&str> {
        let mut current = self.table.get(id)?.to.as_str();
        for _ in 0..self.table.len() {
            match self.table.get(current) {
                Some(next) => current = next.to.as_str(),
                None => return Some(current),
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Redirects {
        match Redirects::from_json_bytes(text.as_bytes()) {
            Ok(table) => table,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn reads_resolves_and_writes_back_canonically() {
        let redirects = table(
            r#"{"acme": {"to": "acme-widgets", "reason": "renamed", "date": "2026-05-01"},
                "acme-old": {"to": "acme-widgets", "reason": "merged", "date": "2026-05-02", "note": "one company", "later": 1}}"#,
        );
        assert_eq!(redirects.resolve("acme"), Some("acme-widgets"));
        assert_eq!(redirects.resolve("acme-widgets"), None);
        let old = redirects.get("acme-old").map(|r| &r.reason);
        assert_eq!(old, Some(&RedirectReason::Merged));
        let text = redirects.to_canonical_text();
        assert!(text.contains("\"later\": 1"), "{text}");
        assert_eq!(table(&text), redirects);
    }

    #[test]
    fn a_cycle_resolves_to_nothing_and_ends() {
        let redirects = table(
            r#"{"a": {"to": "b", "reason": "renamed", "date": "2026-05-01"},
                "b": {"to": "a", "reason": "renamed", "date": "2026-05-01"}}"#,
        );
        assert_eq!(redirects.resolve("a"), None);
    }

    #[test]
    fn a_bad_date_or_a_missing_target_does_not_fit() {
        for text in [
            r#"{"a": {"to": "b", "reason": "renamed", "date": "2026-13-01"}}"#,
            r#"{"a": {"reason": "renamed", "date": "2026-01-01"}}"#,
            r#"[]"#,
        ] {
            assert!(
                Redirects::from_json_bytes(text.as_bytes()).is_err(),
                "{text}"
            );
        }
    }
}
