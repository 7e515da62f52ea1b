//! The typed model through the public API: loading, the canonical form, and a release's
//! `companies.json` read with serde alone.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Tree, named_entry, repo_path};
use icelist::model::Entry;

/// Every valid fixture reads into an Entry whose serialization is exactly what fmt writes.
#[test]
fn every_valid_fixture_serializes_to_its_canonical_form() {
    let mut checked = 0;
    for rule in std::fs::read_dir(repo_path("tests/fixtures")).unwrap() {
        let Ok(valid) = std::fs::read_dir(rule.unwrap().path().join("valid")) else {
            continue;
        };
        for fixture in valid {
            let path = fixture.unwrap().path();
            let files: Vec<_> = if path.is_dir() {
                std::fs::read_dir(&path)
                    .unwrap()
                    .map(|f| f.unwrap().path())
                    .collect()
            } else {
                vec![path]
            };
            for file in files {
                let bytes = std::fs::read(&file).unwrap();
                if file.file_name().is_some_and(|n| n == "redirects.json") {
                    let table = icelist::model::Redirects::from_json_bytes(&bytes).unwrap();
                    assert_eq!(
                        table.to_canonical_text().as_bytes(),
                        bytes,
                        "{}",
                        file.display()
                    );
                    continue;
                }
                let entry: Entry = serde_json::from_slice(&bytes)
                    .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
                let canonical = icelist::format::format_entry(&bytes).unwrap();
                assert_eq!(entry.to_canonical_text(), canonical, "{}", file.display());
                checked += 1;
            }
        }
    }
    assert!(checked > 20, "{checked}");
}

#[test]
fn the_dataset_loads_in_id_order_and_refuses_what_it_cannot_read() {
    let tree = Tree::new();
    tree.write_entry(&named_entry("acme-widgets", "Acme Widgets"));
    tree.write_entry(&named_entry("acme", "Acme"));
    let dataset = icelist::Dataset::load(tree.root()).unwrap();
    let ids: Vec<&str> = dataset.entries().iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["acme", "acme-widgets"]);
    assert_eq!(dataset.get("acme").unwrap().name, "Acme");
    assert!(dataset.get("nope").is_none());

    tree.write("dataset/broken.json", "{\"id\": \"broken\"}");
    let error = icelist::Dataset::load(tree.root()).unwrap_err();
    assert!(error.to_string().contains("dataset/broken.json"), "{error}");
}

#[test]
fn a_release_companies_json_reads_as_entries_with_serde_alone() {
    let tree = Tree::new();
    let mut entry = named_entry("acme-widgets", "Acme Widgets");
    entry["parent_company"] = serde_json::json!(null);
    tree.write_entry(&entry);
    tree.write_entry(&named_entry(
        "example-holdings-00042",
        "Example Holdings 00042",
    ));
    let output = tree
        .command()
        .args(["build", "--out", "dist"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let entries: Vec<Entry> = serde_json::from_str(&tree.read("dist/companies.json")).unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].parent_company, Some(None), "stated as none");
    let dataset = icelist::Dataset::load(tree.root()).unwrap();
    for (exported, loaded) in entries.iter().zip(dataset.entries()) {
        let mut loaded = loaded.clone();
        loaded.schema = None;
        assert_eq!(exported, &loaded);
    }
}

/// `Dataset::load` takes what a caller has at hand: a `&str`, a `String`, a `&String`, a
/// `PathBuf` or a `&Path`.
#[test]
fn the_dataset_loads_from_any_path_like_value() {
    let root: String = env!("CARGO_MANIFEST_DIR").to_owned();
    let by_string_ref = icelist::Dataset::load(&root).unwrap();
    let by_str = icelist::Dataset::load(root.as_str()).unwrap();
    let by_path_buf = icelist::Dataset::load(std::path::PathBuf::from(&root)).unwrap();
    let by_string = icelist::Dataset::load(root).unwrap();
    for dataset in [&by_str, &by_path_buf, &by_string] {
        assert_eq!(dataset.entries(), by_string_ref.entries());
    }
    assert!(by_string.get("salesforce").is_some());
}

/// A "future version 1" of the schema: every change `schema-diff` calls additive, applied at
/// every place it can be, and an entry that uses all of them. Returns the pointers of the
/// additions in the entry.
fn apply_every_additive_change(
    schema: &mut serde_json::Value,
    entry: &mut serde_json::Value,
    at: &str,
    added: &mut Vec<String>,
) {
    use serde_json::{Value, json};
    if let Some(values) = schema.get_mut("enum").and_then(Value::as_array_mut) {
        // A new value of a closed set, shaped like the set's own values.
        let new = if values
            .iter()
            .all(|v| v.as_str().is_some_and(|s| s.len() == 2))
        {
            "XK"
        } else if values
            .iter()
            .all(|v| v.as_str().is_some_and(|s| s == s.to_uppercase()))
        {
            "HSI"
        } else {
            "newly-defined"
        };
        values.push(json!(new));
        *entry = json!(new);
        added.push(at.to_owned());
        return;
    }
    if let Some(items) = schema.get_mut("items") {
        let Some(list) = entry.as_array_mut() else {
            return;
        };
        if items.get("enum").is_some() {
            // The known values stay; one new value joins them.
            list.push(Value::Null);
            let index = list.len() - 1;
            apply_every_additive_change(items, &mut list[index], &format!("{at}/{index}"), added);
            return;
        }
        for (index, item) in list.iter_mut().enumerate() {
            let mut item_schema = items.clone();
            apply_every_additive_change(&mut item_schema, item, &format!("{at}/{index}"), added);
            if index == 0 {
                *items = item_schema;
            }
        }
        return;
    }
    let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) else {
        return;
    };
    let Some(object) = entry.as_object_mut() else {
        return;
    };
    for (key, property) in properties.iter_mut() {
        let is_object = property.get("properties").is_some();
        if !object.contains_key(key) && (is_object || property.get("enum").is_some()) {
            object.insert(key.clone(), if is_object { json!({}) } else { Value::Null });
        }
        if let Some(value) = object.get_mut(key) {
            apply_every_additive_change(property, value, &format!("{at}/{key}"), added);
        }
    }
    properties.insert(
        "added_later".into(),
        json!({"type": "string", "description": "an optional field of a later version"}),
    );
    object.insert("added_later".into(), json!("kept as read"));
    added.push(format!("{at}/added_later"));
}

