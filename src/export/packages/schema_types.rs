//! Types for the packages, generated from the JSON Schemas: TypeScript interfaces for the npm
//! package and `TypedDict`s for the Python package. One walk of a schema gives a small type
//! tree ([`Ty`]) and the named object types in dependency order; each language renders them.
//!
//! It reads the keywords the dataset's schemas use (`type`, `enum`, `const`, `properties`,
//! `required`, `items`, `additionalProperties`, `title`, `description`); a keyword it does not
//! model makes the type wider (`unknown` / `Any`), never narrower, so a valid document always
//! type-checks.

use serde_json::Value;
use std::collections::BTreeSet;

/// A type, as far as both languages can say it.
#[derive(Debug, Clone, PartialEq)]
enum Ty {
    String,
    Integer,
    Number,
    Boolean,
    Null,
    Unknown,
    /// A `const` or one value of an `enum`.
    Literal(Value),
    Array(Box<Ty>),
    /// An object without declared properties: string keys to values of one type.
    Map(Box<Ty>),
    /// An object type declared by name.
    Named(String),
    Union(Vec<Ty>),
}

/// An object with declared properties.
#[derive(Debug)]
struct ObjectType {
    name: String,
    description: Option<String>,
    fields: Vec<Field>,
}

#[derive(Debug)]
struct Field {
    key: String,
    ty: Ty,
    required: bool,
    description: Option<String>,
}

/// The named object types of one or more schemas, in an order where each comes after the
/// types it uses.
#[derive(Debug, Default)]
pub(crate) struct SchemaTypes {
    objects: Vec<ObjectType>,
    names: BTreeSet<String>,
}

impl SchemaTypes {
    /// Adds the object types of `schema`, its root named `root_name`.
    pub(crate) fn add(&mut self, schema: &Value, root_name: &str) {
        self.walk(schema, root_name, true);
    }

    fn walk(&mut self, node: &Value, hint: &str, is_root: bool) -> Ty {
        let Some(object) = node.as_object() else {
            // `true` (anything) or a schema this reader cannot read.
            return Ty::Unknown;
        };
        if let Some(value) = object.get("const") {
            return Ty::Literal(value.clone());
        }
        if let Some(values) = object.get("enum").and_then(Value::as_array) {
            return union(values.iter().cloned().map(Ty::Literal).collect());
        }
        let types: Vec<&str> = match object.get("type") {
            Some(Value::String(one)) => vec![one.as_str()],
            Some(Value::Array(many)) => many.iter().filter_map(Value::as_str).collect(),
            _ if object.contains_key("properties") => vec!["object"],
            _ if object.contains_key("items") => vec!["array"],
            _ => return Ty::Unknown,
        };
        let mut alternatives = Vec::new();
        for kind in types {
            alternatives.push(match kind {
                "string" => Ty::String,
                "integer" => Ty::Integer,
                "number" => Ty::Number,
                "boolean" => Ty::Boolean,
                "null" => Ty::Null,
                "array" => {
                    let items = match object.get("items") {
                        Some(items) => self.walk(items, &singular(hint), false),
                        None => Ty::Unknown,
                    };
                    Ty::Array(Box::new(items))
                }
                "object" => self.object(object, hint, is_root),
                _ => Ty::Unknown,
            });
        }
        union(alternatives)
    }

    fn object(&mut self, object: &serde_json::Map<String, Value>, hint: &str, is_root: bool) -> Ty {
        let Some(properties) = object.get("properties").and_then(Value::as_object) else {
            let values = match object.get("additionalProperties") {
                Some(schema @ Value::Object(_)) => self.walk(schema, &singular(hint), false),
                _ => Ty::Unknown,
            };
            return Ty::Map(Box::new(values));
        };
        let title = object
            .get("title")
            .and_then(Value::as_str)
            .filter(|t| !is_root && t.chars().all(|c| c.is_ascii_alphanumeric() || c == ' '));
        let name = self.unique_name(&pascal_case(title.unwrap_or(hint)));
        let required: BTreeSet<&str> = object
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let fields = properties
            .iter()
            .map(|(key, schema)| Field {
                key: key.clone(),
                ty: self.walk(schema, key.trim_start_matches('$'), false),
                required: required.contains(key.as_str()),
                description: description(schema),
            })
            .collect();
        self.objects.push(ObjectType {
            name: name.clone(),
            description: description(&Value::Object(object.clone())),
            fields,
        });
        Ty::Named(name)
    }

