//! # domain-invalid
//!
//! ## What it catches
//! A `domains` item that is not an exact host name: one with a scheme (`https://`), a path, a
//! port, upper-case letters, a trailing dot, characters a host name cannot hold (an
//! internationalized name must be written in punycode, `xn--...`), an empty or over-long
//! label, or a public suffix (`co.uk`, `github.io`, from the Public Suffix List), which is
//! never one company's.
//!
//! ## Why it matters
//! Extensions match the hosts a shopper visits against these names exactly: a URL or a
//! capitalised name never matches, and a public suffix would match thousands of unrelated
//! sites.
//!
//! ## Example
//! ```json
//! "domains": ["https://Acme.example/", "co.uk"]
//! ```
//!
//! ## Use instead
//! ```json
//! "domains": ["acme.example"]
//! ```
//!
//! ## Fix
//! Not automatic: which host is meant is a person's call.

use super::{EntryContext, Finding, Findings};
use super::view::{self, EntryView};
use crate::json::Target;
use crate::text::quoted;

pub(crate) const CODE: super::RuleCode = super::RuleCode::DomainInvalid;

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    for (i, domain) in ctx.entry().domains().iter().enumerate() {
        let Some(text) = domain.as_str() else {
            continue;
        };
        if let Some(why) = problem(text) {
            out.push(
                Finding::new(
                    CODE,
                    Target::value(format!(
                        "{}/{i}",
                        view::pointer(EntryView::AT, &[], EntryView::DOMAINS)
                    )),
                    format!("{} is not a domain: {why}", quoted(text)),
                )
                .label("not a domain")
                .help("write the exact host name in lower case, like acme.example (punycode for international names)"),
            );
        }
    }
}

/// Why `text` is not an exact, registrable host name.
pub(crate) fn problem(text: &str) -> Option<String> {
    if text.contains("://") {
        return Some("it carries a scheme".into());
    }
    if text.contains('/') {
        return Some("it carries a path".into());
    }
    if text.contains(':') {
        return Some("it carries a port".into());
    }
    if text.ends_with('.') {
        return Some("it ends with a dot".into());
    }
    if text.chars().any(|c| c.is_ascii_uppercase()) {
        return Some("it has upper-case letters".into());
    }
    if !text.is_ascii() {
        return Some("an international name is written in punycode (xn--...)".into());
    }
    if text.len() > 253 {
        return Some("it is longer than 253 characters".into());
    }
    let labels: Vec<&str> = text.split('.').collect();
    if labels.len() < 2 {
        return Some("a host name has at least two labels".into());
    }
    for label in &labels {
        if label.is_empty() || label.len() > 63 {
            return Some("each label has 1 to 63 characters".into());
        }
        if !label
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            || label.starts_with('-')
            || label.ends_with('-')
        {
            return Some(format!("the label {} is not a host name's", quoted(label)));
        }
    }
    if psl::suffix_str(text) == Some(text) {
        return Some("it is a public suffix, shared by unrelated sites".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn valid_and_invalid_hosts() {
        for good in [
            "salesforce.com",
            "slack.com",
            "aws.example.com",
            "xn--bcher-kva.example",
            "a-b.co.uk",
        ] {
            assert_eq!(problem(good), None, "{good}");
        }
        for bad in [
            "https://salesforce.com",
            "salesforce.com/path",
            "salesforce.com:443",
            "Salesforce.com",
            "salesforce.com.",
            "bücher.example",
            "localhost",
            "-acme.example",
            "acme..example",
            "co.uk",
            "github.io",
            "com",
        ] {
            assert!(problem(bad).is_some(), "{bad}");
        }
    }
}