/// Where a reader of today finds what it does not know: the catch-all map of each object and
/// the `Unknown` variant of each closed set (a country is text already).
fn unknown_things(entry: &Entry) -> Vec<String> {
    use icelist::model::{
        Agency, BoycottStatus, ClaimKind, ClaimStatus, EntryStatus, SourceKind, VerificationStatus,
    };
    let mut found = Vec::new();
    let mut fields = |at: &str, unknown: &icelist::model::UnknownFields| {
        found.extend(unknown.keys().map(|key| format!("{at}/{key}")));
    };
    fields("", &entry.unknown);
    fields("/verification", &entry.verification.unknown);
    fields("/boycott", &entry.boycott.unknown);
    fields("/sections", &entry.sections.unknown);
    if let Some(identifiers) = &entry.identifiers {
        fields("/identifiers", &identifiers.unknown);
    }
    for (index, source) in entry.sources.iter().enumerate() {
        fields(&format!("/sources/{index}"), &source.unknown);
    }
    for (index, claim) in entry.claims().iter().enumerate() {
        fields(&format!("/claims/{index}"), &claim.unknown);
        if let Some(period) = &claim.period {
            fields(&format!("/claims/{index}/period"), &period.unknown);
        }
    }
    if entry.country.as_deref() == Some("XK") {
        found.push("/country".into());
    }
    if let Some(EntryStatus::Unknown(_)) = &entry.status {
        found.push("/status".into());
    }
    if let VerificationStatus::Unknown(_) = &entry.verification.status {
        found.push("/verification/status".into());
    }
    if let BoycottStatus::Unknown(_) = &entry.boycott.status {
        found.push("/boycott/status".into());
    }
    for (index, agency) in entry.agencies().iter().enumerate() {
        if let Agency::Unknown(text) = agency {
            assert_eq!(text, "HSI");
            found.push(format!("/boycott/agencies/{index}"));
        }
    }
    for (index, source) in entry.sources.iter().enumerate() {
        if let Some(SourceKind::Unknown(_)) = &source.kind {
            found.push(format!("/sources/{index}/type"));
        }
    }
    for (index, claim) in entry.claims().iter().enumerate() {
        if let Agency::Unknown(text) = &claim.agency {
            assert_eq!(text, "HSI");
            found.push(format!("/claims/{index}/agency"));
        }
        if let ClaimKind::Unknown(_) = &claim.kind {
            found.push(format!("/claims/{index}/kind"));
        }
        if let ClaimStatus::Unknown(_) = &claim.status {
            found.push(format!("/claims/{index}/status"));
        }
    }
    found
}

/// A reader built today reads a release of a later version 1 (every additive change of the
/// schema at once): nothing is an error, every unknown field and value is reachable, and
/// writing the entries back gives the release's entries.
#[test]
fn todays_reader_keeps_everything_a_later_version_1_release_adds() {
    let tree = Tree::new();
    let schema_text = std::fs::read_to_string(repo_path("schema/company.schema.json")).unwrap();
    let today: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
    let mut later = today.clone();
    let mut entry: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo_path("dataset/salesforce.json")).unwrap(),
    )
    .unwrap();
    entry.as_object_mut().unwrap().remove("$schema");
    let mut added = Vec::new();
    apply_every_additive_change(&mut later, &mut entry, "", &mut added);
    assert!(added.len() >= 12, "{added:?}");

    // The later schema is what `schema-diff` calls additive, and the entry is valid under it.
    tree.write("old.json", &schema_text);
    tree.write("new.json", &serde_json::to_string_pretty(&later).unwrap());
    let output = tree
        .command()
        .args(["schema-diff", "old.json", "new.json", "--format", "json"])
        .output()
        .unwrap();
    let diff: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(diff["breaking"], false, "{diff}");
    let changes = diff["changes"].as_array().unwrap();
    assert!(changes.len() >= 12, "{diff}");
    assert!(changes.iter().all(|c| c["kind"] == "additive"), "{diff}");
    let validator = jsonschema::validator_for(&later).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&entry)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");

    let release = serde_json::to_string_pretty(&serde_json::json!([entry])).unwrap();
    let entries: Vec<Entry> = serde_json::from_str(&release).unwrap();
    let mut found = unknown_things(&entries[0]);
    found.sort();
    added.sort();
    assert_eq!(found, added);
    // Written back, nothing is lost or changed (unknown fields go after the known ones).
    assert_eq!(
        serde_json::to_value(&entries).unwrap(),
        serde_json::json!([entry])
    );
    let written = serde_json::to_string(&entries).unwrap();
    assert_eq!(
        serde_json::from_str::<Vec<Entry>>(&written).unwrap(),
        entries
    );
}
