//! The JSON report: a public contract that other tools parse.
//!
//! `{"version": 1, "diagnostics": [{"code", "severity", "message", "file", "line", "column",
//! "end_line", "end_column", "pointer"}], "summary": {"files", "errors", "warnings"}}`.
//! Lines and columns are 1-based, columns count characters, the end is exclusive.

use crate::diagnostic::Report;
use serde_json::json;

pub fn render(report: &Report) -> String {
    let diagnostics: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| {
            json!({
                "code": d.code,
                "severity": d.severity,
                "message": d.message,
                "file": d.file,
                "line": d.location.start.line,
                "column": d.location.start.column,
                "end_line": d.location.end.line,
                "end_column": d.location.end.column,
                "pointer": d.pointer,
            })
        })
        .collect();
    let document = json!({
        "version": 1,
        "diagnostics": diagnostics,
        "summary": {
            "files": report.files,
            "errors": report.errors(),
            "warnings": report.warnings(),
        },
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
