//! Reading one entry's bytes: encoding checks, a fast strict parse (into the borrowed
//! [`Node`] tree for the lint, into a `serde_json::Value` for fmt, diff and exports), and —
//! only when something needs pointing at — a span-carrying parse that maps JSON Pointers back
//! to byte ranges.
//!
//! Why two parsers: `serde_json` is fast, strict and has a recursion limit, but keeps no
//! positions and silently merges repeated keys. `jsonc-parser` (every `allow_*` off) keeps
//! byte ranges and repeated keys but costs about twice as much. Most files of a healthy
//! dataset have nothing to report, so the span parse runs only for files that do.

mod decode;
mod doc;
mod fast;
mod spans;
pub(crate) mod walk;

pub(crate) use decode::decode;
pub(crate) use doc::{DocJson, JsonRead, Node, parse_doc};
pub(crate) use fast::parse_value;
pub(crate) use spans::{NumberProblem, SpanIndex, StructuralProblem, escape_pointer_token};

use std::ops::Range;

/// A number as a whole number, however it is spelled (`1999`, `1999.0`, `1.999e3`), as JSON
/// Schema counts integers. Floats are taken only below 2^53, where every whole value is exact.
pub(crate) fn whole_number(number: &serde_json::Number) -> Option<i64> {
    number.as_i64().or_else(|| {
        number
            .as_f64()
            .filter(|f| f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0)
            .map(|f| f as i64)
    })
}

/// The part of a JSON value that a finding points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// The whole value.
    Value,
    /// The key of the property that holds the value.
    Key,
    /// A byte range of the *decoded* string value (e.g. one citation marker).
    Text(Range<usize>),
    /// The first character of the value (an object's `{`), for findings about a whole object.
    Start,
    /// A byte range of the file itself, for findings made before there is a document.
    Bytes(Range<usize>),
}

/// A place in a parsed document, named by JSON Pointer so that checks need no spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub pointer: String,
    pub part: Part,
}

impl Target {
    pub fn value(pointer: impl Into<String>) -> Self {
        Target {
            pointer: pointer.into(),
            part: Part::Value,
        }
    }

    pub fn key(pointer: impl Into<String>) -> Self {
        Target {
            pointer: pointer.into(),
            part: Part::Key,
        }
    }

    pub fn bytes(range: Range<usize>) -> Self {
        Target {
            pointer: String::new(),
            part: Part::Bytes(range),
        }
    }

    /// A byte range of the file that belongs to the value at `pointer`.
    pub fn bytes_at(pointer: impl Into<String>, range: Range<usize>) -> Self {
        Target {
            pointer: pointer.into(),
            part: Part::Bytes(range),
        }
    }

    pub fn text(pointer: impl Into<String>, range: Range<usize>) -> Self {
        Target {
            pointer: pointer.into(),
            part: Part::Text(range),
        }
    }
}
