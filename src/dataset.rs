//! Finding the entry files under `dataset/`. Only regular files named like an id are entries;
//! everything else is reported and never read (a link's target is never opened or printed).

use crate::checkout::read_regular_file;
use crate::error::{Error, Result};
use crate::untrusted::escape_untrusted;
use std::path::{Path, PathBuf};

pub mod names;

/// The largest entry file `Dataset::load` reads (the lint's default `max_file_size`).
pub const MAX_ENTRY_FILE_SIZE: u64 = 1024 * 1024;

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

/// Names that differ from another listed name only in case, each with one such other name.
/// Entry file names are lowercase, so two of them never collide: every collision involves a
/// name that is not an entry file name, and only those (rare) names are folded and compared.
fn case_collisions(sorted: &[(std::ffi::OsString, std::fs::FileType)]) -> Vec<(String, String)> {
    let mut folded: Vec<(String, String)> = sorted
        .iter()
        .map(|(raw, _)| raw.to_string_lossy())
        .filter(|name| !names::is_entry_file_name(name))
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
    /// (relative file, why it is not read) for what is not an entry.
    pub problems: Vec<(String, FileProblem)>,
    /// `dataset/redirects.json`, the redirect table, when it is there as a regular file (its
    /// `stem` is the reserved id `redirects`).
    pub redirects: Option<Candidate>,
}

/// Why a file under `dataset/` is not read as an entry (the lint reports each as `file-type`
/// or `file-name`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FileProblem {
    /// A symbolic link, a directory, a special file or a file not named `*.json`; `what` names
    /// it with its file: `the symbolic link dataset/acme.json`.
    NotPlain { what: String },
    /// A `.json` file whose name cannot be an id.
    BadName { name: String },
    /// Two names that differ only in case.
    CaseCollision { name: String, other: String },
}

impl FileProblem {
    /// Whether the problem is the file's name (`file-name`) rather than its kind (`file-type`).
    pub fn is_about_the_name(&self) -> bool {
        !matches!(self, FileProblem::NotPlain { .. })
    }
}

impl std::fmt::Display for FileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let quoted = |s: &str| format!("\"{}\"", escape_untrusted(s));
        match self {
            FileProblem::NotPlain { what } => write!(
                f,
                "{what} under dataset/ is not a plain JSON file, so it is not read"
            ),
            FileProblem::BadName { name } => match name.strip_suffix(".json") {
                Some(stem) if names::is_slug(stem) && names::is_device_name(stem) => write!(
                    f,
                    "the file name {} is a Windows device name: Windows cannot check it out",
                    quoted(name)
                ),
                _ => write!(
                    f,
                    "the file name {} is not a lower-case slug ending in .json",
                    quoted(name)
                ),
            },
            FileProblem::CaseCollision { name, other } => write!(
                f,
                "the file names {} and {} differ only in case",
                quoted(name),
                quoted(other)
            ),
        }
    }
}

impl DatasetFiles {
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
        #[cfg(feature = "tool")]
        {
            use rayon::prelude::*;
            listed.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        }
        #[cfg(not(feature = "tool"))]
        listed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (name, other) in case_collisions(&listed) {
            let file = format!("{DATASET_DIR}/{}", escape_untrusted(&name));
            files
                .problems
                .push((file, FileProblem::CaseCollision { name, other }));
        }
        // Classifying is an allocation or three per file: on two threads for 100,000 files.
        #[cfg(feature = "tool")]
        let classified: Vec<_> = {
            use rayon::prelude::*;
            listed
                .par_iter()
                .map(|(raw_name, kind)| classify(raw_name, dir.join(raw_name), *kind))
                .collect()
        };
        #[cfg(not(feature = "tool"))]
        let classified = listed
            .iter()
            .map(|(raw_name, kind)| classify(raw_name, dir.join(raw_name), *kind));
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

    /// The redirect table as the tools that only consult it read it: empty when there is none,
    /// or when it cannot be read or does not parse (the lint reports that, and then nothing
    /// is built). [`Dataset::load`] refuses such a table instead.
    #[cfg(feature = "tool")]
    pub fn redirect_table(&self, limit: u64) -> crate::model::Redirects {
        self.redirects
            .as_ref()
            .and_then(|table| table.read(limit).ok())
            .and_then(|bytes| crate::model::Redirects::from_json_bytes(&bytes).ok())
            .unwrap_or_default()
    }

    fn push(&mut self, item: Classified) {
        match item {
            Classified::Entry(candidate) => self.entries.push(candidate),
            Classified::Redirects(candidate) => self.redirects = Some(candidate),
            Classified::Problem(file, problem) => self.problems.push((file, problem)),
        }
    }
}

/// The redirect table's root-relative path: `dataset/redirects.json`.
pub const REDIRECTS_PATH: &str = "dataset/redirects.json";

/// Whether a root-relative path is the redirect table rather than an entry.
pub fn is_redirect_table(file: &str) -> bool {
    file == REDIRECTS_PATH
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
    Redirects(Candidate),
    Problem(String, FileProblem),
}

