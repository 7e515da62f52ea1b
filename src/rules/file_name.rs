//! # file-name
//!
//! ## What it catches
//! An entry whose file name is not `<id>.json` for its own `id`, or a file under `dataset/`
//! whose name is not a lower-case slug (`^[a-z0-9]+(-[a-z0-9]+)*\.json$`), including two names
//! that differ only in case, and an id that is a Windows device name (`con`, `prn`, `aux`,
//! `nul`, `com1`–`com9`, `lpt1`–`lpt9`).
//!
//! ## Why it matters
//! Downstream projects and reviewers find an entry by its id; a file named otherwise is lost
//! or shadows another entry on case-insensitive file systems (macOS, Windows). Windows cannot
//! create or check out a file named after a device, whatever its extension (`nul.json` is the
//! device `NUL`), so one such entry breaks every Windows checkout of the dataset.
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
use super::view::{self, EntryView};
use crate::json::Target;
use crate::text::quoted;

pub(crate) const CODE: super::RuleCode = super::RuleCode::FileName;

pub(crate) use crate::dataset::names::{is_device_name, is_entry_file_name, is_entry_id, is_slug};

/// Why `id` cannot name an entry, in words for a person; `None` when it can.
pub(crate) fn id_refusal(id: &str) -> Option<String> {
    if is_device_name(id) {
        Some(format!(
            "the id {} is a Windows device name, which no Windows checkout can hold as a file",
            quoted(id)
        ))
    } else if id == crate::model::RESERVED_ID {
        Some(format!(
            "the id {} is reserved: dataset/redirects.json is the table of redirected ids",
            quoted(id)
        ))
    } else if !is_slug(id) {
        Some(format!(
            "the id {} is not a lower-case slug (letters a–z, digits and single hyphens)",
            quoted(id)
        ))
    } else {
        None
    }
}

/// The finding for a file whose name cannot be an entry's (the message is the problem's).
pub(crate) fn name_problem(problem: &crate::dataset::FileProblem) -> Finding {
    use crate::dataset::FileProblem;
    let help = match problem {
        FileProblem::BadName { name }
            if name
                .strip_suffix(".json")
                .is_some_and(|stem| is_slug(stem) && is_device_name(stem)) =>
        {
            "name the entry after the company with more than the device name, e.g. `con-corp`"
        }
        FileProblem::CaseCollision { .. } => {
            "keep one file per entry; case-insensitive file systems cannot hold both"
        }
        _ => "name entry files `<id>.json`, where the id uses only a–z, 0–9 and single hyphens",
    };
    Finding::new(CODE, Target::bytes(0..0), problem.to_string()).help(help)
}

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    let Some(id) = ctx.entry().id() else { return };
    if id != ctx.file_stem {
        out.push(
            Finding::new(
                CODE,
                Target::value(view::pointer(EntryView::AT, &[], EntryView::ID)),
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
