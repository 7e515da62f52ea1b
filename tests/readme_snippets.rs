//! The README's Python and JavaScript snippets for consumers, run as written against a built
//! release (only the download URL is pointed at the build). They need `python3` and `node`;
//! without them the tests skip, except under `.ci/run` (ICELIST_EXTERNAL_TOOLS=1).
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
