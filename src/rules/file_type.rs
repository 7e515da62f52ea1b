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
use crate::json::Target;

pub(crate) const CODE: super::RuleCode = super::RuleCode::FileType;

pub(crate) fn finding(what: &str) -> Finding {
    Finding::new(
        CODE,
        Target::bytes(0..0),
        format!("{what} under dataset/ is not a plain JSON file, so it is not read"),
    )
    .help("dataset/ holds only regular files named `<id>.json`: remove it or move it elsewhere")
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
