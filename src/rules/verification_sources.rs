//! # verification-sources
//!
//! ## What it catches
//! An entry marked `verified` with fewer than two sources from distinct publishers
//! (publishers compared after NFKC, case folding and whitespace collapsing).
//!
//! ## Why it matters
//! "Verified" is a public claim that the entry's facts were confirmed. One publisher's word,
//! however many times it is listed, is not independent confirmation.
//!
//! ## Example
//! ```json
//! "verification": { "status": "verified" },
//! "sources": [{ "id": 1, "publisher": "Acme Widgets", ... }]
//! ```
//!
//! ## Use instead
//! Add a second source from another publisher, or mark the entry `partially-verified` with
//! notes saying what is confirmed.
//!
//! ## Fix
//! Not automatic.

use super::{EntryContext, Finding, Findings};
use super::view::{self, SourceView, VerificationView};
use crate::json::Target;

pub(crate) const CODE: super::RuleCode = super::RuleCode::VerificationSources;

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    if ctx.entry().verification_status() != Some("verified") {
        return;
    }
    // Two different prints are two different publishers: the common case needs no key.
    let mut prints = ctx.source_facts().iter().filter_map(|f| f.publisher_print);
    if let Some(first) = prints.next()
        && prints.any(|p| p != first)
    {
        return;
    }
    let mut publishers: Vec<String> = ctx
        .sources()
        .iter()
        .filter_map(|s| SourceView(s).publisher())
        .map(crate::text::comparison_key)
        .filter(|p| !p.is_empty())
        .collect();
    publishers.sort_unstable();
    publishers.dedup();
    if publishers.len() < 2 {
        out.push(
            Finding::new(
                CODE,
                Target::value(view::pointer(VerificationView::AT, &[], VerificationView::STATUS)),
                format!(
                    "the entry is marked verified but its sources come from {} distinct publisher{}: verified needs at least two",
                    publishers.len(),
                    if publishers.len() == 1 { "" } else { "s" }
                ),
            )
            .label("verified on too few publishers")
            .help("add a source from an independent publisher, or set the status to partially-verified with notes"),
        );
    }
}
