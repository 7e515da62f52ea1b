//! # award-invalid
//!
//! ## What it catches
//! In a claim's `awards`:
//! - an `id` that breaks USAspending's grammar for contract awards
//!   (`CONT_AWD_<PIID>_<agency>_<parent PIID or -NONE->_<parent agency or -NONE->`,
//!   `CONT_IDV_<PIID>_<agency>`, upper case; the grammar and its source are in
//!   `src/model/award_id.rs`);
//! - the same award twice in one entry;
//! - `role: via` without `via` (the recipient it goes through), or `via` with another role;
//! - a fact of the record (`recipient`, `recipient_uei`, `awarding_agency`, `obligated`,
//!   `period`) without `as_of`, or an `as_of` after today.
//!
//! The agency code in an id is the contracting office's, often not the agency that funds the
//! work: offline, only its form is checked (`icelist awards check` reads the record).
//!
//! ## Why it matters
//! An award id is a key into the government's own record: a mistyped one points at another
//! contract, or at none. Facts are copied from the record by `awards check --write` with the
//! date they were read; a fact without that date was typed by hand and cannot be told from a
//! checked one.
//!
//! ## Example
//! ```json
//! "awards": [{ "id": "cont_awd_acme0001_zz01_-none-_-none-", "role": "prime",
//!              "obligated": 1000000 }]
//! ```
//!
//! ## Use instead
//! ```json
//! "awards": [{ "id": "CONT_AWD_ACME0001_ZZ01_-NONE-_-NONE-", "role": "prime" }]
//! ```
//! then `icelist awards check --write` fills the facts and `as_of`.
//!
//! ## Fix
//! Not automatic.

use super::{EntryContext, Finding, Findings};
use super::view::{self, AwardView, ClaimView, EntryView};
use crate::model::award_id::AwardId;
use crate::json::{Node, Target};
use crate::text::quoted;

pub(crate) const CODE: super::RuleCode = super::RuleCode::AwardInvalid;

/// The fact fields `awards check --write` fills.
pub(crate) const FACTS: [&str; 5] = [
    AwardView::RECIPIENT,
    AwardView::RECIPIENT_UEI,
    AwardView::AWARDING_AGENCY,
    AwardView::OBLIGATED,
    AwardView::PERIOD,
];

/// Every award of the entry: its claim's index, its own index and the award.
pub(crate) fn awards<'a>(
    entry: &'a Node<'a>,
) -> impl Iterator<Item = (usize, usize, &'a Node<'a>)> + 'a {
    EntryView(entry).claims().iter().enumerate().flat_map(|(c, claim)| {
        ClaimView(claim)
            .awards()
            .iter()
            .enumerate()
            .map(move |(a, award)| (c, a, award))
    })
}

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    let today = crate::model::Date::try_from(ctx.settings.today).ok();
    // The first place of each id, for duplicates (ids are few; an entry with thousands of
    // awards is read through a map).
    let mut first: super::FastMap<&str, (usize, usize)> = super::FastMap::default();
    for (c, a, award) in awards(ctx.value) {
        let at = |field: &str| view::pointer(AwardView::AT, &[c, a], field);
        let award_view = AwardView(award);
        if let Some(id) = award_view.id() {
            if let Err(problem) = AwardId::parse(id) {
                out.push(
                    Finding::new(
                        CODE,
                        Target::value(at(AwardView::ID)),
                        format!("the award id {} is not valid: {problem}", quoted(id)),
                    )
                    .label("not an award id")
                    .help("copy the award's id from its page on usaspending.gov or from `icelist awards find`"),
                );
            }
            match first.get(id) {
                Some(&(fc, fa)) => out.push(
                    Finding::new(
                        CODE,
                        Target::value(at(AwardView::ID)),
                        format!("the award {} is listed twice in this entry", quoted(id)),
                    )
                    .label("listed again")
                    .help("keep the award once, on the claim it evidences")
                    .related(
                        None,
                        Target::value(view::pointer(AwardView::AT, &[fc, fa], AwardView::ID)),
                        "first listed here",
                    ),
                ),
                None => {
                    first.insert(id, (c, a));
                }
            }
        }
        let role = award_view.role();
        let via = award_view.via();
        if role == Some("via") && via.is_none() {
            out.push(
                Finding::new(
                    CODE,
                    Target::value(at(AwardView::ROLE)),
                    "an award with role via names no recipient: add `via`, the recipient as the record files it",
                )
                .label("via whom?")
                .help("add \"via\": \"<recipient as filed>\" (e.g. the city that holds the agreement)"),
            );
        }
        if via.is_some() && role.is_some_and(|r| r != "via") {
            out.push(
                Finding::new(
                    CODE,
                    Target::key(at(AwardView::VIA)),
                    format!(
                        "`via` names the recipient of an award the company does not hold itself, but the role is {}",
                        quoted(role.unwrap_or_default())
                    ),
                )
                .label("via without role via")
                .help("set \"role\": \"via\", or remove `via`"),
            );
        }
        let as_of = award_view.as_of().and_then(Node::as_str);
        if as_of.is_none()
            && let Some(fact) = FACTS.iter().find(|f| award.get(f).is_some())
        {
            out.push(
                Finding::new(
                    CODE,
                    Target::key(at(fact)),
                    format!(
                        "`{fact}` is a fact of the award's record, but the award has no `as_of`: it was not read from the record"
                    ),
                )
                .label("fact without as_of")
                .help("remove the facts and run `icelist awards check --write`, which reads the record and writes them with `as_of`"),
            );
        }
        if let (Some(written), Some(today)) =
            (as_of.and_then(crate::model::parse_date), today)
            && written > today
        {
            out.push(
                Finding::new(
                    CODE,
                    Target::value(at("as_of")),
                    format!("the record was read on {written}, which is after today ({today})"),
                )
                .label("in the future")
                .help("`as_of` is the day `awards check --write` read the record"),
            );
        }
    }
}
