//! The values of an entry that lists of field patterns such as `/sources/*/note` name (`*`:
//! every item of a list), found in one walk of the entry whatever the number of patterns and
//! of lists. The text rules take their patterns from the field table and share one walk
//! ([`TEXT_FIELDS`]).
//!
//! Rules look at every string of every entry: walking the tree once per pattern, then once
//! per rule, cost a full lint several percent each (`personal-data` alone names 13 fields,
//! four of them in each source).

use crate::json::{Node, escape_pointer_token};

/// The lists a walk was built from, as bits: bit `n` is the `n`th list given to
/// [`StringFields::of_lists`].
pub(crate) type Lists = u8;

/// Field patterns, merged into a tree of keys: a walk visits each named key once, whatever
/// the number of patterns through it (four of `personal-data`'s go through each source).
pub(crate) struct StringFields {
    /// The tree's nodes; the first is the root (the entry).
    nodes: Vec<PatternNode>,
}

#[derive(Default)]
struct PatternNode {
    /// The lists with a pattern that ends here: the value at this place is named.
    named: Lists,
    /// The keys followed from here, each with its node.
    keys: Vec<(Box<str>, usize)>,
    /// The node every item of a list leads to (`*`).
    items: Option<usize>,
}

/// What a walk calls with each named value, the lists that name it and a way to spell its
/// JSON Pointer.
pub(crate) type Visit<'f, 'a> = dyn FnMut(&'a Node<'a>, Lists, &dyn Fn() -> String) + 'f;

impl StringFields {
    /// One walker for several lists of patterns (at most 8) from the field table, each pattern
    /// starting with `/`, with keys that need no JSON Pointer escape. A value is reported once,
    /// with the bits of every list that names it.
    pub(crate) fn of_lists<const N: usize>(
        lists: [impl IntoIterator<Item = impl AsRef<str>>; N],
    ) -> Self {
        const { assert!(N <= Lists::BITS as usize) };
        let mut nodes = vec![PatternNode::default()];
        for (bit, patterns) in lists.into_iter().enumerate() {
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
                nodes[at].named |= 1 << bit;
            }
        }
        StringFields { nodes }
    }

    /// Calls `f` with each value a pattern names, the lists that name it, and a way to spell
    /// its JSON Pointer: built only for the rare value that is reported. Values come in the
    /// patterns' order, items of a list in the list's order. Of a key written twice, the first
    /// is read (as `Node::get` reads it).
    pub(crate) fn each_value<'a>(
        &self,
        value: &'a Node<'a>,
        f: &mut Visit<'_, 'a>,
    ) {
        let mut path = Vec::new();
        self.walk(0, value, &mut path, f);
    }

    fn walk<'s, 'a: 's, F: FnMut(&'a Node<'a>, Lists, &dyn Fn() -> String) + ?Sized>(
        &'s self,
        at: usize,
        node: &'a Node<'a>,
        path: &mut Vec<Step<'s>>,
        f: &mut F,
    ) {
        let Some(pattern) = self.nodes.get(at) else {
            return;
        };
        if pattern.named != 0 {
            f(node, pattern.named, &|| spell(path));
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

/// The text rules' lists in [`TEXT_FIELDS`], by bit.
pub(crate) mod text_lists {
    use super::Lists;
    /// Fields checked for personal data (`personal-data`).
    pub(crate) const PERSONAL_DATA: Lists = 1 << 0;
    /// One-line fields (`text-invisible`).
    pub(crate) const ONE_LINE: Lists = 1 << 1;
    /// Trimmed fields (`text-whitespace`).
    pub(crate) const TRIMMED: Lists = 1 << 2;
    /// Whole numbers (`integer-literal`).
    pub(crate) const WHOLE_NUMBER: Lists = 1 << 3;
    /// Every list, in the order of [`super::TEXT_FIELDS`]'s lists.
    pub(crate) const ALL: [Lists; 4] = [PERSONAL_DATA, ONE_LINE, TRIMMED, WHOLE_NUMBER];
}

/// One walker for every list the text rules read: the entry is walked once for all of them.
pub(crate) static TEXT_FIELDS: std::sync::LazyLock<StringFields> = std::sync::LazyLock::new(|| {
    use crate::fields::value_pointers;
    // As many lists as `text_lists::ALL` names, in its order: a list added here without its
    // bit does not compile.
    let lists: [_; text_lists::ALL.len()] = [
        value_pointers(|p| p.personal_data),
        value_pointers(|p| p.one_line),
        value_pointers(|p| p.trimmed),
        value_pointers(|p| p.whole_number),
    ];
    StringFields::of_lists(lists)
});

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
        StringFields::of_lists([patterns]).each_value(&doc, &mut |node, _, pointer| {
            if let Some(text) = node.as_str() {
                found.push((pointer(), text.to_owned()));
            }
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
    fn a_value_several_lists_name_is_visited_once_with_each_lists_bit() {
        let json = r#"{"name": "N", "founded": 1990.0, "aliases": ["x"], "industry": ["i"]}"#;
        let (doc, _) = crate::json::parse_doc(json).unwrap_or_else(|e| panic!("{e:?}"));
        let walker = StringFields::of_lists([
            vec!["/name", "/aliases/*"],
            vec!["/name", "/industry/*", "/founded"],
            vec!["/absent"],
        ]);
        let mut found = Vec::new();
        walker.each_value(&doc, &mut |node, lists, pointer| {
            found.push((pointer(), node.as_str().is_some(), lists));
        });
        assert_eq!(
            found,
            [
                ("/name".to_owned(), true, 0b011),
                ("/aliases/0".to_owned(), true, 0b001),
                ("/industry/0".to_owned(), true, 0b010),
                ("/founded".to_owned(), false, 0b010),
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
