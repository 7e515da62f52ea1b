//! # entry-duplicate
//!
//! ## What it catches
//! Two entries that are the same company: their `name` or any alias collide after NFKC, case
//! folding, removing punctuation and spaces, and mapping confusable characters to their
//! Unicode TR39 skeleton (a Cyrillic `А` in `Аcme` matches a Latin `A`); or they share an
//! identifier: `wikidata`, `lei`, `uei`, `cage`, `cik` (leading zeros aside), `opencorporates`,
//! the `website` host, or a ticker. Both files are named.
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
pub(crate) use crate::identity::IdentityKeys;
use crate::identity::KeyKind;
use crate::json::Target;
use crate::text::quoted;
use rayon::slice::ParallelSliceMut;

pub(crate) const CODE: super::RuleCode = super::RuleCode::EntryDuplicate;

/// The indices of `fingerprints` (one list per entry) that share a fingerprint with another
/// entry: the only entries [`check`] can find a collision between.
pub(crate) fn sharing_a_fingerprint(fingerprints: &[Box<[u64]>]) -> Vec<usize> {
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
pub(crate) fn check(
    entries: &[(String, IdentityKeys)],
    report_for: &dyn Fn(&str) -> bool,
) -> Vec<(String, Finding)> {
    // Domains have a rule of their own (`domain-duplicate`).
    shared_keys(entries, report_for, CODE, finding)
}

/// The `entry-duplicate` finding for `file`, whose key at `pointer` (`raw`, of `kind`) is also
/// `other_file`'s (at `other_pointer`, `other_raw`).
fn finding(
    kind: KeyKind,
    (pointer, raw): (&str, &str),
    other_file: &str,
    (other_pointer, other_raw): (&str, &str),
) -> Finding {
    let what = kind.as_str();
    Finding::new(
        CODE,
        Target::value(pointer.to_owned()),
        format!(
            "this entry looks like the same company as {other_file}: the {what} {} matches {}",
            quoted(raw),
            quoted(other_raw)
        ),
    )
    .label(format!("same {what} as {other_file}"))
    .help("keep one entry per company and list other names as aliases")
    .related(
        Some(other_file.to_owned()),
        Target::value(other_pointer.to_owned()),
        "the other entry",
    )
}

/// The rule that reports two entries sharing a key of `kind`: a shared domain can be a mistake
/// between two companies (`domain-duplicate`); any other key says they are one company
/// (`entry-duplicate`). The lint, `--changed-since`, intake and import all decide by this.
pub(crate) fn rule_reading(kind: KeyKind) -> super::RuleCode {
    match kind {
        KeyKind::Domain => super::RuleCode::DomainDuplicate,
        KeyKind::Name
        | KeyKind::Wikidata
        | KeyKind::Lei
        | KeyKind::WebsiteHost
        | KeyKind::Ticker
        | KeyKind::Uei
        | KeyKind::Cage
        | KeyKind::Cik
        | KeyKind::OpenCorporates => CODE,
    }
}

/// Makes a finding from (kind, (pointer, value) in this file, the other file, (pointer, value)
/// there).
pub(crate) type MakeFinding = fn(KeyKind, (&str, &str), &str, (&str, &str)) -> Finding;

/// Keys of the kinds `rule` reads ([`rule_reading`]) that two entries share, one finding per
/// pair of files at the first key that collides, made by `make`.
pub(crate) fn shared_keys(
    entries: &[(String, IdentityKeys)],
    report_for: impl Fn(&str) -> bool,
    rule: super::RuleCode,
    make: MakeFinding,
) -> Vec<(String, Finding)> {
    // Every (kind, key) with where it is, sorted so that owners of one key are neighbours: a
    // sort costs no allocation per key, where a map of owner lists cost one (the profile of a
    // full lint showed that map as the largest step left on one thread).
    let mut keyed: Vec<(KeyKind, &str, usize, usize)> = entries
        .iter()
        .enumerate()
        .flat_map(|(e, (_, identity))| {
            identity
                .keys
                .iter()
                .enumerate()
                .filter(|(_, key)| rule_reading(key.kind) == rule)
                .map(move |(k, key)| (key.kind, key.key.as_str(), e, k))
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
                let (Some(this), Some(other)) = (
                    entries[e].1.keys.get(k),
                    entries[other_e].1.keys.get(other_k),
                ) else {
                    continue;
                };
                let other_file = &entries[other_e].0;
                findings.push((
                    file.clone(),
                    make(
                        this.kind,
                        (&this.pointer, &this.written),
                        other_file,
                        (&other.pointer, &other.written),
                    ),
                ));
            }
        }
    }
    findings
}
