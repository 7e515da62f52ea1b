//! # json-syntax
//!
//! ## What it catches
//! A file that is not strict JSON (RFC 8259): a trailing comma, a missing comma or quote,
//! a comment, single quotes, nesting deeper than 128 levels, text after the value.
//!
//! ## Why it matters
//! Every tool that reads the dataset expects plain JSON. A file that does not parse cannot
//! be checked, reviewed or exported, so nothing else about it is known.
//!
//! ## Example
//! ```json
//! { "id": "acme-widgets", "name": "Acme Widgets", }
//! ```
//!
//! ## Use instead
//! ```json
//! { "id": "acme-widgets", "name": "Acme Widgets" }
//! ```
//!
//! ## Fix
//! Not automatic: correct the text at the position shown. `icelist fmt` never touches a file
//! that does not parse.

use super::Finding;
use crate::json::Target;
use crate::text::LineIndex;

pub(crate) const CODE: super::RuleCode = super::RuleCode::JsonSyntax;

/// Turns `serde_json`'s error into a finding at the byte where parsing stopped.
pub(crate) fn from_serde(text: &str, error: &serde_json::Error) -> Finding {
    let offset = byte_offset(text, error.line(), error.column());
    let end = text[offset..]
        .chars()
        .next()
        .map_or(offset, |c| offset + c.len_utf8());
    let full = error.to_string();
    let message = full
        .rsplit_once(" at line ")
        .map_or(full.as_str(), |(head, _)| head)
        .to_owned();
    let help = help_for(&message);
    let at = LineIndex::new(text).line_column(offset);
    // serde_json refuses numbers beyond a double's range while parsing; that is a number
    // problem, not a syntax one.
    let code = if message.contains("number out of range") {
        super::json_number::CODE
    } else {
        CODE
    };
    let mut finding = Finding::new(
        code,
        Target::bytes(offset..end),
        format!(
            "invalid JSON: {message} (line {}, column {})",
            at.line, at.column
        ),
    )
    .label(message.clone());
    if let Some(help) = help {
        finding = finding.help(help);
    }
    finding
}

/// `serde_json` reports a 1-based line and a 1-based byte column.
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let mut offset = (line_start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn help_for(message: &str) -> Option<&'static str> {
    let help = if message.contains("trailing comma") {
        "remove the comma after the last item: JSON does not allow trailing commas"
    } else if message.contains("recursion limit") {
        "an entry never nests this deep: check for unbalanced brackets"
    } else if message.contains("control character") {
        "write control characters as escapes (\\n for a new line) inside strings"
    } else if message.contains("key must be a string") {
        "put property names in double quotes: \"name\": ..."
    } else if message.contains("EOF") {
        "the file ends too early: check for a missing closing bracket or quote"
    } else if message.contains("trailing characters") {
        "a file holds exactly one JSON object: remove what follows it"
    } else {
        "check the JSON syntax at the position shown"
    };
    Some(help)
}