    fn unique_name(&mut self, name: &str) -> String {
        let mut candidate = name.to_owned();
        let mut n = 2;
        while !self.names.insert(candidate.clone()) {
            candidate = format!("{name}{n}");
            n += 1;
        }
        candidate
    }

    /// TypeScript declarations: one exported interface per object type.
    pub(crate) fn typescript(&self) -> String {
        let mut out = String::new();
        for object in &self.objects {
            out.push_str(&ts_doc(object.description.as_deref(), ""));
            out.push_str(&format!("export interface {} {{\n", object.name));
            for field in &object.fields {
                out.push_str(&ts_doc(field.description.as_deref(), "  "));
                let key = if is_identifier(&field.key) {
                    field.key.clone()
                } else {
                    json_string(&field.key)
                };
                let optional = if field.required { "" } else { "?" };
                out.push_str(&format!("  {key}{optional}: {};\n", ts_type(&field.ty)));
            }
            out.push_str("}\n\n");
        }
        out
    }

    /// Python declarations: one `TypedDict` per object type (the functional form, since keys
    /// such as `$schema` are not identifiers).
    pub(crate) fn python(&self) -> String {
        let mut out = String::new();
        for object in &self.objects {
            if let Some(text) = &object.description {
                out.push_str(&python_comment(text, ""));
            }
            out.push_str(&format!(
                "{} = TypedDict(\n    {},\n    {{\n",
                object.name,
                json_string(&object.name)
            ));
            for field in &object.fields {
                if let Some(text) = &field.description {
                    out.push_str(&python_comment(text, "        "));
                }
                let ty = python_type(&field.ty);
                let ty = if field.required {
                    ty
                } else {
                    format!("NotRequired[{ty}]")
                };
                out.push_str(&format!("        {}: {ty},\n", json_string(&field.key)));
            }
            out.push_str("    },\n)\n\n");
        }
        out
    }
}

fn union(mut alternatives: Vec<Ty>) -> Ty {
    alternatives.dedup();
    match alternatives.len() {
        0 => Ty::Unknown,
        1 => alternatives.remove(0),
        _ => Ty::Union(alternatives),
    }
}

fn description(schema: &Value) -> Option<String> {
    schema
        .get("description")
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// The name of one item of a list named `plural`: `sources` → `source`.
fn singular(plural: &str) -> String {
    plural
        .strip_suffix("ies")
        .map(|stem| format!("{stem}y"))
        .or_else(|| {
            plural
                .strip_suffix('s')
                .filter(|stem| !stem.ends_with('s'))
                .map(str::to_owned)
        })
        .unwrap_or_else(|| format!("{plural}Item"))
}

/// `archive_url` → `ArchiveUrl`, `Source` → `Source`.
fn pascal_case(text: &str) -> String {
    let name: String = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect();
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name
    } else {
        format!("Type{name}")
    }
}

