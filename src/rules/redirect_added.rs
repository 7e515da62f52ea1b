//! # redirect-added
//!
//! ## What it catches
//! With `icelist lint --changed-since REV`: a redirect added to `dataset/redirects.json`, or one
//! that changed (its target, reason, date or note), since REV; and a redirect removed from the
//! table. An entry removed or renamed with a redirect for its old id that the same change adds
//! is reported here instead of as `entry-removed` or `id-changed`; a redirect that was already
//! there excuses no removal. A maintainer's approval (`--allow-redirect`, which the
//! dataset workflow passes when the `redirect-approved` label holds for the reviewed commit)
//! lets an added or changed redirect through; a removed one is never let through.
//!
//! ## Why it matters
//! A merge or a rename takes an id away from downstream projects: their copy of the old entry
//! now resolves to another company's record. Only a maintainer who read both entries may say
//! that they are one company, or that the id had to change. A removed redirect strands every
//! project that kept the old id.
//!
//! ## Example
//! A pull request that deletes `dataset/acme.json` and adds
//! `"acme": { "to": "acme-widgets", "reason": "merged", "date": "2026-05-01" }`.
//!
//! ## Use instead
//! The same change, approved by a maintainer with the label `redirect-approved`.
//!
//! ## Fix
//! Not automatic: ask a maintainer to approve the merge or rename.

use super::Finding;
use crate::json::{Target, escape_pointer_token};
use crate::model::Redirect;
use crate::text::quoted;

pub(crate) const CODE: super::RuleCode = super::RuleCode::RedirectAdded;

/// The findings for the redirect table at the base (`before`) and now: every redirect added
/// or changed, unless a maintainer approved them (`approved`), and every redirect removed,
/// which no approval excuses.
pub(crate) fn check(
    before: &crate::model::Redirects,
    now: &crate::model::Redirects,
    approved: bool,
    base: &str,
) -> Vec<Finding> {
    let mut found = Vec::new();
    for (old, redirect) in now.iter() {
        let was = before.get(old);
        // The note and the date are published too: any change is a maintainer's.
        if was != Some(redirect) && !approved {
            found.push(added(old, was, redirect, base));
        }
    }
    for (old, was) in before.iter() {
        if now.get(old).is_none() {
            found.push(removed(old, was, base));
        }
    }
    found
}

/// A redirect added (`before` is `None`) or changed, not yet approved.
fn added(old: &str, before: Option<&Redirect>, now: &Redirect, base: &str) -> Finding {
    let what = match before {
        None => format!(
            "{} now redirects to {} ({}) since {base}",
            quoted(old),
            quoted(&now.to),
            now.reason.as_str()
        ),
        Some(before) if before.to == now.to && before.reason == now.reason => format!(
            "the redirect of {} to {} changed its date or note since {base}",
            quoted(old),
            quoted(&now.to)
        ),
        Some(before) => format!(
            "the redirect of {} changed from {} ({}) to {} ({}) since {base}",
            quoted(old),
            quoted(&before.to),
            before.reason.as_str(),
            quoted(&now.to),
            now.reason.as_str()
        ),
    };
    Finding::new(
        CODE,
        Target::key(format!("/{}", escape_pointer_token(old))),
        format!("{what}: a merge or a rename needs a maintainer's approval"),
    )
    .label("needs approval")
    .help("a maintainer who has compared both entries adds the label `redirect-approved`")
}

/// A redirect that was in the table at the base and is gone.
fn removed(old: &str, before: &Redirect, base: &str) -> Finding {
    Finding::new(
        CODE,
        Target::bytes(0..0),
        format!(
            "the redirect of {} to {} at {base} was removed: projects that kept the old id can no longer resolve it",
            quoted(old),
            quoted(&before.to)
        ),
    )
    .help("keep the redirect; a published id resolves for good")
}
