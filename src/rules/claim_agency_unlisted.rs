//! # claim-agency-unlisted
//!
//! ## What it catches
//! A claim whose `agency` is not in `boycott.agencies`, or, in an entry that has claims, an
//! agency in `boycott.agencies` that no claim supports. (An entry without any claim is
//! `boycott-unsupported`'s when it is listed.)
//!
//! ## Why it matters
//! `boycott.agencies` is what extensions and apps show; the claims are what it rests on. When
//! the two disagree, either the list names an agency nothing documents, or a documented
//! involvement is missing from what readers see.
//!
//! ## Example
//! ```json
//! "boycott": { "status": "listed", "agencies": ["ICE", "CBP"] },
//! "claims": [{ "id": "ice-detention", "agency": "ICE", ... }]
//! ```
//!
//! ## Use instead
//! A claim for CBP too, or `"agencies": ["ICE"]`.
//!
//! ## Fix
//! Not automatic.

use super::{EntryContext, Finding, Findings};
use super::view::{self, BoycottView, ClaimView};
use crate::json::Target;

pub(crate) const CODE: super::RuleCode = super::RuleCode::ClaimAgencyUnlisted;

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    let entry = ctx.entry();
    let claims = entry.claims();
    if claims.is_empty() {
        return;
    }
    // Each listed agency with its place in the list (an item that is not a string is the
    // schema's to report, and keeps its place).
    let listed: Vec<(usize, &str)> = entry
        .boycott()
        .map(BoycottView::agencies)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .filter_map(|(i, agency)| Some((i, agency.as_str()?)))
        .collect();
    let claimed: Vec<&str> = claims
        .iter()
        .filter_map(|c| ClaimView(c).agency())
        .collect();
    for (i, claim) in claims.iter().enumerate() {
        let Some(agency) = ClaimView(claim).agency() else {
            continue;
        };
        if !listed.iter().any(|(_, listed)| *listed == agency) {
            out.push(
                Finding::new(
                    CODE,
                    Target::value(view::pointer(ClaimView::AT, &[i], ClaimView::AGENCY)),
                    format!(
                        "the claim {} is about {}, which boycott.agencies does not list",
                        super::describe_claim(claim, i),
                        crate::text::quoted(agency)
                    ),
                )
                .label("not in boycott.agencies")
                .help(format!(
                    "add {} to boycott.agencies, or correct the claim's agency",
                    crate::text::quoted(agency)
                )),
            );
        }
    }
    for (i, agency) in listed {
        if !claimed.contains(&agency) {
            out.push(
                Finding::new(
                    CODE,
                    Target::value(format!(
                        "{}/{i}",
                        view::pointer(BoycottView::AT, &[], BoycottView::AGENCIES)
                    )),
                    format!(
                        "boycott.agencies lists {}, but no claim is about it",
                        crate::text::quoted(agency)
                    ),
                )
                .label("no claim supports it")
                .help("add a claim about this agency that cites its sources, or remove it from boycott.agencies"),
            );
        }
    }
}
