//! # verification-date
//!
//! ## What it catches
//! A `verification.date` later than today. "Today" is the clock's date, or `--today` /
//! `ICELIST_TODAY` when given.
//!
//! ## Why it matters
//! A verification that has not happened yet is not a verification; a future date also keeps
//! `verification-stale` from ever firing.
//!
//! ## Example
//! ```json
//! "verification": { "status": "verified", "date": "2999-01-01" }
//! ```
//!
//! ## Use instead
//! The date the entry was actually checked.
//!
//! ## Fix
//! Not automatic.

use super::{EntryContext, Finding, Findings};
use super::view::{self, VerificationView};
use crate::json::Target;

pub(crate) const CODE: super::RuleCode = super::RuleCode::VerificationDate;

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    let Some(date) = ctx
        .entry()
        .verification()
        .and_then(VerificationView::date)
        .and_then(crate::model::parse_date)
    else {
        return;
    };
    if time::Date::from(date) > ctx.settings.today {
        out.push(
            Finding::new(
                CODE,
                Target::value(view::pointer(VerificationView::AT, &[], VerificationView::DATE)),
                format!(
                    "the verification date {date} is in the future (today is {})",
                    ctx.settings.today
                ),
            )
            .label("in the future")
            .help("use the date the entry was actually verified"),
        );
    }
}
