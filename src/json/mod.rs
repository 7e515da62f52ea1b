//! Reading one entry's bytes: encoding checks, a fast strict parse into the borrowed [`Node`]
//! tree every reader shares (`crate::load` is the one door; the model's typed-only path shares
//! the decoding), and — only when something needs
//! pointing at — a span-carrying parse that maps JSON Pointers back to byte ranges.
//!
//! Why two parsers: `serde_json` is fast, strict and has a recursion limit, but keeps no
//! positions and silently merges repeated keys. `jsonc-parser` (every `allow_*` off) keeps
//! byte ranges and repeated keys but costs about twice as much. Most files of a healthy
//! dataset have nothing to report, so the span parse runs only for files that do.
//!
//! The light library (`default-features = false`) compiles only the decoding and
//! [`whole_number`]: what the typed model needs.

mod decode;
tool_modules! {
    mod doc;
    mod fast;
    mod spans;
    mod target;
    pub(crate) mod walk;
}

#[cfg(feature = "tool")]
pub(crate) use decode::DecodedText;
pub(crate) use decode::decode;
#[cfg(feature = "tool")]
pub(crate) use doc::{DocJson, JsonRead, Node, parse_doc};
#[cfg(feature = "tool")]
pub(crate) use fast::ParseFlags;
#[cfg(feature = "tool")]
pub(crate) use spans::{NumberProblem, SpanIndex, StructuralProblem, escape_pointer_token};
#[cfg(feature = "tool")]
pub use target::{Part, Target};

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