fn is_identifier(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A string literal both languages read: JSON's escapes are TypeScript's and Python's.
fn json_string(text: &str) -> String {
    Value::String(text.to_owned()).to_string()
}

fn ts_type(ty: &Ty) -> String {
    match ty {
        Ty::String => "string".into(),
        Ty::Integer | Ty::Number => "number".into(),
        Ty::Boolean => "boolean".into(),
        Ty::Null => "null".into(),
        Ty::Unknown => "unknown".into(),
        Ty::Literal(value) => value.to_string(),
        Ty::Array(item) => match **item {
            Ty::Union(_) => format!("Array<{}>", ts_type(item)),
            _ => format!("{}[]", ts_type(item)),
        },
        Ty::Map(values) => format!("{{ [key: string]: {} }}", ts_type(values)),
        Ty::Named(name) => name.clone(),
        Ty::Union(alternatives) => alternatives
            .iter()
            .map(ts_type)
            .collect::<Vec<_>>()
            .join(" | "),
    }
}

fn python_type(ty: &Ty) -> String {
    match ty {
        Ty::String => "str".into(),
        Ty::Integer => "int".into(),
        Ty::Number => "float".into(),
        Ty::Boolean => "bool".into(),
        Ty::Null => "None".into(),
        Ty::Unknown => "Any".into(),
        Ty::Literal(value) => format!("Literal[{}]", python_literal(value)),
        Ty::Array(item) => format!("list[{}]", python_type(item)),
        Ty::Map(values) => format!("dict[str, {}]", python_type(values)),
        // Every named type is defined above its first use.
        Ty::Named(name) => name.clone(),
        Ty::Union(alternatives) => {
            // Literal values of one union read better as one Literal[...].
            let literals: Vec<String> = alternatives
                .iter()
                .filter_map(|t| match t {
                    Ty::Literal(value) => Some(python_literal(value)),
                    _ => None,
                })
                .collect();
            let mut parts: Vec<String> = alternatives
                .iter()
                .filter(|t| !matches!(t, Ty::Literal(_)))
                .map(python_type)
                .collect();
            if !literals.is_empty() {
                parts.insert(0, format!("Literal[{}]", literals.join(", ")));
            }
            parts.join(" | ")
        }
    }
}

fn python_literal(value: &Value) -> String {
    match value {
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Null => "None".into(),
        other => other.to_string(),
    }
}

/// A `/** ... */` comment; a `*/` in the text cannot end it early.
fn ts_doc(text: Option<&str>, indent: &str) -> String {
    let Some(text) = text else {
        return String::new();
    };
    let text = text.replace("*/", "*\\/");
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() == 1 {
        return format!("{indent}/** {} */\n", lines[0]);
    }
    let mut out = format!("{indent}/**\n");
    for line in lines {
        out.push_str(&format!("{indent} * {line}\n"));
    }
    out.push_str(&format!("{indent} */\n"));
    out
}

fn python_comment(text: &str, indent: &str) -> String {
    text.lines()
        .map(|line| format!("{indent}# {line}\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn objects_come_after_the_types_they_use_and_keep_their_keys() {
        let schema = json!({
            "title": "root title is not used",
            "type": "object",
            "required": ["id", "$schema"],
            "properties": {
                "$schema": {"type": "string"},
                "id": {"type": "integer", "description": "The number */ of it."},
                "status": {"enum": ["listed", "delisted"]},
                "parent": {"type": ["string", "null"]},
                "sources": {"type": "array", "items": {"title": "Source", "type": "object",
                    "properties": {"flag": {"const": true}}}},
                "counts": {"type": "object", "additionalProperties": {"type": "integer"}}
            }
        });
        let mut types = SchemaTypes::default();
        types.add(&schema, "Entry");
        let ts = types.typescript();
        assert!(ts.find("interface Source").unwrap() < ts.find("interface Entry").unwrap());
        for line in [
            "  \"$schema\": string;",
            "  /** The number *\\/ of it. */\n  id: number;",
            "  status?: \"listed\" | \"delisted\";",
            "  parent?: string | null;",
            "  sources?: Source[];",
            "  counts?: { [key: string]: number };",
            "  flag?: true;",
        ] {
            assert!(ts.contains(line), "{line}\n{ts}");
        }
        let py = types.python();
        for line in [
            "        \"$schema\": str,",
            "        \"id\": int,",
            "        \"status\": NotRequired[Literal[\"listed\", \"delisted\"]],",
            "        \"parent\": NotRequired[str | None],",
            "        \"sources\": NotRequired[list[Source]],",
            "        \"flag\": NotRequired[Literal[True]],",
        ] {
            assert!(py.contains(line), "{line}\n{py}");
        }
    }

    #[test]
    fn names_are_unique_and_valid() {
        assert_eq!(singular("sources"), "source");
        assert_eq!(singular("agencies"), "agency");
        assert_eq!(singular("address"), "addressItem");
        assert_eq!(pascal_case("archive_url"), "ArchiveUrl");
        assert_eq!(pascal_case("2nd"), "Type2nd");
        let mut types = SchemaTypes::default();
        assert_eq!(types.unique_name("Counts"), "Counts");
        assert_eq!(types.unique_name("Counts"), "Counts2");
    }
}
