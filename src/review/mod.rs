//! `icelist diff`: what a change means for the data, not which lines moved. Entries are keyed by
//! id; fields compare by path; lists compare by identity (sources by normalized URL, else title
//! and publisher, so a renumbering is `[5] → [6]`; aliases, industry and agencies as sets).

mod compare;
pub mod renames;
mod render;

pub use compare::compare_entries;
pub use render::{TextOptions, json, markdown, text};

use crate::error::Result;
use crate::git::{ChangeStatus, DatasetRepo, Side};
use serde::Serialize;
use serde_json::Value;
use crate::view::{self, BoycottView, ClaimView, EntryView, VerificationView};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryChange {
    Added,
    Removed,
    Modified,
    Renamed,
}

impl EntryChange {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryChange::Added => "added",
            EntryChange::Removed => "removed",
            EntryChange::Modified => "modified",
            EntryChange::Renamed => "renamed",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// One change inside an entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// JSON Pointer, on the new side where there is one.
    pub path: String,
    pub kind: ChangeKind,
    pub old: Option<Value>,
    pub new: Option<Value>,
    /// What a reader calls the thing (`source "Title"`), when the path alone does not say.
    #[serde(skip)]
    pub subject: Option<String>,
    /// The id of the claim the change is in (claims are matched by id, the path names the
    /// claim's place in the new entry).
    #[serde(skip)]
    pub claim: Option<String>,
    /// The id of the award the change is in (awards are matched by id within their claim).
    #[serde(skip)]
    pub award: Option<String>,
}

impl FieldChange {
    /// Whether this is a claim's `status` (`/claims/<n>/status`).
    pub(crate) fn is_claim_status(&self) -> bool {
        self.claim.is_some() && view::matches(&self.path, ClaimView::AT, ClaimView::STATUS)
    }

    /// The claim that this change makes disputed by one more response: its `disputed_by`
    /// gained an id.
    pub(crate) fn newly_disputed_claim(&self) -> Option<&str> {
        let count = |v: &Option<Value>| v.as_ref().and_then(Value::as_array).map_or(0, Vec::len);
        let gained = view::matches(&self.path, ClaimView::AT, ClaimView::DISPUTED_BY)
            && count(&self.new) > count(&self.old);
        self.claim.as_deref().filter(|_| gained)
    }
}

/// Whether `path` is the boycott's or the verification's status: with a claim's status
/// ([`FieldChange::is_claim_status`]), the transitions downstream projects act on, which the
/// review calls out first and the changelog lists.
pub(crate) fn is_status(path: &str) -> bool {
    view::matches(path, BoycottView::AT, BoycottView::STATUS)
        || view::matches(path, VerificationView::AT, VerificationView::STATUS)
}

/// One entry's change.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryDiff {
    pub id: String,
    pub change: EntryChange,
    pub file: Option<String>,
    pub old_file: Option<String>,
    pub changes: Vec<FieldChange>,
    /// A side that does not parse: reported, never skipped.
    pub errors: Vec<String>,
    /// The entry becomes verified (or is added verified) or gets a new verification date:
    /// what only a maintainer may do, decided by the rule `verification-changed` itself.
    pub changes_verification: bool,
}

impl EntryDiff {
    /// Changes downstream projects act on, called out first.
    pub(crate) fn transitions(&self) -> impl Iterator<Item = &FieldChange> {
        self.changes.iter().filter(|c| {
            (c.is_claim_status() || is_status(&c.path)) && c.kind == ChangeKind::Changed
        })
    }
}

