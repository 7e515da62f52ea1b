//! `icelist diff` and `lint --changed-since` on temporary git repositories built by the test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Tree, commit_all, named_entry, valid_entry};
use serde_json::{Value, json};

/// A repository with three entries committed, then a working-tree change that edits one
/// (status change, a source added first, so numbering shifts), deletes one and adds one.
fn repository_with_a_change() -> (Tree, git2::Repository) {
    let tree = Tree::new();
    let repo = git2::Repository::init(tree.root()).unwrap();
    tree.write_entry(&named_entry("acme-widgets", "Acme Widgets"));
    tree.write_entry(&named_entry("acme-gadgets", "Acme Gadgets"));
    tree.write_entry(&named_entry(
        "example-holdings-00042",
        "Example Holdings 00042",
    ));
    commit_all(&repo, "three entries");

    let mut edited = named_entry("acme-widgets", "Acme Widgets");
    edited["verification"] = json!({ "status": "partially-verified", "date": "2026-05-01", "notes": "The CBP contract is confirmed by [3]; the rest is not yet." });
    edited["boycott"]["agencies"] = json!(["CBP", "ICE"]);
    let sources = edited["sources"].as_array_mut().unwrap();
    for s in sources.iter_mut() {
        s["id"] = json!(s["id"].as_u64().unwrap() + 1);
    }
    sources.insert(0, json!({ "id": 1, "title": "Acme Widgets hires drone pilots", "publisher": "Example Times", "type": "news", "url": "https://times.example.com/acme-pilots" }));
    edited["sections"]["overview"] = json!(
        "Acme Widgets is a fictional drone maker that hires pilots.[1][2] It sells drones to CBP.[3]"
    );
    edited["sections"]["boycott"] =
        json!("Acme Widgets is listed for a fictional CBP drone contract.[3][4]");
    edited["sections"]["background"] =
        json!("This entry is a test fixture about a company that does not exist.[2]");
    tree.write_entry(&edited);
    std::fs::remove_file(tree.root().join("dataset/acme-gadgets.json")).unwrap();
    tree.write_entry(&named_entry(
        "example-holdings-00043",
        "Example Holdings 00043",
    ));
    (tree, repo)
}

#[test]
fn diff_shows_what_the_change_means_in_three_formats() {
    let (tree, _repo) = repository_with_a_change();
    let run = |format: &str| {
        let output = tree
            .command()
            .args(["diff", "--format", format])
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    let json = run("json");
    insta::assert_snapshot!("diff_json", json);
    let report: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["version"], 1);
    let entries = report["entries"].as_array().unwrap();
    let kinds: Vec<(&str, &str)> = entries
        .iter()
        .map(|e| (e["id"].as_str().unwrap(), e["change"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("acme-gadgets", "removed"),
            ("acme-widgets", "modified"),
            ("example-holdings-00043", "added")
        ]
    );
    let edited = &entries[1];
    assert_eq!(edited["file"], "dataset/acme-widgets.json");
    let changes = edited["changes"].as_array().unwrap();
    let renumbered = changes
        .iter()
        .filter(|c| c["path"].as_str().unwrap().ends_with("/id"))
        .count();
    assert_eq!(
        renumbered, 3,
        "three sources renumbered, not removed and re-added: {changes:#?}"
    );
    assert!(changes.iter().any(|c| c["path"] == "/verification/status"
        && c["old"] == "verified"
        && c["new"] == "partially-verified"));
    assert!(
        changes
            .iter()
            .any(|c| c["path"] == "/sources/0" && c["kind"] == "added")
    );
    assert!(
        changes
            .iter()
            .any(|c| c["path"] == "/boycott/agencies" && c["kind"] == "added" && c["new"] == "ICE")
    );
    assert!(
        !changes.iter().any(|c| c["kind"] == "removed"),
        "nothing was removed from the edited entry"
    );

    insta::assert_snapshot!("diff_text", run("text"));
    insta::assert_snapshot!("diff_markdown", run("markdown"));
}

#[test]
fn diff_between_two_commits_and_ranges() {
    let (tree, repo) = repository_with_a_change();
    commit_all(&repo, "the change");
    for args in [vec!["diff", "HEAD~1", "HEAD"], vec!["diff", "HEAD~1..HEAD"]] {
        let output = tree
            .command()
            .args(&args)
            .args(["--format", "json"])
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(report["entries"].as_array().unwrap().len(), 3, "{args:?}");
    }
    let output = tree.command().args(["diff", "HEAD"]).output().unwrap();
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("0 entries changed"));
}

