//! CI-facing output formats: GitHub annotations must survive hostile entry text, SARIF must
//! validate against the official 2.1.0 schema, concise is one line per diagnostic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Tree, repo_path, valid_entry};
use serde_json::Value;

fn hostile_tree() -> Tree {
    let tree = Tree::new();
    // A name that tries to open its own workflow commands, and an alias with a % and a comma.
    let entry = valid_entry("acme-widgets")
        .replace(
            "\"name\": \"Acme Widgets\"",
            "\"name\": \"Acme\\n::error::pwned\\r\\n::add-mask::secret\"",
        )
        .replace("\"Acme Widgets Inc.\"", "\"100% Acme, Inc.\\n##[error]x\"")
        .replace("\"country\": \"US\"", "\"country\": \"X\\n::warning::y\"");
    tree.write("dataset/acme-widgets.json", &entry);
    tree
}

/// Several findings of several rules: a schema error, a source listed twice (a related place
/// in the same file), a source without a URL (a warning), two entries for one company (a
/// related place in another file) and a file that is not JSON (a finding about the whole file,
/// at line 1, column 1).
fn several_findings_tree() -> Tree {
    let tree = Tree::new();
    tree.write(
        "dataset/acme-widgets.json",
        &valid_entry("acme-widgets")
            .replace("\"country\": \"US\"", "\"country\": \"X\"")
            .replace(
                "https://procurement.example.net/records/42",
                "https://news.example.com/acme-profile",
            ),
    );
    tree.write(
        "dataset/acme-gadgets.json",
        &valid_entry("acme-gadgets")
            .replace("\"name\": \"Acme Widgets\"", "\"name\": \"Acme Gadgets\"")
            .replace(
                "\"url\": \"https://procurement.example.net/records/42\"",
                "\"note\": \"no url\"",
            ),
    );
    tree.write("dataset/notes.txt", "not an entry\n");
    tree
}

fn run(tree: &Tree, format: &str) -> (i32, String) {
    let output = tree
        .command()
        .args(["lint", "--format", format])
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[test]
fn github_annotations_cannot_be_hijacked_by_entry_text() {
    let tree = hostile_tree();
    let (code, text) = run(&tree, "github");
    assert_eq!(code, 1);
    assert!(!text.is_empty());
    for line in text.lines() {
        assert!(
            line.starts_with("::error file=") || line.starts_with("::warning file="),
            "foreign line: {line:?}"
        );
        assert!(!line.contains('\r'));
        assert!(line.contains(",title="));
    }
    assert!(!text.contains("\n::add-mask::") && !text.contains("\n##["));
    let one = text
        .lines()
        .find(|l| l.contains("dataset/acme-widgets.json") && l.contains("title=schema"))
        .unwrap();
    assert!(
        one.contains(",col=") && one.contains(",endColumn="),
        "{one}"
    );
}

#[test]
fn github_escaping_follows_the_documented_rules() {
    assert_eq!(
        icelist::render::github_escape_data("100%\r\nx"),
        "100%25%0D%0Ax"
    );
    assert_eq!(
        icelist::render::github_escape_property("a:b,c%"),
        "a%3Ab%2Cc%25"
    );
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let schema_text =
        std::fs::read_to_string(repo_path("tests/data/sarif/sarif-schema-2.1.0.json")).unwrap();
    let schema: Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .build(&schema)
        .unwrap();
    let tree = hostile_tree();
    tree.write(
        "dataset/acme-gadgets.json",
        &valid_entry("acme-gadgets")
            .replace("Acme Widgets", "Acme Gadgets")
            .replace(
                "\"url\": \"https://procurement.example.net/records/42\"",
                "\"note\": \"no url\"",
            ),
    );
    let (_, text) = run(&tree, "sarif");
    let sarif: Value = serde_json::from_str(&text).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run0 = &sarif["runs"][0];
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    assert_eq!(
        run0["tool"]["driver"]["rules"].as_array().unwrap().len(),
        icelist::rules::RULES.len()
    );
    assert!(
        run0["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["level"] == "warning")
    );
}

#[test]
fn concise_is_one_line_per_diagnostic() {
    let tree = hostile_tree();
    let (_, text) = run(&tree, "concise");
    let (_, json) = run(&tree, "json");
    let report: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        text.lines().count(),
        report["diagnostics"].as_array().unwrap().len()
    );
    for line in text.lines() {
        assert!(line.starts_with("dataset/acme-widgets.json:"), "{line}");
        assert!(
            line.contains(": error[") || line.contains(": warning["),
            "{line}"
        );
    }
}

#[test]
fn human_output_never_carries_raw_control_or_bidi_characters() {
    let tree = Tree::new();
    tree.write(
        "dataset/acme-widgets.json",
        &valid_entry("acme-widgets").replace("Springfield", "Spring\u{202E}field\u{1b}[31m"),
    );
    let output = tree.command().arg("lint").output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        !text.contains('\u{202E}') && !text.contains('\u{1b}'),
        "{text}"
    );
}

