//! MediaWiki's XML export (`Special:Export`, schema 0.10 and 0.11), read as a stream: one
//! page at a time is held, however large the file. Elements are matched by local name, so
//! the schema version's namespace does not matter.

use quick_xml::events::Event;
use std::io::BufRead;

/// One `<page>` of an export: its last revision's wikitext.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ExportedPage {
    pub title: String,
    /// The namespace number (`0` for articles).
    pub namespace: i64,
    pub redirect: bool,
    pub text: String,
}

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
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("invalid XML at byte {}: {e}", reader.error_position()))?;
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
            Event::Text(t) if collects(&path) => {
                let content = t
                    .xml_content()
                    .map_err(|e| format!("invalid XML text: {e}"))?;
                text.push_str(&content);
            }
            Event::CData(t) if collects(&path) => {
                text.push_str(&t.decode().map_err(|e| format!("invalid XML text: {e}"))?);
            }
            Event::GeneralRef(reference) if collects(&path) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    Ok(None) => {
                        let name = reference
                            .decode()
                            .map_err(|e| format!("invalid XML text: {e}"))?;
                        match name.as_ref() {
                            "amp" => '&',
                            "lt" => '<',
                            "gt" => '>',
                            "quot" => '"',
                            "apos" => '\'',
                            other => {
                                return Err(format!(
                                    "invalid XML at byte {}: unknown entity &{other};",
                                    reader.buffer_position()
                                ));
                            }
                        }
                    }
                    Err(e) => {
                        return Err(format!(
                            "invalid XML at byte {}: {e}",
                            reader.buffer_position()
                        ));
                    }
                };
                text.push(resolved);
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
                        // The last revision's text is the page (an export can hold several).
                        (b"text", 4) => page.text = std::mem::take(&mut text),
                        _ => {}
                    }
                }
                path.pop();
                if name == b"page"
                    && path.len() == 1
                    && let Some(done) = page.take()
                {
                    each(done)?;
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !saw_mediawiki {
        return Err("not a MediaWiki export: no <mediawiki> element".into());
    }
    Ok(())
}

/// Text is kept only for the elements a page is read from.
fn collects(path: &[Vec<u8>]) -> bool {
    match path {
        [_, page, field] => page == b"page" && (field == b"title" || field == b"ns"),
        [_, page, revision, field] => {
            page == b"page" && revision == b"revision" && field == b"text"
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
        assert!(pages("<mediawiki><page><title>&bogus;</title></page></mediawiki>").is_err());
    }
}
