//! # integer-literal
//!
//! ## What it catches
//! A whole-number field (`founded`, a source's `id`) written with a decimal point or an
//! exponent: `1999.0`, `1.999e3`, `2E0`. JSON Schema counts these as integers, so the schema
//! accepts them.
//!
//! ## Why it matters
//! Downstream code does not: a JSON reader hands out a float, a CSV or SQLite export that asks
//! for an integer finds none, and a diff shows `1999` against `1999.0` as a change. One
//! spelling per value keeps every consumer reading the same number.
//!
//! ## Example
//! ```json
//! "founded": 1.999e3
//! ```
//!
//! ## Use instead
//! ```json
//! "founded": 1999
//! ```
//!
//! ## Fix
//! `icelist lint --fix` (and `icelist fmt`) write the number as an integer literal.

use super::{Finding, Findings};
use crate::json::{Node, Target};

pub(crate) const CODE: super::RuleCode = super::RuleCode::IntegerLiteral;

/// Checks one of the fields the field table marks `whole_number` (the text rules' walk in
/// [`super::check_entry`] calls it).
pub(crate) fn check_value(node: &Node<'_>, pointer: &dyn Fn() -> String, out: &mut Findings) {
        let Node::Number(number) = node else {
            return;
        };
        let Some(value) = number.as_f64().filter(|_| number.is_f64()) else {
            return;
        };
        // A fraction is the schema's to report (not an integer at all).
        if value.fract() != 0.0 || !value.is_finite() {
            return;
        }
        let pointer = pointer();
        out.push(
            Finding::new(
                CODE,
                Target::value(pointer.clone()),
                format!(
                    "{pointer} is a whole number written with a decimal point or an exponent: exports and readers that expect an integer would find a float"
                ),
            )
            .fix(super::Fix::IntegerLiterals)
            .label("not an integer literal")
            .help(format!("write it as {value:.0}; `icelist lint --fix` does")),
        );
}
