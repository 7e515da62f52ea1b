//! The canonical form of an entry: 2-space indent, keys in the model's order
//! (unknown keys after, in their order), `\n` line endings, a final newline, no BOM, and no
//! character escaped unless JSON requires it. One form, so diffs show only real changes. The
//! redirect table has one too: old ids sorted, each redirect's keys in the model's order.

use crate::load::LoadFailure;
use serde_json::{Map, Value};

/// Why a file cannot be formatted. Such a file is never touched.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unformattable {
    #[error("it is not valid UTF-8")]
    Encoding,
    #[error("it does not parse: {0}")]
    Syntax(String),
    #[error(
        "it repeats a key or holds a number a double cannot hold; fix what `icelist lint` reports first"
    )]
    Lossy,
    /// The redirect table does not read through the model, or would not write back the same.
    #[error("it does not read as the redirect table ({0}); fix what `icelist lint` reports first")]
    NotTheTable(String),
}

/// What `icelist fmt` did to the entries it was given, or, with `--check`, would do.
#[derive(Debug, Default)]
pub struct Formatted {
    /// The files rewritten (or that would be), as `dataset/<id>.json`.
    pub changed: Vec<String>,
    /// The files left as they are, and why.
    pub refused: Vec<(String, FormatRefusal)>,
}

