//! Where `build` may write, and how it replaces an earlier build.
//!
//! `build --out DIR` replaces DIR whole, so DIR is checked first, after `..`, symbolic links
//! and trailing slashes are resolved: never the file system's root, the dataset's root or a
//! folder that holds it, anything inside `dataset/`, `schema/`, `.git/` or `.icelist/`, an
//! existing file, or a non-empty folder that is not an earlier icelist build. An earlier build
//! is recognised by its `manifest.json` (the content, not the name) and by holding nothing but
//! what a build writes, so a folder of someone's files is never taken for one.

use crate::error::{Error, Result};
use crate::temp_area::{Lock, try_lock};
use std::path::{Component, Path, PathBuf};

/// Top-level names a build writes (this version and earlier ones).
const BUILD_OUTPUTS: &[&str] = &[
    "companies.json",
    "companies.ndjson",
    "companies.csv",
    "sources.csv",
    "claims.csv",
    "awards.csv",
    "responses.csv",
    "icelist.sqlite",
    "datapackage.json",
    "metadata.json",
    "schema",
    "index.html",
    "feed.xml",
    "companies",
    "wiki",
    "domains.json",
    "history.json",
    "redirects.json",
    "changes.html",
    "changes.json",
    "site.js",
    "search-index.js",
    "methodology.html",
    "downloads.html",
    "manifest.json",
];

/// Folders of the dataset's root that a build never writes into.
const PROTECTED: &[&str] = &[crate::dataset::DATASET_DIR, "schema", ".git", ".icelist"];

pub(crate) fn refuse(out: &Path, reason: &str) -> Error {
    Error::UnsafeOutput {
        path: out.to_owned(),
        reason: reason.to_owned(),
    }
}

/// The absolute path `out` names, with every link and `..` resolved as the kernel would:
/// each existing component is resolved through links before the next `..` is applied, and
/// the part that does not exist yet (which can hold no link) is taken as written.
pub(crate) fn resolve(out: &Path) -> Result<PathBuf> {
    let absolute = if out.is_absolute() {
        out.to_owned()
    } else {
        std::env::current_dir()
            .map_err(|source| Error::Io {
                path: out.to_owned(),
                source,
            })?
            .join(out)
    };
    let mut resolved = PathBuf::from("/");
    let mut exists = true;
    for component in absolute.components() {
        match component {
            Component::Prefix(prefix) => resolved = PathBuf::from(prefix.as_os_str()),
            Component::RootDir => resolved.push(component.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                resolved.push(name);
                if exists {
                    match std::fs::symlink_metadata(&resolved) {
                        Ok(metadata) if metadata.file_type().is_symlink() => {
                            resolved = resolved.canonicalize().map_err(|_| {
                                refuse(out, "it goes through a symbolic link that leads nowhere")
                            })?;
                        }
                        Ok(_) => {}
                        Err(_) => exists = false,
                    }
                }
            }
        }
    }
    Ok(resolved)
}

/// Refuses an output folder that a build must not replace (see the module's documentation).
pub(crate) fn check(root: &Path, out: &Path, target: &Path) -> Result<()> {
    let root = root.canonicalize().map_err(|source| Error::Io {
        path: root.to_owned(),
        source,
    })?;
    if target.parent().is_none() {
        return Err(refuse(out, "it is the file system's root"));
    }
    if root.starts_with(target) {
        return Err(refuse(
            out,
            "it is the dataset's root or a folder that contains it, which a build would replace whole",
        ));
    }
    for name in PROTECTED {
        if target.starts_with(root.join(name)) {
            return Err(refuse(
                out,
                &format!("it is inside {name}/, which a build must never replace"),
            ));
        }
    }
    let metadata = match std::fs::symlink_metadata(target) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(Error::Io {
                path: out.to_owned(),
                source,
            });
        }
    };
    if !metadata.is_dir() {
        return Err(refuse(
            out,
            "it is an existing file, not a folder; choose a new folder",
        ));
    }
    let mut names = Vec::new();
    for item in std::fs::read_dir(target).map_err(|source| Error::Io {
        path: out.to_owned(),
        source,
    })? {
        let item = item.map_err(|source| Error::Io {
            path: out.to_owned(),
            source,
        })?;
        names.push(item.file_name());
    }
    if names.is_empty() || is_earlier_build(target, &names) {
        return Ok(());
    }
    Err(refuse(
        out,
        "it is a folder that holds files and is not an earlier icelist build (no icelist manifest.json, or files a build does not write); choose a new or empty folder",
    ))
}

