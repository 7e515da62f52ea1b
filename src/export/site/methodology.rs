//! `methodology.html`: `docs/methodology.md` as a page. The Markdown is the repository's
//! (compiled in, so the page describes the rules of the binary that built the site), rendered
//! by pulldown-cmark with two changes: raw HTML is shown as text, never passed through, and a
//! link to another document of the repository (`formats.md`) points at that document in the
//! repository, or is dropped to its text when no repository is configured. Headings get the
//! ids GitHub gives them (`## Evidence tiers` -> `#evidence-tiers`), so links into the page work
//! the same on both.

use super::{Chrome, Depth};
use maud::{PreEscaped, html};
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

const METHODOLOGY: &str = include_str!("../../../docs/methodology.md");

pub(super) fn page(chrome: &Chrome) -> String {
    let body = render(METHODOLOGY, chrome.stamp.repository.as_deref());
    chrome.page(
        "icelist: methodology",
        Depth::Root,
        html! { (PreEscaped(body)) },
        false,
    )
}

/// The Markdown as HTML, raw HTML escaped, headings with ids, repository links resolved.
pub(super) fn render(markdown: &str, repository: Option<&str>) -> String {
    let events: Vec<Event> = Parser::new_ext(markdown, Options::ENABLE_TABLES).collect();
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut used_ids: Vec<String> = Vec::new();
    // Links whose start was dropped: their end is dropped too.
    let mut dropped_links: Vec<bool> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Html(text) | Event::InlineHtml(text) => {
                out.push(Event::Text(text.clone()));
            }
            Event::Start(Tag::Heading {
                level,
                id: None,
                classes,
                attrs,
            }) => {
                let text: String = events[i + 1..]
                    .iter()
                    .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
                    .filter_map(|e| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let id = unique_id(slug(&text), &mut used_ids);
                out.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(CowStr::from(id)),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => match resolve(dest_url, repository) {
                Some(dest) => {
                    dropped_links.push(false);
                    out.push(Event::Start(Tag::Link {
                        link_type: *link_type,
                        dest_url: CowStr::from(dest),
                        title: title.clone(),
                        id: id.clone(),
                    }));
                }
                None => dropped_links.push(true),
            },
            Event::End(TagEnd::Link) => {
                if !dropped_links.pop().unwrap_or(false) {
                    out.push(Event::End(TagEnd::Link));
                }
            }
            other => out.push(other.clone()),
        }
        i += 1;
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    html
}

/// Where a link of the document points on the site: web and in-page links as written; another
/// document of the repository (a relative path) in the repository's tree; anything else (a
/// relative link with no repository configured, a `javascript:` URL) nowhere.
fn resolve(dest: &str, repository: Option<&str>) -> Option<String> {
    if dest.starts_with('#') || dest.starts_with("https://") || dest.starts_with("http://") {
        return Some(dest.to_owned());
    }
    let plain = !dest.is_empty()
        && !dest.contains(':')
        && !dest.starts_with('/')
        && !dest.split(['/', '#']).any(|part| part == "..");
    let repository = repository?;
    // The document lives in docs/; its relative links are relative to that folder.
    plain.then(|| format!("{repository}/blob/HEAD/docs/{dest}"))
}

/// A heading's id as GitHub makes it: lower case, spaces to dashes, punctuation other than
/// dashes and underscores dropped.
fn slug(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c.to_lowercase().next().unwrap_or(c)),
            _ => None,
        })
        .collect()
}

/// The id, or with `-1`, `-2` ... appended when an earlier heading has it (as GitHub does).
fn unique_id(base: String, used: &mut Vec<String>) -> String {
    let mut id = base.clone();
    let mut n = 0;
    while used.contains(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    used.push(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = render("Hello <script>alert(1)</script>\n\n<div onclick=x>block</div>\n", None);
        assert!(!html.contains("<script>") && !html.contains("<div"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn headings_get_github_ids_and_links_resolve() {
        let html = render(
            "## Evidence tiers\n\n## Evidence tiers\n\nSee [formats](formats.md#x), [web](https://example.org/), [bad](javascript:alert(1)) and [up](../x.md).\n",
            Some("https://github.com/example/icelist"),
        );
        assert!(html.contains(r#"<h2 id="evidence-tiers">"#), "{html}");
        assert!(html.contains(r#"<h2 id="evidence-tiers-1">"#), "{html}");
        assert!(
            html.contains(r#"href="https://github.com/example/icelist/blob/HEAD/docs/formats.md#x""#),
            "{html}"
        );
        assert!(html.contains(r#"href="https://example.org/""#), "{html}");
        assert!(!html.contains("javascript:") && !html.contains("x.md"), "{html}");
        assert!(html.contains("bad") && html.contains("up"), "{html}");
        let offline = render("[formats](formats.md)\n", None);
        assert!(!offline.contains("<a"), "{offline}");
    }
}
