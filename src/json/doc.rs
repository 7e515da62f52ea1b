//! The lint's own document tree: strings and keys borrow from the file's text (unless they
//! hold escapes), objects are small vectors of members in document order.
//!
//! Why not `serde_json::Value`: a profile of a full lint showed building and dropping `Value`s
//! (a `String` per key and string, an `IndexMap` hashed with SipHash per object) as the largest
//! cost after reading the files. Entries are small objects; a vector scanned in order is faster
//! than a hash index for them, and borrowed strings cost no allocation. The schema validates
//! this tree directly through `jsonschema`'s representation traits ([`DocJson`]).

use jsonschema::JsonType;
use jsonschema::json::{Array, Json, Node as SchemaNode, NodeIdentity, Object};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use super::fast::{Flags, ParseFlags, parse_with};

/// One JSON value of a parsed entry.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Node<'a> {
    #[default]
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(Cow<'a, str>),
    Array(Vec<Node<'a>>),
    /// Members in document order; a repeated key keeps only its first occurrence.
    Object(Vec<(Cow<'a, str>, Node<'a>)>),
}

/// Above this many members, repeated keys are looked up in a hash set, not by scanning: a
/// hostile object with 100,000 keys must not cost 10^10 comparisons.
const SCAN_LIMIT: usize = 16;

/// Whether two keys are equal. A member lookup scans the object, and rules and the schema
/// look up thousands of members per entry: keys of the same length are compared byte by byte
/// in line, where `==` would call `memcmp` for each (3% of a lint's time went to those
/// calls). Longer keys than any field name go to `==`.
#[inline]
fn same_key(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    if a.len() <= 24 {
        a.iter().zip(b).all(|(x, y)| x == y)
    } else {
        a == b
    }
}

impl<'a> Node<'a> {
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        match self {
            Node::Object(members) => members
                .iter()
                .find(|(k, _)| same_key(k, key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Node<'a>]> {
        match self {
            Node::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[(Cow<'a, str>, Node<'a>)]> {
        match self {
            Node::Object(members) => Some(members),
            _ => None,
        }
    }

    pub fn is_object(&self) -> bool {
        matches!(self, Node::Object(_))
    }

    /// The value as a whole number, however it is spelled: JSON Schema takes `2e0` for the
    /// integer 2, so the citation rules do too (`integer-literal` reports the spelling).
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Node::Number(n) => n
                .as_u64()
                .or_else(|| super::whole_number(n).and_then(|w| u64::try_from(w).ok())),
            _ => None,
        }
    }

    /// The value at a JSON Pointer (RFC 6901), as `serde_json::Value::pointer` resolves it.
    pub fn pointer(&self, pointer: &str) -> Option<&Node<'a>> {
        if pointer.is_empty() {
            return Some(self);
        }
        let mut rest = pointer.strip_prefix('/')?;
        let mut node = self;
        // Split by bytes, slicing the text at each `/` (an ASCII byte, so always a character
        // boundary): rules look up constant pointers thousands of times an entry, and
        // `str::split`'s searcher, or checking each token's UTF-8 again, cost more than the
        // lookups.
        loop {
            let end = rest.bytes().position(|b| b == b'/').unwrap_or(rest.len());
            let token = rest.get(..end).unwrap_or_default();
            // Tokens are short: a byte test beats the searcher behind `contains('~')`.
            let token = if token.bytes().any(|b| b == b'~') {
                Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
            } else {
                Cow::Borrowed(token)
            };
            node = match node {
                Node::Object(_) => node.get(&token)?,
                Node::Array(items) => {
                    if token.starts_with('+') || (token.len() > 1 && token.starts_with('0')) {
                        return None;
                    }
                    items.get(token.parse::<usize>().ok()?)?
                }
                _ => return None,
            };
            match rest.get(end + 1..) {
                Some(next) => rest = next,
                None => break,
            }
        }
        Some(node)
    }

    /// The same value as a `serde_json::Value` (for exports and error messages).
    pub fn to_value(&self) -> Value {
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Number(n) => Value::Number(n.clone()),
            Node::String(s) => Value::String(s.as_ref().to_owned()),
            Node::Array(items) => Value::Array(items.iter().map(Node::to_value).collect()),
            Node::Object(members) => Value::Object(
                members
                    .iter()
                    .map(|(k, v)| (k.as_ref().to_owned(), v.to_value()))
                    .collect(),
            ),
        }
    }

    /// A tree borrowing from a `Value` (for checks run on values built in memory).
    pub fn from_value(value: &'a Value) -> Node<'a> {
        match value {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(*b),
            Value::Number(n) => Node::Number(n.clone()),
            Value::String(s) => Node::String(Cow::Borrowed(s)),
            Value::Array(items) => Node::Array(items.iter().map(Node::from_value).collect()),
            Value::Object(map) => Node::Object(
                map.iter()
                    .map(|(k, v)| (Cow::Borrowed(k.as_str()), Node::from_value(v)))
                    .collect(),
            ),
        }
    }
}

/// Read access shared by [`Node`] and `serde_json::Value`, for the few checks that run on both
/// (citation markers and identity keys are computed by the lint, by `fix` and by the exports).
pub trait JsonRead: Sized {
    fn member(&self, key: &str) -> Option<&Self>;
    fn text(&self) -> Option<&str>;
    fn items(&self) -> Option<&[Self]>;
}

impl JsonRead for Node<'_> {
    fn member(&self, key: &str) -> Option<&Self> {
        self.get(key)
    }
    fn text(&self) -> Option<&str> {
        self.as_str()
    }
    fn items(&self) -> Option<&[Self]> {
        self.as_array()
    }
}

impl JsonRead for Value {
    fn member(&self, key: &str) -> Option<&Self> {
        self.get(key)
    }
    fn text(&self) -> Option<&str> {
        self.as_str()
    }
    fn items(&self) -> Option<&[Self]> {
        self.as_array().map(Vec::as_slice)
    }
}

/// Parses strict JSON (RFC 8259, `serde_json`'s recursion limit of 128 kept) into a [`Node`]
/// borrowing from `text`, with the flags of [`ParseFlags`].
pub(crate) fn parse_doc(text: &str) -> Result<(Node<'_>, ParseFlags), serde_json::Error> {
    let flags = Cell::new(ParseFlags::default());
    parse_with(
        text,
        NodeSeed {
            flags: Flags(&flags),
        },
        &flags,
    )
}

#[derive(Clone, Copy)]
struct NodeSeed<'f> {
    flags: Flags<'f>,
}

