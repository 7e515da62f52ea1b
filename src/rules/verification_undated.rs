//! # verification-undated
//!
//! ## What it catches
//! An entry marked `verified` without a `verification.date`.
//!
//! ## Why it matters
//! Facts about companies change. Without a date, nobody can tell whether the verification is
//! fresh or years old, and `verification-stale` cannot help.
//!
//! ## Example
//! ```json
//! "verification": { "status": "verified" }
//! ```
//!
//! ## Use instead
//! ```json
//! "verification": { "status": "verified", "date": "2026-01-15" }
//! ```
//! with the date the entry was really checked; never a guessed one.
//!
//! ## Fix
//! Not automatic.

use super::{EntryContext, Finding, Findings};
use super::view::{self, VerificationView};
use crate::json::Target;

pub(crate) const CODE: super::RuleCode = super::RuleCode::VerificationUndated;

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    let verification = ctx.entry().verification();
    if verification.and_then(VerificationView::status) == Some("verified")
        && verification.and_then(|v| v.0.get(VerificationView::DATE)).is_none()
    {
        out.push(
            Finding::new(
                CODE,
                Target::key(view::pointer(VerificationView::AT, &[], "")),
                "the entry is marked verified but has no verification date",
            )
            .label("no date")
            .help("add \"date\": \"YYYY-MM-DD\" to verification when the entry is next checked"),
        );
    }
}
