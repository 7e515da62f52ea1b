//! `icelist new "Company Name"`: a new entry with every required field, in canonical order,
//! and `TODO` placeholders that fail lint (`entry-placeholder`, and the schema) until a person
//! fills them in from sources. Nothing in it is a fact about the company except its name.

use crate::dataset::{DATASET_DIR, DatasetFiles};
use crate::error::{NewEntryRefusal, Result};
use crate::identity::IdentityKeys;
use crate::fields::{Carried, FIELDS};
use crate::view::{self, EntryView, SourceView};
use serde_json::{Map, Value};
use std::path::PathBuf;
use unicode_normalization::UnicodeNormalization;

/// The longest id the schema allows.
const MAX_ID_LEN: usize = 64;

/// A slug for a company name: ASCII letters and digits, single hyphens, at most 64 characters.
/// Accents are dropped (`Café` → `cafe`); other scripts yield no letters.
pub(crate) fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.nfkd() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if (c.is_whitespace() || c.is_ascii_punctuation())
            && !slug.ends_with('-')
            && !slug.is_empty()
        {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_end_matches('-').to_owned();
    if slug.len() > MAX_ID_LEN {
        slug.truncate(MAX_ID_LEN);
        if let Some(cut) = slug.rfind('-') {
            slug.truncate(cut);
        }
        slug = slug.trim_end_matches('-').to_owned();
    }
    slug
}

/// The new entry before it is written: what the field table's `new` column says, placeholders
/// that fail lint and values filled from the command (the id, the name, source number 1).
fn template(id: &str, name: &str) -> Value {
    let mut entry = Value::Object(Map::new());
    for row in FIELDS {
        let value = match row.places.new {
            Carried::As(text) if row.list => Value::Array(vec![Value::from(text)]),
            Carried::As(text) => Value::from(text),
            Carried::Yes => {
                let is = |at: &str, key: &str| row.pointer == view::pointer(at, &[], key);
                if is(EntryView::AT, EntryView::ID) {
                    Value::from(id)
                } else if is(EntryView::AT, EntryView::NAME) {
                    Value::from(name)
                } else if is(SourceView::AT, SourceView::ID) {
                    Value::from(1)
                } else {
                    // A row the template fills and this function does not know: left out,
                    // which the field table's test of the template reports.
                    continue;
                }
            }
            Carried::LeftOut(_) => continue,
        };
        place(&mut entry, row.pointer, value);
    }
    entry
}

/// Sets the value at `pointer`, making the objects on the way; `*` is a list's first item.
fn place(at: &mut Value, pointer: &str, value: Value) {
    let mut tokens = pointer.split('/').skip(1).peekable();
    let mut here = at;
    while let Some(token) = tokens.next() {
        let last = tokens.peek().is_none();
        let next = || if last { Value::Null } else { Value::Object(Map::new()) };
        here = match (token, here) {
            ("*", Value::Array(items)) => {
                if items.is_empty() {
                    items.push(next());
                }
                match items.first_mut() {
                    Some(first) => first,
                    None => return,
                }
            }
            (_, Value::Object(object)) => {
                let fresh = if tokens.peek() == Some(&"*") {
                    Value::Array(Vec::new())
                } else {
                    next()
                };
                object.entry(token).or_insert(fresh)
            }
            _ => return,
        };
    }
    *here = value;
}

/// Creates `dataset/<slug>.json`. Refuses to overwrite an entry or to create a company that
/// `entry-duplicate` would flag.
pub fn new_entry(
    files: &DatasetFiles,
    name: &str,
    max_file_size: u64,
    area: &crate::temp_area::TempArea,
) -> Result<PathBuf> {
    let name = name.trim();
    if name.is_empty() || name.chars().any(crate::text::is_invisible) {
        return Err(NewEntryRefusal::NameNotPlainText.into());
    }
    let id = slug(name);
    if id.is_empty() {
        return Err(NewEntryRefusal::NoId {
            name: name.to_owned(),
        }
        .into());
    }
    if let Some(reason) = crate::rules::file_name::id_refusal(&id) {
        return Err(NewEntryRefusal::IdRefused { id, reason }.into());
    }
    // An id that redirects was published for another entry: reusing it would send everyone
    // who kept it to a different company.
    let redirected = files
        .redirect_table(max_file_size)
        .get(&id)
        .map(|r| r.to.clone());
    if let Some(to) = redirected {
        return Err(NewEntryRefusal::IdRedirected { id, to }.into());
    }
    let path = files.root.join(DATASET_DIR).join(format!("{id}.json"));
    if std::fs::symlink_metadata(&path).is_ok() {
        return Err(NewEntryRefusal::Exists { id }.into());
    }
    let mut entry = template(&id, name);
    // The dataset stage, as the lint would run it once the file exists.
    let file = format!("{DATASET_DIR}/{id}.json");
    let mut identities: Vec<(String, IdentityKeys)> = files
        .identity_keys(max_file_size)
        .map(|(other, keys)| (other.to_owned(), keys))
        .collect();
    identities.push((file.clone(), IdentityKeys::of(&entry)));
    if let Some((_, finding)) = crate::rules::check_dataset(&identities, &|f| f == file)
        .into_iter()
        .next()
    {
        let other = finding.related.first();
        let other_file = other.and_then(|r| r.file.clone()).unwrap_or_default();
        // The other entry's value as written, where the finding points in it.
        let written = identities
            .iter()
            .find(|(f, _)| *f == other_file)
            .and_then(|(_, keys)| {
                let pointer = &other?.target.pointer;
                keys.keys.iter().find(|key| key.pointer == *pointer)
            })
            .map(|key| key.written.clone())
            .unwrap_or_default();
        return Err(NewEntryRefusal::Duplicate {
            name: name.to_owned(),
            file: other_file,
            written,
        }
        .into());
    }
    if let Some(object) = entry.as_object_mut() {
        object.retain(|_, v| !v.is_null());
    }
    let text = crate::format::to_canonical_text(&entry);
    crate::write::write_atomic(area, &path, text.as_bytes())?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::{slug, template};
    use serde_json::json;

    /// The template as the field table spells it, in the form `icelist new` has always
    /// written (the file's key order is the model's, applied when it is written).
    #[test]
    fn the_template_is_the_field_tables_new_column() {
        assert_eq!(
            template("acme-widgets", "Acme Widgets"),
            json!({
                "$schema": "../schema/company.schema.json",
                "id": "acme-widgets",
                "name": "Acme Widgets",
                "industry": ["TODO: the industry, as the sources describe it"],
                "headquarters": "TODO: city, state, country, as the sources give it",
                "verification": { "status": "unverified" },
                "boycott": { "status": "under-review", "agencies": ["TODO: DHS, ICE, CBP or USCIS"] },
                "sections": {
                    "overview": "TODO: what the company is and what it does for DHS, each claim followed by its source marker.[1]",
                    "boycott": "TODO: the documented work that supports immigration enforcement.[1]"
                },
                "sources": [{
                    "id": 1,
                    "title": "TODO: the document's title",
                    "publisher": "TODO: who published it",
                    "url": "TODO: https://... where the document can be read"
                }]
            })
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Acme Widgets, Inc."), "acme-widgets-inc");
        assert_eq!(slug("  Café  Société "), "cafe-societe");
        assert_eq!(slug("Example Holdings 00042"), "example-holdings-00042");
        assert_eq!(slug("Ωμέγα"), "");
        assert!(slug(&"word ".repeat(40)).len() <= 64);
        assert!(!slug(&"word ".repeat(40)).ends_with('-'));
    }
}
