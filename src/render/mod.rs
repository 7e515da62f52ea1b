//! Renderers: pure functions from a [`Report`] to text. None of them prints.

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

use crate::diagnostic::Report;

/// The one-line tally that ends a report.
pub fn summary_line(report: &Report) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {} in {}",
        plural(report.errors(), "error"),
        plural(report.warnings(), "warning"),
        plural(report.files, "file")
    )
}
