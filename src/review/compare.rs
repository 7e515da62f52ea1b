//! Field-level comparison of two versions of an entry.

use super::{ChangeKind, FieldChange};
use crate::identity::{normalized_url, title_publisher_key};
use crate::json::escape_pointer_token;
use crate::view::{self, AwardView, ClaimView, EntryView, ResponseView, SourceView};
use serde_json::Value;

/// Every change from `old` to `new`. An added or removed entry lists its top-level fields.
pub fn compare_entries(old: Option<&Value>, new: Option<&Value>) -> Vec<FieldChange> {
    let mut out = Vec::new();
    match (old, new) {
        (Some(old), Some(new)) => compare("", old, new, &mut out),
        (None, Some(value)) | (Some(value), None) => {
            let kind = if new.is_some() {
                ChangeKind::Added
            } else {
                ChangeKind::Removed
            };
            if let Some(map) = value.as_object() {
                for (key, v) in map.iter().filter(|(k, _)| *k != EntryView::SCHEMA) {
                    out.push(change(
                        format!("/{}", escape_pointer_token(key)),
                        kind,
                        v,
                        None,
                    ));
                }
            }
        }
        (None, None) => {}
    }
    out
}

fn change(path: String, kind: ChangeKind, value: &Value, subject: Option<String>) -> FieldChange {
    let (old, new) = match kind {
        ChangeKind::Added => (None, Some(value.clone())),
        _ => (Some(value.clone()), None),
    };
    FieldChange {
        path,
        kind,
        old,
        new,
        subject,
        claim: None,
        award: None,
    }
}

// Entries nest a few levels and parsing bounds depth at 128: recursion is safe here.
fn compare(path: &str, old: &Value, new: &Value, out: &mut Vec<FieldChange>) {
    if old == new || view::is_entry_field(path, EntryView::SCHEMA) {
        return;
    }
    match (old, new) {
        (Value::Array(a), Value::Array(b)) if view::is_entry_field(path, EntryView::SOURCES) => {
            compare_sources(a, b, out)
        }
        (Value::Array(a), Value::Array(b)) if view::is_entry_field(path, EntryView::CLAIMS) => {
            compare_claims(a, b, out)
        }
        (Value::Array(a), Value::Array(b)) if view::is_entry_field(path, EntryView::RESPONSES) => {
            compare_responses(a, b, out)
        }
        (Value::Array(a), Value::Array(b))
            if view::matches(path, ClaimView::AT, ClaimView::AWARDS) =>
        {
            compare_awards(path, a, b, out)
        }
        (Value::Array(a), Value::Array(b)) if crate::fields::set_like_lists().contains(&path) => {
            for item in a.iter().filter(|x| !b.contains(x)) {
                out.push(change(path.to_owned(), ChangeKind::Removed, item, None));
            }
            for item in b.iter().filter(|x| !a.contains(x)) {
                out.push(change(path.to_owned(), ChangeKind::Added, item, None));
            }
        }
        (Value::Object(a), Value::Object(b)) => {
            for (key, old_value) in a {
                let child = format!("{path}/{}", escape_pointer_token(key));
                match b.get(key) {
                    Some(new_value) => compare(&child, old_value, new_value, out),
                    None if key != EntryView::SCHEMA => {
                        out.push(change(child, ChangeKind::Removed, old_value, None))
                    }
                    None => {}
                }
            }
            for (key, new_value) in b
                .iter()
                .filter(|(k, _)| !a.contains_key(*k) && *k != EntryView::SCHEMA)
            {
                out.push(change(
                    format!("{path}/{}", escape_pointer_token(key)),
                    ChangeKind::Added,
                    new_value,
                    None,
                ));
            }
        }
        _ => out.push(FieldChange {
            path: path.to_owned(),
            kind: ChangeKind::Changed,
            old: Some(old.clone()),
            new: Some(new.clone()),
            subject: None,
            claim: None,
            award: None,
        }),
    }
}

fn source_subject(source: &Value) -> String {
    let id = source
        .get(SourceView::ID)
        .and_then(Value::as_u64)
        .map(|n| format!("[{n}] "))
        .unwrap_or_default();
    let title = source
        .get(SourceView::TITLE)
        .and_then(Value::as_str)
        .unwrap_or("(untitled)");
    format!("source {id}{}", crate::text::quoted(title))
}

