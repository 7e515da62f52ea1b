//! Review renderers: text (a terminal), markdown (a pull-request comment or job summary) and
//! JSON (a contract). Entry text is untrusted: escaped for the terminal, HTML-escaped in
//! Markdown (so it can neither inject markup nor mention people).

use super::{ChangeKind, EntryChange, EntryDiff, FieldChange};
use crate::text::escape_untrusted;
use crate::view::{self, AwardView, BoycottView, EntryView, SectionsView, SourceView};
use serde_json::{Value, json};
use similar::{ChangeTag, TextDiff};
use std::fmt::Write;

#[derive(Debug, Clone, Copy, Default)]
pub struct TextOptions {
    pub color: bool,
}

/// Words of context kept around each change in prose.
const CONTEXT_WORDS: usize = 6;

fn show(value: &Option<Value>) -> String {
    match value {
        None => "(none)".into(),
        Some(Value::String(s)) => escape_untrusted(s),
        Some(v) => escape_untrusted(&v.to_string()),
    }
}

/// The old and new text of a changed section, which renders as a word-level diff.
fn prose(change: &FieldChange) -> Option<(&str, &str)> {
    match (&change.old, &change.new) {
        (Some(Value::String(old)), Some(Value::String(new)))
            if change.kind == ChangeKind::Changed
                && change
                    .path
                    .rsplit_once('/')
                    .is_some_and(|(at, _)| at == SectionsView::AT) =>
        {
            Some((old, new))
        }
        _ => None,
    }
}

fn headline(entry: &EntryDiff) -> String {
    let mut files = entry
        .file
        .clone()
        .or(entry.old_file.clone())
        .unwrap_or_default();
    if entry.change == EntryChange::Renamed && entry.old_file != entry.file {
        files = format!("{} → {}", entry.old_file.clone().unwrap_or_default(), files);
    }
    // File names come from git and ids and keys from the entry: both untrusted.
    format!(
        "{} {} ({})",
        entry.change.as_str(),
        escape_untrusted(&entry.id),
        escape_untrusted(&files)
    )
}

fn describe(change: &FieldChange) -> String {
    let what = match &change.subject {
        Some(subject) => {
            let field = change.path.rsplit('/').next().unwrap_or_default();
            // `/claims/0/awards/1` is a whole award, named by its subject: no field to add.
            let whole_award = view::matches(&change.path, AwardView::AT, "");
            if change.path.matches('/').count() > 2 && !whole_award {
                format!("{subject} {field}")
            } else {
                subject.clone()
            }
        }
        None => change.path.clone(),
    };
    let what = escape_untrusted(&what);
    match change.kind {
        ChangeKind::Added => format!("+ {what}: {}", show(&change.new)),
        ChangeKind::Removed => format!("- {what}: {}", show(&change.old)),
        ChangeKind::Changed if view::matches(&change.path, SourceView::AT, SourceView::ID) => {
            format!(
                "~ {what}: renumbered [{}] → [{}]",
                show(&change.old),
                show(&change.new)
            )
        }
        ChangeKind::Changed => format!("~ {what}: {} → {}", show(&change.old), show(&change.new)),
    }
}

