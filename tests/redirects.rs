//! `dataset/redirects.json`: merged and renamed ids, through the binary: the review of a pull
//! request that merges or renames, the build and its exports, the site, the library's
//! `Dataset::get`, the changelog and the change feed, and the history's dates.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Tree, assert_valid_output, commit_all, commit_all_at, contributed, named_entry};
use serde_json::{Value, json};

/// Two fictional companies, committed: `acme-widgets` and `acme-widgets-two`, which a later
/// change finds to be the same company.
fn two_entries() -> (Tree, git2::Repository) {
    let tree = Tree::new();
    let repo = git2::Repository::init(tree.root()).unwrap();
    tree.write_entry(&contributed("acme-widgets", "Acme Widgets"));
    tree.write_entry(&contributed("acme-widgets-two", "Acme Widgets Two"));
    commit_all_at(&repo, "two entries", 1_767_225_600); // 2026-01-01
    (tree, repo)
}

fn redirect(to: &str, reason: &str) -> Value {
    json!({ "to": to, "reason": reason, "date": "2026-05-11" })
}

fn write_table(tree: &Tree, table: &Value) {
    tree.write(
        "dataset/redirects.json",
        &(serde_json::to_string_pretty(table).unwrap() + "\n"),
    );
}

fn changed_since(tree: &Tree, extra: &[&str]) -> (i32, Vec<(String, String, String)>) {
    let mut args = vec!["lint", "--changed-since", "HEAD", "--format", "json"];
    args.extend_from_slice(extra);
    let output = tree.command().args(&args).output().unwrap();
    let report: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stderr)));
    let found = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["file"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    (output.status.code().unwrap(), found)
}

#[test]
fn a_merge_needs_a_maintainer_and_passes_once_approved() {
    let (tree, _repo) = two_entries();
    std::fs::remove_file(tree.root().join("dataset/acme-widgets-two.json")).unwrap();
    write_table(
        &tree,
        &json!({ "acme-widgets-two": redirect("acme-widgets", "merged") }),
    );
    let (code, found) = changed_since(&tree, &[]);
    assert_eq!(code, 1, "{found:?}");
    let codes: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(codes, ["redirect-added"], "{found:?}");
    assert_eq!(found[0].1, "dataset/redirects.json");
    assert!(
        found[0]
            .2
            .contains("\"acme-widgets-two\" now redirects to \"acme-widgets\" (merged)"),
        "{found:?}"
    );

    let (code, found) = changed_since(&tree, &["--allow-redirect"]);
    assert_eq!((code, found), (0, vec![]));
}

#[test]
fn deleting_without_a_redirect_is_still_a_removal() {
    let (tree, _repo) = two_entries();
    std::fs::remove_file(tree.root().join("dataset/acme-widgets-two.json")).unwrap();
    let (code, found) = changed_since(&tree, &["--allow-redirect"]);
    assert_eq!(code, 1);
    assert!(found.iter().any(|f| f.0 == "entry-removed"), "{found:?}");
}

#[test]
fn a_rename_with_a_redirect_is_not_an_id_change() {
    let (tree, _repo) = two_entries();
    std::fs::remove_file(tree.root().join("dataset/acme-widgets-two.json")).unwrap();
    tree.write_entry(&contributed("acme-widgets-2", "Acme Widgets Two"));
    write_table(
        &tree,
        &json!({ "acme-widgets-two": redirect("acme-widgets-2", "renamed") }),
    );
    let (code, found) = changed_since(&tree, &[]);
    assert_eq!(code, 1);
    let codes: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(codes, ["redirect-added"], "{found:?}");
    assert_eq!(changed_since(&tree, &["--allow-redirect"]), (0, vec![]));
}

#[test]
fn a_bad_table_or_a_target_deleted_later_is_caught_by_the_review() {
    let (tree, repo) = two_entries();
    std::fs::remove_file(tree.root().join("dataset/acme-widgets-two.json")).unwrap();
    write_table(
        &tree,
        &json!({ "acme-widgets-two": redirect("acme-widget", "merged") }),
    );
    let (code, found) = changed_since(&tree, &["--allow-redirect"]);
    assert_eq!(code, 1);
    assert!(
        found
            .iter()
            .any(|f| f.0 == "redirect-invalid" && f.2.contains("not an entry")),
        "{found:?}"
    );
    write_table(
        &tree,
        &json!({ "acme-widgets-two": redirect("acme-widgets", "merged") }),
    );
    commit_all(&repo, "the merge, approved");
    // Later, a change deletes the target: the redirect would dangle.
    std::fs::remove_file(tree.root().join("dataset/acme-widgets.json")).unwrap();
    let (code, found) = changed_since(&tree, &["--allow-redirect"]);
    assert_eq!(code, 1);
    let codes: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    assert!(codes.contains(&"entry-removed"), "{found:?}");
    assert!(codes.contains(&"redirect-invalid"), "{found:?}");
}

