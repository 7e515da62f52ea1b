//! Every JSON output has a JSON Schema in `schema/outputs/` (draft 2020-12, versioned `$id`),
//! and every JSON output the tests pin byte for byte (the snapshots) is valid under its schema.
//! The delta and `domains.json` are validated where they are produced (tests/releases.rs), and
//! `history.json` in tests/build.rs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::repo_path;
use serde_json::Value;

/// Each schema and the snapshots of the output it describes.
const SCHEMAS: &[(&str, &[&str])] = &[
    ("lint-report", &["formats__lint_json"]),
    ("diff", &["git__diff_json"]),
    ("import-report", &["import__import_report_json"]),
    ("intake", &["intake__intake_json"]),
    ("sources-check", &["sources__sources_check_json"]),
    ("sources-archive", &["sources__sources_archive_json"]),
    ("awards-check", &["awards__awards_check_json"]),
    ("schema-diff", &["releases__schema_diff_json"]),
    ("changelog", &["releases__changelog_json"]),
    ("manifest", &["releases__manifest_json"]),
    ("delta", &[]),
    ("domains", &[]),
    ("history", &[]),
];

/// The text of a snapshot after insta's header.
fn snapshot(name: &str) -> Value {
    let text = std::fs::read_to_string(repo_path(&format!("tests/snapshots/{name}.snap"))).unwrap();
    let body = text.splitn(3, "---\n").nth(2).unwrap();
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn every_output_schema_is_listed_and_versioned() {
    let mut found: Vec<String> = std::fs::read_dir(repo_path("schema/outputs"))
        .unwrap()
        .map(|f| f.unwrap().file_name().into_string().unwrap())
        .collect();
    found.sort();
    let mut listed: Vec<String> = SCHEMAS
        .iter()
        .map(|(name, _)| format!("{name}.schema.json"))
        .collect();
    listed.sort();
    assert_eq!(found, listed);
    for (name, _) in SCHEMAS {
        let schema = common::output_schema(name);
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(schema["$id"], format!("urn:icelist:schema:{name}:1"));
    }
}

#[test]
fn every_pinned_json_output_is_valid_under_its_schema() {
    let mut checked = 0;
    for (name, snapshots) in SCHEMAS {
        for snapshot_name in *snapshots {
            common::assert_valid_output(name, &snapshot(snapshot_name));
            checked += 1;
        }
    }
    assert_eq!(checked, 10);
}

/// The schemas are not vacuous: a report missing a required field or with a value outside a
/// closed set is refused.
#[test]
fn an_output_that_breaks_its_contract_is_refused() {
    let validator = |name: &str| jsonschema::validator_for(&common::output_schema(name)).unwrap();
    let mut lint = snapshot("formats__lint_json");
    assert!(validator("lint-report").is_valid(&lint));
    lint["diagnostics"][0]["severity"] = Value::from("fatal");
    assert!(!validator("lint-report").is_valid(&lint));
    let mut changelog = snapshot("releases__changelog_json");
    changelog.as_object_mut().unwrap().remove("summary");
    assert!(!validator("changelog").is_valid(&changelog));
    let rename_without_entry =
        serde_json::json!({"op": "rename", "id": "acme", "from": "acme-old"});
    assert!(!validator("delta").is_valid(&rename_without_entry));
    let removal = serde_json::json!({"op": "remove", "id": "acme"});
    assert!(validator("delta").is_valid(&removal));
}
