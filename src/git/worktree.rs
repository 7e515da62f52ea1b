//! Which entry files differ between a commit and the working tree, as `git status` would say,
//! at the cost of one `lstat` per tracked entry file on every thread.
//!
//! Why not libgit2's workdir diff: it walks the working tree on one thread, listing every
//! directory and stat-ing every entry by its full path. At 100,000 entries that was 85% of a
//! `lint --changed-since` (the profile says so), four times `git diff --name-only`, which
//! compares the stat data cached in the index on several threads. This does the same:
//!
//! 1. base tree → index: libgit2's tree-to-index diff (no file system access);
//! 2. index → working tree: each tracked file's `lstat` against the index's cached stat data,
//!    in parallel; where they differ, or where the file is racily clean (modified in the same
//!    second the index was written, so the stat data cannot tell), the content is hashed and
//!    compared with the index's blob id;
//! 3. untracked files: one listing of `dataset/`, names the index does not hold and that are
//!    not ignored;
//! 4. renames: a removed and an added file whose contents are at least half the same lines.

use super::{ChangeStatus, DatasetRepo, FileChange};
use crate::dataset::DATASET_DIR;
use crate::error::{Error, Result};
use git2::{DiffOptions, Oid, Tree};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// Git's modes, as the working tree's files would be recorded.
const MODE_FILE: u32 = 0o100644;
const MODE_EXECUTABLE: u32 = 0o100755;
const MODE_LINK: u32 = 0o120000;
const MODE_DIR: u32 = 0o040000;

/// Index extended flags (see git's `Documentation/gitformat-index.txt`).
const SKIP_WORKTREE: u16 = 1 << 14;
const INTENT_TO_ADD: u16 = 1 << 13;

/// Beyond this many removed × added pairs, renames are not looked for (as git's rename limit).
const RENAME_PAIRS_LIMIT: usize = 10_000;

/// A tracked file as the index records it.
struct Tracked {
    path: String,
    id: Oid,
    mode: u32,
    size: u32,
    mtime: (i32, u32),
    ino: u32,
    /// Skip-worktree entries are unchanged by definition; conflicted ones always changed.
    skip_worktree: bool,
    conflicted: bool,
    intent_to_add: bool,
}

/// A file of the working tree, compared with the index.
enum Worktree {
    Unchanged,
    Changed { mode: u32 },
    Missing,
}

/// What one path looks like on each side.
#[derive(Default)]
struct PathState {
    /// Blob and mode in the base tree.
    base: Option<(Oid, u32)>,
    /// The index differs from the base (staged change).
    staged: bool,
    /// Mode in the working tree, if the file is there.
    work_mode: Option<u32>,
    /// The working tree differs from the index.
    work_changed: bool,
}

fn git_mode(metadata: &std::fs::Metadata) -> u32 {
    let kind = metadata.file_type();
    if kind.is_symlink() {
        MODE_LINK
    } else if kind.is_dir() {
        MODE_DIR
    } else if crate::checkout::is_executable(metadata) {
        MODE_EXECUTABLE
    } else {
        MODE_FILE
    }
}

/// The stat data git keeps: (mtime seconds, nanoseconds, inode), truncated as the index does.
#[cfg(unix)]
fn stat_data(metadata: &std::fs::Metadata) -> (i64, u32, u32) {
    use std::os::unix::fs::MetadataExt;
    (
        metadata.mtime(),
        metadata.mtime_nsec() as u32,
        metadata.ino() as u32,
    )
}

#[cfg(not(unix))]
fn stat_data(metadata: &std::fs::Metadata) -> (i64, u32, u32) {
    let since = metadata
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .unwrap_or_default();
    (since.as_secs() as i64, since.subsec_nanos(), 0)
}