#[test]
fn diff_reports_an_entry_that_does_not_parse() {
    let (tree, _repo) = repository_with_a_change();
    tree.write("dataset/example-holdings-00042.json", "{ \"id\": ");
    let output = tree
        .command()
        .args(["diff", "--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let broken = report["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "example-holdings-00042")
        .unwrap();
    assert!(
        broken["errors"][0]
            .as_str()
            .unwrap()
            .contains("new version of dataset/example-holdings-00042.json: does not parse")
    );
}

#[test]
fn changed_since_lints_only_the_touched_files_and_flags_the_deletion() {
    let (tree, repo) = repository_with_a_change();
    // A broken entry that is not part of the change must not be reported.
    tree.write(
        "dataset/example-holdings-00042.json",
        &valid_entry("example-holdings-00042").replace("\"US\"", "\"XX\""),
    );
    commit_all(&repo, "an old problem");
    tree.write_entry(&named_entry(
        "example-holdings-00044",
        "Example Holdings 00044",
    ));
    std::fs::remove_file(tree.root().join("dataset/acme-widgets.json")).unwrap();
    let output = tree
        .command()
        .args(["lint", "--changed-since", "HEAD", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert!(
        diagnostics
            .iter()
            .any(|d| d["code"] == "entry-removed" && d["file"] == "dataset/acme-widgets.json")
    );
    assert!(
        !diagnostics
            .iter()
            .any(|d| d["file"] == "dataset/example-holdings-00042.json"),
        "{diagnostics:#?}"
    );
    assert_eq!(report["summary"]["files"], 1);
}

#[test]
fn changed_since_flags_an_id_change_and_a_duplicate_against_the_whole_dataset() {
    let (tree, repo) = repository_with_a_change();
    commit_all(&repo, "the change");
    let moved = named_entry("acme-widgets-inc", "Acme Widgets");
    std::fs::remove_file(tree.root().join("dataset/acme-widgets.json")).unwrap();
    tree.write_entry(&moved);
    tree.write_entry(&named_entry("acme-copy", "ACME  widgets"));
    // A duplicate of an entry the change does not touch: found through the base's identities.
    tree.write_entry(&named_entry("example-copy", "EXAMPLE holdings-00042"));
    for run in 0..2 {
        let output = tree
            .command()
            .args(["lint", "--changed-since", "HEAD", "--format", "json"])
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&output.stdout).unwrap();
        let codes: Vec<(&str, &str)> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["code"].as_str().unwrap(), d["file"].as_str().unwrap()))
            .collect();
        assert!(
            codes.contains(&("entry-duplicate", "dataset/acme-copy.json")),
            "run {run}: {codes:?}"
        );
        assert!(
            codes.contains(&("entry-duplicate", "dataset/example-copy.json")),
            "run {run}: {codes:?}"
        );
        assert!(
            !codes
                .iter()
                .any(|c| c.1 == "dataset/example-holdings-00042.json"),
            "unchanged entries are not reported: {codes:?}"
        );
        assert!(
            codes
                .iter()
                .any(|c| c.0 == "id-changed" || c.0 == "entry-removed"),
            "{codes:?}"
        );
        let human = tree
            .command()
            .args(["lint", "--changed-since", "HEAD"])
            .output()
            .unwrap();
        assert!(
            String::from_utf8_lossy(&human.stdout).contains("dataset/example-holdings-00042.json"),
            "the other file is named"
        );
    }
    let cached = std::fs::read_dir(tree.root().join(".git/icelist"))
        .unwrap()
        .count();
    assert_eq!(
        cached, 1,
        "the base's identities are computed once and cached"
    );
}

