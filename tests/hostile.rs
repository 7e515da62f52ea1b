//! Hostile input through the real binary: every case ends in a located diagnostic (exit 1) or a
//! clear refusal (exit 2), never a crash, a hang, a leak or an unasked-for change.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Tree, valid_entry};
use serde_json::Value;

fn codes_for<'a>(report: &'a Value, file: &str) -> Vec<&'a Value> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == file)
        .collect()
}

/// JSONTestSuite's 318 parsing cases (copied under `tests/data/`), each placed as an entry.
/// `ICELIST_JSONTESTSUITE` may name another copy of the `test_parsing` folder.
#[test]
fn json_test_suite() {
    let folder = std::env::var_os("ICELIST_JSONTESTSUITE").map_or_else(
        || common::repo_path("tests/data/JSONTestSuite/test_parsing"),
        std::path::PathBuf::from,
    );
    let mut cases: Vec<_> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| {
            panic!(
                "ICELIST_JSONTESTSUITE={} is not readable: {e}",
                folder.display()
            )
        })
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 300,
        "expected JSONTestSuite's 318 files, found {}",
        cases.len()
    );
    let tree = Tree::new();
    for (i, case) in cases.iter().enumerate() {
        tree.write_bytes(
            &format!("dataset/case-{i:04}.json"),
            &std::fs::read(case).unwrap(),
        );
    }
    let (code, report, _) = tree.lint_json(&[]);
    assert_eq!(code, 1);
    assert_eq!(report["summary"]["files"], cases.len());
    for (i, case) in cases.iter().enumerate() {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let file = format!("dataset/case-{i:04}.json");
        let found = codes_for(&report, &file);
        let syntax = found
            .iter()
            .find(|d| d["code"] == "json-syntax" || d["code"] == "json-encoding");
        if name.starts_with("n_") {
            let d = syntax.unwrap_or_else(|| panic!("{name} was accepted: {found:?}"));
            assert!(
                d["line"].as_u64().unwrap() >= 1 && d["column"].as_u64().unwrap() >= 1,
                "{name}"
            );
        } else if name.starts_with("y_") {
            assert!(
                found.iter().all(|d| d["code"] != "json-syntax"),
                "{name} was rejected: {found:?}"
            );
            assert!(
                !found.is_empty(),
                "{name} is not an entry and must not pass"
            );
        }
    }
}

#[test]
fn deep_nesting_is_a_syntax_error_not_a_stack_overflow() {
    let tree = Tree::new();
    tree.write("dataset/acme-arrays.json", &"[".repeat(100_000));
    tree.write("dataset/acme-objects.json", &"{\"a\":".repeat(100_000));
    tree.write(
        "dataset/acme-closed.json",
        &format!("{}{}", "[".repeat(5_000), "]".repeat(5_000)),
    );
    let (code, report, _) = tree.lint_json(&[]);
    assert_eq!(code, 1);
    for file in ["acme-arrays", "acme-objects", "acme-closed"] {
        let found = codes_for(&report, &format!("dataset/{file}.json"));
        assert!(
            found.iter().any(|d| d["code"] == "json-syntax"),
            "{file}: {found:?}"
        );
    }
}

#[test]
fn bom_is_named_and_fmt_removes_it() {
    let tree = Tree::new();
    tree.write(
        "dataset/acme-widgets.json",
        &format!("\u{feff}{}", valid_entry("acme-widgets")),
    );
    let output = tree.command().arg("lint").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("remove the BOM"));
    let output = tree.command().arg("fmt").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        tree.read("dataset/acme-widgets.json"),
        valid_entry("acme-widgets")
    );
    let (code, _, _) = tree.lint_json(&[]);
    assert_eq!(code, 0);
}

/// A dataset-wide finding (`entry-duplicate`) in a file that starts with a BOM points at the
/// same line and column as in the file without it: the file is decoded the one way every
/// reader decodes it.
#[test]
fn a_duplicate_in_a_file_with_a_bom_is_placed_as_without_it() {
    let place = |bom: &str| {
        let tree = Tree::new();
        tree.write("dataset/acme-widgets.json", &valid_entry("acme-widgets"));
        tree.write(
            "dataset/acme-copy.json",
            &format!("{bom}{}", valid_entry("acme-copy")),
        );
        let (_, report, raw) = tree.lint_json(&[]);
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == "entry-duplicate" && d["file"] == "dataset/acme-copy.json")
            .map(|d| (d["line"].clone(), d["column"].clone(), d["pointer"].clone()))
            .unwrap_or_else(|| panic!("{raw}"))
    };
    let with_bom = place("\u{feff}");
    assert_eq!(with_bom, place(""));
    assert_eq!(with_bom.2, "/name");
    assert_eq!(with_bom.0, 4);
}

