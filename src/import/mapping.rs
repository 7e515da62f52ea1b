//! How a wiki page's parts map to an entry's fields: `import.toml` at the root, `--map FILE`,
//! or the default below. The default has a parameter for every field of an entry, and the
//! wikitext export writes the first parameter named for each field, so a page written by
//! `icelist build` imports back to the same entry.

use crate::fields::FIELDS;
use crate::model::{BoycottStatus, SourceKind};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// An entry field an infobox parameter (or a text page's row) can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Id,
    Name,
    Aliases,
    Industry,
    Country,
    Founded,
    Headquarters,
    ParentCompany,
    Status,
    VerificationStatus,
    VerificationDate,
    VerificationNotes,
    Wikidata,
    Lei,
    Website,
    Tickers,
    Uei,
    Cage,
    Cik,
    OpenCorporates,
    Domains,
    BoycottStatus,
    BoycottAgencies,
    BoycottSince,
    BoycottReason,
}

impl Field {
    /// Every field, with its name in a mapping file (the entry's path, dotted).
    pub const ALL: &'static [(Field, &'static str)] = &[
        (Field::Id, "id"),
        (Field::Name, "name"),
        (Field::Aliases, "aliases"),
        (Field::Industry, "industry"),
        (Field::Country, "country"),
        (Field::Founded, "founded"),
        (Field::Headquarters, "headquarters"),
        (Field::ParentCompany, "parent_company"),
        (Field::Status, "status"),
        (Field::VerificationStatus, "verification.status"),
        (Field::VerificationDate, "verification.date"),
        (Field::VerificationNotes, "verification.notes"),
        (Field::Wikidata, "identifiers.wikidata"),
        (Field::Lei, "identifiers.lei"),
        (Field::Website, "identifiers.website"),
        (Field::Tickers, "identifiers.tickers"),
        (Field::Uei, "identifiers.uei"),
        (Field::Cage, "identifiers.cage"),
        (Field::Cik, "identifiers.cik"),
        (Field::OpenCorporates, "identifiers.opencorporates"),
        (Field::Domains, "domains"),
        (Field::BoycottStatus, "boycott.status"),
        (Field::BoycottAgencies, "boycott.agencies"),
        (Field::BoycottSince, "boycott.since"),
        (Field::BoycottReason, "boycott.reason"),
    ];

    pub fn path(self) -> &'static str {
        Field::ALL
            .iter()
            .find(|(f, _)| *f == self)
            .map_or("", |(_, p)| p)
    }

    fn from_path(path: &str) -> Option<Field> {
        Field::ALL.iter().find(|(_, p)| *p == path).map(|(f, _)| *f)
    }
}

/// Spellings of a field found on wiki pages besides its parameter in the field table (the
/// seed's "Parent company").
const OTHER_SPELLINGS: &[(&str, Field)] = &[("parent company", Field::ParentCompany)];

/// The default infobox parameters: each field's parameter in the field table's `import` column
/// (what the wikitext export writes, so a built page imports back), then [`OTHER_SPELLINGS`].
pub(crate) fn default_parameters() -> &'static [(&'static str, Field)] {
    static PARAMETERS: LazyLock<Vec<(&'static str, Field)>> = LazyLock::new(|| {
        let mut parameters: Vec<(&'static str, Field)> = Field::ALL
            .iter()
            .filter_map(|(field, path)| {
                let row = FIELDS.iter().find(|row| row.dotted() == *path)?;
                Some((row.places.import.name()?, *field))
            })
            .collect();
        parameters.extend_from_slice(OTHER_SPELLINGS);
        parameters
    });
    &PARAMETERS
}

/// The infobox template the export writes, and the default one the import reads.
pub(crate) const DEFAULT_TEMPLATE: &str = "Infobox company";

/// Section headings: what the export writes and the import reads by default.
pub(crate) const DEFAULT_SECTIONS: &[(&str, Section)] = &[
    ("Overview", Section::Overview),
    ("Boycott", Section::Boycott),
    ("Background", Section::Background),
    ("Claims", Section::Claims),
];

/// The template of one claim, in the section mapped to [`Section::Claims`]: the claim's facts
/// as its parameters, its summary the rest of the line.
pub(crate) const CLAIM_TEMPLATE: &str = "Claim";

/// A prose section of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    Overview,
    Boycott,
    Background,
    /// Not prose: one `{{Claim}}` line per claim.
    Claims,
}

impl Section {
    fn from_name(name: &str) -> Option<Section> {
        match name {
            "overview" => Some(Section::Overview),
            "boycott" => Some(Section::Boycott),
            "background" => Some(Section::Background),
            "claims" => Some(Section::Claims),
            _ => None,
        }
    }
}

