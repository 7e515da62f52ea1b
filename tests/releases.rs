//! Releases downstream projects can rely on: `schema-diff` on each class of change, and
//! `lint --changed-since` refusing a breaking schema change that keeps the major version.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Tree, named_entry, repo_path};
use serde_json::{Value, json};

fn schema() -> Value {
    serde_json::from_str(&std::fs::read_to_string(repo_path("schema/company.schema.json")).unwrap())
        .unwrap()
}

fn schema_diff(tree: &Tree, old: &Value, new: &Value, format: &str) -> (i32, String) {
    tree.write("old.json", &old.to_string());
    tree.write("new.json", &new.to_string());
    let output = tree
        .command()
        .arg("schema-diff")
        .arg(tree.root().join("old.json"))
        .arg(tree.root().join("new.json"))
        .args(["--format", format])
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn schema_diff_classifies_additive_and_breaking_changes() {
    let tree = Tree::new();
    let old = schema();
    let mut additive = old.clone();
    additive["properties"]["tags"] = json!({"type": "array", "items": {"type": "string"}});
    additive["properties"]["status"]["enum"]
        .as_array_mut()
        .unwrap()
        .push(json!("dissolved"));
    let (code, out) = schema_diff(&tree, &old, &additive, "human");
    assert_eq!(code, 0, "{out}");
    assert!(out.lines().all(|l| l.starts_with("additive: ")), "{out}");
    assert!(
        out.contains("additive: /properties/status/enum: value \"dissolved\" added"),
        "{out}"
    );

    let mut breaking = old.clone();
    breaking["properties"]["status"]["enum"] = json!(["active", "defunct"]);
    let (code, out) = schema_diff(&tree, &old, &breaking, "json");
    assert_eq!(code, 1, "{out}");
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        report,
        json!({"version": 1, "breaking": true, "changes": [
            {"pointer": "/properties/status/enum", "kind": "breaking", "what": "value \"acquired\" removed"}
        ]})
    );
    // The JSON contract, byte for byte, on a change of several kinds.
    let mut mixed = additive.clone();
    mixed["properties"]["status"]["enum"] = json!(["active", "defunct", "dissolved"]);
    mixed["required"]
        .as_array_mut()
        .unwrap()
        .push(json!("tags"));
    let (code, out) = schema_diff(&tree, &old, &mixed, "json");
    assert_eq!(code, 1, "{out}");
    assert!(out.ends_with("}\n"), "{out:?}");
    insta::assert_snapshot!("schema_diff_json", out);

    let (code, out) = schema_diff(&tree, &old, &old, "human");
    assert_eq!((code, out.as_str()), (0, "no change to what validates\n"));
    tree.write("broken.json", "{");
    let output = tree
        .command()
        .arg("schema-diff")
        .arg(tree.root().join("old.json"))
        .arg(tree.root().join("broken.json"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

/// A repository whose base commit holds the bundled schema and one entry.
fn repository() -> (Tree, git2::Repository) {
    let tree = Tree::new();
    let repo = git2::Repository::init(tree.root()).unwrap();
    tree.write_entry(&named_entry("acme-widgets", "Acme Widgets"));
    common::commit_all(&repo, "base");
    (tree, repo)
}

fn changed_since(tree: &Tree) -> (i32, Vec<String>) {
    let output = tree
        .command()
        .args([
            "lint",
            "--changed-since",
            "HEAD",
            "--format",
            "json",
            "--allow-policy-change",
        ])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&output.stderr)));
    let codes = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect();
    (output.status.code().unwrap(), codes)
}

