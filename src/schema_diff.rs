//! `icelist schema-diff`: every change between two versions of the schema, classified for the
//! people who consume the data. A change is **additive** only when the tool can prove that
//! everything the old schema accepted, the new one accepts too: an optional property added, an
//! enum value added, a limit loosened (a larger `maxLength`, a smaller `minLength`), a
//! `required` entry dropped, `additionalProperties` opened. Everything else that changes what
//! validates is **breaking**: a `pattern`, `type` or `format` changed, a property removed or
//! renamed, a new required property, an enum value removed, `additionalProperties` closed, any
//! change the tool cannot reason about (`allOf`, `$ref`, ...). Annotations (`title`,
//! `description`, `examples`, `$comment`, `default`) and `$id` change nothing that validates.

use serde::Serialize;
use serde_json::{Map, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Breaking,
    Additive,
}

/// One change, at a JSON Pointer into the schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SchemaChange {
    pub pointer: String,
    pub kind: ChangeKind,
    pub what: String,
}

/// `--format json`: `{"version":1,"breaking":true,"changes":[...]}`.
#[derive(Debug, Clone, Serialize)]
pub struct SchemaDiff {
    pub version: u32,
    pub breaking: bool,
    pub changes: Vec<SchemaChange>,
}

/// Keywords that only annotate.
const ANNOTATIONS: &[&str] = &[
    "title",
    "description",
    "examples",
    "$comment",
    "default",
    "$id",
    "$schema",
    "deprecated",
    "readOnly",
    "writeOnly",
];

/// Limits where a larger value accepts more.
const UPPER_LIMITS: &[&str] = &[
    "maxLength",
    "maxItems",
    "maxProperties",
    "maximum",
    "exclusiveMaximum",
];
/// Limits where a smaller value accepts more.
const LOWER_LIMITS: &[&str] = &[
    "minLength",
    "minItems",
    "minProperties",
    "minimum",
    "exclusiveMinimum",
];

pub fn diff(old: &Value, new: &Value) -> SchemaDiff {
    let mut changes = Vec::new();
    compare(old, new, "", &mut changes);
    SchemaDiff {
        version: 1,
        breaking: changes.iter().any(|c| c.kind == ChangeKind::Breaking),
        changes,
    }
}

/// The schema's major version: the last number of its `$id` (`.../v1/company.schema.json` or
/// `urn:...:1`).
pub fn major_version(schema: &Value) -> Option<u64> {
    let id = schema.get("$id")?.as_str()?;
    let digits: Vec<u64> = id
        .split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty())
        .filter_map(|part| part.parse().ok())
        .collect();
    digits.last().copied()
}

fn push(changes: &mut Vec<SchemaChange>, pointer: &str, kind: ChangeKind, what: String) {
    changes.push(SchemaChange {
        pointer: pointer.to_owned(),
        kind,
        what,
    });
}

