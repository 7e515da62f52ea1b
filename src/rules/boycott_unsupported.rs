//! # boycott-unsupported
//!
//! ## What it catches
//! A `listed` entry with no claim (`claims`), or whose every claim has `status: ended`.
//!
//! ## Why it matters
//! Listing a company for boycott is a public judgement: the claims say what it rests on. A
//! listing with none rests on prose alone; one whose every involvement has ended may no longer
//! be warranted, and a maintainer should decide whether to delist it.
//!
//! ## Example
//! ```json
//! "boycott": { "status": "listed", "agencies": ["ICE"] }
//! ```
//! and no `claims`.
//!
//! ## Use instead
//! A claim for each involvement the sources describe, or `"status": "delisted"` with a reason
//! when every involvement has ended.
//!
//! ## Fix
//! Not automatic.

use super::{EntryContext, Finding, Findings};
use super::view::{self, BoycottView, ClaimView};
use crate::json::Target;

pub(crate) const CODE: super::RuleCode = super::RuleCode::BoycottUnsupported;

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    let entry = ctx.entry();
    if entry.boycott_status() != Some("listed") {
        return;
    }
    let claims = entry.claims();
    if claims.is_empty() {
        out.push(
            Finding::new(
                CODE,
                Target::value(view::pointer(BoycottView::AT, &[], BoycottView::STATUS)),
                "the entry is listed but has no claim saying what the listing rests on",
            )
            .label("no claims")
            .help("add a claim for each involvement the sources describe (claims[]: agency, kind, summary with [n], status)"),
        );
    } else if claims
        .iter()
        .all(|c| ClaimView(c).status() == Some("ended"))
    {
        out.push(
            Finding::new(
                CODE,
                Target::value(view::pointer(BoycottView::AT, &[], BoycottView::STATUS)),
                "the entry is listed but every claim has ended: consider delisting it",
            )
            .label("every claim ended")
            .help("if nothing current supports the listing, set boycott.status to \"delisted\" with a reason"),
        );
    }
}