/// The word-level runs between two texts, whitespace kept: joining the `Equal` and `Delete`
/// runs gives `old` exactly, joining the `Equal` and `Insert` runs gives `new`. A run of white
/// space alone between two changes belongs to the change, so "best known for" → "famous for"
/// reads as `best known` replaced by `famous`, not as two edits around a kept space.
fn word_runs(old: &str, new: &str) -> Vec<(ChangeTag, String)> {
    let diff = TextDiff::from_words(old, new);
    let tokens: Vec<(ChangeTag, &str)> = diff
        .iter_all_changes()
        .map(|change| (change.tag(), change.value()))
        .collect();
    let mut runs: Vec<(ChangeTag, String)> = Vec::new();
    // The deleted and inserted text of the change being gathered.
    let mut deleted = String::new();
    let mut inserted = String::new();
    let flush =
        |runs: &mut Vec<(ChangeTag, String)>, deleted: &mut String, inserted: &mut String| {
            if !deleted.is_empty() {
                runs.push((ChangeTag::Delete, std::mem::take(deleted)));
            }
            if !inserted.is_empty() {
                runs.push((ChangeTag::Insert, std::mem::take(inserted)));
            }
        };
    for (i, (tag, value)) in tokens.iter().enumerate() {
        match tag {
            ChangeTag::Delete => deleted.push_str(value),
            ChangeTag::Insert => inserted.push_str(value),
            ChangeTag::Equal => {
                let in_change = !deleted.is_empty() || !inserted.is_empty();
                let change_follows = tokens
                    .get(i + 1)
                    .is_some_and(|(next, _)| *next != ChangeTag::Equal);
                if in_change && change_follows && value.chars().all(char::is_whitespace) {
                    deleted.push_str(value);
                    inserted.push_str(value);
                    continue;
                }
                flush(&mut runs, &mut deleted, &mut inserted);
                match runs.last_mut() {
                    Some((ChangeTag::Equal, run)) => run.push_str(value),
                    _ => runs.push((ChangeTag::Equal, (*value).to_owned())),
                }
            }
        }
    }
    flush(&mut runs, &mut deleted, &mut inserted);
    runs
}

