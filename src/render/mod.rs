//! Renderers: from a [`Report`] to text, written to a sink. None of them prints.
//!
//! Every format renders as a stream ([`StreamRenderer`]): a start, any number of batches of
//! diagnostics (a full lint hands them over a chunk of files at a time, so a run with
//! hundreds of thousands of findings never holds them all), and an end with the tally.
//! `json(&report)` and friends render a whole report at once.

mod concise;
mod github;
mod human;
mod json;
mod sarif;

pub use concise::render as concise;
pub use github::{
    escape_data as github_escape_data, escape_property as github_escape_property, render as github,
};
pub use human::{HumanOptions, render as human};
pub use json::render as json;
pub use sarif::render as sarif;

use crate::diagnostic::{Report, Tally};
use std::io::{self, Write};

/// The report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    Human(HumanOptions),
    Json,
    Concise,
    Github,
    Sarif,
}

/// A renderer fed in batches.
pub trait StreamRenderer {
    fn start(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
    /// Diagnostics of some files, sorted, with those files' texts in `batch.sources`.
    fn batch(&mut self, batch: &Report, out: &mut dyn Write) -> io::Result<()>;
    fn finish(&mut self, _tally: Tally, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// The renderer of a format.
pub fn renderer(format: Format) -> Box<dyn StreamRenderer> {
    match format {
        Format::Human(options) => Box::new(human::HumanStream::new(options)),
        Format::Json => Box::new(json::JsonStream::default()),
        Format::Concise => Box::new(concise::ConciseStream),
        Format::Github => Box::new(github::GithubStream),
        Format::Sarif => Box::new(sarif::SarifStream::default()),
    }
}

/// Renders a whole report to a sink.
pub fn render_to(report: &Report, format: Format, out: &mut dyn Write) -> io::Result<()> {
    let mut renderer = renderer(format);
    renderer.start(out)?;
    renderer.batch(report, out)?;
    renderer.finish(report.tally(), out)
}

/// Renders a whole report to a string.
pub(crate) fn render_string(report: &Report, format: Format) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = render_to(report, format, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// The one-line tally that ends a report.
pub(crate) fn summary_line(tally: Tally) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {} in {}",
        plural(tally.errors, "error"),
        plural(tally.warnings, "warning"),
        plural(tally.files, "file")
    )
}