fn token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn compare(old: &Value, new: &Value, at: &str, changes: &mut Vec<SchemaChange>) {
    let (Some(old), Some(new)) = (old.as_object(), new.as_object()) else {
        if old != new {
            // `true`/`false` schemas, or a schema replaced by something else.
            let kind = match (old, new) {
                (_, Value::Bool(true)) => ChangeKind::Additive,
                _ => ChangeKind::Breaking,
            };
            push(changes, at, kind, "the schema was replaced".into());
        }
        return;
    };
    let empty = Map::new();
    let keys: std::collections::BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for key in keys {
        let here = format!("{at}/{}", token(key));
        let (a, b) = (old.get(key), new.get(key));
        if a == b || ANNOTATIONS.contains(&key.as_str()) {
            continue;
        }
        match key.as_str() {
            "properties" | "$defs" | "definitions" | "patternProperties" => {
                let a = a.and_then(Value::as_object).unwrap_or(&empty);
                let b = b.and_then(Value::as_object).unwrap_or(&empty);
                let required = new.get("required").and_then(Value::as_array);
                for name in a.keys().chain(b.keys().filter(|k| !a.contains_key(*k))) {
                    let pointer = format!("{here}/{}", token(name));
                    match (a.get(name), b.get(name)) {
                        (Some(x), Some(y)) => compare(x, y, &pointer, changes),
                        (Some(_), None) if key == "properties" => push(
                            changes,
                            &pointer,
                            ChangeKind::Breaking,
                            format!("property {name:?} removed"),
                        ),
                        (None, Some(_)) if key == "properties" => {
                            let is_required = required
                                .is_some_and(|r| r.iter().any(|v| v.as_str() == Some(name)));
                            if is_required {
                                push(
                                    changes,
                                    &pointer,
                                    ChangeKind::Breaking,
                                    format!("required property {name:?} added"),
                                );
                            } else {
                                push(
                                    changes,
                                    &pointer,
                                    ChangeKind::Additive,
                                    format!("optional property {name:?} added"),
                                );
                            }
                        }
                        (Some(_), None) => push(
                            changes,
                            &pointer,
                            ChangeKind::Breaking,
                            format!("{name:?} removed"),
                        ),
                        (None, Some(_)) => push(
                            changes,
                            &pointer,
                            ChangeKind::Additive,
                            format!("{name:?} added"),
                        ),
                        (None, None) => {}
                    }
                }
            }
            "required" => {
                let list = |v: Option<&Value>| -> Vec<String> {
                    v.and_then(Value::as_array)
                        .map(|a| {
                            a.iter()
                                .filter_map(|s| s.as_str().map(str::to_owned))
                                .collect()
                        })
                        .unwrap_or_default()
                };
                let (a, b) = (list(a), list(b));
                let added_properties = new.get("properties").and_then(Value::as_object);
                let old_properties = old.get("properties").and_then(Value::as_object);
                for name in b.iter().filter(|n| !a.contains(n)) {
                    // A required property that is new is reported with the property.
                    let new_property = added_properties.is_some_and(|p| p.contains_key(name))
                        && !old_properties.is_some_and(|p| p.contains_key(name));
                    if !new_property {
                        push(
                            changes,
                            &here,
                            ChangeKind::Breaking,
                            format!("{name:?} is now required"),
                        );
                    }
                }
                for name in a.iter().filter(|n| !b.contains(n)) {
                    push(
                        changes,
                        &here,
                        ChangeKind::Additive,
                        format!("{name:?} is no longer required"),
                    );
                }
            }
            "enum" => {
                let a = a.and_then(Value::as_array).cloned().unwrap_or_default();
                let b = b.and_then(Value::as_array).cloned().unwrap_or_default();
                if a.is_empty() || b.is_empty() {
                    let kind = if b.is_empty() {
                        ChangeKind::Additive
                    } else {
                        ChangeKind::Breaking
                    };
                    push(
                        changes,
                        &here,
                        kind,
                        if b.is_empty() {
                            "enum removed".into()
                        } else {
                            "enum added".into()
                        },
                    );
                    continue;
                }
                for value in a.iter().filter(|v| !b.contains(v)) {
                    push(
                        changes,
                        &here,
                        ChangeKind::Breaking,
                        format!("value {value} removed"),
                    );
                }
                for value in b.iter().filter(|v| !a.contains(v)) {
                    push(
                        changes,
                        &here,
                        ChangeKind::Additive,
                        format!("value {value} added"),
                    );
                }
            }
            "items" | "additionalItems" | "contains" | "propertyNames" | "not" | "if" | "then"
            | "else"
                if a.is_some() && b.is_some() && key != "not" && key != "if" =>
            {
                compare(
                    a.unwrap_or(&Value::Null),
                    b.unwrap_or(&Value::Null),
                    &here,
                    changes,
                );
            }
            "additionalProperties" | "unevaluatedProperties" => {
                let open = |v: Option<&Value>| v.is_none() || v == Some(&Value::Bool(true));
                match (open(a), open(b)) {
                    (false, true) => push(
                        changes,
                        &here,
                        ChangeKind::Additive,
                        format!("{key} opened"),
                    ),
                    (true, false) => push(
                        changes,
                        &here,
                        ChangeKind::Breaking,
                        format!("{key} closed"),
                    ),
                    _ => compare(
                        a.unwrap_or(&Value::Null),
                        b.unwrap_or(&Value::Null),
                        &here,
                        changes,
                    ),
                }
            }
            k if UPPER_LIMITS.contains(&k) || LOWER_LIMITS.contains(&k) => {
                let upper = UPPER_LIMITS.contains(&k);
                let kind = match (a.and_then(Value::as_f64), b.and_then(Value::as_f64)) {
                    (Some(x), Some(y)) if (upper && y > x) || (!upper && y < x) => {
                        ChangeKind::Additive
                    }
                    (Some(_), None) => ChangeKind::Additive,
                    _ => ChangeKind::Breaking,
                };
                let show = |v: Option<&Value>| v.map_or("none".to_owned(), ToString::to_string);
                push(
                    changes,
                    &here,
                    kind,
                    format!("{k} {} -> {}", show(a), show(b)),
                );
            }
            "type" | "pattern" | "format" | "const" => push(
                changes,
                &here,
                ChangeKind::Breaking,
                format!("{key} changed from {} to {}", show(a), show(b)),
            ),
            _ => push(
                changes,
                &here,
                ChangeKind::Breaking,
                format!("{key} changed (the tool cannot prove it accepts what it did)"),
            ),
        }
    }
}

fn show(v: Option<&Value>) -> String {
    v.map_or("none".to_owned(), ToString::to_string)
}

