//! # json-duplicate-key
//!
//! ## What it catches
//! An object that has the same key twice.
//!
//! ## Why it matters
//! JSON parsers disagree on repeated keys: most keep the last value silently, some the first,
//! some fail. A reviewer reading one value while tools use the other is how wrong data ships.
//!
//! ## Example
//! ```json
//! { "name": "Acme Widgets", "name": "Acme Gadgets" }
//! ```
//!
//! ## Use instead
//! ```json
//! { "name": "Acme Widgets", "aliases": ["Acme Gadgets"] }
//! ```
//!
//! ## Fix
//! Not automatic: which value is right is a question for a person.

use super::Finding;
use crate::json::Target;
use crate::text::quoted;
use std::ops::Range;

pub(crate) const CODE: super::RuleCode = super::RuleCode::JsonDuplicateKey;

pub(crate) fn finding(
    pointer: &str,
    key: &str,
    first: Range<usize>,
    second: Range<usize>,
) -> Finding {
    Finding::new(
        CODE,
        Target::bytes_at(pointer, second),
        format!(
            "the key {} appears twice in one object: tools would silently keep only one value",
            quoted(key)
        ),
    )
    .label("repeated here")
    .help("keep one of the two properties and remove the other")
    .related(None, Target::bytes(first), "first defined here")
}
