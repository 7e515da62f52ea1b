//! # citation-undefined
//!
//! ## What it catches
//! A citation marker `[n]` in the prose with no source whose `id` is `n`.
//!
//! ## Why it matters
//! Every claim about a company must be traceable to a source. A marker that points nowhere
//! makes a claim look sourced when it is not.
//!
//! ## Example
//! ```json
//! "overview": "Acme Widgets sells drones to CBP.[3]",
//! "sources": [{ "id": 1, ... }, { "id": 2, ... }]
//! ```
//!
//! ## Use instead
//! Add the source the claim relies on as `{ "id": 3, ... }`, or correct the marker.
//!
//! ## Fix
//! Not automatic: which source backs the claim is a question for a person.

use super::{EntryContext, Finding, Findings};
use super::view::SourceView;
use crate::json::Target;

pub(crate) const CODE: super::RuleCode = super::RuleCode::CitationUndefined;

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    let sources = ctx.sources();
    let mut ids = super::FastSet::with_capacity_and_hasher(sources.len(), Default::default());
    ids.extend(sources.iter().filter_map(|s| SourceView(s).id()));
    for marker in &ctx.citations().markers {
        if ids.contains(&marker.number) {
            continue;
        }
        out.push(
            Finding::new(
                CODE,
                Target::text(marker.pointer.clone(), marker.range.clone()),
                format!(
                    "citation [{}] points at no source: no source has \"id\": {}",
                    marker.number, marker.number
                ),
            )
            .label("no such source")
            .help(format!(
                "add the source for this claim with \"id\": {}, or correct the marker",
                marker.number
            )),
        );
    }
}
