//! A purpose-built wikitext reader, not a renderer: it finds the infobox, the headings, the
//! prose and the Cite extension's footnotes of a company page, and reduces markup (bold,
//! italic, links, HTML tags, lists, tables) to plain text.
//!
//! Footnotes are numbered as Cite numbers them (see [`cite`]): by first use; a reused named
//! ref keeps its number; each ref in the prose becomes a `[n]` marker where it stood. What
//! Cite shows as an error is reported under Cite's message key and the line it is on, and is
//! never made a source. A ref name used but never defined, or defined twice with different
//! content, is a problem of the page: the reader does not pick one.
//!
//! Text that only looks like a marker (a literal `[3]`, or one in `<nowiki>`) is not a
//! citation: it is written with fullwidth brackets (`［3］`), which no rule reads as one.

mod blocks;
mod cite;
mod markup;

use super::mapping::{Mapping, key};
use super::page::{InfoboxValue, Page, RawClaim, RawSource};
use crate::model::SourceKind;
use cite::Footnotes;
use markup::{
    Attributes, balanced, element, external_link, heading_line, html_tag, line_break, short,
    split_parameter, split_top_level, starts_with_tag,
};
use std::collections::HashMap;

/// Reads one page's wikitext.
pub(crate) fn read_page(title: &str, wikitext: &str, mapping: &Mapping) -> Page {
    let (text, controls) = markup::clean_page_text(wikitext);
    let mut reader = Reader {
        page: Page {
            title: title.trim().to_owned(),
            ..Page::default()
        },
        mapping,
        page_text: &text,
        line_starts: crate::text::line_starts(&text),
        place: Place::Prose,
        footnotes: Footnotes::default(),
        reported: HashMap::new(),
        no_more_gt: None,
        no_closing_tag: HashMap::new(),
        claim_templates: Vec::new(),
    };
    if controls > 0 {
        reader.page.unmapped.push(format!(
            "{controls} control character(s) other than tab and line break, which no MediaWiki \
             page holds, read as U+FFFD"
        ));
    }
    reader.body(&text);
    reader.finish()
}

/// Stands for `<br>` inside the reader, until paragraphs are joined and infobox values are cut
/// into lines: a `<br>` is not a line break of the wikitext (a paragraph's line breaks are
/// spaces), so it needs a character of its own until then. It never leaves this module.
const BREAK: char = '\u{1}';
/// `MARKER_START` index `MARKER_END` stands for the marker of footnote `index` until the
/// footnotes are numbered at the end of the page.
const MARKER_START: char = '\u{2}';
const MARKER_END: char = '\u{3}';
/// Starts a line of its own: a list item or a table row.
const ITEM: char = '\u{4}';
/// `CLAIM_START` index `CLAIM_END` stands where `{{Claim}}` number `index` was, until the claims
/// section is cut into claims at the end of the page.
const CLAIM_START: char = '\u{5}';
const CLAIM_END: char = '\u{6}';

/// At most this many report lines of one kind: a page cannot make the report unbounded.
const SHOWN_PER_KIND: usize = 20;

/// Where the text being read stands, which decides what a footnote there becomes.
#[derive(Debug, Clone)]
enum Place {
    /// The prose: a footnote is a `[n]` marker where it stands.
    Prose,
    /// Text that is not imported as prose (an infobox value, a heading, a file's caption, a
    /// template's argument): a footnote there is numbered as Cite numbers it, and reported.
    Aside(String),
    /// A footnote's own content: Cite shows a `<ref>` there as text.
    Citation,
}

struct Reader<'m> {
    page: Page,
    mapping: &'m Mapping,
    /// The page's text (comments blanked, lines kept), to name the line of what is reported.
    page_text: &'m str,
    line_starts: Vec<usize>,
    place: Place,
    footnotes: Footnotes,
    /// How many report lines of each kind were made.
    reported: HashMap<&'static str, usize>,
    /// Where in the page's text no `>` follows any more, and where no closing tag of a name
    /// does: an opener after that is unclosed without a search (the preprocessor's
    /// `noMoreGT` and `noMoreClosingTag`), so many unclosed tags cost time linear in the page.
    no_more_gt: Option<usize>,
    no_closing_tag: HashMap<&'static str, usize>,
    /// The parameters of each `{{Claim}}` read, in page order.
    claim_templates: Vec<Vec<(String, String)>>,
}