#[test]
fn a_removed_redirect_is_reported_even_with_approval() {
    let (tree, repo) = two_entries();
    std::fs::remove_file(tree.root().join("dataset/acme-widgets-two.json")).unwrap();
    write_table(
        &tree,
        &json!({ "acme-widgets-two": redirect("acme-widgets", "merged") }),
    );
    commit_all(&repo, "the merge");
    write_table(&tree, &json!({}));
    let (code, found) = changed_since(&tree, &["--allow-redirect"]);
    assert_eq!(code, 1);
    assert!(
        found
            .iter()
            .any(|f| f.0 == "redirect-added" && f.2.contains("was removed")),
        "{found:?}"
    );
}

#[test]
fn allow_redirect_goes_with_changed_since() {
    let (tree, _repo) = two_entries();
    let output = tree
        .command()
        .args(["lint", "--allow-redirect"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--changed-since"));
}

#[test]
fn the_reserved_id_and_a_redirected_id_are_not_given_to_a_new_entry() {
    let (tree, _repo) = two_entries();
    std::fs::remove_file(tree.root().join("dataset/acme-widgets-two.json")).unwrap();
    write_table(
        &tree,
        &json!({ "acme-widgets-two": redirect("acme-widgets", "merged") }),
    );
    for (name, said) in [
        ("Redirects", "reserved"),
        ("Acme Widgets Two", "redirects to \"acme-widgets\""),
    ] {
        let output = tree.command().args(["new", name]).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(said), "{name}: {stderr}");
    }
    assert!(!tree.root().join("dataset/acme-widgets-two.json").exists());
}

/// A merged dataset, committed: `acme-widgets-two` merged into `acme-widgets`, and `acme` an
/// older name of `acme-widgets`.
fn merged() -> (Tree, git2::Repository) {
    let (tree, repo) = two_entries();
    std::fs::remove_file(tree.root().join("dataset/acme-widgets-two.json")).unwrap();
    let mut table = json!({
        "acme-widgets-two": redirect("acme-widgets", "merged"),
        "acme": redirect("acme-widgets", "renamed"),
    });
    table["acme-widgets-two"]["note"] = json!("One company, listed twice.");
    write_table(&tree, &table);
    commit_all_at(&repo, "merge", 1_778_457_600); // 2026-05-11
    (tree, repo)
}

#[test]
fn the_table_round_trips_through_build_dataset_get_and_the_site() {
    let (tree, _repo) = merged();
    let lint = tree.command().args(["lint"]).output().unwrap();
    assert_eq!(
        lint.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&lint.stdout)
    );
    let output = tree
        .command()
        .args(["build", "--out", "dist"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // The export is the table as committed (canonical: sorted, two-space indentation).
    let exported: Value = serde_json::from_str(&tree.read("dist/redirects.json")).unwrap();
    let committed: Value = serde_json::from_str(&tree.read("dataset/redirects.json")).unwrap();
    assert_eq!(exported, committed);
    let manifest: Value = serde_json::from_str(&tree.read("dist/manifest.json")).unwrap();
    assert!(
        manifest["files"]
            .as_array()
            .unwrap()
            .contains(&json!("redirects.json"))
    );
    let downloads = tree.read("dist/downloads.html");
    assert!(downloads.contains("redirects.json"), "{downloads}");

    // The library resolves an old id, and says that it did.
    let dataset = icelist::Dataset::load(tree.root()).unwrap();
    assert_eq!(
        dataset.get("acme-widgets-two").map(|e| e.id.as_str()),
        Some("acme-widgets")
    );
    assert_eq!(
        dataset.get("acme").map(|e| e.id.as_str()),
        Some("acme-widgets")
    );
    assert!(dataset.redirect("acme-widgets").is_none());
    let merged = dataset.redirect("acme-widgets-two").unwrap();
    assert_eq!(merged.reason, icelist::model::RedirectReason::Merged);
    assert_eq!(merged.note.as_deref(), Some("One company, listed twice."));
    assert!(dataset.get("acme-widgets-3").is_none());
    assert_eq!(dataset.entries().len(), 1);

    // A page for each old id sends the visitor on, and says why.
    let page = tree.read("dist/companies/acme-widgets-two.html");
    assert!(
        page.contains(r#"content="0; url=acme-widgets.html""#),
        "{page}"
    );
    assert!(page.contains("was merged into"), "{page}");
    assert!(page.contains("One company, listed twice."), "{page}");
    assert!(page.contains("Content-Security-Policy"), "{page}");
    let renamed = tree.read("dist/companies/acme.html");
    assert!(renamed.contains("was renamed to"), "{renamed}");

    // The SQLite file has the table, its targets joined to companies.
    let db = rusqlite::Connection::open(tree.root().join("dist/icelist.sqlite")).unwrap();
    let rows: Vec<(String, String, String, String)> = db
        .prepare("SELECT old_id, to_id, reason, date FROM redirects ORDER BY old_id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        rows,
        [
            (
                "acme".into(),
                "acme-widgets".into(),
                "renamed".into(),
                "2026-05-11".into()
            ),
            (
                "acme-widgets-two".into(),
                "acme-widgets".into(),
                "merged".into(),
                "2026-05-11".into()
            ),
        ]
    );
}

#[test]
fn a_dataset_without_a_table_builds_an_empty_one() {
    let (tree, _repo) = two_entries();
    let output = tree
        .command()
        .args(["build", "--out", "dist"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(tree.read("dist/redirects.json"), "{}\n");
}

#[test]
fn the_changelog_and_the_feed_report_merges_and_renames_as_such() {
    let (tree, repo) = two_entries();
    let first = repo.head().unwrap().target().unwrap().to_string();
    // A merge, and a rename the table records (the old file deleted, a new one written).
    std::fs::remove_file(tree.root().join("dataset/acme-widgets-two.json")).unwrap();
    std::fs::remove_file(tree.root().join("dataset/acme-widgets.json")).unwrap();
    let mut renamed = contributed("acme-widgets-co", "Acme Widgets Company");
    renamed["headquarters"] = json!("Springfield, somewhere fictional");
    tree.write_entry(&renamed);
    write_table(
        &tree,
        &json!({
            "acme-widgets": redirect("acme-widgets-co", "renamed"),
            "acme-widgets-two": redirect("acme-widgets-co", "merged"),
        }),
    );
    commit_all(&repo, "merge and rename");
    let range = format!("{first}..HEAD");
    let output = tree
        .command()
        .args(["changelog", &range, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let log: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_valid_output("changelog", &log);
    assert_eq!(
        log["summary"],
        json!({ "added": 0, "removed": 0, "renamed": 1, "changed": 0, "merged": 1 }),
        "{log:#}"
    );
    let entries = log["entries"].as_array().unwrap();
    assert!(
        entries.iter().any(|e| e["id"] == "acme-widgets-two"
            && e["change"] == "merged"
            && e["merged_into"] == "acme-widgets-co"),
        "{log:#}"
    );
    assert!(
        entries.iter().any(|e| e["id"] == "acme-widgets-co"
            && e["change"] == "renamed"
            && e["old_id"] == "acme-widgets"),
        "{log:#}"
    );
    let markdown = tree
        .command()
        .args(["changelog", &range, "--format", "markdown"])
        .output()
        .unwrap();
    let markdown = String::from_utf8_lossy(&markdown.stdout);
    assert!(
        markdown.contains("`acme-widgets-two` merged into `acme-widgets-co`"),
        "{markdown}"
    );
    assert!(
        markdown.contains("0 added, 0 removed, 1 renamed, 0 changed, 1 merged."),
        "{markdown}"
    );

    let output = tree
        .command()
        .args(["changelog", &range, "--format", "delta"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let lines: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for line in &lines {
        assert_valid_output("delta", line);
    }
    let ops: Vec<(&str, &str, Option<&str>)> = lines
        .iter()
        .map(|l| {
            (
                l["op"].as_str().unwrap(),
                l["id"].as_str().unwrap(),
                l["from"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        ops,
        [
            ("rename", "acme-widgets-co", Some("acme-widgets")),
            ("merge", "acme-widgets-co", Some("acme-widgets-two")),
        ]
    );
}

#[test]
fn history_follows_a_rename_through_the_table() {
    let (tree, repo) = two_entries();
    std::fs::remove_file(tree.root().join("dataset/acme-widgets.json")).unwrap();
    let mut renamed = named_entry("acme-widgets-co", "Acme Widgets Company");
    renamed["verification"] = json!({"status": "unverified"});
    renamed["headquarters"] = json!("Springfield, somewhere fictional");
    tree.write_entry(&renamed);
    write_table(
        &tree,
        &json!({ "acme-widgets": redirect("acme-widgets-co", "renamed") }),
    );
    commit_all_at(&repo, "rename", 1_778_457_600); // 2026-05-11
    let output = tree
        .command()
        .args(["build", "--out", "dist"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let history: Value = serde_json::from_str(&tree.read("dist/history.json")).unwrap();
    assert_valid_output("history", &history);
    let entries = history["entries"].as_object().unwrap();
    assert!(!entries.contains_key("redirects"), "{history:#}");
    assert!(!entries.contains_key("acme-widgets"), "{history:#}");
    assert_eq!(
        entries["acme-widgets-co"]["first_seen"], "2026-01-01",
        "{history:#}"
    );
    assert_eq!(
        entries["acme-widgets-co"]["last_changed"], "2026-05-11",
        "{history:#}"
    );
    // `icelist history` writes the same file on its own.
    let alone = tree.command().arg("history").output().unwrap();
    assert_eq!(alone.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(alone.stdout).unwrap(),
        tree.read("dist/history.json")
    );
}

/// Found in review: an old id that comes back as an entry is caught by the review of the
/// change that adds it, and deleting it later is a removal (the redirect that was already
/// there excuses nothing). A redirect's note or date is a maintainer's to change too.
#[test]
fn an_old_id_reused_then_deleted_and_a_changed_note_are_each_caught() {
    let (tree, repo) = merged();
    tree.write_entry(&contributed("acme-widgets-two", "Acme Widgets Two"));
    let (code, found) = changed_since(&tree, &["--allow-redirect"]);
    assert_eq!(code, 1);
    assert!(
        found
            .iter()
            .any(|f| f.0 == "redirect-invalid" && f.2.contains("still an entry")),
        "{found:?}"
    );
    // Suppose it got in anyway: deleting it is still deleting an entry.
    commit_all(&repo, "the old id reused");
    std::fs::remove_file(tree.root().join("dataset/acme-widgets-two.json")).unwrap();
    let (code, found) = changed_since(&tree, &["--allow-redirect"]);
    assert_eq!(code, 1);
    assert!(found.iter().any(|f| f.0 == "entry-removed"), "{found:?}");
    commit_all(&repo, "removed again");

    let mut table: Value = serde_json::from_str(&tree.read("dataset/redirects.json")).unwrap();
    table["acme-widgets-two"]["note"] = json!("Another story.");
    write_table(&tree, &table);
    let (code, found) = changed_since(&tree, &[]);
    assert_eq!(code, 1);
    assert!(
        found
            .iter()
            .any(|f| f.0 == "redirect-added" && f.2.contains("changed its date or note")),
        "{found:?}"
    );
    assert_eq!(changed_since(&tree, &["--allow-redirect"]), (0, vec![]));
}

#[test]
fn a_redirect_from_the_reserved_id_is_refused() {
    let (tree, _repo) = two_entries();
    write_table(
        &tree,
        &json!({ "redirects": redirect("acme-widgets", "renamed") }),
    );
    let output = tree
        .command()
        .args(["lint", "--format", "concise"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("redirect-invalid"), "{stdout}");
}

/// `icelist fmt` writes the redirect table in its canonical form (old ids sorted, two-space
/// indentation) as it does entries; `--check` names it; a table it cannot read back the same is
/// left exactly as it is.
#[test]
fn fmt_formats_the_redirect_table_and_leaves_one_it_cannot_read() {
    let (tree, _repo) = two_entries();
    let messy = "{\"zeta-old\": {\"to\": \"acme-widgets\", \"reason\": \"renamed\", \"date\": \"2026-05-11\"},\n\"acme-old\":{\"to\":\"acme-widgets-two\",\"reason\":\"merged\",\"date\":\"2026-05-11\"}}";
    tree.write("dataset/redirects.json", messy);
    let check = tree.command().args(["fmt", "--check"]).output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&check.stdout).contains("would reformat dataset/redirects.json"),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    assert_eq!(tree.read("dataset/redirects.json"), messy);
    let output = tree.command().arg("fmt").output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let formatted = tree.read("dataset/redirects.json");
    let mut table = serde_json::Map::new();
    table.insert("acme-old".into(), redirect("acme-widgets-two", "merged"));
    table.insert("zeta-old".into(), redirect("acme-widgets", "renamed"));
    assert_eq!(
        formatted,
        serde_json::to_string_pretty(&table).unwrap() + "\n"
    );
    assert_eq!(
        serde_json::from_str::<Value>(&formatted).unwrap(),
        serde_json::from_str::<Value>(messy).unwrap()
    );
    // A date the model cannot read: refused, untouched.
    let unreadable =
        "{\"a\":  {\"to\": \"acme-widgets\", \"reason\": \"renamed\", \"date\": \"soon\"}}";
    tree.write("dataset/redirects.json", unreadable);
    let output = tree.command().arg("fmt").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains(
            "dataset/redirects.json: not formatted: it does not read as the redirect table"
        ),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(tree.read("dataset/redirects.json"), unreadable);
}
