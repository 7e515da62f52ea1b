//! `changes.html`: what a release changed, from its notes.

use super::{Chrome, Depth};
use crate::changelog::{Changelog, LoggedChange};
use maud::html;

/// `changes.html`: the release notes, from `icelist changelog --format json`.
pub(super) fn page(notes: &Changelog, chrome: &Chrome) -> String {
    let Changelog {
        version: _,
        from,
        to,
        summary,
        entries,
    } = notes;
    // A value as JSON (`"listed"`), `null` for none, as the notes write it.
    let shown = |value: &Option<serde_json::Value>| {
        value
            .as_ref()
            .map_or_else(|| "null".to_owned(), serde_json::Value::to_string)
    };
    let body = html! {
        h1 { "What changed in " (to) }
        p {
            (summary.sentence())
            @if let Some(from) = from { " since " (from) }
            "."
        }
        ul {
            @for entry in entries {
                li {
                    @if crate::rules::file_name::is_slug(&entry.id) && !matches!(entry.change, LoggedChange::Removed | LoggedChange::Merged) {
                        a href={ "companies/" (entry.id) ".html" } { (entry.id) }
                    } @else {
                        (entry.id)
                    }
                    ": " (entry.change.as_str())
                    @if let Some(into) = &entry.merged_into {
                        " into "
                        @if crate::rules::file_name::is_slug(into) {
                            a href={ "companies/" (into) ".html" } { (into) }
                        } @else {
                            (into)
                        }
                    }
                    @for t in &entry.transitions {
                        "; " (t.path) " " (shown(&t.old)) " → " (shown(&t.new))
                    }
                }
            }
        }
    };
    chrome.page("icelist: what changed", Depth::Root, body, false)
}

