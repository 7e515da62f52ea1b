//! # claim-evidence-weak
//!
//! ## What it catches
//! A claim whose best evidence is in the tier `other`: every source its summary cites has the
//! type `other` or no type (the tiers are in `docs/methodology.md`).
//!
//! ## Why it matters
//! Readers and the companies named judge a claim by its best evidence. A claim that rests
//! only on sources of unknown kind tells them nothing about how strong it is.
//!
//! ## Example
//! A claim citing `[3]`, where source 3 has no `type`.
//!
//! ## Use instead
//! Give each source its `type` (`news`, `government-record`, ...), or cite a stronger source.
//!
//! ## Fix
//! Not automatic.

use super::{EntryContext, Finding, Findings};
use super::view::{self, AwardView, ClaimView, SourceView};
use crate::rules::evidence::{EvidenceTier, best, source_tier};
use crate::json::Target;

pub(crate) const CODE: super::RuleCode = super::RuleCode::ClaimEvidenceWeak;

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    let claims = super::claims(ctx.value);
    if claims.is_empty() {
        return;
    }
    let names = super::company_names(ctx.value);
    for (i, claim) in claims.iter().enumerate() {
        let Some(summary) = ClaimView(claim).summary() else {
            continue;
        };
        let tiers = super::citations::markers(summary)
            .into_iter()
            .filter_map(|(_, number)| {
                let source = ctx
                    .sources()
                    .iter()
                    .find(|s| SourceView(s).id() == Some(number))
                    .map(SourceView)?;
                Some(source_tier(
                    source.kind(),
                    source.publisher().unwrap_or(""),
                    &names,
                ))
            });
        // A claim with a checked award rests on the government's own record (primary).
        let checked_award = ClaimView(claim)
            .awards()
            .iter()
            .any(|award| AwardView(award).as_of().is_some());
        // A claim that cites no existing source is another rule's (claim-unsourced,
        // citation-undefined).
        if !checked_award && best(tiers) == Some(EvidenceTier::Other) {
            out.push(
                Finding::new(
                    CODE,
                    Target::value(view::pointer(ClaimView::AT, &[i], ClaimView::SUMMARY)),
                    format!(
                        "the claim {} rests only on sources of unknown kind (evidence tier: other)",
                        super::describe_claim(claim, i)
                    ),
                )
                .label("weak evidence")
                .help("give the cited sources their `type`, or cite a record, a filing or reporting that supports the claim"),
            );
        }
    }
}
