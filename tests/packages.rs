//! `icelist package`: the npm and Python packages of a release, tried as their consumers do.
//! npm: `npm pack`, install the tarball into an empty project, `require` and `import` it, and
//! type-check a consumer with `tsc` (from `.ci/packages`). Python: build the wheel (flit_core,
//! without build isolation, so no download), install it into a fresh venv, import it. Without
//! node/npm, tsc, or flit_core the tests skip, except under `.ci/run` (ICELIST_EXTERNAL_TOOLS=1).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Tree, named_entry, repo_path};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs the binary in the tree and expects success.
fn succeed(tree: &Tree, args: &[&str]) -> std::process::Output {
    let output = tree.command().args(args).output().unwrap();
    assert!(output.status.success(), "{args:?}: {output:?}");
    output
}

/// A release of two fictional companies with domains, built as release v2026.12.04, and its
/// packages in `packages/`.
fn packaged() -> Tree {
    let tree = Tree::new();
    tree.write("icelist.toml", "data_licence = \"CC-BY-SA-4.0\"\n");
    let mut widgets = named_entry("acme-widgets", "Acme Widgets");
    widgets["domains"] = json!(["acme.example", "shop.acme-widgets.example"]);
    tree.write_entry(&widgets);
    let mut holdings = named_entry("example-holdings-00042", "Example Holdings 00042");
    holdings["domains"] = json!(["eu.acme.example"]);
    tree.write_entry(&holdings);
    // An old id the packages resolve as `Dataset::get` does.
    tree.write(
        "dataset/redirects.json",
        "{\"acme\": {\"to\": \"acme-widgets\", \"reason\": \"renamed\", \"date\": \"2026-04-02\"}}\n",
    );
    succeed(
        &tree,
        &["build", "--out", "dist", "--dataset-version", "v2026.12.04"],
    );
    let packaged = succeed(&tree, &["package", "--from", "dist", "--out", "packages"]);
    assert_eq!(
        String::from_utf8_lossy(&packaged.stdout),
        "packaged version 2026.12.4 into packages (npm, python)\n"
    );
    tree
}

fn run(program: impl AsRef<std::ffi::OsStr>, args: &[&str], dir: &Path) -> String {
    let output = Command::new(program.as_ref())
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{:?}: {e}", program.as_ref()));
    assert!(
        output.status.success(),
        "{:?} {args:?}\n{output:?}",
        program.as_ref()
    );
    String::from_utf8(output.stdout).unwrap()
}

