//! Where a finding points: a JSON Pointer and the part of the value.

use std::ops::Range;

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
