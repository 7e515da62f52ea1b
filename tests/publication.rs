//! What every output says about the data: the licence declared once in `icelist.toml`, the
//! attribution, the versions (manifest, SQLite `meta` and `user_version`, Data Package,
//! Datasette's metadata, the site's footer), and Datasette's search box on `companies`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Tree, named_entry, repo_path};
use serde_json::Value;

const LICENCE_URL: &str = "https://creativecommons.org/licenses/by-sa/4.0/";

fn tree(config: Option<&str>) -> Tree {
    let tree = Tree::new();
    tree.write_entry(&named_entry("acme", "Acme Widgets"));
    let mut holdings = named_entry("example-holdings-00042", "Example Holdings 00042");
    holdings["aliases"] = serde_json::json!(["Zyzzyva Fictional Trading"]);
    tree.write_entry(&holdings);
    if let Some(config) = config {
        tree.write("icelist.toml", config);
    }
    tree
}

fn build(tree: &Tree) -> std::process::Output {
    build_with(tree, &[])
}

fn build_with(tree: &Tree, args: &[&str]) -> std::process::Output {
    tree.command()
        .args(["build", "--out", "dist"])
        .args(args)
        .output()
        .unwrap()
}

fn json(tree: &Tree, path: &str) -> Value {
    serde_json::from_str(&tree.read(path)).unwrap()
}

