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
    tree.command()
        .args(["build", "--out", "dist"])
        .output()
        .unwrap()
}

fn json(tree: &Tree, path: &str) -> Value {
    serde_json::from_str(&tree.read(path)).unwrap()
}

#[test]
fn the_declared_licence_reaches_every_output() {
    let tree = tree(Some("data_licence = \"CC-BY-SA-4.0\"\n"));
    let output = tree
        .command()
        .args(["build", "--out", "dist", "--dataset-version", "v2026.12.04"])
        .output()
        .unwrap();
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
    if !found {
        assert!(
            std::env::var_os("ICELIST_EXTERNAL_TOOLS").is_none(),
            "datasette is not on PATH"
        );
        eprintln!("skipped: datasette is not on PATH");
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
