//! Finding the entry files under `dataset/`. Only regular files named like an id are entries;
//! everything else is reported and never read (a link's target is never opened or printed).

use crate::checkout::{FileBytes, ReadError, read_regular_file};
use crate::error::{Error, Result};
use crate::rules::{Finding, file_name, file_size, file_type};
use crate::text::escape_untrusted;
use std::path::{Path, PathBuf};

pub const DATASET_DIR: &str = "dataset";
pub const SCHEMA_PATH: &str = "schema/company.schema.json";

/// One entry file to lint.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Relative to the root, `/`-separated: `dataset/acme-widgets.json`.
    pub file: String,
    pub path: PathBuf,
    /// The file name without `.json`: what the entry's id must be.
    pub stem: String,
}

impl Candidate {
    /// Reads the file (see [`crate::checkout::read_regular_file`]): a link, a special file or
    /// anything over `limit` bytes is a finding, never read.
    pub fn read(&self, limit: u64) -> std::result::Result<Vec<u8>, Box<Finding>> {
        self.read_file(limit).map(|file| file.bytes)
    }

    /// [`Candidate::read`], with the file's execute bit.
    pub fn read_file(&self, limit: u64) -> std::result::Result<FileBytes, Box<Finding>> {
        read_regular_file(&self.path, limit).map_err(|e| {
            Box::new(match e {
                ReadError::TooLarge { size, limit } => file_size::finding(size, limit),
                ReadError::Link => file_type::finding(&format!(
                    "the symbolic link {}",
                    escape_untrusted(&self.file)
                )),
                ReadError::NotRegular => file_type::finding(&escape_untrusted(&self.file)),
                e => file_type::finding(&format!(
                    "{} (cannot be read: {e})",
                    escape_untrusted(&self.file)
                )),
            })
        })
    }
}

/// Names that differ from another listed name only in case, each with one such other name.
/// Entry file names are lowercase, so two of them never collide: every collision involves a
/// name that is not an entry file name, and only those (rare) names are folded and compared.
fn case_collisions(sorted: &[(std::ffi::OsString, std::fs::FileType)]) -> Vec<(String, String)> {
    let mut folded: Vec<(String, String)> = sorted
        .iter()
        .map(|(raw, _)| raw.to_string_lossy())
        .filter(|name| !file_name::is_entry_file_name(name))
        .map(|name| (name.to_lowercase(), name.into_owned()))
        .collect();
    folded.sort();
    let mut collisions = Vec::new();
    for group in folded.chunk_by(|a, b| a.0 == b.0) {
        let lower = &group[0].0;
        let entry_named_lower = group.iter().all(|(_, name)| name != lower)
            && sorted
                .binary_search_by(|(raw, _)| raw.as_os_str().cmp(std::ffi::OsStr::new(lower)))
                .is_ok();
        for (_, name) in group {
            let other = group
                .iter()
                .map(|(_, other)| other)
                .find(|other| *other != name)
                .or(entry_named_lower.then_some(lower));
            if let Some(other) = other {
                collisions.push((name.clone(), other.clone()));
            }
        }
    }
    collisions
}

/// The files under `dataset/`: entries to lint, and problems with the rest.
#[derive(Debug, Clone, Default)]
pub struct DatasetFiles {
    pub root: PathBuf,
    /// Sorted by file.
    pub entries: Vec<Candidate>,
    /// (relative file, finding) for what is not an entry.
    pub problems: Vec<(String, Finding)>,
}

impl DatasetFiles {
    /// The identity keys of every entry file that reads and parses, with its file name (a
    /// file that does not is the lint's to report, not a duplicate's).
    pub(crate) fn identity_keys(
        &self,
        max_file_size: u64,
    ) -> impl Iterator<Item = (&str, crate::identity::IdentityKeys)> {
        self.entries.iter().filter_map(move |candidate| {
            let bytes = candidate.read(max_file_size).ok()?;
            Some((
                candidate.file.as_str(),
                crate::identity::IdentityKeys::of_bytes(&bytes)?,
            ))
        })
    }

    pub fn discover(root: &Path) -> Result<Self> {
        crate::checkout::require_real_folder(root, DATASET_DIR)?;
        let dir = root.join(DATASET_DIR);
        let listing = std::fs::read_dir(&dir).map_err(|source| {
            if source.kind() == std::io::ErrorKind::NotFound {
                Error::DatasetMissing {
                    root: root.to_owned(),
                }
            } else {
                Error::Io {
                    path: dir.clone(),
                    source,
                }
            }
        })?;
        let mut files = DatasetFiles {
            root: root.to_owned(),
            ..Default::default()
        };
        let mut listed = Vec::new();
        for item in listing {
            let item = item.map_err(|source| Error::Io {
                path: dir.clone(),
                source,
            })?;
            // The directory entry's own type: it does not follow links, and on most file systems
            // it costs no stat call.
            let kind = item.file_type().map_err(|source| Error::Io {
                path: item.path(),
                source,
            })?;
            listed.push((item.file_name(), kind));
        }
        listed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (name, other) in case_collisions(&listed) {
            let file = format!("{DATASET_DIR}/{}", escape_untrusted(&name));
            files
                .problems
                .push((file, file_name::case_collision(&name, &other)));
        }
        // Classifying is an allocation or three per file: on two threads for 100,000 files.
        let classified: Vec<_> = {
            use rayon::prelude::*;
            listed
                .par_iter()
                .map(|(raw_name, kind)| classify(raw_name, dir.join(raw_name), *kind))
                .collect()
        };
        for item in classified {
            files.push(item);
        }
        files.entries.sort_by(|a, b| a.file.cmp(&b.file));
        Ok(files)
    }

