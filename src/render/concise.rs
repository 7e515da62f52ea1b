//! `file:line:col: severity[code] message`, one line per diagnostic, for editors and grep.

use crate::diagnostic::Report;
use std::fmt::Write;

pub fn render(report: &Report) -> String {
    super::render_string(report, super::Format::Concise)
}

pub(crate) struct ConciseStream;

impl super::StreamRenderer for ConciseStream {
    fn batch(&mut self, report: &Report, sink: &mut dyn std::io::Write) -> std::io::Result<()> {
        render_to(report, sink)
    }
}

/// Writes the report one line at a time.
fn render_to(report: &Report, sink: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut out = String::new();
    for d in &report.diagnostics {
        out.clear();
        let start = d.location.start;
        // Messages are escaped when made; a stray new line would still split a record, so fold it.
        let message = d.message.replace(['\n', '\r'], " ");
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            d.file, start.line, start.column, d.severity, d.code, message
        );
        sink.write_all(out.as_bytes())?;
    }
    Ok(())
}
