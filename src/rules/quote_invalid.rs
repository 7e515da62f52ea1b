//! # quote-invalid
//!
//! ## What it catches
//! A source's `quotes` entry that is empty, longer than 500 characters, or the same as another
//! quote of the same source (compared with white space, case, curly quotes and dashes
//! normalised).
//!
//! ## Why it matters
//! A quote is the few words of the source an entry relies on: `icelist sources check --quotes`
//! looks for each in the document. An empty quote proves nothing, a long one is a copy of the
//! document rather than an excerpt, and a repeated one is noise.
//!
//! ## Example
//! ```json
//! "quotes": ["", "CBP awarded the contract", "CBP  awarded the contract"]
//! ```
//!
//! ## Use instead
//! ```json
//! "quotes": ["CBP awarded the contract"]
//! ```
//!
//! ## Fix
//! Not automatic: choose the words the claim relies on.

use super::{EntryContext, Finding, Findings};
use super::view::{self, SourceView};
use crate::json::{Node, Target};

pub(crate) const CODE: super::RuleCode = super::RuleCode::QuoteInvalid;

/// The longest quote, in characters.
pub(crate) const MAX_QUOTE: usize = 500;

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    for (s, source) in ctx.sources().iter().enumerate() {
        let Some(quotes) = SourceView(source).quotes().and_then(Node::as_array) else {
            continue;
        };
        let mut seen: Vec<String> = Vec::new();
        for (q, quote) in quotes.iter().enumerate() {
            let Some(text) = quote.as_str() else {
                continue;
            };
            let target = Target::value(format!(
                "{}/{q}",
                view::pointer(SourceView::AT, &[s], SourceView::QUOTES)
            ));
            let length = text.chars().count();
            if text.trim().is_empty() {
                out.push(
                    Finding::new(CODE, target, "this quote is empty")
                        .label("empty")
                        .help("write the words of the source the claim relies on, or remove the quote"),
                );
                continue;
            }
            if length > MAX_QUOTE {
                out.push(
                    Finding::new(
                        CODE,
                        target.clone(),
                        format!(
                            "this quote has {length} characters, over the limit of {MAX_QUOTE}"
                        ),
                    )
                    .label("too long")
                    .help("quote only the words the claim relies on"),
                );
            }
            let key = normalized(text);
            if seen.contains(&key) {
                out.push(
                    Finding::new(
                        CODE,
                        target,
                        "this quote repeats another quote of the same source",
                    )
                    .label("repeated")
                    .help("remove the repeated quote"),
                );
            } else {
                seen.push(key);
            }
        }
    }
}

/// A quote as it is compared: white space collapsed, lower case, straight quotes, plain dashes.
pub(crate) fn normalized(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .chars()
        .map(|c| match c {
            '‘' | '’' | '‚' | '′' => '\'',
            '“' | '”' | '„' | '″' => '"',
            '–' | '—' | '‐' | '‑' | '−' => '-',
            c => c,
        })
        .collect()
}
