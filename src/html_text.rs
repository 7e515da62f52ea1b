//! A fetched document's readable text, for the quote check (`sources check --quotes`). Its own
//! module, in the `html` feature, so that the parser builds (and is fuzzed) without the HTTP
//! client.

/// The readable text of a document: HTML parsed as a browser parses it (html5ever), scripts,
/// styles and templates left out, inline elements joining the words around them and block
/// elements separating them, entities decoded (`&nbsp;` a space); or plain text. `None` for a
/// PDF or other binary document (not checked).
pub fn document_text(body: &[u8]) -> Option<String> {
    if body.starts_with(b"%PDF") || body.contains(&0) {
        return None;
    }
    let text = String::from_utf8_lossy(body);
    if !text.contains('<') {
        return Some(text.into_owned());
    }
    let document = scraper::Html::parse_document(&text);
    let mut out = String::with_capacity(text.len());
    // Depth inside an element whose content is not text a reader sees.
    let mut hidden = 0usize;
    for edge in document.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                scraper::Node::Element(element) => {
                    let name = element.name();
                    if hidden > 0 || NOT_TEXT_ELEMENTS.contains(&name) {
                        hidden += 1;
                    } else if BLOCK_ELEMENTS.contains(&name) {
                        out.push('\n');
                    }
                }
                scraper::Node::Text(t) if hidden == 0 => out.push_str(&t.text),
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                if let scraper::Node::Element(element) = node.value() {
                    if hidden > 0 {
                        hidden -= 1;
                    } else if BLOCK_ELEMENTS.contains(&element.name()) {
                        out.push('\n');
                    }
                }
            }
        }
    }
    Some(out.replace('\u{a0}', " "))
}

/// Elements whose content a reader does not see as text.
const NOT_TEXT_ELEMENTS: &[&str] = &["script", "style", "noscript", "template", "head"];

/// Elements that separate the text before and after them (HTML's flow content that is laid out
/// as a block, and `br`); every other element is inline and joins the words around it.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "caption",
    "body",
];
