//! # entry-removed
//!
//! ## What it catches
//! With `icelist lint --changed-since REV`: an entry present at REV (the merge base of REV and
//! HEAD) that is gone from the working tree, or whose file now describes another company (no
//! name, alias, identifier or source in common with the old version: its id reused).
//!
//! ## Why it matters
//! Downstream projects key on ids. A deleted entry breaks their joins and erases the public
//! record of why the company was listed.
//!
//! ## Example
//! A pull request that deletes `dataset/acme-widgets.json`, or rewrites it for Example Holdings
//! 00042.
//!
//! ## Use instead
//! ```json
//! "boycott": { "status": "delisted", "reason": "The contract ended in 2026 [4]." }
//! ```
//!
//! ## Fix
//! Not automatic: restore the file and delist the entry.

use super::Finding;
use crate::json::Target;

pub(crate) const CODE: super::RuleCode = super::RuleCode::EntryRemoved;

/// The finding for the entry file `old_file` that a change removes. None when the same change
/// adds a redirect for its id (`redirect_added`: a merge or a rename, which `redirect-added`
/// reports); a redirect that was already there excuses nothing (an old id reused as an entry,
/// then deleted, is still an entry deleted). `added_back`: the change adds a file at the same
/// path, so the id now names another company.
pub(crate) fn check(
    old_file: &str,
    added_back: bool,
    redirect_added: &dyn Fn(&str) -> bool,
    base: &str,
) -> Option<Finding> {
    let id = crate::dataset::entry_stem(old_file);
    if redirect_added(id) {
        return None;
    }
    Some(if added_back {
        reused(id, base)
    } else {
        finding(id, base)
    })
}

/// The file holds another company than at the base (no name, alias, identifier or source in
/// common): the old entry is gone just the same, and its id now names someone else.
fn reused(id: &str, base: &str) -> Finding {
    Finding::new(
        CODE,
        Target::bytes(0..0),
        format!(
            "the entry {} at {base} now describes another company (no name, alias, identifier or source in common): downstream projects key on its id",
            crate::text::quoted(id)
        ),
    )
    .help("give the new company its own file and id; keep the old entry, delisted with a reason if it no longer belongs on the list")
}

fn finding(id: &str, base: &str) -> Finding {
    Finding::new(
        CODE,
        Target::bytes(0..0),
        format!("the entry {} existed at {base} and was deleted: downstream projects key on its id", crate::text::quoted(id)),
    )
    .help("restore the file and set boycott.status to \"delisted\" with a reason, instead of deleting it")
}