impl<'de> DeserializeSeed<'de> for NodeSeed<'_> {
    type Value = Node<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node<'de>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// A key, borrowed from the text unless it holds escapes.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

impl<'de> Visitor<'de> for NodeSeed<'_> {
    type Value = Node<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Node<'de>, E> {
        Ok(Node::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Node<'de>, E> {
        self.flags.saw_i64(v);
        Ok(Node::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Node<'de>, E> {
        self.flags.saw_u64(v);
        Ok(Node::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Node<'de>, E> {
        self.flags.saw_f64();
        Ok(serde_json::Number::from_f64(v).map_or(Node::Null, Node::Number))
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Node<'de>, E> {
        Ok(Node::String(Cow::Borrowed(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Node<'de>, E> {
        Ok(Node::String(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E>(self, v: String) -> Result<Node<'de>, E> {
        Ok(Node::String(Cow::Owned(v)))
    }

    fn visit_unit<E>(self) -> Result<Node<'de>, E> {
        Ok(Node::Null)
    }

    fn visit_none<E>(self) -> Result<Node<'de>, E> {
        Ok(Node::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node<'de>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Node::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Node<'de>, A::Error> {
        let mut members: Vec<(Cow<'de, str>, Node<'de>)> = Vec::new();
        let mut seen: Option<std::collections::HashSet<Cow<'de, str>>> = None;
        while let Some(key) = access.next_key_seed(KeySeed)? {
            let value = access.next_value_seed(self)?;
            let repeated = match &mut seen {
                Some(seen) => !seen.insert(key.clone()),
                None => {
                    let repeated = members.iter().any(|(k, _)| same_key(k, &key));
                    if !repeated && members.len() >= SCAN_LIMIT {
                        let mut set: std::collections::HashSet<Cow<'de, str>> =
                            members.iter().map(|(k, _)| k.clone()).collect();
                        set.insert(key.clone());
                        seen = Some(set);
                    }
                    repeated
                }
            };
            if repeated {
                self.flags.saw_duplicate_key();
            } else {
                members.push((key, value));
            }
        }
        Ok(Node::Object(members))
    }
}

/// [`Node`] as an instance representation for `jsonschema` (see `jsonschema::json`).
pub struct DocJson;

impl Json for DocJson {
    type Node<'a> = &'a Node<'a>;
    type PreparedKey = String;
    type StringBuffer = Node<'static>;

    fn prepare_key(key: &str) -> String {
        key.to_owned()
    }

    fn with_string_node<T>(
        buffer: &mut Node<'static>,
        string: &str,
        f: impl FnOnce(<Self as Json>::Node<'_>) -> T,
    ) -> T {
        *buffer = Node::String(Cow::Owned(string.to_owned()));
        f(buffer)
    }
}

impl<'a> SchemaNode<'a, DocJson> for &'a Node<'a> {
    type Object = &'a [(Cow<'a, str>, Node<'a>)];
    type Array = &'a [Node<'a>];
    type Number = &'a serde_json::Number;

    fn as_object(&self) -> Option<Self::Object> {
        match self {
            Node::Object(members) => Some(members),
            _ => None,
        }
    }

    fn as_array(&self) -> Option<Self::Array> {
        match self {
            Node::Array(items) => Some(items),
            _ => None,
        }
    }

    fn as_string(&self) -> Option<Cow<'a, str>> {
        match self {
            Node::String(s) => Some(Cow::Borrowed(s.as_ref())),
            _ => None,
        }
    }

    fn as_number(&self) -> Option<Self::Number> {
        match self {
            Node::Number(n) => Some(n),
            _ => None,
        }
    }

    fn as_boolean(&self) -> Option<bool> {
        match self {
            Node::Bool(b) => Some(*b),
            _ => None,
        }
    }

    fn is_null(&self) -> bool {
        matches!(self, Node::Null)
    }

    fn json_type(&self) -> JsonType {
        match self {
            Node::Null => JsonType::Null,
            Node::Bool(_) => JsonType::Boolean,
            Node::Number(_) => JsonType::Number,
            Node::String(_) => JsonType::String,
            Node::Array(_) => JsonType::Array,
            Node::Object(_) => JsonType::Object,
        }
    }

    fn string_length_within(&self, min: u64, max: u64) -> Option<bool> {
        let Node::String(string) = self else {
            return None;
        };
        // A character takes one to four bytes: most lengths are decided without counting.
        let bytes = string.len() as u64;
        let fewest = bytes.div_ceil(4);
        if bytes < min || fewest > max {
            return Some(false);
        }
        if min <= fewest && bytes <= max {
            return Some(true);
        }
        Some((min..=max).contains(&(string.chars().count() as u64)))
    }

    fn equals_value(&self, expected: &Value) -> bool {
        // `enum` and `const` on scalars compare in place; containers go through `Value`.
        match (self, expected) {
            (Node::String(s), Value::String(e)) => s == e,
            (Node::String(_), _) | (_, Value::String(_)) => false,
            (Node::Bool(b), Value::Bool(e)) => b == e,
            (Node::Null, Value::Null) => true,
            _ => jsonschema::json::cmp::equal(&Node::to_value(self), expected),
        }
    }

    fn to_value(&self) -> Cow<'a, Value> {
        Cow::Owned(Node::to_value(self))
    }

    fn identity(&self) -> Option<NodeIdentity> {
        Some(NodeIdentity::new(
            std::ptr::from_ref::<Node<'a>>(*self) as usize
        ))
    }
}

/// An object's members as `jsonschema` walks them: name and value, in document order.
pub struct Members<'a> {
    inner: std::slice::Iter<'a, (Cow<'a, str>, Node<'a>)>,
}

impl<'a> Iterator for Members<'a> {
    type Item = (&'a str, &'a Node<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        self.inner.next().map(|(k, v)| (k.as_ref(), v))
    }
}

impl<'a> Object<'a, DocJson> for &'a [(Cow<'a, str>, Node<'a>)] {
    type Node = &'a Node<'a>;
    type MemberName = &'a str;
    type MembersIter = Members<'a>;

    fn len(&self) -> usize {
        <[_]>::len(self)
    }

    fn get(&self, key: &String) -> Option<&'a Node<'a>> {
        self.iter().find(|(k, _)| same_key(k, key)).map(|(_, v)| v)
    }

    fn members(&self) -> Members<'a> {
        Members { inner: self.iter() }
    }
}

impl<'a> Array<'a, DocJson> for &'a [Node<'a>] {
    type Node = &'a Node<'a>;
    type ElementsIter = std::slice::Iter<'a, Node<'a>>;

