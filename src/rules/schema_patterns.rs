//! The entry schema's own `pattern`s as plain Rust, for the schema rule's first, yes-or-no
//! check of every entry.
//!
//! A regular expression costs tens of nanoseconds a call even on a short string (the engine's
//! cache is fetched and returned each time), and an entry holds dozens of patterned strings
//! (each source's URL, dates, ids): the patterns were a third of the schema rule's cost on a
//! full lint. [`quick_schema`] rewrites a copy of the schema so that each pattern listed in
//! [`matcher`] is checked by its hand-written twin; an entry that copy rejects is checked
//! again against the schema itself, whose errors are the ones reported. A pattern not listed
//! here (a schema someone changed) stays a regular expression, so the verdict never depends
//! on this list being complete. Each twin is tested against the regular expression on
//! generated strings.

use crate::json::{DocJson, Node};
use jsonschema::{Keyword, ValidationError};
use serde_json::{Map, Value};

/// The keyword that replaces `pattern` in the quick copy of the schema.
pub(crate) const KEYWORD: &str = "x-icelist-pattern";

type Matcher = fn(&str) -> bool;

/// The hand-written twin of one of the schema's patterns, when there is one.
pub(crate) fn matcher(pattern: &str) -> Option<Matcher> {
    Some(match pattern {
        "^https?://" => |s| s.starts_with("https://") || s.starts_with("http://"),
        "^[a-z0-9]+(-[a-z0-9]+)*$" => crate::dataset::names::is_slug,
        "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$" => is_partial_date,
        "^[A-Z0-9]+:[A-Z0-9.\\-]+$" => |s| {
            s.split_once(':').is_some_and(|(scheme, id)| {
                !scheme.is_empty()
                    && scheme.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                    && !id.is_empty()
                    && id.bytes().all(|b| {
                        b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'.' || b == b'-'
                    })
            })
        },
        "^[0-9A-Z]{18}[0-9]{2}$" => |s| {
            s.len() == 20
                && s.bytes().enumerate().all(|(i, b)| {
                    b.is_ascii_digit() || (i < 18 && b.is_ascii_uppercase())
                })
        },
        "^Q[1-9][0-9]*$" => |s| {
            s.strip_prefix('Q').is_some_and(|n| {
                n.bytes().next().is_some_and(|b| (b'1'..=b'9').contains(&b))
                    && n.bytes().all(|b| b.is_ascii_digit())
            })
        },
        _ => return None,
    })
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with a month from 01 to 12 and a day from 01 to 31.
fn is_partial_date(s: &str) -> bool {
    // By bytes and positions: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (every date of every entry
    // comes here; splitting the text by `-` was a measurable part of the check).
    let b = s.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range).is_some_and(|part| part.iter().all(u8::is_ascii_digit))
    };
    let two = |at: usize, low: u8, high: u8| match b.get(at..at + 2) {
        Some(&[tens @ b'0'..=b'9', ones @ b'0'..=b'9']) => {
            (low..=high).contains(&((tens - b'0') * 10 + (ones - b'0')))
        }
        _ => false,
    };
    let dash = |at: usize| b.get(at) == Some(&b'-');
    digits(0..4)
        && match b.len() {
            4 => true,
            7 => dash(4) && two(5, 1, 12),
            10 => dash(4) && two(5, 1, 12) && dash(7) && two(8, 1, 31),
            _ => false,
        }
}

/// A copy of `schema` in which every `pattern` that has a twin is the [`KEYWORD`] instead;
/// `None` when no pattern has one.
pub(crate) fn quick_schema(schema: &Value) -> Option<Value> {
    let mut copy = schema.clone();
    (rewrite(&mut copy) > 0).then_some(copy)
}

/// Rewrites the patterns of `value` and of every schema under it; returns how many.
fn rewrite(value: &mut Value) -> usize {
    match value {
        Value::Object(members) => rewrite_schema(members),
        Value::Array(items) => items.iter_mut().map(rewrite).sum(),
        _ => 0,
    }
}

fn rewrite_schema(members: &mut Map<String, Value>) -> usize {
    let mut count = 0;
    if let Some(Value::String(pattern)) = members.get("pattern")
        && matcher(pattern).is_some()
        && !members.contains_key(KEYWORD)
        && let Some(pattern) = members.remove("pattern")
    {
        members.insert(KEYWORD.to_owned(), pattern);
        count += 1;
    }
    for (key, value) in members.iter_mut() {
        // Values, not schemas: a `pattern` inside them is data.
        if matches!(key.as_str(), "const" | "enum" | "examples" | "default") {
            continue;
        }
        count += rewrite(value);
    }
    count
}

/// The compiled [`KEYWORD`]: the string matches the twin, as `pattern` would have it
/// (a value that is not a string passes, as with `pattern`).
struct Twin(Matcher);

impl<'i> Keyword<'i, DocJson> for Twin {
    fn validate(&self, instance: &'i Node<'i>) -> Result<(), ValidationError<'i>> {
        if Keyword::<DocJson>::is_valid(self, instance) {
            Ok(())
        } else {
            Err(ValidationError::custom("does not match the pattern"))
        }
    }

    fn is_valid(&self, instance: &'i Node<'i>) -> bool {
        instance.as_str().is_none_or(self.0)
    }
}

