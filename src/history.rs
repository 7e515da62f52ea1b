//! When each entry appeared and when its data last changed, from the git history: one walk of
//! the commits from the first to HEAD along first parents (the branch as it was merged into).
//! A change counts when `icelist diff` reports one between a commit and its parent, so
//! reformatting a file or renumbering its sources alone does not move `last_changed`; a rename
//! (git's, or the id changed in place) carries the entry's history to its new id; a removal
//! forgets it, so an id used again later starts a new history. Dates are the commits' committer
//! dates (UTC): the same commit always gives the same history.

use crate::error::Result;
use crate::git::{ChangeStatus, DatasetRepo, Side};
use serde::Serialize;
use std::collections::BTreeMap;

/// One entry's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryHistory {
    /// The date of the commit where the entry first appeared (under this id or one it was
    /// renamed from).
    pub first_seen: String,
    pub first_commit: String,
    /// The date of the last commit that changed its data.
    pub last_changed: String,
    pub last_commit: String,
}

/// Every entry's history at one commit, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct History {
    pub version: u32,
    /// The commit the history ends at.
    pub commit: Option<String>,
    /// `false` when the walk did not reach the first commit (a shallow clone) or there is no
    /// history at all (not a git checkout): dates are then missing or later than the truth.
    pub complete: bool,
    /// Why the history is not complete.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub entries: BTreeMap<String, EntryHistory>,
}

impl History {
    /// No history: a checkout without git.
    pub fn unavailable(note: &str) -> Self {
        History {
            version: 1,
            commit: None,
            complete: false,
            note: Some(note.to_owned()),
            entries: BTreeMap::new(),
        }
    }

    pub fn get(&self, id: &str) -> Option<&EntryHistory> {
        self.entries.get(id)
    }
}

/// The entry's id in `bytes`, else the file's stem (a file that does not parse still names an
/// entry by its file name, as `file-name` requires).
fn id_of(bytes: &[u8], file: Option<&str>) -> String {
    crate::load::read(bytes, |parsed| {
        parsed
            .tree
            .get("id")
            .and_then(crate::json::Node::as_str)
            .map(str::to_owned)
    })
    .ok()
    .flatten()
    .unwrap_or_else(|| crate::dataset::entry_stem(file.unwrap_or_default()).to_owned())
}

/// For each id that arrived in `commit` as the table's `renamed` target of an id that left in
/// the same commit, the first appearance of the old entry.
fn carry_renames(
    repo: &DatasetRepo,
    commit: git2::Oid,
    limit: u64,
    gone: &BTreeMap<String, EntryHistory>,
    arrived: &[String],
    entries: &mut BTreeMap<String, EntryHistory>,
) {
    let Ok(table) = repo.redirects_at(commit, limit) else {
        return;
    };
    for (old, redirect) in table.iter() {
        let (Some(before), true) = (gone.get(old), arrived.contains(&redirect.to)) else {
            continue;
        };
        if redirect.reason != crate::model::RedirectReason::Renamed {
            continue;
        }
        if let Some(record) = entries.get_mut(&redirect.to) {
            record.first_seen = before.first_seen.clone();
            record.first_commit = before.first_commit.clone();
        }
    }
}

/// The entries' history (`history.json`) from the repository the dataset at `root` is in;
/// none, and said so in the file, for a checkout without git or without a commit.
pub fn of_checkout(root: &std::path::Path, limit: u64) -> Result<History> {
    let Ok(repo) = DatasetRepo::open(root) else {
        return Ok(History::unavailable(
            "not a git checkout: the build has no history",
        ));
    };
    match repo.head() {
        Ok(head) => walk(&repo, head, limit),
        Err(_) => Ok(History::unavailable("the repository has no commit")),
    }
}