#[test]
fn a_breaking_schema_change_must_bump_the_major_version() {
    let (tree, repo) = repository();
    let mut schema = schema();
    schema["properties"]["status"]["enum"] = json!(["active", "defunct"]);
    tree.write(
        "schema/company.schema.json",
        &serde_json::to_string_pretty(&schema).unwrap(),
    );
    let (code, codes) = changed_since(&tree);
    assert_eq!(code, 1);
    assert!(codes.contains(&"schema-breaking".to_owned()), "{codes:?}");
    // --rev reads both sides from git.
    common::commit_all(&repo, "a breaking change");
    let output = tree
        .command()
        .args(["schema-diff", "--rev", "HEAD~1", "HEAD"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stdout).starts_with("breaking: /properties/status/enum")
    );

    let (tree, _repo) = repository();
    let id = schema["$id"].as_str().unwrap().to_owned();
    schema["$id"] = json!(format!(
        "{}2",
        id.trim_end_matches(|c: char| c.is_ascii_digit())
    ));
    tree.write(
        "schema/company.schema.json",
        &serde_json::to_string_pretty(&schema).unwrap(),
    );
    let (_, codes) = changed_since(&tree);
    assert!(
        !codes.contains(&"schema-breaking".to_owned()),
        "a new major version: {codes:?}"
    );

    let (tree, _repo) = repository();
    let mut additive = self::schema();
    additive["properties"]["status"]["enum"]
        .as_array_mut()
        .unwrap()
        .push(json!("dissolved"));
    tree.write(
        "schema/company.schema.json",
        &serde_json::to_string_pretty(&additive).unwrap(),
    );
    let (code, codes) = changed_since(&tree);
    assert!(!codes.contains(&"schema-breaking".to_owned()), "{codes:?}");
    assert_eq!(code, 0, "{codes:?}");
}