/// Publishers whose documents are news when a citation does not say what it is.
const DEFAULT_PUBLISHERS: &[(&str, SourceKind)] = &[
    ("Reuters", SourceKind::News),
    ("Associated Press", SourceKind::News),
    ("The Guardian", SourceKind::News),
    ("The New York Times", SourceKind::News),
    ("The Washington Post", SourceKind::News),
];

/// Categories that state the boycott status.
const DEFAULT_CATEGORIES: &[(&str, BoycottStatus)] =
    &[("Boycotted companies", BoycottStatus::Listed)];

/// A mapping, read and checked.
#[derive(Debug, Clone)]
pub struct Mapping {
    /// Normalised template names ([`key`]).
    pub(crate) templates: Vec<String>,
    /// Normalised parameter or row label -> field.
    pub(crate) fields: BTreeMap<String, Field>,
    /// Normalised heading -> section.
    pub(crate) sections: BTreeMap<String, Section>,
    /// Normalised publisher -> source type.
    pub(crate) publishers: BTreeMap<String, SourceKind>,
    /// Normalised category -> boycott status.
    pub(crate) categories: BTreeMap<String, BoycottStatus>,
}

impl Default for Mapping {
    fn default() -> Self {
        Mapping {
            templates: vec![key(DEFAULT_TEMPLATE)],
            fields: default_parameters()
                .iter()
                .map(|(k, f)| (key(k), *f))
                .collect(),
            sections: DEFAULT_SECTIONS.iter().map(|(k, s)| (key(k), *s)).collect(),
            publishers: DEFAULT_PUBLISHERS
                .iter()
                .map(|(k, s)| (key(k), s.clone()))
                .collect(),
            categories: DEFAULT_CATEGORIES
                .iter()
                .map(|(k, s)| (key(k), s.clone()))
                .collect(),
        }
    }
}

// Names compared the way MediaWiki compares them: case-insensitive, spaces and underscores
// equal, runs of white space one space.
pub(crate) use crate::outside_values::key;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    #[serde(default)]
    infobox: Option<InfoboxTable>,
    #[serde(default)]
    sections: Option<BTreeMap<String, String>>,
    #[serde(default)]
    publishers: Option<BTreeMap<String, String>>,
    #[serde(default)]
    categories: Option<BTreeMap<String, String>>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct InfoboxTable {
    #[serde(default)]
    templates: Option<Vec<String>>,
    #[serde(default)]
    fields: Option<BTreeMap<String, String>>,
}

/// Why a mapping file (`import.toml`) cannot be used; each says where.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MappingError {
    /// Not TOML, or not a mapping's shape.
    #[error("{message}{}", line.map(|line| format!(" (line {line})")).unwrap_or_default())]
    Syntax {
        message: String,
        line: Option<usize>,
    },
    /// `[infobox.fields]` maps a parameter to something that is not an entry field.
    #[error("[infobox.fields] {parameter:?}: no entry field {field:?}; the fields are {}", field_list())]
    UnknownField { parameter: String, field: String },
    /// `[sections]` maps a heading to something that is not a section.
    #[error("[sections] {heading:?}: no section {section:?}; the sections are overview, boycott, background")]
    UnknownSection { heading: String, section: String },
    /// `[publishers]` or `[categories]` gives a value the model does not have.
    #[error("[{table}] {key:?}: {value:?} is {why}")]
    UnknownValue {
        table: &'static str,
        key: String,
        value: String,
        why: String,
    },
}

