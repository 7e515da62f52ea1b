//! A purpose-built wikitext reader, not a renderer: it finds the infobox, the headings, the
//! prose and the Cite extension's footnotes of a company page, and reduces inline markup
//! (bold, italic, links) to plain text.
//!
//! Footnotes are numbered as Cite numbers them: by first use; a reused named ref keeps its
//! number; each ref in the prose becomes a `[n]` marker where it stood. A ref name used but
//! never defined, or defined twice with different content, is a problem of the page: the
//! reader does not pick one.

use super::mapping::{Mapping, key, parse_kind};
use super::page::{Page, RawSource};
use crate::model::SourceKind;

/// Reads one page's wikitext.
pub(crate) fn read_page(title: &str, wikitext: &str, mapping: &Mapping) -> Page {
    let text = strip_comments(wikitext);
    let mut reader = Reader {
        page: Page {
            title: title.trim().to_owned(),
            ..Page::default()
        },
        mapping,
        page_text: &text,
        unclosed: 0,
        names: Vec::new(),
        defined: Vec::new(),
    };
    let mut current = String::new();
    let mut heading: Option<String> = None;
    let mut rest = text.as_str();
    while !rest.is_empty() {
        let line_end = line_end(rest);
        if let Some(title) = heading_of(&rest[..line_end]) {
            reader.finish_section(heading.take(), std::mem::take(&mut current));
            heading = Some(title);
            rest = rest[line_end..]
                .strip_prefix('\n')
                .unwrap_or(&rest[line_end..]);
            continue;
        }
        rest = reader.prose_until_line_end(rest, &mut current);
    }
    reader.finish_section(heading, current);
    reader.finish()
}

struct Reader<'m> {
    page: Page,
    mapping: &'m Mapping,
    /// The page's text (comments blanked, lines kept), to name the line of what is reported.
    page_text: &'m str,
    /// How many unclosed openers were reported (the report names the first few).
    unclosed: usize,
    /// The name of each source, by number, when it has one.
    names: Vec<Option<String>>,
    /// Whether each numbered source has been defined (a reuse can come first).
    defined: Vec<bool>,
}