/// One line per change: `breaking: /properties/status/enum: value "acquired" removed`.
pub fn human(diff: &SchemaDiff) -> String {
    let mut out = String::new();
    for change in &diff.changes {
        let kind = match change.kind {
            ChangeKind::Breaking => "breaking",
            ChangeKind::Additive => "additive",
        };
        out.push_str(&format!(
            "{kind}: {}: {}\n",
            if change.pointer.is_empty() {
                "/"
            } else {
                &change.pointer
            },
            crate::text::escape_untrusted(&change.what)
        ));
    }
    if diff.changes.is_empty() {
        out.push_str("no change to what validates\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn base() -> Value {
        json!({
            "$id": "urn:icelist:schema:company:1",
            "type": "object",
            "additionalProperties": false,
            "required": ["id", "status"],
            "properties": {
                "id": { "type": "string", "pattern": "^[a-z]+$", "maxLength": 64 },
                "status": { "enum": ["active", "acquired"] },
                "note": { "type": "string", "minLength": 1 },
                "tags": { "type": "array", "items": { "type": "string" } }
            }
        })
    }

    fn kinds(change: impl FnOnce(&mut Value)) -> Vec<(String, ChangeKind)> {
        let mut new = base();
        change(&mut new);
        diff(&base(), &new)
            .changes
            .into_iter()
            .map(|c| (c.pointer, c.kind))
            .collect()
    }

    #[test]
    fn each_class_of_change() {
        use ChangeKind::*;
        let p = |s: &str| s.to_owned();
        assert_eq!(
            kinds(|s| s["properties"]["quotes"] = json!({"type": "array"})),
            [(p("/properties/quotes"), Additive)]
        );
        assert_eq!(
            kinds(|s| {
                s["properties"]["domains"] = json!({"type": "array"});
                s["required"] = json!(["id", "status", "domains"]);
            }),
            [(p("/properties/domains"), Breaking)]
        );
        assert_eq!(
            kinds(|s| s["properties"]["status"]["enum"] = json!(["active", "acquired", "defunct"])),
            [(p("/properties/status/enum"), Additive)]
        );
        assert_eq!(
            kinds(|s| s["properties"]["status"]["enum"] = json!(["active"])),
            [(p("/properties/status/enum"), Breaking)]
        );
        assert_eq!(
            kinds(|s| s["properties"]["id"]["maxLength"] = json!(100)),
            [(p("/properties/id/maxLength"), Additive)]
        );
        assert_eq!(
            kinds(|s| s["properties"]["id"]["maxLength"] = json!(32)),
            [(p("/properties/id/maxLength"), Breaking)]
        );
        assert_eq!(
            kinds(|s| s["properties"]["note"]["minLength"] = json!(0)),
            [(p("/properties/note/minLength"), Additive)]
        );
        assert_eq!(
            kinds(|s| s["required"] = json!(["id"])),
            [(p("/required"), Additive)]
        );
        assert_eq!(
            kinds(|s| s["required"] = json!(["id", "status", "note"])),
            [(p("/required"), Breaking)]
        );
        assert_eq!(
            kinds(|s| s["properties"]["id"]["pattern"] = json!("^[a-z0-9]+$")),
            [(p("/properties/id/pattern"), Breaking)]
        );
        assert_eq!(
            kinds(|s| s["properties"]["note"]["type"] = json!("integer")),
            [(p("/properties/note/type"), Breaking)]
        );
        assert_eq!(
            kinds(|s| s["properties"]["id"]["format"] = json!("uri")),
            [(p("/properties/id/format"), Breaking)]
        );
        assert_eq!(
            kinds(|s| {
                s["properties"].as_object_mut().unwrap().remove("note");
            }),
            [(p("/properties/note"), Breaking)]
        );
        assert_eq!(
            kinds(|s| s["additionalProperties"] = json!(true)),
            [(p("/additionalProperties"), Additive)]
        );
        assert_eq!(
            kinds(|s| s["properties"]["tags"]["items"]["maxLength"] = json!(10)),
            [(p("/properties/tags/items/maxLength"), Breaking)]
        );
        assert_eq!(
            kinds(|s| s["properties"]["id"]["description"] = json!("The id.")),
            []
        );
        assert_eq!(
            kinds(|s| s["$id"] = json!("urn:icelist:schema:company:2")),
            []
        );
        assert_eq!(
            kinds(|s| s["allOf"] = json!([{"required": ["note"]}])),
            [(p("/allOf"), Breaking)]
        );
    }

    #[test]
    fn the_major_version_is_the_last_number_of_the_id() {
        assert_eq!(
            major_version(&json!({"$id": "urn:icelist:schema:company:1"})),
            Some(1)
        );
        assert_eq!(
            major_version(&json!({"$id": "https://example.org/schema/v2/company.schema.json"})),
            Some(2)
        );
        assert_eq!(major_version(&json!({})), None);
    }
}
