//! # redirect-invalid
//!
//! ## What it catches
//! A redirect table (`dataset/redirects.json`) that `schema/redirects.schema.json` forbids
//! (an old id that is not a slug, a missing `to`, `reason` or `date`, a reason other than
//! `merged` or `renamed`), and redirects that do not resolve: a target that is not an entry,
//! a target that is itself redirected (a chain, or a cycle), a redirect to itself, and an old
//! id that is also an entry.
//!
//! ## Why it matters
//! Downstream projects that kept an old id look it up in the table and expect one entry in
//! one step. A dangling target, a chain or an old id that still names an entry of its own
//! gives them no answer, or two.
//!
//! ## Example
//! ```json
//! { "acme": { "to": "acme-widgets", "reason": "merged", "date": "2026-05-01" } }
//! ```
//! with no `dataset/acme-widgets.json`, or with `dataset/acme.json` still there.
//!
//! ## Use instead
//! Point every old id straight at an entry that exists, and delete the old entry's file in
//! the same change.
//!
//! ## Fix
//! Not automatic.

use super::Finding;
use crate::json::{Target, escape_pointer_token};
use crate::model::Redirects;
use crate::text::quoted;
use serde_json::Value;
use std::sync::OnceLock;

pub(crate) const CODE: super::RuleCode = super::RuleCode::RedirectInvalid;

/// The table's schema, as published in `schema/`: the binary checks the table with the very
/// file consumers read, and the build writes it beside the entries' schema.
pub(crate) const SCHEMA: &str = include_str!("../../schema/redirects.schema.json");

/// Where the table's schema lives, in the repository and in a build.
pub(crate) const SCHEMA_PATH: &str = "schema/redirects.schema.json";

fn validator() -> Option<&'static jsonschema::Validator> {
    static VALIDATOR: OnceLock<Option<jsonschema::Validator>> = OnceLock::new();
    VALIDATOR
        .get_or_init(|| {
            let document: Value = serde_json::from_str(SCHEMA).ok()?;
            jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .should_validate_formats(true)
                .build(&document)
                .ok()
        })
        .as_ref()
}