#[test]
fn invalid_utf8_gives_the_byte_offset_and_is_never_rewritten() {
    let tree = Tree::new();
    let mut bytes = valid_entry("acme-widgets").into_bytes();
    let at = 40;
    bytes[at] = 0xFF;
    tree.write_bytes("dataset/acme-widgets.json", &bytes);
    let (code, report, _) = tree.lint_json(&[]);
    assert_eq!(code, 1);
    let d = &codes_for(&report, "dataset/acme-widgets.json")[0];
    assert_eq!(d["code"], "json-encoding");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains(&format!("byte offset {at}"))
    );
    tree.command().arg("fmt").output().unwrap();
    tree.command().args(["lint", "--fix"]).output().unwrap();
    assert_eq!(
        std::fs::read(tree.root().join("dataset/acme-widgets.json")).unwrap(),
        bytes
    );
}

#[test]
fn numbers_that_javascript_would_round_are_errors() {
    let tree = Tree::new();
    for (name, literal) in [
        ("acme-big", "9007199254740993"),
        ("acme-neg", "-9007199254740992"),
        ("acme-inf", "1e400"),
        ("acme-precise", "1990.0000000000000001"),
    ] {
        tree.write(
            &format!("dataset/{name}.json"),
            &valid_entry(name).replace("\"founded\": 1990", &format!("\"founded\": {literal}")),
        );
    }
    let (_, report, _) = tree.lint_json(&[]);
    for name in ["acme-big", "acme-neg", "acme-inf", "acme-precise"] {
        let found = codes_for(&report, &format!("dataset/{name}.json"));
        let d = found
            .iter()
            .find(|d| d["code"] == "json-number")
            .unwrap_or_else(|| panic!("{name}: {found:?}"));
        assert_eq!(d["line"], 12);
        if name != "acme-inf" {
            // serde_json itself refuses 1e400 while parsing, before there is a value to name.
            assert_eq!(d["pointer"], "/founded");
        }
    }
}

#[test]
fn oversized_files_are_refused_before_reading() {
    let tree = Tree::new();
    let big = format!(
        "{{\"id\": \"acme-big\", \"name\": \"{}\"}}",
        "x".repeat(2 * 1024 * 1024)
    );
    tree.write("dataset/acme-big.json", &big);
    let (code, report, _) = tree.lint_json(&[]);
    assert_eq!(code, 1);
    let found = codes_for(&report, "dataset/acme-big.json");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["code"], "file-size");
    tree.write("icelist.toml", "max_file_size = 4194304\n");
    let (_, report, _) = tree.lint_json(&[]);
    assert!(
        codes_for(&report, "dataset/acme-big.json")
            .iter()
            .all(|d| d["code"] != "file-size")
    );
}

#[cfg(unix)]
#[test]
fn links_directories_and_strays_are_reported_and_never_read() {
    let tree = Tree::new();
    tree.write("outside/secret.json", "{\"id\": \"TOP-SECRET-CONTENT\"}");
    std::os::unix::fs::symlink(
        tree.root().join("outside/secret.json"),
        tree.root().join("dataset/acme-link.json"),
    )
    .unwrap();
    std::os::unix::fs::symlink("/etc/passwd", tree.root().join("dataset/acme-passwd.json"))
        .unwrap();
    std::fs::create_dir(tree.root().join("dataset/acme-dir.json")).unwrap();
    tree.write("dataset/notes.txt", "TOP-SECRET-CONTENT");
    tree.write("dataset/Acme-Widgets.json", &valid_entry("acme-widgets"));
    tree.write("dataset/acme-widgets.json", &valid_entry("acme-widgets"));
    tree.write(
        "dataset/bad\u{202E}name\n::error::x.json",
        "TOP-SECRET-CONTENT",
    );
    let (code, report, stdout) = tree.lint_json(&[]);
    assert_eq!(code, 1);
    assert!(
        !stdout.contains("TOP-SECRET-CONTENT") && !stdout.contains("root:"),
        "{stdout}"
    );
    for (file, code) in [
        ("dataset/acme-link.json", "file-type"),
        ("dataset/acme-passwd.json", "file-type"),
        ("dataset/acme-dir.json", "file-type"),
        ("dataset/notes.txt", "file-type"),
        ("dataset/Acme-Widgets.json", "file-name"),
    ] {
        assert!(
            codes_for(&report, file).iter().any(|d| d["code"] == code),
            "{file}: {report}"
        );
    }
    assert!(codes_for(&report, "dataset/acme-widgets.json").is_empty());
    for format in ["human", "github", "concise"] {
        let output = tree
            .command()
            .args(["lint", "--format", format])
            .output()
            .unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(
            !text.contains("TOP-SECRET-CONTENT") && !text.contains('\u{202E}'),
            "{format}"
        );
        assert!(
            !text
                .lines()
                .any(|l| l.starts_with("::error::") || l.starts_with("::error:: ")),
            "{format}: {text}"
        );
    }
}

