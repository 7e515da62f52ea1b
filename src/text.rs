//! Text helpers: byte offsets to lines and columns, safe display of untrusted strings,
//! and the normalization that makes two spellings of one name compare equal.

use crate::diagnostic::{LineColumn, Location};
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// Maps byte offsets of one text to 1-based lines and character columns.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text.as_bytes()));
        LineIndex { text, line_starts }
    }

    pub fn line_column(&self, offset: usize) -> LineColumn {
        let offset = clamp_to_char_boundary(self.text, offset);
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let column = self.text[start..offset].chars().count() + 1;
        LineColumn {
            line: line + 1,
            column,
        }
    }

    pub fn location(&self, bytes: Range<usize>) -> Location {
        let start = clamp_to_char_boundary(self.text, bytes.start);
        let end = clamp_to_char_boundary(self.text, bytes.end.max(start));
        Location {
            start: self.line_column(start),
            end: self.line_column(end),
            bytes: start..end,
        }
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i + 1)
}

fn clamp_to_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Characters that can hide or reorder text on a reviewer's screen: bidirectional
/// controls, zero-width characters, and every control character except `\n`.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}'..='\u{200F}'
        | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{061C}' | '\u{00AD}' | '\u{180E}'
        | '\u{2028}' | '\u{2029}')
        || (c.is_control() && c != '\n')
}

/// Renders an untrusted string so that no raw control or bidi character reaches a terminal
/// or a CI log: such characters become `\u{...}` escapes. Everything else is kept.
pub fn escape_untrusted(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '\n' {
            out.push_str("\\n");
        } else if is_invisible(c) {
            out.push_str(&format!("\\u{{{:04X}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Replaces every invisible character of a file's text by a visible one of the same
/// UTF-8 length, so byte offsets still hold while snippets are drawn on a terminal.
pub fn neutralize_for_terminal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\n' || c == '\t' || !is_invisible(c) {
            out.push(c);
            continue;
        }
        match c.len_utf8() {
            1 => out.push('?'),
            2 => out.push('\u{00BF}'),
            3 => out.push('\u{FFFD}'),
            _ => out.push_str("????"),
        }
    }
    out
}

/// The key two names or titles are compared by: NFKC, full case folding, whitespace
/// collapsed to single spaces and trimmed.
pub fn comparison_key(s: &str) -> String {
    let mut key = String::with_capacity(s.len());
    comparison_key_into(s, &mut key);
    key
}

/// [`comparison_key`] written into `key` (cleared first), so that a caller folding many
/// strings reuses one buffer.
pub fn comparison_key_into(s: &str, key: &mut String) {
    key.clear();
    // ASCII is its own NFKC and folds by lower-casing: skip the Unicode tables (a profile of a
    // full lint showed normalization and case folding as its largest cost).
    if s.is_ascii() {
        let mut bytes = std::mem::take(key).into_bytes();
        let mut space_pending = false;
        for &b in s.as_bytes() {
            if b.is_ascii_whitespace() {
                space_pending = !bytes.is_empty();
            } else {
                if space_pending {
                    bytes.push(b' ');
                    space_pending = false;
                }
                bytes.push(b.to_ascii_lowercase());
            }
        }
        // Only ASCII was pushed, so this cannot fail and the buffer is kept either way.
        *key = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        return;
    }
    let folded = caseless::default_case_fold_str(&s.nfkc().collect::<String>());
    let folded: String = folded.nfkc().collect();
    for word in folded.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
}

/// Quotes a string for a message, escaped for safe display.
pub fn quoted(s: &str) -> String {
    format!("\"{}\"", escape_untrusted(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "{\n  \"é\": [1]\n}";
        let index = LineIndex::new(text);
        let offset = text.find('[').unwrap_or(0);
        assert_eq!(index.line_column(offset), LineColumn { line: 2, column: 8 });
    }

    #[test]
    fn escapes_bidi_and_newlines() {
        assert_eq!(escape_untrusted("a\u{202E}b\nc"), "a\\u{202E}b\\nc");
    }

    #[test]
    fn neutralizing_keeps_byte_length() {
        let text = "x\u{202E}y\u{0001}z\u{0085}";
        assert_eq!(neutralize_for_terminal(text).len(), text.len());
    }

    #[test]
    fn comparison_key_folds_case_width_and_space() {
        assert_eq!(
            comparison_key("  The   GUARDIAN "),
            comparison_key("the guardian")
        );
        assert_eq!(comparison_key("ＡＣＭＥ"), comparison_key("acme"));
    }
}
