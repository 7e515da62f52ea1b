//! # file-type
//!
//! ## What it catches
//! Anything under `dataset/` that is not a plain `.json` file: a symbolic link, a directory,
//! a submodule, or a file of another kind (`notes.txt`, `acme.json.bak`).
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

pub const CODE: &str = "file-type";

pub fn finding(what: &str) -> Finding {
    Finding::new(
        CODE,
        Target::bytes(0..0),
        format!("{what} under dataset/ is not a plain JSON file, so it is not read"),
    )
    .help("dataset/ holds only regular files named `<id>.json`: remove it or move it elsewhere")
}
