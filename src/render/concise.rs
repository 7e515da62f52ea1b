//! `file:line:col: severity[code] message`, one line per diagnostic, for editors and grep.

use crate::diagnostic::Report;
use std::fmt::Write;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let start = d.location.start;
        // Messages are escaped when made; a stray new line would still split a record, so fold it.
        let message = d.message.replace(['\n', '\r'], " ");
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            d.file, start.line, start.column, d.severity, d.code, message
        );
    }
    out
}