impl DatasetRepo {
    /// Entry files that differ from `base` in the working tree (staged or not, and untracked).
    pub(super) fn changed_in_worktree(&self, base: &Tree<'_>) -> Result<Vec<FileChange>> {
        let git_error = |source| Error::GitFailed {
            what: "cannot read the index".into(),
            source,
        };
        let index = self.repo.index().map_err(git_error)?;
        let dataset_prefix = format!("{}{DATASET_DIR}/", self.prefix);
        let mut states: BTreeMap<String, PathState> = BTreeMap::new();

        // 1. Base tree against the index.
        let mut options = DiffOptions::new();
        options.pathspec(&dataset_prefix).include_typechange(true);
        let staged = self
            .repo
            .diff_tree_to_index(Some(base), Some(&index), Some(&mut options))
            .map_err(git_error)?;
        for delta in staged.deltas() {
            let old = delta.old_file();
            let new = delta.new_file();
            let Some(path) = new.path().or(old.path()) else {
                continue;
            };
            let state = states
                .entry(path.to_string_lossy().replace('\\', "/"))
                .or_default();
            state.staged = true;
            if old.exists() {
                state.base = Some((old.id(), u32::from(old.mode())));
            }
        }

        // 2. Index against the working tree.
        let tracked: Vec<Tracked> = index
            .iter()
            .filter(|e| e.path.starts_with(dataset_prefix.as_bytes()))
            .map(|e| Tracked {
                path: String::from_utf8(e.path)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
                id: e.id,
                mode: e.mode,
                size: e.file_size,
                mtime: (e.mtime.seconds(), e.mtime.nanoseconds()),
                ino: e.ino,
                skip_worktree: e.flags_extended & SKIP_WORKTREE != 0,
                conflicted: (e.flags >> 12) & 3 != 0,
                intent_to_add: e.flags_extended & INTENT_TO_ADD != 0,
            })
            .collect();
        // Files written in the same second as the index (or later) are racily clean: their
        // stat data may match though their content changed.
        let index_written = std::fs::metadata(self.repo.path().join("index"))
            .ok()
            .map(|m| stat_data(&m).0);
        let workdir = self.workdir.as_path();
        let worktree: Vec<Worktree> = tracked
            .par_iter()
            .map(|file| compare_with_index(workdir, file, index_written))
            .collect();
        for (file, work) in tracked.iter().zip(worktree) {
            let staged = states.contains_key(&file.path);
            if !staged && matches!(work, Worktree::Unchanged) {
                continue;
            }
            let state = states.entry(file.path.clone()).or_default();
            if !state.staged {
                // Not staged: the base holds what the index holds.
                state.base = (!file.intent_to_add).then_some((file.id, file.mode));
            }
            match work {
                Worktree::Unchanged => state.work_mode = Some(file.mode),
                Worktree::Changed { mode } => {
                    state.work_mode = Some(mode);
                    state.work_changed = true;
                }
                Worktree::Missing => state.work_changed = true,
            }
        }

        // 3. Untracked files.
        // Tracked names inside `dataset/`: a hash set, since a binary search over 100,000
        // scattered paths was a third of this function's time (cache misses).
        let tracked_names: HashSet<&str> = tracked
            .iter()
            .filter_map(|t| t.path.get(dataset_prefix.len()..))
            .collect();
        let is_tracked = |name: &str| tracked_names.contains(name);
        let dataset_dir = self.workdir.join(&self.prefix).join(DATASET_DIR);
        if let Ok(listing) = std::fs::read_dir(&dataset_dir) {
            for item in listing.flatten() {
                let name = item.file_name();
                let name = name.to_string_lossy();
                if is_tracked(&name) {
                    continue;
                }
                let path = format!("{dataset_prefix}{name}");
                if self.repo.is_path_ignored(&path).unwrap_or(false) {
                    continue;
                }
                let Ok(metadata) = item.path().symlink_metadata() else {
                    continue;
                };
                let state = states.entry(path).or_default();
                state.work_mode = Some(git_mode(&metadata));
                state.work_changed = true;
            }
        }

        // 4. Compose, then pair removals with additions.
        let mut changes = Vec::new();
        for (path, state) in states {
            let Some(file) = path.strip_prefix(&self.prefix).map(str::to_owned) else {
                continue;
            };
            let (status, old_file, new_file) = match (state.base, state.work_mode) {
                (None, None) => continue,
                (None, Some(_)) => (ChangeStatus::Added, None, Some(file)),
                (Some(_), None) => (ChangeStatus::Removed, Some(file), None),
                (Some(_), Some(_)) if state.staged || state.work_changed => {
                    (ChangeStatus::Modified, Some(file.clone()), Some(file))
                }
                (Some(_), Some(_)) => continue,
            };
            changes.push(FileChange {
                status,
                old_file,
                new_file,
                old_blob: state.base.map(|(id, _)| id),
                new_blob: None,
                new_mode: state.work_mode.unwrap_or(0),
            });
        }
        Ok(self.pair_renames(changes))
    }
}

