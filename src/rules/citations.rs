//! Citation markers in the prose: where they are, which source numbers they name, and which
//! bracketed text only looks like a marker. Shared by the citation rules and the fixer.

use crate::json::JsonRead;
use crate::view::SectionsView;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

/// The sections in reading order: "first citation" is first in this order, front to back,
/// then a delisted entry's reason (`/boycott/reason`), then the claims' summaries
/// (`/claims/<i>/summary`), then the responses' summaries (`/responses/<i>/summary`).
pub(crate) const SECTIONS: [&str; 3] = [
    SectionsView::OVERVIEW,
    SectionsView::BOYCOTT,
    SectionsView::BACKGROUND,
];

/// The JSON Pointer of each of [`SECTIONS`].
pub(crate) const SECTION_POINTERS: [&str; 3] = [
    "/sections/overview",
    "/sections/boycott",
    "/sections/background",
];

/// The JSON Pointer of a delisted entry's reason, cited text read after the sections.
pub(crate) const REASON_POINTER: &str = "/boycott/reason";

/// A well-formed marker `[n]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CitationMarker {
    pub pointer: Cow<'static, str>,
    /// Byte range of `[n]` in the decoded section text.
    pub range: Range<usize>,
    pub number: u64,
}

/// Bracketed text that is plainly a broken marker: `[0]`, `[01]`, `[1,2]`, `[1-3]`, `[ 2 ]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MalformedMarker {
    pub pointer: Cow<'static, str>,
    pub range: Range<usize>,
    pub text: String,
}

#[derive(Debug, Default)]
pub(crate) struct CitationIndex {
    /// In reading order.
    pub markers: Vec<CitationMarker>,
    pub malformed: Vec<MalformedMarker>,
}

impl CitationIndex {
    pub(crate) fn new(entry: &impl JsonRead) -> Self {
        let mut index = CitationIndex::default();
        if let Some(sections) = entry.member("sections") {
            for (name, pointer) in SECTIONS.iter().zip(SECTION_POINTERS) {
                if let Some(text) = sections.member(name).and_then(JsonRead::text) {
                    index.scan_text(text, Cow::Borrowed(pointer));
                }
            }
        }
        // Why an entry was delisted is a claim like any other, cited the same way.
        if let Some(reason) = entry
            .member("boycott")
            .and_then(|boycott| boycott.member("reason"))
            .and_then(JsonRead::text)
        {
            index.scan_text(reason, Cow::Borrowed(REASON_POINTER));
        }
        if let Some(claims) = entry.member("claims").and_then(JsonRead::items) {
            for (i, claim) in claims.iter().enumerate() {
                if let Some(text) = claim.member("summary").and_then(JsonRead::text) {
                    index.scan_text(text, Cow::Owned(format!("/claims/{i}/summary")));
                }
            }
        }
        if let Some(responses) = entry.member("responses").and_then(JsonRead::items) {
            for (i, response) in responses.iter().enumerate() {
                if let Some(text) = response.member("summary").and_then(JsonRead::text) {
                    index.scan_text(text, Cow::Owned(format!("/responses/{i}/summary")));
                }
            }
        }
        index
    }

    fn scan_text(&mut self, text: &str, pointer: Cow<'static, str>) {
        // Markers are rare next to prose: scan only texts that have a bracket at all.
        if !text.contains('[') {
            return;
        }
        for bracket in scan(text) {
            match bracket {
                Bracket::Marker(range, number) => self.markers.push(CitationMarker {
                    pointer: pointer.clone(),
                    range,
                    number,
                }),
                Bracket::Malformed(range) => self.malformed.push(MalformedMarker {
                    pointer: pointer.clone(),
                    text: text[range.clone()].to_owned(),
                    range,
                }),
            }
        }
    }

    /// Source numbers in order of first citation, each once.
    pub(crate) fn first_citation_order(&self) -> Vec<u64> {
        let mut seen =
            super::FastSet::with_capacity_and_hasher(self.markers.len(), Default::default());
        self.markers
            .iter()
            .filter(|m| seen.insert(m.number))
            .map(|m| m.number)
            .collect()
    }
}

enum Bracket {
    Marker(Range<usize>, u64),
    Malformed(Range<usize>),
}

/// Longest bracket content considered: markers are short, prose in brackets is not our business.
const MAX_CONTENT: usize = 24;

