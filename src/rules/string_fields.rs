//! The strings of an entry that a list of field patterns such as `/sources/*/note` names (`*`:
//! every item of a list), found in one walk of the entry whatever the number of patterns.
//! A rule takes its patterns from the field table with [`fields_with!`].
//!
//! Rules look at every string of every entry: walking the tree once per pattern cost a full
//! lint several percent (`personal-data` alone names 13 fields, four of them in each source).

use crate::json::{Node, escape_pointer_token};

/// Field patterns, merged into a tree of keys: a walk visits each named key once, whatever
/// the number of patterns through it (four of `personal-data`'s go through each source).
pub(crate) struct StringFields {
    /// The tree's nodes; the first is the root (the entry).
    nodes: Vec<PatternNode>,
}

#[derive(Default)]
struct PatternNode {
    /// Whether a pattern ends here: the string at this place is named.
    named: bool,
    /// The keys followed from here, each with its node.
    keys: Vec<(Box<str>, usize)>,
    /// The node every item of a list leads to (`*`).
    items: Option<usize>,
}

impl StringFields {
    /// `patterns` come from the field table, each starting with `/`, with keys that need no
    /// JSON Pointer escape.
    pub(crate) fn new(patterns: impl IntoIterator<Item = impl AsRef<str>>) -> Self {
        let mut nodes = vec![PatternNode::default()];
        for pattern in patterns {
            let pattern = pattern.as_ref();
            let mut at = 0;
            for key in pattern.strip_prefix('/').unwrap_or(pattern).split('/') {
                let next = nodes.len();
                let existing = match key {
                    "*" => nodes[at].items,
                    key => nodes[at]
                        .keys
                        .iter()
                        .find(|(k, _)| &**k == key)
                        .map(|(_, n)| *n),
                };
                at = match existing {
                    Some(n) => n,
                    None => {
                        nodes.push(PatternNode::default());
                        match key {
                            "*" => nodes[at].items = Some(next),
                            key => nodes[at].keys.push((key.into(), next)),
                        }
                        next
                    }
                };
            }
            nodes[at].named = true;
        }
        StringFields { nodes }
    }

    /// Calls `f` with each string a pattern names and a way to spell its JSON Pointer: built
    /// only for the rare string that is reported. Strings come in the patterns' order, items
    /// of a list in the list's order. Of a key written twice, the first is read (as
    /// `Node::get` reads it).
    pub(crate) fn each<'a>(
        &self,
        value: &'a Node<'a>,
        f: &mut dyn FnMut(&'a str, &dyn Fn() -> String),
    ) {
        let mut path = Vec::new();
        self.walk(0, value, &mut path, &mut |node: &'a Node<'a>, pointer| {
            if let Some(text) = node.as_str() {
                f(text, pointer);
            }
        });
    }

    /// [`Self::each`] for values of any type (the rule of whole numbers reads numbers).
    pub(crate) fn each_value<'a>(
        &self,
        value: &'a Node<'a>,
        f: &mut dyn FnMut(&'a Node<'a>, &dyn Fn() -> String),
    ) {
        let mut path = Vec::new();
        self.walk(0, value, &mut path, f);
    }

    fn walk<'s, 'a: 's, F: FnMut(&'a Node<'a>, &dyn Fn() -> String) + ?Sized>(
        &'s self,
        at: usize,
        node: &'a Node<'a>,
        path: &mut Vec<Step<'s>>,
        f: &mut F,
    ) {
        let Some(pattern) = self.nodes.get(at) else {
            return;
        };
        if pattern.named {
            f(node, &|| spell(path));
        }
        for (key, next) in &pattern.keys {
            if let Some(child) = node.get(key) {
                path.push(Step::Key(key));
                self.walk(*next, child, path, f);
                path.pop();
            }
        }
        if let Some(next) = pattern.items {
            for (n, item) in node.as_array().unwrap_or(&[]).iter().enumerate() {
                path.push(Step::Index(n));
                self.walk(next, item, path, f);
                path.pop();
            }
        }
    }
}

/// The walker of the fields whose properties in the field table have `$property`
/// (`fields_with!(trimmed)`), built once where it is named.
macro_rules! fields_with {
    ($property:ident) => {{
        static WALKER: std::sync::LazyLock<$crate::rules::string_fields::StringFields> =
            std::sync::LazyLock::new(|| {
                $crate::rules::string_fields::StringFields::new($crate::fields::value_pointers(
                    |p| p.$property,
                ))
            });
        &*WALKER
    }};
}
pub(crate) use fields_with;

enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

fn spell(path: &[Step<'_>]) -> String {
    let mut pointer = String::new();
    for step in path {
        pointer.push('/');
        match step {
            Step::Key(key) => pointer.push_str(&escape_pointer_token(key)),
            Step::Index(n) => pointer.push_str(&n.to_string()),
        }
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(patterns: &[&'static str], json: &str) -> Vec<(String, String)> {
        let (doc, _) = crate::json::parse_doc(json).unwrap_or_else(|e| panic!("{e:?}"));
        let mut found = Vec::new();
        StringFields::new(patterns).each(&doc, &mut |text, pointer| {
            found.push((pointer(), text.to_owned()));
        });
        found
    }

    #[test]
    fn every_named_string_once_in_the_patterns_order() {
        let json = r#"{"sources": [{"title": "A", "quotes": ["q1", "q2"], "note": 3},
            {"title": "B", "note": "n"}], "name": "N", "aliases": ["x", {"y": 1}],
            "sections": {"overview": "o", "other": "not named"}}"#;
        let found = strings(
            &[
                "/name",
                "/aliases/*",
                "/sources/*/title",
                "/sources/*/quotes/*",
                "/sources/*/note",
                "/sections/overview",
                "/missing/*",
            ],
            json,
        );
        let pairs: Vec<(&str, &str)> = found
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("/name", "N"),
                ("/aliases/0", "x"),
                ("/sources/0/title", "A"),
                ("/sources/0/quotes/0", "q1"),
                ("/sources/0/quotes/1", "q2"),
                ("/sources/1/title", "B"),
                ("/sources/1/note", "n"),
                ("/sections/overview", "o"),
            ]
        );
    }

    #[test]
    fn a_key_written_twice_is_followed_once_and_wrong_shapes_are_skipped() {
        let json = r#"{"name": "first", "name": "second", "aliases": "not a list",
            "sources": {"0": {"title": "object, not list"}}}"#;
        let found = strings(&["/name", "/aliases/*", "/sources/*/title"], json);
        assert_eq!(found, [("/name".to_owned(), "first".to_owned())]);
    }
}
