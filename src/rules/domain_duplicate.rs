//! # domain-duplicate
//!
//! ## What it catches
//! The same domain in the `domains` of two entries.
//!
//! ## Why it matters
//! Extensions and apps load `domains.json` to tell a shopper which company a site belongs to;
//! a domain that belongs to two entries makes that answer ambiguous.
//!
//! ## Example
//! `"domains": ["acme.example"]` in both `acme-widgets.json` and `acme-gadgets.json`.
//!
//! ## Use instead
//! Keep the domain in the entry of the company that operates it; a subsidiary's own host
//! (`gadgets.acme.example`) can stand in its own entry, since the longest matching domain wins.
//!
//! ## Fix
//! Not automatic.

use super::Finding;
use super::entry_duplicate::{IdentityKeys, shared_keys};
use crate::identity::KeyKind;
use crate::json::Target;
use crate::text::quoted;

pub(crate) const CODE: super::RuleCode = super::RuleCode::DomainDuplicate;

pub(crate) fn check(
    entries: &[(String, IdentityKeys)],
    report_for: &dyn Fn(&str) -> bool,
) -> Vec<(String, Finding)> {
    shared_keys(entries, report_for, CODE, finding)
}

fn finding(
    _kind: KeyKind,
    (pointer, raw): (&str, &str),
    other_file: &str,
    (other_pointer, _): (&str, &str),
) -> Finding {
    Finding::new(
        CODE,
        Target::value(pointer.to_owned()),
        format!("the domain {} is also in {other_file}", quoted(raw)),
    )
    .label(format!("also in {other_file}"))
    .help("keep the domain in the entry of the company that operates it")
    .related(
        Some(other_file.to_owned()),
        Target::value(other_pointer.to_owned()),
        "the other entry",
    )
}