impl Reader<'_> {
    /// Reads prose up to and including the end of the current line, where a multi-line
    /// construct (a template, a ref) counts as part of the line it starts on.
    fn prose_until_line_end<'t>(&mut self, text: &'t str, out: &mut String) -> &'t str {
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            if c == '\n' {
                out.push('\n');
                return &rest[1..];
            }
            rest = self.inline(rest, out, true);
        }
        rest
    }

    /// Reads one inline construct (or one character) at the start of `text` into `out`;
    /// returns the rest. `in_prose`: refs become markers (else they are dropped and reported).
    fn inline<'t>(&mut self, text: &'t str, out: &mut String, in_prose: bool) -> &'t str {
        if let Some(rest) = nowiki(text, out) {
            return rest;
        }
        for (opener, name) in [
            ("<ref", "ref"),
            ("<references", "references"),
            ("<nowiki", "nowiki"),
        ] {
            if starts_with_tag(text, name) && element(text, name).is_none() {
                // MediaWiki shows an unclosed tag as text and reads on after it.
                self.unclosed_opener(opener, text);
                out.push('<');
                return &text[1..];
            }
        }
        if let Some((tag, rest)) = element(text, "ref") {
            if in_prose {
                self.reference(&tag, out);
            } else {
                self.page
                    .unmapped
                    .push(format!("a footnote inside a value: {}", short(&tag.body)));
            }
            return rest;
        }
        if let Some((tag, rest)) = element(text, "references") {
            self.list_defined(&tag.body);
            return rest;
        }
        for (open, close) in [("{{", "}}"), ("[[", "]]")] {
            if !text.starts_with(open) {
                continue;
            }
            let Some((inner, rest)) = balanced(text, open, close) else {
                self.unclosed_opener(open, text);
                out.push_str(open);
                return &text[open.len()..];
            };
            if open == "{{" {
                self.template(inner, out, in_prose);
            } else {
                self.wiki_link(inner, out);
            }
            return rest;
        }
        if let Some((label, rest)) = external_link(text) {
            out.push_str(&label);
            return rest;
        }
        if let Some(rest) = text.strip_prefix("'''").or_else(|| text.strip_prefix("''")) {
            return rest;
        }
        if let Some(rest) = line_break(text) {
            out.push(BREAK);
            return rest;
        }
        let c = text.chars().next().unwrap_or('\n');
        out.push(c);
        &text[c.len_utf8()..]
    }

    /// Reports an opener that is never closed, by its line when it stands in the page's text.
    fn unclosed_opener(&mut self, opener: &str, at: &str) {
        self.unclosed += 1;
        const SHOWN: usize = 20;
        if self.unclosed > SHOWN {
            return;
        }
        let start = self.page_text.as_ptr() as usize;
        let here = at.as_ptr() as usize;
        let line = (here >= start && here <= start + self.page_text.len())
            .then(|| self.page_text.get(..here - start))
            .flatten()
            .map(|before| memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1);
        let place = line.map_or_else(String::new, |line| format!(" on line {line}"));
        self.page.unmapped.push(format!(
            "an unclosed `{opener}`{place}, kept as text (as the wiki shows it)"
        ));
    }

    fn template(&mut self, inner: &str, out: &mut String, in_prose: bool) {
        let parts = split_top_level(inner, '|');
        let name = parts.first().map(|p| p.trim()).unwrap_or_default();
        let lowered = key(name);
        if self.mapping.is_infobox(name) {
            if self.page.infobox.is_some() {
                self.page
                    .unmapped
                    .push(format!("a second infobox {{{{{name}}}}}"));
                return;
            }
            let mut rows = Vec::new();
            for part in &parts[1..] {
                match split_parameter(part) {
                    Some((param, value)) => {
                        // Line breaks stay marked: in a list they separate items.
                        let value = self.plain_with_breaks(value);
                        rows.push((param.trim().to_owned(), value));
                    }
                    None if part.trim().is_empty() => {}
                    None => self.page.unmapped.push(format!(
                        "an infobox value without a parameter name: {}",
                        short(part)
                    )),
                }
            }
            self.page.infobox = Some(rows);
        } else if lowered == "reflist" || lowered == "references" {
            for part in &parts[1..] {
                if let Some((param, value)) = split_parameter(part)
                    && key(param) == "refs"
                {
                    self.list_defined(value);
                }
            }
        } else if let Some(text) = plain_template(&lowered, &parts) {
            let _ = in_prose;
            out.push_str(&text);
        } else {
            self.page
                .unmapped
                .push(format!("the template {{{{{}}}}}", short(name)));
        }
    }

    fn wiki_link(&mut self, inner: &str, out: &mut String) {
        let (target, label) = match inner.split_once('|') {
            Some((target, label)) => (target, Some(label)),
            None => (inner, None),
        };
        let target_key = key(target);
        if let Some(category) = target_key.strip_prefix("category:") {
            let _ = category;
            let name = target.split_once(':').map_or("", |(_, n)| n).trim();
            self.page.categories.push(name.to_owned());
            return;
        }
        if target_key.starts_with("file:") || target_key.starts_with("image:") {
            self.page
                .unmapped
                .push(format!("the file [[{}]]", short(target)));
            return;
        }
        let shown = label.unwrap_or(target.trim_start_matches(':'));
        let mut text = String::new();
        let mut rest = shown;
        while !rest.is_empty() {
            rest = self.inline(rest, &mut text, false);
        }
        out.push_str(&text);
    }

    /// A `<ref>` in the prose: a `[n]` marker, numbered as Cite numbers it.
    fn reference(&mut self, tag: &Element, out: &mut String) {
        if let Some(group) = tag.attribute("group").filter(|g| !g.is_empty()) {
            self.page.unmapped.push(format!(
                "a footnote of group {group:?} (not a source): {}",
                short(&tag.body)
            ));
            return;
        }
        let name = tag.attribute("name").filter(|n| !n.is_empty());
        let number = match name
            .as_ref()
            .and_then(|n| self.names.iter().position(|m| m.as_deref() == Some(n)))
        {
            Some(index) => {
                if !tag.self_closing {
                    self.define(index, &tag.body);
                }
                index + 1
            }
            None => {
                self.names.push(name);
                self.defined.push(false);
                self.page.sources.push(RawSource::default());
                let index = self.page.sources.len() - 1;
                if !tag.self_closing {
                    self.define(index, &tag.body);
                }
                index + 1
            }
        };
        out.push_str(&format!("[{number}]"));
    }

    /// `<references>...</references>` or `{{reflist|refs=...}}`: definitions of named refs,
    /// which place no marker.
    fn list_defined(&mut self, body: &str) {
        let mut rest = body;
        while let Some(at) = rest.find("<ref") {
            rest = &rest[at..];
            let Some((tag, after)) = element(rest, "ref") else {
                rest = &rest["<ref".len()..];
                continue;
            };
            rest = after;
            let Some(name) = tag.attribute("name").filter(|n| !n.is_empty()) else {
                self.page.unmapped.push(format!(
                    "a footnote in the references list without a name: {}",
                    short(&tag.body)
                ));
                continue;
            };
            match self
                .names
                .iter()
                .position(|m| m.as_deref() == Some(name.as_str()))
            {
                Some(index) => self.define(index, &tag.body),
                None => self.page.unmapped.push(format!(
                    "the footnote {name:?}, defined in the references list but never cited"
                )),
            }
        }
    }

    fn define(&mut self, index: usize, body: &str) {
        let source = self.source(body);
        if self.defined[index] {
            if self.page.sources[index] != source {
                let name = self.names[index].clone().unwrap_or_default();
                self.page.problems.push(format!(
                    "the footnote {name:?} is defined twice with different content"
                ));
            }
            return;
        }
        self.defined[index] = true;
        self.page.sources[index] = source;
    }

    /// A footnote's content as a source: a citation template, a bracketed link, or text.
    fn source(&mut self, body: &str) -> RawSource {
        let body = body.trim();
        if let Some((inner, after)) = balanced(body, "{{", "}}") {
            let parts = split_top_level(inner, '|');
            let name = key(parts.first().map_or("", |p| p.trim()));
            if let Some(kind) = citation_kind(&name) {
                let mut source = RawSource {
                    kind,
                    ..RawSource::default()
                };
                let mut publisher_rank = usize::MAX;
                for part in &parts[1..] {
                    let Some((param, value)) = split_parameter(part) else {
                        continue;
                    };
                    let value = self.plain(value);
                    if value.is_empty() {
                        continue;
                    }
                    let param = key(param);
                    match param.as_str() {
                        "url" => source.url = Some(value),
                        "title" => source.title = Some(value),
                        "date" => source.date = Some(value),
                        "archive url" | "archiveurl" | "archive-url" => {
                            source.archive_url = Some(value)
                        }
                        "type" => match parse_kind(&value) {
                            Some(kind) => source.kind = Some(kind),
                            None => self
                                .page
                                .unmapped
                                .push(format!("a citation's type {value:?} (no such source type)")),
                        },
                        "note" => source.note = Some(value),
                        q if q == "quote"
                            || q.strip_prefix("quote")
                                .is_some_and(|n| n.parse::<u32>().is_ok()) =>
                        {
                            source.quotes.push(value)
                        }
                        _ => match PUBLISHER_PARAMETERS.iter().position(|p| *p == param) {
                            Some(rank) if rank < publisher_rank => {
                                publisher_rank = rank;
                                source.publisher = Some(value);
                            }
                            Some(_) => {}
                            None => self.page.unmapped.push(format!(
                                "the citation parameter {param:?} in {{{{{name}}}}}"
                            )),
                        },
                    }
                }
                let rest = after.trim();
                if !rest.is_empty() {
                    source.note = Some(self.plain(rest));
                }
                return source;
            }
        }
        let mut source = RawSource::default();
        if let Some((label, rest)) = external_link(body) {
            let url = body[1..]
                .split(|c: char| c.is_whitespace() || c == ']')
                .next()
                .unwrap_or_default();
            source.url = Some(url.to_owned());
            source.title = Some(label);
            let rest = self.plain(rest);
            if !rest.is_empty() {
                source.note = Some(rest);
            }
        } else {
            source.title = Some(self.plain(body));
        }
        source
    }

    /// A value reduced to plain text: markup removed, entities decoded, `<br>` a line break.
    fn plain(&mut self, value: &str) -> String {
        self.plain_with_breaks(value).replace(BREAK, "\n")
    }

    /// [`Self::plain`], with each `<br>` left as [`BREAK`].
    fn plain_with_breaks(&mut self, value: &str) -> String {
        let mut out = String::new();
        let mut rest = value;
        while !rest.is_empty() {
            rest = self.inline(rest, &mut out, false);
        }
        crate::text::decode_entities(out.trim())
    }

    /// Closes a section: paragraphs as the wiki shows them (a blank line between two, a single
    /// line break a space).
    fn finish_section(&mut self, heading: Option<String>, raw: String) {
        let prose = paragraphs(&raw);
        match heading {
            None => self.page.lead = prose,
            Some(heading) => self.page.sections.push((heading, prose)),
        }
    }

    fn finish(mut self) -> Page {
        for (index, defined) in self.defined.iter().enumerate() {
            if !defined {
                let name = self.names[index].clone().unwrap_or_default();
                self.page
                    .problems
                    .push(format!("the footnote {name:?} is used but never defined"));
            }
        }
        self.page
    }
}

