//! # entry-duplicate
//!
//! ## What it catches
//! Two entries that are the same company: their `name` or any alias collide after NFKC, case
//! folding, removing punctuation and spaces, and mapping confusable characters to their
//! Unicode TR39 skeleton (a Cyrillic `А` in `Аcme` matches a Latin `A`); or they share an
//! identifier: `wikidata`, `lei`, the `website` host, or a ticker. Both files are named.
//!
//! ## Why it matters
//! Two entries for one company split its sources, disagree with each other, and count it twice
//! downstream.
//!
//! ## Example
//! `acme-widgets.json` with `"name": "Acme Widgets"` and `acme.json` with
//! `"aliases": ["ACME widgets"]`.
//!
//! ## Use instead
//! One entry, with the other names as `aliases`.
//!
//! ## Fix
//! Not automatic: merge the two entries (and delist, never delete, a published one).

use super::Finding;
use crate::identity::{name_skeleton, website_host};
use crate::json::JsonRead;
use crate::json::Target;
use crate::text::quoted;
use rayon::slice::ParallelSliceMut;

pub const CODE: super::RuleCode = super::RuleCode::EntryDuplicate;

/// What one entry contributes to the dataset-wide identity check. Small, so that a full lint
/// keeps only this per entry.
#[derive(Debug, Clone, Default)]
pub struct IdentityKeys {
    /// (kind, normalized key, pointer of the value, the value as written)
    pub keys: Vec<(&'static str, String, String, String)>,
}

impl IdentityKeys {
    pub fn of(entry: &impl JsonRead) -> Self {
        let mut keys = Vec::new();
        let mut push_name = |pointer: String, name: &str| {
            let key = name_skeleton(name);
            if !key.is_empty() {
                keys.push(("name", key, pointer, name.to_owned()));
            }
        };
        if let Some(name) = entry.member("name").and_then(JsonRead::text) {
            push_name("/name".to_owned(), name);
        }
        if let Some(aliases) = entry.member("aliases").and_then(JsonRead::items) {
            for (i, alias) in aliases.iter().enumerate() {
                if let Some(alias) = alias.text() {
                    push_name(format!("/aliases/{i}"), alias);
                }
            }
        }
        let ids = entry.member("identifiers");
        let mut push_id = |kind: &'static str, pointer: String, raw: &str, key: Option<String>| {
            if let Some(key) = key.filter(|k| !k.is_empty()) {
                keys.push((kind, key, pointer, raw.to_owned()));
            }
        };
        for kind in ["wikidata", "lei"] {
            if let Some(raw) = ids.and_then(|i| i.member(kind)).and_then(JsonRead::text) {
                push_id(
                    kind,
                    format!("/identifiers/{kind}"),
                    raw,
                    Some(raw.trim().to_ascii_uppercase()),
                );
            }
        }
        if let Some(raw) = ids
            .and_then(|i| i.member("website"))
            .and_then(JsonRead::text)
        {
            push_id(
                "website host",
                "/identifiers/website".to_owned(),
                raw,
                website_host(raw),
            );
        }
        if let Some(tickers) = ids
            .and_then(|i| i.member("tickers"))
            .and_then(JsonRead::items)
        {
            for (i, t) in tickers.iter().enumerate() {
                if let Some(raw) = t.text() {
                    push_id(
                        "ticker",
                        format!("/identifiers/tickers/{i}"),
                        raw,
                        Some(raw.trim().to_ascii_uppercase()),
                    );
                }
            }
        }
        IdentityKeys { keys }
    }
}

impl IdentityKeys {
    /// The keys of an entry file's bytes, if they decode and parse.
    pub fn of_bytes(bytes: &[u8]) -> Option<Self> {
        let decoded = crate::json::decode(bytes);
        let text = decoded.parse_text()?;
        let (entry, _) = crate::json::parse_doc(&text).ok()?;
        Some(Self::of(&entry))
    }

    /// A hash of each (kind, key): what a full lint keeps per entry. Two entries can collide
    /// only if they share a fingerprint; the few that do are read again for their full keys
    /// ([`check`] decides on those), so a run over 100,000 entries keeps 8 bytes per key.
    pub fn fingerprints(&self) -> Box<[u64]> {
        use std::hash::{Hash, Hasher};
        self.keys
            .iter()
            .map(|(kind, key, _, _)| {
                let mut hasher = std::hash::DefaultHasher::new();
                (kind, key).hash(&mut hasher);
                hasher.finish()
            })
            .collect()
    }
}

/// The indices of `fingerprints` (one list per entry) that share a fingerprint with another
/// entry: the only entries [`check`] can find a collision between.
pub fn sharing_a_fingerprint(fingerprints: &[Box<[u64]>]) -> Vec<usize> {
    let mut all: Vec<(u64, usize)> = fingerprints
        .iter()
        .enumerate()
        .flat_map(|(e, prints)| prints.iter().map(move |&p| (p, e)))
        .collect();
    all.par_sort_unstable();
    all.dedup();
    let mut shared: Vec<usize> = all
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|group| group.len() > 1)
        .flat_map(|group| group.iter().map(|&(_, e)| e))
        .collect();
    shared.sort_unstable();
    shared.dedup();
    shared
}

/// Finds collisions. `entries` is (file, keys); `report_for` says which files get findings
/// (all of them in a full lint, only the changed ones with `--changed-since`).
pub fn check(
    entries: &[(String, IdentityKeys)],
    report_for: impl Fn(&str) -> bool,
) -> Vec<(String, Finding)> {
    // Every (kind, key) with where it is, sorted so that owners of one key are neighbours: a
    // sort costs no allocation per key, where a map of owner lists cost one (the profile of a
    // full lint showed that map as the largest step left on one thread).
    let mut keyed: Vec<(&str, &str, usize, usize)> = entries
        .iter()
        .enumerate()
        .flat_map(|(e, (_, identity))| {
            identity
                .keys
                .iter()
                .enumerate()
                .map(move |(k, (kind, key, _, _))| (*kind, key.as_str(), e, k))
        })
        .collect();
    keyed.par_sort_unstable();
    let mut findings = Vec::new();
    let mut reported = std::collections::HashSet::new();
    for group in keyed.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
        if group.len() < 2 {
            continue;
        }
        let places: Vec<(usize, usize)> = group.iter().map(|&(_, _, e, k)| (e, k)).collect();
        for &(e, k) in &places {
            let file = &entries[e].0;
            if !report_for(file) {
                continue;
            }
            for &(other_e, other_k) in places.iter().filter(|(oe, _)| *oe != e) {
                // One finding per pair of files, at the first key that collides.
                if !reported.insert((e, other_e)) {
                    continue;
                }
                let (kind, _, pointer, raw) = &entries[e].1.keys[k];
                let (_, _, other_pointer, other_raw) = &entries[other_e].1.keys[other_k];
                let other_file = &entries[other_e].0;
                let what = if *kind == "name" { "name" } else { kind };
                findings.push((
                    file.clone(),
                    Finding::new(
                        CODE,
                        Target::value(pointer.clone()),
                        format!(
                            "this entry looks like the same company as {other_file}: the {what} {} matches {}",
                            quoted(raw),
                            quoted(other_raw)
                        ),
                    )
                    .label(format!("same {what} as {other_file}"))
                    .help("keep one entry per company and list other names as aliases")
                    .related(Some(other_file.clone()), Target::value(other_pointer.clone()), "the other entry"),
                ));
            }
        }
    }
    findings
}
