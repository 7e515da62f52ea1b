//! # source-url-missing
//!
//! ## What it catches
//! A source without a `url`.
//!
//! ## Why it matters
//! A reader cannot check a claim against a source they cannot find. The warning stays visible
//! until a sourced edit adds the real address: never invent or guess a URL to silence it.
//!
//! ## Example
//! ```json
//! { "id": 1, "title": "Acme Widgets annual report", "publisher": "Acme Widgets" }
//! ```
//!
//! ## Use instead
//! ```json
//! { "id": 1, "title": "Acme Widgets annual report", "publisher": "Acme Widgets",
//!   "url": "https://example.com/acme/annual-report" }
//! ```
//!
//! ## Fix
//! Not automatic.

use super::view::SourceView;
use super::{EntryContext, Finding, Findings, describe_source, title_or_source};

pub(crate) const CODE: super::RuleCode = super::RuleCode::SourceUrlMissing;

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    for (i, source) in ctx.sources().iter().enumerate() {
        if source.is_object() && source.get(SourceView::URL).is_none() {
            out.push(
                Finding::new(
                    CODE,
                    title_or_source(source, i),
                    format!("source {} has no url: readers cannot check it", describe_source(source, i)),
                )
                .label("this source has no url")
                .help("add the address where the document can be read, and an archive_url if there is one"),
            );
        }
    }
}
