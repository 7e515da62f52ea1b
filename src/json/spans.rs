//! The slow path: a span-carrying parse (`jsonc-parser`, strict) that maps every JSON Pointer
//! to the byte ranges of its key and value, and finds what `Value` cannot show: repeated
//! keys and numbers that do not survive a double.

use super::fast::MAX_SAFE_INTEGER;
use super::{Part, Target};
use jsonc_parser::ast::{ObjectPropName, Value as AstValue};
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions};
use std::collections::HashMap;
use std::ops::Range;

/// Where one value stands in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct NodeSpan {
    /// The value, including quotes for a string.
    pub value: Range<usize>,
    /// The key, including quotes, when the value is an object property.
    pub key: Option<Range<usize>>,
    pub is_string: bool,
}

/// A structural problem the fast parse could only flag: found and located here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum StructuralProblem {
    DuplicateKey {
        pointer: String,
        key: String,
        first: Range<usize>,
        second: Range<usize>,
    },
    UnsafeNumber {
        pointer: String,
        literal: String,
        range: Range<usize>,
        reason: NumberProblem,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumberProblem {
    /// An integer beyond ±(2^53−1).
    UnsafeInteger,
    /// A number whose digits a double cannot hold exactly (or that overflows).
    LosesPrecision,
}

/// Byte ranges of every value of one document, keyed by JSON Pointer.
#[derive(Debug, Default)]
pub(crate) struct SpanIndex {
    nodes: HashMap<String, NodeSpan>,
    pub problems: Vec<StructuralProblem>,
}

impl SpanIndex {
    /// Parses `text` (already accepted by the fast parse, so nesting is bounded) and indexes it.
    /// Returns `Err` with the parser's byte range and message if `jsonc-parser` rejects it.
    pub(crate) fn build(text: &str) -> Result<SpanIndex, (Range<usize>, String)> {
        let options = ParseOptions {
            allow_comments: false,
            allow_loose_object_property_names: false,
            allow_trailing_commas: false,
            allow_missing_commas: false,
            allow_single_quoted_strings: false,
            allow_hexadecimal_numbers: false,
            allow_unary_plus_numbers: false,
            allow_bare_decimal_point_numbers: false,
            allow_non_finite_numbers: false,
            allow_extended_string_escapes: false,
        };
        let parsed = jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &options)
            .map_err(|e| {
                let r = e.range();
                (r.start..r.end, e.kind().to_string())
            })?;
        let mut index = SpanIndex::default();
        if let Some(root) = parsed.value.as_ref() {
            index.walk(root, String::new(), None);
        }
        Ok(index)
    }

    fn walk(&mut self, node: &AstValue<'_>, pointer: String, key: Option<Range<usize>>) {
        let range = node.range();
        let is_string = matches!(node, AstValue::StringLit(_));
        match node {
            AstValue::Object(object) => {
                let mut seen: HashMap<&str, Range<usize>> = HashMap::new();
                for prop in &object.properties {
                    let (name, name_range) = match &prop.name {
                        ObjectPropName::String(lit) => (lit.value.as_ref(), lit.range),
                        ObjectPropName::Word(lit) => (lit.value, lit.range),
                    };
                    let name_range = name_range.start..name_range.end;
                    let child = format!("{pointer}/{}", escape_pointer_token(name));
                    if let Some(first) = seen.get(name) {
                        self.problems.push(StructuralProblem::DuplicateKey {
                            pointer: child,
                            key: name.to_owned(),
                            first: first.clone(),
                            second: name_range,
                        });
                        continue;
                    }
                    seen.insert(name, name_range.clone());
                    self.walk(&prop.value, child, Some(name_range));
                }
            }
            AstValue::Array(array) => {
                for (i, element) in array.elements.iter().enumerate() {
                    self.walk(element, format!("{pointer}/{i}"), None);
                }
            }
            AstValue::NumberLit(number) => {
                if let Some(reason) = number_problem(number.value) {
                    self.problems.push(StructuralProblem::UnsafeNumber {
                        pointer: pointer.clone(),
                        literal: number.value.to_owned(),
                        range: range.start..range.end,
                        reason,
                    });
                }
            }
            _ => {}
        }
        self.nodes.insert(
            pointer,
            NodeSpan {
                value: range.start..range.end,
                key,
                is_string,
            },
        );
    }

    /// Resolves a target to a byte range. A pointer that is not in the document (a missing
    /// property, say) resolves to its nearest existing ancestor.
    pub(crate) fn resolve(&self, text: &str, target: &Target) -> Option<Range<usize>> {
        if let Part::Bytes(range) = &target.part {
            return Some(range.clone());
        }
        let mut pointer = target.pointer.as_str();
        loop {
            if let Some(node) = self.nodes.get(pointer) {
                if pointer.len() != target.pointer.len() {
                    return Some(node.value.clone());
                }
                return Some(match &target.part {
                    Part::Value => node.value.clone(),
                    Part::Key => node.key.clone().unwrap_or_else(|| node.value.clone()),
                    Part::Text(decoded) if node.is_string => {
                        let literal = text.get(node.value.clone())?;
                        let start = raw_offset_in_literal(literal, decoded.start);
                        let end = raw_offset_in_literal(literal, decoded.end);
                        node.value.start + start..node.value.start + end
                    }
                    Part::Start => node.value.start..node.value.start + 1,
                    Part::Text(_) | Part::Bytes(_) => node.value.clone(),
                });
            }
            match pointer.rfind('/') {
                Some(i) => pointer = &pointer[..i],
                None => return None,
            }
        }
    }
}

