//! The lexical pieces of wikitext the reader needs, read as MediaWiki reads them: extension
//! tags and their attributes (the preprocessor's tag matching, `Sanitizer::decodeTagAttributes`),
//! balanced `{{ }}` and `[[ ]]`, template parameters, external links, HTML tags, headings and
//! comments.

/// An extension tag such as `<ref name="x">body</ref>` or `<ref name=x />`.
pub(super) struct Element<'t> {
    pub attributes: Attributes,
    /// `None` for a self-closing tag: Cite tells `<ref/>` from `<ref></ref>`.
    pub body: Option<&'t str>,
}

/// A tag's attributes as `Sanitizer::decodeTagAttributes` gives them: names lower-cased,
/// values with runs of whitespace made one space, trimmed and their character references
/// decoded; a repeated attribute keeps its first place and its last value.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Attributes(Vec<(String, String)>);

impl Attributes {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The attribute names in the order they first appear.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(n, _)| n.as_str())
    }

    /// Sets `name` (already lower-cased) to a raw value, normalised as MediaWiki does.
    pub fn set(&mut self, name: String, raw_value: &str) {
        let value = crate::text::decode_entities(
            &raw_value
                .split(['\t', '\r', '\n', ' '])
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
        );
        match self.0.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.0.push((name, value)),
        }
    }
}

/// Whether `text` starts with the tag `<name` (followed by a space, `>` or `/`).
pub(super) fn starts_with_tag(text: &str, name: &str) -> bool {
    let Some(rest) = text.strip_prefix('<') else {
        return false;
    };
    rest.get(..name.len())
        .is_some_and(|n| n.eq_ignore_ascii_case(name))
        && rest
            .get(name.len()..)
            .and_then(|after| after.chars().next())
            .is_some_and(|c| c == '>' || c == '/' || c.is_whitespace())
}

/// Reads the element `name` at the start of `text`; returns it and the rest. `None` when the
/// opening tag is never finished or the element never closed: MediaWiki then shows the opener
/// as text. As MediaWiki's preprocessor does, the opening tag ends at its first `>`, is
/// self-closing when a `/` stands right before it, and the body ends at the first
/// `</name>` (any case, spaces allowed before the `>`).
pub(super) fn element<'t>(text: &'t str, name: &str) -> Option<(Element<'t>, &'t str)> {
    if !starts_with_tag(text, name) {
        return None;
    }
    let open_end = text.find('>')?;
    let open = text.get(1 + name.len()..open_end)?;
    let after = text.get(open_end + 1..)?;
    if let Some(open) = open.strip_suffix('/') {
        return Some((
            Element {
                attributes: attributes(open),
                body: None,
            },
            after,
        ));
    }
    let (body_end, close_end) = closing_tag(after, name)?;
    Some((
        Element {
            attributes: attributes(open),
            body: after.get(..body_end),
        },
        after.get(close_end..)?,
    ))
}

/// Where the first `</name\s*>` of `text` starts and ends.
pub(super) fn closing_tag(text: &str, name: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, b"</").find_map(|at| {
        let after_slash = at + 2;
        let tag = bytes.get(after_slash..after_slash + name.len())?;
        if !tag.eq_ignore_ascii_case(name.as_bytes()) {
            return None;
        }
        let after_name = bytes.get(after_slash + name.len()..)?;
        let spaces = after_name
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
        (after_name.get(spaces) == Some(&b'>'))
            .then_some((at, after_slash + name.len() + spaces + 1))
    })
}

