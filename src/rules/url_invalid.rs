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

use super::{EntryContext, Finding};
use crate::json::Node;
use crate::json::Target;
use crate::text::quoted;

pub const CODE: &str = "url-invalid";

/// Parses `raw` as a link, or says why it is not an acceptable one.
pub fn parse_link(raw: &str) -> Result<url::Url, &'static str> {
    let url = url::Url::parse(raw).map_err(|_| "it does not parse as a URL")?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("only http and https URLs are allowed");
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("it has no host");
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("it carries user information (user:password@)");
    }
    if raw.chars().any(char::is_whitespace) {
        return Err("it contains white space");
    }
    Ok(url)
}

/// Why `raw` is not an acceptable link, if it is not.
pub fn problem(raw: &str) -> Option<&'static str> {
    parse_link(raw).err()
}

pub fn check(ctx: &EntryContext<'_>, out: &mut Vec<Finding>) {
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
        && let Some(p) = problem(raw)
    {
        found("/identifiers/website".into(), raw, p);
    }
    for (i, (source, facts)) in ctx.sources().iter().zip(ctx.source_facts()).enumerate() {
        if let (Some(p), Some(raw)) = (facts.url_problem, source.get("url").and_then(Node::as_str))
        {
            found(format!("/sources/{i}/url"), raw, p);
        }
        if let Some(raw) = source.get("archive_url").and_then(Node::as_str)
            && let Some(p) = problem(raw)
        {
            found(format!("/sources/{i}/archive_url"), raw, p);
        }
    }
}