    fn len(&self) -> usize {
        <[_]>::len(self)
    }

    fn elements(&self) -> Self::ElementsIter {
        self.iter()
    }
}

/// A parsed tree is also a serde `Deserializer`, so a typed value (the model's `Entry`) is read
/// from the tree the lint already built, without parsing the text a second time.
impl<'de, 'a: 'de> Deserializer<'de> for &'de Node<'a> {
    type Error = serde::de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        use serde::de::value::{MapDeserializer, SeqDeserializer};
        match self {
            Node::Null => visitor.visit_unit(),
            Node::Bool(b) => visitor.visit_bool(*b),
            Node::Number(n) => n
                .clone()
                .deserialize_any(visitor)
                .map_err(serde::de::Error::custom),
            Node::String(s) => visitor.visit_borrowed_str(s.as_ref()),
            Node::Array(items) => visitor.visit_seq(SeqDeserializer::new(items.iter())),
            Node::Object(members) => visitor.visit_map(MapDeserializer::new(
                members.iter().map(|(key, value)| (key.as_ref(), value)),
            )),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self {
            Node::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        use serde::de::IntoDeserializer;
        match self {
            // The model's closed sets are unit variants spelled as strings.
            Node::String(s) => visitor.visit_enum(s.as_ref().into_deserializer()),
            _ => self.deserialize_any(visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct newtype_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

impl<'de, 'a: 'de> serde::de::IntoDeserializer<'de, serde::de::value::Error> for &'de Node<'a> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A JSON Pointer finds in the tree what `serde_json` finds in the same document:
        /// keys with `/`, `~` and digits, array indexes with signs and leading zeros, empty
        /// tokens, a trailing `/`.
        #[test]
        fn a_pointer_finds_what_serde_json_finds(
            keys in proptest::collection::vec("[a~/01+]{0,3}", 1..6),
            tokens in proptest::collection::vec("[a~/01+]{0,3}|~0|~1|0|1|01|\\+1", 0..5),
            prefix in "/?",
        ) {
            // Nested objects and arrays keyed by those keys, so that pointers reach deep.
            let mut doc = serde_json::json!([1, {"a": 2}, [3]]);
            for key in keys.iter().rev() {
                let mut object = serde_json::Map::new();
                object.insert(key.clone(), doc.clone());
                object.insert(format!("{key}~"), serde_json::json!([doc, 4]));
                doc = serde_json::Value::Object(object);
            }
            let text = doc.to_string();
            let (tree, _) = parse_doc(&text).map_err(|e| proptest::test_runner::TestCaseError::fail(e.to_string()))?;
            // A pointer to something that is there, and one of random tokens.
            let there: String = keys
                .iter()
                .map(|k| format!("/{}", k.replace('~', "~0").replace('/', "~1")))
                .collect();
            let random = format!("{prefix}{}", tokens.join("/"));
            let inside = format!("{there}/1/a");
            proptest::prop_assert_eq!(
                tree.pointer(&inside).map(Node::to_value),
                Some(serde_json::json!(2))
            );
            for pointer in [inside, there, random] {
                proptest::prop_assert_eq!(
                    tree.pointer(&pointer).map(Node::to_value),
                    doc.pointer(&pointer).cloned(),
                    "{}", pointer
                );
            }
        }
    }

    /// The model reads the lint's tree exactly as it reads the text: every valid fixture and
    /// every dataset entry gives the same `Entry` both ways.
    #[test]
    fn the_model_reads_a_tree_as_it_reads_the_text() {
        use crate::model::Entry;
        use serde::Deserialize;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for rule in std::fs::read_dir(root.join("tests/fixtures")).unwrap() {
            if let Ok(valid) = std::fs::read_dir(rule.unwrap().path().join("valid")) {
                files.extend(valid.map(|f| f.unwrap().path()));
            }
        }
        files.extend(
            std::fs::read_dir(root.join("dataset"))
                .unwrap()
                .map(|f| f.unwrap().path()),
        );
        let mut compared = 0;
        for path in files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
        {
            let bytes = std::fs::read(path).unwrap();
            let Ok(from_text) = Entry::from_json_bytes(&bytes) else {
                continue;
            };
            let decoded = crate::json::decode(&bytes);
            let text = decoded.parse_text().unwrap();
            let (tree, _) = parse_doc(text).unwrap();
            let from_tree = Entry::deserialize(&tree).unwrap_or_else(|e| panic!("{path:?}: {e}"));
            assert_eq!(from_tree, from_text, "{path:?}");
            compared += 1;
        }
        assert!(compared > 10, "only {compared} entries compared");
    }

    #[test]
    fn the_model_refuses_from_a_tree_what_it_refuses_from_text() {
        use crate::model::Entry;
        use serde::Deserialize;
        let valid = r#"{"id":"acme","name":"Acme","industry":["x"],"parent_company":null,
            "verification":{"status":"unverified"},"boycott":{"status":"listed","agencies":["ICE"]},
            "sections":{"overview":"a","boycott":"b"},"sources":[{"id":1e0,"title":"t","publisher":"p","date":"2020-05"}]}"#;
        let (tree, _) = parse_doc(valid).unwrap();
        let entry = Entry::deserialize(&tree).unwrap();
        assert_eq!(entry.parent_company, Some(None));
        assert_eq!(entry.sources[0].id, 1);
        // What a later version-1 release may add is kept, the same from either reader.
        for later in [
            valid.replace("\"ICE\"", "\"FBI\""),
            valid.replace("\"id\":\"acme\"", "\"id\":\"acme\",\"extra\":1"),
        ] {
            let (tree, _) = parse_doc(&later).unwrap();
            let from_tree = Entry::deserialize(&tree).unwrap();
            assert_eq!(from_tree, serde_json::from_str::<Entry>(&later).unwrap());
            assert_ne!(from_tree, entry, "{later}");
        }
        for broken in [
            valid.replace("1e0", "1.5"),
            valid.replace("2020-05", "2020-13"),
            valid.replace("\"industry\":[\"x\"],", ""),
        ] {
            let (tree, _) = parse_doc(&broken).unwrap();
            assert!(Entry::deserialize(&tree).is_err(), "{broken}");
            assert!(serde_json::from_str::<Entry>(&broken).is_err(), "{broken}");
        }
    }

    #[test]
    fn strings_without_escapes_borrow_from_the_text() {
        let text = r#"{"name": "Acme Widgets", "note": "a \"quoted\" word"}"#;
        let (node, flags) = parse_doc(text).unwrap_or_default();
        assert!(!flags.needs_span_parse());
        assert!(matches!(
            node.get("name"),
            Some(Node::String(Cow::Borrowed("Acme Widgets")))
        ));
        assert_eq!(
            node.get("note").and_then(Node::as_str),
            Some("a \"quoted\" word")
        );
    }

    #[test]
    fn agrees_with_serde_json_and_keeps_the_first_of_repeated_keys() {
        let text = r#"{"a": [1, -2, 2.5, true, null, {"b~/c": "x"}], "a": 3, "z": {}}"#;
        let (node, flags) = parse_doc(text).unwrap_or_default();
        // serde_json keeps the last of repeated keys; without the repeat, the trees agree.
        let unrepeated = text.replace(r#", "a": 3"#, "");
        let value: serde_json::Value = serde_json::from_str(&unrepeated).unwrap();
        assert_eq!(node.to_value(), value);
        assert!(flags.duplicate_key);
        assert!(!parse_doc(&unrepeated).unwrap().1.duplicate_key);
        assert_eq!(node.pointer("/a/5/b~0~1c"), Some(&Node::String("x".into())));
        assert_eq!(node.pointer("/a/01"), None);
    }

    #[test]
    fn repeated_keys_in_a_large_object_are_found_by_hashing() {
        let mut members: Vec<String> = (0..100).map(|i| format!("\"k{i}\": {i}")).collect();
        members.push("\"k7\": 0".to_owned());
        let text = format!("{{{}}}", members.join(","));
        let (node, flags) = parse_doc(&text).unwrap_or_default();
        assert!(flags.duplicate_key);
        assert_eq!(node.as_object().map(<[_]>::len), Some(100));
        assert_eq!(node.get("k7").and_then(Node::as_u64), Some(7));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        assert!(parse_doc(&"[".repeat(100_000)).is_err());
    }
}
