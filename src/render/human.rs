//! The human report, drawn by miette's graphical handler: the snippet, a label under the exact
//! span, the help line. Snippets pass through [`neutralize_for_terminal`] so a bidi override or
//! an escape sequence in a file cannot reach the reader's terminal.

use crate::diagnostic::{Diagnostic, Report, Severity, Tally};
use crate::text::neutralize_for_terminal;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    super::render_string(report, super::Format::Human(options))
}

pub(crate) struct HumanStream {
    handler: GraphicalReportHandler,
}

impl HumanStream {
    pub(crate) fn new(options: HumanOptions) -> Self {
        let theme = if options.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_links(false)
            .with_width(options.width)
            .with_context_lines(1);
        HumanStream { handler }
    }
}

impl super::StreamRenderer for HumanStream {
    /// Draws each diagnostic of the batch, with the batch's texts for snippets.
    fn batch(&mut self, report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let sources: BTreeMap<&str, Arc<SourceFile>> = report
            .sources
            .iter()
            .map(|(file, text)| {
                let text = neutralize_for_terminal(text);
                let line_starts = crate::text::line_starts(&text);
                (
                    file.as_str(),
                    Arc::new(SourceFile {
                        source: NamedSource::new(file.clone(), text),
                        line_starts,
                    }),
                )
            })
            .collect();
        let mut drawn = String::new();
        for d in &report.diagnostics {
            drawn.clear();
            let drawable = Drawable::new(d, &sources);
            if self.handler.render_report(&mut drawn, &drawable).is_err() {
                drawn = format!("{}: {}[{}] {}\n", d.file, d.severity, d.code, d.message);
            }
            drawn.push('\n');
            out.write_all(drawn.as_bytes())?;
        }
        Ok(())
    }

    fn finish(&mut self, tally: Tally, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        writeln!(out, "{}", super::summary_line(tally))
    }
}

/// A file's text as drawn (neutralized for the terminal), with its line starts.
struct SourceFile {
    source: NamedSource<String>,
    line_starts: Vec<usize>,
}

impl SourceFile {
    fn text(&self) -> &str {
        self.source.inner()
    }

    /// The byte range of a line (0-based), without its line break.
    fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text().len(), |next| next - 1);
        start..end
    }

    /// The 0-based line that holds `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }
}

/// Lines longer than this (in bytes) are cut around the span when drawn.
const LONG_LINE: usize = 300;
/// Characters of a long line shown on each side of the span.
const AROUND: usize = 60;
/// Characters of a long span shown.
const SPAN_SHOWN: usize = 120;

/// The lines around one span, with long lines cut, for a diagnostic on a long line: without
/// it, every finding on an 80 KB line of prose would reprint the whole line.
struct Excerpt {
    name: String,
    text: String,
    /// The 0-based line of the file where the excerpt starts.
    first_line: usize,
    /// Where the span starts in the excerpt, and its 0-based column in the file.
    span_offset: usize,
    span_column: usize,
}

impl Excerpt {
    /// `None` when the lines around the span are short enough to draw whole (or the span
    /// crosses lines, which only objects and arrays do, on short lines).
    fn new(
        file: &SourceFile,
        name: &str,
        location: &crate::text::Location,
    ) -> Option<(Excerpt, std::ops::Range<usize>)> {
        let span = location.bytes.clone();
        let text = file.text();
        if span.start > span.end || span.end > text.len() {
            return None;
        }
        let line = file.line_of(span.start);
        let current = file.line_range(line);
        if span.end > current.end {
            return None;
        }
        let before = line.checked_sub(1).map(|l| file.line_range(l));
        let after = (line + 1 < file.line_starts.len()).then(|| file.line_range(line + 1));
        let long = |r: &std::ops::Range<usize>| r.len() > LONG_LINE;
        if !long(&current)
            && !before.as_ref().is_some_and(long)
            && !after.as_ref().is_some_and(long)
        {
            return None;
        }
        let cut_context = |r: std::ops::Range<usize>| -> String {
            let line = &text[r];
            if line.len() <= LONG_LINE {
                return line.to_owned();
            }
            let kept: String = line.chars().take(AROUND * 2).collect();
            format!("{kept}…")
        };
        let mut excerpt = String::new();
        if let Some(before) = before.clone() {
            excerpt.push_str(&cut_context(before));
            excerpt.push('\n');
        }
        let head = &text[current.start..span.start];
        let head_chars = head.chars().count();
        let (head_shown, head_cut) = if head_chars > AROUND {
            let skip = head
                .char_indices()
                .nth(head_chars - AROUND)
                .map_or(0, |(at, _)| at);
            (&head[skip..], true)
        } else {
            (head, false)
        };
        if head_cut {
            excerpt.push('…');
        }
        excerpt.push_str(head_shown);
        let span_offset = excerpt.len();
        let spanned = &text[span.clone()];
        let spanned_shown: &str = match spanned.char_indices().nth(SPAN_SHOWN) {
            Some((at, _)) => &spanned[..at],
            None => spanned,
        };
        excerpt.push_str(spanned_shown);
        let span_in_excerpt = span_offset..excerpt.len();
        let tail_start = span.start + spanned_shown.len();
        let tail = &text[tail_start..current.end];
        let tail_shown: &str = match tail.char_indices().nth(AROUND) {
            Some((at, _)) => &tail[..at],
            None => tail,
        };
        excerpt.push_str(tail_shown);
        if tail_shown.len() < tail.len() {
            excerpt.push('…');
        }
        if let Some(after) = after {
            excerpt.push('\n');
            excerpt.push_str(&cut_context(after));
        }
        Some((
            Excerpt {
                name: name.to_owned(),
                text: excerpt,
                first_line: line - usize::from(before.is_some()),
                span_offset,
                span_column: location.start.column.saturating_sub(1),
            },
            span_in_excerpt,
        ))
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let contents = self.text.as_str().read_span(span, before, after)?;
        // The header's column is the file's, not the excerpt's.
        let column = if span.offset() == self.span_offset {
            self.span_column
        } else {
            contents.column()
        };
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            contents.data(),
            *contents.span(),
            contents.line() + self.first_line,
            column,
            contents.line_count(),
        )))
    }
}