/// The history of every entry at `head`.
pub fn walk(repo: &DatasetRepo, head: git2::Oid, limit: u64) -> Result<History> {
    let (chain, whole) = repo.first_parent_chain(head)?;
    let mut entries: BTreeMap<String, EntryHistory> = BTreeMap::new();
    let stamp = |oid: git2::Oid| -> (String, String) {
        let date = repo
            .commit_date(oid)
            .map(|d| d.to_string())
            .unwrap_or_default();
        (date, oid.to_string())
    };
    let Some(&first) = chain.first() else {
        return Ok(History::unavailable("the repository has no commit"));
    };
    let (date, sha) = stamp(first);
    if let Some((_, files)) = repo.dataset_tree(first)?
        && !date.is_empty()
    {
        let entry_files = files
            .iter()
            .filter(|(n, _, _)| n.ends_with(".json") && n != crate::model::REDIRECTS_FILE_NAME);
        for (name, blob, _) in entry_files {
            // A file too large to read is named by its file name, as later additions are.
            let bytes = repo.blob(*blob, limit).unwrap_or_default();
            entries.insert(
                id_of(&bytes, Some(name)),
                EntryHistory {
                    first_seen: date.clone(),
                    first_commit: sha.clone(),
                    last_changed: date.clone(),
                    last_commit: sha.clone(),
                },
            );
        }
    }
    let mut parent = first;
    let mut parent_tree = repo.dataset_tree_id(first)?;
    for &commit in chain.iter().skip(1) {
        // Most commits leave dataset/ alone: its tree id says so without a diff. Each tree id
        // is read once, and serves as the next commit's parent's.
        let tree = repo.dataset_tree_id(commit)?;
        let unchanged = tree == parent_tree;
        parent_tree = tree;
        let parent = std::mem::replace(&mut parent, commit);
        if unchanged {
            continue;
        }
        let (date, sha) = stamp(commit);
        // A commit dated beyond what a date can say (year 10000): its changes go unrecorded
        // rather than undated.
        if date.is_empty() {
            continue;
        }
        let changes = crate::review::renames::split_unrelated_renames(
            repo,
            repo.changed_files(parent, Side::Commit(commit))?,
            Side::Commit(commit),
            limit,
        );
        let read = |blob: Option<git2::Oid>| blob.and_then(|b| repo.blob(b, limit).ok());
        // Entries removed and added in this commit: a rename the table records (the old file
        // deleted, the new one added) carries the old entry's first appearance over.
        let mut gone: BTreeMap<String, EntryHistory> = BTreeMap::new();
        let mut arrived: Vec<String> = Vec::new();
        let mut table_changed = false;
        for change in changes {
            if change.touches_redirect_table() {
                table_changed = true;
                continue;
            }
            let file = change.new_file.as_deref().or(change.old_file.as_deref());
            if !file.is_some_and(|f| f.ends_with(".json")) {
                continue;
            }
            let seen = EntryHistory {
                first_seen: date.clone(),
                first_commit: sha.clone(),
                last_changed: date.clone(),
                last_commit: sha.clone(),
            };
            match change.status {
                ChangeStatus::Added => {
                    let bytes = read(change.new_blob).unwrap_or_default();
                    let id = id_of(&bytes, change.new_file.as_deref());
                    arrived.push(id.clone());
                    entries.insert(id, seen);
                }
                ChangeStatus::Removed => {
                    let bytes = read(change.old_blob).unwrap_or_default();
                    let id = id_of(&bytes, change.old_file.as_deref());
                    if let Some(record) = entries.remove(&id) {
                        gone.insert(id, record);
                    }
                }
                ChangeStatus::Modified | ChangeStatus::Renamed => {
                    let old_bytes = read(change.old_blob).unwrap_or_default();
                    let new_bytes = read(change.new_blob).unwrap_or_default();
                    let old_id = id_of(&old_bytes, change.old_file.as_deref());
                    let new_id = id_of(&new_bytes, change.new_file.as_deref());
                    let parse = |b: &[u8]| crate::review::parse(b).ok();
                    let changed = old_id != new_id
                        || !crate::review::compare_entries(
                            parse(&old_bytes).as_ref(),
                            parse(&new_bytes).as_ref(),
                        )
                        .is_empty();
                    if !changed {
                        continue;
                    }
                    let mut record = entries.remove(&old_id).unwrap_or(seen);
                    record.last_changed = date.clone();
                    record.last_commit = sha.clone();
                    entries.insert(new_id, record);
                }
            }
        }
        if table_changed && !gone.is_empty() && !arrived.is_empty() {
            carry_renames(repo, commit, limit, &gone, &arrived, &mut entries);
        }
    }
    Ok(History {
        version: 1,
        commit: Some(head.to_string()),
        complete: whole,
        note: (!whole).then(|| {
            "a shallow clone: the history starts at its oldest commit, so first_seen is that commit's date or later than the truth".to_owned()
        }),
        entries,
    })
}
