//! # file-type
//!
//! ## What it catches
//! Anything under `dataset/` that is not a plain `.json` file: a symbolic link, a directory,
//! a submodule, a file of another kind (`notes.txt`, `acme.json.bak`), or an entry with its
//! execute bit set (git records the bit, so `chmod +x` is a change a reviewer would miss).
//!
//! ## Why it matters
//! A link can point outside the dataset (a pull request that links `/etc/passwd` must not
//! make CI print it), a directory or submodule hides entries from review, and a stray file is
//! usually an entry saved under the wrong name. None of them is read.
//!
//! ## Example
//! `dataset/acme-widgets.json -> ../../secrets.json`
//!
//! ## Use instead
//! A regular file `dataset/acme-widgets.json`.
//!
//! ## Fix
//! Not automatic: replace the link with the file, or move the stray file out of `dataset/`.

use super::Finding;
use crate::checkout::{FileBytes, ReadError, read_regular_file};
use crate::json::Target;
use crate::text::escape_untrusted;

pub(crate) const CODE: super::RuleCode = super::RuleCode::FileType;

pub(crate) fn finding(what: &str) -> Finding {
    let problem = crate::dataset::FileProblem::NotPlain {
        what: what.to_owned(),
    };
    Finding::new(CODE, Target::bytes(0..0), problem.to_string())
        .help("dataset/ holds only regular files named `<id>.json`: remove it or move it elsewhere")
}

/// The finding for a file under `dataset/` that discovery did not take as an entry.
pub(crate) fn of_problem(problem: &crate::dataset::FileProblem) -> Finding {
    match problem {
        crate::dataset::FileProblem::NotPlain { what } => finding(what),
        _ => super::file_name::name_problem(problem),
    }
}

/// An entry file with an execute bit: it is read and linted, and reported, so a full lint and
/// `lint --changed-since` (which sees git's mode 100755) give one answer.
pub(crate) fn executable(file: &str) -> Finding {
    Finding::new(
        CODE,
        Target::bytes(0..0),
        format!("{file} is executable: an entry is data, and git records the execute bit"),
    )
    .help(format!(
        "run `chmod -x {file}` (git: `git update-index --chmod=-x {file}`)"
    ))
}

/// Reading a candidate entry file, its problems as the lint reports them (`file-size`,
/// `file-type`).
impl crate::dataset::Candidate {
    /// Reads the file (see `crate::checkout::read_regular_file`): a link, a special file or
    /// anything over `limit` bytes is a finding, never read.
    pub fn read(&self, limit: u64) -> std::result::Result<Vec<u8>, Box<Finding>> {
        self.read_file(limit).map(|file| file.bytes)
    }

    /// `Candidate::read`, with the file's execute bit.
    pub fn read_file(&self, limit: u64) -> std::result::Result<FileBytes, Box<Finding>> {
        read_regular_file(&self.path, limit).map_err(|e| {
            Box::new(match e {
                ReadError::TooLarge { size, limit } => super::file_size::finding(size, limit),
                ReadError::Link => finding(&format!(
                    "the symbolic link {}",
                    escape_untrusted(&self.file)
                )),
                ReadError::NotRegular => finding(&escape_untrusted(&self.file)),
                e => finding(&format!(
                    "{} (cannot be read: {e})",
                    escape_untrusted(&self.file)
                )),
            })
        })
    }
}