fn found(program: impl AsRef<std::ffi::OsStr>, probe: &[&str]) -> bool {
    Command::new(program)
        .args(probe)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Hosts and the company each belongs to by the documented domain rule.
const HOSTS: &[(&str, Option<&str>)] = &[
    ("acme.example", Some("acme-widgets")),
    ("WWW.Acme.Example.", Some("acme-widgets")),
    ("eu.acme.example", Some("example-holdings-00042")),
    ("x.eu.acme.example", Some("example-holdings-00042")),
    ("shop.acme-widgets.example", Some("acme-widgets")),
    ("acme-widgets.example", None),
    ("notacme.example", None),
    ("example", None),
    ("", None),
];

#[test]
fn both_packages_carry_the_release_byte_for_byte_with_its_version_and_licence() {
    let tree = packaged();
    let root = tree.root();
    for name in [
        "companies.json",
        "domains.json",
        "redirects.json",
        "manifest.json",
    ] {
        let built = std::fs::read(root.join("dist").join(name)).unwrap();
        assert_eq!(
            std::fs::read(root.join("packages/npm").join(name)).unwrap(),
            built
        );
        assert_eq!(
            std::fs::read(root.join("packages/python/icelist_data/data").join(name)).unwrap(),
            built
        );
    }
    let package: Value = serde_json::from_str(&tree.read("packages/npm/package.json")).unwrap();
    assert_eq!(package["name"], "icelist-data");
    assert_eq!(package["version"], "2026.12.4");
    assert_eq!(package["license"], "CC-BY-SA-4.0 AND (MIT OR Apache-2.0)");
    let pyproject = tree.read("packages/python/pyproject.toml");
    assert!(pyproject.contains("name = \"icelist-data\"\nversion = \"2026.12.4\"\n"));
    assert!(pyproject.contains("license = { text = \"CC-BY-SA-4.0 AND (MIT OR Apache-2.0)\" }"));
    for notice in ["packages/npm/NOTICE", "packages/python/icelist_data/NOTICE"] {
        assert!(
            tree.read(notice)
                .contains("Entries derive from the ICE List wiki's pages."),
            "{notice}"
        );
    }
}

#[test]
fn package_refuses_a_build_without_a_release_version_and_a_folder_with_files() {
    let tree = Tree::new();
    tree.write_entry(&named_entry("acme-widgets", "Acme Widgets"));
    succeed(&tree, &["build", "--out", "dist"]);
    let refused = tree
        .command()
        .args(["package", "--from", "dist", "--out", "packages"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2), "{refused:?}");
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("--dataset-version"),
        "{refused:?}"
    );
    assert!(!tree.root().join("packages").exists());

    let tree = packaged();
    // A second run into the same folder: refused, and the first packages are intact.
    let before = tree.read("packages/npm/package.json");
    let again = tree
        .command()
        .args(["package", "--from", "dist", "--out", "packages"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2), "{again:?}");
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
    assert_eq!(tree.read("packages/npm/package.json"), before);
    // Nothing of the refused run is left beside it.
    let leftovers: Vec<_> = std::fs::read_dir(tree.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".icelist-package-")
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_tree_without_a_licence_gives_packages_without_one() {
    let tree = Tree::new();
    tree.write_entry(&named_entry("acme-widgets", "Acme Widgets"));
    succeed(
        &tree,
        &["build", "--out", "dist", "--dataset-version", "v2026.12.04"],
    );
    let packaged = succeed(&tree, &["package", "--out", "packages"]);
    assert!(String::from_utf8_lossy(&packaged.stderr).contains("no data licence is declared"));
    let package: Value = serde_json::from_str(&tree.read("packages/npm/package.json")).unwrap();
    assert!(package.get("license").is_none(), "{package}");
    assert!(
        !tree
            .read("packages/python/pyproject.toml")
            .contains("license")
    );
}

#[test]
fn the_npm_package_installs_requires_imports_and_type_checks() {
    let npm_found = found("npm", &["--version"]) && found("node", &["--version"]);
    if !common::external_tool(npm_found, "node and npm") {
        return;
    }
    let tsc = repo_path(".ci/packages/node_modules/.bin/tsc");
    if !common::external_tool(tsc.exists(), "tsc (cd .ci/packages && npm install)") {
        return;
    }
    let tree = packaged();
    let work = tempfile::tempdir().unwrap();
    let packed = run(
        "npm",
        &[
            "pack",
            "--silent",
            "--pack-destination",
            work.path().to_str().unwrap(),
        ],
        &tree.root().join("packages/npm"),
    );
    assert_eq!(packed.trim(), "icelist-data-2026.12.4.tgz");
    let project = work.path().join("consumer");
    std::fs::create_dir(&project).unwrap();
    std::fs::write(
        project.join("package.json"),
        r#"{"name": "consumer", "private": true}"#,
    )
    .unwrap();
    run(
        "npm",
        &[
            "install",
            "--offline",
            "--no-audit",
            "--no-fund",
            "--silent",
            "../icelist-data-2026.12.4.tgz",
        ],
        &project,
    );
    let hosts = serde_json::to_string(&HOSTS.iter().map(|(h, _)| h).collect::<Vec<_>>()).unwrap();
    let expected: Value = HOSTS.iter().map(|(_, id)| json!(id)).collect();
    let required = run(
        "node",
        &[
            "-e",
            &format!(
                "const d = require('icelist-data');\
                 console.log(JSON.stringify({{version: d.datasetVersion, ids: d.companies.map(c => c.id),\
                 name: d.getCompany('acme-widgets').name, licence: d.manifest.licence.id,\
                 old: d.getCompany('acme').id, proto: d.getCompany('__proto__') === undefined,\
                 hosts: {hosts}.map(d.matchDomain)}}));"
            ),
        ],
        &project,
    );
    assert_eq!(
        serde_json::from_str::<Value>(&required).unwrap(),
        json!({
            "version": "v2026.12.04",
            "ids": ["acme-widgets", "example-holdings-00042"],
            "name": "Acme Widgets",
            "licence": "CC-BY-SA-4.0",
            "old": "acme-widgets",
            "proto": true,
            "hosts": expected,
        })
    );
    let imported = run(
        "node",
        &[
            "--input-type=module",
            "-e",
            "import { matchDomain, companies } from 'icelist-data';\
             import data from 'icelist-data/companies.json' with { type: 'json' };\
             console.log(JSON.stringify([matchDomain('www.acme.example'), companies.length, data.length]));",
        ],
        &project,
    );
    assert_eq!(
        serde_json::from_str::<Value>(&imported).unwrap(),
        json!(["acme-widgets", 2, 2])
    );
    // The types are the schema's: a consumer that uses them checks, one that misuses them does
    // not.
    std::fs::write(
        project.join("consumer.ts"),
        r#"import { companies, matchDomain, getCompany, manifest, Entry, Source } from "icelist-data";
const first: Entry | undefined = companies[0];
const status: "listed" | "under-review" | "delisted" | undefined = first?.boycott.status;
const sources: Source[] = first ? first.sources : [];
const kind: string | undefined = sources[0]?.type;
const parent: string | null | undefined = first?.parent_company;
const id: string | null = matchDomain("www.acme.example");
const schemaVersion: number | null = manifest.schema_version;
console.log(status, kind, parent, id, getCompany("acme-widgets")?.name, schemaVersion);
"#,
    )
    .unwrap();
    let tsc_args = [
        "--strict",
        "--noEmit",
        "--module",
        "nodenext",
        "--moduleResolution",
        "nodenext",
        "--target",
        "es2022",
    ];
    let check = |file: &str| {
        Command::new(&tsc)
            .args(tsc_args)
            .arg(file)
            .current_dir(&project)
            .output()
            .unwrap()
    };
    let good = check("consumer.ts");
    assert!(good.status.success(), "{good:?}");
    std::fs::write(
        project.join("misuse.ts"),
        "import { companies } from \"icelist-data\";\n\
         const status: \"active\" = companies[0].boycott.status;\n\
         const missing: string = companies[0].no_such_field;\n",
    )
    .unwrap();
    let bad = check("misuse.ts");
    assert!(!bad.status.success(), "{bad:?}");
    let errors = String::from_utf8_lossy(&bad.stdout);
    assert!(errors.contains("misuse.ts(2,"), "{errors}");
    assert!(errors.contains("misuse.ts(3,"), "{errors}");
}

#[test]
fn the_python_wheel_installs_into_a_fresh_venv_and_imports() {
    let flit = found("python3", &["-c", "import flit_core"]);
    if !common::external_tool(flit, "python3 with flit_core (pip install flit_core)") {
        return;
    }
    let tree = packaged();
    let work = tempfile::tempdir().unwrap();
    let wheels = work.path().join("wheels");
    run(
        "python3",
        &[
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-build-isolation",
            "--no-deps",
            "--wheel-dir",
            wheels.to_str().unwrap(),
            tree.root().join("packages/python").to_str().unwrap(),
        ],
        work.path(),
    );
    let wheel: PathBuf = wheels.join("icelist_data-2026.12.4-py3-none-any.whl");
    assert!(
        wheel.exists(),
        "{:?}",
        std::fs::read_dir(&wheels).unwrap().collect::<Vec<_>>()
    );
    run("python3", &["-m", "venv", "venv"], work.path());
    let python = work.path().join("venv/bin/python");
    run(
        &python,
        &[
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-index",
            wheel.to_str().unwrap(),
        ],
        work.path(),
    );
    let hosts = serde_json::to_string(&HOSTS.iter().map(|(h, _)| h).collect::<Vec<_>>()).unwrap();
    let expected: Value = HOSTS.iter().map(|(_, id)| json!(id)).collect();
    // Run from an empty folder: the import must come from the venv, not a source tree.
    let code = format!(
        "import json, icelist_data as d\n\
         from icelist_data.types import Entry, Source\n\
         print(json.dumps({{'version': d.__version__, 'dataset': d.DATASET_VERSION,\n\
           'ids': [c['id'] for c in d.companies()], 'name': d.get_company('acme-widgets')['name'],\n\
           'missing': d.get_company('nope'), 'licence': d.manifest()['licence']['id'],\n\
           'old': d.get_company('acme')['id'],\n\
           'hosts': [d.match_domain(h) for h in {hosts}],\n\
           'required': sorted(Entry.__required_keys__), 'source_optional': sorted(Source.__optional_keys__),\n\
           'file': d.__file__.startswith({venv:?})}}))\n",
        venv = work.path().join("venv").display().to_string(),
    );
    let empty = tempfile::tempdir().unwrap();
    let printed = run(&python, &["-c", &code], empty.path());
    assert_eq!(
        serde_json::from_str::<Value>(&printed).unwrap(),
        json!({
            "version": "2026.12.4",
            "dataset": "v2026.12.04",
            "ids": ["acme-widgets", "example-holdings-00042"],
            "name": "Acme Widgets",
            "missing": null,
            "licence": "CC-BY-SA-4.0",
            "old": "acme-widgets",
            "hosts": expected,
            "required": ["boycott", "id", "industry", "name", "sections", "sources", "verification"],
            "source_optional": ["archive_url", "date", "note", "quotes", "type", "url"],
            "file": true,
        })
    );
}
