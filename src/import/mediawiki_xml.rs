//! MediaWiki's XML export (`Special:Export`, schema 0.10 and 0.11), read as a stream: one
//! page at a time is held, however large the file. Elements are matched by local name, so
//! the schema version's namespace does not matter; an export that names another version is
//! refused with it named (this reader is tested on those two).
//!
//! A page's own fault (an unknown entity in its text) fails that page alone; the pages after
//! it are read on. Broken XML (a file cut off, say) ends the reading: the pages read before it
//! are handed on, and the error says where it stopped.

use quick_xml::events::Event;
use std::io::BufRead;

/// One `<page>` of an export: its newest revision's wikitext.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ExportedPage {
    pub title: String,
    /// The namespace number (`0` for articles).
    pub namespace: i64,
    pub redirect: bool,
    pub text: String,
    /// Why the page cannot be read (its own fault: the others are read on).
    pub problem: Option<String>,
}

/// Export schema versions this reader has tests for.
pub(crate) const TESTED_VERSIONS: [&str; 2] = ["0.10", "0.11"];

/// Calls `each` with every page of the export in order. An XML error stops the reading with
/// its byte position.
pub(crate) fn read_pages<R: BufRead>(
    input: R,
    each: &mut dyn FnMut(ExportedPage) -> Result<(), String>,
) -> Result<(), String> {
    let mut reader = quick_xml::Reader::from_reader(input);
    reader.config_mut().trim_text(false);
    let mut buf = Vec::new();
    let mut path: Vec<Vec<u8>> = Vec::new();
    let mut page: Option<ExportedPage> = None;
    let mut text = String::new();
    let mut saw_mediawiki = false;
    // The newest revision of the page so far: (timestamp, text). A revision without a
    // timestamp counts as older than any that has one.
    let mut newest: Option<(String, String)> = None;
    let mut timestamp = String::new();
    let mut revision_text: Option<String> = None;
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(e) => {
                let at = reader.error_position();
                // quick-xml's syntax errors are all of something left unclosed at the end of
                // the input: a file cut off. Other errors are XML that is broken in place.
                return Err(match e {
                    quick_xml::Error::Syntax(_) if saw_mediawiki => format!(
                        "the export is cut off at byte {at} ({e}): only the pages before it were read"
                    ),
                    _ if saw_mediawiki => format!(
                        "the export is broken at byte {at} ({e}): only the pages before it were read"
                    ),
                    _ => format!("invalid XML at byte {at}: {e}"),
                });
            }
        };
        match event {
            Event::Start(start) => {
                let name = start.local_name().as_ref().to_vec();
                if path.is_empty() {
                    saw_mediawiki = name == b"mediawiki";
                    if !saw_mediawiki {
                        return Err(
                            "not a MediaWiki export: the root element is not <mediawiki>".into(),
                        );
                    }
                    let version = start
                        .try_get_attribute("version")
                        .ok()
                        .flatten()
                        .map(|v| String::from_utf8_lossy(&v.value).into_owned());
                    if let Some(version) = version
                        && !TESTED_VERSIONS.contains(&version.as_str())
                    {
                        return Err(format!(
                            "the export's schema version is {:?}: this reader is tested on versions {} only",
                            crate::text::escape_untrusted(&version),
                            TESTED_VERSIONS.join(" and ")
                        ));
                    }
                }
                if name == b"revision" && path.len() == 2 {
                    timestamp.clear();
                    revision_text = None;
                }
                if name == b"page" && path.len() == 1 {
                    page = Some(ExportedPage::default());
                }
                if name == b"redirect"
                    && let Some(page) = page.as_mut()
                {
                    page.redirect = true;
                }
                text.clear();
                path.push(name);
            }
            Event::Empty(empty) => {
                if empty.local_name().as_ref() == b"redirect"
                    && let Some(page) = page.as_mut()
                {
                    page.redirect = true;
                }
            }
            Event::Text(t) if collects(&path) => match t.xml10_content() {
                Ok(content) => text.push_str(&content),
                Err(e) => page_problem(&mut page, format!("invalid XML text: {e}")),
            },
            Event::CData(t) if collects(&path) => match t.decode() {
                Ok(content) => text.push_str(&content),
                Err(e) => page_problem(&mut page, format!("invalid XML text: {e}")),
            },
            Event::GeneralRef(reference) if collects(&path) => {
                let at = reader.buffer_position();
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => match reference.decode().as_deref() {
                        Ok("amp") => Some('&'),
                        Ok("lt") => Some('<'),
                        Ok("gt") => Some('>'),
                        Ok("quot") => Some('"'),
                        Ok("apos") => Some('\''),
                        Ok(other) => {
                            let other = crate::text::escape_untrusted(other);
                            page_problem(
                                &mut page,
                                format!("an unknown XML entity &{other}; at byte {at}"),
                            );
                            None
                        }
                        Err(e) => {
                            page_problem(&mut page, format!("invalid XML text at byte {at}: {e}"));
                            None
                        }
                    },
                    Err(e) => {
                        page_problem(&mut page, format!("invalid XML at byte {at}: {e}"));
                        None
                    }
                };
                text.extend(resolved);
            }
            Event::End(end) => {
                let name = end.local_name().as_ref().to_vec();
                let in_page = path.len() >= 2 && path[1] == b"page";
                if let Some(page) = page.as_mut().filter(|_| in_page) {
                    match (name.as_slice(), path.len()) {
                        (b"title", 3) => page.title = std::mem::take(&mut text),
                        (b"ns", 3) => {
                            page.namespace = text.trim().parse().unwrap_or(-1);
                        }
                        (b"timestamp", 4) => timestamp = std::mem::take(&mut text),
                        (b"text", 4) => revision_text = Some(std::mem::take(&mut text)),
                        // The newest revision by timestamp is the page (an export can hold
                        // several, in any order); on equal timestamps the later one wins.
                        (b"revision", 3) => {
                            let stamp = timestamp.trim().to_owned();
                            if let Some(revision) = revision_text.take()
                                && newest.as_ref().is_none_or(|(best, _)| stamp >= *best)
                            {
                                newest = Some((stamp, revision));
                            }
                        }
                        _ => {}
                    }
                }
                path.pop();
                if name == b"page"
                    && path.len() == 1
                    && let Some(mut done) = page.take()
                {
                    if let Some((_, revision)) = newest.take() {
                        done.text = revision;
                    }
                    each(done)?;
                }
            }
            Event::Eof => {
                if saw_mediawiki && !path.is_empty() {
                    let open: Vec<String> = path
                        .iter()
                        .map(|name| String::from_utf8_lossy(name).into_owned())
                        .collect();
                    return Err(format!(
                        "the export is cut off: it ends inside <{}>; only the pages before it were read",
                        crate::text::escape_untrusted(&open.join("><"))
                    ));
                }
                break;
            }
            _ => {}
        }
        buf.clear();
    }
    if !saw_mediawiki {
        return Err("not a MediaWiki export: no <mediawiki> element".into());
    }
    Ok(())
}