/// The attributes of a tag's inside, as `Sanitizer::decodeTagAttributes` reads them: a name,
/// then optionally `=` and a value in `"`, in `'` (to the end when the quote is not closed) or
/// bare up to a space or `>`. A name without a value has the value "".
pub(super) fn attributes(text: &str) -> Attributes {
    let space = |c: char| matches!(c, '\t' | '\n' | '\u{c}' | '\r' | ' ');
    let mut found = Attributes::default();
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches(space);
        let Some(first) = rest.chars().next() else {
            break;
        };
        if first == '/' || first == '>' {
            rest = &rest[1..];
            continue;
        }
        // The first character of a name may be `=`; the others may not.
        let after_first = &rest[first.len_utf8()..];
        let name_end = first.len_utf8()
            + after_first
                .find(|c: char| space(c) || matches!(c, '/' | '>' | '='))
                .unwrap_or(after_first.len());
        let name = &rest[..name_end];
        rest = &rest[name_end..];
        let mut value = "";
        if let Some(after_equals) = rest.trim_start_matches(space).strip_prefix('=') {
            let start = after_equals.trim_start_matches(space);
            match start.chars().next() {
                Some(quote @ ('"' | '\'')) => {
                    let inside = &start[1..];
                    let end = inside.find(quote).unwrap_or(inside.len());
                    value = &inside[..end];
                    rest = inside.get(end + 1..).unwrap_or_default();
                }
                _ => {
                    let end = start
                        .find(|c: char| space(c) || c == '>')
                        .unwrap_or(start.len());
                    value = &start[..end];
                    rest = &start[end..];
                }
            }
        }
        let name = name.to_ascii_lowercase();
        if is_attribute_name(&name) {
            found.set(name, value);
        }
    }
    found
}

/// `Sanitizer`'s test of an attribute name: a letter, digit, `:` or `_`, then those and `.`
/// and `-`. Others are dropped.
fn is_attribute_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == ':' || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, ':' | '_' | '.' | '-'))
}

/// The extension tags whose content the preprocessor takes out before it reads templates,
/// links and tables: their `|`, `}}` or `]]` are not markup.
const OPAQUE_TAGS: [&str; 3] = ["nowiki", "ref", "references"];

/// The element of one of [`OPAQUE_TAGS`] at the start of `text`: the rest after it.
pub(super) fn skip_opaque(text: &str) -> Option<&str> {
    if !text.starts_with('<') {
        return None;
    }
    OPAQUE_TAGS
        .iter()
        .find_map(|name| element(text, name).map(|(_, after)| after))
}

