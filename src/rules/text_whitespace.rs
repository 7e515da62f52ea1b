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

use super::{Finding, Findings};
use crate::json::{Node, Target};
use crate::text::quoted;

pub(crate) const CODE: super::RuleCode = super::RuleCode::TextWhitespace;

/// Checks one of the fields the field table marks `trimmed` (its registry row's
/// text-field check, called in the one walk of those fields).
pub(crate) fn check_text(node: &Node<'_>, pointer: &dyn Fn() -> String, out: &mut Findings) {
    let Some(text) = node.as_str() else {
        return;
    };
    // Most strings start and end with a letter: skip the Unicode whitespace tables.
    let (Some(first), Some(last)) = (text.chars().next(), text.chars().next_back()) else {
        return;
    };
    if !first.is_whitespace() && !last.is_whitespace() {
        return;
    }
    let pointer = pointer();
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

/// Trims leading and trailing whitespace at the fields `text-whitespace` checks; returns how
/// many values changed.
pub(crate) fn trim_text_fields(entry: &mut serde_json::Value) -> usize {
    let mut changed = 0;
    for field in crate::fields::value_pointers(|p| p.trimmed) {
        crate::fields::for_each_value_mut(entry, &field, &mut |value| {
            if let serde_json::Value::String(text) = value
                && text.trim() != text.as_str()
            {
                *text = text.trim().to_owned();
                changed += 1;
            }
        });
    }
    changed
}

/// `--fix`: trims every value this rule reports.
pub(crate) fn fix(entry: &mut serde_json::Value) -> super::Repair {
    match trim_text_fields(entry) {
        0 => super::Repair::Unchanged,
        trimmed => super::Repair::Repaired(format!("trimmed whitespace around {trimmed} value(s)")),
    }
}
