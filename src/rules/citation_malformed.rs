//! # citation-malformed
//!
//! ## What it catches
//! Bracketed text that is plainly a broken citation marker: `[0]`, `[01]`, `[1,2]`, `[1-3]`,
//! `[ 2 ]`. Bracketed words such as `[sic]`, `[a]` or `[citation needed]` are prose, not
//! markers, and are left alone.
//!
//! ## Why it matters
//! Tools (and the exported site) only link well-formed markers: a broken one silently drops the
//! claim's source.
//!
//! ## Example
//! ```json
//! "overview": "Acme Widgets sells drones to CBP.[1,2]"
//! ```
//!
//! ## Use instead
//! ```json
//! "overview": "Acme Widgets sells drones to CBP.[1][2]"
//! ```
//!
//! ## Fix
//! Not automatic: write one marker per source, side by side, numbered from 1.

use super::{EntryContext, Finding, Findings};
use crate::json::Target;
use crate::text::quoted;

pub(crate) const CODE: super::RuleCode = super::RuleCode::CitationMalformed;

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    let citations = ctx.citations();
    for marker in &citations.malformed {
        out.push(
            Finding::new(
                CODE,
                Target::text(marker.pointer.clone(), marker.range.clone()),
                format!("{} looks like a citation marker but is not one", quoted(&marker.text)),
            )
            .label("malformed marker")
            .help("write one marker per source, side by side, as [1][2]; numbers start at 1 with no leading zero"),
        );
    }
}
