//! GitHub Actions workflow commands: one `::error` / `::warning` annotation per diagnostic.
//!
//! Entry text is untrusted. Every value is escaped as GitHub documents, so a name holding
//! "\n::add-mask::" can never start a line of its own.

use crate::diagnostic::{Report, Severity};
use std::fmt::Write;

/// Escapes the message part of a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=`, `title=`): also `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(report: &Report) -> String {
    super::render_string(report, super::Format::Github)
}

pub(crate) struct GithubStream;

impl super::StreamRenderer for GithubStream {
    fn batch(&mut self, report: &Report, sink: &mut dyn std::io::Write) -> std::io::Result<()> {
        render_to(report, sink)
    }
}

/// Writes the report one line at a time.
fn render_to(report: &Report, sink: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut out = String::new();
    for d in &report.diagnostics {
        out.clear();
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let (start, end) = (d.location.start, d.location.end);
        let mut properties = format!("file={},line={}", escape_property(&d.file), start.line);
        if start.line == end.line {
            // GitHub's endColumn is inclusive; ours is exclusive.
            let end_column = end.column.saturating_sub(1).max(start.column);
            let _ = write!(
                properties,
                ",col={},endLine={},endColumn={end_column}",
                start.column, end.line
            );
        } else {
            let _ = write!(properties, ",endLine={}", end.line);
        }
        let _ = write!(properties, ",title={}", escape_property(d.code.as_str()));
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let _ = writeln!(out, "::{command} {properties}::{}", escape_data(&message));
        sink.write_all(out.as_bytes())?;
    }
    Ok(())
}
