//! # json-number
//!
//! ## What it catches
//! An integer beyond ±(2^53−1), or a number whose digits an IEEE double cannot hold
//! (`0.10000000000000001`, `1e400`).
//!
//! ## Why it matters
//! Downstream JavaScript consumers read every number as a double and would silently round it:
//! the value they use is not the value written here.
//!
//! ## Example
//! ```json
//! { "founded": 19990000000000000001 }
//! ```
//!
//! ## Use instead
//! ```json
//! { "founded": 1999 }
//! ```
//!
//! ## Fix
//! Not automatic: write the number a double can hold, or store it as a string.

use super::Finding;
use crate::json::NumberProblem;
use crate::json::Target;
use std::ops::Range;

pub(crate) const CODE: super::RuleCode = super::RuleCode::JsonNumber;

pub(crate) fn finding(
    pointer: &str,
    literal: &str,
    range: Range<usize>,
    problem: NumberProblem,
) -> Finding {
    let literal = crate::text::escape_untrusted(literal);
    let (message, label) = match problem {
        NumberProblem::UnsafeInteger => (
            format!(
                "the integer {literal} is beyond ±(2^53−1): JavaScript consumers would silently round it"
            ),
            "unsafe integer",
        ),
        NumberProblem::LosesPrecision => (
            format!(
                "the number {literal} cannot be held exactly by a double: consumers would read a different value"
            ),
            "loses precision",
        ),
    };
    Finding::new(CODE, Target::bytes_at(pointer, range), message)
        .label(label)
        .help("write a number within ±9007199254740991 with at most 15–17 significant digits")
}
