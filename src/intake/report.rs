//! The bot's comment: what was understood, what is wrong and how to fix it, in words a
//! volunteer who has never used git follows. Every piece of the submission is escaped, so
//! nothing in it becomes a mention, a link, HTML or a workflow command.

use super::{BODY_FIELD, IntakeReport};
use crate::diagnostic::Severity;
use crate::text::escape_markdown as escape;

/// The most a report posted as a comment may hold, in bytes. GitHub refuses a comment over
/// 65,536 characters, and the workflow adds a few lines of its own to the report
/// (.github/scripts/intake.sh): bytes are never fewer than characters, however GitHub counts
/// them, and what is left is room for the workflow's lines.
pub const COMMENT_MAX_BYTES: usize = 60_000;

/// The whole report, in GitHub Markdown; [`fit_to_comment`] makes the bot's comment of it.
pub fn markdown(report: &IntakeReport) -> String {
    if report.form != super::FormKind::ProposeCompany {
        return change_markdown(report);
    }
    let mut out = header(report);
    let name = report
        .entry
        .as_ref()
        .map_or_else(|| "(no name yet)".to_owned(), |e| escape(&e.name));
    out.push_str(&format!("## Submission check: {name}\n\n"));
    if let Some(listed) = &report.already_listed {
        out.push_str(&already_listed(report, listed));
        understood(report, &mut out);
        return out;
    }
    let errors = error_count(report);
    if errors == 0 {
        out.push_str("**Ready for a maintainer.** Nothing needs fixing. A maintainer will check the sources and, when they agree, turn this into a pull request.\n\n");
    } else {
        out.push_str(&format!(
            "**Needs changes: {errors} thing{} to fix.** Edit this issue (the ··· menu, then *Edit*) and fix what is listed below; this comment updates within a few minutes.\n\n",
            if errors == 1 { "" } else { "s" }
        ));
    }
    what_to_fix(report, errors, &mut out);
    good_to_know(report, &mut out);
    understood(report, &mut out);
    if let Some(file) = &report.file {
        out.push_str(&format!(
            "\nThe entry would be saved as `{}`; it starts as *unverified* and *under review* until a maintainer checks it.\n",
            file.replace('`', "")
        ));
    }
    out
}

/// The comment on a correction, a response or a delisting proposal: what would change in the
/// entry, as the review shows a change, and what to fix first.
fn change_markdown(report: &IntakeReport) -> String {
    let mut out = header(report);
    let what = match report.form {
        super::FormKind::CorrectEntry => "Correction",
        super::FormKind::CompanyResponse => "Response",
        _ => "Delisting proposal",
    };
    let subject = match (&report.entry, &report.id) {
        (Some(entry), Some(id)) => format!("{} (`{}`)", escape(&entry.name), id.replace('`', "")),
        (None, Some(id)) => format!("`{}`", id.replace('`', "")),
        _ => "(no entry yet)".to_owned(),
    };
    out.push_str(&format!("## {what} check: {subject}\n\n"));
    let errors = error_count(report);
    if errors > 0 {
        out.push_str(&format!(
            "**Needs changes: {errors} thing{} to fix.** Edit this issue (the ··· menu, then *Edit*) and fix what is listed below; this comment updates within a few minutes.\n\n",
            if errors == 1 { "" } else { "s" }
        ));
    } else if report.by_hand {
        out.push_str("**For a maintainer.** This part of an entry is corrected by hand: a maintainer reads your report and its sources, and makes the change in a pull request that links here.\n\n");
    } else {
        out.push_str("**Ready for a maintainer.** Nothing needs fixing. A maintainer will check the sources and decide; when they agree, the change below becomes a pull request.\n\n");
    }
    what_to_fix(report, errors, &mut out);
    if let Some(diff) = &report.diff {
        out.push_str("### What would change\n\n");
        out.push_str(&crate::review::markdown(std::slice::from_ref(diff)));
        out.push('\n');
    }
    good_to_know(report, &mut out);
    understood(report, &mut out);
    if let (Some(file), Some(_)) = (&report.file, &report.diff) {
        out.push_str(&format!(
            "\nApproving it opens a pull request that changes `{}`.\n",
            file.replace('`', "")
        ));
    }
    out
}

/// The prefix of the line that names what the report would write ([`change_digest`]).
pub const CHANGE_LINE_PREFIX: &str = "<!-- icelist-intake-change-sha256: ";

/// The report's first two lines: the marker the workflow finds the bot's comment by, and the
/// digest of what approving it would write. The workflow's approval holds only while a new
/// check of the same text gives the same digest, so an entry changed, merged or renamed on the
/// default branch after the check cannot slip a different change under the approval.
fn header(report: &IntakeReport) -> String {
    format!(
        "<!-- icelist-intake -->\n{CHANGE_LINE_PREFIX}{} -->\n",
        change_digest(report)
    )
}

