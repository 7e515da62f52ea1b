//! The workflows' own logic, run locally: `.github/scripts/*.sh` on sample event payloads
//! (`tests/data/events/`), with the real `icelist` binary standing for the one the workflow
//! builds. GitHub itself cannot run here.
#![allow(clippy::unwrap_used, clippy::expect_used)]
#![cfg(unix)]

mod common;

use common::{Tree, named_entry, repo_path};

/// A repository with a base commit (on `main`) and a pull request commit on top.
fn pull_request(change: impl FnOnce(&Tree)) -> (Tree, String) {
    let tree = Tree::new();
    let repo = git2::Repository::init(tree.root()).unwrap();
    tree.write_entry(&named_entry("acme-widgets", "Acme Widgets"));
    common::commit_all(&repo, "base");
    let base = repo
        .head()
        .unwrap()
        .peel_to_commit()
        .unwrap()
        .id()
        .to_string();
    change(&tree);
    common::commit_all(&repo, "the pull request");
    (tree, base)
}

/// Runs the dataset review script as the workflow does: in the pull request's checkout.
fn review(tree: &Tree, base: &str, event: &str) -> (i32, String, String) {
    let payload = std::fs::read_to_string(repo_path(&format!("tests/data/events/{event}")))
        .unwrap()
        .replace("BASE_SHA", base);
    let dir = tempfile::tempdir().unwrap();
    let event_path = dir.path().join("event.json");
    std::fs::write(&event_path, payload).unwrap();
    let summary = dir.path().join("summary.md");
    let icelist = assert_cmd::cargo::cargo_bin("icelist");
    let output = std::process::Command::new("bash")
        .arg(repo_path(".github/scripts/dataset-review.sh"))
        .current_dir(tree.root())
        .env("GITHUB_EVENT_PATH", &event_path)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("ICELIST_BASE", &icelist)
        .env("ICELIST_HEAD", &icelist)
        .env("ICELIST_TODAY", common::FIXTURE_TODAY)
        .output()
        .unwrap();
    let summary = std::fs::read_to_string(&summary).unwrap_or_default();
    (
        output.status.code().unwrap(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        summary,
    )
}

#[test]
fn a_new_entry_passes_the_review_and_is_summarised() {
    let (tree, base) = pull_request(|tree| {
        tree.write_entry(&named_entry("acme-gadgets", "Acme Gadgets"));
    });
    let (code, out, summary) = review(&tree, &base, "pull-request-opened.json");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("base revision's tool"), "{out}");
    assert!(summary.contains("acme-gadgets"), "{summary}");
}

#[test]
fn a_policy_change_fails_until_a_maintainer_approves_it() {
    let (tree, base) = pull_request(|tree| {
        tree.write("icelist.toml", "[rules]\nschema = \"off\"\n");
        let mut entry = named_entry("acme-gadgets", "Acme Gadgets");
        entry["country"] = serde_json::json!("XX");
        tree.write_entry(&entry);
    });
    let (code, out, _) = review(&tree, &base, "pull-request-opened.json");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("::error file=icelist.toml"), "{out}");
    assert!(out.contains("title=policy-changed"), "{out}");
    assert!(
        out.contains("title=schema"),
        "the base's rules apply: {out}"
    );

    let (code, out, _) = review(&tree, &base, "pull-request-labeled-policy-approved.json");
    assert!(out.contains("policy-approved is set"), "{out}");
    assert!(!out.contains("policy-changed"), "{out}");
    assert_eq!(
        code, 0,
        "with its own configuration the schema rule is off: {out}"
    );
}

#[test]
fn untrusted_entry_text_cannot_issue_workflow_commands() {
    let (tree, base) = pull_request(|tree| {
        let mut entry = named_entry("acme-gadgets", "Acme Gadgets");
        entry["headquarters"] = serde_json::json!("Springfield\n::add-mask::x\n::error::forged");
        tree.write_entry(&entry);
    });
    let (_, out, _) = review(&tree, &base, "pull-request-opened.json");
    let mut stopped = false;
    for line in out.lines() {
        if line.starts_with("::stop-commands::") {
            stopped = true;
        }
        if !stopped && line.starts_with("::") {
            assert!(
                line.starts_with("::error ") || line.starts_with("::warning "),
                "a forged workflow command: {line}"
            );
            assert!(!line.contains("forged") || line.contains("%0A"), "{line}");
        }
    }
}
