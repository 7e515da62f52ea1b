//! # text-invisible
//!
//! ## What it catches
//! Bidirectional controls (U+202A–U+202E, U+2066–U+2069), zero-width characters (U+200B–U+200F,
//! U+2060–U+2064, U+FEFF) and every other control character except the new line `\n`, in any
//! string or key of an entry, raw or escaped (`\u0000`).
//!
//! ## Why it matters
//! They hide text from reviewers: a bidi override makes a name read differently than it is
//! stored, a zero-width space makes two equal names differ, a control character corrupts logs
//! and terminals. A line break in a name or a title splits a Markdown table row or list item
//! in the review, and a commit message or a heading built from it.
//!
//! ## Example
//! ```json
//! "name": "Acme\u200bWidgets"
//! ```
//!
//! ## Use instead
//! ```json
//! "name": "Acme Widgets"
//! ```
//!
//! ## Fix
//! Not automatic: the character may stand for a real one (a space) that a person must choose.

use super::{EntryContext, Finding, Findings};
use crate::json::Node;
use crate::json::Target;
use crate::json::walk::walk;
use crate::text::is_invisible;

pub(crate) const CODE: super::RuleCode = super::RuleCode::TextInvisible;

/// Checks one of the fields the field table marks `one_line` (its registry row's
/// text-field check, called in the one walk of those fields).
pub(crate) fn check_line(node: &Node<'_>, pointer: &dyn Fn() -> String, out: &mut Findings) {
    let Some(text) = node.as_str() else {
        return;
    };
    if let Some(at) = memchr::memchr(b'\n', text.as_bytes()) {
        out.push(
            Finding::new(
                CODE,
                Target::text(pointer(), at..at + 1),
                "this value is one line, but it contains a line break: rows, headings and commit messages built from it would split there".to_owned(),
            )
            .label("line break")
            .help("join the lines with a space"),
        );
    }
}

/// Finds invisible characters in every key and string of the entry.
pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    // Most entries are plain ASCII: the text proves it without visiting every string.
    if !ctx.may_hold_non_ascii_text() {
        return;
    }
    walk(ctx.value, |path, value| {
        if let Some(key) = path.key()
            && let Some(c) = first_invisible(key)
        {
            out.push(finding(Target::key(path.pointer()), c.1, "key"));
        }
        if let Node::String(s) = value
            && let Some((at, c)) = first_invisible(s)
        {
            out.push(finding(
                Target::text(path.pointer(), at..at + c.len_utf8()),
                c,
                "string",
            ));
        }
    });
}

fn first_invisible(s: &str) -> Option<(usize, char)> {
    // Printable ASCII is never invisible: most strings are decided without decoding a char.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b) || b == b'\n') {
        return None;
    }
    s.char_indices().find(|(_, c)| is_invisible(*c))
}

fn finding(target: Target, c: char, what: &str) -> Finding {
    Finding::new(
        CODE,
        target,
        format!("this {what} contains the invisible character U+{:04X}, which hides text from reviewers", c as u32),
    )
    .label(format!("U+{:04X}", c as u32))
    .help("remove the character (replace it with a plain space if it separates words)")
}