/// Compares the dataset at `old` with `new` (a commit or the working tree).
pub fn review(repo: &DatasetRepo, old: git2::Oid, new: Side, limit: u64) -> Result<Vec<EntryDiff>> {
    if new == Side::WorkingTree {
        // Working-tree files are read by path: a linked dataset/ would lead outside.
        crate::checkout::require_real_folder(&repo.path_of(""), crate::dataset::DATASET_DIR)?;
    }
    let mut entries = Vec::new();
    let changes = renames::split_unrelated_renames(repo, repo.changed_files(old, new)?, new, limit);
    for change in changes {
        // The redirect table is not an entry (the changelog reads it on its own).
        if change.touches_redirect_table() {
            continue;
        }
        let old_side = change
            .old_blob
            .map(|oid| {
                repo.blob(oid, limit)
                    .map_err(|e| format!("cannot be read: {e}"))
            })
            .map(|r| r.and_then(|b| parse(&b)));
        let new_side = match (&change.new_file, new) {
            (None, _) => None,
            (Some(_), Side::Commit(_)) => Some(match change.new_blob {
                Some(oid) => repo
                    .blob(oid, limit)
                    .map_err(|e| format!("cannot be read: {e}"))
                    .and_then(|b| parse(&b)),
                None => Err("missing".into()),
            }),
            (Some(file), Side::WorkingTree) => {
                Some(read_worktree(&repo.path_of(file), limit).and_then(|b| parse(&b)))
            }
        };
        let stem = |f: &Option<String>| {
            f.as_deref()
                .map(|f| crate::dataset::entry_stem(f).to_owned())
        };
        let mut errors = Vec::new();
        let old_value = match old_side {
            Some(Ok(v)) => Some(v),
            Some(Err(e)) => {
                let file = change.old_file.as_deref().unwrap_or_default();
                errors.push(format!(
                    "the old version of {}: {e}",
                    crate::text::escape_untrusted(file)
                ));
                None
            }
            None => None,
        };
        let new_value = match new_side {
            Some(Ok(v)) => Some(v),
            Some(Err(e)) => {
                let file = change.new_file.as_deref().unwrap_or_default();
                errors.push(format!(
                    "the new version of {}: {e}",
                    crate::text::escape_untrusted(file)
                ));
                None
            }
            None => None,
        };
        let id_of = |v: &Option<Value>| {
            v.as_ref()
                .and_then(|v| v.get(EntryView::ID))
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        let (old_id, new_id) = (id_of(&old_value), id_of(&new_value));
        let id = new_id
            .clone()
            .or(old_id.clone())
            .or_else(|| stem(&change.new_file))
            .or_else(|| stem(&change.old_file))
            .unwrap_or_default();
        let mut kind = match change.status {
            ChangeStatus::Added => EntryChange::Added,
            ChangeStatus::Removed => EntryChange::Removed,
            ChangeStatus::Modified => EntryChange::Modified,
            ChangeStatus::Renamed => EntryChange::Renamed,
        };
        if kind == EntryChange::Modified && old_id.is_some() && new_id.is_some() && old_id != new_id
        {
            kind = EntryChange::Renamed;
        }
        let changes = compare_entries(old_value.as_ref(), new_value.as_ref());
        let changes_verification =
            verification_needs_approval(old_value.as_ref(), new_value.as_ref());
        if changes.is_empty() && errors.is_empty() && kind == EntryChange::Modified {
            continue; // Formatting only: the data did not change.
        }
        entries.push(EntryDiff {
            id: crate::text::escape_untrusted(&id),
            change: kind,
            file: change.new_file.clone(),
            old_file: if kind == EntryChange::Added {
                None
            } else {
                change.old_file.clone()
            },
            changes,
            errors,
            changes_verification,
        });
    }
    entries.sort_by(|a, b| a.id.cmp(&b.id).then(a.file.cmp(&b.file)));
    Ok(entries)
}

fn read_worktree(path: &std::path::Path, limit: u64) -> std::result::Result<Vec<u8>, String> {
    crate::checkout::read_regular_file(path, limit)
        .map(|file| file.bytes)
        .map_err(|e| format!("cannot be read: {e}"))
}

/// Every entry at `commit`, as added to an empty dataset (the first release's changelog).
pub fn everything_added(
    repo: &DatasetRepo,
    commit: git2::Oid,
    limit: u64,
) -> Result<Vec<EntryDiff>> {
    let mut entries = Vec::new();
    let Some((_, files)) = repo.dataset_tree(commit)? else {
        return Ok(entries);
    };
    for (name, oid, _) in files {
        if !crate::rules::file_name::is_entry_file_name(&name) {
            continue;
        }
        let file = format!("{}/{name}", crate::dataset::DATASET_DIR);
        let parsed = repo
            .blob(oid, limit)
            .map_err(|e| format!("cannot be read: {e}"))
            .and_then(|b| parse(&b));
        let stem = crate::dataset::entry_stem(&file).to_owned();
        let (changes, errors, id, changes_verification) = match parsed {
            Ok(value) => {
                let id = value
                    .get(EntryView::ID)
                    .and_then(Value::as_str)
                    .map_or(stem, str::to_owned);
                let verifies = verification_needs_approval(None, Some(&value));
                (compare_entries(None, Some(&value)), Vec::new(), id, verifies)
            }
            Err(e) => (
                Vec::new(),
                vec![format!("{}: {e}", crate::text::escape_untrusted(&file))],
                stem,
                false,
            ),
        };
        entries.push(EntryDiff {
            id,
            change: EntryChange::Added,
            file: Some(file),
            old_file: None,
            changes,
            errors,
            changes_verification,
        });
    }
    entries.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(entries)
}

/// Whether going from `old` (`None`: added) to `new` (`None`: removed) changes verification in
/// the way `verification-changed` reports.
pub(crate) fn verification_needs_approval(old: Option<&Value>, new: Option<&Value>) -> bool {
    use crate::rules::verification_changed::{VerificationState, change};
    new.is_some_and(|new| {
        let old = old.map(VerificationState::of);
        change(old.as_ref(), &VerificationState::of(new)).is_some()
    })
}

pub(crate) fn parse(bytes: &[u8]) -> std::result::Result<Value, String> {
    crate::load::read(bytes, |parsed| parsed.to_value()).map_err(|failure| match failure {
        crate::load::LoadFailure::NotUtf8 { .. } => {
            "does not parse: it is not valid UTF-8".to_owned()
        }
        crate::load::LoadFailure::Syntax(e) => format!(
            "does not parse: {}",
            crate::text::escape_untrusted(&e.to_string())
        ),
    })
}
