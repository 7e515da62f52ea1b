//! # name-mixed-script
//!
//! ## What it catches
//! A `name` or alias that mixes scripts in one word-set, such as Latin with one Cyrillic letter
//! (`Аcme`, whose first letter is Cyrillic), per Unicode TR39.
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
use unicode_security::MixedScript;

pub(crate) const CODE: super::RuleCode = super::RuleCode::NameMixedScript;

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    for (alias, name) in super::name_not_nfc::names(ctx) {
        // ASCII is Latin plus Common characters: always one script.
        if !name.is_ascii() && !name.is_single_script() {
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
