//! # citation-numbering
//!
//! ## What it catches
//! Source ids that are not exactly 1..N in list order: a gap (1, 2, 4), a repeat (1, 2, 2)
//! or an order that differs from the list (2, 1, 3).
//!
//! ## Why it matters
//! Readers find source [n] by counting down the list, as on the wiki. Numbers that skip or
//! repeat make markers ambiguous.
//!
//! ## Example
//! ```json
//! "sources": [{ "id": 1, ... }, { "id": 3, ... }]
//! ```
//!
//! ## Use instead
//! ```json
//! "sources": [{ "id": 1, ... }, { "id": 2, ... }]
//! ```
//!
//! ## Fix
//! `icelist lint --fix` renumbers the sources by first citation and rewrites every marker to
//! match (when ids do not repeat: a repeated id makes its markers ambiguous).

use super::{EntryContext, Finding, Findings};
use super::view::{self, SourceView};
use crate::json::Target;

// Its repair is citation-order's (`citation_order::fix`): one renumbering settles both.
pub(crate) const CODE: super::RuleCode = super::RuleCode::CitationNumbering;

/// The first source whose id is not its place in the list (1..N), with that id (`None` when it
/// has no integer id).
fn first_misnumbered(ctx: &EntryContext<'_>) -> Option<(usize, Option<u64>)> {
    ctx.sources().iter().enumerate().find_map(|(i, source)| {
        let id = SourceView(source).id();
        (id != Some(i as u64 + 1)).then_some((i, id))
    })
}

/// Whether the source ids are exactly 1..N in list order.
pub(crate) fn runs_one_to_n(ctx: &EntryContext<'_>) -> bool {
    first_misnumbered(ctx).is_none()
}

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    // A missing or non-integer id is the schema's to report.
    if let Some((i, Some(id))) = first_misnumbered(ctx) {
        let expected = i as u64 + 1;
        out.push(
                Finding::new(
                    CODE,
                    Target::value(view::pointer(SourceView::AT, &[i], SourceView::ID)),
                    format!(
                        "source number {} in the list has id {id}: ids must run 1..N in list order",
                        i + 1
                    ),
                )
                .fix(super::Fix::RenumberSources)
                .label(format!("expected {expected}"))
                .help("run `icelist lint --fix` to renumber the sources and their markers"),
            );
    }
}
