//! The fast path: `serde_json` into a `Value`, noting (not locating) what `Value` would hide.

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::cell::Cell;
use std::fmt;

/// Integers beyond this magnitude are rounded by JavaScript consumers.
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// What the fast parse saw that only the span parse can locate.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ParseFlags {
    /// An object repeats a key (`Value` would keep only one).
    pub duplicate_key: bool,
    /// A number that may not survive a round trip through an IEEE double.
    pub suspicious_number: bool,
}

impl ParseFlags {
    pub fn needs_span_parse(self) -> bool {
        self.duplicate_key || self.suspicious_number
    }
}

/// Parses strict JSON (RFC 8259, `serde_json`'s recursion limit of 128 kept) into a `Value`.
/// On a repeated key, the first occurrence is kept.
pub fn parse_value(text: &str) -> Result<(Value, ParseFlags), serde_json::Error> {
    let flags = Cell::new(ParseFlags::default());
    let mut de = serde_json::Deserializer::from_str(text);
    let value = ValueSeed { flags: &flags }.deserialize(&mut de)?;
    de.end()?;
    Ok((value, flags.get()))
}

#[derive(Clone, Copy)]
struct ValueSeed<'f> {
    flags: &'f Cell<ParseFlags>,
}

impl ValueSeed<'_> {
    fn mark(&self, update: impl FnOnce(&mut ParseFlags)) {
        let mut flags = self.flags.get();
        update(&mut flags);
        self.flags.set(flags);
    }
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
        if v.unsigned_abs() > MAX_SAFE_INTEGER {
            self.mark(|f| f.suspicious_number = true);
        }
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        if v > MAX_SAFE_INTEGER {
            self.mark(|f| f.suspicious_number = true);
        }
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        // The literal is gone by now; the span parse reads it and decides.
        self.mark(|f| f.suspicious_number = true);
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
                serde_json::map::Entry::Occupied(_) => self.mark(|f| f.duplicate_key = true),
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