/// Parameters that name a source's publisher, the most specific first.
const PUBLISHER_PARAMETERS: &[&str] = &["publisher", "work", "website", "newspaper"];

/// The source type a citation template states; `Some(None)` for a citation template that
/// states none (`cite web`), `None` for a template that is not a citation.
fn citation_kind(name: &str) -> Option<Option<SourceKind>> {
    Some(match name {
        "cite news" => Some(SourceKind::News),
        "cite press release" => Some(SourceKind::PressRelease),
        "cite court" => Some(SourceKind::CourtRecord),
        "cite web" | "cite report" | "citation" | "cite document" | "cite journal" => None,
        _ => return None,
    })
}

/// Templates that stand for plain text.
fn plain_template(name: &str, parts: &[&str]) -> Option<String> {
    match name {
        "!" => Some("|".into()),
        "=" => Some("=".into()),
        "nbsp" => Some("\u{a0}".into()),
        "ndash" => Some("–".into()),
        "mdash" => Some("—".into()),
        _ => {
            let _ = parts;
            None
        }
    }
}

/// Stands for `<br>` until paragraphs are joined, and in infobox values, where it separates
/// the items of a list.
pub(crate) const BREAK: char = '\u{1}';

fn paragraphs(raw: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in raw.split('\n') {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line.trim());
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out.iter()
        .map(|p| crate::text::decode_entities(p).replace(BREAK, "\n"))
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn line_end(text: &str) -> usize {
    text.find('\n').unwrap_or(text.len())
}

/// `== Title ==` (any level from 2), as MediaWiki reads a heading line.
fn heading_of(line: &str) -> Option<String> {
    let line = line.trim_end();
    let level = line.len() - line.trim_start_matches('=').len();
    let closing = line.len() - line.trim_end_matches('=').len();
    if level < 2 || closing < 2 || line.len() <= level + closing.min(level) {
        return None;
    }
    let inner = &line[level..line.len() - closing];
    let title = inner.trim();
    (!title.is_empty()).then(|| crate::text::decode_entities(&strip_inline_markup(title)))
}

fn strip_inline_markup(text: &str) -> String {
    text.replace("'''", "").replace("''", "")
}

fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        let comment = &rest[start..];
        let end = comment.find("-->").map_or(comment.len(), |end| end + 3);
        // A comment's line breaks stay, so that reports name the page's own line numbers.
        out.extend(comment[..end].chars().filter(|&c| c == '\n'));
        rest = &comment[end..];
    }
    out.push_str(rest);
    out
}