/// The byte offset just past the first `n` words of `text` (or its end).
fn after_words(text: &str, n: usize) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            if in_word {
                words += 1;
                if words == n {
                    return at;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    text.len()
}

/// The byte offset where the last `n` words of `text` start (or 0).
fn before_last_words(text: &str, n: usize) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for (at, c) in text.char_indices().rev() {
        if c.is_whitespace() {
            if in_word {
                words += 1;
                if words == n {
                    return at + c.len_utf8();
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    0
}

/// Word-level differences with a few words of context; unchanged stretches become `…`. The
/// white space kept is the text's own.
fn word_diff(old: &str, new: &str, mut mark: impl FnMut(ChangeTag, &str) -> String) -> String {
    let changes = word_runs(old, new);
    let mut out = String::new();
    for (i, (tag, run)) in changes.iter().enumerate() {
        if *tag == ChangeTag::Equal && run.split_whitespace().count() > CONTEXT_WORDS * 2 {
            // A long unchanged run: keep a few words next to each change.
            let head = if i > 0 {
                &run[..after_words(run, CONTEXT_WORDS)]
            } else {
                ""
            };
            let tail = if i + 1 < changes.len() {
                &run[before_last_words(run, CONTEXT_WORDS)..]
            } else {
                ""
            };
            let gap_before = if head.is_empty() { "" } else { " " };
            let gap_after = if tail.is_empty() { "" } else { " " };
            out.push_str(&mark(
                *tag,
                &format!("{head}{gap_before}…{gap_after}{tail}"),
            ));
            continue;
        }
        out.push_str(&mark(*tag, run));
    }
    out.trim().to_owned()
}

pub fn text(entries: &[EntryDiff], options: TextOptions) -> String {
    let mut out = String::new();
    let count = |k: EntryChange| entries.iter().filter(|e| e.change == k).count();
    let _ = writeln!(
        out,
        "{} {} changed: {} added, {} removed, {} modified, {} renamed",
        entries.len(),
        if entries.len() == 1 {
            "entry"
        } else {
            "entries"
        },
        count(EntryChange::Added),
        count(EntryChange::Removed),
        count(EntryChange::Modified),
        count(EntryChange::Renamed)
    );
    let paint = |code: &str, s: &str| {
        if options.color {
            format!("\u{1b}[{code}m{s}\u{1b}[0m")
        } else {
            s.to_owned()
        }
    };
    for entry in entries {
        let _ = writeln!(out, "\n{}", paint("1", &headline(entry)));
        for error in &entry.errors {
            let _ = writeln!(out, "  ! {}", escape_untrusted(error));
        }
        for t in entry.transitions() {
            let _ = writeln!(
                out,
                "  ▲ {}: {} → {}",
                escape_untrusted(&t.path[1..].replace('/', ".")),
                show(&t.old),
                show(&t.new)
            );
        }
        if matches!(entry.change, EntryChange::Added | EntryChange::Removed) {
            let value = |key: &str| {
                entry
                    .changes
                    .iter()
                    .find(|c| view::is_entry_field(&c.path, key))
                    .map(|c| show(if c.new.is_some() { &c.new } else { &c.old }))
            };
            let sources = entry
                .changes
                .iter()
                .find(|c| view::is_entry_field(&c.path, EntryView::SOURCES))
                .and_then(|c| c.new.as_ref().or(c.old.as_ref()))
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            let _ = writeln!(
                out,
                "  name: {}; boycott: {}; {} source{}",
                value(EntryView::NAME).unwrap_or_default(),
                entry
                    .changes
                    .iter()
                    .find(|c| view::is_entry_field(&c.path, EntryView::BOYCOTT))
                    .map(|c| show(
                        &c.new
                            .clone()
                            .or(c.old.clone())
                            .and_then(|b| b.get(BoycottView::STATUS).cloned())
                    ))
                    .unwrap_or_default(),
                sources,
                if sources == 1 { "" } else { "s" }
            );
            continue;
        }
        for change in &entry.changes {
            if let Some((old, new)) = prose(change) {
                let diff = word_diff(
                    &escape_untrusted(old),
                    &escape_untrusted(new),
                    |tag, word| match tag {
                        ChangeTag::Equal => word.to_owned(),
                        ChangeTag::Delete if options.color => paint("31;9", word),
                        ChangeTag::Insert if options.color => paint("32", word),
                        ChangeTag::Delete => format!("[-{word}-]"),
                        ChangeTag::Insert => format!("{{+{word}+}}"),
                    },
                );
                let _ = writeln!(out, "  ~ {}:\n      {diff}", escape_untrusted(&change.path));
            } else {
                let _ = writeln!(out, "  {}", describe(change));
            }
        }
    }
    out
}

/// Escapes untrusted text for GitHub Markdown: HTML-escaped, table pipes and mentions defused.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in escape_untrusted(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '|' => out.push_str("&#124;"),
            '@' => out.push_str("&#64;"),
            '`' => out.push_str("&#96;"),
            '*' | '_' | '[' | ']' | '#' | '~' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// One source as a reviewer reads it: `[id] title, publisher (type, date)` and its links, each
/// shown as text (a link in a review is not followed by a click on its label).
fn source_line(source: &Value) -> String {
    let field = |name: &str| source.get(name).and_then(Value::as_str).map(md);
    let mut line = format!(
        "[{}] {}, {}",
        source
            .get(SourceView::ID)
            .map_or_else(String::new, |id| md(&id.to_string())),
        field(SourceView::TITLE).unwrap_or_default(),
        field(SourceView::PUBLISHER).unwrap_or_default()
    );
    let facts: Vec<String> = [SourceView::TYPE, SourceView::DATE]
        .iter()
        .filter_map(|f| field(f))
        .collect();
    if !facts.is_empty() {
        line.push_str(&format!(" ({})", facts.join(", ")));
    }
    for (label, name) in [("url", SourceView::URL), ("archived", SourceView::ARCHIVE_URL)] {
        if let Some(url) = field(name) {
            line.push_str(&format!("; {label}: <code>{url}</code>"));
        }
    }
    if field(SourceView::URL).is_none() {
        line.push_str("; no url");
    }
    line
}

fn md_value(value: &Option<Value>) -> String {
    format!("<code>{}</code>", md(&show(value)))
}

pub fn markdown(entries: &[EntryDiff]) -> String {
    let mut out = String::new();
    // First of all: claims a response now disputes. A disputed claim stays listed until a
    // maintainer decides, and the company's word is the first thing a reviewer weighs.
    let disputed: Vec<String> = entries
        .iter()
        .flat_map(|e| {
            e.changes
                .iter()
                .filter_map(FieldChange::newly_disputed_claim)
                .map(move |claim| {
                    format!("<code>{}</code> of <code>{}</code>", md(claim), md(&e.id))
                })
        })
        .collect();
    if !disputed.is_empty() {
        let _ = writeln!(
            out,
            "> **Disputed**: {} {} {} now disputed by a response: the {} stay{} listed until a maintainer decides; read the response and its source first.\n",
            if disputed.len() == 1 { "claim" } else { "claims" },
            disputed.join(", "),
            if disputed.len() == 1 { "is" } else { "are" },
            if disputed.len() == 1 { "claim" } else { "claims" },
            if disputed.len() == 1 { "s" } else { "" },
        );
    }
    let verifying: Vec<&str> = entries
        .iter()
        .filter(|e| e.changes_verification)
        .map(|e| e.id.as_str())
        .collect();
    if !verifying.is_empty() {
        // The first line: what a maintainer must approve before anything else.
        let _ = writeln!(
            out,
            "> **Needs a maintainer**: {} {} verified or {} a new verification date ({}); only a maintainer verifies: check them, then add the label `verification-approved`.\n",
            verifying.len(),
            if verifying.len() == 1 {
                "entry becomes"
            } else {
                "entries become"
            },
            if verifying.len() == 1 { "gets" } else { "get" },
            verifying
                .iter()
                .map(|id| format!("<code>{}</code>", md(id)))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let _ = writeln!(
        out,
        "### icelist review: {} {} changed\n",
        entries.len(),
        if entries.len() == 1 {
            "entry"
        } else {
            "entries"
        }
    );
    if entries.is_empty() {
        out.push_str("No entry changed.\n");
        return out;
    }
    out.push_str("| entry | change | summary |\n| --- | --- | --- |\n");
    for entry in entries {
        let mut summary: Vec<String> = entry
            .transitions()
            .map(|t| {
                let what = match (&t.subject, t.is_claim_status()) {
                    (Some(claim), true) => format!("{claim} status"),
                    _ => t.path[1..].replace('/', "."),
                };
                format!(
                    "**{}**: {} → {}",
                    md(&what),
                    md(&show(&t.old)),
                    md(&show(&t.new))
                )
            })
            .collect();
        if !entry.errors.is_empty() {
            summary.push("**does not parse**".into());
        }
        summary.push(format!(
            "{} change{}",
            entry.changes.len(),
            if entry.changes.len() == 1 { "" } else { "s" }
        ));
        let _ = writeln!(
            out,
            "| <code>{}</code> | {} | {} |",
            md(&entry.id),
            entry.change.as_str(),
            summary.join("; ")
        );
    }
    for entry in entries {
        let _ = writeln!(
            out,
            "\n<details><summary><b>{}</b> — {}</summary>\n",
            md(&entry.id),
            md(&headline(entry))
        );
        for error in &entry.errors {
            let _ = writeln!(out, "- :warning: {}", md(error));
        }
        for t in entry.transitions() {
            let _ = writeln!(
                out,
                "- **{}: {} → {}**",
                md(&t.path[1..].replace('/', ".")),
                md(&show(&t.old)),
                md(&show(&t.new))
            );
        }
        if matches!(entry.change, EntryChange::Added | EntryChange::Removed) {
            // A reviewer of a new entry must read what it claims and where each claim comes
            // from: the prose in full, every source with its links.
            for change in &entry.changes {
                let value = if change.new.is_some() {
                    &change.new
                } else {
                    &change.old
                };
                let field = |key: &str| view::is_entry_field(&change.path, key);
                match value {
                    value
                        if field(EntryView::NAME)
                            || field(EntryView::BOYCOTT)
                            || field(EntryView::VERIFICATION) =>
                    {
                        let _ = writeln!(
                            out,
                            "- <code>{}</code>: {}",
                            md(&change.path),
                            md_value(value)
                        );
                    }
                    Some(Value::Object(sections)) if field(EntryView::SECTIONS) => {
                        for (name, text) in sections {
                            let text = text.as_str().unwrap_or_default();
                            let at = format!("{}/{name}", SectionsView::AT);
                            let _ = writeln!(out, "- <code>{}</code>:", md(&at));
                            let paragraphs: Vec<String> = text
                                .split("\n\n")
                                .map(|paragraph| format!("  > {}", md(paragraph.trim())))
                                .collect();
                            let _ = writeln!(out, "{}", paragraphs.join("\n  >\n"));
                        }
                    }
                    Some(Value::Array(sources)) if field(EntryView::SOURCES) => {
                        let _ = writeln!(out, "- <code>{}</code>:", md(&change.path));
                        for source in sources {
                            let _ = writeln!(out, "  - {}", source_line(source));
                        }
                    }
                    _ => {}
                }
            }
            out.push_str("\n</details>\n");
            continue;
        }
        for change in &entry.changes {
            if let Some((old, new)) = prose(change) {
                let diff = word_diff(old, new, |tag, word| match tag {
                    ChangeTag::Equal => md(word),
                    ChangeTag::Delete => format!("<del>{}</del>", md(word)),
                    ChangeTag::Insert => format!("<ins>{}</ins>", md(word)),
                });
                let _ = writeln!(out, "- <code>{}</code>:\n  > {diff}", md(&change.path));
                continue;
            }
            let what = change.subject.as_ref().map_or_else(
                || format!("<code>{}</code>", md(&change.path)),
                |s| format!("{} <code>{}</code>", md(s), md(&change.path)),
            );
            let line = match change.kind {
                ChangeKind::Added => format!("- added {what}: {}", md_value(&change.new)),
                ChangeKind::Removed => format!("- removed {what}: {}", md_value(&change.old)),
                ChangeKind::Changed => format!(
                    "- {what}: {} → {}",
                    md_value(&change.old),
                    md_value(&change.new)
                ),
            };
            let _ = writeln!(out, "{line}");
        }
        out.push_str("\n</details>\n");
    }
    out
}

/// `{"version": 1, "entries": [{"id", "change", "file", "old_file", "changes": [{"path", "kind",
/// "old", "new"}]}]}`; an entry with a side that does not parse also has `"errors"`.
pub fn json(entries: &[EntryDiff]) -> String {
    let entries: Vec<Value> = entries
        .iter()
        .map(|e| {
            let mut entry = json!({
                "id": e.id,
                "change": e.change,
                "file": e.file,
                "old_file": e.old_file,
                "changes": e.changes,
            });
            if !e.errors.is_empty() {
                entry["errors"] = json!(e.errors);
            }
            entry
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&json!({ "version": 1, "entries": entries }))
        .unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    fn side(runs: &[(ChangeTag, String)], keep: ChangeTag) -> String {
        runs.iter()
            .filter(|(tag, _)| *tag == ChangeTag::Equal || *tag == keep)
            .map(|(_, run)| run.as_str())
            .collect()
    }

    #[test]
    fn a_replaced_phrase_is_one_edit_with_its_spaces_kept() {
        let runs = word_runs(
            "Acme is best known for drones.",
            "Acme is famous for drones.",
        );
        assert_eq!(
            runs,
            [
                (ChangeTag::Equal, "Acme is ".to_owned()),
                (ChangeTag::Delete, "best known".to_owned()),
                (ChangeTag::Insert, "famous".to_owned()),
                (ChangeTag::Equal, " for drones.".to_owned()),
            ]
        );
        let shown = word_diff(
            "Acme is best known for drones.",
            "Acme is famous for drones.",
            |tag, run| match tag {
                ChangeTag::Equal => run.to_owned(),
                ChangeTag::Delete => format!("[-{run}-]"),
                ChangeTag::Insert => format!("{{+{run}+}}"),
            },
        );
        assert_eq!(shown, "Acme is [-best known-]{+famous+} for drones.");
    }

    proptest! {
        /// Removing the markup of either side gives that side's text exactly.
        #[test]
        fn either_side_is_given_back_exactly(
            old in "[a-c é\n\t.]{0,40}",
            new in "[a-c é\n\t.]{0,40}",
        ) {
            let runs = word_runs(&old, &new);
            prop_assert_eq!(side(&runs, ChangeTag::Delete), old);
            prop_assert_eq!(side(&runs, ChangeTag::Insert), new);
        }
    }
}