/// Matches sources by identity (normalized URL, else title and publisher), so that a
/// renumbering reads as `[5] → [6]` rather than removals and additions.
fn compare_sources(old: &[Value], new: &[Value], out: &mut Vec<FieldChange>) {
    let url_key = |s: &Value| {
        s.get(SourceView::URL)
            .and_then(Value::as_str)
            .and_then(normalized_url)
    };
    let title_key = |s: &Value| match (
        s.get(SourceView::TITLE).and_then(Value::as_str),
        s.get(SourceView::PUBLISHER).and_then(Value::as_str),
    ) {
        (Some(t), Some(p)) => Some(title_publisher_key(t, p)),
        _ => None,
    };
    let mut matched_new = vec![false; new.len()];
    let mut pairs = Vec::new();
    let mut unmatched_old = Vec::new();
    for (i, o) in old.iter().enumerate() {
        let by = |key: &dyn Fn(&Value) -> Option<String>| {
            let k = key(o)?;
            new.iter()
                .enumerate()
                .position(|(j, n)| !matched_new[j] && key(n).as_ref() == Some(&k))
        };
        match by(&url_key).or_else(|| by(&title_key)) {
            Some(j) => {
                matched_new[j] = true;
                pairs.push((i, j));
            }
            None => unmatched_old.push(i),
        }
    }
    for (i, j) in pairs {
        let (o, n) = (&old[i], &new[j]);
        let mut inner = Vec::new();
        compare(&view::pointer(SourceView::AT, &[j], ""), o, n, &mut inner);
        for mut c in inner {
            c.subject = Some(source_subject(o));
            out.push(c);
        }
    }
    for i in unmatched_old {
        out.push(change(
            view::pointer(SourceView::AT, &[i], ""),
            ChangeKind::Removed,
            &old[i],
            Some(source_subject(&old[i])),
        ));
    }
    for (j, n) in new.iter().enumerate().filter(|(j, _)| !matched_new[*j]) {
        out.push(change(
            view::pointer(SourceView::AT, &[j], ""),
            ChangeKind::Added,
            n,
            Some(source_subject(n)),
        ));
    }
}

fn award_subject(award: &Value) -> String {
    match award.get(AwardView::ID).and_then(Value::as_str) {
        Some(id) => format!("award {id}"),
        None => "award".to_owned(),
    }
}

/// Matches a claim's awards by their id (unique within the entry), so that facts written by
/// `awards check --write` read as changed facts of one award, and an award added or removed
/// reads as that.
fn compare_awards(path: &str, old: &[Value], new: &[Value], out: &mut Vec<FieldChange>) {
    let named = |mut c: FieldChange, award: &Value| {
        c.subject = Some(award_subject(award));
        c.award = award
            .get(AwardView::ID)
            .and_then(Value::as_str)
            .map(str::to_owned);
        c
    };
    let (pairs, removed, added) = match_by_id(old, new);
    for (i, j) in pairs {
        let mut inner = Vec::new();
        compare(&format!("{path}/{j}"), &old[i], &new[j], &mut inner);
        out.extend(inner.into_iter().map(|c| named(c, &old[i])));
    }
    for i in removed {
        let c = change(format!("{path}/{i}"), ChangeKind::Removed, &old[i], None);
        out.push(named(c, &old[i]));
    }
    for j in added {
        let c = change(format!("{path}/{j}"), ChangeKind::Added, &new[j], None);
        out.push(named(c, &new[j]));
    }
}

/// Pairs the items of two lists by their `id` (each new item paired once, in order): the
/// pairs (old, new), the old items left unpaired, the new items left unpaired.
fn match_by_id(old: &[Value], new: &[Value]) -> (Vec<(usize, usize)>, Vec<usize>, Vec<usize>) {
    // Claims, awards and responses all key their items by `id`.
    const ID: &str = ClaimView::ID;
    let id = |v: &Value| v.get(ID).and_then(Value::as_str).map(str::to_owned);
    let mut matched_new = vec![false; new.len()];
    let (mut pairs, mut removed) = (Vec::new(), Vec::new());
    for (i, o) in old.iter().enumerate() {
        let found = id(o).and_then(|key| {
            new.iter()
                .enumerate()
                .position(|(j, n)| !matched_new[j] && id(n).as_deref() == Some(key.as_str()))
        });
        match found {
            Some(j) => {
                matched_new[j] = true;
                pairs.push((i, j));
            }
            None => removed.push(i),
        }
    }
    let added = (0..new.len()).filter(|j| !matched_new[*j]).collect();
    (pairs, removed, added)
}

fn claim_subject(claim: &Value) -> String {
    match claim.get(ClaimView::ID).and_then(Value::as_str) {
        Some(id) => format!("claim {}", crate::text::quoted(id)),
        None => "claim".to_owned(),
    }
}