#[test]
fn the_manifest_carries_the_dataset_and_schema_versions() {
    let (tree, repo) = repository();
    let manifest = |tree: &Tree, args: &[&str]| -> Value {
        let output = tree
            .command()
            .args(["build", "--out", "dist"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_str(&tree.read("dist/manifest.json")).unwrap()
    };
    let untagged = manifest(&tree, &[]);
    assert_eq!(untagged["dataset_version"], Value::Null);
    assert_eq!(untagged["schema_version"], 1);
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    repo.tag_lightweight("v2026.06.01", head.as_object(), false)
        .unwrap();
    assert_eq!(manifest(&tree, &[])["dataset_version"], "v2026.06.01");
    // The manifest's bytes are a contract: fixed inputs (a committed tree with a fixed
    // author and time, a tag) give the same file. The commit's id is named, not pinned, so a
    // change to the bundled schema does not change this snapshot.
    let head_id = head.id().to_string();
    let manifest_text = tree.read("dist/manifest.json");
    assert!(manifest_text.contains(&head_id), "{manifest_text}");
    insta::assert_snapshot!(
        "manifest_json",
        manifest_text.replace(&head_id, "<the head commit>")
    );
    assert_eq!(
        manifest(&tree, &["--dataset-version", "v2026.06.02"])["dataset_version"],
        "v2026.06.02"
    );
    let output = tree
        .command()
        .args([
            "build",
            "--out",
            "dist",
            "--dataset-version",
            "v1; rm -rf /",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn the_changelog_lists_added_delisted_and_reverified_entries() {
    let (tree, repo) = repository();
    let mut gadgets = named_entry("acme-gadgets", "Acme Gadgets");
    gadgets["verification"] = json!({"status": "unverified"});
    tree.write_entry(&gadgets);
    let mut widgets = named_entry("acme-widgets", "Acme Widgets");
    widgets["verification"] = json!({"status": "unverified"});
    tree.write_entry(&widgets);
    common::commit_all(&repo, "first release");
    let tag = |name: &str| {
        let head = repo.head().unwrap().peel_to_commit().unwrap();
        repo.tag_lightweight(name, head.as_object(), false).unwrap();
    };
    tag("v2026.06.01");
    tree.write_entry(&named_entry(
        "example-holdings-00042",
        "Example Holdings 00042",
    ));
    gadgets["boycott"]["status"] = json!("delisted");
    gadgets["boycott"]["reason"] = json!("The fictional contract ended.[1]");
    tree.write_entry(&gadgets);
    widgets["verification"] = json!({"status": "verified", "date": "2026-05-01"});
    let mut extra = widgets["sources"][0].clone();
    extra["id"] = json!(4);
    extra["title"] = json!("A fourth fictional report");
    extra["url"] = json!("https://news.example.com/acme-fourth");
    widgets["sources"].as_array_mut().unwrap().push(extra);
    widgets["sections"]["background"] = json!("A fixture.[1][4]");
    tree.write_entry(&widgets);
    common::commit_all(&repo, "second release");
    tag("v2026.06.08");

    let output = tree
        .command()
        .args(["changelog", "v2026.06.01..v2026.06.08", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.ends_with("}\n"), "{text:?}");
    insta::assert_snapshot!("changelog_json", text);
    let log: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(log["version"], 1);
    assert_eq!(log["from"], "v2026.06.01");
    assert_eq!(log["to"], "v2026.06.08");
    assert_eq!(
        log["summary"],
        json!({"added": 1, "removed": 0, "renamed": 0, "changed": 2})
    );
    let entry = |id: &str| {
        log["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(entry("example-holdings-00042")["change"], "added");
    assert_eq!(
        entry("acme-gadgets")["transitions"],
        json!([{"path": "/boycott/status", "old": "listed", "new": "delisted"}])
    );
    let widgets_log = entry("acme-widgets");
    assert_eq!(
        widgets_log["transitions"],
        json!([{"path": "/verification/status", "old": "unverified", "new": "verified"}])
    );
    assert_eq!(widgets_log["sources_added"], json!([4]));
    assert_eq!(widgets_log["sources_removed"], json!([]));

    let output = tree
        .command()
        .args(["changelog", "v2026.06.01..v2026.06.08"])
        .output()
        .unwrap();
    let notes = String::from_utf8_lossy(&output.stdout);
    assert!(
        notes.contains("1 added, 0 removed, 0 renamed, 2 changed."),
        "{notes}"
    );
    assert!(
        notes.contains("- `acme-gadgets`: boycott status: listed → delisted"),
        "{notes}"
    );

    // The first release: everything is added.
    let output = tree
        .command()
        .args(["changelog", "v2026.06.01", "--format", "json"])
        .output()
        .unwrap();
    let first: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(first["from"], Value::Null);
    assert_eq!(first["summary"]["added"], 2);
    assert_eq!(first["entries"][0]["sources_added"], json!([1, 2, 3]));
}

#[test]
fn the_build_writes_every_domain_for_extensions() {
    let tree = Tree::new();
    let mut widgets = named_entry("acme-widgets", "Acme Widgets");
    widgets["domains"] = json!(["acme.example", "widgets.example"]);
    tree.write_entry(&widgets);
    let mut gadgets = named_entry("acme-gadgets", "Acme Gadgets");
    gadgets["domains"] = json!(["gadgets.acme.example"]);
    tree.write_entry(&gadgets);
    let output = tree
        .command()
        .args(["build", "--out", "dist"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = tree.read("dist/domains.json");
    let domains: Value = serde_json::from_str(&text).unwrap();
    common::assert_valid_output("domains", &domains);
    assert_eq!(
        domains,
        json!({"version": 1, "domains": {
            "acme.example": "acme-widgets",
            "gadgets.acme.example": "acme-gadgets",
            "widgets.example": "acme-widgets"
        }})
    );
    let keys: Vec<&str> = domains["domains"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    let csv = tree.read("dist/companies.csv");
    assert!(csv.lines().next().unwrap().contains(",domains,"), "{csv}");
}

/// The repository tagged as its first release, and that release's notes as JSON.
fn first_release_notes() -> (Tree, String) {
    let (tree, repo) = repository();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    repo.tag_lightweight("v2026.06.01", head.as_object(), false)
        .unwrap();
    let output = tree
        .command()
        .args(["changelog", "v2026.06.01", "--format", "json"])
        .output()
        .unwrap();
    (tree, String::from_utf8(output.stdout).unwrap())
}

#[test]
fn the_site_links_each_entry_as_json_names_countries_and_shows_the_release_notes() {
    let (tree, notes) = first_release_notes();
    tree.write("changes.json", &notes);
    let mut entry = named_entry("acme-widgets", "Acme Widgets");
    entry["sections"]["background"] = json!("One paragraph.[1]\n\n\n\nAnother.[1]");
    tree.write_entry(&entry);
    let output = tree
        .command()
        .args(["build", "--out", "dist", "--release-notes"])
        .arg(tree.root().join("changes.json"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let page = tree.read("dist/companies/acme-widgets.html");
    assert!(page.contains("href=\"acme-widgets.json\""), "{page}");
    assert!(page.contains("United States of America (US)"), "{page}");
    assert!(!page.contains("<p></p>"), "{page}");
    let own: Value = serde_json::from_str(&tree.read("dist/companies/acme-widgets.json")).unwrap();
    let mut expected = entry.clone();
    expected.as_object_mut().unwrap().remove("$schema");
    assert_eq!(own, expected);
    let index = tree.read("dist/index.html");
    assert!(index.contains("1 company that supports U.S."), "{index}");
    assert!(index.contains("href=\"changes.html\""), "{index}");
    let changes = tree.read("dist/changes.html");
    assert!(changes.contains("1 added, 0 removed"), "{changes}");
    assert!(
        changes.contains("href=\"companies/acme-widgets.html\""),
        "{changes}"
    );
}

/// `build --release-notes` reads the notes through their own type: a later version's extra
/// fields are ignored, another version or another document is refused by name (exit 2), and
/// nothing is written.
#[test]
fn release_notes_are_read_back_by_their_type() {
    let (tree, notes) = first_release_notes();
    let mut notes: Value = serde_json::from_str(&notes).unwrap();
    let build = |notes: &str| {
        tree.write("changes.json", notes);
        let _ = std::fs::remove_dir_all(tree.root().join("dist"));
        tree.command()
            .args(["build", "--out", "dist", "--release-notes", "changes.json"])
            .output()
            .unwrap()
    };
    notes["summary"]["split"] = json!(0);
    notes["published_by"] = json!("a later icelist");
    let output = build(&notes.to_string());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        tree.read("dist/changes.html")
            .contains("1 added, 0 removed")
    );

    notes["version"] = json!(2);
    for (text, says) in [
        (notes.to_string(), "version 2"),
        ("{\"version\": 1}".to_owned(), "not the JSON"),
        (
            "{\"version\":1,\"from\":null,\"to\":\"v1\",\"summary\":{\"added\":0,\"removed\":0,\"renamed\":0,\"changed\":0},\"entries\":[{\"id\":\"a\",\"change\":\"vanished\",\"transitions\":[],\"sources_added\":[],\"sources_removed\":[]}]}".to_owned(),
            "vanished",
        ),
    ] {
        let output = build(&text);
        assert_eq!(output.status.code(), Some(2), "{text}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(says), "{says}: {stderr}");
        assert!(!tree.root().join("dist").exists());
    }
}

/// Commits the tree, tags it `tag` and builds it into `out/<tag>`; returns the release's
/// `companies.json`.
fn release(tree: &Tree, repo: &git2::Repository, tag: &str, out: &std::path::Path) -> String {
    common::commit_all(repo, tag);
    let head = repo.head().unwrap().peel(git2::ObjectType::Commit).unwrap();
    repo.tag_lightweight(tag, &head, false).unwrap();
    let dist = out.join(tag);
    let output = tree
        .command()
        .arg("build")
        .arg("--out")
        .arg(&dist)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    std::fs::read_to_string(dist.join("companies.json")).unwrap()
}

fn delta(tree: &Tree, range: &str) -> Vec<Value> {
    let output = tree
        .command()
        .args(["changelog", range, "--format", "delta"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let line = serde_json::from_str(line).unwrap();
            common::assert_valid_output("delta", &line);
            line
        })
        .collect()
}

/// What a consumer does with a feed, as the README says: first drops every removed `id` and
/// every renamed `from`, then puts every entry under its id.
fn apply(held: &mut std::collections::BTreeMap<String, Value>, lines: &[Value]) {
    for line in lines {
        let dropped = match line["op"].as_str().unwrap() {
            "remove" => &line["id"],
            "rename" => &line["from"],
            "add" | "modify" => continue,
            op => panic!("unknown op {op}"),
        };
        assert!(held.remove(dropped.as_str().unwrap()).is_some(), "{line}");
    }
    for line in lines {
        let id = line["id"].as_str().unwrap().to_owned();
        match line["op"].as_str().unwrap() {
            "add" | "rename" => assert!(held.insert(id, line["entry"].clone()).is_none(), "{line}"),
            "modify" => assert!(held.insert(id, line["entry"].clone()).is_some(), "{line}"),
            _ => {}
        }
    }
}

fn as_companies_json(held: &std::collections::BTreeMap<String, Value>) -> String {
    let entries: Vec<&Value> = held.values().collect();
    serde_json::to_string_pretty(&entries).unwrap() + "\n"
}

/// An app that holds one release and applies the feeds of the next ones holds, byte for byte,
/// the latest release's entries: additions, modifications, removals and renames over three
/// releases, and the first release's feed from nothing.
#[test]
fn the_change_feed_carries_a_consumer_from_one_release_to_the_next() {
    let out = tempfile::tempdir().unwrap();
    let tree = Tree::new();
    let repo = git2::Repository::init(tree.root()).unwrap();
    tree.write_entry(&named_entry("acme", "Acme Widgets"));
    tree.write_entry(&named_entry("acme-gadgets", "Acme Gadgets"));
    tree.write_entry(&named_entry(
        "example-holdings-00042",
        "Example Holdings 00042",
    ));
    let first = release(&tree, &repo, "v2026.06.01", out.path());

    let mut widgets = named_entry("acme", "Acme Widgets");
    widgets["boycott"]["status"] = json!("delisted");
    widgets["boycott"]["reason"] = json!("The fictional contract ended.[1]");
    tree.write_entry(&widgets);
    tree.write_entry(&named_entry("acme-tools", "Acme Tools"));
    std::fs::remove_file(tree.root().join("dataset/example-holdings-00042.json")).unwrap();
    let second = release(&tree, &repo, "v2026.06.08", out.path());

    std::fs::remove_file(tree.root().join("dataset/acme-gadgets.json")).unwrap();
    let gizmos = named_entry("acme-gizmos", "Acme Gadgets");
    tree.write_entry(&gizmos);
    let mut tools = named_entry("acme-tools", "Acme Tools");
    tools["aliases"] = json!(["Acme Tooling"]);
    tree.write_entry(&tools);
    let third = release(&tree, &repo, "v2026.06.15", out.path());

    let mut held = std::collections::BTreeMap::new();
    let from_nothing = delta(&tree, "v2026.06.01");
    assert!(from_nothing.iter().all(|l| l["op"] == "add"));
    apply(&mut held, &from_nothing);
    assert_eq!(as_companies_json(&held), first);

    let to_second = delta(&tree, "v2026.06.01..v2026.06.08");
    let ops: Vec<(&str, &str)> = to_second
        .iter()
        .map(|l| (l["op"].as_str().unwrap(), l["id"].as_str().unwrap()))
        .collect();
    assert_eq!(
        ops,
        [
            ("remove", "example-holdings-00042"),
            ("modify", "acme"),
            ("add", "acme-tools"),
        ]
    );
    assert!(to_second[0].get("entry").is_none());
    apply(&mut held, &to_second);
    assert_eq!(as_companies_json(&held), second);

    let to_third = delta(&tree, "v2026.06.08..v2026.06.15");
    let mut exported = gizmos.clone();
    exported.as_object_mut().unwrap().remove("$schema");
    let rename =
        json!({"op": "rename", "id": "acme-gizmos", "from": "acme-gadgets", "entry": exported});
    assert!(to_third.contains(&rename), "{to_third:?}");
    apply(&mut held, &to_third);
    assert_eq!(as_companies_json(&held), third);

    // A list reordered: no change the changelog shows, but companies.json changes.
    widgets["industry"] = json!(["Drones", "Surveillance towers"]);
    tree.write_entry(&widgets);
    release(&tree, &repo, "v2026.06.20", out.path());
    widgets["industry"] = json!(["Surveillance towers", "Drones"]);
    tree.write_entry(&widgets);
    let fourth = release(&tree, &repo, "v2026.06.22", out.path());
    apply(&mut held, &delta(&tree, "v2026.06.15..v2026.06.20"));
    let to_fourth = delta(&tree, "v2026.06.20..v2026.06.22");
    assert_eq!(to_fourth.len(), 1, "{to_fourth:?}");
    assert_eq!(
        (&to_fourth[0]["op"], &to_fourth[0]["id"]),
        (&json!("modify"), &json!("acme"))
    );
    apply(&mut held, &to_fourth);
    assert_eq!(as_companies_json(&held), fourth);
}
