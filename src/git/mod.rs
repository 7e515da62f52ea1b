//! Reading the dataset's history with `git2` (no `git` process): resolving revisions, the
//! merge base, and which entry files changed between a revision and a tree or the working tree.
//! Only the changed blobs are ever read, so the cost follows the size of the change.

use crate::dataset::DATASET_DIR;
use crate::error::{Error, Result};
use git2::{Delta, DiffFindOptions, DiffOptions, ObjectType, Oid, Repository, Tree};
use std::path::{Path, PathBuf};

mod range;
mod worktree;

pub use range::{RangeError, RevisionRange};

/// The repository that holds the dataset root.
pub struct DatasetRepo {
    repo: Repository,
    /// Path of the dataset root inside the repository, `/`-separated, empty or ending in `/`.
    prefix: String,
    workdir: PathBuf,
    /// The largest working-tree file or blob read (`max_file_size`).
    file_limit: u64,
}

/// One side of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Commit(Oid),
    WorkingTree,
}

/// How an entry file changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    pub status: ChangeStatus,
    /// Root-relative paths (`dataset/x.json`).
    pub old_file: Option<String>,
    pub new_file: Option<String>,
    pub old_blob: Option<Oid>,
    /// The new side's blob, when the new side is a commit (working-tree files are read).
    pub new_blob: Option<Oid>,
    /// Git file mode of the new side (`0o100644` for a plain file).
    pub new_mode: u32,
}

