//! # name-mixed-script
//!
//! ## What it catches
//! A `name` or alias whose letters are not of one script, or of one of the script mixes that
//! Unicode TR39's *Highly Restrictive* level allows (Latin with Han, Hiragana and Katakana;
//! Latin with Han and Bopomofo; Latin with Han and Hangul): Latin with one Cyrillic letter
//! (`Аcme`, whose first letter is Cyrillic) is caught, `Acme ソニー株式会社` is not. Spaces,
//! punctuation and digits (TR39's Common and Inherited) belong to every script. The script data
//! is the `unicode-security` crate's (TR39's augmented script sets).
//!
//! ## Why it matters
//! Look-alike letters let an entry pose as another or dodge duplicate detection, and make the
//! company impossible to find by typing its name.
//!
//! ## Example
//! ```json
//! "name": "\u0410cme Widgets"
//! ```
//!
//! ## Use instead
//! ```json
//! "name": "Acme Widgets"
//! ```
//!
//! ## Fix
//! Not automatic. A warning, because some real names do mix scripts.

use super::{EntryContext, Finding, Findings};
use crate::json::Target;
use crate::text::quoted;
use unicode_script::Script;
use unicode_security::mixed_script::AugmentedScriptSet;

pub(crate) const CODE: super::RuleCode = super::RuleCode::NameMixedScript;

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    for (alias, name) in super::name_not_nfc::names(ctx) {
        // ASCII is Latin plus Common characters: always one script.
        if !name.is_ascii() && !is_highly_restrictive(name) {
            out.push(
                Finding::new(
                    CODE,
                    Target::value(super::name_not_nfc::name_pointer(alias)),
                    format!("{} mixes scripts (for example Latin and Cyrillic look-alike letters)", quoted(name)),
                )
                .label("mixed scripts")
                .help("check that every letter is the one the company uses; retype the name in one script"),
            );
        }
    }
}

/// TR39 5.2's Highly Restrictive test (which includes Single Script), over a name's letters
/// rather than an identifier's: characters outside the identifier profile (spaces,
/// punctuation) are Common, which the augmented sets already treat as every script.
fn is_highly_restrictive(name: &str) -> bool {
    let mut all = AugmentedScriptSet::default();
    let mut without_latin = AugmentedScriptSet::default();
    for c in name.chars() {
        let set = AugmentedScriptSet::for_char(c);
        all.intersect_with(set);
        if !set.base.contains_script(Script::Latin) {
            without_latin.intersect_with(set);
        }
    }
    !all.is_empty() || without_latin.kore || without_latin.hanb || without_latin.jpan
}

#[cfg(test)]
mod tests {
    use super::is_highly_restrictive;

    #[test]
    fn the_mixes_tr39_allows_and_those_it_does_not() {
        for allowed in [
            "Acme Widgets, Inc.",
            "Société Générale",
            "Акме Виджетс",
            "Acme ソニー株式会社",
            "Acme 株式会社",
            "Acme 삼성전자",
            "Acme 中文 ㄅㄆ",
            "Ελληνικά 2024",
        ] {
            assert!(is_highly_restrictive(allowed), "{allowed}");
        }
        for mixed in [
            "\u{410}cme Widgets",
            "Acme Widgετs",
            "Acme Виджетс",
            "Acme 삼성 ソニー",
        ] {
            assert!(!is_highly_restrictive(mixed), "{mixed}");
        }
    }
}
