//! # text-whitespace
//!
//! ## What it catches
//! Leading or trailing whitespace (spaces, tabs, line breaks, no-break spaces) in a name, an
//! alias, an industry, the headquarters, the parent company, or a source's title or publisher.
//!
//! ## Why it matters
//! These values are matched and compared: `" Acme Widgets"` is not found by a search for
//! `Acme Widgets`, sorts apart from it, and in a CSV export a leading space in front of `=`
//! or `+` is how a formula slips past a spreadsheet's guard.
//!
//! ## Example
//! ```json
//! "name": " Acme Widgets "
//! ```
//!
//! ## Use instead
//! ```json
//! "name": "Acme Widgets"
//! ```
//!
//! ## Fix
//! `icelist lint --fix` trims the value.

use super::{EntryContext, Finding, Findings};
use crate::json::{Node, Target};
use crate::text::quoted;

pub const CODE: super::RuleCode = super::RuleCode::TextWhitespace;

/// Single-value fields and list fields the rule checks (`*`: every element).
pub const TRIMMED_FIELDS: &[&str] = &[
    "/name",
    "/aliases/*",
    "/industry/*",
    "/headquarters",
    "/parent_company",
    "/sources/*/title",
    "/sources/*/publisher",
];

/// Every string at the checked fields, with its JSON Pointer.
pub fn checked_strings<'a>(value: &'a Node<'a>) -> Vec<(String, &'a str)> {
    let mut found = Vec::new();
    for field in TRIMMED_FIELDS {
        match field.split_once("/*") {
            None => {
                if let Some(text) = value.pointer(field).and_then(Node::as_str) {
                    found.push(((*field).to_owned(), text));
                }
            }
            Some((list, rest)) => {
                let items = value.pointer(list).and_then(Node::as_array).unwrap_or(&[]);
                for (i, item) in items.iter().enumerate() {
                    let inner = if rest.is_empty() {
                        Some(item)
                    } else {
                        item.pointer(rest)
                    };
                    if let Some(text) = inner.and_then(Node::as_str) {
                        found.push((format!("{list}/{i}{rest}"), text));
                    }
                }
            }
        }
    }
    found
}

pub fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    for (pointer, text) in checked_strings(ctx.value) {
        if text.trim() == text {
            continue;
        }
        out.push(
            Finding::new(
                CODE,
                Target::value(pointer.clone()),
                format!(
                    "{pointer} {} starts or ends with whitespace, so it does not match the same text without it",
                    quoted(text)
                ),
            )
            .fix(super::Fix::TrimWhitespace)
            .label("leading or trailing whitespace")
            .help(format!(
                "write it as {}; `icelist lint --fix` trims it",
                quoted(text.trim())
            )),
        );
    }
}
