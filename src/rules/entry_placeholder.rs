//! # entry-placeholder
//!
//! ## What it catches
//! A placeholder that `icelist new` wrote and nobody replaced: any string that starts with
//! `TODO`.
//!
//! ## Why it matters
//! `icelist new` creates an entry with every required field so contributors see what to fill
//! in. An unfinished entry must not pass CI and be published with placeholder text.
//!
//! ## Example
//! ```json
//! "headquarters": "TODO: city, state, country, as the sources give it"
//! ```
//!
//! ## Use instead
//! ```json
//! "headquarters": "Springfield, Oregon, United States"
//! ```
//!
//! ## Fix
//! Not automatic: fill in the value from a source, or remove an optional field.

use super::{EntryContext, Finding, Findings};
use crate::json::Node;
use crate::json::Target;
use crate::json::walk::walk;
use crate::text::quoted;

pub(crate) const CODE: super::RuleCode = super::RuleCode::EntryPlaceholder;

/// What `icelist new` writes in every field a person must fill in.
pub(crate) const PREFIX: &str = "TODO";

/// [`PREFIX`] after the quote that opens a JSON string.
const QUOTED: &str = "\"TODO";

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    // The text proves most entries free of placeholders without visiting every string.
    static QUOTED_PREFIX: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(QUOTED));
    if !ctx.may_hold_string_starting_with(&QUOTED_PREFIX) {
        return;
    }
    walk(ctx.value, |path, value| {
        if let Node::String(s) = value
            && s.starts_with(PREFIX)
        {
            let pointer = path.pointer();
            out.push(
                Finding::new(CODE, Target::value(pointer.clone()), format!("placeholder {} still to be filled in at `{pointer}`", quoted(s)))
                    .label("placeholder")
                    .help("replace the placeholder with the value from a source (or remove an optional field)"),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_quoted_prefix_is_the_prefix_after_a_quote() {
        assert_eq!(super::QUOTED, format!("\"{}", super::PREFIX));
    }
}