/// `<nowiki>...</nowiki>` (its content literal) or `<nowiki/>`.
fn nowiki<'t>(text: &'t str, out: &mut String) -> Option<&'t str> {
    if !starts_with_tag(text, "nowiki") {
        return None;
    }
    let (tag, rest) = element(text, "nowiki")?;
    out.push_str(&tag.body);
    Some(rest)
}

fn line_break(text: &str) -> Option<&str> {
    let lower = text.get(..3)?.to_ascii_lowercase();
    if lower != "<br" {
        return None;
    }
    let after = &text[3..];
    let close = after.find('>')?;
    after[..close]
        .trim()
        .trim_end_matches('/')
        .trim()
        .is_empty()
        .then(|| &after[close + 1..])
}

/// `[https://... label]`: the label (or the URL when there is none), and the rest.
fn external_link(text: &str) -> Option<(String, &str)> {
    let inner = text.strip_prefix('[')?;
    let lower = inner.get(..8).unwrap_or(inner).to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")) {
        return None;
    }
    let end = inner.find(']')?;
    if inner[..end].contains('\n') {
        return None;
    }
    let link = &inner[..end];
    let label = match link.split_once(char::is_whitespace) {
        Some((_, label)) => strip_inline_markup(label.trim()),
        None => link.to_owned(),
    };
    Some((crate::text::decode_entities(&label), &inner[end + 1..]))
}

