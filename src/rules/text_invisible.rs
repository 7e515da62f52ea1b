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
//! and terminals.
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

use super::{EntryContext, Finding};
use crate::json::{Target, escape_pointer_token};
use crate::text::is_invisible;
use serde_json::Value;

pub const CODE: &str = "text-invisible";

pub fn check(ctx: &EntryContext<'_>, out: &mut Vec<Finding>) {
    // An explicit stack: entries are shallow, but a walk of our own must not be the thing that
    // overflows on hostile input.
    let mut stack: Vec<(String, &Value)> = vec![(String::new(), ctx.value)];
    while let Some((pointer, value)) = stack.pop() {
        match value {
            Value::String(s) => {
                if let Some((at, c)) = s.char_indices().find(|(_, c)| is_invisible(*c)) {
                    out.push(finding(
                        Target::text(pointer, at..at + c.len_utf8()),
                        c,
                        "string",
                    ));
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate().rev() {
                    stack.push((format!("{pointer}/{i}"), item));
                }
            }
            Value::Object(map) => {
                for (key, item) in map.iter().rev() {
                    let child = format!("{pointer}/{}", escape_pointer_token(key));
                    if let Some(c) = key.chars().find(|c| is_invisible(*c)) {
                        out.push(finding(Target::key(child.clone()), c, "key"));
                    }
                    stack.push((child, item));
                }
            }
            _ => {}
        }
    }
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
