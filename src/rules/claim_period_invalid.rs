//! # claim-period-invalid
//!
//! ## What it catches
//! A claim's `period` that cannot be true: `to` before `from`, a date that has not begun yet,
//! or `status: ended` without `period.to`. Dates are partial (`YYYY`, `YYYY-MM`,
//! `YYYY-MM-DD`), so `to` is before `from` only when the latest day `to` can mean is before
//! the earliest day `from` can mean: `2018-03` to `2018` is valid. A date is in the future
//! when its earliest day is after today (`--today`).
//!
//! ## Why it matters
//! The period says when a company did what it is listed for. A reversed or future period is a
//! typo that changes what the claim says; an ended involvement without an end date cannot be
//! weighed against the listing.
//!
//! ## Example
//! ```json
//! "period": { "from": "2019-05", "to": "2018" }, "status": "ended"
//! ```
//!
//! ## Use instead
//! ```json
//! "period": { "from": "2018", "to": "2019-05" }, "status": "ended"
//! ```
//!
//! ## Fix
//! Not automatic.

use super::{EntryContext, Finding, Findings};
use super::view::{self, ClaimView, PeriodView};
use crate::json::{Node, Target};
use crate::model::{Date, PartialDate};

pub(crate) const CODE: super::RuleCode = super::RuleCode::ClaimPeriodInvalid;

/// The first and the last day a partial date can mean.
pub(crate) fn day_range(date: PartialDate) -> Option<(Date, Date)> {
    match date {
        PartialDate::Year(year) => Some((Date::new(year, 1, 1)?, Date::new(year, 12, 31)?)),
        PartialDate::Month(year, month) => {
            let last = crate::model::days_in_month(u16::try_from(year).ok()?, month);
            Some((Date::new(year, month, 1)?, Date::new(year, month, last)?))
        }
        PartialDate::Day(day) => Some((day, day)),
    }
}

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    let today = Date::try_from(ctx.settings.today).ok();
    for (i, claim) in ctx.entry().claims().iter().enumerate() {
        let period = ClaimView(claim).period();
        let date = |end: &str| {
            period
                .and_then(|p| p.0.get(end))
                .and_then(Node::as_str)
                .and_then(PartialDate::parse)
                .and_then(|d| Some((d, day_range(d)?)))
        };
        let (from, to) = (date(PeriodView::FROM), date(PeriodView::TO));
        let describe = || super::describe_claim(claim, i);
        for (end, value) in [(PeriodView::FROM, from), (PeriodView::TO, to)] {
            if let (Some((written, (earliest, _))), Some(today)) = (value, today)
                && earliest > today
            {
                out.push(
                    Finding::new(
                        CODE,
                        Target::value(view::pointer(PeriodView::AT, &[i], end)),
                        format!(
                            "the claim {} has period.{end} {written}, which has not begun (today is {today})",
                            describe()
                        ),
                    )
                    .label("in the future")
                    .help("give the date the sources state"),
                );
            }
        }
        if let (Some((from_written, (earliest, _))), Some((to_written, (_, latest)))) = (from, to)
            && latest < earliest
        {
            out.push(
                Finding::new(
                    CODE,
                    Target::value(view::pointer(PeriodView::AT, &[i], PeriodView::TO)),
                    format!(
                        "the claim {} ends ({to_written}) before it begins ({from_written})",
                        describe()
                    ),
                )
                .label("before period.from")
                .help("swap the dates, or correct the one that is wrong"),
            );
        }
        let ended = ClaimView(claim).status() == Some("ended");
        let has_to = period.and_then(PeriodView::to).is_some();
        if ended && !has_to {
            out.push(
                Finding::new(
                    CODE,
                    Target::value(view::pointer(ClaimView::AT, &[i], ClaimView::STATUS)),
                    format!(
                        "the claim {} has ended but its period gives no end (period.to)",
                        describe()
                    ),
                )
                .label("ended without period.to")
                .help("add period.to with the end the sources state, or set status to \"unknown\""),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_span_their_days() {
        let span = |text: &str| {
            let (a, b) = day_range(PartialDate::parse(text).unwrap()).unwrap();
            (a.to_string(), b.to_string())
        };
        assert_eq!(span("2018"), ("2018-01-01".into(), "2018-12-31".into()));
        assert_eq!(span("2024-02"), ("2024-02-01".into(), "2024-02-29".into()));
        assert_eq!(span("2023-02"), ("2023-02-01".into(), "2023-02-28".into()));
        assert_eq!(span("2018-03-06"), ("2018-03-06".into(), "2018-03-06".into()));
    }
}
