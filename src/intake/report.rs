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
    let mut out = String::from("<!-- icelist-intake -->\n");
    let name = report
        .entry
        .as_ref()
        .map_or_else(|| "(no name yet)".to_owned(), |e| escape(&e.name));
    out.push_str(&format!("## Submission check: {name}\n\n"));
    let errors = report.problems.len()
        + report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
    if errors == 0 {
        out.push_str("**Ready for a maintainer.** Nothing needs fixing. A maintainer will check the sources and, when they agree, turn this into a pull request.\n\n");
    } else {
        out.push_str(&format!(
            "**Needs changes: {errors} thing{} to fix.** Edit this issue (the ··· menu, then *Edit*) and fix what is listed below; this comment updates within a few minutes.\n\n",
            if errors == 1 { "" } else { "s" }
        ));
    }
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
            out.push_str(&format!(
                "- **{}**: {} ({})\n",
                escape(&where_in_entry(&d.pointer)),
                escape(&d.message),
                escape(d.code.as_str())
            ));
        }
        out.push('\n');
    }
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
                escape(&where_in_entry(&d.pointer)),
                escape(&d.message)
            ));
        }
        out.push('\n');
    }
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
    if let Some(file) = &report.file {
        out.push_str(&format!(
            "\nThe entry would be saved as `{}`; it starts as *unverified* and *under review* until a maintainer checks it.\n",
            file.replace('`', "")
        ));
    }
    out
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

/// A lint finding's place, in the form's words.
fn where_in_entry(pointer: &str) -> String {
    let mut parts = pointer.trim_start_matches('/').split('/');
    match (parts.next(), parts.next()) {
        (Some("sections"), Some("overview")) => "Overview".into(),
        (Some("sections"), Some("boycott")) => "Why it should be listed".into(),
        (Some("sections"), Some("background")) => "Background".into(),
        (Some("sources"), Some(n)) => match n.parse::<usize>() {
            Ok(i) => format!("Sources, line {}", i + 1),
            Err(_) => "Sources".into(),
        },
        (Some("name"), _) => "Company name".into(),
        (Some("aliases"), _) => "Other names".into(),
        (Some(""), _) | (None, _) => "The entry".into(),
        (Some(other), _) => other.replace('_', " "),
    }
}
