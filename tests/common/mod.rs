//! Test helpers: temporary dataset trees with the project's schema.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use icelist::config::Settings;
use icelist::dataset::DatasetFiles;
use icelist::diagnostic::Report;
use icelist::lint::{Selection, lint_dataset};
use icelist::rules::schema::EntrySchema;
use std::path::{Path, PathBuf};

/// "Today" in every fixture run, so verification rules are reproducible.
pub const FIXTURE_TODAY: &str = "2026-06-01";

pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// A valid fictional entry with the given id.
pub fn valid_entry(id: &str) -> String {
    let text =
        std::fs::read_to_string(repo_path("tests/fixtures/schema/valid/acme-schema-ok.json"))
            .unwrap();
    text.replace("\"id\": \"acme-schema-ok\"", &format!("\"id\": \"{id}\""))
}

/// A valid fictional entry with the given id and name, and no aliases.
pub fn named_entry(id: &str, name: &str) -> serde_json::Value {
    let mut value: serde_json::Value = serde_json::from_str(&valid_entry(id)).unwrap();
    value["name"] = serde_json::json!(name);
    value["aliases"] = serde_json::json!([]);
    value
}

/// An entry as a contributor proposes it: unverified (only a maintainer verifies, so a pull
/// request that adds a verified entry is `verification-changed`).
#[allow(dead_code)]
pub fn contributed(id: &str, name: &str) -> serde_json::Value {
    let mut entry = named_entry(id, name);
    entry["verification"] = serde_json::json!({"status": "unverified"});
    entry
}

pub struct Tree {
    pub dir: tempfile::TempDir,
}

impl Tree {
    /// A root with `schema/` copied from the repository and an empty `dataset/`.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("schema")).unwrap();
        std::fs::create_dir_all(dir.path().join("dataset")).unwrap();
        std::fs::copy(
            repo_path("schema/company.schema.json"),
            dir.path().join("schema/company.schema.json"),
        )
        .unwrap();
        Tree { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, relative: &str, text: &str) -> &Self {
        self.write_bytes(relative, text.as_bytes())
    }

    pub fn write_bytes(&self, relative: &str, bytes: &[u8]) -> &Self {
        let path = self.root().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    /// Writes an entry to `dataset/<its id>.json`, pretty-printed.
    pub fn write_entry(&self, value: &serde_json::Value) -> &Self {
        let id = value["id"].as_str().unwrap();
        self.write(
            &format!("dataset/{id}.json"),
            &(serde_json::to_string_pretty(value).unwrap() + "\n"),
        )
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.root().join(relative)).unwrap()
    }

    pub fn settings(&self) -> Settings {
        Settings::load(
            self.root(),
            icelist::config::parse_date(FIXTURE_TODAY).unwrap(),
        )
        .unwrap()
    }

    pub fn lint(&self) -> Report {
        let schema = EntrySchema::load(&self.root().join("schema/company.schema.json")).unwrap();
        let files = DatasetFiles::discover(self.root()).unwrap();
        lint_dataset(&files, &schema, &self.settings(), &Selection::All).unwrap()
    }

    /// `icelist lint --format json ARGS` at this root: (exit code, report, raw output).
    pub fn lint_json(&self, args: &[&str]) -> (i32, serde_json::Value, String) {
        let output = self
            .command()
            .args(["lint", "--format", "json"])
            .args(args)
            .output()
            .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        let report = serde_json::from_str(&stdout).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {stdout} {}",
                String::from_utf8_lossy(&output.stderr)
            )
        });
        assert_valid_output("lint-report", &report);
        (output.status.code().unwrap(), report, stdout)
    }

    /// The `icelist` binary, run at this root with a fixed "today".
    pub fn command(&self) -> assert_cmd::Command {
        let mut cmd = assert_cmd::Command::cargo_bin("icelist").unwrap();
        cmd.current_dir(self.root())
            .env("ICELIST_TODAY", FIXTURE_TODAY)
            .env_remove("NO_COLOR");
        cmd
    }
}

/// Stages everything in the work tree and commits it (fixed author and time).
pub fn commit_all(repo: &git2::Repository, message: &str) {
    commit_all_at(repo, message, 1_700_000_000);
}

/// Stages everything in the work tree and commits it at `seconds` since the epoch.
pub fn commit_all_at(repo: &git2::Repository, message: &str, seconds: i64) {
    let mut index = repo.index().unwrap();
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .unwrap();
    index.update_all(["*"], None).unwrap();
    index.write().unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let signature =
        git2::Signature::new("Test", "test@example.com", &git2::Time::new(seconds, 0)).unwrap();
    let parents: Vec<_> = repo
        .head()
        .ok()
        .and_then(|h| h.peel_to_commit().ok())
        .into_iter()
        .collect();
    let parents: Vec<&git2::Commit> = parents.iter().collect();
    repo.commit(
        Some("HEAD"),
        &signature,
        &signature,
        message,
        &tree,
        &parents,
    )
    .unwrap();
}

/// A git repository holding one committed entry, `acme-widgets` (Acme Widgets).
pub fn committed_tree() -> (Tree, git2::Repository) {
    let tree = Tree::new();
    let repo = git2::Repository::init(tree.root()).unwrap();
    tree.write_entry(&named_entry("acme-widgets", "Acme Widgets"));
    commit_all(&repo, "one entry");
    (tree, repo)
}

/// The JSON Schema of an output (`schema/outputs/<name>.schema.json`).
pub fn output_schema(name: &str) -> serde_json::Value {
    let path = repo_path(&format!("schema/outputs/{name}.schema.json"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Fails with every error when `value` is not valid under the output's schema.
pub fn assert_valid_output(name: &str, value: &serde_json::Value) {
    let validator = jsonschema::validator_for(&output_schema(name)).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:?}\n{value}");
}

/// Whether an external tool a test needs is here; without it the test is skipped, except
/// under `.ci/run` (ICELIST_EXTERNAL_TOOLS=1), which installs every such tool.
pub fn external_tool(found: bool, what: &str) -> bool {
    if !found {
        assert!(
            std::env::var_os("ICELIST_EXTERNAL_TOOLS").is_none(),
            "{what} is missing"
        );
        eprintln!("skipped: {what} is missing");
    }
    found
}