impl Reader<'_> {
    /// The page's lines in order: headings open sections, tables and lists are read as lines
    /// of text, the rest is prose.
    fn body(&mut self, text: &str) {
        let mut current = String::new();
        let mut heading: Option<String> = None;
        let mut list = blocks::ListNumbers::default();
        let mut rest = text;
        while !rest.is_empty() {
            let line = &rest[..line_end(rest)];
            if let Some(title) = heading_line(line) {
                let title = self.heading_title(title);
                self.finish_section(heading.take(), std::mem::take(&mut current));
                heading = Some(title);
                rest = after_line(rest);
                list = Default::default();
                continue;
            }
            if blocks::starts_table(line) {
                rest = self.table(rest, &mut current);
                list = Default::default();
                continue;
            }
            if let Some(prefix) = blocks::list_prefix(line) {
                current.push(ITEM);
                current.push_str(&list.item(prefix));
                let item = rest[prefix.len()..].trim_start_matches([' ', '\t']);
                rest = self.prose_until_line_end(item, &mut current);
                continue;
            }
            list = Default::default();
            rest = self.prose_until_line_end(rest, &mut current);
        }
        self.finish_section(heading, current);
    }

    /// Reads prose up to and including the end of the current line, where a multi-line
    /// construct (a template, a ref) counts as part of the line it starts on.
    fn prose_until_line_end<'t>(&mut self, text: &'t str, out: &mut String) -> &'t str {
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            if c == '\n' {
                out.push('\n');
                return &rest[1..];
            }
            rest = self.inline(rest, out);
        }
        rest
    }

    /// Reads one inline construct (or one character) at the start of `text` into `out`;
    /// returns the rest.
    fn inline<'t>(&mut self, text: &'t str, out: &mut String) -> &'t str {
        if text.starts_with('<') {
            for name in ["nowiki", "ref", "references"] {
                if !starts_with_tag(text, name) {
                    continue;
                }
                let Some((tag, rest)) = self.tag_element(text, name) else {
                    // MediaWiki shows an unclosed tag as text and reads on after it.
                    self.unclosed_opener(&format!("<{name}"), text);
                    out.push('<');
                    return text.get(1..).unwrap_or_default();
                };
                match name {
                    "nowiki" => out.push_str(tag.body.unwrap_or_default()),
                    "ref" => self.ref_tag(&tag.attributes, tag.body, text, out),
                    _ => self.references_tag(&tag.attributes, tag.body, text, out),
                }
                return rest;
            }
            if let Some(rest) = line_break(text) {
                out.push(BREAK);
                return rest;
            }
            if let Some(rest) = html_tag(text) {
                return rest;
            }
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
                self.template(inner, out);
            } else {
                self.wiki_link(inner, out);
            }
            return rest;
        }
        if let Some((url, label, rest)) = external_link(text) {
            match label {
                Some(label) => self.read_into(label, out),
                None => out.push_str(url),
            }
            return rest;
        }
        if let Some(rest) = text.strip_prefix("'''").or_else(|| text.strip_prefix("''")) {
            return rest;
        }
        let c = text.chars().next().unwrap_or('\n');
        out.push(c);
        &text[c.len_utf8()..]
    }

    /// [`element`], remembering where in the page's text a search found no `>` or no
    /// closing tag, so that it is never made again from there on.
    fn tag_element<'t>(
        &mut self,
        text: &'t str,
        name: &'static str,
    ) -> Option<(markup::Element<'t>, &'t str)> {
        let Some(offset) = self.offset_of(text) else {
            return element(text, name);
        };
        if self.no_more_gt.is_some_and(|from| offset >= from) {
            return None;
        }
        let Some(open_end) = text.find('>') else {
            self.no_more_gt = Some(offset);
            return None;
        };
        let self_closing = text.get(..open_end).is_some_and(|open| open.ends_with('/'));
        if !self_closing
            && self
                .no_closing_tag
                .get(name)
                .is_some_and(|&from| offset >= from)
        {
            return None;
        }
        let found = element(text, name);
        if found.is_none() && !self_closing {
            let from = self.no_closing_tag.entry(name).or_insert(offset);
            *from = (*from).min(offset);
        }
        found
    }

    /// Where `text` starts in the page's text, when it is part of it.
    fn offset_of(&self, text: &str) -> Option<usize> {
        (text.as_ptr() as usize)
            .checked_sub(self.page_text.as_ptr() as usize)
            .filter(|offset| *offset <= self.page_text.len())
    }

    /// Reads all of `text` as inline markup into `out`.
    fn read_into(&mut self, text: &str, out: &mut String) {
        let mut rest = text;
        while !rest.is_empty() {
            rest = self.inline(rest, out);
        }
    }

    /// Runs `read` with the text it reads standing aside from the prose (`what` says where,
    /// for the report). Inside a footnote's content it stays there.
    fn aside<R>(&mut self, what: String, read: impl FnOnce(&mut Self) -> R) -> R {
        let place = match self.place {
            Place::Citation => Place::Citation,
            _ => Place::Aside(what),
        };
        let outer = std::mem::replace(&mut self.place, place);
        let result = read(self);
        self.place = outer;
        result
    }

    /// Reads text that is not imported (a template's arguments, a file's caption) only for
    /// the footnotes it holds.
    fn read_aside(&mut self, what: String, parts: &[&str]) {
        self.aside(what, |reader| {
            let mut ignored = String::new();
            for part in parts {
                reader.read_into(part, &mut ignored);
            }
        });
    }

    /// The line of the page `at` starts on, when it is part of the page's text.
    fn line_of(&self, at: &str) -> Option<usize> {
        let offset = self.offset_of(at)?;
        Some(self.line_starts.partition_point(|&s| s <= offset))
    }

    /// A report line of a kind, up to [`SHOWN_PER_KIND`] of them.
    fn report(&mut self, kind: &'static str, line: String) {
        let count = self.reported.entry(kind).or_default();
        *count += 1;
        if *count <= SHOWN_PER_KIND {
            self.page.unmapped.push(line);
        }
    }

    /// Reports an opener that is never closed, by its line when it stands in the page's text.
    fn unclosed_opener(&mut self, opener: &str, at: &str) {
        let place = self
            .line_of(at)
            .map_or_else(String::new, |line| format!(" on line {line}"));
        self.report(
            "unclosed",
            format!("an unclosed `{opener}`{place}, kept as text (as the wiki shows it)"),
        );
    }

    /// A `<ref>` tag (or `{{#tag:ref}}`) standing at `at`.
    fn ref_tag(&mut self, attributes: &Attributes, body: Option<&str>, at: &str, out: &mut String) {
        if let Place::Citation = self.place {
            // Cite::ref returns nothing while inside a ref, and the tag hook then shows the
            // tag as text.
            out.push_str("<ref>");
            out.push_str(body.unwrap_or_default());
            out.push_str("</ref>");
            return;
        }
        let line = self.line_of(at);
        let Some(index) = self.footnotes.reference(attributes, body, line) else {
            return;
        };
        match &self.place {
            Place::Prose => {
                out.push(MARKER_START);
                out.push_str(&index.to_string());
                out.push(MARKER_END);
            }
            Place::Aside(what) => {
                let what = what.clone();
                let place = line.map_or_else(String::new, |line| format!(" on line {line}"));
                let content = match (body, attributes.get("name")) {
                    (Some(body), _) if !body.trim().is_empty() => short(body),
                    (_, Some(name)) => format!("the footnote {name:?}"),
                    _ => String::new(),
                };
                self.report(
                    "aside footnote",
                    format!(
                        "a footnote in {what}{place} ({content}): it is not in the prose, so \
                         its source is imported only where the prose cites it too"
                    ),
                );
            }
            Place::Citation => {}
        }
    }

    /// A `<references>` tag (or `{{reflist}}`, `{{#tag:references}}`) standing at `at`: the
    /// list-defined footnotes it holds, and the end of its group's list.
    fn references_tag(
        &mut self,
        attributes: &Attributes,
        body: Option<&str>,
        at: &str,
        out: &mut String,
    ) {
        if let Place::Citation = self.place {
            // Cite::references returns nothing inside a ref; the hook shows the tag as text.
            match body {
                None => out.push_str("<references/>"),
                Some(body) => {
                    out.push_str("<references>");
                    out.push_str(body);
                    out.push_str("</references>");
                }
            }
            return;
        }
        let line = self.line_of(at);
        let group = attributes.get("group").unwrap_or_default().to_owned();
        let ends = self.footnotes.references(attributes, body, line);
        let mut rest = body.unwrap_or_default();
        while let Some(found) = rest.find('<') {
            rest = &rest[found..];
            if !starts_with_tag(rest, "ref") {
                rest = &rest[1..];
                continue;
            }
            let Some((tag, after)) = element(rest, "ref") else {
                self.unclosed_opener("<ref", rest);
                rest = &rest[1..];
                continue;
            };
            let line = self.line_of(rest);
            self.footnotes
                .list_defined(&group, &tag.attributes, tag.body, line);
            rest = after;
        }
        if ends {
            self.footnotes.end_list(&group, line);
        }
    }

    fn template(&mut self, inner: &str, out: &mut String) {
        let parts = split_top_level(inner, "|");
        let name = parts.first().map(|p| p.trim()).unwrap_or_default();
        let arguments = parts.get(1..).unwrap_or_default();
        let lowered = key(name);
        if let Some(tag) = lowered.strip_prefix("#tag:") {
            return self.tag_function(tag.trim(), name, arguments, inner, out);
        }
        if self.mapping.is_infobox(name) {
            if self.page.infobox.is_some() {
                self.page
                    .unmapped
                    .push(format!("a second infobox {{{{{name}}}}}"));
                self.read_aside(format!("the second infobox {{{{{name}}}}}"), arguments);
                return;
            }
            let mut rows = Vec::new();
            for part in arguments {
                match split_parameter(part) {
                    Some((param, value)) => {
                        let param = param.trim();
                        // Lines stay apart: in a list they separate items.
                        let value = self.aside(format!("the infobox value {param:?}"), |r| {
                            r.plain_with_breaks(value)
                        });
                        let lines = value.split([BREAK, '\n']).map(str::to_owned).collect();
                        rows.push((param.to_owned(), InfoboxValue { lines }));
                    }
                    None if part.trim().is_empty() => {}
                    None => {
                        self.page.unmapped.push(format!(
                            "an infobox value without a parameter name: {}",
                            short(part)
                        ));
                        self.read_aside("an infobox value without a name".into(), &[part]);
                    }
                }
            }
            self.page.infobox = Some(rows);
        } else if lowered == key(super::mapping::CLAIM_TEMPLATE) && matches!(self.place, Place::Prose) {
            let mut parameters = Vec::new();
            for part in arguments {
                match split_parameter(part) {
                    Some((param, value)) => {
                        let param = param.trim().to_owned();
                        let value = self.aside(format!("the claim value {param:?}"), |r| {
                            r.plain(value)
                        });
                        parameters.push((param, value.trim().to_owned()));
                    }
                    None if part.trim().is_empty() => {}
                    None => self.page.unmapped.push(format!(
                        "a claim value without a parameter name: {}",
                        short(part)
                    )),
                }
            }
            out.push(CLAIM_START);
            out.push_str(&self.claim_templates.len().to_string());
            out.push(CLAIM_END);
            self.claim_templates.push(parameters);
        } else if lowered == "reflist" || lowered == "references" {
            // These templates stand for `<references/>`: their `group` and `refs` are Cite's.
            let mut attributes = Attributes::default();
            let mut refs = None;
            for part in arguments {
                if let Some((param, value)) = split_parameter(part) {
                    match key(param).as_str() {
                        "refs" => refs = Some(value),
                        "group" => attributes.set("group".into(), value),
                        _ => {}
                    }
                }
            }
            self.references_tag(&attributes, refs, inner, out);
        } else if let Some(text) = plain_template(&lowered) {
            out.push_str(text);
        } else {
            self.page
                .unmapped
                .push(format!("the template {{{{{}}}}}", short(name)));
            self.read_aside(format!("the template {{{{{}}}}}", short(name)), arguments);
        }
    }

    /// `{{#tag:ref|content|name=...}}`, `{{#tag:references|...}}`: the tags written as a
    /// parser function (its first argument is the content, the others the attributes).
    fn tag_function(
        &mut self,
        tag: &str,
        name: &str,
        arguments: &[&str],
        at: &str,
        out: &mut String,
    ) {
        let body = arguments.first().copied();
        let mut attributes = Attributes::default();
        for part in arguments.get(1..).unwrap_or_default() {
            if let Some((param, value)) = split_parameter(part) {
                attributes.set(param.trim().to_ascii_lowercase(), value);
            }
        }
        match tag {
            "ref" => self.ref_tag(&attributes, body, at, out),
            "references" => self.references_tag(&attributes, body, at, out),
            _ => {
                self.page
                    .unmapped
                    .push(format!("the template {{{{{}}}}}", short(name)));
                self.read_aside(format!("the template {{{{{}}}}}", short(name)), arguments);
            }
        }
    }

    fn wiki_link(&mut self, inner: &str, out: &mut String) {
        let parts = split_top_level(inner, "|");
        let target = parts.first().copied().unwrap_or_default();
        let label = inner.get(target.len() + 1..).filter(|_| parts.len() > 1);
        let target_key = key(target);
        if target_key.starts_with("category:") {
            let name = target.split_once(':').map_or("", |(_, n)| n).trim();
            self.page.categories.push(name.to_owned());
            return;
        }
        if target_key.starts_with("file:") || target_key.starts_with("image:") {
            self.page
                .unmapped
                .push(format!("the file [[{}]]", short(target)));
            // A caption's footnotes are numbered where they stand, as Cite numbers them.
            self.read_aside(
                format!("the caption of [[{}]]", short(target)),
                parts.get(1..).unwrap_or_default(),
            );
            return;
        }
        match label {
            Some(label) => self.read_into(label, out),
            None => self.read_into(target.trim_start_matches(':'), out),
        }
    }

    /// A heading's title as text: its footnotes are numbered and reported (a heading is not
    /// prose).
    fn heading_title(&mut self, raw: &str) -> String {
        let text = self.aside(format!("the heading {:?}", short(raw)), |reader| {
            let mut text = String::new();
            reader.read_into(raw, &mut text);
            text
        });
        crate::text::decode_entities(text.replace(BREAK, " ").trim())
    }

    /// A footnote's content as a source: a citation template, a bracketed link, or text.
    fn source(&mut self, body: &str) -> RawSource {
        let body = body.trim();
        if let Some((inner, after)) = balanced(body, "{{", "}}") {
            let parts = split_top_level(inner, "|");
            let name = key(parts.first().map_or("", |p| p.trim()));
            if let Some(kind) = citation_kind(&name) {
                return self.citation(&name, kind, parts.get(1..).unwrap_or_default(), after);
            }
        }
        let mut source = RawSource::default();
        if let Some((url, label, rest)) = external_link(body) {
            source.url = Some(url.to_owned());
            // A link without a label shows as a number: the page gives no title.
            source.title = label.map(|l| self.plain(l)).filter(|t| !t.is_empty());
            let rest = self.plain(rest);
            if !rest.is_empty() {
                source.note = Some(rest);
            }
        } else {
            source.title = Some(self.plain(body)).filter(|t| !t.is_empty());
        }
        source
    }

    /// A citation template's parameters as a source.
    fn citation(
        &mut self,
        name: &str,
        kind: Option<SourceKind>,
        parameters: &[&str],
        after: &str,
    ) -> RawSource {
        let mut source = RawSource {
            kind,
            ..RawSource::default()
        };
        let mut publisher_rank = usize::MAX;
        for part in parameters {
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
                "archive url" | "archiveurl" | "archive-url" => source.archive_url = Some(value),
                "type" => match crate::outside_values::source_kind(&value) {
                    Ok(kind) => source.kind = Some(kind),
                    Err(_) => self
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
            source.note = Some(self.plain(rest)).filter(|n| !n.is_empty());
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
        self.read_into(value, &mut out);
        crate::text::decode_entities(out.trim())
    }

    /// Closes a section: paragraphs as the wiki shows them (a blank line between two, a single
    /// line break a space), list items and table rows a line each.
    fn finish_section(&mut self, heading: Option<String>, raw: String) {
        let prose = paragraphs(&raw);
        match heading {
            None => self.page.lead = prose,
            Some(heading) => self.page.sections.push((heading, prose)),
        }
    }

    /// Numbers the footnotes, reads their content as sources, and writes the markers.
    fn finish(mut self) -> Page {
        let numbering = self.footnotes.finish();
        self.place = Place::Citation;
        for &index in &numbering.order {
            let text = self
                .footnotes
                .notes
                .get(index)
                .and_then(|note| note.text.clone());
            let source = match text {
                Some(text) => self.source(&text),
                None => RawSource::default(),
            };
            self.page.sources.push(source);
        }
        let mut counts: HashMap<&'static str, usize> = HashMap::new();
        for notice in std::mem::take(&mut self.footnotes.notices) {
            let kind = notice.key.unwrap_or("footnote");
            let count = counts.entry(kind).or_default();
            *count += 1;
            if *count > SHOWN_PER_KIND {
                continue;
            }
            let target = if notice.fails {
                &mut self.page.problems
            } else {
                &mut self.page.unmapped
            };
            target.push(notice.line_text());
        }
        let mut over: Vec<(&str, usize)> =
            counts.into_iter().chain(self.reported.drain()).collect();
        over.sort_unstable();
        for (kind, count) in over {
            if count > SHOWN_PER_KIND {
                self.page.unmapped.push(format!(
                    "… and {} more of {kind} (only the first {SHOWN_PER_KIND} are listed)",
                    count - SHOWN_PER_KIND
                ));
            }
        }
        self.page.lead = with_markers(&self.page.lead, &numbering.numbers);
        for (_, prose) in &mut self.page.sections {
            *prose = with_markers(prose, &numbering.numbers);
        }
        self.cut_claims();
        self.page
    }

    /// The claims section becomes the page's claims, a `{{Claim}}` line each; a `{{Claim}}`
    /// anywhere else, and a line of that section without one, is reported and not imported.
    fn cut_claims(&mut self) {
        let mapping = self.mapping;
        let templates = std::mem::take(&mut self.claim_templates);
        let mut outside = 0;
        let mut claims: Option<Vec<RawClaim>> = None;
        for (heading, prose) in &mut self.page.sections {
            let is_claims =
                mapping.sections.get(&key(heading)) == Some(&super::mapping::Section::Claims);
            if !is_claims {
                outside += prose.matches(CLAIM_START).count();
                *prose = without_claims(prose);
                continue;
            }
            let found = claims.get_or_insert_with(Vec::new);
            for line in prose.lines().map(str::trim).filter(|l| !l.is_empty()) {
                let parsed = line
                    .strip_prefix(CLAIM_START)
                    .and_then(|rest| rest.split_once(CLAIM_END))
                    .and_then(|(index, rest)| {
                        Some((templates.get(index.parse::<usize>().ok()?)?, rest))
                    });
                match parsed {
                    Some((parameters, rest)) => found.push(RawClaim {
                        parameters: parameters.clone(),
                        summary: without_claims(rest).trim().to_owned(),
                    }),
                    None => self.page.unmapped.push(format!(
                        "a line of the claims section that is not a {{{{{}}}}}: {}",
                        super::mapping::CLAIM_TEMPLATE,
                        short(&without_claims(line))
                    )),
                }
            }
            prose.clear();
        }
        if outside > 0 {
            self.page.unmapped.push(format!(
                "{outside} {{{{{}}}}} template(s) outside the claims section",
                super::mapping::CLAIM_TEMPLATE
            ));
        }
        self.page.claims = claims;
    }
}

/// The text without the places of `{{Claim}}` templates.
fn without_claims(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(CLAIM_START) {
        out.push_str(&rest[..start]);
        rest = &rest[start + CLAIM_START.len_utf8()..];
        rest = rest
            .find(CLAIM_END)
            .map_or("", |end| &rest[end + CLAIM_END.len_utf8()..]);
    }
    out.push_str(rest);
    out
}

/// Prose as the entry holds it: text the lint's citation scanner would read as a marker
/// (`[3]`, `[1,2]`) gets fullwidth brackets (`［3］`), which no rule reads, then each footnote's
/// placeholder becomes its `[n]`.
fn with_markers(text: &str, numbers: &[usize]) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut last = 0;
    // One pass is enough: an escaped run holds fullwidth brackets, which a bracket around it
    // cannot read as digits or separators, so no new marker-like run appears.
    for range in crate::rules::citations::marker_like(text) {
        escaped.push_str(text.get(last..range.start).unwrap_or_default());
        for c in text.get(range.clone()).unwrap_or_default().chars() {
            escaped.push(match c {
                '[' => '［',
                ']' => '］',
                c => c,
            });
        }
        last = range.end;
    }
    escaped.push_str(text.get(last..).unwrap_or_default());
    let mut out = String::with_capacity(escaped.len());
    let mut rest = escaped.as_str();
    while let Some(at) = rest.find(MARKER_START) {
        out.push_str(&rest[..at]);
        let after = &rest[at + MARKER_START.len_utf8()..];
        let end = after.find(MARKER_END).unwrap_or(after.len());
        if let Some(number) = after
            .get(..end)
            .and_then(|index| index.parse::<usize>().ok())
            .and_then(|index| numbers.get(index))
        {
            out.push_str(&format!("[{number}]"));
        }
        rest = after.get(end + MARKER_END.len_utf8()..).unwrap_or_default();
    }
    out.push_str(rest);
    out
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
fn plain_template(name: &str) -> Option<&'static str> {
    match name {
        "!" => Some("|"),
        "=" => Some("="),
        "nbsp" => Some("\u{a0}"),
        "ndash" => Some("–"),
        "mdash" => Some("—"),
        _ => None,
    }
}

