//! The page as text, the form the seed has: what a reader copies from the rendered page. A
//! title line; the infobox as table rows `| Field | Value |` (a row's value can run onto the
//! next line); headings as lines of their own; prose with `[n]` markers; and the Sources list
//! with Cite's back-links:
//!
//! ```text
//! - ↑ 1.0 1.1 1.2 [Title | Publisher]
//! - ↑ [Title | Publisher (press release)] (Mar. 6, 2018)
//! ```
//!
//! The form carries no URLs: none is ever made up.

use super::mapping::{Mapping, key};
use super::page::{InfoboxValue, Page, RawSource};
use crate::model::SourceKind;

/// Headings of the list of sources.
const SOURCE_HEADINGS: &[&str] = &["sources", "references", "notes"];

pub(crate) fn read_page(text: &str, mapping: &Mapping) -> Page {
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n");
    let mut lines = text.lines().peekable();
    let mut page = Page::default();
    while let Some(line) = lines.next_if(|l| l.trim().is_empty()) {
        let _ = line;
    }
    page.title = lines.next().unwrap_or_default().trim().to_owned();

    // The infobox: rows until the first line that is not part of the table.
    let mut rows = Vec::new();
    let mut pending: Option<String> = None;
    while let Some(line) = lines.peek() {
        let line = line.trim();
        let is_table = line.starts_with('|') || line.ends_with('|');
        if !is_table {
            break;
        }
        lines.next();
        if line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
            continue;
        }
        if let Some(label) = pending.take() {
            // "| Verification |" then "Verified |": the value on the next line.
            rows.push((label, line.trim_end_matches('|').trim().to_owned()));
            continue;
        }
        if !line.starts_with('|') {
            // The header row's title cell ("Salesforce |").
            continue;
        }
        let cells: Vec<&str> = line
            .trim_start_matches('|')
            .trim_end_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        match cells.as_slice() {
            [label] if !label.is_empty() && !line[1..].contains('|') => {
                pending = Some((*label).to_owned())
            }
            [label] if !label.is_empty() => pending = Some((*label).to_owned()),
            [label, value] => rows.push(((*label).to_owned(), (*value).to_owned())),
            [label, rest @ ..] if !label.is_empty() => {
                rows.push(((*label).to_owned(), rest.join(" | ")))
            }
            _ => {}
        }
    }
    if let Some(label) = pending {
        rows.push((label, String::new()));
    }
    if !rows.is_empty() {
        page.infobox = Some(
            rows.into_iter()
                .map(|(label, value)| (label, InfoboxValue::from_text(&value)))
                .collect(),
        );
    }

    // Headings are lines the mapping names (or the Sources heading); a short line that reads
    // as a heading but is not mapped is reported with its prose.
    let mut heading: Option<String> = None;
    let mut paragraphs: Vec<String> = Vec::new();
    let mut in_sources = false;
    let finish = |page: &mut Page, heading: Option<String>, paragraphs: &mut Vec<String>| {
        let prose = std::mem::take(paragraphs).join("\n\n");
        match heading {
            Some(h) => page.sections.push((h, prose)),
            None if !prose.is_empty() => page.lead = prose,
            None => {}
        }
    };
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let lowered = key(line);
        if SOURCE_HEADINGS.contains(&lowered.as_str()) {
            finish(&mut page, heading.take(), &mut paragraphs);
            in_sources = true;
            continue;
        }
        if mapping.sections.contains_key(&lowered) || looks_like_heading(line) {
            if !in_sources {
                finish(&mut page, heading.take(), &mut paragraphs);
            }
            in_sources = false;
            heading = Some(line.to_owned());
            continue;
        }
        if in_sources {
            match source_line(line) {
                Some(source) => page.sources.push(source),
                None => page
                    .unmapped
                    .push(format!("a line of the sources list: {line}")),
            }
        } else {
            paragraphs.push(line.to_owned());
        }
    }
    if !in_sources {
        finish(&mut page, heading, &mut paragraphs);
    }
    page
}

/// A line of its own that reads as a heading: short, no marker, no closing punctuation.
fn looks_like_heading(line: &str) -> bool {
    line.chars().count() <= 40
        && !line.contains('[')
        && !line.ends_with(['.', ':', ';', ',', '!', '?', ')', '"', '”'])
        && line.split_whitespace().count() <= 5
}

/// `- ↑ 1.0 1.1 [Title | Publisher (press release)] (Mar. 6, 2018)`
fn source_line(line: &str) -> Option<RawSource> {
    let line = line
        .trim_start_matches(['-', '*', '#'])
        .trim_start()
        .trim_start_matches('↑')
        .trim_start_matches('^')
        .trim_start();
    // Back-links: "1.0 1.1 1.2" or "a b c".
    let open = line.find('[')?;
    let before = &line[..open];
    if !before
        .split_whitespace()
        .all(|t| t.chars().all(|c| c.is_ascii_digit() || c == '.') || t.len() == 1)
    {
        return None;
    }
    let close = line.rfind(']')?;
    if close < open {
        return None;
    }
    let inside = &line[open + 1..close];
    let (title, publisher) = match inside.rsplit_once(" | ") {
        Some((t, p)) => (t.trim(), Some(p.trim())),
        None => (inside.trim(), None),
    };
    let mut source = RawSource {
        title: (!title.is_empty()).then(|| title.to_owned()),
        ..RawSource::default()
    };
    if let Some(publisher) = publisher {
        let (publisher, kind) = match publisher
            .strip_suffix(')')
            .and_then(|p| p.rsplit_once(" ("))
        {
            Some((name, "press release")) => (name, Some(SourceKind::PressRelease)),
            _ => (publisher, None),
        };
        source.publisher = Some(publisher.trim().to_owned());
        source.kind = kind;
    }
    let after = line[close + 1..].trim();
    if let Some(date) = after.strip_prefix('(').and_then(|a| a.strip_suffix(')')) {
        source.date = Some(date.trim().to_owned());
    } else if !after.is_empty() {
        source.note = Some(after.to_owned());
    }
    Some(source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_lines_with_back_links_types_and_dates() {
        let source = source_line(
            "- ↑ 2.0 2.1 [Example Title | Example Corp (press release)] (Mar. 6, 2018)",
        )
        .unwrap();
        assert_eq!(source.title.as_deref(), Some("Example Title"));
        assert_eq!(source.publisher.as_deref(), Some("Example Corp"));
        assert_eq!(source.kind, Some(SourceKind::PressRelease));
        assert_eq!(source.date.as_deref(), Some("Mar. 6, 2018"));
        let source = source_line("- ↑ [A | B | Example News]").unwrap();
        assert_eq!(source.title.as_deref(), Some("A | B"));
        assert_eq!(source.publisher.as_deref(), Some("Example News"));
        assert!(source_line("- not a source").is_none());
    }
}