/// Matches claims by their `id` (stable within an entry), so a reordering is no change and a
/// claim's status moving from `current` to `ended` reads as that, not as a new claim.
fn compare_claims(old: &[Value], new: &[Value], out: &mut Vec<FieldChange>) {
    let id = |c: &Value| c.get(ClaimView::ID).and_then(Value::as_str).map(str::to_owned);
    let (pairs, removed, added) = match_by_id(old, new);
    for (i, j) in pairs {
        let mut inner = Vec::new();
        compare(&view::pointer(ClaimView::AT, &[j], ""), &old[i], &new[j], &mut inner);
        for mut c in inner {
            // A change inside an award keeps the award's name after the claim's.
            c.subject = Some(match c.subject {
                Some(award) => format!("{} {award}", claim_subject(&old[i])),
                None => claim_subject(&old[i]),
            });
            c.claim = id(&old[i]);
            out.push(c);
        }
    }
    let whole = |path: String, kind: ChangeKind, claim: &Value| FieldChange {
        claim: id(claim),
        ..change(path, kind, claim, Some(claim_subject(claim)))
    };
    for i in removed {
        out.push(whole(
            view::pointer(ClaimView::AT, &[i], ""),
            ChangeKind::Removed,
            &old[i],
        ));
    }
    for j in added {
        out.push(whole(
            view::pointer(ClaimView::AT, &[j], ""),
            ChangeKind::Added,
            &new[j],
        ));
    }
}

fn response_subject(response: &Value) -> String {
    match response.get(ResponseView::ID).and_then(Value::as_str) {
        Some(id) => format!("response {}", crate::text::quoted(id)),
        None => "response".to_owned(),
    }
}

/// Matches responses by their `id`, as claims are: a response added reads as one, whatever
/// its place in the list.
fn compare_responses(old: &[Value], new: &[Value], out: &mut Vec<FieldChange>) {
    let (pairs, removed, added) = match_by_id(old, new);
    for (i, j) in pairs {
        let mut inner = Vec::new();
        compare(&view::pointer(ResponseView::AT, &[j], ""), &old[i], &new[j], &mut inner);
        for mut c in inner {
            c.subject = Some(response_subject(&old[i]));
            out.push(c);
        }
    }
    for i in removed {
        let subject = Some(response_subject(&old[i]));
        out.push(change(view::pointer(ResponseView::AT, &[i], ""), ChangeKind::Removed, &old[i], subject));
    }
    for j in added {
        let subject = Some(response_subject(&new[j]));
        out.push(change(view::pointer(ResponseView::AT, &[j], ""), ChangeKind::Added, &new[j], subject));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn renumbering_is_one_change_per_source() {
        let old = json!({ "sources": [
            { "id": 1, "title": "A", "publisher": "P", "url": "https://a.example.com/x" },
            { "id": 2, "title": "B", "publisher": "P" }
        ]});
        let new = json!({ "sources": [
            { "id": 1, "title": "New", "publisher": "Q" },
            { "id": 2, "title": "A", "publisher": "P", "url": "http://www.a.example.com/x/" },
            { "id": 3, "title": "B", "publisher": "P" }
        ]});
        let changes = compare_entries(Some(&old), Some(&new));
        let summary: Vec<_> = changes
            .iter()
            .map(|c| (c.path.as_str(), c.kind, c.old.clone(), c.new.clone()))
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "/sources/1/id",
                    ChangeKind::Changed,
                    Some(json!(1)),
                    Some(json!(2))
                ),
                (
                    "/sources/1/url",
                    ChangeKind::Changed,
                    Some(json!("https://a.example.com/x")),
                    Some(json!("http://www.a.example.com/x/"))
                ),
                (
                    "/sources/2/id",
                    ChangeKind::Changed,
                    Some(json!(2)),
                    Some(json!(3))
                ),
                (
                    "/sources/0",
                    ChangeKind::Added,
                    None,
                    Some(new["sources"][0].clone())
                ),
            ]
        );
    }

    #[test]
    fn claims_match_by_id() {
        let claim = |id: &str, status: &str| {
            json!({"id": id, "agency": "ICE", "kind": "detention", "summary": "S.[1]", "status": status})
        };
        let old = json!({ "claims": [claim("ice-detention", "current"), claim("ice-staffing", "current")] });
        let new = json!({ "claims": [claim("ice-logistics", "current"), claim("ice-detention", "ended")] });
        let changes: Vec<(String, ChangeKind)> = compare_entries(Some(&old), Some(&new))
            .into_iter()
            .map(|c| (c.path, c.kind))
            .collect();
        assert_eq!(
            changes,
            [
                ("/claims/1/status".to_owned(), ChangeKind::Changed),
                ("/claims/1".to_owned(), ChangeKind::Removed),
                ("/claims/0".to_owned(), ChangeKind::Added),
            ]
        );
    }

    #[test]
    fn sets_ignore_order() {
        let old = json!({ "aliases": ["A", "B"], "boycott": { "agencies": ["ICE", "CBP"] } });
        let new = json!({ "aliases": ["B", "A"], "boycott": { "agencies": ["CBP", "DHS"] } });
        let changes = compare_entries(Some(&old), Some(&new));
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].old, Some(json!("ICE")));
        assert_eq!(changes[1].new, Some(json!("DHS")));
    }
}
