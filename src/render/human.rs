//! The human report, drawn by miette's graphical handler: the snippet, a label under the exact
//! span, the help line. Snippets pass through [`neutralize_for_terminal`] so a bidi override or
//! an escape sequence in a file cannot reach the reader's terminal.

use crate::diagnostic::{Diagnostic, Report, Severity};
use crate::text::neutralize_for_terminal;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    pub color: bool,
    pub width: usize,
}

impl Default for HumanOptions {
    fn default() -> Self {
        HumanOptions {
            color: false,
            width: 100,
        }
    }
}

pub fn render(report: &Report, options: HumanOptions) -> String {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_width(options.width)
        .with_context_lines(1);
    let sources: BTreeMap<&str, Arc<NamedSource<String>>> = report
        .sources
        .iter()
        .map(|(file, text)| {
            (
                file.as_str(),
                Arc::new(NamedSource::new(
                    file.clone(),
                    neutralize_for_terminal(text),
                )),
            )
        })
        .collect();
    let mut out = String::new();
    for d in &report.diagnostics {
        let drawable = Drawable::new(d, &sources);
        if handler.render_report(&mut out, &drawable).is_err() {
            out.push_str(&format!(
                "{}: {}[{}] {}\n",
                d.file, d.severity, d.code, d.message
            ));
        }
        out.push('\n');
    }
    out.push_str(&super::summary_line(report));
    out.push('\n');
    out
}

/// A diagnostic with what miette needs to draw it.
struct Drawable<'a> {
    diagnostic: &'a Diagnostic,
    source: Option<Arc<NamedSource<String>>>,
    labels: Vec<LabeledSpan>,
    /// Related places in other files, drawn as nested reports.
    elsewhere: Vec<Drawable<'a>>,
    message: String,
    /// A related place drawn under its diagnostic: no code, no help of its own.
    nested: bool,
}

impl<'a> Drawable<'a> {
    fn new(d: &'a Diagnostic, sources: &BTreeMap<&str, Arc<NamedSource<String>>>) -> Self {
        let source = sources.get(d.file.as_str()).cloned();
        let mut labels = Vec::new();
        let mut elsewhere = Vec::new();
        let mut message = d.message.clone();
        if source.is_some() {
            let at = &d.location.bytes;
            labels.push(LabeledSpan::new_primary_with_span(
                Some(d.label.clone()).filter(|l| !l.is_empty()),
                (at.start, at.len()),
            ));
        } else if d.location.start.line > 1 || d.location.start.column > 1 {
            message = format!(
                "{message} (line {}, column {})",
                d.location.start.line, d.location.start.column
            );
        }
        for related in &d.related {
            match (
                &related.location,
                related.file == d.file && source.is_some(),
            ) {
                (Some(location), true) => labels.push(LabeledSpan::new_with_span(
                    Some(related.message.clone()),
                    (location.bytes.start, location.bytes.len()),
                )),
                (location, _) => elsewhere.push(Drawable {
                    diagnostic: d,
                    source: sources
                        .get(related.file.as_str())
                        .cloned()
                        .filter(|_| location.is_some()),
                    labels: location
                        .iter()
                        .map(|l| {
                            LabeledSpan::new_with_span(
                                Some(related.message.clone()),
                                (l.bytes.start, l.bytes.len()),
                            )
                        })
                        .collect(),
                    elsewhere: Vec::new(),
                    message: format!("{}: {}", related.file, related.message),
                    nested: true,
                }),
            }
        }
        Drawable {
            diagnostic: d,
            source,
            labels,
            elsewhere,
            message,
            nested: false,
        }
    }
}

impl fmt::Debug for Drawable<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Drawable<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.source.is_none() && !self.nested {
            write!(f, "{}: {}", self.diagnostic.file, self.message)
        } else {
            f.write_str(&self.message)
        }
    }
}

impl std::error::Error for Drawable<'_> {}

impl miette::Diagnostic for Drawable<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        if self.nested {
            return None;
        }
        Some(Box::new(self.diagnostic.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        if self.nested {
            return Some(miette::Severity::Advice);
        }
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        if self.nested {
            return None;
        }
        self.diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_deref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.source.is_none() || self.labels.is_empty() {
            return None;
        }
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.elsewhere.is_empty() {
            return None;
        }
        Some(Box::new(
            self.elsewhere.iter().map(|d| d as &dyn miette::Diagnostic),
        ))
    }
}