#[test]
fn clear_errors_for_what_ci_meets() {
    let tree = Tree::new();
    let output = tree
        .command()
        .args(["lint", "--changed-since", "main"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not inside a git repository"));

    let (tree, repo) = repository_with_a_change();
    // No remote: nothing to fetch from, and the message does not pretend otherwise.
    let output = tree
        .command()
        .args(["lint", "--changed-since", "origin/main"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no branch, tag or commit"), "{stderr}");
    assert!(!stderr.contains("git fetch"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.starts_with("icelist: error: "), "{stderr}");

    // With the remote, the hint names that remote and branch, not a fixed `origin/master`.
    repo.remote("upstream", "https://example.invalid/icelist.git")
        .unwrap();
    let output = tree
        .command()
        .args(["lint", "--changed-since", "upstream/trunk"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("`git fetch upstream trunk`"), "{stderr}");
    assert!(!stderr.contains("shallow"), "{stderr}");
}

#[test]
fn an_empty_repository_says_it_has_no_commits() {
    let tree = Tree::new();
    git2::Repository::init(tree.root()).unwrap();
    for args in [&["lint", "--changed-since", "main"][..], &["diff"][..]] {
        let output = tree.command().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("no commits yet"), "{args:?}: {stderr}");
        assert!(!stderr.contains("fetch"), "{args:?}: {stderr}");
    }
}

/// GIT_DIR (with GIT_WORK_TREE) names the repository, as for git itself.
#[test]
fn git_dir_from_the_environment_is_honoured() {
    let (tree, _repo) = repository_with_a_change();
    let elsewhere = tempfile::tempdir().unwrap();
    let git_dir = elsewhere.path().join("moved.git");
    std::fs::rename(tree.root().join(".git"), &git_dir).unwrap();
    let output = tree.command().args(["diff", "HEAD"]).output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(2),
        "without GIT_DIR there is no repository"
    );
    let output = tree
        .command()
        .env("GIT_DIR", &git_dir)
        .env("GIT_WORK_TREE", tree.root())
        .args(["diff", "HEAD", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(!json["entries"].as_array().unwrap().is_empty());
}

/// The working tree as `git status` sees it, without libgit2's workdir walk: staged and
/// unstaged edits, deletions, untracked and ignored files, a touched but unchanged file, a
/// same-size edit whose stat data matches the index (racily clean), and a plain `mv`.
#[test]
fn working_tree_changes_are_found_from_the_index_stat_data() {
    use icelist::git::{ChangeStatus, DatasetRepo, Side};
    let tree = Tree::new();
    let repo = git2::Repository::init(tree.root()).unwrap();
    for id in ["racy", "staged", "deleted", "touched", "moved"] {
        tree.write_entry(&named_entry(id, &format!("Acme {id}")));
    }
    tree.write(".gitignore", "dataset/ignored-*.json\n");
    commit_all(&repo, "five entries");
    let head = repo.head().unwrap().peel_to_commit().unwrap().id();

    // A same-size edit with the stat data the index recorded: only the racy rule sees it.
    let racy_path = tree.root().join("dataset/racy.json");
    let entry = repo
        .index()
        .unwrap()
        .get_path(std::path::Path::new("dataset/racy.json"), 0)
        .unwrap();
    let text = std::fs::read_to_string(&racy_path).unwrap();
    std::fs::write(&racy_path, text.replace("Acme racy", "Acme RACY")).unwrap();
    let recorded = std::time::UNIX_EPOCH
        + std::time::Duration::new(entry.mtime.seconds() as u64, entry.mtime.nanoseconds());
    let open = |p: &std::path::Path| std::fs::File::options().write(true).open(p).unwrap();
    open(&racy_path).set_modified(recorded).unwrap();
    // The index was written in the same second as the file: racily clean.
    open(&tree.root().join(".git/index"))
        .set_modified(recorded)
        .unwrap();

    // Staged, then the working file left as staged.
    tree.write_entry(&named_entry("staged", "Acme staged and changed"));
    let mut index = repo.index().unwrap();
    index
        .add_path(std::path::Path::new("dataset/staged.json"))
        .unwrap();
    index.write().unwrap();
    open(&tree.root().join(".git/index"))
        .set_modified(recorded)
        .unwrap();

    std::fs::remove_file(tree.root().join("dataset/deleted.json")).unwrap();
    let touched = tree.root().join("dataset/touched.json");
    open(&touched)
        .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(7200))
        .unwrap();
    std::fs::rename(
        tree.root().join("dataset/moved.json"),
        tree.root().join("dataset/moved-on.json"),
    )
    .unwrap();
    tree.write_entry(&named_entry("untracked", "Acme untracked"));
    tree.write_entry(&named_entry("ignored-draft", "Acme ignored"));

    let dataset = DatasetRepo::open(tree.root()).unwrap();
    // Entries written from one template look alike: as in every caller, only renames between
    // entries that share a name or identifier stay renames.
    let changes = icelist::review::renames::split_unrelated_renames(
        &dataset,
        dataset.changed_files(head, Side::WorkingTree).unwrap(),
        Side::WorkingTree,
        1 << 20,
    );
    let mut seen: Vec<(ChangeStatus, Option<String>, Option<String>)> = changes
        .into_iter()
        .map(|c| (c.status, c.old_file, c.new_file))
        .collect();
    seen.sort_by(|a, b| (&a.1, &a.2).cmp(&(&b.1, &b.2)));
    let file = |name: &str| Some(format!("dataset/{name}.json"));
    assert_eq!(
        seen,
        vec![
            (ChangeStatus::Added, None, file("untracked")),
            (ChangeStatus::Removed, file("deleted"), None),
            (ChangeStatus::Renamed, file("moved"), file("moved-on")),
            (ChangeStatus::Modified, file("racy"), file("racy")),
            (ChangeStatus::Modified, file("staged"), file("staged")),
        ]
    );
}

/// The dataset root can be a folder inside the repository: paths from the index and the
/// working tree are read relative to it, and reports name files relative to the root.
#[test]
fn changed_since_works_when_the_root_is_a_subfolder_of_the_repository() {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("data");
    std::fs::create_dir_all(root.join("schema")).unwrap();
    std::fs::create_dir_all(root.join("dataset")).unwrap();
    std::fs::copy(
        common::repo_path("schema/company.schema.json"),
        root.join("schema/company.schema.json"),
    )
    .unwrap();
    let write = |id: &str, value: &Value| {
        std::fs::write(
            root.join(format!("dataset/{id}.json")),
            serde_json::to_string_pretty(value).unwrap() + "\n",
        )
        .unwrap();
    };
    write("acme-widgets", &named_entry("acme-widgets", "Acme Widgets"));
    write("acme-gadgets", &named_entry("acme-gadgets", "Acme Gadgets"));
    let repo = git2::Repository::init(outer.path()).unwrap();
    commit_all(&repo, "two entries under data/");

    let mut broken = named_entry("acme-widgets", "Acme Widgets");
    broken["country"] = json!("XX");
    write("acme-widgets", &broken);
    write(
        "acme-sprockets",
        &common::contributed("acme-sprockets", "Acme Sprockets"),
    );
    let output = assert_cmd::Command::cargo_bin("icelist")
        .unwrap()
        .current_dir(outer.path())
        .env("ICELIST_TODAY", common::FIXTURE_TODAY)
        .args([
            "lint",
            "--root",
            "data",
            "--changed-since",
            "HEAD",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1), "{report:#}");
    assert_eq!(report["summary"]["files"], 2, "{report:#}");
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert!(
        diagnostics
            .iter()
            .all(|d| d["file"] == "dataset/acme-widgets.json")
    );
    assert!(diagnostics.iter().any(|d| d["code"] == "schema"));
}

/// In a shallow clone the hint says so and names the remote the clone has.
#[test]
fn a_shallow_clone_gets_a_true_hint() {
    let (tree, _repo) = repository_with_a_change();
    let source = tree.root().to_owned();
    let outer = tempfile::tempdir().unwrap();
    let clone = outer.path().join("shallow");
    let status = std::process::Command::new("git")
        .args(["clone", "--quiet", "--depth", "1"])
        .arg(format!("file://{}", source.display()))
        .arg(&clone)
        .status();
    let Ok(status) = status else {
        eprintln!("skipped: no git command");
        return;
    };
    assert!(status.success());
    let output = tree
        .command()
        .current_dir(&clone)
        .args(["lint", "--changed-since", "HEAD~1"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("shallow clone"), "{stderr}");
    assert!(stderr.contains("git fetch --unshallow origin"), "{stderr}");
    assert!(!stderr.contains("master"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

/// Issue #24: `diff` and `changelog` read revision ranges with one parser. Before, `diff`
/// refused `A...B` while `changelog` handed `.B` to git as a revision.
#[test]
fn diff_and_changelog_read_ranges_alike_and_refuse_the_same_malformed_ones() {
    let (tree, _repo) = common::committed_tree();
    for range in ["HEAD...HEAD", "HEAD..", "..HEAD", "HEAD..-x", "HEAD..."] {
        let mut messages = Vec::new();
        for command in [vec!["diff", range], vec!["changelog", range]] {
            let output = tree.command().args(&command).output().unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
            assert_eq!(output.status.code(), Some(2), "{command:?}: {stderr}");
            messages.push(
                stderr
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .replace(" (or one revision for the first release)", ""),
            );
        }
        assert_eq!(messages[0], messages[1], "{range}");
        assert!(messages[0].contains(range), "{range}: {}", messages[0]);
    }
    for command in [vec!["diff", "HEAD..HEAD"], vec!["changelog", "HEAD..HEAD"]] {
        let output = tree.command().args(&command).output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{command:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// A domain shared with an entry the change does not touch is found through the base's cached
/// identities, and reported under the rule a full lint reports it under. (The cache read every
/// kind of key it did not list back as a ticker: `--changed-since` never reported a domain
/// shared with an entry the change did not touch.)
#[test]
fn changed_since_reports_a_domain_shared_with_an_untouched_entry_as_the_full_lint_does() {
    let tree = Tree::new();
    let repo = git2::Repository::init(tree.root()).unwrap();
    let mut widgets = named_entry("acme-widgets", "Acme Widgets");
    widgets["domains"] = json!(["acme-widgets.example"]);
    tree.write_entry(&widgets);
    commit_all(&repo, "one entry with a domain");
    let mut holdings = named_entry("example-holdings-00042", "Example Holdings 00042");
    holdings["domains"] = json!(["Acme-Widgets.example."]);
    tree.write_entry(&holdings);

    let codes = |args: &[&str]| -> Vec<(String, String, String)> {
        let (_, report, raw) = tree.lint_json(args);
        report["diagnostics"]
            .as_array()
            .unwrap_or_else(|| panic!("{raw}"))
            .iter()
            .filter(|d| d["code"].as_str().unwrap().ends_with("-duplicate"))
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_owned(),
                    d["file"].as_str().unwrap().to_owned(),
                    d["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    // Twice: the first run builds the identity cache, the second reads it.
    for run in 0..2 {
        let changed = codes(&["--changed-since", "HEAD"]);
        assert_eq!(changed.len(), 1, "run {run}: {changed:?}");
        let (code, file, message) = &changed[0];
        assert_eq!(code, "domain-duplicate", "run {run}: {message}");
        assert_eq!(file, "dataset/example-holdings-00042.json");
        assert!(message.contains("dataset/acme-widgets.json"), "{message}");
    }
    let full = codes(&[]);
    assert!(
        full.iter().all(|(code, _, _)| code == "domain-duplicate"),
        "{full:?}"
    );
    assert!(
        full.iter()
            .any(|(_, file, _)| file == "dataset/example-holdings-00042.json")
    );
}

/// A file rewritten for another company (its id reused: no name, alias, identifier or source
/// in common) is the old entry removed; a corrected name with the same sources is an edit.
#[test]
fn changed_since_refuses_an_id_reused_for_another_company() {
    let (tree, repo) = repository_with_a_change();
    commit_all(&repo, "the change");
    let mut other = named_entry("acme-widgets", "Example Holdings 00099");
    for (n, source) in other["sources"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        source["title"] = json!(format!("Example Holdings 00099 filing {n}"));
        source["url"] = json!(format!("https://filings.example.org/00099/{n}"));
    }
    tree.write_entry(&other);
    let (code, report, _) = tree.lint_json(&["--changed-since", "HEAD"]);
    assert_eq!(code, 1, "{report}");
    let removed: Vec<&Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "entry-removed")
        .collect();
    assert_eq!(removed.len(), 1, "{report}");
    assert_eq!(removed[0]["file"], "dataset/acme-widgets.json");
    assert!(
        removed[0]["message"]
            .as_str()
            .unwrap()
            .contains("now describes another company"),
        "{report}"
    );
    commit_all(&repo, "reused");
    let delta = tree
        .command()
        .args(["changelog", "HEAD~1..HEAD", "--format", "delta"])
        .output()
        .unwrap();
    let ops: Vec<String> = String::from_utf8_lossy(&delta.stdout)
        .lines()
        .map(|l| {
            let line: Value = serde_json::from_str(l).unwrap();
            format!(
                "{} {}",
                line["op"].as_str().unwrap(),
                line["id"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(ops, ["remove acme-widgets", "add acme-widgets"]);

    // A corrected name keeps its sources: an edit, not a removal.
    let mut corrected = other.clone();
    corrected["name"] = json!("Example Holdings 00098");
    tree.write_entry(&corrected);
    let (_, report, _) = tree.lint_json(&["--changed-since", "HEAD"]);
    assert!(
        !report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "entry-removed"),
        "{report}"
    );
}

/// `verification-changed`: only a maintainer verifies. In `lint --changed-since`, an entry
/// added as verified, one that becomes verified, and one whose verification date changes are
/// each an error until `--allow-verification-change` (the approved label) is given; other
/// edits of a verified entry, and an entry becoming unverified, are not. The review's
/// Markdown says it in its first line.
#[test]
fn becoming_verified_or_redating_a_verification_needs_a_maintainer() {
    let codes = |report: &Value| -> Vec<(String, String)> {
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "verification-changed")
            .map(|d| {
                (
                    d["file"].as_str().unwrap().to_owned(),
                    d["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let (tree, repo) = common::committed_tree();
    let mut widgets = named_entry("acme-widgets", "Acme Widgets");
    widgets["verification"] = json!({"status": "unverified"});
    tree.write_entry(&widgets);
    commit_all(&repo, "not verified yet");

    // Added as verified (the fixture's sources have two independent publishers).
    let mut holdings = named_entry("example-holdings-00042", "Example Holdings 00042");
    holdings["verification"] = json!({"status": "verified", "date": "2026-01-15"});
    tree.write_entry(&holdings);
    let (code, report, _) = tree.lint_json(&["--changed-since", "HEAD", "--today", "2026-06-01"]);
    assert_eq!(code, 1, "{report}");
    let found = codes(&report);
    assert_eq!(found.len(), 1, "{report}");
    assert_eq!(found[0].0, "dataset/example-holdings-00042.json");
    assert!(found[0].1.contains("added as verified"), "{found:?}");
    let (code, report, _) = tree.lint_json(&[
        "--changed-since",
        "HEAD",
        "--today",
        "2026-06-01",
        "--allow-verification-change",
    ]);
    assert_eq!(code, 0, "{report}");
    assert!(codes(&report).is_empty());
    // The review says it first.
    let review = tree
        .command()
        .args(["diff", "HEAD", "--format", "markdown"])
        .output()
        .unwrap();
    let review = String::from_utf8(review.stdout).unwrap();
    assert!(
        review.starts_with("> **Needs a maintainer**: 1 entry becomes verified or gets a new verification date (<code>example-holdings-00042</code>)"),
        "{review}"
    );
    commit_all(&repo, "verified by a maintainer");

    // Becomes verified.
    widgets["verification"] = json!({"status": "verified", "date": "2026-02-01"});
    tree.write_entry(&widgets);
    let (_, report, _) = tree.lint_json(&["--changed-since", "HEAD", "--today", "2026-06-01"]);
    let found = codes(&report);
    assert_eq!(found.len(), 1, "{report}");
    assert!(
        found[0].1.contains("becomes verified (it was unverified"),
        "{found:?}"
    );
    commit_all(&repo, "widgets verified");

    // A new date on a verified entry.
    widgets["verification"]["date"] = json!("2026-03-01");
    tree.write_entry(&widgets);
    let (_, report, _) = tree.lint_json(&["--changed-since", "HEAD", "--today", "2026-06-01"]);
    let found = codes(&report);
    assert_eq!(found.len(), 1, "{report}");
    assert!(
        found[0]
            .1
            .contains("the verification date changes from 2026-02-01"),
        "{found:?}"
    );
    assert!(found[0].1.contains("to 2026-03-01"), "{found:?}");

    // Other edits of a verified entry, and becoming unverified, need no approval.
    widgets["verification"]["date"] = json!("2026-02-01");
    widgets["headquarters"] = json!("Springfield, Oregon, United States");
    tree.write_entry(&widgets);
    let (_, report, _) = tree.lint_json(&["--changed-since", "HEAD", "--today", "2026-06-01"]);
    assert!(codes(&report).is_empty(), "{report}");
    widgets["verification"] = json!({"status": "unverified"});
    tree.write_entry(&widgets);
    let (_, report, _) = tree.lint_json(&["--changed-since", "HEAD", "--today", "2026-06-01"]);
    assert!(codes(&report).is_empty(), "{report}");

    // Without --changed-since the flag is refused.
    let refused = tree
        .command()
        .args(["lint", "--allow-verification-change"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
}

/// Claims are matched by id in `diff` and `changelog`: a claim added, one removed and one
/// whose status moves from current to ended, in every format, and the release notes say so.
#[test]
fn diff_and_changelog_match_claims_by_id() {
    let (tree, repo) = common::committed_tree();
    let claim = |id: &str, agency: &str, status: &str| {
        json!({"id": id, "agency": agency, "kind": "logistics",
               "summary": format!("Acme Widgets moves goods for {agency}.[2]"), "status": status})
    };
    let mut widgets = named_entry("acme-widgets", "Acme Widgets");
    widgets["claims"] = json!([
        claim("cbp-logistics", "CBP", "current"),
        claim("cbp-staffing", "CBP", "current")
    ]);
    tree.write_entry(&widgets);
    commit_all(&repo, "claims");
    let mut ended = claim("cbp-logistics", "CBP", "ended");
    ended["period"] = json!({"from": "2024", "to": "2025-06"});
    // Reordered too: order is no change.
    widgets["claims"] = json!([claim("cbp-detention", "CBP", "current"), ended]);
    tree.write_entry(&widgets);
    commit_all(&repo, "claims changed");

    let run = |args: &[&str]| {
        let output = tree.command().args(args).output().unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let diff: Value =
        serde_json::from_str(&run(&["diff", "HEAD~1", "HEAD", "--format", "json"])).unwrap();
    common::assert_valid_output("diff", &diff);
    let changes: Vec<(String, String)> = diff["entries"][0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["path"].as_str().unwrap().to_owned(),
                c["kind"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(
        changes.contains(&("/claims/1/status".into(), "changed".into())),
        "{changes:?}"
    );
    assert!(
        changes.contains(&("/claims/1/period".into(), "added".into())),
        "{changes:?}"
    );
    assert!(
        changes.contains(&("/claims/1".into(), "removed".into())),
        "{changes:?}"
    );
    assert!(
        changes.contains(&("/claims/0".into(), "added".into())),
        "{changes:?}"
    );
    let markdown = run(&["diff", "HEAD~1", "HEAD", "--format", "markdown"]);
    assert!(
        markdown.contains("**claim &quot;cbp-logistics&quot; status**: current → ended"),
        "{markdown}"
    );

    let log: Value =
        serde_json::from_str(&run(&["changelog", "HEAD~1..HEAD", "--format", "json"])).unwrap();
    common::assert_valid_output("changelog", &log);
    let entry = &log["entries"][0];
    assert_eq!(entry["claims_added"], json!(["cbp-detention"]), "{log}");
    assert_eq!(entry["claims_removed"], json!(["cbp-staffing"]), "{log}");
    assert_eq!(
        entry["transitions"],
        json!([{"path": "/claims/1/status", "old": "current", "new": "ended", "claim": "cbp-logistics"}]),
        "{log}"
    );
    let notes = run(&["changelog", "HEAD~1..HEAD", "--format", "markdown"]);
    for part in [
        "claim cbp\\-logistics: current → ended",
        "claims added: cbp\\-detention",
        "claims removed: cbp\\-staffing",
    ] {
        assert!(notes.contains(part), "{part}\n{notes}");
    }
}

/// A claim's awards are matched by id in `diff` and `changelog`: facts written by
/// `awards check --write` read as changed fields of one award, and an award added or removed
/// reads as that, in the review and in the release notes.
#[test]
fn diff_and_changelog_match_awards_by_id() {
    let (tree, repo) = common::committed_tree();
    let (kept, dropped, added) = (
        "CONT_AWD_ACME0001_ZZ01_-NONE-_-NONE-",
        "CONT_IDV_ACMEIDV01_ZZ02",
        "CONT_AWD_ACME0003_ZZ01_-NONE-_-NONE-",
    );
    let mut widgets = named_entry("acme-widgets", "Acme Widgets");
    widgets["claims"][0]["awards"] =
        json!([{"id": dropped, "role": "prime"}, {"id": kept, "role": "prime"}]);
    tree.write_entry(&widgets);
    commit_all(&repo, "awards");
    widgets["claims"][0]["awards"] = json!([
        {"id": kept, "role": "prime", "recipient": "ACME WIDGETS INC", "obligated": 100.5,
         "as_of": "2026-05-20"},
        {"id": added, "role": "via", "via": "City of Exampleville"}
    ]);
    tree.write_entry(&widgets);
    commit_all(&repo, "awards checked");
    let run = |args: &[&str]| {
        let output = tree.command().args(args).output().unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let diff: Value =
        serde_json::from_str(&run(&["diff", "HEAD~1", "HEAD", "--format", "json"])).unwrap();
    common::assert_valid_output("diff", &diff);
    let changes: Vec<(String, String)> = diff["entries"][0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["path"].as_str().unwrap().to_owned(),
                c["kind"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("/claims/0/awards/0/recipient".into(), "added".into()),
            ("/claims/0/awards/0/obligated".into(), "added".into()),
            ("/claims/0/awards/0/as_of".into(), "added".into()),
            ("/claims/0/awards/0".into(), "removed".into()),
            ("/claims/0/awards/1".into(), "added".into()),
        ]
    );
    let text = run(&["diff", "HEAD~1", "HEAD", "--format", "text"]);
    for line in [
        format!("+ claim \"cbp-other\" award {kept} obligated: 100.5"),
        format!("- claim \"cbp-other\" award {dropped}: "),
        format!("+ claim \"cbp-other\" award {added}: "),
    ] {
        assert!(text.contains(&line), "{line}\n{text}");
    }
    let log: Value =
        serde_json::from_str(&run(&["changelog", "HEAD~1..HEAD", "--format", "json"])).unwrap();
    common::assert_valid_output("changelog", &log);
    let entry = &log["entries"][0];
    assert_eq!(entry["awards_added"], json!([added]), "{log}");
    assert_eq!(entry["awards_removed"], json!([dropped]), "{log}");
    assert_eq!(entry["awards_changed"], json!([kept]), "{log}");
    let notes = run(&["changelog", "HEAD~1..HEAD", "--format", "markdown"]);
    assert!(
        notes.contains("award records updated: CONT\\_AWD\\_ACME0001"),
        "{notes}"
    );

    // A claim's first award, and a new claim that holds one, are awards added too.
    let mut gadgets = named_entry("acme-gadgets", "Acme Gadgets");
    gadgets["claims"][0]["awards"] = json!([{"id": "CONT_IDV_ACMEIDV09_ZZ02", "role": "prime"}]);
    tree.write_entry(&gadgets);
    widgets["claims"][0]["awards"] = json!([]);
    widgets["claims"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "cbp-logistics",
        "agency": "CBP", "kind": "logistics", "summary": "Acme Widgets moves goods.[2]",
        "status": "current", "awards": [{"id": "CONT_IDV_ACMEIDV08_ZZ02", "role": "prime"}]}));
    tree.write_entry(&widgets);
    commit_all(&repo, "first awards");
    let log: Value =
        serde_json::from_str(&run(&["changelog", "HEAD~1..HEAD", "--format", "json"])).unwrap();
    let by_id = |id: &str| {
        log["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(
        by_id("acme-widgets")["awards_added"],
        json!(["CONT_IDV_ACMEIDV08_ZZ02"]),
        "{log}"
    );
    assert_eq!(
        by_id("acme-widgets")["awards_removed"],
        json!([kept, added]),
        "{log}"
    );
    assert_eq!(
        by_id("acme-gadgets")["awards_added"],
        json!(["CONT_IDV_ACMEIDV09_ZZ02"]),
        "{log}"
    );
}

/// A company's response that disputes a claim: the review names the disputed claim first, and
/// the diff and the changelog report the response by its id wherever it sits in the list.
#[test]
fn a_response_that_disputes_a_claim_is_named_first_in_the_review_and_logged() {
    let (tree, repo) = common::committed_tree();
    let mut widgets = named_entry("acme-widgets", "Acme Widgets");
    widgets["responses"] = json!([{"id": "contacted-2026-04-01", "date": "2026-04-01",
        "kind": "contacted", "by": "maintainers", "summary": "press office e-mail"}]);
    tree.write_entry(&widgets);
    commit_all(&repo, "contacted");
    // The reply goes first in the list: matched by id, it is one response added.
    widgets["responses"] = json!([
        {"id": "reply-2026-05-02", "date": "2026-05-02", "kind": "reply", "by": "company",
         "confirmed": false, "summary": "Acme Widgets says the contract ended.[2]"},
        {"id": "contacted-2026-04-01", "date": "2026-04-01", "kind": "contacted",
         "by": "maintainers", "summary": "press office e-mail"}
    ]);
    widgets["claims"][0]["disputed_by"] = json!(["reply-2026-05-02"]);
    tree.write_entry(&widgets);
    commit_all(&repo, "the reply");
    let run = |args: &[&str]| {
        let output = tree.command().args(args).output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    let review = run(&["diff", "HEAD~1", "HEAD", "--format", "markdown"]);
    assert!(
        review.starts_with("> **Disputed**: claim <code>cbp-other</code> of <code>acme-widgets</code> is now disputed"),
        "{review}"
    );
    let diff: Value =
        serde_json::from_str(&run(&["diff", "HEAD~1", "HEAD", "--format", "json"])).unwrap();
    let paths: Vec<(&str, &str)> = diff["entries"][0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["path"].as_str().unwrap(), c["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        paths,
        [
            ("/claims/0/disputed_by", "added"),
            ("/responses/0", "added")
        ],
        "{diff:#}"
    );
    let log: Value =
        serde_json::from_str(&run(&["changelog", "HEAD~1..HEAD", "--format", "json"])).unwrap();
    common::assert_valid_output("changelog", &log);
    assert_eq!(
        log["entries"][0]["responses_added"],
        json!(["reply-2026-05-02"])
    );
    assert_eq!(log["entries"][0]["claims_disputed"], json!(["cbp-other"]));
    let notes = run(&["changelog", "HEAD~1..HEAD", "--format", "markdown"]);
    assert!(notes.contains("claims disputed: cbp\\-other"), "{notes}");
    assert!(
        notes.contains("responses added: reply\\-2026\\-05\\-02"),
        "{notes}"
    );
}
