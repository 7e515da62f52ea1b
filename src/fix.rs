//! `icelist lint --fix`: the mechanical repairs. Today that is citation numbering: sources are
//! renumbered 1..N in order of first citation and every marker is rewritten to match.

use crate::rules::citations::{CitationIndex, SECTIONS, renumber_markers};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// What a fix did to one entry, or why it could not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FixOutcome {
    Unchanged,
    Renumbered { moved: usize },
    NotFixable(String),
}

/// Renumbers sources by first citation and rewrites markers, in place.
pub(crate) fn renumber_sources(entry: &mut Value) -> FixOutcome {
    let citations = CitationIndex::new(entry);
    let Some(sources) = entry.get("sources").and_then(Value::as_array) else {
        return FixOutcome::Unchanged;
    };
    let mut old_ids = Vec::with_capacity(sources.len());
    for source in sources {
        match source.get("id").and_then(Value::as_u64) {
            Some(id) => old_ids.push(id),
            None => return FixOutcome::NotFixable("a source has no integer id".into()),
        }
    }
    if let Some(marker) = citations
        .markers
        .iter()
        .find(|m| !old_ids.contains(&m.number))
    {
        // Renumbering would make such a marker point at whichever source takes its number.
        return FixOutcome::NotFixable(format!(
            "the marker [{}] points at no source; correct it first",
            marker.number
        ));
    }
    let unique: HashSet<u64> = old_ids.iter().copied().collect();
    if unique.len() != old_ids.len() {
        return FixOutcome::NotFixable(
            "two sources share an id, so their markers are ambiguous".into(),
        );
    }
    // Cited sources first, in order of first citation; uncited ones keep their relative order.
    let mut order: Vec<usize> = citations
        .first_citation_order()
        .into_iter()
        .filter_map(|n| old_ids.iter().position(|&id| id == n))
        .collect();
    for i in 0..old_ids.len() {
        if !order.contains(&i) {
            order.push(i);
        }
    }
    let renumbering: HashMap<u64, u64> = order
        .iter()
        .enumerate()
        .map(|(new_index, &old_index)| (old_ids[old_index], new_index as u64 + 1))
        .collect();
    let moved = renumbering.iter().filter(|(old, new)| old != new).count();
    let reordered_list = order
        .iter()
        .enumerate()
        .any(|(position, &index)| position != index);
    if moved == 0 && !reordered_list {
        return FixOutcome::Unchanged;
    }
    let mut reordered: Vec<Value> = order.iter().map(|&i| sources[i].clone()).collect();
    for (new_index, source) in reordered.iter_mut().enumerate() {
        if let Some(object) = source.as_object_mut() {
            object.insert("id".into(), Value::from(new_index as u64 + 1));
        }
    }
    entry["sources"] = Value::Array(reordered);
    if let Some(sections) = entry.get_mut("sections").and_then(Value::as_object_mut) {
        for name in SECTIONS {
            if let Some(Value::String(text)) = sections.get_mut(name) {
                *text = renumber_markers(text, &renumbering);
            }
        }
    }
    if let Some(Value::String(reason)) = entry
        .get_mut("boycott")
        .and_then(|boycott| boycott.get_mut("reason"))
    {
        *reason = renumber_markers(reason, &renumbering);
    }
    for list in ["claims", "responses"] {
        if let Some(items) = entry.get_mut(list).and_then(Value::as_array_mut) {
            for item in items {
                if let Some(Value::String(text)) = item.get_mut("summary") {
                    *text = renumber_markers(text, &renumbering);
                }
            }
        }
    }
    FixOutcome::Renumbered { moved }
}

/// What `--fix` did to one file, or why it could not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileFix {
    Unchanged,
    /// One line per kind of repair.
    Fixed(Vec<String>),
    NotFixable(String),
}

