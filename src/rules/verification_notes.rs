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
use crate::json::Target;

pub(crate) const CODE: super::RuleCode = super::RuleCode::VerificationNotes;

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    let has_notes = ctx
        .str_at("/verification/notes")
        .is_some_and(|n| !n.trim().is_empty());
    if ctx.str_at("/verification/status") == Some("partially-verified") && !has_notes {
        out.push(
            Finding::new(
                CODE,
                Target::value("/verification/status"),
                "the entry is partially verified but does not say which claims are verified",
            )
            .label("no notes")
            .help("add \"notes\" to verification: which claims are verified and which are not yet"),
        );
    }
}
