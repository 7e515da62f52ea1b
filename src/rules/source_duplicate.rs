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

use super::view::{self, SourceView};
use super::{
    EntryContext, FastMap, Finding, Findings, SourceFacts, describe_source, title_or_source,
};
use crate::json::Node;
use crate::json::Target;

pub(crate) const CODE: super::RuleCode = super::RuleCode::SourceDuplicate;

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    let sources = ctx.sources();
    let facts = ctx.source_facts();
    // Earlier sources by print; a print names its first source, and the rare sources whose
    // print matched without their keys matching are compared one by one.
    let mut by_url: FastMap<u64, usize> =
        FastMap::with_capacity_and_hasher(sources.len(), Default::default());
    let mut by_title: FastMap<u64, usize> =
        FastMap::with_capacity_and_hasher(sources.len(), Default::default());
    let mut unconfirmed: Vec<usize> = Vec::new();
    for i in 0..sources.len() {
        let this = (&facts[i], &sources[i]);
        let earlier = |print: Option<u64>,
                       map: &FastMap<u64, usize>,
                       same: fn((&SourceFacts, &Node<'_>), (&SourceFacts, &Node<'_>)) -> bool|
         -> (Option<usize>, bool) {
            let Some(&j) = print.and_then(|p| map.get(&p)) else {
                return (None, false);
            };
            if same(this, (&facts[j], &sources[j])) {
                return (Some(j), false);
            }
            let other = unconfirmed
                .iter()
                .copied()
                .find(|&k| same(this, (&facts[k], &sources[k])));
            (other, true)
        };
        let (url_match, url_clash) = earlier(facts[i].url_print, &by_url, SourceFacts::same_url);
        let (title_match, title_clash) =
            earlier(facts[i].title_print, &by_title, SourceFacts::same_title);
        let first = url_match
            .map(|j| (j, "URL", true))
            .or_else(|| title_match.map(|j| (j, "title and publisher", false)));
        if let Some((j, what, by_url_match)) = first {
            // Point at what matched: the URLs, or the titles.
            let (here, there) = if by_url_match {
                (
                    Target::value(view::pointer(SourceView::AT, &[i], SourceView::URL)),
                    Target::value(view::pointer(SourceView::AT, &[j], SourceView::URL)),
                )
            } else {
                (
                    title_or_source(&sources[i], i),
                    title_or_source(&sources[j], j),
                )
            };
            out.push(
                Finding::new(
                    CODE,
                    here,
                    format!(
                        "source {} is the same document as source {}: same {what}",
                        describe_source(&sources[i], i),
                        describe_source(&sources[j], j)
                    ),
                )
                .label("duplicate source")
                .help("keep one of the two sources and cite it with one number everywhere")
                .related(None, there, "first listed here"),
            );
            continue;
        }
        if url_clash || title_clash {
            unconfirmed.push(i);
        }
        if let Some(p) = facts[i].url_print {
            by_url.entry(p).or_insert(i);
        }
        if let Some(p) = facts[i].title_print {
            by_title.entry(p).or_insert(i);
        }
    }
}
