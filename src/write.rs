//! Writing entry files atomically: a temporary file in the run's [`TempArea`] (outside
//! `dataset/`), fsync, then one rename over the target. A crash or a full disk leaves either
//! the old file or the new one, never half of each, and never a stray file among the entries.
//!
//! A rewrite keeps the file's mode and owner. A read-only file, or one whose owner the
//! process cannot give the new file, is refused: rewriting it would change what its owner set.

use crate::error::{Error, Result};
use crate::temp_area::TempArea;
use std::io::Write;
use std::path::Path;

pub fn write_atomic(area: &TempArea, path: &Path, bytes: &[u8]) -> Result<()> {
    let existing = rewritable(path)?;
    match stage_and_rename(area.dir(), "write-", path, bytes, existing.as_ref()) {
        // The area is on another file system than the entry (a bind mount, say): stage beside
        // the target instead, which is still atomic.
        Err(e) if e.raw_os_error() == Some(libc::EXDEV) => {
            let beside = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            stage_and_rename(beside, ".icelist-", path, bytes, existing.as_ref())
        }
        other => other,
    }
    .map_err(|source| write_error(path, existing.is_some(), source))
}

/// The target's metadata when it exists; refuses what must not be rewritten (a link, not a
/// regular file, a read-only file).
fn rewritable(path: &Path) -> Result<Option<std::fs::Metadata>> {
    let existing = match std::fs::symlink_metadata(path) {
        Ok(metadata) if metadata.file_type().is_symlink() || !metadata.is_file() => {
            return Err(Error::Refused {
                path: path.to_owned(),
                reason: "it is not a regular file".into(),
            });
        }
        Ok(metadata) => Some(metadata),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => {
            return Err(Error::Write {
                path: path.to_owned(),
                source,
            });
        }
    };
    if let Some(metadata) = &existing
        && is_read_only(metadata)
    {
        return Err(Error::Refused {
            path: path.to_owned(),
            reason: "it is read-only; make it writable (`chmod u+w`) to let icelist rewrite it"
                .into(),
        });
    }
    Ok(existing)
}

fn write_error(path: &Path, existed: bool, source: std::io::Error) -> Error {
    match source.kind() {
        std::io::ErrorKind::PermissionDenied if existed => Error::Refused {
            path: path.to_owned(),
            reason: format!(
                "its mode and owner cannot be kept on the rewritten file ({source}); run icelist as the file's owner"
            ),
        },
        _ => Error::Write {
            path: path.to_owned(),
            source,
        },
    }
}

/// Many atomic writes made durable together (an import of thousands of pages): each file is
/// staged in the area as [`write_atomic`] stages it, the staged files reach the disk with one
/// `syncfs` instead of one fsync each, and only then are they renamed over their targets. A
/// crash leaves every target old or new, as with [`write_atomic`].
pub(crate) struct WriteBatch<'a> {
    area: &'a TempArea,
    staged: Vec<(tempfile::TempPath, std::path::PathBuf, bool)>,
}

impl<'a> WriteBatch<'a> {
    pub(crate) fn new(area: &'a TempArea) -> Self {
        WriteBatch {
            area,
            staged: Vec::new(),
        }
    }

    /// Stages `bytes` for `path`. A target on another file system than the area is written
    /// at once with [`write_atomic`].
    pub(crate) fn stage(&mut self, path: &Path, bytes: &[u8]) -> Result<()> {
        let existing = rewritable(path)?;
        let parent = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if !same_device(self.area.dir(), parent) {
            return write_atomic(self.area, path, bytes);
        }
        let temp = staged_file(self.area.dir(), "write-", bytes, existing.as_ref())
            .map_err(|source| write_error(path, existing.is_some(), source))?;
        self.staged
            .push((temp.into_temp_path(), path.to_owned(), existing.is_some()));
        Ok(())
    }

    /// Makes the staged files durable, then renames each over its target.
    pub(crate) fn commit(&mut self) -> Result<()> {
        if self.staged.is_empty() {
            return Ok(());
        }
        sync_file_system(self.area.dir(), &self.staged)?;
        crate::failpoint::hit("write-before-rename");
        let mut parents = std::collections::BTreeSet::new();
        for (temp, path, existed) in self.staged.drain(..) {
            temp.persist(&path)
                .map_err(|e| write_error(&path, existed, e.error))?;
            if let Some(parent) = path.parent() {
                parents.insert(parent.to_owned());
            }
        }
        for parent in parents {
            if let Ok(dir) = std::fs::File::open(parent) {
                let _ = dir.sync_all();
            }
        }
        Ok(())
    }
}

