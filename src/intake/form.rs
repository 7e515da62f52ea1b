//! The issue form (`.github/ISSUE_TEMPLATE/propose-company.yml`): which label stands for which
//! field id, and which fields are required. GitHub renders a submission as `### Label`
//! sections, so the labels are how the body is read.

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub kind: FormKind,
    pub fields: Vec<FormField>,
}

pub use crate::issue_event::FormKind;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormField {
    pub id: String,
    pub label: String,
    /// `input`, `textarea`, `dropdown` or `checkboxes`.
    pub kind: String,
    pub required: bool,
    /// Checkbox options: (label, required).
    pub options: Vec<(String, bool)>,
}

#[derive(Deserialize)]
struct FormFile {
    #[serde(default)]
    labels: Vec<String>,
    body: Vec<Element>,
}

#[derive(Deserialize)]
struct Element {
    #[serde(rename = "type")]
    kind: String,
    id: Option<String>,
    #[serde(default)]
    attributes: Attributes,
    #[serde(default)]
    validations: Validations,
}

#[derive(Deserialize, Default)]
struct Attributes {
    label: Option<String>,
    #[serde(default)]
    options: Vec<serde_yaml_ng::Value>,
}

#[derive(Deserialize, Default)]
struct Validations {
    #[serde(default)]
    required: bool,
}

/// Why a file is not an issue form intake can read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FormError {
    /// Not YAML, or not the shape of an issue form.
    #[error("{0}")]
    NotAForm(serde_yaml_ng::Error),
    /// An input without the id or the label intake reads it by.
    #[error("a {kind} element has no id or no label: intake reads fields by both")]
    UnnamedElement { kind: String },
}

impl Form {
    /// Reads an issue form (`.github/ISSUE_TEMPLATE/*.yml`).
    pub fn from_yaml(text: &str) -> Result<Form, FormError> {
        let file: FormFile = serde_yaml_ng::from_str(text).map_err(FormError::NotAForm)?;
        let mut fields = Vec::new();
        for element in file.body {
            if element.kind == "markdown" {
                continue;
            }
            let (Some(id), Some(label)) = (element.id, element.attributes.label) else {
                return Err(FormError::UnnamedElement { kind: element.kind });
            };
            let options = element
                .attributes
                .options
                .iter()
                .filter_map(|option| match option {
                    serde_yaml_ng::Value::String(label) => Some((label.clone(), false)),
                    serde_yaml_ng::Value::Mapping(map) => Some((
                        map.get("label")?.as_str()?.to_owned(),
                        map.get("required")
                            .and_then(serde_yaml_ng::Value::as_bool)
                            .unwrap_or(false),
                    )),
                    _ => None,
                })
                .collect();
            fields.push(FormField {
                id,
                label: label.trim().to_owned(),
                kind: element.kind,
                required: element.validations.required,
                options,
            });
        }
        Ok(Form {
            kind: FormKind::from_labels(&file.labels),
            fields,
        })
    }

    pub(crate) fn by_label(&self, label: &str) -> Option<&FormField> {
        self.fields.iter().find(|f| f.label == label.trim())
    }
}