/// The balanced construct `open ... close` at the start of `text`: its inside and the rest
/// after it. `None` when it is never closed.
pub(super) fn balanced<'t>(text: &'t str, open: &str, close: &str) -> Option<(&'t str, &'t str)> {
    if !text.starts_with(open) {
        return None;
    }
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(rest) = text.get(i..).filter(|rest| !rest.is_empty()) {
        if let Some(after) = skip_opaque(rest) {
            i = text.len() - after.len();
            continue;
        }
        if rest.starts_with(open) {
            depth += 1;
            i += open.len();
        } else if rest.starts_with(close) && depth > 0 {
            depth -= 1;
            if depth == 0 {
                let inner = text.get(open.len()..i)?;
                return Some((inner, rest.get(close.len()..)?));
            }
            i += close.len();
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    None
}

/// Splits at `separator`s outside nested templates, links and opaque tags.
pub(super) fn split_top_level<'t>(text: &'t str, separator: &str) -> Vec<&'t str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while let Some(rest) = text.get(i..).filter(|rest| !rest.is_empty()) {
        let nested = balanced(rest, "{{", "}}")
            .or_else(|| balanced(rest, "[[", "]]"))
            .map(|(_, after)| after)
            .or_else(|| skip_opaque(rest));
        if let Some(after) = nested {
            i = text.len() - after.len();
        } else if !separator.is_empty() && rest.starts_with(separator) {
            parts.push(text.get(start..i).unwrap_or_default());
            i += separator.len();
            start = i;
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    parts.push(text.get(start..).unwrap_or_default());
    parts
}

/// `name = value` of a template parameter; `None` for a positional one.
pub(super) fn split_parameter(part: &str) -> Option<(&str, &str)> {
    let parts = split_top_level(part, "=");
    if parts.len() < 2 {
        return None;
    }
    let name_end = parts.first()?.len();
    Some((part.get(..name_end)?, part.get(name_end + 1..)?))
}

/// Where the current line of `text` ends (before its `\n`), a template, link or opaque tag
/// that runs onto later lines counting as part of it.
pub(super) fn logical_line_end(text: &str) -> usize {
    let mut i = 0;
    while let Some(rest) = text.get(i..).filter(|rest| !rest.is_empty()) {
        if rest.starts_with('\n') {
            return i;
        }
        let nested = balanced(rest, "{{", "}}")
            .or_else(|| balanced(rest, "[[", "]]"))
            .map(|(_, after)| after)
            .or_else(|| skip_opaque(rest));
        match nested {
            Some(after) => i = text.len() - after.len(),
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    text.len()
}

/// An external link `[https://... label]` at the start of `text`: its URL, its label (`None`
/// when it has none) and the rest. The label ends at the first `]` outside an opaque tag, on
/// the same line (a footnote inside a label may hold a `]`).
pub(super) fn external_link(text: &str) -> Option<(&str, Option<&str>, &str)> {
    let inner = text.strip_prefix('[')?;
    let scheme = inner.get(..8).unwrap_or(inner).to_ascii_lowercase();
    if !(scheme.starts_with("http://")
        || scheme.starts_with("https://")
        || scheme.starts_with("//"))
    {
        return None;
    }
    let mut i = 0;
    loop {
        let rest = inner.get(i..)?;
        match rest.chars().next()? {
            ']' => break,
            '\n' => return None,
            '<' => match skip_opaque(rest) {
                Some(after) => i = inner.len() - after.len(),
                None => i += 1,
            },
            c => i += c.len_utf8(),
        }
    }
    let link = inner.get(..i)?;
    let rest = inner.get(i + 1..)?;
    Some(match link.find(char::is_whitespace) {
        Some(at) => {
            let label = link.get(at..).unwrap_or_default().trim();
            (
                link.get(..at).unwrap_or_default(),
                (!label.is_empty()).then_some(label),
                rest,
            )
        }
        None => (link, None, rest),
    })
}

/// `<br>`, `<br/>`, `<br />` (any case): the rest after it.
pub(super) fn line_break(text: &str) -> Option<&str> {
    let lower = text.get(..3)?.to_ascii_lowercase();
    if lower != "<br" {
        return None;
    }
    let after = text.get(3..)?;
    let close = after.find('>')?;
    after[..close]
        .trim()
        .trim_end_matches('/')
        .trim()
        .is_empty()
        .then(|| &after[close + 1..])
}

/// The HTML elements MediaWiki lets through as markup (`Sanitizer::getRecognizedTagData`):
/// their tags are formatting, and the text between them is what a reader sees. Any other tag
/// MediaWiki shows as text, and so does the reader.
const HTML_ELEMENTS: &[&str] = &[
    "abbr",
    "b",
    "bdi",
    "bdo",
    "big",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "data",
    "dd",
    "del",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "font",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "ins",
    "kbd",
    "li",
    "link",
    "mark",
    "meta",
    "ol",
    "p",
    "pre",
    "q",
    "rb",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "table",
    "td",
    "th",
    "time",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "wbr",
];

/// An opening or closing tag of one of [`HTML_ELEMENTS`] at the start of `text`: the rest
/// after it (the tag itself is formatting, not text).
pub(super) fn html_tag(text: &str) -> Option<&str> {
    let inside = text.strip_prefix('<')?;
    let inside = inside.strip_prefix('/').unwrap_or(inside);
    let name_length = inside.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let name = inside.get(..name_length)?.to_ascii_lowercase();
    if HTML_ELEMENTS.binary_search(&name.as_str()).is_err() {
        return None;
    }
    let after_name = inside.get(name_length..)?;
    if !after_name.starts_with(['>', '/', ' ', '\t', '\n']) {
        return None;
    }
    // The tag ends at its `>`, before any other `<` (MediaWiki splits the text at each `<`).
    let end = after_name.find(['>', '<'])?;
    after_name.get(end..)?.strip_prefix('>')
}

/// `== Title ==` (any level from 2), as MediaWiki reads a heading line: the raw title.
pub(super) fn heading_line(line: &str) -> Option<&str> {
    let line = line.trim_end();
    let level = line.len() - line.trim_start_matches('=').len();
    let closing = line.len() - line.trim_end_matches('=').len();
    if level < 2 || closing < 2 || line.len() <= level + closing.min(level) {
        return None;
    }
    let title = line.get(level..line.len() - closing)?.trim();
    (!title.is_empty()).then_some(title)
}

/// The page text as the reader takes it: line ends as MediaWiki stores them (`\n`), comments
/// blanked but for their line breaks (so reports name the page's own lines), and C0 control
/// characters other than tab and line feed made U+FFFD (no MediaWiki page holds them: XML 1.0
/// forbids them in an export). Returns the text and how many controls were replaced.
pub(super) fn clean_page_text(text: &str) -> (String, usize) {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    let mut controls = 0;
    let mut rest = text.as_str();
    while let Some(start) = rest.find("<!--") {
        push_clean(&rest[..start], &mut out, &mut controls);
        let comment = &rest[start..];
        let end = comment.find("-->").map_or(comment.len(), |end| end + 3);
        out.extend(comment[..end].chars().filter(|&c| c == '\n'));
        rest = &comment[end..];
    }
    push_clean(rest, &mut out, &mut controls);
    (out, controls)
}

fn push_clean(text: &str, out: &mut String, controls: &mut usize) {
    let is_control = |b: u8| b < b' ' && b != b'\t' && b != b'\n';
    if !text.bytes().any(is_control) {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        if c < ' ' && c != '\t' && c != '\n' {
            *controls += 1;
            out.push(char::REPLACEMENT_CHARACTER);
        } else {
            out.push(c);
        }
    }
}

/// A short quotation of page text for a report line.
pub(super) fn short(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &one_line[..at]),
        None => one_line,
    }
}

/// PHP's `trim()`, which Cite uses to decide that a footnote is empty: it strips spaces, tabs,
/// line breaks, NUL and vertical tab, not every Unicode space (a footnote of `&nbsp;` is not
/// empty).
pub(super) fn php_trim(text: &str) -> &str {
    text.trim_matches([' ', '\t', '\n', '\r', '\0', '\u{b}'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_read_as_the_sanitizer_reads_them() {
        let a = attributes(r#" Name = "  Acme   Widgets " group=n name='b' follow group=last"#);
        assert_eq!(a.get("name"), Some("b"));
        assert_eq!(a.get("group"), Some("last"));
        assert_eq!(a.get("follow"), Some(""));
        assert_eq!(a.names().collect::<Vec<_>>(), ["name", "group", "follow"]);
        assert_eq!(attributes("name=a&amp;b").get("name"), Some("a&b"));
        assert_eq!(attributes("name=\"unclosed").get("name"), Some("unclosed"));
        assert_eq!(attributes("name=\"   \"").get("name"), Some(""));
    }

    #[test]
    fn an_element_ends_at_its_own_closing_tag() {
        let (tag, rest) = element("<ref>a</references>b</REF >c", "ref").unwrap();
        assert_eq!(tag.body, Some("a</references>b"));
        assert_eq!(rest, "c");
        let (tag, rest) = element("<ref name=x/>d", "ref").unwrap();
        assert_eq!(tag.body, None);
        assert_eq!(tag.attributes.get("name"), Some("x"));
        assert_eq!(rest, "d");
        assert!(element("<ref>never closed", "ref").is_none());
    }

    #[test]
    fn the_html_element_list_is_sorted_for_its_binary_search() {
        assert!(HTML_ELEMENTS.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(html_tag("<small>x"), Some("x"));
        assert_eq!(html_tag("</SPAN >x"), Some("x"));
        assert_eq!(html_tag("<span style=\"a\">x"), Some("x"));
        assert_eq!(html_tag("<foo>x"), None);
        assert_eq!(html_tag("<b"), None);
    }
}