/// Checks the parsed table; `is_entry` says whether an id names an entry of the dataset.
pub(crate) fn check(table: &Value, is_entry: &dyn Fn(&str) -> bool) -> Vec<Finding> {
    let mut findings = Vec::new();
    if let Some(validator) = validator() {
        for error in validator.iter_errors(table) {
            let pointer = error.instance_path().to_string();
            findings.push(
                Finding::new(
                    CODE,
                    Target::value(pointer),
                    format!(
                        "the redirect table breaks its schema: {}",
                        crate::text::escape_untrusted(&error.to_string())
                    ),
                )
                .help("each old id maps to { \"to\": id, \"reason\": \"merged\" | \"renamed\", \"date\": \"YYYY-MM-DD\" } and an optional \"note\""),
            );
        }
    }
    if !findings.is_empty() {
        return findings;
    }
    let Ok(redirects) = serde_json::from_value::<Redirects>(table.clone()) else {
        return findings;
    };
    for (old, redirect) in redirects.iter() {
        let at = format!("/{}", escape_pointer_token(old));
        let to = redirect.to.as_str();
        if !crate::dataset::names::is_entry_id(old) {
            findings.push(
                Finding::new(
                    CODE,
                    Target::key(at.clone()),
                    format!(
                        "{} can never have been an entry's id (a reserved id or a Windows device name)",
                        quoted(old)
                    ),
                )
                .label("not an id")
                .help("list only ids that entries had"),
            );
            continue;
        }
        if is_entry(old) {
            findings.push(
                Finding::new(
                    CODE,
                    Target::key(at.clone()),
                    format!(
                        "{} is redirected, but dataset/{old}.json is still an entry: an id names one thing",
                        quoted(old)
                    ),
                )
                .label("still an entry")
                .help(format!(
                    "delete dataset/{old}.json in the change that redirects it, or drop the redirect"
                )),
            );
        }
        let target = format!("{at}/to");
        if to == old {
            findings.push(
                Finding::new(CODE, Target::value(target), format!("{} redirects to itself", quoted(old)))
                    .label("redirects to itself")
                    .help("point it at the entry that now carries the company"),
            );
        } else if let Some(next) = redirects.get(to) {
            let what = if redirects.resolve(old).is_none() {
                "a cycle"
            } else {
                "a chain"
            };
            findings.push(
                Finding::new(
                    CODE,
                    Target::value(target),
                    format!(
                        "{} redirects to {}, which is itself redirected to {}: {what}",
                        quoted(old),
                        quoted(to),
                        quoted(&next.to)
                    ),
                )
                .label(format!("{what} of redirects"))
                .help("point every old id straight at the entry it ends at"),
            );
        } else if !is_entry(to) {
            findings.push(
                Finding::new(
                    CODE,
                    Target::value(target),
                    format!(
                        "{} redirects to {}, which is not an entry (no dataset/{to}.json)",
                        quoted(old),
                        quoted(to)
                    ),
                )
                .label("no such entry")
                .help("point it at an entry that exists"),
            );
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(table: &str, entries: &[&str]) -> Vec<String> {
        let value: Value = serde_json::from_str(table).unwrap_or(Value::Null);
        check(&value, &|id| entries.contains(&id))
            .into_iter()
            .map(|f| format!("{} {}", f.target.pointer, f.message))
            .collect()
    }

    #[test]
    fn a_valid_table_passes() {
        let table = r#"{"acme": {"to": "acme-widgets", "reason": "merged", "date": "2026-05-01", "note": "one company"}}"#;
        assert_eq!(messages(table, &["acme-widgets"]), Vec::<String>::new());
    }

    #[test]
    fn schema_breaches_are_reported_where_they_are() {
        let found = messages(
            r#"{"Acme": {"to": "acme-widgets", "reason": "bought", "date": "2026-02-30", "extra": 1}}"#,
            &["acme-widgets"],
        );
        assert!(found.iter().any(|m| m.starts_with("/Acme/reason ")), "{found:?}");
        assert!(found.iter().any(|m| m.starts_with("/Acme/date ")), "{found:?}");
        assert!(found.iter().any(|m| m.contains("\"Acme\"")), "{found:?}");
        assert!(found.iter().any(|m| m.contains("extra")), "{found:?}");
    }

    #[test]
    fn dangling_chained_cyclic_self_and_shadowed_redirects_are_each_reported() {
        let table = r#"{
            "gone": {"to": "nowhere", "reason": "merged", "date": "2026-05-01"},
            "a": {"to": "b", "reason": "renamed", "date": "2026-05-01"},
            "b": {"to": "acme-widgets", "reason": "renamed", "date": "2026-05-01"},
            "x": {"to": "y", "reason": "renamed", "date": "2026-05-01"},
            "y": {"to": "x", "reason": "renamed", "date": "2026-05-01"},
            "me": {"to": "me", "reason": "renamed", "date": "2026-05-01"},
            "acme-gadgets": {"to": "acme-widgets", "reason": "merged", "date": "2026-05-01"}
        }"#;
        let found = messages(table, &["acme-widgets", "acme-gadgets"]);
        let has = |start: &str, part: &str| found.iter().any(|m| m.starts_with(start) && m.contains(part));
        assert!(has("/gone/to ", "not an entry"), "{found:?}");
        assert!(has("/a/to ", "a chain"), "{found:?}");
        assert!(has("/x/to ", "a cycle"), "{found:?}");
        assert!(has("/y/to ", "a cycle"), "{found:?}");
        assert!(has("/me/to ", "itself"), "{found:?}");
        assert!(has("/acme-gadgets ", "still an entry"), "{found:?}");
        assert!(!found.iter().any(|m| m.starts_with("/b/")), "{found:?}");
        assert_eq!(found.len(), 6, "{found:?}");
    }

    #[test]
    fn the_reserved_id_is_never_an_old_id() {
        let reserved = r#"{"redirects": {"to": "acme-widgets", "reason": "renamed", "date": "2026-05-01"}}"#;
        let found = messages(reserved, &["acme-widgets"]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("redirects"), "{found:?}");
        let device = r#"{"nul": {"to": "acme-widgets", "reason": "renamed", "date": "2026-05-01"}}"#;
        let found = messages(device, &["acme-widgets"]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("can never have been"), "{found:?}");
    }
}
