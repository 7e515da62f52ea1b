//! # verification-stale
//!
//! ## What it catches
//! A `verification.date` older than `stale_after_days` (365 by default; set it in
//! `icelist.toml`).
//!
//! ## Why it matters
//! Contracts end and companies change. An old verification presents yesterday's facts as
//! today's.
//!
//! ## Example
//! ```json
//! "verification": { "status": "verified", "date": "2019-05-01" }
//! ```
//!
//! ## Use instead
//! Re-check the entry against its sources and update the date.
//!
//! ## Fix
//! Not automatic.

use super::{EntryContext, Finding, Findings};
use super::view::{self, VerificationView};
use crate::json::Target;

pub(crate) const CODE: super::RuleCode = super::RuleCode::VerificationStale;

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    let Some(date) = ctx
        .entry()
        .verification()
        .and_then(VerificationView::date)
        .and_then(crate::model::parse_date)
    else {
        return;
    };
    let age = (ctx.settings.today - time::Date::from(date)).whole_days();
    if age > i64::from(ctx.settings.stale_after_days) {
        out.push(
            Finding::new(
                CODE,
                Target::value(view::pointer(VerificationView::AT, &[], VerificationView::DATE)),
                format!(
                    "the entry was last verified on {date}, {age} days ago (more than {} days)",
                    ctx.settings.stale_after_days
                ),
            )
            .label("stale verification")
            .help("check the entry against its sources again and update the date"),
        );
    }
}
