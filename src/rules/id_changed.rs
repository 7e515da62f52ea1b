//! # id-changed
//!
//! ## What it catches
//! With `icelist lint --changed-since REV`: an entry whose `id` changed, or whose file was
//! renamed, since REV.
//!
//! ## Why it matters
//! The id is the stable key downstream projects join on. A new id is, to them, one company
//! deleted and another added.
//!
//! ## Example
//! `dataset/acme.json` renamed to `dataset/acme-widgets.json`, with `"id"` changed to match.
//!
//! ## Use instead
//! Keep the id; put the new name in `name` and the old one in `aliases`.
//!
//! ## Fix
//! Not automatic.

use super::Finding;
use super::view::{self, EntryView};
use crate::json::Target;
use crate::text::quoted;

pub(crate) const CODE: super::RuleCode = super::RuleCode::IdChanged;

/// The finding for the entry file `new_file` of a change, whose entry had the id `old_id` at
/// the base (when it parsed) and lived at `old_file`. None when the id is kept, or when it
/// changed together with a redirect from the old id that this change adds (a rename, which
/// the redirect table's check reports). `moved`: the change moved the file to another path.
pub(crate) fn check(
    old_id: Option<&str>,
    old_file: Option<&str>,
    new_file: &str,
    moved_file: bool,
    redirect_added: &dyn Fn(&str) -> bool,
    base: &str,
) -> Option<Finding> {
    let new_stem = crate::dataset::entry_stem(new_file);
    match (old_id, old_file) {
        (Some(old_id), _) if old_id != new_stem && redirect_added(old_id) => None,
        (Some(old_id), _) if old_id != new_stem => Some(finding(old_id, new_stem, base)),
        (_, Some(old_file)) if moved_file => Some(moved(
            &crate::text::escape_untrusted(old_file),
            &crate::text::escape_untrusted(new_file),
            base,
        )),
        _ => None,
    }
}

fn finding(old_id: &str, new_id: &str, base: &str) -> Finding {
    Finding::new(
        CODE,
        Target::value(view::pointer(EntryView::AT, &[], EntryView::ID)),
        format!(
            "the entry {} at {base} is now {}: a published id never changes",
            quoted(old_id),
            quoted(new_id)
        ),
    )
    .label("id changed")
    .help(format!(
        "keep the id {} and record the new name in `name` or `aliases`",
        quoted(old_id)
    ))
}

/// The entry kept its id, but its file moved (into a subfolder, say).
fn moved(old_file: &str, new_file: &str, base: &str) -> Finding {
    Finding::new(
        CODE,
        Target::value(view::pointer(EntryView::AT, &[], EntryView::ID)),
        format!(
            "the entry file {} at {base} moved to {}: a published entry stays at dataset/<id>.json",
            quoted(old_file),
            quoted(new_file)
        ),
    )
    .label("file moved")
    .help(format!("move it back to {}", quoted(old_file)))
}
