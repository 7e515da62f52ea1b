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

/// Checks one of the fields the field table marks `whole_number` (its registry row's
/// text-field check, called in the one walk of those fields).
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

/// Writes whole numbers at the schema's integer fields as integers (`1.999e3` → `1999`);
/// returns how many values changed. The value is the same: only its spelling changes.
pub(crate) fn write_as_integers(entry: &mut serde_json::Value) -> usize {
    let mut changed = 0;
    for field in crate::fields::value_pointers(|p| p.whole_number) {
        crate::fields::for_each_value_mut(entry, &field, &mut |value| {
            // Larger whole floats are not exact: json-number reports them.
            if let serde_json::Value::Number(number) = value
                && number.is_f64()
                && let Some(whole) = crate::json::whole_number(number)
            {
                *value = serde_json::Value::from(whole);
                changed += 1;
            }
        });
    }
    changed
}

/// `--fix`: writes every whole number this rule reports as an integer literal.
pub(crate) fn fix(entry: &mut serde_json::Value) -> super::Repair {
    match write_as_integers(entry) {
        0 => super::Repair::Unchanged,
        written => super::Repair::Repaired(format!("wrote {written} whole number(s) as integers")),
    }
}

#[cfg(test)]
mod schema_tests {
    /// `integer-literal` lists the schema's integer fields by hand: this keeps the list true.
    #[test]
    fn integer_literal_knows_every_integer_field_of_the_schema() {
        fn walk(schema: &serde_json::Value, pointer: String, out: &mut Vec<String>) {
            if schema.get("type").and_then(serde_json::Value::as_str) == Some("integer") {
                out.push(pointer.clone());
            }
            if let Some(properties) = schema
                .get("properties")
                .and_then(serde_json::Value::as_object)
            {
                for (name, sub) in properties {
                    walk(sub, format!("{pointer}/{name}"), out);
                }
            }
            if let Some(items) = schema.get("items") {
                walk(items, format!("{pointer}/*"), out);
            }
        }
        let text = include_str!("../../schema/company.schema.json");
        let schema: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
        let mut found = Vec::new();
        walk(&schema, String::new(), &mut found);
        found.sort();
        let mut listed: Vec<String> = crate::fields::value_pointers(|p| p.whole_number).collect();
        listed.sort();
        assert_eq!(found, listed);
    }
}