#[cfg(unix)]
fn same_device(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_device(_: &Path, _: &Path) -> bool {
    false
}

/// One `syncfs` of the area's file system (Linux), else an fsync per staged file.
fn sync_file_system(
    dir: &Path,
    staged: &[(tempfile::TempPath, std::path::PathBuf, bool)],
) -> Result<()> {
    let fail = |source| Error::Write {
        path: dir.to_owned(),
        source,
    };
    #[cfg(target_os = "linux")]
    {
        let handle = std::fs::File::open(dir).map_err(fail)?;
        if rustix::fs::syncfs(&handle).is_ok() {
            return Ok(());
        }
    }
    for (temp, _, _) in staged {
        std::fs::File::open(temp)
            .and_then(|f| f.sync_all())
            .map_err(fail)?;
    }
    Ok(())
}

/// Writes `state` (a check's memory between runs, `--state`) as pretty JSON at `path`,
/// atomically, its folder made first.
pub fn write_json_state(area: &TempArea, path: &Path, state: &impl serde::Serialize) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|source| Error::Write {
            path: parent.to_owned(),
            source,
        })?;
    }
    let text = serde_json::to_string_pretty(state).unwrap_or_default() + "\n";
    write_atomic(area, path, text.as_bytes())
}

/// Writes `entry` as `dataset/<id>.json` under `root`, in canonical form, atomically.
pub fn write_entry(area: &TempArea, root: &Path, entry: &crate::model::Entry) -> Result<()> {
    let path = root
        .join(crate::dataset::DATASET_DIR)
        .join(format!("{}.json", entry.id));
    write_atomic(area, &path, entry.to_canonical_text().as_bytes())
}

/// Writes a file that lives outside the dataset (a cache under `.git/`), staging it beside
/// the target.
pub(crate) fn write_atomic_beside(path: &Path, bytes: &[u8]) -> Result<()> {
    let existing = std::fs::metadata(path).ok();
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    stage_and_rename(dir, ".icelist-", path, bytes, existing.as_ref()).map_err(|source| {
        Error::Write {
            path: path.to_owned(),
            source,
        }
    })
}

/// Writes `bytes` to a temporary file in `dir` with the old file's mode and owner, syncs it and
/// renames it over `path`.
fn stage_and_rename(
    dir: &Path,
    prefix: &str,
    path: &Path,
    bytes: &[u8],
    existing: Option<&std::fs::Metadata>,
) -> std::io::Result<()> {
    let temp = staged_file(dir, prefix, bytes, existing)?;
    temp.as_file().sync_all()?;
    crate::failpoint::hit("write-before-rename");
    temp.persist(path).map_err(|e| e.error)?;
    sync_parent(path);
    Ok(())
}

/// A temporary file in `dir` holding `bytes`, with the old file's mode and owner.
fn staged_file(
    dir: &Path,
    prefix: &str,
    bytes: &[u8],
    existing: Option<&std::fs::Metadata>,
) -> std::io::Result<tempfile::NamedTempFile> {
    let mut temp = tempfile::Builder::new()
        .prefix(prefix)
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    match existing {
        Some(metadata) => {
            temp.as_file().set_permissions(metadata.permissions())?;
            keep_owner(temp.as_file(), metadata)?;
        }
        None => set_default_permissions(temp.as_file())?,
    }
    Ok(temp)
}

/// Makes the rename itself durable.
fn sync_parent(path: &Path) {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let Ok(dir) = std::fs::File::open(dir) {
        let _ = dir.sync_all();
    }
}

#[cfg(unix)]
fn is_read_only(metadata: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    metadata.permissions().mode() & 0o200 == 0
}

#[cfg(not(unix))]
fn is_read_only(metadata: &std::fs::Metadata) -> bool {
    metadata.permissions().readonly()
}

/// Gives the new file the old one's owner and group, where they differ from the process's.
#[cfg(unix)]
fn keep_owner(file: &std::fs::File, metadata: &std::fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let current = file.metadata()?;
    if current.uid() == metadata.uid() && current.gid() == metadata.gid() {
        return Ok(());
    }
    std::os::unix::fs::fchown(file, Some(metadata.uid()), Some(metadata.gid()))
}

#[cfg(not(unix))]
fn keep_owner(_: &std::fs::File, _: &std::fs::Metadata) -> std::io::Result<()> {
    Ok(())
}

/// Temporary files are created private (0600); a new entry should be readable like any file.
#[cfg(unix)]
fn set_default_permissions(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_default_permissions(_: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}