impl Mapping {
    /// The mapping `icelist import` uses: the file `explicit` names, else `import.toml` at
    /// `root` if there is one, else the default. A file named but missing is an error.
    pub fn load(root: &std::path::Path, explicit: Option<&std::path::Path>) -> crate::error::Result<Mapping> {
        let path = explicit.map_or_else(|| root.join("import.toml"), std::path::Path::to_owned);
        match std::fs::read_to_string(&path) {
            Ok(text) => Mapping::from_toml(&text).map_err(|error| crate::error::Error::Config {
                path,
                message: error.to_string(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && explicit.is_none() => {
                Ok(Mapping::default())
            }
            Err(source) => Err(crate::error::Error::Io { path, source }),
        }
    }

    /// Reads a mapping file. A table the file gives replaces the default's table; a table it
    /// leaves out keeps the default's.
    pub fn from_toml(text: &str) -> Result<Mapping, MappingError> {
        let file: MappingFile = toml::from_str(text).map_err(|e| MappingError::Syntax {
            message: e.message().to_owned(),
            line: e.span().map(|span| {
                text.get(..span.start.min(text.len()))
                    .unwrap_or(text)
                    .matches('\n')
                    .count()
                    + 1
            }),
        })?;
        let mut mapping = Mapping::default();
        if let Some(infobox) = file.infobox {
            if let Some(templates) = infobox.templates {
                mapping.templates = templates.iter().map(|t| key(t)).collect();
            }
            if let Some(fields) = infobox.fields {
                mapping.fields = fields
                    .iter()
                    .map(|(k, path)| {
                        Field::from_path(path).map(|f| (key(k), f)).ok_or_else(|| {
                            MappingError::UnknownField {
                                parameter: k.clone(),
                                field: path.clone(),
                            }
                        })
                    })
                    .collect::<Result<_, _>>()?;
            }
        }
        if let Some(sections) = file.sections {
            mapping.sections = sections
                .iter()
                .map(|(k, name)| {
                    Section::from_name(name).map(|s| (key(k), s)).ok_or_else(|| {
                        MappingError::UnknownSection {
                            heading: k.clone(),
                            section: name.clone(),
                        }
                    })
                })
                .collect::<Result<_, _>>()?;
        }
        if let Some(publishers) = file.publishers {
            mapping.publishers = publishers
                .iter()
                .map(|(k, kind)| {
                    crate::outside_values::source_kind(kind)
                        .map(|s| (key(k), s))
                        .map_err(|why| MappingError::UnknownValue {
                            table: "publishers",
                            key: k.clone(),
                            value: kind.clone(),
                            why: why.to_string(),
                        })
                })
                .collect::<Result<_, _>>()?;
        }
        if let Some(categories) = file.categories {
            mapping.categories = categories
                .iter()
                .map(|(k, status)| {
                    crate::outside_values::boycott_status(status)
                        .map(|s| (key(k), s))
                        .map_err(|why| MappingError::UnknownValue {
                            table: "categories",
                            key: k.clone(),
                            value: status.clone(),
                            why: why.to_string(),
                        })
                })
                .collect::<Result<_, _>>()?;
        }
        Ok(mapping)
    }

    pub(crate) fn is_infobox(&self, template_name: &str) -> bool {
        let name = key(template_name);
        let name = name.strip_prefix("template:").unwrap_or(&name);
        self.templates.iter().any(|t| t == name)
    }
}

fn field_list() -> String {
    Field::ALL
        .iter()
        .map(|(_, p)| *p)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field a mapping can name is a row of the field table with a parameter of its own,
    /// so the export writes it and the import reads it back.
    #[test]
    fn every_field_has_the_parameter_its_row_names() {
        for (field, path) in Field::ALL {
            let row = FIELDS.iter().find(|row| row.dotted() == *path);
            let parameter = row.and_then(|row| row.places.import.name());
            assert!(parameter.is_some(), "{path}: no row with an import parameter");
            let first = default_parameters().iter().find(|(_, f)| f == field);
            assert_eq!(first.map(|(p, _)| *p), parameter, "{path}");
        }
    }

    #[test]
    fn keys_ignore_case_underscores_and_spacing() {
        assert_eq!(key("Parent_company"), "parent company");
        assert_eq!(key("  parent   Company "), "parent company");
        let mapping = Mapping::default();
        assert_eq!(
            mapping.fields.get(&key("Parent company")),
            Some(&Field::ParentCompany)
        );
        assert!(mapping.is_infobox("infobox_company"));
        assert!(mapping.is_infobox("Template:Infobox company"));
    }

    #[test]
    fn a_mapping_file_replaces_the_tables_it_gives_and_refuses_unknown_targets() {
        let mapping = Mapping::from_toml(
            "[infobox]\ntemplates = [\"Company\"]\n[infobox.fields]\nsector = \"industry\"\n",
        )
        .unwrap();
        assert!(mapping.is_infobox("company") && !mapping.is_infobox("Infobox company"));
        assert_eq!(mapping.fields.len(), 1);
        assert_eq!(mapping.sections.len(), DEFAULT_SECTIONS.len());
        let error = Mapping::from_toml("[infobox.fields]\nsector = \"sector\"\n").unwrap_err();
        assert!(
            matches!(&error, MappingError::UnknownField { parameter, field } if parameter == "sector" && field == "sector")
        );
        assert!(
            error.to_string().contains("no entry field \"sector\""),
            "{error}"
        );
        let error = Mapping::from_toml("[infobox]\ntemplate = []\n").unwrap_err();
        assert!(
            matches!(error, MappingError::Syntax { line: Some(2), .. }),
            "{error:?}"
        );
        assert!(error.to_string().contains("(line 2)"), "{error}");
        assert!(matches!(
            Mapping::from_toml("[sections]\nIntro = \"intro\"\n"),
            Err(MappingError::UnknownSection { .. })
        ));
        let error = Mapping::from_toml("[publishers]\nX = \"blog\"\n").unwrap_err();
        assert!(
            matches!(error, MappingError::UnknownValue { table: "publishers", .. }),
            "{error:?}"
        );
        assert!(error.to_string().starts_with("[publishers] \"X\": \"blog\" is "), "{error}");
    }
}