/// Applies the fixes to every file the report flags as fixable. Files that do not parse, or
/// would lose anything by being rewritten, are never touched.
pub fn fix_files(
    files: &crate::dataset::DatasetFiles,
    report: &crate::diagnostic::Report,
    settings: &crate::config::Settings,
    area: &crate::temp_area::TempArea,
) -> crate::error::Result<Vec<(String, FileFix)>> {
    use crate::rules::Fix;
    // The repairs each file's findings offer.
    let mut flagged: std::collections::BTreeMap<&str, std::collections::BTreeSet<Fix>> =
        Default::default();
    for d in &report.diagnostics {
        if let Some(fix) = d.fix {
            flagged.entry(d.file.as_str()).or_default().insert(fix);
        }
    }
    let mut outcomes = Vec::new();
    for candidate in &files.entries {
        let Some(codes) = flagged.get(candidate.file.as_str()) else {
            continue;
        };
        let Ok(bytes) = candidate.read(settings.max_file_size) else {
            continue;
        };
        let mut entry = match crate::format::parse_for_rewrite(&bytes) {
            Ok(entry) => entry,
            Err(why) => {
                outcomes.push((candidate.file.clone(), FileFix::NotFixable(why.to_string())));
                continue;
            }
        };
        let mut repairs = Vec::new();
        let mut refusals = Vec::new();
        // In the order of `Fix` (renumbering first), and matched without a wildcard: a new
        // repair does not compile until it is dispatched here.
        for fix in codes {
            match fix {
                Fix::RenumberSources => match renumber_sources(&mut entry) {
                    FixOutcome::Renumbered { moved } => repairs.push(format!(
                        "renumbered sources by first citation ({moved} numbers changed)"
                    )),
                    FixOutcome::NotFixable(why) => refusals.push(why),
                    FixOutcome::Unchanged => {}
                },
                Fix::TrimWhitespace => {
                    let trimmed = crate::format::trim_text_fields(&mut entry);
                    if trimmed > 0 {
                        repairs.push(format!("trimmed whitespace around {trimmed} value(s)"));
                    }
                }
                Fix::IntegerLiterals => {
                    let written = crate::format::integers_as_integers(&mut entry);
                    if written > 0 {
                        repairs.push(format!("wrote {written} whole number(s) as integers"));
                    }
                }
            }
        }
        let outcome = if repairs.is_empty() {
            refusals
                .into_iter()
                .next()
                .map_or(FileFix::Unchanged, FileFix::NotFixable)
        } else {
            let text = crate::format::to_canonical_text(&entry);
            match crate::write::write_atomic(area, &candidate.path, text.as_bytes()) {
                Ok(()) => {
                    repairs.extend(
                        refusals
                            .into_iter()
                            .map(|why| format!("not renumbered: {why}")),
                    );
                    FileFix::Fixed(repairs)
                }
                Err(crate::error::Error::Refused { reason, .. }) => FileFix::NotFixable(reason),
                Err(e) => return Err(e),
            }
        };
        outcomes.push((candidate.file.clone(), outcome));
    }
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn renumbers_by_first_citation_and_keeps_everything() {
        let mut entry = json!({
            "sections": { "overview": "A.[3] B.[1][3]", "boycott": "C.[2]" },
            "sources": [
                { "id": 1, "title": "one" }, { "id": 2, "title": "two" }, { "id": 3, "title": "three" }
            ]
        });
        assert_eq!(
            renumber_sources(&mut entry),
            FixOutcome::Renumbered { moved: 3 }
        );
        assert_eq!(entry["sections"]["overview"], "A.[1] B.[2][1]");
        assert_eq!(entry["sections"]["boycott"], "C.[3]");
        let titles: Vec<_> = entry["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["title"].clone())
            .collect();
        assert_eq!(titles, [json!("three"), json!("one"), json!("two")]);
        assert_eq!(entry["sources"][2]["id"], 3);
    }

    #[test]
    fn undefined_markers_block_the_fix() {
        let mut entry =
            json!({ "sections": { "overview": "[3] [2]" }, "sources": [{ "id": 1 }, { "id": 3 }] });
        assert!(matches!(
            renumber_sources(&mut entry),
            FixOutcome::NotFixable(_)
        ));
    }

    #[test]
    fn repeated_ids_are_not_guessed() {
        let mut entry =
            json!({ "sections": { "overview": "[1]" }, "sources": [{ "id": 1 }, { "id": 1 }] });
        assert!(matches!(
            renumber_sources(&mut entry),
            FixOutcome::NotFixable(_)
        ));
    }
}