/// Whether `text` starts with the tag `<name` (followed by a space, `>` or `/`).
fn starts_with_tag(text: &str, name: &str) -> bool {
    let Some(rest) = text.strip_prefix('<') else {
        return false;
    };
    rest.len() >= name.len()
        && rest.is_char_boundary(name.len())
        && rest[..name.len()].eq_ignore_ascii_case(name)
        && rest[name.len()..]
            .chars()
            .next()
            .is_some_and(|c| c == '>' || c == '/' || c.is_whitespace())
}

/// An element such as `<ref name="x">body</ref>` or `<ref name=x />`.
struct Element {
    attributes: Vec<(String, String)>,
    body: String,
    self_closing: bool,
}

impl Element {
    fn attribute(&self, name: &str) -> Option<String> {
        self.attributes
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| crate::text::decode_entities(v.trim()))
    }
}

/// Reads the element `name` at the start of `text` (which [`starts_with_tag`] accepted);
/// returns it and the rest. `None` when the opening tag is never finished or the element
/// never closed: MediaWiki then shows the opener as text.
fn element<'t>(text: &'t str, name: &str) -> Option<(Element, &'t str)> {
    if !starts_with_tag(text, name) {
        return None;
    }
    let open_end = text.find('>')?;
    let open = text.get(1 + name.len()..open_end)?;
    let self_closing = open.trim_end().ends_with('/');
    let attributes = attributes(open.trim_end().trim_end_matches('/'));
    let after = &text[open_end + 1..];
    if self_closing {
        return Some((
            Element {
                attributes,
                body: String::new(),
                self_closing,
            },
            after,
        ));
    }
    let close = format!("</{name}");
    // ASCII lower-casing keeps every byte offset, so `at` is an offset into `after` too.
    let lower = after.to_ascii_lowercase();
    let at = lower.find(&close)?;
    let closing = &after[at..];
    let rest = closing.find('>').map_or("", |end| &closing[end + 1..]);
    Some((
        Element {
            attributes,
            body: after[..at].to_owned(),
            self_closing,
        },
        rest,
    ))
}

