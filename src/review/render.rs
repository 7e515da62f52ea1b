//! Review renderers: text (a terminal), markdown (a pull-request comment or job summary) and
//! JSON (a contract). Entry text is untrusted: escaped for the terminal, HTML-escaped in
//! Markdown (so it can neither inject markup nor mention people).

use super::{ChangeKind, EntryChange, EntryDiff, FieldChange};
use crate::text::escape_untrusted;
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
            if change.path.starts_with("/sections/") && change.kind == ChangeKind::Changed =>
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
            if change.path.matches('/').count() > 2 {
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
        ChangeKind::Changed if change.path.ends_with("/id") && change.subject.is_some() => {
            format!(
                "~ {what}: renumbered [{}] → [{}]",
                show(&change.old),
                show(&change.new)
            )
        }
        ChangeKind::Changed => format!("~ {what}: {} → {}", show(&change.old), show(&change.new)),
    }
}

/// Word-level differences with a few words of context; unchanged stretches become `…`.
fn word_diff(old: &str, new: &str, mut mark: impl FnMut(ChangeTag, &str) -> String) -> String {
    let diff = TextDiff::from_words(old, new);
    // Consecutive words with the same tag form one run, so a rewritten phrase reads as one edit.
    let mut changes: Vec<(ChangeTag, String)> = Vec::new();
    for change in diff.iter_all_changes() {
        match changes.last_mut() {
            Some((tag, run)) if *tag == change.tag() => run.push_str(change.value()),
            _ => changes.push((change.tag(), change.value().to_owned())),
        }
    }
    let mut out = String::new();
    for (i, (tag, run)) in changes.iter().enumerate() {
        let words: Vec<&str> = run.split_whitespace().collect();
        if *tag == ChangeTag::Equal && words.len() > CONTEXT_WORDS * 2 {
            // A long unchanged run: keep a few words next to each change.
            let head = if i > 0 {
                format!("{} ", words[..CONTEXT_WORDS].join(" "))
            } else {
                String::new()
            };
            let tail = if i + 1 < changes.len() {
                format!(" {} ", words[words.len() - CONTEXT_WORDS..].join(" "))
            } else {
                String::new()
            };
            out.push_str(&mark(*tag, &format!("{head}…{tail}")));
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
            let value = |path: &str| {
                entry
                    .changes
                    .iter()
                    .find(|c| c.path == path)
                    .map(|c| show(if c.new.is_some() { &c.new } else { &c.old }))
            };
            let sources = entry
                .changes
                .iter()
                .find(|c| c.path == "/sources")
                .and_then(|c| c.new.as_ref().or(c.old.as_ref()))
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            let _ = writeln!(
                out,
                "  name: {}; boycott: {}; {} source{}",
                value("/name").unwrap_or_default(),
                entry
                    .changes
                    .iter()
                    .find(|c| c.path == "/boycott")
                    .map(|c| show(
                        &c.new
                            .clone()
                            .or(c.old.clone())
                            .and_then(|b| b.get("status").cloned())
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

fn md_value(value: &Option<Value>) -> String {
    format!("<code>{}</code>", md(&show(value)))
}

pub fn markdown(entries: &[EntryDiff]) -> String {
    let mut out = String::new();
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
                format!(
                    "**{}**: {} → {}",
                    md(&t.path[1..].replace('/', ".")),
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
            for change in entry.changes.iter().filter(|c| {
                matches!(
                    c.path.as_str(),
                    "/name" | "/boycott" | "/verification" | "/sources"
                )
            }) {
                let value = if change.new.is_some() {
                    &change.new
                } else {
                    &change.old
                };
                let shown = match value {
                    Some(Value::Array(items)) => format!(
                        "{} item{}",
                        items.len(),
                        if items.len() == 1 { "" } else { "s" }
                    ),
                    other => md_value(other),
                };
                let _ = writeln!(out, "- <code>{}</code>: {shown}", md(&change.path));
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
