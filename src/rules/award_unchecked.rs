//! # award-unchecked
//!
//! ## What it catches
//! An award in a claim's `awards` whose record was never read (no `as_of`), or was read more
//! than `award_max_age_days` days ago (`icelist.toml`, 180 by default).
//!
//! ## Why it matters
//! An award counts as evidence (the claim's tier is `primary`) only once its record was read
//! and its facts match it. Records change: obligations grow, end dates move, a contract is
//! terminated. Facts read long ago may no longer be what the government's record says.
//!
//! ## Example
//! ```json
//! "awards": [{ "id": "CONT_AWD_ACME0001_ZZ01_-NONE-_-NONE-", "role": "prime" }]
//! ```
//!
//! ## Use instead
//! Run `icelist awards check --write`: it reads each record, and writes the facts and `as_of`
//! of the awards it confirms.
//!
//! ## Fix
//! Not automatic (it needs the network): `icelist awards check --write`.

use super::{EntryContext, Finding, Findings};
use super::view::{self, AwardView};
use crate::json::Target;
use crate::text::quoted;

pub(crate) const CODE: super::RuleCode = super::RuleCode::AwardUnchecked;

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    let max_age = i64::from(ctx.settings.award_max_age_days);
    for (c, a, award) in super::award_invalid::awards(ctx.value) {
        let id = AwardView(award).id().unwrap_or_default();
        match AwardView(award)
            .as_of()
            .map(|v| v.as_str().and_then(crate::model::parse_date))
        {
            None => out.push(
                Finding::new(
                    CODE,
                    Target::value(view::pointer(AwardView::AT, &[c, a], "")),
                    format!("the record of the award {} was never read", quoted(id)),
                )
                .label("not checked")
                .help("run `icelist awards check --write`: it reads the record and writes its facts and `as_of`"),
            ),
            Some(Some(read)) => {
                let age = (ctx.settings.today - time::Date::from(read)).whole_days();
                if age > max_age {
                    out.push(
                        Finding::new(
                            CODE,
                            Target::value(view::pointer(AwardView::AT, &[c, a], AwardView::AS_OF)),
                            format!(
                                "the record of the award {} was read {age} days ago, on {read}: more than award_max_age_days ({max_age})",
                                quoted(id)
                            ),
                        )
                        .label("read long ago")
                        .help("run `icelist awards check --write` to read the record again"),
                    );
                }
            }
            // Not a date: the schema reports it.
            Some(None) => {}
        }
    }
}
