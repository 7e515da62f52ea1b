//! The fast path: `serde_json`'s strict parser driving a seed (the borrowed tree of `doc.rs`),
//! noting (not locating) what a tree of values would hide.

use serde::de::DeserializeSeed;
use std::cell::Cell;

/// Integers beyond this magnitude are rounded by JavaScript consumers.
pub(super) const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// What the fast parse saw that only the span parse can locate.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ParseFlags {
    /// An object repeats a key (the tree keeps only the first).
    pub duplicate_key: bool,
    /// A number that may not survive a round trip through an IEEE double.
    pub suspicious_number: bool,
}

impl ParseFlags {
    pub(crate) fn needs_span_parse(self) -> bool {
        self.duplicate_key || self.suspicious_number
    }
}

/// Runs a strict parse of all of `text` with `seed`, whose visitors raise `flags`.
pub(super) fn parse_with<'de, S: DeserializeSeed<'de>>(
    text: &'de str,
    seed: S,
    flags: &Cell<ParseFlags>,
) -> Result<(S::Value, ParseFlags), serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = seed.deserialize(&mut de)?;
    de.end()?;
    Ok((value, flags.get()))
}

/// What a parse's visitors note as they go.
#[derive(Clone, Copy)]
pub(super) struct Flags<'f>(pub &'f Cell<ParseFlags>);

impl Flags<'_> {
    fn mark(self, update: impl FnOnce(&mut ParseFlags)) {
        let mut flags = self.0.get();
        update(&mut flags);
        self.0.set(flags);
    }

    pub(super) fn saw_i64(self, v: i64) {
        if v.unsigned_abs() > MAX_SAFE_INTEGER {
            self.mark(|f| f.suspicious_number = true);
        }
    }

    pub(super) fn saw_u64(self, v: u64) {
        if v > MAX_SAFE_INTEGER {
            self.mark(|f| f.suspicious_number = true);
        }
    }

    /// The literal is gone by now; the span parse reads it and decides.
    pub(super) fn saw_f64(self) {
        self.mark(|f| f.suspicious_number = true);
    }

    pub(super) fn saw_duplicate_key(self) {
        self.mark(|f| f.duplicate_key = true);
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse_doc;

    #[test]
    fn flags_repeated_keys_and_keeps_the_first() {
        let (tree, flags) = parse_doc(r#"{"a": 1, "a": 2}"#).unwrap_or_default();
        assert!(flags.duplicate_key);
        assert_eq!(tree.get("a").and_then(|a| a.as_u64()), Some(1));
    }

    #[test]
    fn flags_unsafe_integers_and_floats() {
        assert!(
            parse_doc("9007199254740992")
                .map(|r| r.1.suspicious_number)
                .unwrap_or(false)
        );
        assert!(
            !parse_doc("9007199254740991")
                .map(|r| r.1.suspicious_number)
                .unwrap_or(true)
        );
        assert!(
            parse_doc("1.5")
                .map(|r| r.1.suspicious_number)
                .unwrap_or(false)
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(100_000);
        assert!(parse_doc(&text).is_err());
    }
}
