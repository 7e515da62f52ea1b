//! # citation-order
//!
//! ## What it catches
//! Source ids that run 1..N but not in order of first citation, reading `overview`, then
//! `boycott`, then `background`, front to back.
//!
//! ## Why it matters
//! The wiki convention this dataset keeps: the first source cited is [1], the next new one [2],
//! so a reader meets the numbers in order and the list reads like the text.
//!
//! ## Example
//! ```json
//! "overview": "Acme Widgets sells drones.[2] CBP buys them.[1]"
//! ```
//!
//! ## Use instead
//! ```json
//! "overview": "Acme Widgets sells drones.[1] CBP buys them.[2]"
//! ```
//! with the two sources swapped in the list.
//!
//! ## Fix
//! `icelist lint --fix` reorders and renumbers the sources and rewrites every marker.

use super::{EntryContext, Finding, Findings};
use super::view::{self, EntryView};
use crate::json::Target;

pub(crate) const CODE: super::RuleCode = super::RuleCode::CitationOrder;

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    // Until the ids run 1..N, `citation-numbering` reports them and the order cannot be read.
    if !super::citation_numbering::runs_one_to_n(ctx) {
        return;
    }
    let citations = ctx.citations();
    let count = ctx.sources().len() as u64;
    let order: Vec<u64> = citations
        .first_citation_order()
        .into_iter()
        .filter(|n| (1..=count).contains(n))
        .collect();
    for (position, number) in order.iter().enumerate() {
        let expected = position as u64 + 1;
        if *number == expected {
            continue;
        }
        let marker = citations.markers.iter().find(|m| m.number == *number);
        let target = marker.map_or_else(
            || Target::value(view::pointer(EntryView::AT, &[], EntryView::SOURCES)),
            |m| Target::text(m.pointer.clone(), m.range.clone()),
        );
        out.push(
            Finding::new(
                CODE,
                target,
                format!("source [{number}] is the {} source cited, so it should be [{expected}]", ordinal(expected)),
            )
            .fix(super::Fix::RenumberSources)
            .label(format!("first citation of [{number}]"))
            .help("number sources in order of first citation (overview, boycott, background); run `icelist lint --fix`"),
        );
        return;
    }
}

fn ordinal(n: u64) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, r) if r != 11 => "st",
        (2, r) if r != 12 => "nd",
        (3, r) if r != 13 => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}
