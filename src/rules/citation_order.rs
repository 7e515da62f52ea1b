//! # citation-order
//!
//! ## What it catches
//! Source ids that run 1..N but not in order of first citation, reading `overview`, then
//! `boycott`, then `background`, front to back.
//!
//! ## Why it matters
//! The wiki convention this dataset keeps: the first source cited is [1], the next new one [2],
//! so a reader meets the numbers in order and the list reads like the text.
//!
//! ## Example
//! ```json
//! "overview": "Acme Widgets sells drones.[2] CBP buys them.[1]"
//! ```
//!
//! ## Use instead
//! ```json
//! "overview": "Acme Widgets sells drones.[1] CBP buys them.[2]"
//! ```
//! with the two sources swapped in the list.
//!
//! ## Fix
//! `icelist lint --fix` reorders and renumbers the sources and rewrites every marker.

use super::{EntryContext, Finding, Findings};
use super::view::{self, BoycottView, ClaimView, EntryView, SourceView};
use crate::json::Target;
use super::citations::{CitationIndex, SECTIONS, renumber_markers};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

pub(crate) const CODE: super::RuleCode = super::RuleCode::CitationOrder;

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    // Until the ids run 1..N, `citation-numbering` reports them and the order cannot be read.
    if !super::citation_numbering::runs_one_to_n(ctx) {
        return;
    }
    let citations = ctx.citations();
    let count = ctx.sources().len() as u64;
    let order: Vec<u64> = citations
        .first_citation_order()
        .into_iter()
        .filter(|n| (1..=count).contains(n))
        .collect();
    for (position, number) in order.iter().enumerate() {
        let expected = position as u64 + 1;
        if *number == expected {
            continue;
        }
        let marker = citations.markers.iter().find(|m| m.number == *number);
        let target = marker.map_or_else(
            || Target::value(view::pointer(EntryView::AT, &[], EntryView::SOURCES)),
            |m| Target::text(m.pointer.clone(), m.range.clone()),
        );
        out.push(
            Finding::new(
                CODE,
                target,
                format!("source [{number}] is the {} source cited, so it should be [{expected}]", ordinal(expected)),
            )
            .fix(super::Fix::RenumberSources)
            .label(format!("first citation of [{number}]"))
            .help("number sources in order of first citation (overview, boycott, background); run `icelist lint --fix`"),
        );
        return;
    }
}

fn ordinal(n: u64) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, r) if r != 11 => "st",
        (2, r) if r != 12 => "nd",
        (3, r) if r != 13 => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

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
    let Some(sources) = entry.get(EntryView::SOURCES).and_then(Value::as_array) else {
        return FixOutcome::Unchanged;
    };
    let mut old_ids = Vec::with_capacity(sources.len());
    for source in sources {
        match source.get(SourceView::ID).and_then(Value::as_u64) {
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
            object.insert(SourceView::ID.into(), Value::from(new_index as u64 + 1));
        }
    }
    entry[EntryView::SOURCES] = Value::Array(reordered);
    if let Some(sections) = entry
        .get_mut(EntryView::SECTIONS)
        .and_then(Value::as_object_mut)
    {
        for name in SECTIONS {
            if let Some(Value::String(text)) = sections.get_mut(name) {
                *text = renumber_markers(text, &renumbering);
            }
        }
    }
    if let Some(Value::String(reason)) = entry
        .get_mut(EntryView::BOYCOTT)
        .and_then(|boycott| boycott.get_mut(BoycottView::REASON))
    {
        *reason = renumber_markers(reason, &renumbering);
    }
    for list in [EntryView::CLAIMS, EntryView::RESPONSES] {
        if let Some(items) = entry.get_mut(list).and_then(Value::as_array_mut) {
            for item in items {
                // A claim's and a response's summary share the key.
                if let Some(Value::String(text)) = item.get_mut(ClaimView::SUMMARY) {
                    *text = renumber_markers(text, &renumbering);
                }
            }
        }
    }
    FixOutcome::Renumbered { moved }
}

/// `--fix` (for this rule and `citation-numbering`): renumbers the sources by first citation.
pub(crate) fn fix(entry: &mut Value) -> super::Repair {
    match renumber_sources(entry) {
        FixOutcome::Renumbered { moved } => super::Repair::Repaired(format!(
            "renumbered sources by first citation ({moved} numbers changed)"
        )),
        FixOutcome::NotFixable(why) => super::Repair::NotRepaired(why),
        FixOutcome::Unchanged => super::Repair::Unchanged,
    }
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