#[test]
fn the_declared_licence_reaches_every_output() {
    let tree = tree(Some("data_licence = \"CC-BY-SA-4.0\"\n"));
    let output = build_with(&tree, &["--dataset-version", "v2026.12.04"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(!String::from_utf8_lossy(&output.stderr).contains("warning"));

    let package = json(&tree, "dist/datapackage.json");
    assert_eq!(package["licenses"][0]["name"], "CC-BY-SA-4.0");
    assert_eq!(package["licenses"][0]["path"], LICENCE_URL);
    assert!(
        package["description"]
            .as_str()
            .unwrap()
            .contains(icelist::publication::ATTRIBUTION)
    );

    let manifest = json(&tree, "dist/manifest.json");
    common::assert_valid_output("manifest", &manifest);
    assert_eq!(manifest["licence"]["id"], "CC-BY-SA-4.0");
    assert_eq!(manifest["licence"]["url"], LICENCE_URL);
    assert_eq!(manifest["attribution"], icelist::publication::ATTRIBUTION);
    assert_eq!(manifest["dataset_version"], "v2026.12.04");
    assert!(
        manifest["files"]
            .as_array()
            .unwrap()
            .contains(&Value::from("metadata.json"))
    );

    let database = rusqlite::Connection::open(tree.root().join("dist/icelist.sqlite")).unwrap();
    let user_version: i64 = database
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(user_version, 1);
    let meta = |key: &str| -> Option<String> {
        database
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(meta("licence").as_deref(), Some("CC-BY-SA-4.0"));
    assert_eq!(meta("licence_url").as_deref(), Some(LICENCE_URL));
    assert_eq!(meta("dataset_version").as_deref(), Some("v2026.12.04"));
    assert_eq!(meta("schema_version").as_deref(), Some("1"));
    assert_eq!(
        meta("attribution").as_deref(),
        Some(icelist::publication::ATTRIBUTION)
    );

    let datasette = json(&tree, "dist/metadata.json");
    assert_eq!(datasette["license"], "CC-BY-SA-4.0");
    assert_eq!(datasette["license_url"], LICENCE_URL);
    let companies = &datasette["databases"]["icelist"]["tables"]["companies"];
    assert_eq!(companies["fts_table"], "companies_fts");
    assert!(companies["columns"]["boycott_status"].is_string());

    for page in ["dist/index.html", "dist/companies/acme.html"] {
        let html = tree.read(page);
        assert!(
            html.contains(&format!("<a href=\"{LICENCE_URL}\" rel=\"license\">")),
            "{page}"
        );
        assert!(
            html.contains("Entries derive from the ICE List wiki"),
            "{page}"
        );
        assert!(html.contains("v2026.12.04"), "{page}");
    }
}

/// No licence declared: the build says so and writes none, never a guessed one.
#[test]
fn a_tree_without_a_licence_builds_with_a_warning_and_claims_none() {
    let tree = tree(None);
    let output = build(&tree);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("warning: no data licence is declared"),
        "{stderr}"
    );

    assert!(
        json(&tree, "dist/datapackage.json")
            .get("licenses")
            .is_none()
    );
    assert_eq!(json(&tree, "dist/manifest.json")["licence"], Value::Null);
    assert!(json(&tree, "dist/metadata.json").get("license").is_none());
    let database = rusqlite::Connection::open(tree.root().join("dist/icelist.sqlite")).unwrap();
    let licence: Option<String> = database
        .query_row("SELECT value FROM meta WHERE key = 'licence'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(licence, None);
    let index = tree.read("dist/index.html");
    assert!(!index.contains("rel=\"license\""));
    assert!(!index.contains("creativecommons"));
}

#[test]
fn an_unknown_licence_is_refused_with_the_known_ones_named() {
    let tree = tree(Some("data_licence = \"CC-BY-SA\"\n"));
    let output = build(&tree);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("\"CC-BY-SA\""), "{stderr}");
    assert!(stderr.contains("CC-BY-SA-4.0"), "{stderr}");
    assert!(!tree.root().join("dist").exists());
}

/// The full-text rows share their company's rowid, which is what Datasette's `fts_pk` joins on.
#[test]
fn a_full_text_match_finds_its_own_company() {
    let tree = tree(None);
    assert_eq!(build(&tree).status.code(), Some(0));
    let database = rusqlite::Connection::open(tree.root().join("dist/icelist.sqlite")).unwrap();
    let found: Vec<String> = database
        .prepare(
            "SELECT id FROM companies WHERE rowid IN \
             (SELECT rowid FROM companies_fts WHERE companies_fts MATCH 'zyzzyva')",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(found, ["example-holdings-00042"]);
}

/// This repository declares its data licence, and says the same in NOTICE and README.
#[test]
fn the_repository_declares_one_licence_everywhere() {
    let config = std::fs::read_to_string(repo_path("icelist.toml")).unwrap();
    assert!(config.contains("data_licence = \"CC-BY-SA-4.0\""));
    let notice = std::fs::read_to_string(repo_path("NOTICE")).unwrap();
    assert!(notice.contains(icelist::publication::ATTRIBUTION));
    assert!(notice.contains("CC-BY-SA-4.0") && notice.contains("MIT OR Apache-2.0"));
    let readme = std::fs::read_to_string(repo_path("README.md")).unwrap();
    assert!(readme.contains("CC-BY-SA-4.0") && readme.contains("MIT OR Apache-2.0"));
    for file in ["LICENSE-MIT", "LICENSE-APACHE"] {
        assert!(repo_path(file).is_file(), "{file}");
    }
}

/// Datasette, given the build's `metadata.json`, offers a search box on `companies` and its
/// search finds a company by an alias. Needs `datasette` on PATH; `.ci/run` installs it and
/// sets ICELIST_EXTERNAL_TOOLS=1, which makes a missing tool a failure.
#[test]
fn datasette_shows_a_search_box_on_companies() {
    let found = std::process::Command::new("datasette")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !common::external_tool(found, "datasette (on PATH)") {
        return;
    }
    let tree = tree(Some("data_licence = \"CC-BY-SA-4.0\"\n"));
    assert_eq!(build(&tree).status.code(), Some(0));
    let get = |path: &str| {
        let output = std::process::Command::new("datasette")
            .current_dir(tree.root().join("dist"))
            .args([
                "icelist.sqlite",
                "--metadata",
                "metadata.json",
                "--get",
                path,
            ])
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let page = get("/icelist/companies");
    assert!(page.contains("name=\"_search\""), "no search box");
    assert!(page.contains("CC-BY-SA-4.0"), "no licence");
    let rows: Value =
        serde_json::from_str(&get("/icelist/companies.json?_search=zyzzyva&_shape=array")).unwrap();
    let ids: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["example-holdings-00042"]);
}

fn feed(tree: &Tree, args: &[&str]) -> String {
    let output = build_with(tree, args);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    tree.read("dist/feed.xml")
}

/// A plain build's feed has one entry, for its dataset version, dated by the version's name
/// (not the clock), with links relative to the feed; a build with no dated version has none.
#[test]
fn the_feed_of_a_plain_build_has_its_version_dated_by_its_name() {
    let tree = tree(Some("data_licence = \"CC-BY-SA-4.0\"\n"));
    let text = feed(&tree, &["--dataset-version", "v2026.12.04"]);
    assert_eq!(text.matches("<entry>").count(), 1, "{text}");
    assert!(
        text.contains("<id>tag:icelist,2026:release/v2026.12.04</id>"),
        "{text}"
    );
    assert!(
        text.contains("<updated>2026-12-04T00:00:00+00:00</updated>"),
        "{text}"
    );
    assert!(
        text.contains("<link href=\"feed.xml\" rel=\"self\""),
        "{text}"
    );
    assert!(text.contains("(CC-BY-SA-4.0)"), "{text}");
    assert_eq!(feed(&tree, &["--dataset-version", "v2026.12.04"]), text);

    let undated = feed(&tree, &["--dataset-version", "nightly"]);
    assert_eq!(undated.matches("<entry>").count(), 0, "{undated}");
}

/// With `site_url`, links are absolute and the tag URIs use its host; a `site_url` that is
/// not an http(s) folder is refused.
#[test]
fn the_feed_links_absolutely_under_the_site_url() {
    let tree = tree(Some("site_url = \"https://example.org/icelist\"\n"));
    let text = feed(&tree, &["--dataset-version", "v2026.12.04"]);
    assert!(
        text.contains("<link href=\"https://example.org/icelist/feed.xml\" rel=\"self\""),
        "{text}"
    );
    assert!(
        text.contains("<id>tag:example.org,2026:release/v2026.12.04</id>"),
        "{text}"
    );
    for bad in [
        "javascript:alert(1)",
        "ftp://example.org/",
        "https://example.org/?q=1",
        "https://user:secret@example.org/icelist/",
    ] {
        tree.write("icelist.toml", &format!("site_url = \"{bad}\"\n"));
        let output = build(&tree);
        assert_eq!(output.status.code(), Some(2), "{bad}: {output:?}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("site_url"));
    }
}

/// A real feed parser (Python's feedparser) reads the feed without complaint. `.ci/run`
/// installs it and sets ICELIST_EXTERNAL_TOOLS=1, which makes a missing parser a failure.
#[test]
fn a_feed_parser_reads_the_feed() {
    let found = std::process::Command::new("python3")
        .args(["-c", "import feedparser"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !common::external_tool(found, "python3's feedparser") {
        return;
    }
    let tree = tree(Some("site_url = \"https://example.org/icelist/\"\n"));
    feed(&tree, &["--dataset-version", "v2026.12.04"]);
    let script = "import feedparser, json, sys\n\
        d = feedparser.parse(sys.argv[1])\n\
        print(json.dumps({'bozo': bool(d.bozo), 'title': d.feed.title, 'entries': \
        [[e.id, e.updated, e.link] for e in d.entries]}))";
    let output = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(tree.root().join("dist/feed.xml"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let parsed: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(parsed["bozo"], false, "{parsed}");
    assert_eq!(
        parsed["entries"],
        serde_json::json!([[
            "tag:example.org,2026:release/v2026.12.04",
            "2026-12-04T00:00:00+00:00",
            "https://example.org/icelist/index.html"
        ]])
    );
}
