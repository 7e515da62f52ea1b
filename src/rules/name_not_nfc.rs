//! # name-not-nfc
//!
//! ## What it catches
//! A `name` or alias that is not in Unicode Normalization Form C (an `é` written as `e` plus a
//! combining accent).
//!
//! ## Why it matters
//! Two spellings that look identical compare unequal: searches, joins with other datasets and
//! duplicate detection miss the company.
//!
//! ## Example
//! ```json
//! "name": "Acme Widgets Caf\u0065\u0301"
//! ```
//!
//! ## Use instead
//! ```json
//! "name": "Acme Widgets Caf\u00e9"
//! ```
//!
//! ## Fix
//! Not automatic: retype the name, or paste it from a source that uses NFC.

use super::{EntryContext, Finding, Findings};
use super::view::{self, EntryView};
use crate::json::Target;
use crate::text::quoted;
use unicode_normalization::{IsNormalized, is_nfc_quick};

pub(crate) const CODE: super::RuleCode = super::RuleCode::NameNotNfc;

/// The entry's name and aliases: `None` for the name, `Some(i)` for alias i.
pub(crate) fn names<'a>(ctx: &EntryContext<'a>) -> impl Iterator<Item = (Option<usize>, &'a str)> {
    let entry = ctx.entry();
    let name = entry.name().map(|n| (None, n));
    let aliases = entry
        .aliases()
        .iter()
        .enumerate()
        .filter_map(|(i, a)| a.as_str().map(|a| (Some(i), a)));
    name.into_iter().chain(aliases)
}

/// The JSON Pointer of a name from [`names`].
pub(crate) fn name_pointer(alias: Option<usize>) -> String {
    let at = |key| view::pointer(EntryView::AT, &[], key);
    alias.map_or_else(
        || at(EntryView::NAME),
        |i| format!("{}/{i}", at(EntryView::ALIASES)),
    )
}

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    for (alias, name) in names(ctx) {
        if name.is_ascii() {
            continue; // ASCII is always NFC.
        }
        let normalized = match is_nfc_quick(name.chars()) {
            IsNormalized::Yes => true,
            _ => unicode_normalization::is_nfc(name),
        };
        if !normalized {
            out.push(
                Finding::new(CODE, Target::value(name_pointer(alias)), format!("{} is not in Unicode NFC", quoted(name)))
                    .label("not NFC")
                    .help("write accented letters as single characters (NFC) so the name compares equal to itself"),
            );
        }
    }
}
