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
use crate::json::Node;
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
    if let Some(raw) = ctx
        .value
        .pointer("/identifiers/website")
        .and_then(Node::as_str)
        && let Some(p) = links::problem(raw)
    {
        found("/identifiers/website".into(), raw, p);
    }
    for (i, (source, facts)) in ctx.sources().iter().zip(ctx.source_facts()).enumerate() {
        if let (Some(p), Some(raw)) = (facts.url_problem, source.get("url").and_then(Node::as_str))
        {
            found(format!("/sources/{i}/url"), raw, p);
        }
        if let Some(raw) = source.get("archive_url").and_then(Node::as_str)
            && let Some(p) = links::problem(raw)
        {
            found(format!("/sources/{i}/archive_url"), raw, p);
        }
    }
}
