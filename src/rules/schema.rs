//! # schema
//!
//! ## What it catches
//! Anything `schema/company.schema.json` forbids: a missing required property, an unknown
//! property, a value of the wrong type, a country that is not an ISO 3166-1 alpha-2 code,
//! a date that is not `YYYY-MM-DD`, an enum value that is not allowed.
//!
//! ## Why it matters
//! The schema is the contract downstream projects build on: the field names, their types and
//! their allowed values. An entry that breaks it breaks their code.
//!
//! ## Example
//! ```json
//! { "country": "USA", "verifcation": { "status": "verified" } }
//! ```
//!
//! ## Use instead
//! ```json
//! { "country": "US", "verification": { "status": "verified" } }
//! ```
//!
//! ## Fix
//! Not automatic. The help line quotes the field's description from the schema.

use super::{Finding, Findings};
use crate::error::{Error, Result};
use crate::json::{DocJson, Node, Target, escape_pointer_token};
use crate::text::{escape_untrusted, quoted};
use jsonschema::error::ValidationErrorKind;
use jsonschema::{Draft, PatternOptions, Validator};
use serde_json::Value;
use std::path::Path;

pub(crate) const CODE: super::RuleCode = super::RuleCode::Schema;

/// The compiled entry schema. Compiled once per run and shared by every thread.
pub struct EntrySchema {
    validator: Validator<DocJson>,
    /// The same schema with its patterns checked by plain Rust (see
    /// [`super::schema_patterns`]): it decides whether an entry is valid, and `validator`
    /// explains why one is not. `None` when the schema has no pattern with a twin.
    quick: Option<Validator<DocJson>>,
    document: Value,
}

/// Why a document is not a schema the lint can check entries with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SchemaError {
    /// The text is not JSON.
    #[error("{0}")]
    NotJson(serde_json::Error),
    /// The document breaks the draft 2020-12 meta-schema.
    #[error("not a valid JSON Schema: {0}")]
    NotASchema(String),
    /// A valid schema the validator cannot compile (an unknown format, a pattern it cannot
    /// read, a reference it cannot resolve).
    #[error("{0}")]
    NotCompiled(String),
}

impl EntrySchema {
    /// Loads the schema file: `schema/` must be a real folder and the file a regular one
    /// (see `crate::checkout`).
    pub fn load(path: &Path) -> Result<Self> {
        if let Some(root) = path.parent().and_then(Path::parent) {
            crate::checkout::require_real_folder(root, "schema")?;
        }
        let bytes = crate::checkout::read_regular_file(path, crate::checkout::SCHEMA_LIMIT)
            .map_err(|source| match source {
                crate::checkout::ReadError::NotFound => Error::SchemaMissing {
                    path: path.to_owned(),
                },
                source => Error::Unreadable {
                    path: path.to_owned(),
                    source,
                },
            })?
            .bytes;
        Self::from_bytes(&bytes).map_err(|error| Error::SchemaInvalid {
            path: path.to_owned(),
            message: error.to_string(),
        })
    }

    /// A schema from its JSON text (a file, or a blob of another revision).
    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Self, SchemaError> {
        let document: Value = serde_json::from_slice(bytes).map_err(SchemaError::NotJson)?;
        Self::from_value(document)
    }

    /// A schema from its JSON document: it must be a valid draft 2020-12 schema that the
    /// validator can compile.
    pub fn from_value(document: Value) -> Result<Self, SchemaError> {
        jsonschema::meta::validate(&document)
            .map_err(|e| SchemaError::NotASchema(e.to_string()))?;
        let options = || {
            jsonschema::options_for::<DocJson>()
                .with_draft(Draft::Draft202012)
                .should_validate_formats(true)
                .should_ignore_unknown_formats(false)
                .with_pattern_options(PatternOptions::regex())
        };
        let validator = options()
            .build(&document)
            .map_err(|e| SchemaError::NotCompiled(e.to_string()))?;
        // A schema the quick copy cannot be built from (one that already uses the keyword the
        // copy introduces) is checked by `validator` alone: slower, never different.
        let quick = super::schema_patterns::quick_schema(&document).and_then(|quick| {
            options()
                .with_keyword(
                    super::schema_patterns::KEYWORD,
                    super::schema_patterns::compile,
                )
                .build(&quick)
                .ok()
        });
        Ok(EntrySchema {
            validator,
            quick,
            document,
        })
    }

    /// The schema's `$id`.
    pub fn id(&self) -> Option<&str> {
        self.document.get("$id").and_then(Value::as_str)
    }

