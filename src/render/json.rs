//! The JSON report: a public contract that other tools parse.
//!
//! `{"version": 1, "diagnostics": [{"code", "severity", "message", "file", "line", "column",
//! "end_line", "end_column", "pointer", "help"}], "summary": {"files", "errors", "warnings"}}`.
//! Lines and columns are 1-based, columns count characters, the end is exclusive; `help` is
//! the rule's one-line help (added within version 1).
//!
//! Written as a stream, one diagnostic at a time, so the output never exists twice in memory
//! (a report of 700,000 findings once took 3 GB as one document tree).

use crate::diagnostic::{Report, Tally};
use serde::Serialize;
use std::io::{self, Write};

pub fn render(report: &Report) -> String {
    super::render_string(report, super::Format::Json)
}

/// The document, written as batches arrive.
#[derive(Default)]
pub(crate) struct JsonStream {
    any: bool,
}

impl super::StreamRenderer for JsonStream {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"{\n  \"version\": 1,\n  \"diagnostics\": [")
    }

    fn batch(&mut self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        write_elements(out, report.diagnostics.iter(), "    ", &mut self.any)
    }

    fn finish(&mut self, tally: Tally, out: &mut dyn Write) -> io::Result<()> {
        close_elements(out, "  ", self.any)?;
        write!(
            out,
            "],\n  \"summary\": {{\n    \"files\": {},\n    \"errors\": {},\n    \"warnings\": {}\n  }}\n}}\n",
            tally.files, tally.errors, tally.warnings
        )
    }
}

/// Writes elements of a pretty-printed array, each at `indent`, as
/// `serde_json::to_string_pretty` lays out a whole document; `any` says whether an element
/// was written before (by an earlier batch).
pub(crate) fn write_elements<T: Serialize>(
    out: &mut dyn Write,
    items: impl Iterator<Item = T>,
    indent: &str,
    any: &mut bool,
) -> io::Result<()> {
    let mut buffer = Vec::new();
    for item in items {
        buffer.clear();
        serde_json::to_writer_pretty(&mut buffer, &item)?;
        out.write_all(if *any { b",\n" } else { b"\n" })?;
        *any = true;
        // Strings in JSON hold no raw line break, so every line break is the layout's.
        for (i, line) in buffer.split(|b| *b == b'\n').enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(indent.as_bytes())?;
            out.write_all(line)?;
        }
    }
    Ok(())
}

/// Ends the last element's line before the array's `]`, at the array's own indent.
pub(crate) fn close_elements(out: &mut dyn Write, indent: &str, any: bool) -> io::Result<()> {
    if any {
        out.write_all(b"\n")?;
        out.write_all(indent.as_bytes())?;
    }
    Ok(())
}
