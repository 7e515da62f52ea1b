//! The README's Rust, Python and JavaScript snippets for consumers, run as written against a
//! built release (only the download URL is pointed at the build). The Rust snippet is built
//! as a consumer crate with the README's dependency lines (the version pointed at this
//! checkout). The others need `python3` and `node`; without them the tests skip, except under
//! `.ci/run` (ICELIST_EXTERNAL_TOOLS=1).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Tree, named_entry, repo_path};
use serde_json::{Value, json};

/// The code block that follows `label` in the README.
fn snippet(label: &str, language: &str) -> String {
    let readme = std::fs::read_to_string(repo_path("README.md")).unwrap();
    let after = readme
        .split(&format!("\n{label}"))
        .nth(1)
        .unwrap_or_else(|| panic!("the README has no {label:?}"));
    let fence = format!("```{language}\n");
    let code = after.split(&fence).nth(1).unwrap();
    code.split("\n```").next().unwrap().to_owned()
}

fn tool(program: &str, probe: &[&str]) -> bool {
    let found = std::process::Command::new(program)
        .args(probe)
        .output()
        .is_ok_and(|o| o.status.success());
    common::external_tool(found, program)
}

/// A release of two fictional companies, one listed and one delisted, with domains.
fn release() -> Tree {
    let tree = Tree::new();
    let mut widgets = named_entry("acme-widgets", "Acme Widgets");
    widgets["domains"] = json!(["acme.example", "shop.acme-widgets.example"]);
    tree.write_entry(&widgets);
    let mut holdings = named_entry("example-holdings-00042", "Example Holdings 00042");
    holdings["boycott"] = json!({"status": "delisted", "agencies": ["CBP"], "reason": "The fictional contract ended.[1]"});
    holdings["domains"] = json!(["eu.acme.example"]);
    tree.write_entry(&holdings);
    let output = tree
        .command()
        .args(["build", "--out", "dist"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    tree
}

fn run(program: &str, args: &[&str], code: &str) -> Value {
    let output = std::process::Command::new(program)
        .args(args)
        .arg(code)
        .output()
        .unwrap();
    assert!(output.status.success(), "{code}\n{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn the_python_snippet_reads_a_release() {
    if !tool("python3", &["--version"]) {
        return;
    }
    let tree = release();
    let code = snippet("Python:", "python");
    let url = "https://github.com/<owner>/icelist/releases/latest/download/companies.json";
    assert!(code.contains(url), "{code}");
    let local = format!(
        "file://{}",
        tree.root().join("dist/companies.json").display()
    );
    let code = code.replace(url, &local) + "\nprint(json.dumps(listed))\n";
    assert_eq!(run("python3", &["-c"], &code), json!(["Acme Widgets"]));
}

#[test]
fn the_javascript_snippet_matches_hosts_by_the_domain_rule() {
    if !tool("node", &["--version"]) {
        return;
    }
    let tree = release();
    let code = snippet("JavaScript (a browser extension", "js");
    let domains = tree.read("dist/domains.json");
    // The extension's own APIs, as a browser gives them: the packaged domains.json.
    let code = format!(
        "globalThis.chrome = {{ runtime: {{ getURL: (path) => path }} }};\n\
         globalThis.fetch = async (path) => ({{ json: async () => ({domains}) }});\n\
         {code}\n\
         console.log(JSON.stringify([\"acme.example\", \"www.acme.example\", \"eu.acme.example\", \
         \"x.eu.acme.example\", \"shop.acme-widgets.example\", \"acme-widgets.example\", \
         \"notacme.example\", \"example\"].map(companyOf)));"
    );
    assert_eq!(
        run("node", &["--input-type=module", "-e"], &code),
        json!([
            "acme-widgets",
            "acme-widgets",
            "example-holdings-00042",
            "example-holdings-00042",
            "acme-widgets",
            null,
            null,
            null
        ])
    );
}

/// A consumer crate with the README's `Cargo.toml` lines (the `icelist` line pointed at this
/// checkout, its features as written) and the README's Rust snippet as its `main`, run in a
/// built release's folder.
#[test]
fn the_rust_snippet_builds_with_the_readmes_dependency_lines_and_reads_a_release() {
    let tree = release();
    let manifest = snippet("`Cargo.toml`:", "toml");
    let icelist_line = manifest
        .lines()
        .find(|line| line.starts_with("icelist = "))
        .unwrap();
    assert!(
        icelist_line.contains("default-features = false"),
        "{icelist_line}"
    );
    let version = env!("CARGO_PKG_VERSION");
    let stated = icelist_line
        .split("version = \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap();
    assert!(
        version.starts_with(&format!("{stated}.")) || version == stated,
        "the README asks for icelist {stated}, the crate is {version}"
    );
    let root = repo_path("");
    let manifest = manifest.replace(
        icelist_line,
        &icelist_line.replace(
            &format!("version = \"{stated}\""),
            &format!("path = {:?}", root.display().to_string()),
        ),
    );
    // Kept between runs (a cold build takes seconds, a warm one nothing); the test writes it
    // whole each time.
    let crate_dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("readme-consumer");
    std::fs::create_dir_all(crate_dir.join("src")).unwrap();
    std::fs::write(
        crate_dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"readme-consumer\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\
             publish = false\n\n{manifest}\n\n[workspace]\n"
        ),
    )
    .unwrap();
    // The versions of this checkout's lock file, so the build needs no registry.
    std::fs::copy(root.join("Cargo.lock"), crate_dir.join("Cargo.lock")).unwrap();
    let code = snippet("`Cargo.toml`:", "rust");
    std::fs::write(
        crate_dir.join("src/main.rs"),
        format!("fn main() -> Result<(), Box<dyn std::error::Error>> {{\n{code}\nOk(())\n}}\n"),
    )
    .unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = std::process::Command::new(cargo)
        .args(["run", "--quiet", "--offline", "--manifest-path"])
        .arg(crate_dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", crate_dir.join("target"))
        .current_dir(tree.root().join("dist"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "Acme Widgets: listed\nExample Holdings 00042: delisted\n"
    );
    // What it compiled: the light library, not the tool.
    let tree_output =
        std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
            .args([
                "tree",
                "--offline",
                "-e",
                "normal",
                "--prefix",
                "none",
                "-p",
                "icelist",
                "--manifest-path",
            ])
            .arg(crate_dir.join("Cargo.toml"))
            .output()
            .unwrap();
    assert!(tree_output.status.success(), "{tree_output:?}");
    let crates: std::collections::BTreeSet<&str> = std::str::from_utf8(&tree_output.stdout)
        .unwrap()
        .lines()
        .filter_map(|line| line.split(' ').next())
        .filter(|name| *name != "icelist")
        .collect();
    assert!(crates.len() <= 15, "{crates:?}");
    for heavy in [
        "git2",
        "rusqlite",
        "jsonschema",
        "clap",
        "ureq",
        "time",
        "rayon",
    ] {
        assert!(!crates.contains(heavy), "{heavy} in {crates:?}");
    }
}