fn page_problem(page: &mut Option<ExportedPage>, problem: String) {
    if let Some(page) = page.as_mut()
        && page.problem.is_none()
    {
        page.problem = Some(problem);
    }
}

/// Text is kept only for the elements a page is read from.
fn collects(path: &[Vec<u8>]) -> bool {
    match path {
        [_, page, field] => page == b"page" && (field == b"title" || field == b"ns"),
        [_, page, revision, field] => {
            page == b"page"
                && revision == b"revision"
                && (field == b"text" || field == b"timestamp")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(xml: &str) -> Result<Vec<ExportedPage>, String> {
        let mut out = Vec::new();
        read_pages(xml.as_bytes(), &mut |p| {
            out.push(p);
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn pages_redirects_namespaces_and_entities() {
        let xml = r#"<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11">
  <siteinfo><sitename>Example</sitename></siteinfo>
  <page><title>Acme &amp; Co</title><ns>0</ns><id>1</id>
    <revision><id>1</id><text bytes="3">old</text></revision>
    <revision><id>2</id><text xml:space="preserve">A &lt;ref&gt; &#233;</text></revision>
  </page>
  <page><title>Old name</title><ns>0</ns><redirect title="Acme &amp; Co" /><revision><text>#REDIRECT [[Acme]]</text></revision></page>
  <page><title>Talk:Acme</title><ns>1</ns><revision><text>talk</text></revision></page>
</mediawiki>"#;
        let pages = pages(xml).unwrap();
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[0].title, "Acme & Co");
        assert_eq!(pages[0].text, "A <ref> é");
        assert!(pages[1].redirect && !pages[0].redirect);
        assert_eq!(pages[2].namespace, 1);
    }

    #[test]
    fn broken_xml_is_an_error_with_a_position() {
        assert!(pages("<mediawiki><page><title>x</page>").is_err());
        assert!(
            pages("<html></html>")
                .unwrap_err()
                .contains("not a MediaWiki export")
        );
        assert!(pages("").is_err());
        let bogus = pages(
            "<mediawiki><page><title>&bogus;</title></page><page><title>B</title><ns>0</ns></page></mediawiki>",
        )
        .unwrap();
        assert!(bogus[0].problem.as_deref().unwrap().contains("&bogus;"));
        assert_eq!(
            (bogus[1].title.as_str(), bogus[1].problem.as_ref()),
            ("B", None)
        );
        let old = pages("<mediawiki version=\"0.3\"><page><title>A</title></page></mediawiki>");
        assert!(old.unwrap_err().contains("\"0.3\""));
    }

    #[test]
    fn the_newest_revision_is_the_page_whatever_their_order() {
        let xml = "<mediawiki version=\"0.11\"><page><title>A</title><ns>0</ns>\
            <revision><timestamp>2024-05-01T00:00:00Z</timestamp><text>newest</text></revision>\
            <revision><timestamp>2023-01-01T00:00:00Z</timestamp><text>oldest</text></revision>\
            <revision><timestamp>2024-01-01T00:00:00Z</timestamp><text>middle</text></revision>\
            </page></mediawiki>";
        assert_eq!(pages(xml).unwrap()[0].text, "newest");
    }

    #[test]
    fn a_cut_off_export_hands_on_the_pages_before_the_cut() {
        let mut read = Vec::new();
        let result = read_pages(
            "<mediawiki><page><title>A</title><ns>0</ns></page><page><title>B</ti".as_bytes(),
            &mut |p| {
                read.push(p.title);
                Ok(())
            },
        );
        assert_eq!(read, ["A"]);
        assert!(result.unwrap_err().contains("cut off"));
    }
}