/// SARIF says its columns count code points: `charOffset` and `charLength` do too, and
/// `artifactLocation.uri` is a valid URI reference whatever the file is called.
#[test]
fn sarif_offsets_are_code_points_and_uris_are_percent_encoded() {
    let tree = Tree::new();
    let entry = valid_entry("acme-widgets").replace("\"US\"", "\"ÜS\"");
    tree.write("dataset/acme-widgets.json", &entry);
    tree.write("dataset/c #%20d.json", "{}");
    let (_, text) = run(&tree, "sarif");
    let sarif: Value = serde_json::from_str(&text).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let mut seen_country = false;
    let mut seen_odd_name = false;
    for result in results {
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert!(
            uri.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~/%".contains(&b)),
            "{uri}"
        );
        if uri == "dataset/c%20%23%2520d.json" {
            seen_odd_name = true;
        }
        if result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "/country" {
            let region = &location["region"];
            let offset = region["charOffset"].as_u64().unwrap() as usize;
            let length = region["charLength"].as_u64().unwrap() as usize;
            let shown: String = entry.chars().skip(offset).take(length).collect();
            assert_eq!(shown, "\"ÜS\"");
            seen_country = true;
        }
    }
    assert!(seen_country && seen_odd_name, "{text}");
}

/// `lint --format json` is a contract that other tools parse: its exact bytes, on a tree with
/// several findings. (insta compares without trailing line breaks: the end is checked here.)
#[test]
fn lint_json_bytes_are_pinned() {
    let tree = several_findings_tree();
    let (code, text) = run(&tree, "json");
    assert_eq!(code, 1);
    assert!(text.ends_with("}\n") && !text.ends_with("\n\n") && !text.contains('\r'));
    insta::assert_snapshot!("lint_json", text);
}

/// `lint --format sarif` is parsed by code scanning: its exact bytes, on the same tree.
#[test]
fn lint_sarif_bytes_are_pinned() {
    let tree = several_findings_tree();
    let (code, text) = run(&tree, "sarif");
    assert_eq!(code, 1);
    assert!(text.ends_with("}\n") && !text.ends_with("\n\n") && !text.contains('\r'));
    insta::assert_snapshot!("lint_sarif", text);
}

/// Every artifact location, primary or related, is a relative `uri` with `/` separators under
/// the base `%SRCROOT%`, which the run declares (without a machine's absolute path).
#[test]
fn sarif_paths_are_relative_to_srcroot() {
    let tree = several_findings_tree();
    let (_, text) = run(&tree, "sarif");
    let sarif: Value = serde_json::from_str(&text).unwrap();
    let run0 = &sarif["runs"][0];
    let base = &run0["originalUriBaseIds"]["%SRCROOT%"];
    assert!(base.is_object(), "{}", run0["originalUriBaseIds"]);
    assert!(
        base.get("uri").is_none(),
        "no absolute path of this machine: {base}"
    );
    let mut seen = 0;
    for result in run0["results"].as_array().unwrap() {
        let related = result["relatedLocations"].as_array().cloned();
        for location in result["locations"]
            .as_array()
            .unwrap()
            .iter()
            .chain(related.iter().flatten())
        {
            let artifact = &location["physicalLocation"]["artifactLocation"];
            assert_eq!(artifact["uriBaseId"], "%SRCROOT%", "{artifact}");
            let uri = artifact["uri"].as_str().unwrap();
            assert!(uri.starts_with("dataset/") && !uri.contains('\\'), "{uri}");
            seen += 1;
        }
    }
    assert!(seen > 6, "primary and related locations: {seen}");
}
