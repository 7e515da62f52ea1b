//! The body GitHub renders from an issue form: a `### Label` line starts a field (only
//! outside fenced code blocks, and only for a label the form has), `_No response_` and `None`
//! mean empty, checkboxes are `- [x]`, `- [X]` or `- [ ]`; CRLF or LF. A fenced code block in a
//! field is kept as its text: its fence lines are dropped, its lines kept as typed.

use super::form::Form;
use std::collections::HashMap;

#[derive(Debug, Default)]
pub(crate) struct Submission {
    values: HashMap<String, String>,
    checks: HashMap<String, Vec<(String, bool)>>,
}

impl Submission {
    /// A field's text, `""` when absent or left empty.
    pub fn text(&self, id: &str) -> &str {
        self.values.get(id).map_or("", String::as_str)
    }

    /// A checkbox field's options as ticked or not.
    pub fn checked(&self, id: &str) -> &[(String, bool)] {
        self.checks.get(id).map_or(&[], Vec::as_slice)
    }
}

pub(crate) fn parse(form: &Form, body: &str) -> Submission {
    let body = body.replace("\r\n", "\n").replace('\r', "\n");
    let mut submission = Submission::default();
    let mut current: Option<(String, Vec<&str>)> = None;
    let mut fence: Option<String> = None;
    let finish = |current: Option<(String, Vec<&str>)>, submission: &mut Submission| {
        if let Some((id, lines)) = current {
            let text = lines.join("\n").trim_matches('\n').to_owned();
            let checks: Vec<(String, bool)> = lines.iter().filter_map(|l| checkbox(l)).collect();
            if !checks.is_empty() {
                submission.checks.insert(id.clone(), checks);
            }
            let empty = matches!(text.trim(), "_No response_" | "None" | "");
            submission
                .values
                .insert(id, if empty { String::new() } else { text });
        }
    };
    for line in body.split('\n') {
        let trimmed = line.trim_start();
        if let Some(marker) = fence_marker(trimmed) {
            let is_fence = match &fence {
                // A closing fence is a run at least as long as the opening one, alone.
                Some(open) if marker.starts_with(open.as_str()) && trimmed.trim() == marker => {
                    fence = None;
                    true
                }
                Some(_) => false,
                None => {
                    fence = Some(marker);
                    true
                }
            };
            // A fenced block in a field (GitHub writes `render:` fields so, and volunteers
            // paste them) is kept as the text inside it, without its fences.
            if is_fence {
                continue;
            }
        } else if fence.is_none()
            && let Some(label) = line.strip_prefix("### ")
            && let Some(field) = form.by_label(label)
        {
            finish(current.take(), &mut submission);
            current = Some((field.id.clone(), Vec::new()));
            continue;
        }
        if let Some((_, lines)) = current.as_mut() {
            lines.push(line);
        }
    }
    finish(current, &mut submission);
    submission
}

/// The run of backticks or tildes that opens or closes a fenced code block.
fn fence_marker(line: &str) -> Option<String> {
    let run = |c: char| line.chars().take_while(|x| *x == c).count();
    let ticks = run('`');
    let tildes = run('~');
    if ticks >= 3 {
        Some("`".repeat(ticks))
    } else if tildes >= 3 {
        Some("~".repeat(tildes))
    } else {
        None
    }
}

fn checkbox(line: &str) -> Option<(String, bool)> {
    let rest = line.trim_start().strip_prefix("- [")?;
    let (mark, label) = rest.split_once("] ")?;
    let checked = match mark {
        "x" | "X" => true,
        " " => false,
        _ => return None,
    };
    Some((label.trim().to_owned(), checked))
}