/// The factory `jsonschema` builds [`KEYWORD`] with.
pub(crate) fn compile<'a>(
    _: &'a Map<String, Value>,
    value: &'a Value,
    _: jsonschema::paths::Location,
) -> Result<Box<dyn for<'i> Keyword<'i, DocJson>>, ValidationError<'a>> {
    let twin = value
        .as_str()
        .and_then(matcher)
        .ok_or_else(|| ValidationError::custom("x-icelist-pattern names no known pattern"))?;
    Ok(Box::new(Twin(twin)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PATTERNS: &[&str] = &[
        "^https?://",
        "^[a-z0-9]+(-[a-z0-9]+)*$",
        "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$",
        "^[A-Z0-9]+:[A-Z0-9.\\-]+$",
        "^[0-9A-Z]{18}[0-9]{2}$",
        "^Q[1-9][0-9]*$",
    ];

    /// Strings made of the characters the patterns care about, and a few they do not.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z0-9\\-]{0,12}",
            "[0-9\\-]{0,12}",
            "(19|20)[0-9]{2}(-[0-9]{1,2}(-[0-9]{1,2})?)?",
            "[A-Z0-9:.\\-]{0,24}",
            "[0-9A-Z]{17,21}",
            "Q[0-9]{0,6}",
            "(https?|ftp|HTTP)(://)?[a-z./]{0,8}",
            "[a-zA-Z0-9:./\\-Q \n\u{e9}\u{0660}\u{ff10}]{0,24}",
            any::<String>(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn each_twin_agrees_with_its_regular_expression(s in text()) {
            for pattern in PATTERNS {
                let regex = regex::Regex::new(pattern).map_err(|e| TestCaseError::fail(e.to_string()))?;
                let twin = matcher(pattern).ok_or_else(|| TestCaseError::fail("no twin"))?;
                prop_assert_eq!(twin(&s), regex.is_match(&s), "{} on {:?}", pattern, s);
            }
        }
    }

    #[test]
    fn every_pattern_of_the_bundled_schema_has_a_twin() {
        let schema: Value = serde_json::from_str(include_str!("../../schema/company.schema.json"))
            .unwrap_or_else(|e| panic!("{e}"));
        let mut left = Vec::new();
        fn collect(value: &Value, left: &mut Vec<String>) {
            match value {
                Value::Object(members) => {
                    if let Some(Value::String(p)) = members.get("pattern") {
                        left.push(p.clone());
                    }
                    members.values().for_each(|v| collect(v, left));
                }
                Value::Array(items) => items.iter().for_each(|v| collect(v, left)),
                _ => {}
            }
        }
        let quick = quick_schema(&schema).unwrap_or_else(|| panic!("no pattern rewritten"));
        collect(&quick, &mut left);
        assert_eq!(left, Vec::<String>::new(), "patterns without a twin");
    }

    /// Whether the schema rule finds anything in `json` under `schema`.
    fn schema_finds(schema: &super::super::schema::EntrySchema, json: &str) -> bool {
        let (doc, _) = crate::json::parse_doc(json).unwrap_or_else(|e| panic!("{e:?}"));
        let mut out = super::super::Findings::default();
        schema.check(&doc, &mut out);
        !out.is_empty()
    }

    #[test]
    fn a_schema_that_already_uses_the_keyword_is_checked_by_its_own_patterns() {
        let schema = serde_json::json!({
            "type": "object",
            "properties": {
                "a": {"type": "string", "pattern": "^https?://", KEYWORD: "no such pattern"},
                "b": {"type": "string", "pattern": "^Q[1-9][0-9]*$"}
            }
        });
        let schema = super::super::schema::EntrySchema::from_value(schema)
            .unwrap_or_else(|e| panic!("the schema loads: {e}"));
        assert!(schema_finds(&schema, r#"{"a": "ftp://x"}"#));
        assert!(schema_finds(&schema, r#"{"b": "Q0"}"#));
        assert!(!schema_finds(&schema, r#"{"a": "https://x", "b": "Q42"}"#));
    }

    #[test]
    fn a_pattern_without_a_twin_and_data_named_pattern_are_left_alone() {
        let schema = serde_json::json!({
            "properties": {
                "a": {"type": "string", "pattern": "^x+$"},
                "b": {"type": "string", "pattern": "^https?://"},
                "pattern": {"const": {"pattern": "^https?://"}}
            }
        });
        let quick = quick_schema(&schema).unwrap_or_else(|| panic!("nothing rewritten"));
        assert_eq!(quick["properties"]["a"]["pattern"], "^x+$");
        assert_eq!(quick["properties"]["b"][KEYWORD], "^https?://");
        assert!(quick["properties"]["b"].get("pattern").is_none());
        assert_eq!(quick["properties"]["pattern"]["const"]["pattern"], "^https?://");
    }
}