/// Paragraphs as the wiki shows them: a blank line between two, lines of one paragraph
/// joined by a space; list items and table rows ([`ITEM`] lines) a line each, apart from the
/// paragraphs around them.
fn paragraphs(raw: &str) -> String {
    let mut blocks: Vec<String> = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut items: Vec<&str> = Vec::new();
    let flush = |lines: &mut Vec<&str>, separator: &str, blocks: &mut Vec<String>| {
        if !lines.is_empty() {
            blocks.push(lines.join(separator));
            lines.clear();
        }
    };
    for line in raw.split('\n') {
        let line = line.trim();
        if line.is_empty() {
            flush(&mut paragraph, " ", &mut blocks);
            flush(&mut items, "\n", &mut blocks);
        } else if let Some(item) = line.strip_prefix(ITEM) {
            flush(&mut paragraph, " ", &mut blocks);
            let item = item.trim();
            if !item.is_empty() {
                items.push(item);
            }
        } else {
            flush(&mut items, "\n", &mut blocks);
            paragraph.push(line);
        }
    }
    flush(&mut paragraph, " ", &mut blocks);
    flush(&mut items, "\n", &mut blocks);
    blocks
        .iter()
        .map(|p| crate::text::decode_entities(p).replace(BREAK, "\n"))
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn line_end(text: &str) -> usize {
    text.find('\n').unwrap_or(text.len())
}

/// The text after the current line and its `\n`.
fn after_line(text: &str) -> &str {
    let end = line_end(text);
    text.get(end + 1..).unwrap_or_default()
}

#[cfg(test)]
mod tests;
