//! # url-invalid
//!
//! ## What it catches
//! A `url`, `archive_url` or `identifiers.website` that is not an `http` or `https` URL with a
//! host and without user information (`javascript:`, `file:`, `https://user:pass@host/`).
//!
//! ## Why it matters
//! URLs become links on the exported site and in downstream tools: any other scheme can run
//! code or read local files in a reader's browser, and credentials do not belong in public data.
//!
//! ## Example
//! ```json
//! "url": "javascript:alert(1)"
//! ```
//!
//! ## Use instead
//! ```json
//! "url": "https://example.org/report"
//! ```
//!
//! ## Fix
//! Not automatic.

use super::links;
use super::{EntryContext, Finding, Findings};
use super::view::{self, IdentifiersView, SourceView};
use crate::json::Target;
use crate::text::quoted;

pub(crate) const CODE: super::RuleCode = super::RuleCode::UrlInvalid;

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    let mut found = |pointer: String, raw: &str, problem: &str| {
        out.push(
            Finding::new(
                CODE,
                Target::value(pointer),
                format!("{} is not a usable link: {problem}", quoted(raw)),
            )
            .label("invalid URL")
            .help("use the document's plain http(s) address, e.g. https://example.org/report"),
        );
    };
    if let Some(raw) = ctx.entry().identifiers().and_then(IdentifiersView::website)
        && let Some(p) = links::problem(raw)
    {
        found(
            view::pointer(IdentifiersView::AT, &[], IdentifiersView::WEBSITE),
            raw,
            p,
        );
    }
    for (i, (source, facts)) in ctx.sources().iter().zip(ctx.source_facts()).enumerate() {
        let source = SourceView(source);
        if let (Some(p), Some(raw)) = (facts.url_problem, source.url()) {
            found(view::pointer(SourceView::AT, &[i], SourceView::URL), raw, p);
        }
        if let Some(raw) = source.archive_url()
            && let Some(p) = links::problem(raw)
        {
            found(
                view::pointer(SourceView::AT, &[i], SourceView::ARCHIVE_URL),
                raw,
                p,
            );
        }
    }
}
