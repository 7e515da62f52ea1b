//! # source-duplicate
//!
//! ## What it catches
//! Two sources in one entry that are the same document: equal URLs once normalized (http and
//! https alike, host case-insensitive, a leading `www.` ignored, trailing `/` ignored, fragment
//! and tracking parameters such as `utm_*`, `fbclid`, `gclid` dropped, other query parameters
//! sorted), or equal title and publisher after Unicode NFKC, case folding and whitespace
//! collapsing.
//!
//! ## Why it matters
//! A document listed twice looks like two independent sources: it inflates the evidence and
//! can make an entry pass `verification-sources` on one publisher's word.
//!
//! ## Example
//! ```json
//! { "id": 1, "url": "https://example.org/report" },
//! { "id": 2, "url": "http://www.example.org/report/?utm_source=feed" }
//! ```
//!
//! ## Use instead
//! Keep one source and cite it with one number everywhere.
//!
//! ## Fix
//! Not automatic: merge the two and renumber the markers that cited the second.

use super::{EntryContext, Finding, describe_source, title_or_source};
use crate::json::Target;
use std::collections::HashMap;

pub const CODE: &str = "source-duplicate";

pub fn check(ctx: &EntryContext<'_>, out: &mut Vec<Finding>) {
    let mut by_url: HashMap<String, usize> = HashMap::new();
    let mut by_title: HashMap<String, usize> = HashMap::new();
    for (i, (source, facts)) in ctx.sources().iter().zip(ctx.source_facts()).enumerate() {
        let url_key = facts.url_key.clone();
        let title_key = facts.title_key.clone();
        let first = url_key
            .as_ref()
            .and_then(|k| by_url.get(k).map(|&j| (j, "URL", true)))
            .or_else(|| {
                title_key
                    .as_ref()
                    .and_then(|k| by_title.get(k).map(|&j| (j, "title and publisher", false)))
            });
        if let Some((j, what, by_url_match)) = first {
            // Point at what matched: the URLs, or the titles.
            let (here, there) = if by_url_match {
                (
                    Target::value(format!("/sources/{i}/url")),
                    Target::value(format!("/sources/{j}/url")),
                )
            } else {
                (
                    title_or_source(source, i),
                    title_or_source(&ctx.sources()[j], j),
                )
            };
            out.push(
                Finding::new(
                    CODE,
                    here,
                    format!(
                        "source {} is the same document as source {}: same {what}",
                        describe_source(source, i),
                        describe_source(&ctx.sources()[j], j)
                    ),
                )
                .label("duplicate source")
                .help("keep one of the two sources and cite it with one number everywhere")
                .related(None, there, "first listed here"),
            );
            continue;
        }
        if let Some(k) = url_key {
            by_url.insert(k, i);
        }
        if let Some(k) = title_key {
            by_title.insert(k, i);
        }
    }
}