fn scan(text: &str) -> Vec<Bracket> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'[', &bytes[i..]) {
        let open = i + offset;
        let rest = &text[open + 1..];
        let close = rest
            .char_indices()
            .take_while(|(at, c)| *at <= MAX_CONTENT && *c != '[')
            .find(|(_, c)| *c == ']')
            .map(|(at, _)| open + 1 + at);
        let Some(close) = close else {
            i = open + 1;
            continue;
        };
        let content = &text[open + 1..close];
        let range = open..close + 1;
        if let Some(number) = marker_number(content) {
            found.push(Bracket::Marker(range, number));
        } else if looks_like_marker(content) {
            found.push(Bracket::Malformed(range));
        }
        i = close + 1;
    }
    found
}

fn marker_number(content: &str) -> Option<u64> {
    let well_formed = !content.is_empty()
        && content.len() <= 18
        && content.bytes().all(|b| b.is_ascii_digit())
        && !content.starts_with('0');
    well_formed.then(|| content.parse().ok()).flatten()
}

/// Digits with separators, padding or a sign: an attempt at a marker, not a bracketed word.
/// Any Unicode digit counts (`[𝟏]`, `[١]`, `[１]`): a look-alike reads as a marker on screen
/// but links nowhere.
fn looks_like_marker(content: &str) -> bool {
    content.chars().any(char::is_numeric)
        && content.chars().all(|c| {
            c.is_numeric()
                || c.is_whitespace()
                || matches!(c, ',' | ';' | '-' | '–' | '—' | '\u{2212}' | '+' | '#')
        })
}

/// The well-formed markers `[n]` of a text: byte range and number, in order.
pub(crate) fn markers(text: &str) -> Vec<(Range<usize>, u64)> {
    scan(text)
        .into_iter()
        .filter_map(|bracket| match bracket {
            Bracket::Marker(range, number) => Some((range, number)),
            Bracket::Malformed(_) => None,
        })
        .collect()
}

/// Every bracketed run of `text` the rules count: the well-formed markers `[n]` and the
/// malformed ones (`[0]`, `[1,2]`, `[１]`). An importer escapes literal text in these ranges so
/// that no rule reads it as a citation.
pub(crate) fn marker_like(text: &str) -> Vec<Range<usize>> {
    scan(text)
        .into_iter()
        .map(|bracket| match bracket {
            Bracket::Marker(range, _) | Bracket::Malformed(range) => range,
        })
        .collect()
}

/// Rewrites every well-formed marker `[n]` of `text` to `[map[n]]`; other text is untouched.
pub(crate) fn renumber_markers(text: &str, map: &HashMap<u64, u64>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for bracket in scan(text) {
        if let Bracket::Marker(range, number) = bracket
            && let Some(new) = map.get(&number)
        {
            out.push_str(&text[last..range.start]);
            out.push_str(&format!("[{new}]"));
            last = range.end;
        }
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cited text pointers are the views' fields.
    #[test]
    fn the_cited_text_pointers_are_the_views_fields() {
        use crate::view::{pointer, BoycottView, ClaimView, ResponseView, SectionsView};
        assert_eq!(ClaimView::SUMMARY, ResponseView::SUMMARY, "the repair reads both by one key");
        for (at, key) in SECTION_POINTERS.iter().zip(SECTIONS) {
            assert_eq!(*at, pointer(SectionsView::AT, &[], key));
        }
        assert_eq!(REASON_POINTER, pointer(BoycottView::AT, &[], BoycottView::REASON));
    }

    fn kinds(text: &str) -> Vec<String> {
        scan(text)
            .into_iter()
            .map(|b| match b {
                Bracket::Marker(_, n) => format!("marker {n}"),
                Bracket::Malformed(r) => format!("malformed {}", &text[r]),
            })
            .collect()
    }

    #[test]
    fn finds_markers_side_by_side() {
        assert_eq!(
            kinds("a.[4][5] b[12]"),
            ["marker 4", "marker 5", "marker 12"]
        );
    }

    #[test]
    fn broken_markers_are_malformed_words_are_prose() {
        assert_eq!(
            kinds(
                "[0] [01] [1,2] [1-3] [ 2 ] [𝟏] [١] [+1] [１] [sic] [a] [Ⅸ.] [citation needed] [1]"
            ),
            [
                "malformed [0]",
                "malformed [01]",
                "malformed [1,2]",
                "malformed [1-3]",
                "malformed [ 2 ]",
                "malformed [𝟏]",
                "malformed [١]",
                "malformed [+1]",
                "malformed [１]",
                "marker 1"
            ]
        );
    }

    #[test]
    fn renumbering_touches_only_markers() {
        let map = HashMap::from([(1, 2), (2, 1)]);
        assert_eq!(
            renumber_markers("x[1] y[2][1] [sic] [0]", &map),
            "x[2] y[1][2] [sic] [0]"
        );
    }
}
