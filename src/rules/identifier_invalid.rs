//! # identifier-invalid
//!
//! ## What it catches
//! An identifier in `identifiers` that breaks the grammar its issuer publishes:
//! - `lei`: the two check digits of ISO 17442 fail ISO 7064 MOD 97-10 (the 20 characters,
//!   letters read as 10–35, are 1 modulo 97). The schema checks the shape; this checks the sum.
//! - `uei`: SAM.gov's Unique Entity ID is 12 letters and digits, never the letters O or I, never
//!   a leading zero, and never nine digits in a row (GSA, "Unique Entity ID Technical
//!   Specifications", gsa.gov).
//! - `cage`: five letters and digits without I or O; a U.S. CAGE code has digits in the first
//!   and fifth positions, a NATO (NCAGE) code a letter in the first or fifth (DoD 4100.39-M,
//!   volume 7: FLIS procedures for CAGE and NCAGE codes).
//! - `cik`: the SEC's Central Index Key is a number of one to ten digits (EDGAR pads it to ten
//!   with zeros), never zero.
//! - `opencorporates`: `jurisdiction/number` as in OpenCorporates' company URLs
//!   (`opencorporates.com/companies/us_de/1234567`): a lower-case ISO 3166-1 country code,
//!   optionally `_` and a subdivision code (`us_de`), a slash, and the registry's number (letters,
//!   digits, `.`, `-`, `_`).
//!
//! (Tickers, `EXCHANGE:SYMBOL`, and the LEI's shape are checked by the schema.)
//!
//! ## Why it matters
//! Identifiers join the dataset to registries and find duplicates (`entry-duplicate`). A
//! mistyped one points at another company, or at none, and nothing downstream can tell.
//!
//! ## Example
//! ```json
//! "identifiers": { "lei": "529900ZETAPROBE00023", "uei": "0ABC12345678" }
//! ```
//!
//! ## Use instead
//! The identifier copied from its registry (GLEIF, SAM.gov, ...).
//!
//! ## Fix
//! Not automatic.

use super::{EntryContext, Finding, Findings};
use super::view::{self, IdentifiersView};
use crate::json::{Node, Target};

pub(crate) const CODE: super::RuleCode = super::RuleCode::IdentifierInvalid;

/// Why the identifier breaks its grammar, or `None` when it does not.
pub(crate) fn problem(kind: &str, value: &str) -> Option<&'static str> {
    match kind {
        "lei" => lei_problem(value),
        "uei" => uei_problem(value),
        "cage" => cage_problem(value),
        "cik" => cik_problem(value),
        "opencorporates" => opencorporates_problem(value),
        _ => None,
    }
}

fn lei_problem(value: &str) -> Option<&'static str> {
    // A value of another shape is the schema's to report.
    let shaped = value.len() == 20
        && value
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase());
    if !shaped {
        return None;
    }
    let remainder = value.chars().fold(0u32, |sum, c| {
        let digit = c.to_digit(36).unwrap_or(0);
        let (shift, digit) = if digit >= 10 { (100, digit) } else { (10, digit) };
        (sum * shift + digit) % 97
    });
    (remainder != 1).then_some("its check digits do not match (ISO 7064 MOD 97-10)")
}

fn is_uei_character(b: u8) -> bool {
    (b.is_ascii_uppercase() && b != b'O' && b != b'I') || b.is_ascii_digit()
}

fn uei_problem(value: &str) -> Option<&'static str> {
    let bytes = value.as_bytes();
    if bytes.len() != 12 {
        return Some("a UEI has 12 characters");
    }
    if !bytes.iter().all(|b| is_uei_character(*b)) {
        return Some("a UEI holds only upper-case letters (never O or I) and digits");
    }
    if bytes[0] == b'0' {
        return Some("a UEI never starts with 0");
    }
    let longest_digit_run = bytes
        .split(|b| !b.is_ascii_digit())
        .map(<[u8]>::len)
        .max()
        .unwrap_or(0);
    (longest_digit_run >= 9).then_some("a UEI never holds nine digits in a row")
}

