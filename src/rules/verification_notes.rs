//! # verification-notes
//!
//! ## What it catches
//! An entry marked `partially-verified` without `verification.notes`.
//!
//! ## Why it matters
//! "Partially" means some claims are confirmed and some are not. Readers must know which, or
//! the status tells them nothing.
//!
//! ## Example
//! ```json
//! "verification": { "status": "partially-verified" }
//! ```
//!
//! ## Use instead
//! ```json
//! "verification": { "status": "partially-verified",
//!   "notes": "The CBP contract is confirmed by [2]; the ICE licence is not yet." }
//! ```
//!
//! ## Fix
//! Not automatic.

use super::{EntryContext, Finding, Findings};
use super::view::{self, VerificationView};
use crate::json::Target;

pub(crate) const CODE: super::RuleCode = super::RuleCode::VerificationNotes;

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    let verification = ctx.entry().verification();
    let has_notes = verification
        .and_then(VerificationView::notes)
        .is_some_and(|n| !n.trim().is_empty());
    if verification.and_then(VerificationView::status) == Some("partially-verified") && !has_notes
    {
        out.push(
            Finding::new(
                CODE,
                Target::value(view::pointer(VerificationView::AT, &[], VerificationView::STATUS)),
                "the entry is partially verified but does not say which claims are verified",
            )
            .label("no notes")
            .help("add \"notes\" to verification: which claims are verified and which are not yet"),
        );
    }
}
