//! Reading files of a checkout that a pull request controls: entries, the schema,
//! `icelist.toml`. Every read goes through [`read_regular_file`], which never follows a
//! symbolic link, opens only regular files (a FIFO would hang, `/dev/zero` would never end)
//! and never reads more than a limit. Folders the tool reads from (`dataset/`, `schema/`) are
//! checked by [`require_real_folder`], so a link cannot point a run at files outside the
//! repository.

pub(crate) use crate::error::ReadError;
use std::io::Read;
use std::path::Path;

/// The largest `icelist.toml` read: the file holds a few settings.
#[cfg(feature = "tool")]
pub(crate) const CONFIG_LIMIT: u64 = 64 * 1024;
/// The largest schema read: the schema is a few tens of kilobytes.
#[cfg(feature = "tool")]
pub(crate) const SCHEMA_LIMIT: u64 = 4 * 1024 * 1024;

/// What [`read_regular_file`] read.
#[derive(Debug)]
pub struct FileBytes {
    pub bytes: Vec<u8>,
    /// Whether any execute bit is set: an entry is data, and git records the bit.
    #[cfg_attr(not(feature = "tool"), allow(dead_code))]
    pub executable: bool,
}

/// Reads a regular file without following a link at its last component, refusing anything over
/// `limit` bytes. The limit is checked on the open handle before reading, and the read itself
/// is bounded too, so a file that grows in between cannot exhaust memory.
pub(crate) fn read_regular_file(path: &Path, limit: u64) -> Result<FileBytes, ReadError> {
    let file = open_no_follow(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound,
        _ if is_link_refusal(&e) => ReadError::Link,
        _ => ReadError::Io(e),
    })?;
    let metadata = file.metadata().map_err(ReadError::Io)?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular);
    }
    if metadata.len() > limit {
        return Err(ReadError::TooLarge {
            size: metadata.len(),
            limit,
        });
    }
    let capacity = usize::try_from(metadata.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    let read = bytes.len() as u64;
    if read > limit {
        return Err(ReadError::TooLarge { size: read, limit });
    }
    Ok(FileBytes {
        bytes,
        executable: is_executable(&metadata),
    })
}

#[cfg(feature = "tool")]
/// Opens a file the user names on the command line (an export to import) for streaming: links
/// are followed (the file is the user's own), but only a regular file is read, so a FIFO or a
/// device cannot hang or flood the run.
pub(crate) fn open_input(path: &Path) -> Result<std::fs::File, ReadError> {
    #[cfg(unix)]
    let opened = {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path)
    };
    #[cfg(not(unix))]
    let opened = std::fs::File::open(path);
    let file = opened.map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound,
        _ => ReadError::Io(e),
    })?;
    if !file.metadata().map_err(ReadError::Io)?.is_file() {
        return Err(ReadError::NotRegular);
    }
    Ok(file)
}

#[cfg(feature = "tool")]
/// Reads an optional file: `Ok(None)` when it does not exist.
pub(crate) fn read_optional(path: &Path, limit: u64) -> Result<Option<Vec<u8>>, ReadError> {
    match read_regular_file(path, limit) {
        Ok(file) => Ok(Some(file.bytes)),
        Err(ReadError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Checks that `root/name` is a real folder (not a link to one) when it exists.
/// `Ok(false)` when it does not exist.
pub fn require_real_folder(root: &Path, name: &str) -> Result<bool, crate::error::Error> {
    let path = root.join(name);
    match std::fs::symlink_metadata(&path) {
        Ok(m) if m.file_type().is_symlink() => Err(crate::error::Error::LinkedFolder {
            path,
            folder: name.to_owned(),
        }),
        Ok(m) if m.is_dir() => Ok(true),
        Ok(_) => Err(crate::error::Error::NotAFolder {
            path,
            folder: name.to_owned(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(source) => Err(crate::error::Error::Io { path, source }),
    }
}

/// Whether any execute bit is set (git records it as mode 100755).
#[cfg(unix)]
pub(crate) fn is_executable(metadata: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    metadata.permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
pub(crate) fn is_executable(_: &std::fs::Metadata) -> bool {
    false
}

#[cfg(unix)]
fn is_link_refusal(e: &std::io::Error) -> bool {
    // O_NOFOLLOW on a link fails with ELOOP (EMLINK on some BSDs).
    matches!(e.raw_os_error(), Some(libc::ELOOP) | Some(libc::EMLINK))
}

#[cfg(not(unix))]
fn is_link_refusal(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::Other && e.to_string() == "a symbolic link"
}

/// Opens for reading without following a link; non-blocking, so opening a FIFO returns at
/// once (and is then refused as not a regular file) instead of waiting for a writer.
#[cfg(unix)]
pub(crate) fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
pub(crate) fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(std::io::Error::other("a symbolic link"));
    }
    std::fs::File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_links_special_files_and_oversized_files() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("a.txt");
        std::fs::write(&file, b"hello").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            read_regular_file(&file, 5).map(|f| f.bytes).ok(),
            Some(b"hello".to_vec())
        );
        assert!(matches!(
            read_regular_file(&file, 4),
            Err(ReadError::TooLarge { size: 5, limit: 4 })
        ));
        assert!(read_regular_file(&file, u64::MAX).is_ok());
        assert!(matches!(
            read_regular_file(dir.path(), 10),
            Err(ReadError::NotRegular)
        ));
        assert!(matches!(
            read_regular_file(&dir.path().join("missing"), 10),
            Err(ReadError::NotFound)
        ));
        #[cfg(unix)]
        {
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(&file, &link).unwrap_or_else(|e| panic!("{e}"));
            assert!(matches!(read_regular_file(&link, 10), Err(ReadError::Link)));
            assert!(matches!(
                read_regular_file(Path::new("/dev/zero"), 10),
                Err(ReadError::NotRegular)
            ));
        }
    }
}