    /// The given root-relative files under `dataset/` only (those a change touched), classified
    /// as [`DatasetFiles::discover`] would, without listing the whole folder. Files that no
    /// longer exist are left out.
    pub fn only(root: &Path, relative: &[String]) -> Result<Self> {
        crate::checkout::require_real_folder(root, DATASET_DIR)?;
        let mut files = DatasetFiles {
            root: root.to_owned(),
            ..Default::default()
        };
        let mut seen = std::collections::HashSet::new();
        for file in relative {
            let Some(name) = file.strip_prefix(&format!("{DATASET_DIR}/")) else {
                continue;
            };
            // A file in a subfolder is reported as a full lint reports it: the subfolder, once.
            let name = name.split('/').next().unwrap_or(name);
            if !seen.insert(name) {
                continue;
            }
            let path = root.join(DATASET_DIR).join(name);
            let Ok(metadata) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            files.push(classify(
                std::ffi::OsStr::new(name),
                path,
                metadata.file_type(),
            ));
        }
        files.entries.sort_by(|a, b| a.file.cmp(&b.file));
        Ok(files)
    }

    fn push(&mut self, item: Classified) {
        match item {
            Classified::Entry(candidate) => self.entries.push(candidate),
            Classified::Problem(file, finding) => self.problems.push((file, *finding)),
        }
    }
}

/// The id an entry file's name promises: `dataset/acme-widgets.json` → `acme-widgets`.
pub fn entry_stem(file: &str) -> &str {
    file.rsplit('/')
        .next()
        .unwrap_or(file)
        .trim_end_matches(".json")
}

/// What one directory entry is.
enum Classified {
    Entry(Candidate),
    Problem(String, Box<Finding>),
}

/// Classifies one directory entry: an entry to lint, or a problem to report.
fn classify(raw_name: &std::ffi::OsStr, path: PathBuf, kind: std::fs::FileType) -> Classified {
    let name = raw_name.to_string_lossy();
    let file = format!("{DATASET_DIR}/{}", escape_untrusted(&name));
    let problem = |what: &str| {
        let finding = file_type::finding(&format!("{what} {file}"));
        Classified::Problem(file.clone(), Box::new(finding))
    };
    if kind.is_symlink() {
        problem("the symbolic link")
    } else if kind.is_dir() {
        problem("the directory")
    } else if !kind.is_file() {
        problem("the special file")
    } else if raw_name
        .to_str()
        .is_none_or(|n| !file_name::is_entry_file_name(n))
    {
        if name.to_ascii_lowercase().ends_with(".json") {
            Classified::Problem(file.clone(), Box::new(file_name::bad_name(&name)))
        } else {
            problem("the file")
        }
    } else {
        let stem = entry_stem(&name).to_owned();
        Classified::Entry(Candidate { file, path, stem })
    }
}

/// The dataset, every entry read and parsed through the typed model ([`crate::model::Entry`]),
/// in id order. Loading does not lint: `icelist lint` says whether the data is valid. A file
/// that cannot be read as an entry is an error, never skipped.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    entries: Vec<crate::model::Entry>,
}

impl Dataset {
    /// Reads `root/dataset/*.json` (the same bounded, no-follow reads as the lint).
    pub fn load(root: impl AsRef<Path>) -> Result<Self> {
        use rayon::prelude::*;
        let root = root.as_ref();
        let files = DatasetFiles::discover(root)?;
        if let Some((file, finding)) = files.problems.first() {
            return Err(Error::EntryNotLoaded {
                file: file.clone(),
                reason: finding.message.clone(),
            });
        }
        let mut entries = files
            .entries
            .par_iter()
            .map(|candidate| {
                let fail = |reason: String| Error::EntryNotLoaded {
                    file: candidate.file.clone(),
                    reason,
                };
                let bytes = candidate
                    .read(crate::settings::DEFAULT_MAX_FILE_SIZE)
                    .map_err(|finding| fail(finding.message))?;
                crate::model::Entry::from_json_bytes(&bytes).map_err(|e| fail(e.to_string()))
            })
            .collect::<Result<Vec<_>>>()?;
        entries.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(Dataset { entries })
    }

    /// Every entry, in id order.
    pub fn entries(&self) -> &[crate::model::Entry] {
        &self.entries
    }

    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&crate::model::Entry> {
        self.entries
            .binary_search_by(|entry| entry.id.as_str().cmp(id))
            .ok()
            .map(|at| &self.entries[at])
    }
}
