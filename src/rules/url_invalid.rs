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
use crate::json::Target;
use crate::text::quoted;
use serde_json::Value;

pub const CODE: &str = "url-invalid";

/// Why `raw` is not an acceptable link, if it is not.
pub fn problem(raw: &str) -> Option<&'static str> {
    let Ok(url) = url::Url::parse(raw) else {
        return Some("it does not parse as a URL");
    };
    if !matches!(url.scheme(), "http" | "https") {
        return Some("only http and https URLs are allowed");
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Some("it has no host");
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Some("it carries user information (user:password@)");
    }
    if raw.chars().any(char::is_whitespace) {
        return Some("it contains white space");
    }
    None
}

pub fn check(ctx: &EntryContext<'_>, out: &mut Vec<Finding>) {
    let mut pointers = vec!["/identifiers/website".to_owned()];
    for i in 0..ctx.sources().len() {
        pointers.push(format!("/sources/{i}/url"));
        pointers.push(format!("/sources/{i}/archive_url"));
    }
    for pointer in pointers {
        let Some(raw) = ctx.value.pointer(&pointer).and_then(Value::as_str) else {
            continue;
        };
        if let Some(problem) = problem(raw) {
            out.push(
                Finding::new(
                    CODE,
                    Target::value(pointer),
                    format!("{} is not a usable link: {problem}", quoted(raw)),
                )
                .label("invalid URL")
                .help("use the document's plain http(s) address, e.g. https://example.org/report"),
            );
        }
    }
}