fn cage_problem(value: &str) -> Option<&'static str> {
    let bytes = value.as_bytes();
    if bytes.len() != 5 || !bytes.iter().all(|b| is_uei_character(*b)) {
        return Some("a CAGE code is 5 upper-case letters (never I or O) and digits");
    }
    // U.S. CAGE: digits first and last; NCAGE: a letter first or last. Every 5-character
    // value is one or the other, so the positions only matter for the letters they allow.
    None
}

fn cik_problem(value: &str) -> Option<&'static str> {
    if value.is_empty() || value.len() > 10 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Some("a CIK is a number of 1 to 10 digits");
    }
    value
        .bytes()
        .all(|b| b == b'0')
        .then_some("a CIK is never zero")
}

fn opencorporates_problem(value: &str) -> Option<&'static str> {
    let Some((jurisdiction, number)) = value.split_once('/') else {
        return Some("an OpenCorporates id is jurisdiction/number, e.g. us_de/1234567");
    };
    let (country, subdivision) = match jurisdiction.split_once('_') {
        Some((country, subdivision)) => (country, Some(subdivision)),
        None => (jurisdiction, None),
    };
    let country_ok = country.len() == 2 && country.bytes().all(|b| b.is_ascii_lowercase());
    let subdivision_ok = subdivision.is_none_or(|s| {
        (1..=3).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    if !country_ok || !subdivision_ok {
        return Some(
            "the jurisdiction is a lower-case country code, optionally _ and a subdivision (us_de)",
        );
    }
    let number_ok = !number.is_empty()
        && number
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
    (!number_ok).then_some("the company number holds only letters, digits, '.', '-' and '_'")
}

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    let Some(identifiers) = ctx.entry().identifiers() else {
        return;
    };
    for kind in [
        IdentifiersView::LEI,
        IdentifiersView::UEI,
        IdentifiersView::CAGE,
        IdentifiersView::CIK,
        IdentifiersView::OPENCORPORATES,
    ] {
        let Some(value) = identifiers.0.get(kind).and_then(Node::as_str) else {
            continue;
        };
        if let Some(why) = problem(kind, value) {
            out.push(
                Finding::new(
                    CODE,
                    Target::value(view::pointer(IdentifiersView::AT, &[], kind)),
                    format!(
                        "the {kind} {} is not valid: {why}",
                        crate::text::quoted(value)
                    ),
                )
                .label("not a valid identifier")
                .help("copy the identifier from its registry"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lei_check_digits() {
        // The probe LEI of the tests has valid check digits; changing either breaks the sum.
        assert_eq!(problem("lei", "529900ZETAPROBE00022"), None);
        assert!(problem("lei", "529900ZETAPROBE00023").is_some());
        assert!(problem("lei", "529900ZETAPROBE00032").is_some());
        // Another shape is the schema's.
        assert_eq!(problem("lei", "not an lei"), None);
    }

    #[test]
    fn uei_cage_cik_opencorporates_grammars() {
        assert_eq!(problem("uei", "ZETAPRB12345"), None);
        for bad in [
            "ZETAPRB1234",
            "ZETAPRB123456",
            "0ETAPRB12345",
            "ZETAPRO12345",
            "ZETAPRI12345",
            "zetaprb12345",
            "Z123456789AB",
            "ZETA-RB12345",
        ] {
            assert!(problem("uei", bad).is_some(), "{bad}");
        }
        assert_eq!(problem("cage", "1ZT49"), None);
        assert_eq!(problem("cage", "K2345"), None);
        for bad in ["1ZT4", "1ZT490", "1ZO49", "1zt49", "1ZI49"] {
            assert!(problem("cage", bad).is_some(), "{bad}");
        }
        assert_eq!(problem("cik", "0000000042"), None);
        assert_eq!(problem("cik", "42"), None);
        for bad in ["", "0000000000", "12345678901", "12a", " 42"] {
            assert!(problem("cik", bad).is_some(), "{bad:?}");
        }
        for good in ["us_de/1234567", "gb/00000042", "ca_bc/BC0042", "us_ny/zeta-probe.00042"] {
            assert_eq!(problem("opencorporates", good), None, "{good}");
        }
        for bad in ["1234567", "US_DE/1", "us_de/", "usa/1", "us_delaw/1", "us_de/12 34"] {
            assert!(problem("opencorporates", bad).is_some(), "{bad}");
        }
    }
}
