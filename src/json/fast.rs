//! The fast path: `serde_json` into a `Value`, noting (not locating) what `Value` would hide.

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::cell::Cell;
use std::fmt;

/// Integers beyond this magnitude are rounded by JavaScript consumers.
pub(super) const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// What the fast parse saw that only the span parse can locate.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ParseFlags {
    /// An object repeats a key (`Value` would keep only one).
    pub duplicate_key: bool,
    /// A number that may not survive a round trip through an IEEE double.
    pub suspicious_number: bool,
}

impl ParseFlags {
    pub(crate) fn needs_span_parse(self) -> bool {
        self.duplicate_key || self.suspicious_number
    }
}

/// Parses strict JSON (RFC 8259, `serde_json`'s recursion limit of 128 kept) into a `Value`.
/// On a repeated key, the first occurrence is kept.
pub(crate) fn parse_value(text: &str) -> Result<(Value, ParseFlags), serde_json::Error> {
    let flags = Cell::new(ParseFlags::default());
    parse_with(
        text,
        ValueSeed {
            flags: Flags(&flags),
        },
        &flags,
    )
}

/// Runs a strict parse of all of `text` with `seed`, whose visitors raise `flags`.
pub(super) fn parse_with<'de, S: DeserializeSeed<'de>>(
    text: &'de str,
    seed: S,
    flags: &Cell<ParseFlags>,
) -> Result<(S::Value, ParseFlags), serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = seed.deserialize(&mut de)?;
    de.end()?;
    Ok((value, flags.get()))
}

/// What a parse's visitors note as they go: shared by the `Value` and the borrowed tree.
#[derive(Clone, Copy)]
pub(super) struct Flags<'f>(pub &'f Cell<ParseFlags>);

impl Flags<'_> {
    fn mark(self, update: impl FnOnce(&mut ParseFlags)) {
        let mut flags = self.0.get();
        update(&mut flags);
        self.0.set(flags);
    }

    pub(super) fn saw_i64(self, v: i64) {
        if v.unsigned_abs() > MAX_SAFE_INTEGER {
            self.mark(|f| f.suspicious_number = true);
        }
    }

    pub(super) fn saw_u64(self, v: u64) {
        if v > MAX_SAFE_INTEGER {
            self.mark(|f| f.suspicious_number = true);
        }
    }

    /// The literal is gone by now; the span parse reads it and decides.
    pub(super) fn saw_f64(self) {
        self.mark(|f| f.suspicious_number = true);
    }

    pub(super) fn saw_duplicate_key(self) {
        self.mark(|f| f.duplicate_key = true);
    }
}

#[derive(Clone, Copy)]
struct ValueSeed<'f> {
    flags: Flags<'f>,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        self.flags.saw_i64(v);
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        self.flags.saw_u64(v);
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        self.flags.saw_f64();
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            let value = access.next_value_seed(self)?;
            match map.entry(key) {
                serde_json::map::Entry::Vacant(slot) => {
                    slot.insert(value);
                }
                serde_json::map::Entry::Occupied(_) => self.flags.saw_duplicate_key(),
            }
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_repeated_keys_and_keeps_the_first() {
        let (value, flags) = parse_value(r#"{"a": 1, "a": 2}"#).unwrap_or_default();
        assert!(flags.duplicate_key);
        assert_eq!(value["a"], 1);
    }

    #[test]
    fn flags_unsafe_integers_and_floats() {
        assert!(
            parse_value("9007199254740992")
                .map(|r| r.1.suspicious_number)
                .unwrap_or(false)
        );
        assert!(
            !parse_value("9007199254740991")
                .map(|r| r.1.suspicious_number)
                .unwrap_or(true)
        );
        assert!(
            parse_value("1.5")
                .map(|r| r.1.suspicious_number)
                .unwrap_or(false)
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(100_000);
        assert!(parse_value(&text).is_err());
    }
}
