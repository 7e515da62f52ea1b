//! # citation-unused
//!
//! ## What it catches
//! A source that no citation marker in the prose cites. A source cited several times counts
//! once.
//!
//! ## Why it matters
//! A source listed but never cited supports no claim: either a marker was lost in an edit,
//! or the source does not belong to the entry.
//!
//! ## Example
//! ```json
//! "overview": "Acme Widgets sells drones to CBP.[1]",
//! "sources": [{ "id": 1, ... }, { "id": 2, ... }]
//! ```
//!
//! ## Use instead
//! Cite source 2 where the prose relies on it, or remove it.
//!
//! ## Fix
//! Not automatic.

use super::view::{self, SourceView};
use super::{EntryContext, Finding, Findings, describe_source};
use crate::json::Target;

pub(crate) const CODE: super::RuleCode = super::RuleCode::CitationUnused;

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    let citations = ctx.citations();
    // The cited numbers sorted once, one lookup per source: m log m + s log m, not s x m, however
    // many sources and markers an entry holds.
    let mut cited: Vec<u64> = citations.markers.iter().map(|m| m.number).collect();
    cited.sort_unstable();
    cited.dedup();
    for (i, source) in ctx.sources().iter().enumerate() {
        let Some(id) = SourceView(source).id() else {
            continue;
        };
        if cited.binary_search(&id).is_ok() {
            continue;
        }
        out.push(
            Finding::new(
                CODE,
                Target::value(view::pointer(SourceView::AT, &[i], SourceView::ID)),
                format!(
                    "source {} is never cited: no marker [{id}] in the sections",
                    describe_source(source, i)
                ),
            )
            .label("never cited")
            .help(format!(
                "cite it as [{id}] after the claim it supports, or remove the source"
            )),
        );
    }
}
