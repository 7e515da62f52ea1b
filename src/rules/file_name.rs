//! # file-name
//!
//! ## What it catches
//! An entry whose file name is not `<id>.json` for its own `id`, or a file under `dataset/`
//! whose name is not a lower-case slug (`^[a-z0-9]+(-[a-z0-9]+)*\.json$`), including two names
//! that differ only in case.
//!
//! ## Why it matters
//! Downstream projects and reviewers find an entry by its id; a file named otherwise is lost
//! or shadows another entry on case-insensitive file systems (macOS, Windows).
//!
//! ## Example
//! `dataset/acme.json` holding `"id": "acme-widgets"`.
//!
//! ## Use instead
//! `dataset/acme-widgets.json` holding `"id": "acme-widgets"`.
//!
//! ## Fix
//! Not automatic: rename the file (or correct the id of a new entry). A published id never
//! changes: see `id-changed`.

use super::{EntryContext, Finding, Findings};
use crate::json::Target;
use crate::text::quoted;

pub(crate) const CODE: super::RuleCode = super::RuleCode::FileName;

/// Whether `name` is an acceptable entry file name.
pub(crate) fn is_entry_file_name(name: &str) -> bool {
    name.strip_suffix(".json").is_some_and(is_slug)
}

/// `^[a-z0-9]+(-[a-z0-9]+)*$`
pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

pub(crate) fn bad_name(name: &str) -> Finding {
    Finding::new(
        CODE,
        Target::bytes(0..0),
        format!(
            "the file name {} is not a lower-case slug ending in .json",
            quoted(name)
        ),
    )
    .help("name entry files `<id>.json`, where the id uses only a–z, 0–9 and single hyphens")
}

pub(crate) fn case_collision(name: &str, other: &str) -> Finding {
    Finding::new(
        CODE,
        Target::bytes(0..0),
        format!(
            "the file names {} and {} differ only in case",
            quoted(name),
            quoted(other)
        ),
    )
    .help("keep one file per entry; case-insensitive file systems cannot hold both")
}

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    let Some(id) = ctx.str_at("/id") else { return };
    if id != ctx.file_stem {
        out.push(
            Finding::new(
                CODE,
                Target::value("/id"),
                format!(
                    "the id {} differs from the file name {}: an entry lives in `<id>.json`",
                    quoted(id),
                    quoted(&format!("{}.json", ctx.file_stem))
                ),
            )
            .label("id differs from the file name")
            .help(format!(
                "rename the file to {}, or set the id to {}",
                quoted(&format!("{}.json", crate::text::escape_untrusted(id))),
                quoted(ctx.file_stem)
            )),
        );
    }
}
