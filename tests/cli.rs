//! The real binary on temporary trees: exit codes, formats, fmt and --fix.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Tree, named_entry, repo_path, valid_entry};
use serde_json::{Value, json};

fn json_report(tree: &Tree, args: &[&str]) -> (i32, Value) {
    let (code, report, _) = tree.lint_json(args);
    (code, report)
}

/// (code, file, line, column) of every diagnostic.
fn places(report: &Value) -> Vec<(String, String, u64, u64)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["file"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn broken_tree() -> Tree {
    let tree = Tree::new();
    let valid = valid_entry("acme-widgets");
    tree.write("dataset/acme-widgets.json", &valid);
    // A trailing comma after the last agency.
    tree.write(
        "dataset/acme-trailing.json",
        &valid_entry("acme-trailing").replace("\"CBP\"\n", "\"CBP\",\n"),
    );
    // A repeated key, an unknown property and a bad country, all in one file.
    let many = valid_entry("example-holdings-00042")
        .replace(
            "\"name\": \"Acme Widgets\",",
            "\"name\": \"Example Holdings 00042\",\n  \"name\": \"Example Holdings\",",
        )
        .replace(
            "\"aliases\": [\n    \"Acme Widgets Inc.\"\n  ],",
            "\"aliases\": [],\n  \"ceo\": \"Nobody\",",
        )
        .replace("\"country\": \"US\"", "\"country\": \"XX\"");
    tree.write("dataset/example-holdings-00042.json", &many);
    // A misnamed file.
    tree.write(
        "dataset/acme-gadgets.json",
        &valid_entry("acme-gadget").replace("Acme Widgets", "Acme Gadgets"),
    );
    tree
}

#[test]
fn bundled_dataset_lints_without_errors() {
    let mut cmd = assert_cmd::Command::cargo_bin("icelist").unwrap();
    let output = cmd
        .current_dir(repo_path(""))
        .args(["lint", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["summary"]["errors"], 0);
    // The page gives no URLs: the honest warnings stay visible.
    assert!(places(&report).iter().any(|p| p.0 == "source-url-missing"));
}

#[test]
fn each_broken_thing_is_reported_with_code_line_and_column() {
    let tree = broken_tree();
    let (code, report) = json_report(&tree, &[]);
    assert_eq!(code, 1);
    let found = places(&report);
    let expect = |code: &str, file: &str, line: u64, column: u64| {
        assert!(
            found.contains(&(code.into(), format!("dataset/{file}"), line, column)),
            "missing {code} at {file}:{line}:{column} in {found:#?}"
        );
    };
    expect("json-syntax", "acme-trailing.json", 24, 5);
    expect("json-duplicate-key", "example-holdings-00042.json", 5, 3);
    expect("schema", "example-holdings-00042.json", 7, 3);
    expect("schema", "example-holdings-00042.json", 11, 14);
    expect("file-name", "acme-gadgets.json", 3, 9);
    assert!(
        !found.iter().any(|p| p.1 == "dataset/acme-widgets.json"),
        "the valid entry is clean"
    );
    assert_eq!(report["summary"]["files"], 4);
    // The JSON contract: every field present, with the documented types.
    for d in report["diagnostics"].as_array().unwrap() {
        for field in ["code", "severity", "message", "file", "pointer", "help"] {
            assert!(d[field].is_string(), "{field} in {d}");
        }
        for field in ["line", "column", "end_line", "end_column"] {
            assert!(d[field].as_u64().is_some_and(|n| n >= 1), "{field} in {d}");
        }
    }
    let unknown = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("ceo"))
        .unwrap();
    assert_eq!(unknown["pointer"], "/ceo");
    assert_eq!(unknown["end_column"], 8);
}

#[test]
fn human_format_draws_the_exact_spans() {
    let tree = broken_tree();
    let output = tree.command().arg("lint").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(!text.contains('\u{1b}'), "no colors when not on a terminal");
    let tmp = tree.root().to_string_lossy().into_owned();
    insta::assert_snapshot!(text.replace(&tmp, "<root>"));
}

#[test]
fn paths_limit_the_report() {
    let tree = broken_tree();
    let (code, report) = json_report(&tree, &["dataset/acme-widgets.json"]);
    assert_eq!(code, 0);
    assert_eq!(report["summary"]["files"], 1);
    let (code, _) = json_report(&tree, &["dataset/acme-gadgets.json"]);
    assert_eq!(code, 1);
    let output = tree
        .command()
        .args(["lint", "dataset/nope.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no such file"));
}

#[test]
fn could_not_run_exits_2_with_a_reason() {
    let tree = Tree::new();
    std::fs::remove_file(tree.root().join("schema/company.schema.json")).unwrap();
    let output = tree.command().arg("lint").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no schema"));

    let output = tree
        .command()
        .args(["lint", "--format", "yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));

    let missing = tree.root().join("missing");
    let output = tree
        .command()
        .args(["lint", "--root"])
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn warnings_pass_unless_strict() {
    let tree = Tree::new();
    tree.write(
        "dataset/acme-widgets.json",
        &valid_entry("acme-widgets")
            .replace(
                "\"url\": \"https://procurement.example.net/records/42\"",
                "\"type\": \"other\"",
            )
            .replace("\"type\": \"procurement-record\",\n", ""),
    );
    let (code, report) = json_report(&tree, &[]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["summary"]["warnings"], 1);
    let (code, _) = json_report(&tree, &["--strict"]);
    assert_eq!(code, 1);
}

#[test]
fn config_sets_severity_and_rejects_unknown_codes() {
    let tree = Tree::new();
    tree.write(
        "dataset/acme-widgets.json",
        &valid_entry("acme-widgets")
            .replace("\"date\": \"2026-05-01\"", "\"date\": \"2025-01-01\""),
    );
    let (_, report) = json_report(&tree, &[]);
    assert!(places(&report).iter().any(|p| p.0 == "verification-stale"));
    tree.write("icelist.toml", "stale_after_days = 1000\n");
    let (_, report) = json_report(&tree, &[]);
    assert!(places(&report).is_empty());
    tree.write("icelist.toml", "[rules]\nverification-stale = \"error\"\n");
    let (code, _) = json_report(&tree, &[]);
    assert_eq!(code, 1);
    tree.write("icelist.toml", "[rules]\nno-such-rule = \"off\"\n");
    let output = tree.command().arg("lint").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    tree.write("icelist.toml", "stale_after = 3\n");
    let output = tree.command().arg("lint").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn fix_renumbers_a_shuffled_entry_into_one_that_lints_clean() {
    let tree = Tree::new();
    let shuffled = std::fs::read_to_string(repo_path(
        "tests/fixtures/citation-order/invalid/acme-shuffled.json",
    ))
    .unwrap();
    tree.write("dataset/acme-shuffled.json", &shuffled);
    let before: Value = serde_json::from_str(&shuffled).unwrap();
    let output = tree.command().args(["lint", "--fix"]).output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("fixed dataset/acme-shuffled.json"));
    let after: Value = serde_json::from_str(&tree.read("dataset/acme-shuffled.json")).unwrap();
    // Every source kept (by title), every sentence kept (markers aside).
    let titles = |v: &Value| {
        let mut t: Vec<String> = v["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["title"].to_string())
            .collect();
        t.sort();
        t
    };
    assert_eq!(titles(&before), titles(&after));
    let strip = |s: &Value| {
        s.as_str()
            .unwrap()
            .chars()
            .filter(|c| !c.is_ascii_digit())
            .collect::<String>()
    };
    for section in ["overview", "boycott", "background"] {
        assert_eq!(
            strip(&before["sections"][section]),
            strip(&after["sections"][section])
        );
    }
    assert_eq!(after["sources"][0]["title"], "Acme Widgets company profile");
    let (code, _) = json_report(&tree, &[]);
    assert_eq!(code, 0);
}

#[test]
fn fix_never_touches_a_file_that_does_not_parse() {
    let tree = Tree::new();
    let broken = "{ \"id\": \"acme-widgets\", }";
    tree.write("dataset/acme-widgets.json", broken);
    let output = tree.command().args(["lint", "--fix"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(tree.read("dataset/acme-widgets.json"), broken);
    let output = tree.command().arg("fmt").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(tree.read("dataset/acme-widgets.json"), broken);
}

#[test]
fn fmt_is_canonical_and_idempotent_on_every_fixture() {
    let tree = Tree::new();
    let fixtures = repo_path("tests/fixtures");
    let mut parsed = 0;
    for rule in std::fs::read_dir(&fixtures).unwrap() {
        for kind in ["valid", "invalid"] {
            let Ok(items) = std::fs::read_dir(rule.as_ref().unwrap().path().join(kind)) else {
                continue;
            };
            for item in items {
                let path = item.unwrap().path();
                if path.is_file() {
                    let name = format!("dataset/{}", path.file_name().unwrap().to_string_lossy());
                    tree.write_bytes(&name, &std::fs::read(&path).unwrap());
                    parsed += 1;
                }
            }
        }
    }
    assert!(parsed > 40);
    let snapshot = |tree: &Tree| -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<_> = std::fs::read_dir(tree.root().join("dataset"))
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read(&p).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    };
    let original = snapshot(&tree);
    tree.command().arg("fmt").output().unwrap();
    let once = snapshot(&tree);
    let output = tree.command().args(["fmt", "--check"]).output().unwrap();
    let twice = snapshot(&tree);
    assert_eq!(once, twice);
    let listed = String::from_utf8_lossy(&output.stdout);
    assert!(listed.is_empty(), "fmt --check after fmt lists {listed}");
    for ((name, before), (_, after)) in original.iter().zip(&once) {
        let (Ok(mut a), Ok(b)) = (
            icelist::format::parse_for_rewrite(before),
            icelist::format::parse_for_rewrite(after),
        ) else {
            assert_eq!(
                before, after,
                "{name} does not parse and must not be touched"
            );
            continue;
        };
        // The one spelling fmt changes: a whole number at an integer field (`2e0` → `2`).
        icelist::format::integers_as_integers(&mut a);
        assert_eq!(a, b, "{name}: formatting changed the data");
        assert!(!after.starts_with(b"\xEF\xBB\xBF"));
        assert!(after.ends_with(b"\n"));
    }
}

#[test]
fn fmt_check_lists_what_would_change_and_changes_nothing() {
    let tree = Tree::new();
    let compact = serde_json::to_string(
        &serde_json::from_str::<Value>(&valid_entry("acme-widgets")).unwrap(),
    )
    .unwrap();
    tree.write("dataset/acme-widgets.json", &compact);
    let output = tree.command().args(["fmt", "--check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("dataset/acme-widgets.json"));
    assert_eq!(tree.read("dataset/acme-widgets.json"), compact);
    let output = tree.command().arg("fmt").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        tree.read("dataset/acme-widgets.json"),
        valid_entry("acme-widgets")
    );
}

#[test]
fn rules_and_explain() {
    let tree = Tree::new();
    let output = tree.command().arg("rules").output().unwrap();
    let listing = String::from_utf8(output.stdout).unwrap();
    for rule in icelist::rules::RULES {
        assert!(listing.contains(rule.code.as_str()));
    }
    let output = tree
        .command()
        .args(["explain", "citation-order"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stdout).contains("## Why it matters"));
    let output = tree
        .command()
        .args(["explain", "no-such-rule"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn new_creates_an_entry_that_fails_lint_until_filled() {
    let tree = Tree::new();
    tree.write("dataset/acme-widgets.json", &valid_entry("acme-widgets"));
    let output = tree
        .command()
        .args(["new", "Example Holdings 00042"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let created = tree.read("dataset/example-holdings-00042.json");
    let value: Value = serde_json::from_str(&created).unwrap();
    assert_eq!(value["id"], "example-holdings-00042");
    assert_eq!(value["name"], "Example Holdings 00042");
    // Canonical: fmt would not change it.
    let output = tree.command().args(["fmt", "--check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let (code, report) = json_report(&tree, &[]);
    assert_eq!(code, 1);
    let placeholders: Vec<String> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "entry-placeholder")
        .map(|d| d["pointer"].as_str().unwrap().to_owned())
        .collect();
    for pointer in [
        "/industry/0",
        "/headquarters",
        "/sections/overview",
        "/sources/0/title",
        "/sources/0/url",
    ] {
        assert!(
            placeholders.iter().any(|p| p == pointer),
            "{pointer} not named: {placeholders:?}"
        );
    }
}

#[test]
fn new_refuses_to_overwrite_or_duplicate() {
    let tree = Tree::new();
    tree.write("dataset/acme-widgets.json", &valid_entry("acme-widgets"));
    let before = tree.read("dataset/acme-widgets.json");
    for name in [
        "Acme Widgets",
        "ACME  Widgets",
        "Acme Widgets Inc.",
        "\u{0410}cme Widgets",
        "",
        "\u{202E}x",
    ] {
        let output = tree.command().args(["new", name]).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{name:?}");
    }
    assert_eq!(tree.read("dataset/acme-widgets.json"), before);
    assert_eq!(
        std::fs::read_dir(tree.root().join("dataset"))
            .unwrap()
            .count(),
        1
    );
}

/// `new` runs the dataset stage the lint runs: the message names the entry and its name as
/// written, and an existing entry that repeats a key (which `fmt` would refuse to rewrite) is
/// still compared, as the lint compares it.
#[test]
fn new_names_the_entry_it_duplicates_as_the_dataset_stage_finds_it() {
    let tree = Tree::new();
    tree.write("dataset/acme-widgets.json", &valid_entry("acme-widgets"));
    let output = tree
        .command()
        .args(["new", "ACME  Widgets Inc"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "looks like the company in dataset/acme-widgets.json (\"Acme Widgets Inc.\")"
        ),
        "{stderr}"
    );
    let other =
        serde_json::to_string_pretty(&named_entry("example-holdings-group", "Example Holdings"))
            .unwrap();
    let repeated = other.replacen(
        "\"name\": \"Example Holdings\"",
        "\"name\": \"Example Holdings\", \"name\": \"Other\"",
        1,
    );
    assert!(repeated.contains("\"Other\""), "{repeated}");
    tree.write("dataset/example-holdings-group.json", &repeated);
    let output = tree
        .command()
        .args(["new", "Example Holdings"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("looks like the company in dataset/example-holdings-group.json"),
        "{stderr}"
    );
    assert!(!tree.root().join("dataset/example-holdings.json").exists());
}

#[test]
fn completions_for_each_shell() {
    let tree = Tree::new();
    for shell in ["bash", "zsh", "fish"] {
        let output = tree
            .command()
            .args(["completions", shell])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(text.contains("changed-since"), "{shell}");
    }
}

/// Windows cannot hold a file named after a device (`nul.json` is the device NUL): no door lets
/// such an id in.
#[test]
fn windows_device_names_are_refused_as_ids_at_every_door() {
    let tree = Tree::new();
    for id in ["con", "lpt9"] {
        tree.write(&format!("dataset/{id}.json"), &valid_entry(id));
    }
    let (code, report) = json_report(&tree, &[]);
    assert_eq!(code, 1);
    let named: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "file-name")
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        named,
        ["dataset/con.json", "dataset/lpt9.json"],
        "{report:#}"
    );
    assert!(report.to_string().contains("Windows device name"));

    let tree = Tree::new();
    for name in ["Con", "AUX", "com1", "Nul"] {
        let output = tree.command().args(["new", name]).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{name}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("device name"));
    }
    // Not a device name: COM10 and "con-corp".
    let output = tree.command().args(["new", "Con Corp"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));

    tree.write(
        "prn.wiki",
        "{{Infobox company|name=PRN}}\n== Overview ==\nText.\n",
    );
    let output = tree
        .command()
        .args(["import", "--from", "wikitext", "--report", "json"])
        .arg(tree.root().join("prn.wiki"))
        .output()
        .unwrap();
    let import: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(import["pages"][0]["outcome"], "failed", "{import:#}");
    assert!(
        import["pages"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("Windows device name")
    );
    assert!(!tree.root().join("dataset/prn.json").exists());

    let body = std::fs::read_to_string(repo_path("tests/data/intake/complete.md")).unwrap();
    let first_name = body.lines().nth(2).unwrap().to_owned();
    tree.write("body.md", &body.replacen(&first_name, "Aux", 1));
    let output = tree
        .command()
        .arg("intake")
        .arg("--form")
        .arg(repo_path(".github/ISSUE_TEMPLATE/propose-company.yml"))
        .arg("--body-file")
        .arg(tree.root().join("body.md"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    let intake: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1), "{intake:#}");
    assert!(
        intake["problems"].to_string().contains("device name"),
        "{intake:#}"
    );
}

/// The claims and identifier rules through the binary: one entry breaking each of them, every
/// finding at its place, and `icelist explain` documents each rule.
#[test]
fn the_claim_rules_report_through_the_binary() {
    let tree = Tree::new();
    let mut entry = named_entry("acme-widgets", "Acme Widgets");
    entry["boycott"]["agencies"] = json!(["CBP", "ICE"]);
    entry["identifiers"] = json!({"lei": "529900ZETAPROBE00023", "uei": "ZETAPRB1234"});
    entry["sections"]["boycott"] = json!("Listed for fictional work.\n\nIt supplies CBP.[2]");
    entry["claims"] = json!([
        {"id": "cbp-logistics", "agency": "CBP", "kind": "logistics",
         "summary": "Acme Widgets supplies CBP.", "status": "current"},
        {"id": "cbp-staffing", "agency": "CBP", "kind": "staffing",
         "summary": "Acme Widgets staffs a CBP office.[2]",
         "period": {"from": "2020", "to": "2019-12"}, "status": "ended"},
        {"id": "uscis-other", "agency": "USCIS", "kind": "other",
         "summary": "Acme Widgets does something for USCIS.[2]", "status": "unknown"}
    ]);
    tree.write_entry(&entry);
    let (code, report, _) = tree.lint_json(&["--today", "2026-06-01"]);
    assert_eq!(code, 1, "{report}");
    let found: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["pointer"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for expected in [
        ("claim-unsourced", "/claims/0/summary"),
        ("claim-period-invalid", "/claims/1/period/to"),
        ("claim-agency-unlisted", "/claims/2/agency"),
        ("claim-agency-unlisted", "/boycott/agencies/1"),
        ("citation-missing", "/sections/boycott"),
        ("identifier-invalid", "/identifiers/lei"),
        ("identifier-invalid", "/identifiers/uei"),
    ] {
        assert!(
            found.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "{expected:?} in {found:?}"
        );
    }
    for code in [
        "claim-unsourced",
        "claim-period-invalid",
        "claim-agency-unlisted",
        "claim-evidence-weak",
        "boycott-unsupported",
        "citation-missing",
        "identifier-invalid",
        "verification-changed",
    ] {
        let output = tree.command().args(["explain", code]).output().unwrap();
        assert!(output.status.success(), "{code}");
        assert!(
            String::from_utf8_lossy(&output.stdout).contains("What it catches"),
            "{code}"
        );
    }
}