/// Text that hides itself, non-NFC names, look-alike scripts and dangerous URLs, through the
/// binary: each is a located error or warning.
#[test]
fn hidden_text_lookalike_names_and_dangerous_urls() {
    let tree = Tree::new();
    // (id, name, what replaces the headquarters line, rule, pointer)
    let cases = [
        (
            "acme-nul",
            "Acme Nul",
            "\"headquarters\": \"Springfield\\u0000\"",
            "text-invisible",
            "/headquarters",
        ),
        (
            "acme-bidi",
            "Acme Bidi",
            "\"headquarters\": \"Spring\u{202E}field\"",
            "text-invisible",
            "/headquarters",
        ),
        (
            "acme-zwsp",
            "Acme Zwsp",
            "\"headquarters\": \"Spring\u{200B}field\"",
            "text-invisible",
            "/headquarters",
        ),
        (
            "acme-nfd",
            "Acme Cafe\u{0301}",
            "\"headquarters\": \"Springfield\"",
            "name-not-nfc",
            "/name",
        ),
        (
            "acme-cyrillic",
            "\u{0410}cme Cyrillic",
            "\"headquarters\": \"Springfield\"",
            "name-mixed-script",
            "/name",
        ),
        (
            "acme-js",
            "Acme Js",
            "\"identifiers\": {\"website\": \"javascript:alert(1)\"}",
            "url-invalid",
            "/identifiers/website",
        ),
        (
            "acme-file",
            "Acme File",
            "\"identifiers\": {\"website\": \"file:///etc/passwd\"}",
            "url-invalid",
            "/identifiers/website",
        ),
    ];
    for (id, name, replacement, _, _) in &cases {
        let text = valid_entry(id)
            .replace(
                "\"name\": \"Acme Widgets\"",
                &format!("\"name\": \"{name}\""),
            )
            .replace("\"Acme Widgets Inc.\"", &format!("\"{name} Inc.\""))
            .replace(
                "\"headquarters\": \"Springfield, Oregon, United States\"",
                replacement,
            );
        tree.write(&format!("dataset/{id}.json"), &text);
    }
    let (code, report, _) = tree.lint_json(&[]);
    assert_eq!(code, 1);
    for (id, _, _, rule, pointer) in cases {
        let found = codes_for(&report, &format!("dataset/{id}.json"));
        assert!(
            found.iter().any(|d| d["code"] == rule
                && d["pointer"] == pointer
                && d["line"].as_u64() > Some(1)),
            "{id}: expected {rule} at {pointer}: {found:?}"
        );
    }
}

/// Several findings on one line past column 65,535 (one of them with a related place on the
/// same line): miette pads each label to its column and panicked ("Formatting argument out of
/// range"). Every label now renders cut, at every width of filler and multi-byte text around.
#[test]
fn many_findings_far_along_one_line_render_cut() {
    for (filler, around) in [
        (70_000, "éé"),
        (65_530, "中文"),
        (131_100, "😀"),
        (66_000, ""),
    ] {
        let mut entry: Value = serde_json::from_str(&valid_entry("acme-widgets")).unwrap();
        entry["sections"]["overview"] =
            Value::String(format!("{} [9] [8] {around} [7]", "x".repeat(filler)));
        entry["country"] = Value::String("usa".into());
        let one_line = serde_json::to_string(&entry).unwrap().replacen(
            "\"boycott\":\"",
            &format!("\"boycott\":\"{around}\",\"boycott\":\""),
            1,
        );
        let tree = Tree::new();
        tree.write("dataset/acme-widgets.json", &one_line);
        let output = tree.command().arg("lint").output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{filler}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(stdout.contains("appears twice"), "{filler}");
        assert!(stdout.contains("first defined here"), "{filler}");
        assert!(
            stdout.lines().all(|line| line.len() < 1_000),
            "a line drawn whole"
        );
    }
}
