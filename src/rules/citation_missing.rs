//! # citation-missing
//!
//! ## What it catches
//! A paragraph of a section (`sections.overview`, `sections.boycott`,
//! `sections.background`; paragraphs are separated by a blank line) that carries no citation
//! marker `[n]`.
//!
//! ## Why it matters
//! Every claim carries a citation: a paragraph without one asks readers to take it on trust,
//! and a company cannot answer what it cannot trace. A paragraph that only introduces the ones
//! that follow is still worth a marker for the source it sums up.
//!
//! ## Example
//! ```json
//! "boycott": "Acme Widgets is listed for its detention work.\n\nIt runs two centres.[2]"
//! ```
//!
//! ## Use instead
//! ```json
//! "boycott": "Acme Widgets is listed for its detention work.[2]\n\nIt runs two centres.[2]"
//! ```
//!
//! ## Fix
//! Not automatic: cite the source the paragraph rests on.

use super::{EntryContext, Finding, Findings};
use crate::json::Target;

pub(crate) const CODE: super::RuleCode = super::RuleCode::CitationMissing;

/// Reads the markers from the entry's citation index (one scan of the prose, shared with the
/// other citation rules).
pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    let citations = ctx.citations();
    for pointer in super::citations::SECTION_POINTERS {
        let Some(text) = ctx.str_at(pointer) else {
            continue;
        };
        let marker_starts: Vec<usize> = citations
            .markers
            .iter()
            .filter(|m| m.pointer == pointer)
            .map(|m| m.range.start)
            .collect();
        // The paragraphs as `split("\n\n")` cuts them, found with memchr's wide search (the
        // standard library's substring search was 3% of a full lint).
        let breaks = memchr::memmem::find_iter(text.as_bytes(), b"\n\n");
        let ends = breaks.map(|at| (at, at + 2)).chain([(text.len(), text.len())]);
        let mut start = 0;
        for (end, next) in ends {
            let range = start..end;
            start = next;
            let Some(paragraph) = text.get(range.clone()) else {
                continue;
            };
            let trimmed = paragraph.trim();
            if trimmed.is_empty() || marker_starts.iter().any(|at| range.contains(at)) {
                continue;
            }
            // Point at the paragraph's text, without the white space around it.
            let lead = paragraph.len() - paragraph.trim_start().len();
            let at = range.start + lead..range.start + lead + trimmed.len();
            out.push(
                Finding::new(
                    CODE,
                    Target::text(pointer, at),
                    "this paragraph carries no citation marker",
                )
                .label("no [n] in this paragraph")
                .help("end the paragraph's claims with the marker [n] of the source they rest on"),
            );
        }
    }
}
