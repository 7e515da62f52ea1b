//! # name-not-nfc
//!
//! ## What it catches
//! A `name` or alias that is not in Unicode Normalization Form C (an `é` written as `e` plus a
//! combining accent).
//!
//! ## Why it matters
//! Two spellings that look identical compare unequal: searches, joins with other datasets and
//! duplicate detection miss the company.
//!
//! ## Example
//! ```json
//! "name": "Acme Widgets Caf\u0065\u0301"
//! ```
//!
//! ## Use instead
//! ```json
//! "name": "Acme Widgets Caf\u00e9"
//! ```
//!
//! ## Fix
//! Not automatic: retype the name, or paste it from a source that uses NFC.

use super::{EntryContext, Finding};
use crate::json::Target;
use crate::text::quoted;
use unicode_normalization::{IsNormalized, is_nfc_quick};

pub const CODE: &str = "name-not-nfc";

/// The pointers of the entry's name and aliases, with their text.
pub fn names<'a>(ctx: &EntryContext<'a>) -> Vec<(String, &'a str)> {
    let mut names = Vec::new();
    if let Some(name) = ctx.value.get("name").and_then(serde_json::Value::as_str) {
        names.push(("/name".to_owned(), name));
    }
    if let Some(aliases) = ctx
        .value
        .get("aliases")
        .and_then(serde_json::Value::as_array)
    {
        for (i, alias) in aliases.iter().enumerate() {
            if let Some(alias) = alias.as_str() {
                names.push((format!("/aliases/{i}"), alias));
            }
        }
    }
    names
}

pub fn check(ctx: &EntryContext<'_>, out: &mut Vec<Finding>) {
    for (pointer, name) in names(ctx) {
        let normalized = match is_nfc_quick(name.chars()) {
            IsNormalized::Yes => true,
            _ => unicode_normalization::is_nfc(name),
        };
        if !normalized {
            out.push(
                Finding::new(CODE, Target::value(pointer), format!("{} is not in Unicode NFC", quoted(name)))
                    .label("not NFC")
                    .help("write accented letters as single characters (NFC) so the name compares equal to itself"),
            );
        }
    }
}