/// Whether a folder is what a build left: a manifest of the build's shape, and nothing but
/// the files a build writes.
fn is_earlier_build(dir: &Path, names: &[std::ffi::OsString]) -> bool {
    if !names
        .iter()
        .all(|n| n.to_str().is_some_and(|n| BUILD_OUTPUTS.contains(&n)))
    {
        return false;
    }
    let Ok(manifest) = crate::checkout::read_regular_file(&dir.join("manifest.json"), 1 << 20)
    else {
        return false;
    };
    let Ok(manifest) = serde_json::from_slice::<serde_json::Value>(&manifest.bytes) else {
        return false;
    };
    let files = manifest.get("files").and_then(serde_json::Value::as_array);
    manifest.get("version") == Some(&serde_json::json!(1))
        && manifest
            .get("counts")
            .and_then(|c| c.get("companies"))
            .is_some_and(serde_json::Value::is_u64)
        && files.is_some_and(|files| {
            files.iter().any(|f| f == "manifest.json")
                && files.iter().any(|f| f == "companies.json")
        })
}

/// The lock that keeps two builds into the same folder apart: an exclusive `flock` on the
/// output's parent folder, held until the returned handle is dropped.
pub(crate) fn lock(parent: &Path, out: &Path) -> Result<std::fs::File> {
    let handle = std::fs::File::open(parent).map_err(|source| Error::Io {
        path: parent.to_owned(),
        source,
    })?;
    if !try_lock(&handle, Lock::Exclusive) {
        return Err(refuse(
            out,
            "another icelist build is writing to this folder; wait for it to finish",
        ));
    }
    Ok(handle)
}

#[cfg(unix)]
pub(crate) fn same_file_system(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
pub(crate) fn same_file_system(_: &Path, _: &Path) -> bool {
    false
}

/// Puts the staged build in the place of `target`. An earlier build is swapped out in one
/// atomic exchange where the OS has one (Linux `renameat2(RENAME_EXCHANGE)`), so a kill at any
/// moment leaves either the old build or the new one at `target`, never none; the old build
/// then sits at the staging path and is removed.
pub(crate) fn replace(staged: &Path, target: &Path) -> Result<()> {
    let fail = |source| Error::Write {
        path: target.to_owned(),
        source,
    };
    if std::fs::symlink_metadata(target).is_err() {
        return std::fs::rename(staged, target).map_err(fail);
    }
    match exchange(staged, target) {
        Ok(()) => {}
        Err(e) if exchange_unsupported(&e) => {
            // No atomic exchange here: two renames, with the old build kept until the new one
            // is in place.
            let old = staged.with_extension("old");
            std::fs::rename(target, &old).map_err(fail)?;
            crate::failpoint::hit("build-between-renames");
            std::fs::rename(staged, target).map_err(fail)?;
            return std::fs::remove_dir_all(&old).map_err(fail);
        }
        Err(e) => return Err(fail(e)),
    }
    crate::failpoint::hit("build-after-exchange");
    std::fs::remove_dir_all(staged).map_err(fail)
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

fn exchange_unsupported(e: &std::io::Error) -> bool {
    #[cfg(target_os = "linux")]
    if matches!(e.raw_os_error(), Some(libc::EINVAL) | Some(libc::ENOSYS)) {
        return true;
    }
    e.kind() == std::io::ErrorKind::Unsupported
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolving_applies_dot_dot_after_links() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let base = dir.path().canonicalize().unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir_all(base.join("a/b")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            resolve(&base.join("a/b/../c/")).ok(),
            Some(base.join("a/c"))
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(base.join("a/b"), base.join("link"))
                .unwrap_or_else(|e| panic!("{e}"));
            // link/.. is a/, not base/: the link is followed before `..` applies.
            assert_eq!(
                resolve(&base.join("link/../x")).ok(),
                Some(base.join("a/x"))
            );
        }
    }
}
