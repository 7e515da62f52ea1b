//! Block markup in a section, read as lines of text: a list (`*`, `#`, `:`, `;` at a line's
//! start) one item a line, an ordered item with its number as the wiki shows it (`1. `); a
//! table (`{| ... |}`) one row a line, its cells separated by ` | `, its caption a line before
//! them. No table or list markup reaches the prose.

use super::markup::{heading_line, logical_line_end, short, split_top_level};
use super::{ITEM, Reader, line_end};

/// The list markers at the start of a line.
pub(super) fn list_prefix(line: &str) -> Option<&str> {
    let length = line
        .bytes()
        .take_while(|b| matches!(b, b'*' | b'#' | b':' | b';'))
        .count();
    (length > 0).then(|| &line[..length])
}

/// Whether a table starts on this line: `{|` after any spaces or `:` indents (MediaWiki
/// trims a line before it looks for table markup).
pub(super) fn starts_table(line: &str) -> bool {
    line.trim_start_matches([' ', '\t', ':']).starts_with("{|")
}

/// The numbers of ordered list items, one counter a nesting level.
#[derive(Debug, Default)]
pub(super) struct ListNumbers {
    markers: Vec<u8>,
    counts: Vec<u32>,
}

impl ListNumbers {
    /// What starts an item with these markers: its number for an ordered item (`2. `), else
    /// nothing. An item continues the numbering of the items before it at its level.
    pub fn item(&mut self, prefix: &str) -> String {
        let markers = prefix.as_bytes();
        let same = self
            .markers
            .iter()
            .zip(markers)
            .take_while(|(a, b)| a == b)
            .count();
        self.counts.truncate(same);
        self.counts.resize(markers.len(), 0);
        self.markers = markers.to_vec();
        match (markers.last(), self.counts.last_mut()) {
            (Some(b'#'), Some(count)) => {
                *count += 1;
                format!("{count}. ")
            }
            _ => String::new(),
        }
    }
}

impl Reader<'_> {
    /// The table at the start of `text`, into `out` as [`ITEM`] lines; returns the text after
    /// it. A table never closed ends at the next heading (MediaWiki would run it to the end
    /// of the page), and the report says so.
    pub(super) fn table<'t>(&mut self, text: &'t str, out: &mut String) -> &'t str {
        let line = self.line_of(text);
        let place = line.map_or_else(String::new, |line| format!(" on line {line}"));
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut row: Vec<String> = Vec::new();
        let mut depth = 0usize;
        let mut closed = false;
        let mut nested = false;
        let mut rest = text;
        while !rest.is_empty() {
            if depth > 0 && heading_line(&rest[..line_end(rest)]).is_some() {
                break;
            }
            let end = logical_line_end(rest);
            let this = rest[..end].trim();
            rest = rest.get(end + 1..).unwrap_or_default();
            if this.trim_start_matches(':').trim_start().starts_with("{|") {
                depth += 1;
                nested |= depth > 1;
            } else if this.starts_with("|}") {
                end_row(&mut rows, &mut row);
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    closed = true;
                    break;
                }
            } else if this.starts_with("|-") {
                end_row(&mut rows, &mut row);
            } else if let Some(caption) = this.strip_prefix("|+") {
                end_row(&mut rows, &mut row);
                rows.push(vec![self.cell_text(cell_content(caption))]);
            } else if let Some(cells) = this.strip_prefix('|') {
                for cell in split_top_level(cells, "||") {
                    row.push(self.cell_text(cell_content(cell)));
                }
            } else if let Some(cells) = this.strip_prefix('!') {
                for header in split_top_level(cells, "!!") {
                    for cell in split_top_level(header, "||") {
                        row.push(self.cell_text(cell_content(cell)));
                    }
                }
            } else if !this.is_empty() {
                // A line of its own continues the cell before it.
                let text = self.cell_text(this);
                match row.last_mut() {
                    Some(cell) => {
                        cell.push(' ');
                        cell.push_str(&text);
                    }
                    None => rows.push(vec![text]),
                }
            }
        }
        end_row(&mut rows, &mut row);
        for row in rows {
            let cells: Vec<&str> = row
                .iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .collect();
            if !cells.is_empty() {
                out.push(ITEM);
                out.push_str(&cells.join(" | "));
                out.push('\n');
            }
        }
        let what = if nested {
            "a table (with a table inside it)"
        } else {
            "a table"
        };
        self.report(
            "table",
            format!("{what}{place}, read as text: one row a line, cells separated by \" | \""),
        );
        if !closed {
            self.report(
                "unclosed",
                format!(
                    "an unclosed `{{|`{place}: the table is read up to the next heading ({})",
                    short(text.get(..text.len() - rest.len()).unwrap_or_default())
                ),
            );
        }
        rest
    }

    /// A cell's content as text on one line; its footnotes are markers, as in the prose.
    fn cell_text(&mut self, content: &str) -> String {
        let mut text = String::new();
        self.read_into(content, &mut text);
        text.replace('\n', " ")
    }
}

fn end_row(rows: &mut Vec<Vec<String>>, row: &mut Vec<String>) {
    if !row.is_empty() {
        rows.push(std::mem::take(row));
    }
}

/// A cell's content without its attributes (`style="..." | text`): what stands before the
/// cell's first `|` is attributes, unless it holds a link (MediaWiki's `doTableStuff`).
fn cell_content(cell: &str) -> &str {
    let parts = split_top_level(cell, "|");
    match parts.first() {
        Some(first) if parts.len() > 1 && !first.contains("[[") => {
            cell.get(first.len() + 1..).unwrap_or_default()
        }
        _ => cell,
    }
}