impl FileChange {
    /// Whether either side is the redirect table, which no reader of entries reads as one.
    pub fn touches_redirect_table(&self) -> bool {
        [&self.old_file, &self.new_file]
            .into_iter()
            .any(|f| f.as_deref().is_some_and(crate::dataset::is_redirect_table))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeStatus {
    Added,
    Removed,
    Modified,
    Renamed,
}

impl DatasetRepo {
    /// Opens the repository that contains `root`.
    pub fn open(root: &Path) -> Result<Self> {
        let repo = open_repository(root)?;
        if repo.is_bare() {
            return Err(Error::Git(
                "the repository is bare: icelist needs a working tree with the dataset".into(),
            ));
        }
        let workdir = repo
            .workdir()
            .ok_or_else(|| Error::Git("the repository has no working tree".into()))?
            .canonicalize()
            .map_err(|source| Error::Io {
                path: root.to_owned(),
                source,
            })?;
        let root_abs = root.canonicalize().map_err(|source| Error::Io {
            path: root.to_owned(),
            source,
        })?;
        let relative = root_abs
            .strip_prefix(&workdir)
            .map_err(|_| Error::Git("the root is outside the repository's working tree".into()))?;
        let mut prefix = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        if !prefix.is_empty() {
            prefix.push('/');
        }
        Ok(DatasetRepo {
            repo,
            prefix,
            workdir,
            file_limit: crate::settings::DEFAULT_MAX_FILE_SIZE,
        })
    }

    /// Sets the largest file read from the working tree or the object database.
    pub fn set_file_limit(&mut self, limit: u64) {
        self.file_limit = limit;
    }

    /// Resolves anything git accepts (`main`, `origin/main`, `HEAD~3`, an id) to a commit.
    pub fn commit(&self, rev: &str) -> Result<Oid> {
        let shown = crate::text::escape_untrusted(rev);
        if self.repo.is_empty().unwrap_or(false) {
            return Err(Error::Git(format!(
                "the repository has no commits yet, so there is no {shown:?} to compare with: commit the dataset first"
            )));
        }
        let object = self.repo.revparse_single(rev).map_err(|_| {
            Error::Git(format!(
                "unknown revision {shown:?}: {}",
                self.fetch_hint(rev)
            ))
        })?;
        let commit = object
            .peel_to_commit()
            .map_err(|_| Error::Git(format!("{shown:?} does not name a commit")))?;
        Ok(commit.id())
    }

    /// What to do about a revision that is not here, true for this repository: which remote
    /// holds it, and whether the clone is shallow.
    fn fetch_hint(&self, rev: &str) -> String {
        let remotes: Vec<String> = self
            .repo
            .remotes()
            .map(|names| {
                names
                    .iter()
                    .filter_map(|n| n.ok().flatten().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        let shallow = self.repo.is_shallow();
        let remote_branch = rev
            .split_once('/')
            .filter(|(remote, branch)| !branch.is_empty() && remotes.iter().any(|r| r == remote));
        let quote = |s: &str| crate::text::escape_untrusted(s);
        match (remote_branch, remotes.first()) {
            (Some((remote, branch)), _) => format!(
                "fetch it first (`git fetch {} {}`{})",
                quote(remote),
                quote(branch),
                if shallow {
                    ", or `fetch-depth: 0` with actions/checkout"
                } else {
                    ""
                }
            ),
            (None, Some(remote)) if shallow => format!(
                "this is a shallow clone: fetch more history (`git fetch --unshallow {}`, or `fetch-depth: 0` with actions/checkout)",
                quote(remote)
            ),
            (None, Some(remote)) => format!(
                "no branch, tag or commit of that name here; if it is on {}, fetch it first (`git fetch {} {}`)",
                quote(remote),
                quote(remote),
                quote(rev)
            ),
            (None, None) if shallow => {
                "this is a shallow clone with no remote: the revision is not in its history".into()
            }
            (None, None) => "no branch, tag or commit of that name in this repository".into(),
        }
    }

    pub fn head(&self) -> Result<Oid> {
        self.commit("HEAD")
    }

    /// The merge base of `rev` and HEAD: what a pull request from HEAD into `rev` is compared to.
    pub fn merge_base_with_head(&self, rev: &str) -> Result<Oid> {
        let base = self.commit(rev)?;
        let head = self.head()?;
        self.repo.merge_base(base, head).map_err(|_| {
            let hint = if self.repo.is_shallow() {
                ": this is a shallow clone, fetch more history (`fetch-depth: 0` with actions/checkout)"
            } else {
                ""
            };
            Error::Git(format!(
                "{:?} and HEAD have no common ancestor{hint}",
                crate::text::escape_untrusted(rev)
            ))
        })
    }

    fn tree(&self, commit: Oid) -> Result<Tree<'_>> {
        self.repo
            .find_commit(commit)
            .and_then(|c| c.tree())
            .map_err(|source| Error::GitFailed {
                what: format!("cannot read commit {commit}"),
                source,
            })
    }

    fn dataset_pathspec(&self) -> String {
        format!("{}{DATASET_DIR}/", self.prefix)
    }

    /// Entry files that changed from `old` to `new`, with renames matched by content.
    pub fn changed_files(&self, old: Oid, new: Side) -> Result<Vec<FileChange>> {
        let old_tree = self.tree(old)?;
        let mut options = DiffOptions::new();
        options
            .pathspec(self.dataset_pathspec())
            .include_typechange(true);
        let git_error = |source| Error::GitFailed {
            what: "cannot compare revisions".into(),
            source,
        };
        let mut diff = match new {
            Side::Commit(new) => {
                let new_tree = self.tree(new)?;
                self.repo
                    .diff_tree_to_tree(Some(&old_tree), Some(&new_tree), Some(&mut options))
            }
            Side::WorkingTree => {
                return self
                    .changed_in_worktree(&old_tree)
                    .map(split_redirect_table_renames);
            }
        }
        .map_err(git_error)?;
        diff.find_similar(Some(DiffFindOptions::new().renames(true)))
            .map_err(git_error)?;
        let mut changes = Vec::new();
        for delta in diff.deltas() {
            let status = match delta.status() {
                Delta::Added | Delta::Untracked | Delta::Copied => ChangeStatus::Added,
                Delta::Deleted => ChangeStatus::Removed,
                Delta::Modified | Delta::Typechange => ChangeStatus::Modified,
                Delta::Renamed => ChangeStatus::Renamed,
                _ => continue,
            };
            let path_of = |file: git2::DiffFile<'_>| file.path().map(|p| self.root_relative(p));
            let (old_file, new_file) = match status {
                ChangeStatus::Added => (None, path_of(delta.new_file())),
                ChangeStatus::Removed => (path_of(delta.old_file()), None),
                _ => (path_of(delta.old_file()), path_of(delta.new_file())),
            };
            let old_blob = (status != ChangeStatus::Added).then(|| delta.old_file().id());
            // The diff carries the new blob's id; looking it up by path again would read the
            // whole dataset tree once per file (libgit2 does not cache trees that large).
            let new_blob = (status != ChangeStatus::Removed && matches!(new, Side::Commit(_)))
                .then(|| delta.new_file().id())
                .filter(|id| !id.is_zero());
            changes.push(FileChange {
                status,
                old_file: old_file.flatten(),
                new_file: new_file.flatten(),
                old_blob,
                new_blob,
                new_mode: u32::from(delta.new_file().mode()),
            });
        }
        Ok(split_redirect_table_renames(changes))
    }

    /// A path from git (repository-relative) as a root-relative path, if it is under the root.
    fn root_relative(&self, path: &Path) -> Option<String> {
        let text = path.to_string_lossy().replace('\\', "/");
        text.strip_prefix(&self.prefix).map(str::to_owned)
    }

    /// Reads a blob, refusing anything over `limit` bytes.
    pub(crate) fn blob(&self, oid: Oid, limit: u64) -> Result<Vec<u8>, String> {
        let odb = self.repo.odb().map_err(|e| e.message().to_owned())?;
        let (size, kind) = odb.read_header(oid).map_err(|e| e.message().to_owned())?;
        if kind != ObjectType::Blob {
            return Err("not a file".into());
        }
        if size as u64 > limit {
            return Err(format!("{size} bytes, over the limit of {limit}"));
        }
        let object = odb.read(oid).map_err(|e| e.message().to_owned())?;
        Ok(object.data().to_vec())
    }

    /// The working-tree path of a root-relative file.
    pub(crate) fn path_of(&self, file: &str) -> PathBuf {
        self.workdir.join(&self.prefix).join(file)
    }

    /// The id of the `dataset/` tree at `commit`, without reading the tree itself.
    pub(crate) fn dataset_tree_id(&self, commit: Oid) -> Result<Option<Oid>> {
        let tree = self.tree(commit)?;
        let path = format!("{}{DATASET_DIR}", self.prefix);
        Ok(tree.get_path(Path::new(&path)).ok().map(|entry| entry.id()))
    }

    /// The id of the `dataset/` tree at `commit` and its entries: (file name, blob id, mode).
    pub(crate) fn dataset_tree(&self, commit: Oid) -> Result<Option<(Oid, Vec<TreeFile>)>> {
        let tree = self.tree(commit)?;
        let path = format!("{}{DATASET_DIR}", self.prefix);
        let Ok(entry) = tree.get_path(Path::new(&path)) else {
            return Ok(None);
        };
        let Ok(dataset) = self.repo.find_tree(entry.id()) else {
            return Ok(None);
        };
        let files = dataset
            .iter()
            .filter_map(|e| Some((e.name().ok()?.to_owned(), e.id(), e.filemode() as u32)))
            .collect();
        Ok(Some((entry.id(), files)))
    }

    /// Files that decide how data is judged and that changed from `base` to the working tree
    /// (staged, unstaged or untracked): `icelist.toml` and `schema/` under the dataset's root,
    /// and `.github/` at the top of the repository. Each with its repository-relative path and
    /// how it changed. One diff per folder, so that git walks only that folder.
    pub(crate) fn policy_changes(&self, base: Oid) -> Result<Vec<(String, &'static str)>> {
        let tree = self.tree(base)?;
        let git_error = |source| Error::GitFailed {
            what: "cannot compare the working tree".into(),
            source,
        };
        let mut changes = Vec::new();
        for pathspec in [
            format!("{}{}", self.prefix, crate::config::CONFIG_FILE),
            format!("{}schema/", self.prefix),
            ".github/".to_owned(),
        ] {
            let mut options = DiffOptions::new();
            options
                .pathspec(&pathspec)
                .include_untracked(true)
                .recurse_untracked_dirs(true)
                .include_typechange(true);
            let diff = self
                .repo
                .diff_tree_to_workdir_with_index(Some(&tree), Some(&mut options))
                .map_err(git_error)?;
            for delta in diff.deltas() {
                let what = match delta.status() {
                    Delta::Added | Delta::Untracked | Delta::Copied => "added",
                    Delta::Deleted => "removed",
                    Delta::Renamed => "renamed",
                    Delta::Modified | Delta::Typechange => "changed",
                    _ => continue,
                };
                let path = delta.new_file().path().or(delta.old_file().path());
                if let Some(path) = path {
                    changes.push((path.to_string_lossy().replace('\\', "/"), what));
                }
            }
        }
        changes.sort();
        changes.dedup();
        Ok(changes)
    }

    /// A file of the dataset's root (`icelist.toml`, `schema/company.schema.json`) as it was at
    /// `commit`; `None` when it did not exist there.
    pub(crate) fn root_file_at(
        &self,
        commit: Oid,
        file: &str,
        limit: u64,
    ) -> Result<Option<Vec<u8>>> {
        let tree = self.tree(commit)?;
        let Ok(entry) = tree.get_path(Path::new(&format!("{}{file}", self.prefix))) else {
            return Ok(None);
        };
        self.blob(entry.id(), limit).map(Some).map_err(|why| {
            Error::Git(format!(
                "cannot read {file} at {}: {why}",
                self.short(commit)
            ))
        })
    }

    /// The redirect table at `commit` (empty where there is none); a table that does not
    /// parse is an error, which a caller that only consults the table may take as empty.
    pub(crate) fn redirects_at(&self, commit: Oid, limit: u64) -> Result<crate::model::Redirects> {
        let Some(bytes) = self.root_file_at(commit, crate::dataset::REDIRECTS_PATH, limit)? else {
            return Ok(Default::default());
        };
        crate::model::Redirects::from_json_bytes(&bytes).map_err(|e| Error::RedirectsNotLoaded {
            file: format!("{} at {}", crate::dataset::REDIRECTS_PATH, self.short(commit)),
            reason: e.to_string(),
        })
    }

    /// The tag on HEAD (as `git describe --tags --exact-match` finds it); the last in sort
    /// order when several point at it.
    pub fn tag_on_head(&self) -> Option<String> {
        let head = self.head().ok()?;
        let names = self.repo.tag_names(None).ok()?;
        let mut on_head: Vec<String> = names
            .iter()
            .filter_map(|name| name.ok().flatten())
            .filter(|name| {
                self.repo
                    .revparse_single(&format!("refs/tags/{name}"))
                    .and_then(|o| o.peel_to_commit())
                    .is_ok_and(|c| c.id() == head)
            })
            .map(str::to_owned)
            .collect();
        on_head.sort();
        on_head.pop()
    }

    /// The commits from the first one to `head` along first parents (the history of the
    /// branch as it was merged into), oldest first, and whether that history is whole: a
    /// shallow clone's last commit has parents the clone does not hold.
    pub(crate) fn first_parent_chain(&self, head: Oid) -> Result<(Vec<Oid>, bool)> {
        let mut chain = Vec::new();
        // libgit2 reads a shallow clone's last commit as having no parent at all.
        let mut whole = !self.repo.is_shallow();
        let mut next = Some(head);
        while let Some(oid) = next {
            let commit = self.repo.find_commit(oid).map_err(|source| Error::GitFailed {
                what: format!("cannot read commit {oid}"),
                source,
            })?;
            chain.push(oid);
            next = match commit.parent_id(0) {
                Ok(parent) if self.repo.find_commit(parent).is_ok() => Some(parent),
                Ok(_) => {
                    whole = false;
                    None
                }
                Err(_) => None,
            };
        }
        chain.reverse();
        Ok((chain, whole))
    }

    /// The day (UTC) a commit was made, as its committer recorded it: the date of the data a
    /// build of that commit shows.
    pub fn commit_date(&self, oid: Oid) -> Option<time::Date> {
        let seconds = self.repo.find_commit(oid).ok()?.time().seconds();
        time::OffsetDateTime::from_unix_timestamp(seconds)
            .ok()
            .map(time::OffsetDateTime::date)
    }

    /// The schema (`schema/company.schema.json`) as committed at `rev`.
    pub fn schema_at(&self, rev: &str) -> Result<Vec<u8>> {
        let commit = self.commit(rev)?;
        self.root_file_at(
            commit,
            crate::dataset::SCHEMA_PATH,
            crate::checkout::SCHEMA_LIMIT,
        )?
        .ok_or_else(|| {
            Error::Git(format!(
                "{} has no {}",
                crate::text::escape_untrusted(rev),
                crate::dataset::SCHEMA_PATH
            ))
        })
    }

    /// The repository's git directory (`.git`).
    pub fn git_dir(&self) -> &Path {
        self.repo.path()
    }

    /// Short form of a commit id for messages.
    pub(crate) fn short(&self, oid: Oid) -> String {
        oid.to_string().chars().take(12).collect()
    }
}

/// The repository as git would find it: `GIT_DIR` (with `GIT_WORK_TREE`) when set, else the
/// one that contains `root`.
fn open_repository(root: &Path) -> Result<Repository> {
    let Some(git_dir) = std::env::var_os("GIT_DIR").filter(|d| !d.is_empty()) else {
        return Repository::discover(root)
            .map_err(|_| Error::Git(format!("{} is not inside a git repository", root.display())));
    };
    let unusable = |e: git2::Error| {
        Error::Git(format!(
            "GIT_DIR={} is not a usable git repository: {}",
            crate::text::escape_untrusted(&git_dir.to_string_lossy()),
            e.message()
        ))
    };
    let repo = Repository::open_bare(&git_dir).map_err(unusable)?;
    match std::env::var_os("GIT_WORK_TREE").filter(|d| !d.is_empty()) {
        Some(work_tree) => repo
            .set_workdir(Path::new(&work_tree), false)
            .map_err(unusable)?,
        // As git does without GIT_WORK_TREE: the current folder is the top of the work tree.
        None => {
            let here = std::env::current_dir().map_err(|source| Error::Io {
                path: PathBuf::from("."),
                source,
            })?;
            repo.set_workdir(&here, false).map_err(unusable)?;
        }
    }
    Ok(repo)
}

/// A file of a tree: (name, blob id, git mode).
pub(crate) type TreeFile = (String, Oid, u32);

/// Git's mode for a regular, non-executable file: the only kind that is an entry.
pub(crate) const PLAIN_FILE_MODE: u32 = 0o100644;

/// Git may pair the redirect table with an entry file as a rename (a small entry and a small
/// table can look alike). The table is not an entry: such a pair is split into the removal
/// of one and the addition of the other.
fn split_redirect_table_renames(changes: Vec<FileChange>) -> Vec<FileChange> {
    let is_table = |file: &Option<String>| {
        file.as_deref()
            .is_some_and(crate::dataset::is_redirect_table)
    };
    let mut split = Vec::with_capacity(changes.len());
    for change in changes {
        if change.status == ChangeStatus::Renamed
            && is_table(&change.old_file) != is_table(&change.new_file)
        {
            split.push(FileChange {
                status: ChangeStatus::Removed,
                old_file: change.old_file.clone(),
                new_file: None,
                old_blob: change.old_blob,
                new_blob: None,
                new_mode: 0,
            });
            split.push(FileChange {
                status: ChangeStatus::Added,
                old_file: None,
                old_blob: None,
                ..change
            });
        } else {
            split.push(change);
        }
    }
    split
}