/// `name="x" group=y`: attribute values quoted with `"` or `'`, or bare.
fn attributes(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let Some(eq) = rest.find('=') else {
            break;
        };
        let name = rest[..eq].trim().to_owned();
        let value_start = rest[eq + 1..].trim_start();
        let (value, after) = match value_start.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let inner = &value_start[1..];
                match inner.find(q) {
                    Some(end) => (&inner[..end], &inner[end + 1..]),
                    None => (inner, ""),
                }
            }
            _ => {
                let end = value_start
                    .find(char::is_whitespace)
                    .unwrap_or(value_start.len());
                (&value_start[..end], &value_start[end..])
            }
        };
        out.push((name, value.to_owned()));
        rest = after.trim_start();
    }
    out
}

/// The balanced construct `open ... close` at the start of `text`: its inside and the rest
/// after it. `None` when it is never closed.
fn balanced<'t>(text: &'t str, open: &str, close: &str) -> Option<(&'t str, &'t str)> {
    if !text.starts_with(open) {
        return None;
    }
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(rest) = text.get(i..).filter(|rest| !rest.is_empty()) {
        if let Some((_, after)) = element(rest, "nowiki") {
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
                return Some((inner, &rest[close.len()..]));
            }
            i += close.len();
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    None
}

/// Splits a template's inside at `separator`s outside nested templates, links and nowiki.
fn split_top_level(text: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let nested = balanced(rest, "{{", "}}")
            .or_else(|| balanced(rest, "[[", "]]"))
            .map(|(_, after)| after)
            .or_else(|| element(rest, "nowiki").map(|(_, after)| after))
            .or_else(|| element(rest, "ref").map(|(_, after)| after));
        if let Some(after) = nested {
            i = text.len() - after.len();
        } else if rest.starts_with(separator) {
            parts.push(&text[start..i]);
            i += separator.len_utf8();
            start = i;
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    parts.push(&text[start..]);
    parts
}

/// `name = value` of a template parameter; `None` for a positional one.
fn split_parameter(part: &str) -> Option<(&str, &str)> {
    let parts = split_top_level(part, '=');
    if parts.len() < 2 {
        return None;
    }
    let name_end = parts[0].len();
    Some((&part[..name_end], &part[name_end + 1..]))
}

/// A short quotation of page text for a report line.
fn short(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &one_line[..at]),
        None => one_line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Page {
        read_page("Acme Widgets", text, &Mapping::default())
    }

    #[test]
    fn refs_are_numbered_by_first_use_and_reused_by_name() {
        let page = read(
            "== Overview ==\nAcme makes widgets.<ref name=\"a\">{{cite web |url=https://example.com/a |title=A |publisher=Example News}}</ref> \
             It sells them.<ref>{{cite news|title=B|work=Example Daily|date=Mar. 6, 2018}}</ref> Again.<ref name=a /><ref name='a'/>\n",
        );
        assert!(page.problems.is_empty(), "{:?}", page.problems);
        assert_eq!(
            page.sections,
            vec![(
                "Overview".to_owned(),
                "Acme makes widgets.[1] It sells them.[2] Again.[1][1]".to_owned()
            )]
        );
        assert_eq!(
            page.sources[0].url.as_deref(),
            Some("https://example.com/a")
        );
        assert_eq!(page.sources[0].publisher.as_deref(), Some("Example News"));
        assert_eq!(page.sources[1].kind, Some(SourceKind::News));
        assert_eq!(page.sources[1].date.as_deref(), Some("Mar. 6, 2018"));
    }

    #[test]
    fn a_reuse_before_the_definition_keeps_its_first_number() {
        let page = read(
            "== Overview ==\nFirst.<ref name=b/> Second.<ref>Plain</ref> Third.<ref name=b>Defined</ref>\n",
        );
        assert_eq!(page.sections[0].1, "First.[1] Second.[2] Third.[1]");
        assert_eq!(page.sources[0].title.as_deref(), Some("Defined"));
    }

    #[test]
    fn undefined_and_conflicting_names_are_problems_not_guesses() {
        let page = read("== Overview ==\nA.<ref name=x/>\n");
        assert_eq!(page.problems.len(), 1, "{:?}", page.problems);
        assert!(page.problems[0].contains("never defined"));
        let page = read("== Overview ==\nA.<ref name=x>One</ref> B.<ref name=x>Two</ref>\n");
        assert!(
            page.problems[0].contains("defined twice"),
            "{:?}",
            page.problems
        );
        let page = read("== Overview ==\nA.<ref name=x>One</ref> B.<ref name=x>One</ref>\n");
        assert!(page.problems.is_empty());
    }

    #[test]
    fn list_defined_refs_group_refs_and_markup() {
        let page = read(
            "{{Infobox company\n| name = Acme [[Widget|Widgets]]\n| industry = Tools<br>Drones\n| parent_company = \n}}\n\
             Lead text.\n== '''Overview''' ==\n<!-- hidden -->''Acme'' is [[Acme Corp|a firm]].<ref name=r/> Note.<ref group=n>aside</ref>\n\
             Same paragraph.\n\nNext paragraph &amp; <nowiki>[[literal]]</nowiki> [https://example.com site].\n\
             == History ==\nOld.\n[[Category:Boycotted companies]]\n\
             == References ==\n<references>\n<ref name=r>{{cite press release|title=R|publisher=Acme|access-date=2020-01-01}}</ref>\n</references>\n",
        );
        assert!(page.problems.is_empty(), "{:?}", page.problems);
        let infobox = page.infobox.clone().unwrap();
        assert_eq!(infobox[0], ("name".into(), "Acme Widgets".into()));
        assert_eq!(
            infobox[1],
            ("industry".into(), format!("Tools{BREAK}Drones"))
        );
        assert_eq!(infobox[2], ("parent_company".into(), String::new()));
        assert_eq!(page.lead, "Lead text.");
        assert_eq!(
            page.sections[0],
            (
                "Overview".into(),
                "Acme is a firm.[1] Note. Same paragraph.\n\nNext paragraph & [[literal]] site."
                    .into()
            )
        );
        assert_eq!(page.sources.len(), 1);
        assert_eq!(page.sources[0].kind, Some(SourceKind::PressRelease));
        assert_eq!(page.categories, vec!["Boycotted companies".to_owned()]);
        assert!(page.unmapped.iter().any(|u| u.contains("group \"n\"")));
        assert!(
            page.unmapped.iter().any(|u| u.contains("access-date")),
            "{:?}",
            page.unmapped
        );
    }

    #[test]
    fn an_unclosed_opener_is_text_and_the_sections_after_it_are_read() {
        for opener in ["{{", "[[", "<ref>", "<nowiki>"] {
            let page = read(&format!(
                "== Overview ==\n<!-- a\ncomment -->Acme {opener}makes widgets é.\n\n== Boycott ==\nListed.\n"
            ));
            let sections: Vec<&str> = page.sections.iter().map(|(h, _)| h.as_str()).collect();
            assert_eq!(sections, ["Overview", "Boycott"], "{opener}: {page:?}");
            assert!(
                page.sections[0]
                    .1
                    .contains(&format!("Acme {opener}makes widgets é.")),
                "{opener}: {page:?}"
            );
            let opener_name = opener.trim_end_matches('>');
            assert!(
                page.unmapped
                    .iter()
                    .any(|u| u.contains(&format!("`{opener_name}` on line 3"))),
                "{opener}: {:?}",
                page.unmapped
            );
            assert!(page.sources.is_empty(), "{opener}: {page:?}");
        }
    }

    #[test]
    fn hostile_input_ends() {
        for text in [
            "{{",
            "{{{{{{",
            "<ref",
            "<ref name=\"",
            "[[",
            "== ==",
            "<nowiki>",
            "&#xFFFFFFFF;",
            "<references>",
            "{{Infobox company|a=<ref>x",
            "===",
            "[https://x",
            "<br",
            "&",
            "é{{é|é=é}}é",
        ] {
            let _ = read(text);
        }
    }
}
