//! Text helpers: byte offsets to lines and columns, safe display of untrusted strings,
//! and the normalization that makes two spellings of one name compare equal.

use serde::Serialize;
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// A 1-based line and column; columns count Unicode scalar values, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct LineColumn {
    pub line: usize,
    pub column: usize,
}

/// A resolved place in a file: byte range plus its human coordinates.
/// `end` is exclusive: it is the position just past the last character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub bytes: Range<usize>,
    /// The same range in characters (Unicode scalar values) from the start of the file.
    pub chars: Range<usize>,
    pub start: LineColumn,
    pub end: LineColumn,
}

/// A location in the JSON report: 1-based lines and character columns, the end exclusive.
impl Serialize for Location {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(4))?;
        self.serialize_entries(&mut map)?;
        map.end()
    }
}

impl Location {
    /// Writes `line`, `column`, `end_line` and `end_column` into a map being serialized (a
    /// diagnostic of the JSON report holds them among its own keys).
    pub(crate) fn serialize_entries<M: serde::ser::SerializeMap>(
        &self,
        map: &mut M,
    ) -> Result<(), M::Error> {
        map.serialize_entry("line", &self.start.line)?;
        map.serialize_entry("column", &self.start.column)?;
        map.serialize_entry("end_line", &self.end.line)?;
        map.serialize_entry("end_column", &self.end.column)
    }
}

/// Maps byte offsets of one text to 1-based lines and character columns, and to character
/// offsets from the start of the text (SARIF's `charOffset`).
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    /// Characters before each line start; empty when the text is ASCII (bytes are characters).
    line_start_chars: Vec<usize>,
    /// The last position resolved (byte offset, its line, its column): findings come mostly in
    /// order, so counting characters resumes from there instead of from the line's start, and
    /// many findings on one long line cost time linear in the line, not quadratic.
    cursor: std::cell::Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let line_starts = line_starts(text);
        let line_start_chars = if text.is_ascii() {
            Vec::new()
        } else {
            let mut chars = Vec::with_capacity(line_starts.len());
            let mut count = 0;
            let mut previous = 0;
            for &start in &line_starts {
                count += text[previous..start].chars().count();
                chars.push(count);
                previous = start;
            }
            chars
        };
        LineIndex {
            text,
            line_starts,
            line_start_chars,
            cursor: std::cell::Cell::new((0, 0, 1)),
        }
    }

    pub(crate) fn line_column(&self, offset: usize) -> LineColumn {
        let offset = clamp_to_char_boundary(self.text, offset);
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let column = if self.line_start_chars.is_empty() {
            offset - start + 1
        } else {
            let (at, at_line, at_column) = self.cursor.get();
            let (from, base) = if at_line == line && at <= offset && at >= start {
                (at, at_column)
            } else {
                (start, 1)
            };
            base + self.text[from..offset].chars().count()
        };
        self.cursor.set((offset, line, column));
        LineColumn {
            line: line + 1,
            column,
        }
    }

    /// Characters from the start of the text to a resolved position.
    fn char_offset(&self, at: LineColumn) -> usize {
        let before_line = if self.line_start_chars.is_empty() {
            self.line_starts[at.line - 1]
        } else {
            self.line_start_chars[at.line - 1]
        };
        before_line + at.column - 1
    }

    pub(crate) fn location(&self, bytes: Range<usize>) -> Location {
        let start = clamp_to_char_boundary(self.text, bytes.start);
        let end = clamp_to_char_boundary(self.text, bytes.end.max(start));
        let (start_at, end_at) = (self.line_column(start), self.line_column(end));
        Location {
            chars: self.char_offset(start_at)..self.char_offset(end_at),
            start: start_at,
            end: end_at,
            bytes: start..end,
        }
    }
}

/// The byte offset where each line of `text` starts (the first is 0).
pub(crate) fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1))
        .collect()
}

fn clamp_to_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

pub(crate) use crate::untrusted::{escape_untrusted, is_invisible};

