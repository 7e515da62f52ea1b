//! The canonical form of an entry: 2-space indent, keys in the model's order
//! (unknown keys after, in their order), `\n` line endings, a final newline, no BOM, and no
//! character escaped unless JSON requires it. One form, so diffs show only real changes.

use crate::json::decode;
use crate::json::{SpanIndex, parse_value};
use serde_json::{Map, Value};

/// Why a file cannot be formatted. Such a file is never touched.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unformattable {
    #[error("it is not valid UTF-8")]
    Encoding,
    #[error("it does not parse: {0}")]
    Syntax(String),
    #[error(
        "it repeats a key or holds a number a double cannot hold; fix what `icelist lint` reports first"
    )]
    Lossy,
}

/// Parses an entry for rewriting: only when nothing would be lost by re-serializing it.
pub fn parse_for_rewrite(bytes: &[u8]) -> Result<Value, Unformattable> {
    let decoded = decode(bytes);
    let text = decoded.parse_text().ok_or(Unformattable::Encoding)?;
    let (value, flags) = parse_value(&text).map_err(|e| Unformattable::Syntax(e.to_string()))?;
    if flags.needs_span_parse() {
        let spans = SpanIndex::build(&text).map_err(|(_, m)| Unformattable::Syntax(m))?;
        if !spans.problems.is_empty() {
            return Err(Unformattable::Lossy);
        }
    }
    Ok(value)
}

/// Formats bytes of an entry canonically.
///
/// Whole numbers at integer fields are written as integers (`1.999e3` → `1999`): the same
/// value, in the one spelling every reader takes as an integer.
pub fn format_entry(bytes: &[u8]) -> Result<String, Unformattable> {
    let mut value = parse_for_rewrite(bytes)?;
    integers_as_integers(&mut value);
    Ok(to_canonical_text(&value))
}

/// Serializes a parsed entry in canonical form, keys in the model's order
/// ([`crate::model::key_order`]).
pub fn to_canonical_text(value: &Value) -> String {
    let ordered = reorder(value, Some(crate::model::key_order()));
    let mut text = serde_json::to_string_pretty(&ordered).unwrap_or_default();
    text.push('\n');
    text
}

/// Rebuilds objects with keys in the order of `shape` (a skeleton from
/// [`crate::model::key_order`]). Entries nest only a few levels and the parser bounds depth at
/// 128, so recursion here cannot overflow.
fn reorder(value: &Value, shape: Option<&Value>) -> Value {
    match value {
        Value::Object(map) => {
            let mut ordered = Map::with_capacity(map.len());
            if let Some(Value::Object(known)) = shape {
                for (key, sub_shape) in known {
                    if let Some(v) = map.get(key) {
                        ordered.insert(key.clone(), reorder(v, Some(sub_shape)));
                    }
                }
            }
            for (key, v) in map {
                if !ordered.contains_key(key) {
                    ordered.insert(key.clone(), reorder(v, None));
                }
            }
            Value::Object(ordered)
        }
        Value::Array(items) => {
            let item_shape = shape.and_then(Value::as_array).and_then(|a| a.first());
            Value::Array(items.iter().map(|v| reorder(v, item_shape)).collect())
        }
        other => other.clone(),
    }
}

/// Trims leading and trailing whitespace at the fields `text-whitespace` checks; returns how
/// many values changed.
pub(crate) fn trim_text_fields(entry: &mut Value) -> usize {
    let mut changed = 0;
    for field in crate::fields::trimmed_text() {
        for_each_at(entry, field, &mut |value| {
            if let Value::String(text) = value
                && text.trim() != text.as_str()
            {
                *text = text.trim().to_owned();
                changed += 1;
            }
        });
    }
    changed
}

/// Writes whole numbers at the schema's integer fields as integers (`1.999e3` → `1999`);
/// returns how many values changed. The value is the same: only its spelling changes.
pub fn integers_as_integers(entry: &mut Value) -> usize {
    let mut changed = 0;
    for field in crate::fields::whole_numbers() {
        for_each_at(entry, field, &mut |value| {
            // Larger whole floats are not exact: json-number reports them.
            if let Value::Number(number) = value
                && number.is_f64()
                && let Some(whole) = crate::json::whole_number(number)
            {
                *value = Value::from(whole);
                changed += 1;
            }
        });
    }
    changed
}

/// Calls `f` on every value a pattern such as `/sources/*/title` names.
fn for_each_at(value: &mut Value, pattern: &str, f: &mut dyn FnMut(&mut Value)) {
    match pattern.split_once("/*") {
        None => {
            if let Some(found) = value.pointer_mut(pattern) {
                f(found);
            }
        }
        Some((list, rest)) => {
            if let Some(Value::Array(items)) = value.pointer_mut(list) {
                for item in items {
                    if rest.is_empty() {
                        f(item);
                    } else {
                        for_each_at(item, rest, f);
                    }
                }
            }
        }
    }
}
