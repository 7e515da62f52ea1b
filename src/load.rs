//! The one load: an entry file's bytes to everything a command reads of it.
//!
//! Two steps, because the tree borrows the text: [`decode`] checks the encoding (a byte order
//! mark is blanked, bytes that are not UTF-8 are located) and [`ParsedEntry::parse`] builds the
//! lenient tree the schema and the rules read, with the parse's flags. The span index and the
//! typed [`Entry`] are made from it on demand. Every command reads an entry file through here:
//! lint, build, fmt, fix, new, diff, changelog, `--changed-since` (both sides), identity keys,
//! history. The light library's typed path, bytes to `Entry` without a tree, is
//! [`Entry::from_json_bytes`]; it shares the encoding step.
//!
//! [`read`] is the short form for a reader that wants one thing of the file and not its text.

use crate::json::{Node, ParseFlags, SpanIndex, parse_doc};
use crate::model::Entry;
use serde_json::Value;
use std::cell::OnceCell;
use std::ops::Range;

pub(crate) use crate::json::{DecodedText, decode};

/// Why a file's bytes give no tree.
#[derive(Debug, thiserror::Error)]
pub(crate) enum LoadFailure {
    /// The bytes stop being UTF-8 at this offset.
    #[error("it is not valid UTF-8")]
    NotUtf8 { at: usize },
    /// The strict parse's error (its message quotes the file: escape it before showing).
    #[error("{0}")]
    Syntax(serde_json::Error),
}

/// Why the span parse rejects a text the fast parse accepted: the byte range and message.
pub(crate) type SpanFailure = (Range<usize>, String);

/// One entry file, parsed: the text the parser read (a BOM blanked to spaces, so offsets are
/// the file's), the lenient tree, and what the fast parse saw but cannot locate.
pub(crate) struct ParsedEntry<'t> {
    pub text: &'t str,
    pub tree: Node<'t>,
    pub flags: ParseFlags,
    spans: OnceCell<Result<SpanIndex, SpanFailure>>,
}

impl<'t> ParsedEntry<'t> {
    /// Parses the decoded text strictly (RFC 8259, nesting bounded).
    pub(crate) fn parse(decoded: &'t DecodedText<'_>) -> Result<Self, LoadFailure> {
        let text = decoded.parse_text().ok_or(LoadFailure::NotUtf8 {
            at: decoded.invalid_utf8_at.unwrap_or_default(),
        })?;
        let (tree, flags) = parse_doc(text).map_err(LoadFailure::Syntax)?;
        Ok(ParsedEntry {
            text,
            tree,
            flags,
            spans: OnceCell::new(),
        })
    }

    /// The span index (byte ranges of every value, repeated keys, numbers a double changes),
    /// built the first time it is asked for: most files of a healthy dataset never need it.
    pub(crate) fn spans(&self) -> Result<&SpanIndex, &SpanFailure> {
        self.spans
            .get_or_init(|| SpanIndex::build(self.text))
            .as_ref()
    }

    /// The span index, owned (for a reader that keeps it past the text's parse).
    pub(crate) fn into_spans(self) -> Result<SpanIndex, SpanFailure> {
        let text = self.text;
        self.spans
            .into_inner()
            .unwrap_or_else(|| SpanIndex::build(text))
    }

    /// The entry read through the model; `Err` says, escaped for display, why it does not fit.
    pub(crate) fn entry(&self) -> Result<Entry, String> {
        use serde::Deserialize;
        Entry::deserialize(&self.tree)
            .map_err(|e| crate::untrusted::escape_untrusted(&e.to_string()))
    }

    /// The tree as a `serde_json::Value` (for readers that rewrite or compare values).
    pub(crate) fn to_value(&self) -> Value {
        self.tree.to_value()
    }

    /// Whether writing the tree back loses nothing the text says: no repeated key, no number
    /// a double would change. `Err` when the span parse rejects the text.
    pub(crate) fn is_lossless(&self) -> Result<bool, &SpanFailure> {
        if !self.flags.needs_span_parse() {
            return Ok(true);
        }
        Ok(self.spans()?.problems.is_empty())
    }
}

/// Reads `bytes` and hands the parsed entry to `use_it`.
pub(crate) fn read<R>(
    bytes: &[u8],
    use_it: impl FnOnce(&ParsedEntry<'_>) -> R,
) -> Result<R, LoadFailure> {
    let decoded = decode(bytes);
    let parsed = ParsedEntry::parse(&decoded)?;
    Ok(use_it(&parsed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_blanked_and_offsets_hold() {
        let bytes = b"\xEF\xBB\xBF{\"id\": \"acme-widgets\"}";
        let decoded = decode(bytes);
        assert!(decoded.has_bom);
        let parsed = ParsedEntry::parse(&decoded).unwrap();
        assert_eq!(parsed.text.len(), bytes.len());
        assert!(parsed.text.starts_with("   {"));
        assert_eq!(
            parsed.tree.get("id").and_then(Node::as_str),
            Some("acme-widgets")
        );
        let spans = parsed.spans().unwrap();
        let target = crate::json::Target::value("/id");
        assert_eq!(
            spans.resolve(parsed.text, &target),
            Some(10..24),
            "the range counts the mark's three bytes"
        );
    }

    #[test]
    fn bytes_that_are_not_utf8_say_where() {
        let failure = read(b"{\"id\": \"a\xFFb\"}", |_| ()).unwrap_err();
        assert!(matches!(failure, LoadFailure::NotUtf8 { at: 9 }), "{failure:?}");
        assert_eq!(failure.to_string(), "it is not valid UTF-8");
    }

    #[test]
    fn a_syntax_error_is_the_strict_parser_s() {
        let failure = read(b"{\"id\": \"a\",}", |_| ()).unwrap_err();
        assert!(matches!(failure, LoadFailure::Syntax(_)), "{failure:?}");
        assert!(failure.to_string().contains("line 1"), "{failure}");
    }

    #[test]
    fn repeated_keys_and_unsafe_numbers_are_not_lossless() {
        for (text, lossless) in [
            (r#"{"a": 1, "b": 2}"#, true),
            (r#"{"a": 1, "a": 2}"#, false),
            (r#"{"a": 9007199254740993}"#, false),
        ] {
            assert_eq!(
                read(text.as_bytes(), |p| p.is_lossless().ok()).unwrap(),
                Some(lossless),
                "{text}"
            );
        }
    }

    #[test]
    fn the_typed_entry_and_the_value_come_from_the_same_tree() {
        let text = br#"{"id": "acme-widgets", "name": "Acme Widgets"}"#;
        let (entry, value) = read(text, |p| (p.entry(), p.to_value())).unwrap();
        assert!(entry.is_err(), "a partial entry does not fit the model");
        assert_eq!(value["name"], "Acme Widgets");
    }
}