/// Why `fmt` left a file as it was.
#[derive(Debug, thiserror::Error)]
pub enum FormatRefusal {
    #[error("not read (see `icelist lint`)")]
    NotRead,
    #[error("not formatted: {0}")]
    Unformattable(#[from] Unformattable),
    /// Writing was refused (the file became a link, the folder is not a real one, ...).
    #[error("not formatted: {0}")]
    Write(String),
}

/// Rewrites each entry file and the redirect table of `files` that `include` selects in
/// canonical form (see [`format_entries`]).
pub fn format_dataset(
    files: &crate::dataset::DatasetFiles,
    include: &dyn Fn(&str) -> bool,
    max_file_size: u64,
    area: Option<&crate::temp_area::TempArea>,
) -> crate::error::Result<Formatted> {
    let mut done = format_entries(&files.entries, include, max_file_size, area)?;
    if let Some(table) = files.redirects.as_ref() {
        format_each(
            std::slice::from_ref(table),
            include,
            max_file_size,
            area,
            format_redirects,
            &mut done,
        )?;
    }
    Ok(done)
}

/// Rewrites each of `entries` that `include` selects in canonical form, atomically through
/// `area`; without an area (`--check`) only says which would change. A file that cannot be
/// read, parsed without loss, or written safely is refused and left exactly as it was.
pub fn format_entries(
    entries: &[crate::dataset::Candidate],
    include: &dyn Fn(&str) -> bool,
    max_file_size: u64,
    area: Option<&crate::temp_area::TempArea>,
) -> crate::error::Result<Formatted> {
    let mut done = Formatted::default();
    format_each(entries, include, max_file_size, area, format_entry, &mut done)?;
    Ok(done)
}

/// Formats each of `files` that `include` selects with `format`, into `done`.
fn format_each(
    files: &[crate::dataset::Candidate],
    include: &dyn Fn(&str) -> bool,
    max_file_size: u64,
    area: Option<&crate::temp_area::TempArea>,
    format: fn(&[u8]) -> Result<String, Unformattable>,
    done: &mut Formatted,
) -> crate::error::Result<()> {
    for candidate in files.iter().filter(|c| include(&c.file)) {
        let Ok(bytes) = candidate.read(max_file_size) else {
            done.refused
                .push((candidate.file.clone(), FormatRefusal::NotRead));
            continue;
        };
        let text = match format(&bytes) {
            Ok(text) if text.as_bytes() == bytes.as_slice() => continue,
            Ok(text) => text,
            Err(why) => {
                done.refused.push((candidate.file.clone(), why.into()));
                continue;
            }
        };
        if let Some(area) = area {
            match crate::write::write_atomic(area, &candidate.path, text.as_bytes()) {
                Ok(()) => {}
                Err(crate::error::Error::Refused { reason, .. }) => {
                    done.refused
                        .push((candidate.file.clone(), FormatRefusal::Write(reason)));
                    continue;
                }
                Err(e) => return Err(e),
            }
        }
        done.changed.push(candidate.file.clone());
    }
    Ok(())
}

/// Parses an entry for rewriting: only when nothing would be lost by re-serializing it.
pub fn parse_for_rewrite(bytes: &[u8]) -> Result<Value, Unformattable> {
    let read = crate::load::read(bytes, |parsed| match parsed.is_lossless() {
        Ok(true) => Ok(parsed.to_value()),
        Ok(false) => Err(Unformattable::Lossy),
        Err((_, message)) => Err(Unformattable::Syntax(message.clone())),
    });
    match read {
        Ok(value) => value,
        Err(LoadFailure::NotUtf8 { .. }) => Err(Unformattable::Encoding),
        Err(LoadFailure::Syntax(e)) => Err(Unformattable::Syntax(e.to_string())),
    }
}

/// Formats bytes of an entry canonically.
///
/// Whole numbers at integer fields are written as integers (`1.999e3` → `1999`): the same
/// value, in the one spelling every reader takes as an integer.
pub fn format_entry(bytes: &[u8]) -> Result<String, Unformattable> {
    let mut value = parse_for_rewrite(bytes)?;
    integers_as_integers(&mut value);
    Ok(to_canonical_text(&value))
}

/// Formats the redirect table's bytes canonically (old ids sorted, two-space indentation, a
/// final newline), only when the table reads through the model and writes back every value it
/// holds (unknown fields and reasons included).
pub fn format_redirects(bytes: &[u8]) -> Result<String, Unformattable> {
    let value = parse_for_rewrite(bytes)?;
    let table: crate::model::Redirects = serde_json::from_value(value.clone())
        .map_err(|e| Unformattable::NotTheTable(crate::text::escape_untrusted(&e.to_string())))?;
    let text = table.to_canonical_text();
    match serde_json::from_str::<Value>(&text) {
        Ok(back) if back == value => Ok(text),
        _ => Err(Unformattable::NotTheTable(
            "writing it back would change a value".into(),
        )),
    }
}

/// Serializes a parsed entry in canonical form, keys in the model's order
/// ([`crate::model::key_order`]).
pub fn to_canonical_text(value: &Value) -> String {
    let ordered = reorder(value, Some(crate::model::key_order()));
    let mut text = serde_json::to_string_pretty(&ordered).unwrap_or_default();
    text.push('\n');
    text
}

/// Rebuilds objects with keys in the order of `shape` (a skeleton from
/// [`crate::model::key_order`]). Entries nest only a few levels and the parser bounds depth at
/// 128, so recursion here cannot overflow.
fn reorder(value: &Value, shape: Option<&Value>) -> Value {
    match value {
        Value::Object(map) => {
            let mut ordered = Map::with_capacity(map.len());
            if let Some(Value::Object(known)) = shape {
                for (key, sub_shape) in known {
                    if let Some(v) = map.get(key) {
                        ordered.insert(key.clone(), reorder(v, Some(sub_shape)));
                    }
                }
            }
            for (key, v) in map {
                if !ordered.contains_key(key) {
                    ordered.insert(key.clone(), reorder(v, None));
                }
            }
            Value::Object(ordered)
        }
        Value::Array(items) => {
            let item_shape = shape.and_then(Value::as_array).and_then(|a| a.first());
            Value::Array(items.iter().map(|v| reorder(v, item_shape)).collect())
        }
        other => other.clone(),
    }
}

/// Writes whole numbers at the schema's integer fields as integers (`1.999e3` → `1999`):
/// `integer-literal`'s repair, which `fmt` applies too; returns how many values changed.
pub fn integers_as_integers(entry: &mut Value) -> usize {
    crate::rules::integer_literal::write_as_integers(entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_entries_rewrites_what_changes_and_refuses_by_kind() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let entry = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
            crate::dataset::Candidate {
                file: format!("dataset/{name}"),
                path,
                stem: name.trim_end_matches(".json").to_owned(),
            }
        };
        let canonical = to_canonical_text(&serde_json::json!({"id": "a", "name": "A"}));
        let entries = [
            entry("a.json", &canonical),
            entry("b.json", "{\"name\": \"B\",   \"id\": \"b\"}"),
            entry("c.json", "{\"id\": "),
            entry("d.json", "{\"id\": \"d\", \"id\": \"e\"}"),
        ];
        let checked =
            format_entries(&entries, &|_| true, 1 << 20, None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(checked.changed, ["dataset/b.json"]);
        let refused: Vec<(&str, bool)> = checked
            .refused
            .iter()
            .map(|(file, why)| {
                let syntax = matches!(why, FormatRefusal::Unformattable(Unformattable::Syntax(_)));
                (file.as_str(), syntax)
            })
            .collect();
        assert_eq!(
            refused,
            [("dataset/c.json", true), ("dataset/d.json", false)]
        );
        // --check writes nothing; a selection leaves the rest alone.
        let b = std::fs::read_to_string(dir.path().join("b.json")).unwrap_or_default();
        assert!(b.contains("   "), "{b}");
        let only_a = format_entries(&entries, &|f| f == "dataset/a.json", 1 << 20, None)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(only_a.changed.is_empty() && only_a.refused.is_empty());
    }

    #[test]
    fn the_redirect_table_is_formatted_only_when_nothing_is_lost() {
        let table = r#"{"zeta-old": {"to": "zeta", "reason": "renamed", "date": "2026-01-02"},
  "acme-old": {"date": "2026-01-01", "to": "acme", "reason": "merged", "note": "one company", "later_field": [1]}}"#;
        let text = format_redirects(table.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert!(text.ends_with("}\n") && text.contains("\n  \"acme-old\": {\n"), "{text}");
        assert!(
            text.find("acme-old") < text.find("zeta-old"),
            "old ids sorted: {text}"
        );
        assert!(text.contains("\"later_field\""), "an unknown field is kept: {text}");
        assert_eq!(format_redirects(text.as_bytes()).as_deref(), Ok(text.as_str()));
        // A table the model cannot read is left alone, and so is one it would change.
        for broken in [
            r#"{"a": {"to": "b"}}"#,
            r#"{"a": {"to": "b", "reason": "renamed", "date": "2026-1-2"}}"#,
            r#"["a"]"#,
        ] {
            assert!(
                matches!(format_redirects(broken.as_bytes()), Err(Unformattable::NotTheTable(_))),
                "{broken}"
            );
        }
        assert_eq!(
            format_redirects(br#"{"a": {"to": "b", "to": "c"}}"#),
            Err(Unformattable::Lossy)
        );
    }
}