/// Classifies one directory entry: an entry to lint, or a problem to report.
fn classify(raw_name: &std::ffi::OsStr, path: PathBuf, kind: std::fs::FileType) -> Classified {
    let name = raw_name.to_string_lossy();
    let file = format!("{DATASET_DIR}/{}", escape_untrusted(&name));
    let problem = |what: &str| {
        let what = format!("{what} {file}");
        Classified::Problem(file.clone(), FileProblem::NotPlain { what })
    };
    if kind.is_symlink() {
        problem("the symbolic link")
    } else if kind.is_dir() {
        problem("the directory")
    } else if !kind.is_file() {
        problem("the special file")
    } else if raw_name == crate::model::REDIRECTS_FILE_NAME {
        Classified::Redirects(Candidate {
            file,
            path,
            stem: crate::model::RESERVED_ID.to_owned(),
        })
    } else if raw_name
        .to_str()
        .is_none_or(|n| !names::is_entry_file_name(n))
    {
        if name.to_ascii_lowercase().ends_with(".json") {
            let name = name.into_owned();
            Classified::Problem(file, FileProblem::BadName { name })
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
    redirects: crate::model::Redirects,
}

impl Dataset {
    /// Reads `root/dataset/*.json` (the same bounded, no-follow reads as the lint, up to
    /// [`MAX_ENTRY_FILE_SIZE`] bytes a file), on every core.
    pub fn load(root: impl AsRef<Path>) -> Result<Self> {
        let root = root.as_ref();
        let files = DatasetFiles::discover(root)?;
        if let Some((file, problem)) = files.problems.first() {
            return Err(Error::EntryNotLoaded {
                file: file.clone(),
                reason: problem.to_string(),
            });
        }
        let load_one = |candidate: &Candidate| {
            let fail = |reason: String| Error::EntryNotLoaded {
                file: candidate.file.clone(),
                reason,
            };
            let file = read_regular_file(&candidate.path, MAX_ENTRY_FILE_SIZE)
                .map_err(|e| fail(e.to_string()))?;
            crate::model::Entry::from_json_bytes(&file.bytes).map_err(|e| fail(e.to_string()))
        };
        // Threads of std, not a pool: the light library has no dependency for this.
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
        let per_worker = files.entries.len().div_ceil(workers).max(1);
        let mut entries = Vec::with_capacity(files.entries.len());
        std::thread::scope(|scope| {
            let handles: Vec<_> = files
                .entries
                .chunks(per_worker)
                .map(|chunk| scope.spawn(move || chunk.iter().map(load_one).collect::<Vec<_>>()))
                .collect();
            for handle in handles {
                match handle.join() {
                    Ok(loaded) => entries.extend(loaded),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
        });
        let mut entries = entries.into_iter().collect::<Result<Vec<_>>>()?;
        entries.sort_by(|a, b| a.id.cmp(&b.id));
        let redirects = match &files.redirects {
            None => crate::model::Redirects::default(),
            Some(table) => {
                let fail = |reason: String| Error::RedirectsNotLoaded {
                    file: table.file.clone(),
                    reason,
                };
                let file = read_regular_file(&table.path, MAX_ENTRY_FILE_SIZE)
                    .map_err(|e| fail(e.to_string()))?;
                crate::model::Redirects::from_json_bytes(&file.bytes)
                    .map_err(|e| fail(e.to_string()))?
            }
        };
        Ok(Dataset { entries, redirects })
    }

    /// A dataset of these entries (sorted here) and this redirect table.
    pub fn from_parts(
        mut entries: Vec<crate::model::Entry>,
        redirects: crate::model::Redirects,
    ) -> Self {
        entries.sort_by(|a, b| a.id.cmp(&b.id));
        Dataset { entries, redirects }
    }

    /// Every entry, in id order.
    pub fn entries(&self) -> &[crate::model::Entry] {
        &self.entries
    }

    /// The entry with this id, or, for an id that was merged or renamed, the entry it now
    /// redirects to ([`Dataset::redirect`] says whether it was redirected).
    pub fn get(&self, id: &str) -> Option<&crate::model::Entry> {
        self.entry(id)
            .or_else(|| self.redirects.resolve(id).and_then(|to| self.entry(to)))
    }

    /// Where `id` redirects, when it is an old id in the redirect table rather than an entry's.
    pub fn redirect(&self, id: &str) -> Option<&crate::model::Redirect> {
        self.redirects.get(id)
    }

    /// The redirect table (empty when the dataset has no `dataset/redirects.json`).
    pub fn redirects(&self) -> &crate::model::Redirects {
        &self.redirects
    }

    /// The entry whose own id is `id` (no redirects followed).
    fn entry(&self, id: &str) -> Option<&crate::model::Entry> {
        self.entries
            .binary_search_by(|entry| entry.id.as_str().cmp(id))
            .ok()
            .map(|at| &self.entries[at])
    }
}