/// A diagnostic with what miette needs to draw it.
struct Drawable<'a> {
    diagnostic: &'a Diagnostic,
    source: Option<Drawn>,
    labels: Vec<LabeledSpan>,
    /// Related places in other files, drawn as nested reports.
    elsewhere: Vec<Drawable<'a>>,
    message: String,
    /// A related place drawn under its diagnostic: no code, no help of its own.
    nested: bool,
}

/// What a diagnostic's snippet is drawn from: the whole file, or an excerpt of a long line.
enum Drawn {
    File(Arc<SourceFile>),
    Excerpt(Box<Excerpt>),
}

impl Drawn {
    fn as_source(&self) -> &dyn SourceCode {
        match self {
            Drawn::File(file) => &file.source,
            Drawn::Excerpt(excerpt) => excerpt.as_ref(),
        }
    }
}

impl<'a> Drawable<'a> {
    fn new(d: &'a Diagnostic, sources: &BTreeMap<&str, Arc<SourceFile>>) -> Self {
        let file = sources.get(d.file.as_str()).cloned();
        let excerpt = file
            .as_ref()
            .and_then(|file| Excerpt::new(file, &d.file, &d.location));
        // Several labels are drawn on one snippet only when every line they stand on is short:
        // miette pads each label to its column, and a column past 65,535 makes it panic. On a
        // long line each related place gets a snippet (an excerpt) of its own.
        let on_long_line = |location: &Option<crate::text::Location>| {
            location.as_ref().is_some_and(|location| {
                file.as_ref()
                    .is_some_and(|file| Excerpt::new(file, &d.file, location).is_some())
            })
        };
        let labels_together = excerpt.is_none()
            && !d
                .related
                .iter()
                .any(|r| r.file == d.file && on_long_line(&r.location));
        let (source, primary) = match excerpt {
            Some((excerpt, span)) => (Some(Drawn::Excerpt(Box::new(excerpt))), span),
            None => (file.map(Drawn::File), d.location.bytes.clone()),
        };
        let mut labels = Vec::new();
        let mut elsewhere = Vec::new();
        let mut message = d.message.clone();
        if source.is_some() {
            labels.push(LabeledSpan::new_primary_with_span(
                Some(d.label.clone()).filter(|l| !l.is_empty()),
                (primary.start, primary.len()),
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
                related.file == d.file && source.is_some() && labels_together,
            ) {
                (Some(location), true) => labels.push(LabeledSpan::new_with_span(
                    Some(related.message.clone()),
                    (location.bytes.start, location.bytes.len()),
                )),
                (location, _) => {
                    let related_file = sources
                        .get(related.file.as_str())
                        .cloned()
                        .filter(|_| location.is_some());
                    let related_excerpt = related_file
                        .as_ref()
                        .zip(location.as_ref())
                        .and_then(|(file, location)| Excerpt::new(file, &related.file, location));
                    let (source, span) = match related_excerpt {
                        Some((excerpt, span)) => {
                            (Some(Drawn::Excerpt(Box::new(excerpt))), Some(span))
                        }
                        None => (
                            related_file.map(Drawn::File),
                            location.as_ref().map(|l| l.bytes.clone()),
                        ),
                    };
                    elsewhere.push(Drawable {
                        diagnostic: d,
                        source,
                        labels: span
                            .iter()
                            .map(|span| {
                                LabeledSpan::new_with_span(
                                    Some(related.message.clone()),
                                    (span.start, span.len()),
                                )
                            })
                            .collect(),
                        elsewhere: Vec::new(),
                        message: format!("{}: {}", related.file, related.message),
                        nested: true,
                    });
                }
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
        self.source.as_ref().map(Drawn::as_source)
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