/// SHA-256 of the form, the file, the entry as it would be written and the change shown.
pub fn change_digest(report: &IntakeReport) -> String {
    use sha2::{Digest, Sha256};
    let what = serde_json::json!({
        "form": report.form,
        "file": report.file,
        "entry": report.entry,
        "changes": report.changes,
        "by_hand": report.by_hand,
    });
    Sha256::digest(what.to_string().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn error_count(report: &IntakeReport) -> usize {
    report.problems.len()
        + report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
}

/// "What to fix": the form's problems on the volunteer's lines, then the lint's errors, in
/// plain words.
fn what_to_fix(report: &IntakeReport, errors: usize, out: &mut String) {
    if errors > 0 {
        out.push_str("### What to fix\n\n");
        for problem in &report.problems {
            let place = match problem.line {
                Some(line) => format!("{}, line {line}", field_name(report, &problem.field)),
                None => field_name(report, &problem.field),
            };
            out.push_str(&format!(
                "- **{}**: {}\n",
                escape(&place),
                escape(&problem.message)
            ));
        }
        for d in report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
        {
            // Plain words: the rule's code and the JSON Pointer stay in `--format json`.
            out.push_str(&format!(
                "- **{}**: {}\n",
                escape(&where_in_entry(report, &d.pointer)),
                escape(plain_message(d))
            ));
        }
        out.push('\n');
    }
}

/// "Good to know": what intake did on its own, and the lint's warnings.
fn good_to_know(report: &IntakeReport, out: &mut String) {
    let warnings: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    if !warnings.is_empty() || !report.notes.is_empty() {
        out.push_str("### Good to know\n\n");
        for note in &report.notes {
            // Intake's own words: nothing of the submission is in them.
            out.push_str(&format!("- {note}\n"));
        }
        for d in warnings {
            out.push_str(&format!(
                "- {}: {}\n",
                escape(&where_in_entry(report, &d.pointer)),
                escape(plain_message(d))
            ));
        }
        out.push('\n');
    }
}

/// "What we understood": each field as the entry will hold it.
fn understood(report: &IntakeReport, out: &mut String) {
    if !report.understood.is_empty() {
        out.push_str("### What we understood\n\n| Field | Value |\n| --- | --- |\n");
    }
    for (_, label, value) in &report.understood {
        let shown = if value.is_empty() {
            "*(empty)*".to_owned()
        } else {
            escape(value).replace('\n', "<br>")
        };
        out.push_str(&format!("| {} | {shown} |\n", escape(label)));
    }
}

/// A company that is already listed: which entry, where to read it, and how to correct it.
/// Nothing in the submission needs fixing, and no file will be written.
fn already_listed(report: &IntakeReport, id: &str) -> String {
    let id = id.replace('`', "");
    let mut text = format!(
        "**Already listed.** This company looks like `{id}`, which is in the list already, so this submission will not add a new entry.\n\n"
    );
    if let Some(site) = &report.site_url {
        text.push_str(&format!(
            "- Its page: {site}companies/{id}.html\n"
        ));
    }
    let form = report.repository.as_deref().and_then(|repository| {
        crate::settings::issue_form_url(
            repository,
            crate::settings::CORRECT_FORM,
            None,
            Some(&id),
        )
    });
    match form {
        Some(form) => text.push_str(&format!(
            "- To correct or add to it, use the \"Report an error\" form: {form}\n"
        )),
        None => text.push_str(
            "- To correct or add to it, open a new issue with the \"Report an error\" form and name the entry.\n",
        ),
    }
    text.push_str("\nIf it is a different company with a similar name, say so in a comment: a maintainer will look.\n\n");
    text
}

/// A lint finding's message in the volunteer's words: the schema's messages begin with the
/// JSON Pointer of the value (`` `/founded`: ``), which the place already says.
fn plain_message(d: &crate::diagnostic::Diagnostic) -> &str {
    let message = d.message.as_str();
    match message.strip_prefix('`').and_then(|rest| rest.split_once("`: ")) {
        Some((pointer, rest)) if pointer.starts_with('/') || pointer.is_empty() => rest,
        _ => message,
    }
}

/// The report cut at a line boundary to fit a comment ([`COMMENT_MAX_BYTES`]), with the number
/// of lines left out and where the whole report is: `full_report_saved` when it was written to
/// a file that the workflow attaches to its run.
pub fn fit_to_comment(markdown: &str, full_report_saved: bool) -> String {
    if markdown.len() <= COMMENT_MAX_BYTES {
        return markdown.to_owned();
    }
    let lines: Vec<&str> = markdown.split_inclusive('\n').collect();
    let tail = |left: usize| {
        format!(
            "\n... and {left} more line{} of this report. {}\n",
            if left == 1 { "" } else { "s" },
            if full_report_saved {
                "The full report is attached to the workflow run that wrote this comment, as an artifact."
            } else {
                "`icelist intake --full-report FILE` writes all of it."
            }
        )
    };
    // The longest tail: the count left out is at most every line.
    let room = COMMENT_MAX_BYTES.saturating_sub(tail(lines.len()).len());
    let mut kept = String::new();
    let mut count = 0;
    for line in &lines {
        if kept.len() + line.len() > room {
            break;
        }
        kept.push_str(line);
        count += 1;
    }
    kept.push_str(&tail(lines.len() - count));
    kept
}

fn field_name(report: &IntakeReport, id: &str) -> String {
    if id == BODY_FIELD {
        return "The issue's text".into();
    }
    report
        .understood
        .iter()
        .find(|(field, _, _)| field == id)
        .map_or_else(|| id.to_owned(), |(_, label, _)| label.clone())
}

/// A lint finding's place, in the form's words: the field's label, and for a source the line
/// the volunteer typed it on (whatever number it was given).
fn where_in_entry(report: &IntakeReport, pointer: &str) -> String {
    if let Some(index) = pointer.strip_prefix("/sources/") {
        let line = match index.split('/').next().map(str::parse::<usize>) {
            Some(Ok(i)) => report
                .source_lines
                .get(i)
                .copied()
                .filter(|l| *l > 0)
                .unwrap_or(i + 1),
            _ => return field_name(report, "sources"),
        };
        return format!("{}, line {line}", field_name(report, "sources"));
    }
    let Some(field) = super::form_field(pointer) else {
        return "The entry".into();
    };
    let label = field_name(report, field);
    if label == field {
        // Not a field of the form: said in words, not as a property name.
        "The entry".into()
    } else {
        label
    }
}