/// A tracked file in the working tree against its index entry.
fn compare_with_index(workdir: &Path, file: &Tracked, index_written: Option<i64>) -> Worktree {
    if file.skip_worktree {
        return Worktree::Unchanged;
    }
    let path = workdir.join(&file.path);
    let Ok(metadata) = path.symlink_metadata() else {
        return Worktree::Missing;
    };
    let mode = git_mode(&metadata);
    if mode != file.mode || file.conflicted || file.intent_to_add {
        return Worktree::Changed { mode };
    }
    let (seconds, nanoseconds, ino) = stat_data(&metadata);
    // git writes 0 nanoseconds when built without sub-second times: compare them only
    // when the index has them.
    let same_stat = metadata.len() as u32 == file.size
        && seconds == i64::from(file.mtime.0)
        && (file.mtime.1 == 0 || nanoseconds == file.mtime.1)
        && (file.ino == 0 || ino == file.ino);
    let racy = index_written.is_none_or(|written| seconds >= written);
    if same_stat && !racy {
        return Worktree::Unchanged;
    }
    if mode == MODE_FILE || mode == MODE_EXECUTABLE {
        // Only the hash is kept: the content is never shown from here.
        if git2::Oid::hash_file(git2::ObjectType::Blob, &path).is_ok_and(|id| id == file.id) {
            return Worktree::Unchanged;
        }
    }
    Worktree::Changed { mode }
}

impl DatasetRepo {
    /// Pairs removed and added files whose contents share at least half their lines into
    /// renames, best matches first (libgit2's rename detection does the same for commits).
    fn pair_renames(&self, changes: Vec<FileChange>) -> Vec<FileChange> {
        let removed: Vec<usize> = (0..changes.len())
            .filter(|&i| changes[i].status == ChangeStatus::Removed)
            .collect();
        let added: Vec<usize> = (0..changes.len())
            .filter(|&i| changes[i].status == ChangeStatus::Added)
            .collect();
        if removed.is_empty()
            || added.is_empty()
            || removed.len() * added.len() > RENAME_PAIRS_LIMIT
        {
            return changes;
        }
        let limit = self.file_limit;
        let old_texts: Vec<Option<String>> = removed
            .iter()
            .map(|&i| {
                let bytes = self.blob(changes[i].old_blob?, limit).ok()?;
                String::from_utf8(bytes).ok()
            })
            .collect();
        let new_texts: Vec<Option<String>> = added
            .iter()
            .map(|&i| {
                let file = changes[i].new_file.as_deref()?;
                let read = crate::checkout::read_regular_file(&self.path_of(file), limit).ok()?;
                String::from_utf8(read.bytes).ok()
            })
            .collect();
        let mut scores = Vec::new();
        for (r, old) in old_texts.iter().enumerate() {
            for (a, new) in new_texts.iter().enumerate() {
                if let (Some(old), Some(new)) = (old, new) {
                    let ratio = similar::TextDiff::from_lines(old, new).ratio();
                    if ratio >= 0.5 {
                        scores.push((ratio, r, a));
                    }
                }
            }
        }
        scores.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
        let mut paired: Vec<Option<usize>> = vec![None; changes.len()];
        let mut taken = HashSet::new();
        for (_, r, a) in scores {
            let (r, a) = (removed[r], added[a]);
            if paired[r].is_none() && taken.insert(a) {
                paired[r] = Some(a);
            }
        }
        let mut out = Vec::with_capacity(changes.len());
        for (i, change) in changes.iter().enumerate() {
            if taken.contains(&i) {
                continue;
            }
            match paired[i] {
                Some(a) => out.push(FileChange {
                    status: ChangeStatus::Renamed,
                    new_file: changes[a].new_file.clone(),
                    new_mode: changes[a].new_mode,
                    ..change.clone()
                }),
                None => out.push(change.clone()),
            }
        }
        out
    }
}