/// Replaces every invisible character of a file's text by a visible one of the same
/// UTF-8 length, so byte offsets still hold while snippets are drawn on a terminal.
pub(crate) fn neutralize_for_terminal(text: &str) -> String {
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
pub(crate) fn comparison_key(s: &str) -> String {
    let mut key = String::with_capacity(s.len());
    comparison_key_into(s, &mut key);
    key
}

/// [`comparison_key`] written into `key` (cleared first), so that a caller folding many
/// strings reuses one buffer.
pub(crate) fn comparison_key_into(s: &str, key: &mut String) {
    key.clear();
    // ASCII is its own NFKC and folds by lower-casing: skip the Unicode tables (a profile of a
    // full lint showed normalization and case folding as its largest cost).
    if s.is_ascii() {
        let bytes = s.as_bytes();
        // Most text is already in its collapsed form: single spaces between words. Then the
        // key is a wide copy lower-cased in place. memchr's searches test for the other ASCII
        // white space (tab, line feed, form feed, carriage return) and a double space; the
        // folds they replaced cost ten instructions a byte, on every source's title and
        // publisher.
        static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
            std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));
        let other_whitespace = memchr::memchr3(b'\t', b'\n', b'\r', bytes).is_some()
            || memchr::memchr(0x0c, bytes).is_some();
        if !other_whitespace
            && DOUBLE_SPACE.find(bytes).is_none()
            && bytes.first() != Some(&b' ')
            && bytes.last() != Some(&b' ')
        {
            key.push_str(s);
            key.make_ascii_lowercase();
            return;
        }
        // Word by word: each word is copied whole and lower-cased in place.
        let mut bytes = std::mem::take(key).into_bytes();
        bytes.reserve(s.len());
        for word in s.split_ascii_whitespace() {
            if !bytes.is_empty() {
                bytes.push(b' ');
            }
            let start = bytes.len();
            bytes.extend_from_slice(word.as_bytes());
            bytes[start..].make_ascii_lowercase();
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

/// Decodes HTML character references as MediaWiki does (`Sanitizer::decodeCharReferences`):
/// every HTML5 named reference, with its `;` (wikitext requires it: `AT&T` and `&amp` stay
/// as written), MediaWiki's two aliases of `&rlm;`, and every decimal and hexadecimal one,
/// leading zeros and all. A number MediaWiki does not accept as a character
/// (`Sanitizer::validateCodepoint`: C0 and C1 controls other than tab and line feed,
/// surrogates, U+FFFE, U+FFFF, anything past U+10FFFF) becomes U+FFFD, never a control
/// character. An unknown name is kept as written.
pub(crate) fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        match character_reference(after) {
            Some((decoded, length)) => {
                decoded.push_to(&mut out);
                rest = after.get(length..).unwrap_or_default();
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// What a character reference stands for: a named one can stand for two characters.
enum Decoded {
    Char(char),
    Text(&'static str),
}

impl Decoded {
    fn push_to(self, out: &mut String) {
        match self {
            Decoded::Char(c) => out.push(c),
            Decoded::Text(text) => out.push_str(text),
        }
    }
}

/// The longest HTML5 entity name (`CounterClockwiseContourIntegral`) is 31 bytes: a longer run
/// is never a name, and is not looked up.
const LONGEST_ENTITY_NAME: usize = 32;

/// The character reference that starts right after an `&`, and its length up to and with its
/// `;`; `None` when `after` does not start one.
fn character_reference(after: &str) -> Option<(Decoded, usize)> {
    if let Some(number) = after.strip_prefix('#') {
        let (digits, radix, prefix) = match number.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 2),
            None => (number, 10, 1),
        };
        let length = digits
            .bytes()
            .take_while(|b| b.is_ascii_digit() || (radix == 16 && b.is_ascii_hexdigit()))
            .count();
        if length == 0 || digits.as_bytes().get(length) != Some(&b';') {
            return None;
        }
        let value = u32::from_str_radix(digits.get(..length)?, radix).ok();
        let c = value
            .filter(|&v| accepted_code_point(v))
            .and_then(char::from_u32)
            .unwrap_or(char::REPLACEMENT_CHARACTER);
        return Some((Decoded::Char(c), prefix + length + 1));
    }
    // A name is ASCII letters and digits, or any character beyond ASCII (MediaWiki's
    // `[A-Za-z0-9\x80-\xff]+` over UTF-8 bytes), closed by `;`.
    let length = after
        .char_indices()
        .find(|(_, c)| c.is_ascii() && !c.is_ascii_alphanumeric())
        .map_or(after.len(), |(at, _)| at);
    if length == 0 || length > LONGEST_ENTITY_NAME || after.as_bytes().get(length) != Some(&b';') {
        return None;
    }
    let name = after.get(..length)?;
    // MediaWiki's own aliases of `&rlm;` (Hebrew and Arabic spellings), not in HTML5.
    let name = match name {
        "\u{5E8}\u{5DC}\u{5DE}" | "\u{631}\u{644}\u{645}" => "rlm",
        name => name,
    };
    let table = &html_escape::NAMED_ENTITIES;
    let index = table
        .binary_search_by(|(entity, _)| (*entity).cmp(name.as_bytes()))
        .ok()?;
    let (_, expansion) = table.get(index)?;
    Some((Decoded::Text(expansion), length + 1))
}

/// The code points `Sanitizer::validateCodepoint` accepts as characters of both HTML5 and
/// XML: tab, line feed, printable ASCII, and the rest of Unicode but for the C1 controls,
/// surrogates, U+FFFE and U+FFFF. (It refuses U+000D too: HTML5 does not allow it.)
fn accepted_code_point(value: u32) -> bool {
    matches!(value,
        0x09 | 0x0A | 0x20..=0x7E | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x1_0000..=0x10_FFFF)
}

/// Quotes a string for a message, escaped for safe display.
pub(crate) fn quoted(s: &str) -> String {
    format!("\"{}\"", escape_untrusted(s))
}

/// Escapes untrusted text for GitHub Markdown: every ASCII punctuation character that
/// Markdown, HTML or GitHub reads (links, emphasis, tables, tags, `@mentions`, `#refs`) is
/// backslash-escaped, so a line can neither start a workflow command (`::`) nor ping anyone.
pub(crate) fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '.'
            | '!' | '|' | '<' | '>' | '~' | ':' | '&' | '"' | '\'' | '=' | '$' | '%' | '^' => {
                out.push('\\');
                out.push(c);
            }
            // A backslash before @ does not stop a mention on GitHub: a zero-width joiner does.
            '@' => out.push_str("@\u{2060}"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
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
    fn character_offsets_count_characters_on_every_line() {
        let text = "é\n  \"ü\": [1]";
        let index = LineIndex::new(text);
        let at = text.find('[').unwrap_or(0);
        let location = index.location(at..at + 3);
        assert_eq!(location.chars, 9..12);
        assert_eq!(text.chars().take(9).collect::<String>(), "é\n  \"ü\": ");
        // Positions out of order still resolve right (the cursor is only a shortcut).
        assert_eq!(index.line_column(2).column, 2);
        assert_eq!(index.line_column(at), LineColumn { line: 2, column: 8 });
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
    fn entities_decode_to_the_characters_they_stand_for() {
        assert_eq!(
            decode_entities(
                "A&amp;B &lt;x&gt; &quot;q&quot; &apos;a&#39; it&rsquo;s &ldquo;r&rdquo;"
            ),
            "A&B <x> \"q\" 'a' it\u{2019}s \u{201c}r\u{201d}"
        );
        assert_eq!(
            decode_entities("1&nbsp;km &ndash; 2&mdash;3 &#8212; &#x2014; &#X41;"),
            "1\u{a0}km \u{2013} 2\u{2014}3 \u{2014} \u{2014} A"
        );
        // Kept as written: a bare ampersand, an unknown name, no semicolon (wikitext needs
        // it even where HTML5 does not), an empty or broken reference.
        for kept in [
            "AT&T",
            "&bogus;",
            "&amp",
            "&copy",
            "&;",
            "&#;",
            "&#x;",
            "&#12a;",
            "&AMP ;",
            "&averyveryverylongnamethatisnoentityatall;",
        ] {
            assert_eq!(decode_entities(kept), kept);
        }
    }

    #[test]
    fn every_html5_name_and_number_decodes_as_mediawiki_decodes_it() {
        // Names from all of HTML5, not only HTML 4: some stand for two code points.
        assert_eq!(
            decode_entities("&hellip;&euro;&Tab;&NewLine;"),
            "\u{2026}\u{20ac}\t\n"
        );
        assert_eq!(decode_entities("&nGt;"), "\u{226b}\u{20d2}");
        assert_eq!(
            decode_entities("&CounterClockwiseContourIntegral;"),
            "\u{2233}"
        );
        // MediaWiki's own spellings of &rlm;.
        assert_eq!(decode_entities("&\u{5E8}\u{5DC}\u{5DE};"), "\u{200f}");
        // Leading zeros, any number of them.
        assert_eq!(
            decode_entities("&#0065;&#x0041;&#00000000000000000000000066;"),
            "AAB"
        );
        // What Sanitizer::validateCodepoint refuses is U+FFFD, never the control itself.
        for refused in [
            "&#0;",
            "&#x0;",
            "&#1;",
            "&#13;",
            "&#x7F;",
            "&#x85;",
            "&#x9F;",
            "&#xD800;",
            "&#xDFFF;",
            "&#xFFFE;",
            "&#xFFFF;",
            "&#x110000;",
            "&#xFFFFFFFF;",
            "&#99999999999999999999;",
        ] {
            assert_eq!(decode_entities(refused), "\u{fffd}", "{refused}");
        }
        for accepted in [
            "&#9;",
            "&#10;",
            "&#x20;",
            "&#x7E;",
            "&#xA0;",
            "&#xFFFC;",
            "&#x10FFFF;",
        ] {
            assert_ne!(decode_entities(accepted), "\u{fffd}", "{accepted}");
        }
    }

    #[test]
    fn the_entity_table_is_sorted_for_its_binary_search() {
        assert!(
            html_escape::NAMED_ENTITIES
                .windows(2)
                .all(|pair| pair[0].0 < pair[1].0)
        );
        assert_eq!(html_escape::NAMED_ENTITIES.len(), 2125);
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
