//! # file-size
//!
//! ## What it catches
//! An entry file larger than the size limit (1 MiB by default; `max_file_size` in
//! `icelist.toml`). The limit is checked before the file is read.
//!
//! ## Why it matters
//! An entry is a few kilobytes. A huge file is a mistake or an attempt to exhaust the
//! memory of the CI machine that reviews pull requests.
//!
//! ## Example
//! A 50 MiB `dataset/acme-widgets.json`.
//!
//! ## Use instead
//! An entry that holds one company's data and sources, well under the limit.
//!
//! ## Fix
//! Not automatic.

use super::Finding;
use crate::json::Target;

pub(crate) const CODE: super::RuleCode = super::RuleCode::FileSize;

pub(crate) fn finding(size: u64, limit: u64) -> Finding {
    Finding::new(
        CODE,
        Target::bytes(0..0),
        format!("the file is {size} bytes, over the limit of {limit} bytes, so it was not read"),
    )
    .help("an entry is a few kilobytes: check that the file holds one company (the limit is `max_file_size` in icelist.toml)")
}