    pub fn document(&self) -> &Value {
        &self.document
    }

    pub(crate) fn check(&self, entry: &Node<'_>, out: &mut Findings) {
        let valid = match &self.quick {
            Some(quick) => quick.is_valid(entry),
            None => self.validator.is_valid(entry),
        };
        if valid {
            return;
        }
        for error in self.validator.iter_errors(entry) {
            let pointer = error.instance_path().as_str().to_owned();
            let schema_path = error.schema_path().as_str().to_owned();
            let help = self.describe(&schema_path);
            let at = if pointer.is_empty() {
                "the entry".to_owned()
            } else {
                format!("`{pointer}`")
            };
            let findings = match error.kind() {
                ValidationErrorKind::AdditionalProperties { unexpected } => unexpected
                    .iter()
                    .map(|name| {
                        let allowed = self.allowed_properties(&schema_path);
                        Finding::new(
                            CODE,
                            Target::key(format!("{pointer}/{}", escape_pointer_token(name))),
                            format!("unknown property {} in {at}", quoted(name)),
                        )
                        .label("not in the schema")
                        .help(format!(
                            "allowed properties here: {allowed}; check the spelling"
                        ))
                    })
                    .collect(),
                ValidationErrorKind::Required { property } => {
                    let name = property.as_str().unwrap_or_default();
                    let target = if pointer.is_empty() {
                        Target {
                            pointer,
                            part: crate::json::Part::Start,
                        }
                    } else {
                        Target::key(pointer)
                    };
                    let field_help = self.describe(&format!(
                        "{}/properties/{}",
                        parent_of(&schema_path),
                        escape_pointer_token(name)
                    ));
                    vec![
                        Finding::new(
                            CODE,
                            target,
                            format!("{at} is missing the required property {}", quoted(name)),
                        )
                        .label(format!("needs {}", quoted(name)))
                        .help(field_help.unwrap_or_else(|| format!("add {}", quoted(name)))),
                    ]
                }
                ValidationErrorKind::Enum { options } => {
                    let listed = options
                        .as_array()
                        .filter(|o| o.len() <= 12)
                        .map(|o| o.iter().map(short).collect::<Vec<_>>().join(", "));
                    let message = format!(
                        "{} is not an allowed value for {at}",
                        short(error.instance())
                    );
                    let help = match (listed, help) {
                        (Some(listed), Some(h)) => format!("{h} Allowed: {listed}."),
                        (Some(listed), None) => format!("allowed: {listed}"),
                        (None, Some(h)) => h,
                        (None, None) => "see the schema for the allowed values".to_owned(),
                    };
                    vec![
                        Finding::new(CODE, Target::value(pointer), message)
                            .label("not allowed")
                            .help(help),
                    ]
                }
                _ => {
                    let message = escape_untrusted(&truncate(&error.to_string(), 240));
                    let mut finding =
                        Finding::new(CODE, Target::value(pointer), format!("{at}: {message}"))
                            .label(format!("fails `{}`", error.kind().keyword()));
                    if let Some(help) = help {
                        finding = finding.help(help);
                    }
                    vec![finding]
                }
            };
            out.extend(findings);
        }
    }

    /// "Title: description" of the schema node that holds the failing keyword.
    fn describe(&self, schema_path: &str) -> Option<String> {
        let node = self
            .document
            .pointer(parent_of(schema_path))
            .or_else(|| self.document.pointer(schema_path))?;
        let description = node.get("description").and_then(Value::as_str)?;
        Some(match node.get("title").and_then(Value::as_str) {
            Some(title) => format!("{title}: {description}"),
            None => description.to_owned(),
        })
    }

    fn allowed_properties(&self, schema_path: &str) -> String {
        let names = self
            .document
            .pointer(parent_of(schema_path))
            .and_then(|n| n.get("properties"))
            .and_then(Value::as_object)
            .map(|p| p.keys().map(String::as_str).collect::<Vec<_>>().join(", "));
        names.unwrap_or_default()
    }
}

fn parent_of(schema_path: &str) -> &str {
    schema_path
        .rsplit_once('/')
        .map_or("", |(parent, _)| parent)
}

/// A short, escaped rendering of a value for a message.
fn short(value: &Value) -> String {
    escape_untrusted(&truncate(&value.to_string(), 60))
}

fn truncate(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_owned();
    }
    let mut t: String = s.chars().take(max_chars).collect();
    t.push('…');
    t
}