/// Escapes one reference token of a JSON Pointer (RFC 6901).
pub(crate) fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Maps a byte offset into a string's decoded value to a byte offset into its literal
/// (quotes included), stepping over escapes such as `\"`, `\n` and `\u00e9`.
fn raw_offset_in_literal(literal: &str, decoded_offset: usize) -> usize {
    let bytes = literal.as_bytes();
    let mut raw = 1; // past the opening quote
    let mut decoded = 0;
    while decoded < decoded_offset && raw < bytes.len().saturating_sub(1) {
        if bytes[raw] == b'\\' {
            let (raw_len, decoded_len) = escape_lengths(&literal[raw..]);
            raw += raw_len;
            decoded += decoded_len;
        } else {
            let len = literal[raw..].chars().next().map_or(1, char::len_utf8);
            raw += len;
            decoded += len;
        }
    }
    raw
}

/// Length in the literal and in the decoded value of the escape at the start of `s`.
fn escape_lengths(s: &str) -> (usize, usize) {
    let hex = |from: usize| {
        s.get(from..from + 4)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    match s.as_bytes().get(1) {
        Some(b'u') => match hex(2) {
            Some(high @ 0xD800..=0xDBFF) => {
                if s.get(6..8) == Some("\\u") && matches!(hex(8), Some(0xDC00..=0xDFFF)) {
                    let _ = high;
                    (12, 4)
                } else {
                    (6, 3)
                }
            }
            Some(code) => (6, char::from_u32(code).map_or(3, char::len_utf8)),
            None => (2, 1),
        },
        _ => (2, 1),
    }
}

/// Whether a number literal would be changed by a consumer that reads it as an IEEE double.
fn number_problem(literal: &str) -> Option<NumberProblem> {
    let unsigned = literal.strip_prefix('-').unwrap_or(literal);
    if unsigned.bytes().all(|b| b.is_ascii_digit()) {
        let too_big = unsigned.len() > 16
            || unsigned
                .parse::<u64>()
                .map_or(true, |v| v > MAX_SAFE_INTEGER);
        return too_big.then_some(NumberProblem::UnsafeInteger);
    }
    let parsed: f64 = literal.parse().ok()?;
    if !parsed.is_finite() {
        return Some(NumberProblem::LosesPrecision);
    }
    let written = significant_digits(literal);
    let stored = significant_digits(&format!("{parsed:e}"));
    (written != stored).then_some(NumberProblem::LosesPrecision)
}

/// A decimal literal as (digits without leading or trailing zeros, power of ten of the last digit).
fn significant_digits(literal: &str) -> (String, i64) {
    let unsigned = literal.trim_start_matches('-');
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (
            &unsigned[..i],
            unsigned[i + 1..].parse::<i64>().unwrap_or(0),
        ),
        None => (unsigned, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits: String = format!("{int}{frac}");
    let mut power = exponent - frac.len() as i64;
    let trimmed_end = digits.trim_end_matches('0').len();
    power += (digits.len() - trimmed_end) as i64;
    digits.truncate(trimmed_end);
    let digits = digits.trim_start_matches('0').to_owned();
    if digits.is_empty() {
        return (digits, 0);
    }
    (digits, power)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_decoded_offsets_past_escapes() {
        let literal = r#""a\"b\u00e9[1]""#;
        // decoded: a " b é [ 1 ]  -> "[" at decoded byte 4 (é is 2 bytes)
        let raw = raw_offset_in_literal(literal, 5);
        assert_eq!(&literal[raw..raw + 3], "[1]");
    }

    #[test]
    fn surrogate_pairs_are_one_character() {
        let literal = r#""\ud83d\ude00[2]""#;
        let raw = raw_offset_in_literal(literal, 4);
        assert_eq!(&literal[raw..raw + 3], "[2]");
    }

    #[test]
    fn numbers() {
        assert_eq!(number_problem("1999"), None);
        assert_eq!(number_problem("-9007199254740991"), None);
        assert_eq!(
            number_problem("9007199254740992"),
            Some(NumberProblem::UnsafeInteger)
        );
        assert_eq!(number_problem("0.1"), None);
        assert_eq!(number_problem("1.50"), None);
        assert_eq!(number_problem("1e2"), None);
        assert_eq!(
            number_problem("0.10000000000000001"),
            Some(NumberProblem::LosesPrecision)
        );
        assert_eq!(number_problem("1e400"), Some(NumberProblem::LosesPrecision));
        assert_eq!(number_problem("0.0"), None);
    }

    #[test]
    fn indexes_keys_values_and_repeated_keys() {
        let text = r#"{"a": {"b~/c": [true, "x"]}, "a": 1}"#;
        let index = SpanIndex::build(text).unwrap();
        let node = index.nodes.get("/a/b~0~1c/1").unwrap();
        assert_eq!(&text[node.value.clone()], "\"x\"");
        assert_eq!(index.problems.len(), 1);
    }
}
