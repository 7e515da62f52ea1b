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
