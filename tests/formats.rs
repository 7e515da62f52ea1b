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

/// Where `sarif` breaks the official SARIF 2.1.0 schema (tests/data/sarif/). The schema is
/// draft-04 (its `$schema` says so; the draft is named here rather than guessed), and formats
/// are asserted, so `helpUri` must be an absolute URI and `uri` a URI reference.
fn sarif_schema_errors(sarif: &Value) -> Vec<String> {
    let schema_text =
        std::fs::read_to_string(repo_path("tests/data/sarif/sarif-schema-2.1.0.json")).unwrap();
    let schema: Value = serde_json::from_str(&schema_text).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-04/schema#");
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    validator
        .iter_errors(sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Where `sarif` breaks what GitHub's code scanning upload requires or limits ("SARIF support
/// for code scanning" and "SARIF results exceed one or more limits" in GitHub's docs): required
/// properties present and not empty, every `ruleId` a rule of the run, a primary location with
/// a region from line 1, paths relative to `%SRCROOT%`, and the documented maximums.
fn code_scanning_violations(sarif: &Value) -> Vec<String> {
    fn check(out: &mut Vec<String>, ok: bool, what: String) {
        if !ok {
            out.push(what);
        }
    }
    fn check_location(
        out: &mut Vec<String>,
        location: &Value,
        primary: bool,
        bases: &Value,
        what: &str,
    ) {
        let physical = &location["physicalLocation"];
        let artifact = &physical["artifactLocation"];
        let uri = artifact["uri"].as_str().unwrap_or_default();
        check(
            out,
            !uri.is_empty() && !uri.contains("://") && !uri.starts_with('/') && !uri.contains('\\'),
            format!("{what}: a relative uri with / separators, not {uri:?}"),
        );
        check(
            out,
            artifact["uriBaseId"] == "%SRCROOT%" && bases.get("%SRCROOT%").is_some(),
            format!("{what}: uriBaseId %SRCROOT%, defined in originalUriBaseIds"),
        );
        let region = &physical["region"];
        if primary || !region.is_null() {
            let at = |key: &str| region[key].as_u64().unwrap_or(0);
            check(
                out,
                at("startLine") >= 1
                    && at("startColumn") >= 1
                    && at("endLine") >= at("startLine")
                    && at("endColumn") >= 1
                    && (at("endLine") > at("startLine") || at("endColumn") >= at("startColumn")),
                format!("{what}: a region from line 1, column 1: {region}"),
            );
        }
    }
    let mut out = Vec::new();
    let text = |v: &Value| v.as_str().is_some_and(|s| !s.is_empty());
    check(&mut out, text(&sarif["$schema"]), "$schema".into());
    check(&mut out, sarif["version"] == "2.1.0", "version".into());
    let runs = sarif["runs"].as_array().unwrap();
    check(
        &mut out,
        !runs.is_empty() && runs.len() <= 20,
        "runs: 1 to 20".into(),
    );
    for run in runs {
        let driver = &run["tool"]["driver"];
        check(&mut out, text(&driver["name"]), "tool.driver.name".into());
        let rules = driver["rules"].as_array().unwrap();
        check(
            &mut out,
            rules.len() <= 25_000,
            "rules per run: at most 25,000".into(),
        );
        let mut ids = std::collections::HashSet::new();
        for rule in rules {
            let id = rule["id"].as_str().unwrap_or_default();
            check(
                &mut out,
                !id.is_empty() && ids.insert(id),
                format!("rule id {id:?}"),
            );
            check(
                &mut out,
                rule["name"]
                    .as_str()
                    .is_none_or(|n| n.chars().count() <= 255),
                format!("{id}: name at most 255 characters"),
            );
            for description in ["shortDescription", "fullDescription"] {
                let value = &rule[description]["text"];
                check(
                    &mut out,
                    text(value) && value.as_str().unwrap().chars().count() <= 1024,
                    format!("{id}: {description}.text, 1 to 1024 characters"),
                );
            }
            check(
                &mut out,
                text(&rule["help"]["text"]),
                format!("{id}: help.text"),
            );
            let level = rule["defaultConfiguration"]["level"].as_str();
            check(
                &mut out,
                level.is_none_or(|l| ["note", "warning", "error"].contains(&l)),
                format!("{id}: defaultConfiguration.level"),
            );
            check(
                &mut out,
                rule["properties"]["tags"]
                    .as_array()
                    .is_none_or(|t| t.len() <= 20),
                format!("{id}: at most 20 tags"),
            );
        }
        let bases = &run["originalUriBaseIds"];
        let results = run["results"].as_array().unwrap();
        check(
            &mut out,
            results.len() <= 25_000,
            "results per run: at most 25,000".into(),
        );
        for (i, result) in results.iter().enumerate() {
            let what = format!("result {i}");
            let rule_id = result["ruleId"].as_str().unwrap_or_default();
            check(
                &mut out,
                ids.contains(rule_id),
                format!("{what}: ruleId {rule_id:?} is a rule of the run"),
            );
            if let Some(index) = result["ruleIndex"].as_u64() {
                check(
                    &mut out,
                    rules
                        .get(index as usize)
                        .is_some_and(|r| r["id"] == rule_id),
                    format!("{what}: ruleIndex names the rule of ruleId"),
                );
            }
            check(
                &mut out,
                result["level"]
                    .as_str()
                    .is_none_or(|l| ["none", "note", "warning", "error"].contains(&l)),
                format!("{what}: level"),
            );
            check(
                &mut out,
                text(&result["message"]["text"]),
                format!("{what}: message.text"),
            );
            let fingerprints = result["partialFingerprints"].as_object();
            check(
                &mut out,
                fingerprints.is_some_and(|f| !f.is_empty() && f.values().all(text)),
                format!("{what}: partialFingerprints"),
            );
            let locations = result["locations"]
                .as_array()
                .map_or(&[][..], Vec::as_slice);
            check(
                &mut out,
                (1..=10).contains(&locations.len()),
                format!("{what}: 1 to 10 locations"),
            );
            for location in locations {
                check_location(&mut out, location, true, bases, &what);
            }
            let related = result["relatedLocations"]
                .as_array()
                .map_or(&[][..], Vec::as_slice);
            check(
                &mut out,
                related.len() <= 1000,
                format!("{what}: at most 1,000 related locations"),
            );
            for location in related {
                check_location(
                    &mut out,
                    location,
                    false,
                    bases,
                    &format!("{what}, related"),
                );
            }
        }
    }
    out
}

/// The SARIF of a tree with several findings of several rules (one about a whole file, at
/// 1:1; some with related places) is valid SARIF 2.1.0 and meets code scanning's rules.
#[test]
fn sarif_is_valid_and_uploads_to_code_scanning() {
    let tree = several_findings_tree();
    let (code, text) = run(&tree, "sarif");
    assert_eq!(code, 1);
    let sarif: Value = serde_json::from_str(&text).unwrap();
    let errors = sarif_schema_errors(&sarif);
    assert!(errors.is_empty(), "{errors:#?}");
    let violations = code_scanning_violations(&sarif);
    assert!(violations.is_empty(), "{violations:#?}");
    // The tree holds what the test is about.
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let codes: std::collections::BTreeSet<&str> = results
        .iter()
        .filter_map(|r| r["ruleId"].as_str())
        .collect();
    assert!(codes.len() >= 4, "{codes:?}");
    assert!(results.iter().any(|r| {
        let region = &r["locations"][0]["physicalLocation"]["region"];
        r["ruleId"] == "file-type" && region["startLine"] == 1 && region["startColumn"] == 1
    }));
    assert!(results.iter().any(|r| r["relatedLocations"].is_array()));
}

#[test]
fn sarif_validates_against_the_official_schema() {
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
    let errors = sarif_schema_errors(&sarif);
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

/// A result's `partialFingerprints` names it by rule, file, entry and JSON Pointer: lines
/// inserted above a finding move it down and keep its fingerprint; another pointer in the same
/// file, of the same rule, gets another.
#[test]
fn sarif_fingerprints_survive_moved_lines() {
    let tree = Tree::new();
    let entry = valid_entry("acme-widgets")
        .replace("\"country\": \"US\"", "\"country\": \"X\"")
        .replace("\"founded\": 1990", "\"founded\": \"1990\"");
    let fingerprints = |text: &str| -> Vec<(String, u64, String)> {
        tree.write("dataset/acme-widgets.json", text);
        let (_, sarif) = run(&tree, "sarif");
        let sarif: Value = serde_json::from_str(&sarif).unwrap();
        sarif["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let location = &r["locations"][0];
                let print = r["partialFingerprints"]["icelist/v1"].as_str().unwrap();
                assert!(
                    print.len() == 16 && print.bytes().all(|b| b.is_ascii_hexdigit()),
                    "{print}"
                );
                (
                    location["logicalLocations"][0]["fullyQualifiedName"]
                        .as_str()
                        .unwrap()
                        .to_owned(),
                    location["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .unwrap(),
                    print.to_owned(),
                )
            })
            .collect()
    };
    let before = fingerprints(&entry);
    let after = fingerprints(&entry.replacen("{\n", "{\n\n\n\n", 1));
    let find = |found: &[(String, u64, String)], pointer: &str| {
        found
            .iter()
            .find(|(p, _, _)| p == pointer)
            .cloned()
            .unwrap_or_else(|| panic!("no finding at {pointer}: {found:?}"))
    };
    let (country, founded) = (find(&before, "/country"), find(&before, "/founded"));
    let moved = find(&after, "/country");
    assert_eq!(moved.1, country.1 + 3, "the finding moved down");
    assert_eq!(moved.2, country.2, "and kept its fingerprint");
    assert_eq!(find(&after, "/founded").2, founded.2);
    assert_ne!(country.2, founded.2, "another pointer, another fingerprint");
}

/// Every rule of the run has a `name` that is not its id (the code in PascalCase), a `helpUri`
/// at its documentation (the rule's file in the repository), short and full descriptions and
/// help in text and Markdown; the driver has an `informationUri`.
#[test]
fn sarif_rules_have_names_links_and_documentation() {
    let tree = several_findings_tree();
    let (_, text) = run(&tree, "sarif");
    let sarif: Value = serde_json::from_str(&text).unwrap();
    let driver = &sarif["runs"][0]["tool"]["driver"];
    let home = driver["informationUri"].as_str().unwrap();
    match env!("CARGO_PKG_REPOSITORY") {
        "" => assert_eq!(home, "https://icelist.invalid"),
        repository => assert_eq!(home, repository.trim_end_matches('/')),
    }
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), icelist::rules::RULES.len());
    for rule in rules {
        let id = rule["id"].as_str().unwrap();
        let registered = icelist::rules::rule(id).unwrap();
        let pascal: String = id
            .split('-')
            .map(|word| word[..1].to_ascii_uppercase() + &word[1..])
            .collect();
        assert_eq!(rule["name"], pascal.as_str(), "{id}");
        assert_ne!(rule["name"], rule["id"]);
        let help_uri = rule["helpUri"].as_str().unwrap();
        let path = help_uri
            .strip_prefix(&format!("{home}/blob/main/"))
            .unwrap_or_else(|| panic!("{id}: {help_uri}"));
        let file = std::fs::read_to_string(repo_path(path)).unwrap();
        assert!(file.starts_with(&format!("//! # {id}\n")), "{id}: {path}");
        assert_eq!(rule["shortDescription"]["text"], registered.summary);
        let full = rule["fullDescription"]["text"].as_str().unwrap();
        // GitHub takes 1,024 characters: a longer description is cut, marked with an ellipsis.
        let description = registered.description();
        if description.chars().count() <= 1024 {
            assert_eq!(full, description);
        } else {
            assert!(full.ends_with('…') && full.chars().count() <= 1024, "{id}");
        }
        assert!(full.len() > registered.summary.len(), "{id}: {full}");
        let doc = registered.documentation();
        assert!(doc.contains("## What it catches"));
        assert_eq!(rule["help"]["text"], doc.as_str());
        assert_eq!(rule["help"]["markdown"], doc.as_str());
    }
}

/// Every finding carries its rule's one-line help: `help` in the JSON report (a key added to
/// version 1), `properties.help` on a SARIF result.
#[test]
fn json_and_sarif_findings_carry_the_rules_help() {
    let tree = several_findings_tree();
    let summary = |code: &Value| {
        icelist::rules::rule(code.as_str().unwrap())
            .unwrap()
            .summary
    };
    let (_, json) = run(&tree, "json");
    let report: Value = serde_json::from_str(&json).unwrap();
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert!(diagnostics.len() > 4);
    for d in diagnostics {
        assert_eq!(d["help"], summary(&d["code"]), "{d}");
        let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "code",
                "severity",
                "message",
                "file",
                "line",
                "column",
                "end_line",
                "end_column",
                "pointer",
                "help"
            ],
            "the version-1 keys in their order, then help"
        );
    }
    let (_, sarif) = run(&tree, "sarif");
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), diagnostics.len());
    for r in results {
        assert_eq!(r["properties"]["help"], summary(&r["ruleId"]), "{r}");
    }
}
