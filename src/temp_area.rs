//! `<root>/.icelist/tmp/`: where every command that writes (fmt, `--fix`, new, build) stages
//! its temporary files, outside `dataset/`. A run killed half-way leaves its temporary file
//! here, where lint never looks, instead of a stray `.icelist-*` file among the entries; the
//! next run that opens the area removes what killed runs left.
//!
//! Runs share the area under a lock file (`.icelist/tmp.lock`): each run holds a shared lock
//! while it writes, and a run cleans up only when it gets the lock exclusively, that is when
//! no other run is writing there.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

pub(crate) const AREA_DIR: &str = ".icelist";
const TMP_DIR: &str = "tmp";
const LOCK_FILE: &str = "tmp.lock";

/// The opened area; the shared lock is held until it is dropped.
#[derive(Debug)]
pub struct TempArea {
    dir: PathBuf,
    _lock: std::fs::File,
}

impl TempArea {
    /// Opens (creating if needed) `<root>/.icelist/tmp/` and removes what earlier runs left
    /// there. `.icelist` and `tmp` must be real folders: a link planted by a pull request could
    /// otherwise make the clean-up delete files elsewhere.
    pub fn open(root: &Path) -> Result<Self> {
        let area = ensure_real_dir(root, AREA_DIR)?;
        let dir = ensure_real_dir(&area, TMP_DIR)?;
        let lock_path = area.join(LOCK_FILE);
        let lock = open_lock_file(&lock_path)?;
        if try_lock(&lock, Lock::Exclusive) {
            remove_contents(&dir)?;
        }
        // Converting the lock lets a run waiting for it in and out; it only ever waits for a
        // clean-up to finish.
        lock_blocking(&lock, Lock::Shared).map_err(|source| Error::Write {
            path: lock_path.clone(),
            source,
        })?;
        Ok(TempArea { dir, _lock: lock })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

fn ensure_real_dir(parent: &Path, name: &str) -> Result<PathBuf> {
    let path = parent.join(name);
    match std::fs::create_dir(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(source) => return Err(Error::Write { path, source }),
    }
    if !crate::checkout::require_real_folder(parent, name)? {
        return Err(Error::Write {
            path,
            source: std::io::Error::other("the folder vanished while it was created"),
        });
    }
    Ok(path)
}

fn remove_contents(dir: &Path) -> Result<()> {
    let fail = |source| Error::Write {
        path: dir.to_owned(),
        source,
    };
    for item in std::fs::read_dir(dir).map_err(fail)? {
        let item = item.map_err(fail)?;
        let path = item.path();
        // The directory entry's own type: a link is removed, never followed.
        let removed = match item.file_type() {
            Ok(kind) if kind.is_dir() => std::fs::remove_dir_all(&path),
            _ => std::fs::remove_file(&path),
        };
        match removed {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(Error::Write { path, source }),
        }
    }
    Ok(())
}

fn open_lock_file(path: &Path) -> Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path).map_err(|source| Error::Write {
        path: path.to_owned(),
        source,
    })
}

#[derive(Clone, Copy)]
pub(crate) enum Lock {
    Shared,
    Exclusive,
}

/// Takes a lock without waiting; `false` when another process holds a conflicting one.
#[cfg(unix)]
pub(crate) fn try_lock(file: &std::fs::File, lock: Lock) -> bool {
    use rustix::fs::FlockOperation;
    let operation = match lock {
        Lock::Shared => FlockOperation::NonBlockingLockShared,
        Lock::Exclusive => FlockOperation::NonBlockingLockExclusive,
    };
    rustix::fs::flock(file, operation).is_ok()
}

#[cfg(unix)]
fn lock_blocking(file: &std::fs::File, lock: Lock) -> std::io::Result<()> {
    use rustix::fs::FlockOperation;
    let operation = match lock {
        Lock::Shared => FlockOperation::LockShared,
        Lock::Exclusive => FlockOperation::LockExclusive,
    };
    loop {
        match rustix::fs::flock(file, operation) {
            Ok(()) => return Ok(()),
            Err(rustix::io::Errno::INTR) => {}
            Err(errno) => return Err(errno.into()),
        }
    }
}

#[cfg(not(unix))]
pub(crate) fn try_lock(_: &std::fs::File, _: Lock) -> bool {
    true
}

#[cfg(not(unix))]
fn lock_blocking(_: &std::fs::File, _: Lock) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_removes_what_earlier_runs_left_but_not_while_another_run_writes() {
        let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let first = TempArea::open(root.path()).unwrap_or_else(|e| panic!("{e}"));
        let stray = first.dir().join("left-over.tmp");
        std::fs::write(&stray, b"x").unwrap_or_else(|e| panic!("{e}"));
        // Another run while the first still writes: nothing of the first's is removed.
        let second = TempArea::open(root.path()).unwrap_or_else(|e| panic!("{e}"));
        assert!(stray.exists());
        drop(first);
        drop(second);
        let _third = TempArea::open(root.path()).unwrap_or_else(|e| panic!("{e}"));
        assert!(!stray.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_area_is_refused() {
        let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let elsewhere = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(elsewhere.path().join("keep.txt"), b"x").unwrap_or_else(|e| panic!("{e}"));
        std::os::unix::fs::symlink(elsewhere.path(), root.path().join(AREA_DIR))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(
            TempArea::open(root.path()),
            Err(Error::LinkedFolder { .. })
        ));
        assert!(elsewhere.path().join("keep.txt").exists());
    }
}
