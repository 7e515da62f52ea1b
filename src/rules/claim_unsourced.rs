//! # claim-unsourced
//!
//! ## What it catches
//! A claim (`claims[]`) whose `summary` carries no citation marker `[n]`.
//!
//! ## Why it matters
//! A claim is a public statement about a real company. One that cites nothing cannot be
//! checked, graded (its evidence tier comes from the sources it cites) or answered.
//!
//! ## Example
//! ```json
//! { "id": "ice-detention", "agency": "ICE", "kind": "detention", "status": "current",
//!   "summary": "Acme Widgets runs a detention centre." }
//! ```
//!
//! ## Use instead
//! ```json
//! { "id": "ice-detention", "agency": "ICE", "kind": "detention", "status": "current",
//!   "summary": "Acme Widgets runs a detention centre under an ICE contract.[2]" }
//! ```
//!
//! ## Fix
//! Not automatic: cite the source that supports the claim.

use super::{EntryContext, Finding, Findings};
use super::view::{self, ClaimView};
use crate::json::Target;

pub(crate) const CODE: super::RuleCode = super::RuleCode::ClaimUnsourced;

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    for (i, claim) in ctx.entry().claims().iter().enumerate() {
        let Some(summary) = ClaimView(claim).summary() else {
            continue;
        };
        if super::citations::markers(summary).is_empty() {
            out.push(
                Finding::new(
                    CODE,
                    Target::value(view::pointer(ClaimView::AT, &[i], ClaimView::SUMMARY)),
                    format!(
                        "the claim {} cites no source",
                        super::describe_claim(claim, i)
                    ),
                )
                .label("no citation marker")
                .help("end the sentence with the marker [n] of the source that supports it"),
            );
        }
    }
}
