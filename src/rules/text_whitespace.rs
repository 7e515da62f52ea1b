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

pub(crate) const CODE: super::RuleCode = super::RuleCode::TextWhitespace;

/// Single-value fields and list fields the rule checks (`*`: every element).
pub(crate) const TRIMMED_FIELDS: &[&str] = &[
    "/name",
    "/aliases/*",
    "/industry/*",
    "/headquarters",
    "/parent_company",
    "/sources/*/title",
    "/sources/*/publisher",
];

/// [`TRIMMED_FIELDS`] by shape: single strings, lists of strings, and fields of each source.
const SINGLE: [&str; 3] = ["name", "headquarters", "parent_company"];
const LISTS: [&str; 2] = ["aliases", "industry"];
const SOURCE_FIELDS: [&str; 2] = ["title", "publisher"];

/// Calls `f` with every string at the checked fields and a way to spell its JSON Pointer
/// (built only for the rare string that is reported).
pub(crate) fn each_checked_string<'a>(
    value: &'a Node<'a>,
    mut f: impl FnMut(&'a str, &dyn Fn() -> String),
) {
    for field in SINGLE {
        if let Some(text) = value.get(field).and_then(Node::as_str) {
            f(text, &|| format!("/{field}"));
        }
    }
    for list in LISTS {
        let items = value.get(list).and_then(Node::as_array).unwrap_or(&[]);
        for (i, item) in items.iter().enumerate() {
            if let Some(text) = item.as_str() {
                f(text, &|| format!("/{list}/{i}"));
            }
        }
    }
    let sources = value.get("sources").and_then(Node::as_array).unwrap_or(&[]);
    for (i, source) in sources.iter().enumerate() {
        for field in SOURCE_FIELDS {
            if let Some(text) = source.get(field).and_then(Node::as_str) {
                f(text, &|| format!("/sources/{i}/{field}"));
            }
        }
    }
}

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    each_checked_string(ctx.value, |text, pointer| {
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
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixer trims by TRIMMED_FIELDS; the check walks the same fields by shape.
    #[test]
    fn the_shapes_are_the_listed_fields() {
        let mut shaped: Vec<String> = SINGLE.iter().map(|f| format!("/{f}")).collect();
        shaped.extend(LISTS.iter().map(|l| format!("/{l}/*")));
        shaped.extend(SOURCE_FIELDS.iter().map(|f| format!("/sources/*/{f}")));
        shaped.sort();
        let mut listed: Vec<String> = TRIMMED_FIELDS.iter().map(|f| (*f).to_owned()).collect();
        listed.sort();
        assert_eq!(shaped, listed);
    }
}
