//! # verification-changed
//!
//! ## What it catches
//! With `icelist lint --changed-since REV`: an entry whose `verification.status` becomes
//! `verified`, or whose `verification.date` changes (set, changed or removed) while it stays
//! verified or partially verified, since REV; an entry added as `verified` counts as becoming
//! verified. Becoming unverified needs no approval. A maintainer's approval
//! (`--allow-verification-change`, which the dataset workflow passes when the
//! `verification-approved` label holds for the reviewed commit) lets the change through; the
//! review still runs with the base revision's tool.
//!
//! ## Why it matters
//! "Verified" tells readers and the companies named that a maintainer checked every claim
//! against its sources. A contributor who marks their own entry verified has verified nothing;
//! only a maintainer may say it, and the date says when.
//!
//! ## Example
//! A pull request that adds `dataset/acme-widgets.json` with
//! `"verification": { "status": "verified", "date": "2026-06-01" }`.
//!
//! ## Use instead
//! `"verification": { "status": "unverified" }`; a maintainer verifies the entry and approves
//! the change.
//!
//! ## Fix
//! Not automatic: ask a maintainer to verify the entry.

use super::Finding;
use super::view::{self, EntryView, VerificationView};
use crate::json::Target;

pub(crate) const CODE: super::RuleCode = super::RuleCode::VerificationChanged;

/// What an entry's `verification` says, as far as this rule reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct VerificationState {
    pub status: Option<String>,
    pub date: Option<String>,
}

impl VerificationState {
    pub(crate) fn of(entry: &serde_json::Value) -> Self {
        let text = |key: &str| {
            entry
                .get(EntryView::VERIFICATION)
                .and_then(|verification| verification.get(key))
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned)
        };
        VerificationState {
            status: text(VerificationView::STATUS),
            date: text(VerificationView::DATE),
        }
    }
}

/// How an entry's verification changed in a way only a maintainer may change it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum VerificationChange {
    AddedVerified,
    /// It becomes verified; its status before.
    BecomesVerified(Option<String>),
    /// A new verification date (set, changed or removed) on an entry that stays (partially)
    /// verified; the dates before and after.
    NewDate(Option<String>, Option<String>),
}

/// The change from `old` (`None`: the entry is new) to `new` that needs a maintainer, if any.
pub(crate) fn change(
    old: Option<&VerificationState>,
    new: &VerificationState,
) -> Option<VerificationChange> {
    let verified_now = new.status.as_deref() == Some("verified");
    match old {
        None if verified_now => Some(VerificationChange::AddedVerified),
        None => None,
        Some(old) if verified_now && old.status.as_deref() != Some("verified") => {
            Some(VerificationChange::BecomesVerified(old.status.clone()))
        }
        // Withdrawing a verification needs no one's approval; a date on an entry that stays
        // (partially) verified says a verification happened, and only a maintainer says that.
        Some(old) if old.date != new.date && new.status.as_deref() != Some("unverified") => {
            Some(VerificationChange::NewDate(old.date.clone(), new.date.clone()))
        }
        Some(_) => None,
    }
}

/// The finding for an entry whose verification changed from `old` (`None`: the entry is new)
/// to `new` without approval, if it did change in a way that needs one.
pub(crate) fn finding(
    old: Option<&VerificationState>,
    new: &VerificationState,
    base: &str,
) -> Option<Finding> {
    let help = "only a maintainer verifies an entry: ask one to check it and add the label verification-approved";
    Some(match change(old, new)? {
        VerificationChange::AddedVerified => Finding::new(
            CODE,
            Target::value(view::pointer(VerificationView::AT, &[], VerificationView::STATUS)),
            "the entry is added as verified: only a maintainer verifies an entry",
        )
        .label("added as verified")
        .help(help),
        VerificationChange::BecomesVerified(before) => Finding::new(
            CODE,
            Target::value(view::pointer(VerificationView::AT, &[], VerificationView::STATUS)),
            format!(
                "the entry becomes verified (it was {} at {base}): only a maintainer verifies an entry",
                before.as_deref().unwrap_or("without a status")
            ),
        )
        .label("becomes verified")
        .help(help),
        VerificationChange::NewDate(before, after) => {
            let shown = |date: &Option<String>| {
                date.as_deref()
                    .map_or_else(|| "none".to_owned(), crate::text::escape_untrusted)
            };
            let target = if after.is_some() {
                Target::value(view::pointer(VerificationView::AT, &[], VerificationView::DATE))
            } else {
                Target::value(view::pointer(VerificationView::AT, &[], ""))
            };
            Finding::new(
                CODE,
                target,
                format!(
                    "the verification date changes from {} (at {base}) to {}: only a maintainer records a verification",
                    shown(&before),
                    shown(&after)
                ),
            )
            .label("verification date changed")
            .help(help)
        }
    })
}
