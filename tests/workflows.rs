//! The workflows' own logic, run locally: `.github/scripts/*.sh` on sample event payloads
//! (`tests/data/events/`), with the real `icelist` binary standing for the one the workflow
//! builds. GitHub itself cannot run here.
#![allow(clippy::unwrap_used, clippy::expect_used)]
#![cfg(unix)]

mod common;

#[cfg(feature = "online")]
#[path = "common/mock_http.rs"]
mod mock_http;

#[cfg(feature = "online")]
#[path = "common/mock_api.rs"]
mod mock_api;

use common::{Tree, contributed, repo_path};

/// A repository with a base commit (on `main`) and a pull request commit on top.
fn pull_request(change: impl FnOnce(&Tree)) -> (Tree, String) {
    let tree = Tree::new();
    let repo = git2::Repository::init(tree.root()).unwrap();
    tree.write_entry(&contributed("acme-widgets", "Acme Widgets"));
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

fn head_of(tree: &Tree) -> String {
    let repo = git2::Repository::open(tree.root()).unwrap();
    repo.head()
        .unwrap()
        .peel_to_commit()
        .unwrap()
        .id()
        .to_string()
}

/// How a review is run: the event file, the timeline the API would give (`HEAD_SHA` stands for
/// the commit under review), and the PATH the runner has.
struct ReviewRun<'a> {
    event: &'a str,
    timeline: Option<&'a str>,
    head_in_event: Option<String>,
    path: Option<String>,
    report_dir: Option<std::path::PathBuf>,
    /// Extra arguments for the review's `awards check` (a mock API).
    awards_args: Option<String>,
}

impl<'a> ReviewRun<'a> {
    fn new(event: &'a str) -> Self {
        Self {
            event,
            timeline: None,
            head_in_event: None,
            path: None,
            report_dir: None,
            awards_args: None,
        }
    }
}

/// Runs the dataset review script as the workflow does: in the pull request's checkout.
fn review(tree: &Tree, base: &str, event: &str) -> (i32, String, String) {
    review_with(tree, base, ReviewRun::new(event))
}

fn review_with(tree: &Tree, base: &str, run: ReviewRun) -> (i32, String, String) {
    let head = head_of(tree);
    let event_head = run.head_in_event.clone().unwrap_or_else(|| head.clone());
    let payload = std::fs::read_to_string(repo_path(&format!("tests/data/events/{}", run.event)))
        .unwrap()
        .replace("BASE_SHA", base)
        .replace("HEAD_SHA", &event_head);
    let dir = tempfile::tempdir().unwrap();
    let event_path = dir.path().join("event.json");
    std::fs::write(&event_path, payload).unwrap();
    let summary = dir.path().join("summary.md");
    let icelist = assert_cmd::cargo::cargo_bin("icelist");
    // The runner starts the script's shell itself: no PATH the test sets may pick it.
    let mut command = std::process::Command::new("/bin/bash");
    command
        .arg(repo_path(".github/scripts/dataset-review.sh"))
        .current_dir(tree.root())
        .env("GITHUB_EVENT_PATH", &event_path)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("ICELIST_BASE", &icelist)
        .env("ICELIST_HEAD", &icelist)
        .env("ICELIST_TODAY", common::FIXTURE_TODAY)
        .env_remove("ICELIST_TIMELINE");
    if let Some(timeline) = run.timeline {
        let timeline_path = dir.path().join("timeline.json");
        std::fs::write(&timeline_path, timeline.replace("HEAD_SHA", &head)).unwrap();
        command.env("ICELIST_TIMELINE", &timeline_path);
    }
    if let Some(path) = &run.path {
        command.env("PATH", path);
    }
    if let Some(dir) = &run.report_dir {
        command.env("REVIEW_REPORT_DIR", dir);
    }
    if let Some(args) = &run.awards_args {
        command.env("ICELIST_AWARDS_ARGS", args);
    }
    let output = command.output().unwrap();
    let summary = std::fs::read_to_string(&summary).unwrap_or_default();
    (
        output.status.code().unwrap(),
        String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr),
        summary,
    )
}

/// The review reads the award records a pull request adds or changes, and fails on a fact
/// typed into the file that the record does not hold; awards it does not touch are not read.
#[cfg(feature = "online")]
#[test]
fn the_review_checks_the_awards_a_pull_request_adds_against_their_records() {
    use mock_api::{Api, award_path, ok, record};
    let api = Api::start();
    let (old, new) = (
        "CONT_AWD_ACME0001_ZZ01_-NONE-_-NONE-",
        "CONT_AWD_ACME0009_ZZ01_-NONE-_-NONE-",
    );
    let cbp = "U.S. Customs and Border Protection";
    api.on(
        &award_path(new),
        vec![ok(record(
            new,
            "ACME GADGETS INC",
            cbp,
            500.0,
            "2026-12-31",
        ))],
    );
    let facts = |obligated: f64| {
        serde_json::json!({"id": new, "role": "prime", "recipient": "ACME GADGETS INC",
            "recipient_uei": "ACMEWIDGET12",
            "awarding_agency": {"name": cbp, "code": "ZZ01"}, "obligated": obligated,
            "period": {"from": "2024-10-01", "to": "2026-12-31"}, "as_of": "2026-05-30"})
    };
    let run = |typed: f64| {
        let tree = Tree::new();
        let repo = git2::Repository::init(tree.root()).unwrap();
        // The base holds an award whose record the mock does not know: never read again.
        let mut base_entry = contributed("acme-widgets", "Acme Widgets");
        base_entry["claims"][0]["awards"] = serde_json::json!([{"id": old, "role": "prime"}]);
        tree.write_entry(&base_entry);
        common::commit_all(&repo, "base");
        let base = head_of(&tree);
        let mut entry = contributed("acme-gadgets", "Acme Gadgets");
        entry["claims"][0]["awards"] = serde_json::json!([facts(typed)]);
        tree.write_entry(&entry);
        common::commit_all(&repo, "the pull request");
        let mut run = ReviewRun::new("pull-request-opened.json");
        run.awards_args = Some(format!(
            "--api-base {} --allow-private-addresses --host-interval 0 --retries 0",
            api.base()
        ));
        review_with(&tree, &base, run)
    };
    let (code, out, _) = run(500.0);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1 award(s): 1 confirmed"), "{out}");
    let (code, out, _) = run(5_000_000.0);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("facts in the file differ from the record"),
        "{out}"
    );
    // Only the added award was asked for, twice (one review each).
    let asked: Vec<String> = api.requests().into_iter().map(|r| r.1).collect();
    assert_eq!(asked, [award_path(new), award_path(new)]);
}

/// The timeline of a pull request whose head was pushed, then labelled policy-approved.
const APPROVED_TIMELINE: &str = r#"[{"event":"committed","sha":"HEAD_SHA"},
{"event":"labeled","label":{"name":"policy-approved"},"created_at":"2026-12-01T10:00:00Z"}]"#;

#[test]
fn a_new_entry_passes_the_review_and_is_summarised() {
    let (tree, base) = pull_request(|tree| {
        tree.write_entry(&contributed("acme-gadgets", "Acme Gadgets"));
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
        let mut entry = contributed("acme-gadgets", "Acme Gadgets");
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

    let mut approved = ReviewRun::new("pull-request-labeled-policy-approved.json");
    approved.timeline = Some(APPROVED_TIMELINE);
    let (code, out, _) = review_with(&tree, &base, approved);
    assert!(out.contains("policy-approved is set"), "{out}");
    assert!(!out.contains("policy-changed"), "{out}");
    assert_eq!(
        code, 0,
        "with its own configuration the schema rule is off: {out}"
    );
}

/// A pull request that changes policy and puts an invalid entry beside it.
fn policy_change_with_an_error() -> (Tree, String) {
    pull_request(|tree| {
        tree.write("icelist.toml", "[rules]\nschema = \"off\"\n");
        let mut entry = contributed("acme-gadgets", "Acme Gadgets");
        entry["country"] = serde_json::json!("XX");
        tree.write_entry(&entry);
    })
}

#[test]
fn an_approval_label_holds_only_for_the_commit_it_was_given_on() {
    let (tree, base) = policy_change_with_an_error();
    let judged_by_base = |out: &str| {
        assert!(
            out.contains("Judging with the base revision's tool"),
            "{out}"
        );
        assert!(out.contains("title=policy-changed"), "{out}");
    };

    // The label is listed on a push event: a label given before the push.
    let mut pushed = ReviewRun::new("pull-request-synchronize-labelled.json");
    pushed.timeline = Some(APPROVED_TIMELINE);
    let (code, out, _) = review_with(&tree, &base, pushed);
    assert_eq!(code, 1, "{out}");
    judged_by_base(&out);
    assert!(out.contains("not by adding it"), "{out}");

    // Labelled on one commit, then pushed: the labeled event names the old head.
    let mut labelled_then_pushed = ReviewRun::new("pull-request-labeled-policy-approved.json");
    labelled_then_pushed.timeline = Some(APPROVED_TIMELINE);
    labelled_then_pushed.head_in_event = Some(base.clone());
    let (code, out, _) = review_with(&tree, &base, labelled_then_pushed);
    assert_eq!(code, 1, "{out}");
    judged_by_base(&out);

    // The timeline shows a push after the label.
    let later = r#"[{"event":"committed","sha":"HEAD_SHA"},
{"event":"labeled","label":{"name":"policy-approved"}},
{"event":"committed","sha":"3333333333333333333333333333333333333333"}]"#;
    let mut timeline_push = ReviewRun::new("pull-request-labeled-policy-approved.json");
    timeline_push.timeline = Some(later);
    let (code, out, _) = review_with(&tree, &base, timeline_push);
    assert_eq!(code, 1, "{out}");
    judged_by_base(&out);

    // The label was removed since, or no timeline could be read.
    let removed = r#"[{"event":"committed","sha":"HEAD_SHA"},
{"event":"labeled","label":{"name":"policy-approved"}},
{"event":"unlabeled","label":{"name":"policy-approved"}}]"#;
    let mut unlabelled = ReviewRun::new("pull-request-labeled-policy-approved.json");
    unlabelled.timeline = Some(removed);
    let (code, out, _) = review_with(&tree, &base, unlabelled);
    assert_eq!(code, 1, "{out}");
    judged_by_base(&out);
    let (code, out, _) = review(&tree, &base, "pull-request-labeled-policy-approved.json");
    assert_eq!(code, 1, "{out}");
    judged_by_base(&out);
}

#[test]
fn nothing_in_the_pull_request_runs_inside_its_review() {
    let witness = tempfile::tempdir().unwrap();
    let ran = witness.path().join("ran");
    let (tree, base) = pull_request(|tree| {
        let mut entry = contributed("acme-gadgets", "Acme Gadgets");
        entry["country"] = serde_json::json!("XX");
        tree.write_entry(&entry);
        // Python modules an interpreter started in the checkout would import.
        let python = format!(
            "open({:?}, 'a').write(__name__ + '\\n')\n",
            ran.display().to_string()
        );
        for module in [
            "json.py",
            "sitecustomize.py",
            "os.py",
            "secrets.py",
            "pathlib.py",
        ] {
            tree.write(module, &python);
        }
        // Executables a shell would find on a PATH that holds the checkout.
        let shell = format!(
            "#!/bin/sh\necho \"$0\" >> {:?}\nexit 0\n",
            ran.display().to_string()
        );
        for program in [
            "git", "jq", "python3", "python", "od", "tr", "cat", "gh", "icelist", "bash", "env",
        ] {
            tree.write(program, &shell);
            let path = tree.root().join(program);
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        std::fs::create_dir_all(tree.root().join("bin")).unwrap();
        std::fs::copy(tree.root().join("jq"), tree.root().join("bin/jq")).unwrap();
    });
    let system_path = std::env::var("PATH").unwrap_or_default();
    let mut run = ReviewRun::new("pull-request-opened.json");
    run.path = Some(format!(
        ".::bin:{}:{}/bin:{system_path}",
        tree.root().display(),
        tree.root().display()
    ));
    let (code, out, _) = review_with(&tree, &base, run);
    assert_eq!(code, 1, "the schema error still fails the review: {out}");
    assert!(out.contains("title=schema"), "{out}");
    assert!(
        !ran.exists(),
        "the pull request's files ran: {}",
        std::fs::read_to_string(&ran).unwrap_or_default()
    );
}

#[test]
fn a_review_too_long_for_a_summary_is_cut_and_attached_whole() {
    let (tree, base) = pull_request(|tree| {
        let mut entry = contributed("acme-gadgets", "Acme Gadgets");
        let long: Vec<String> = (0..3_000)
            .map(|i| format!("Paragraph {i} about a fictional company.[1]"))
            .collect();
        entry["sections"]["background"] = serde_json::json!(long.join("\n\n"));
        tree.write_entry(&entry);
    });
    let reports = tempfile::tempdir().unwrap();
    let dir = reports.path().join("review-report");
    let mut run = ReviewRun::new("pull-request-opened.json");
    run.report_dir = Some(dir.clone());
    let (code, out, summary) = review_with(&tree, &base, run);
    assert_eq!(code, 0, "{out}");
    assert!(summary.chars().count() < 65_536, "{}", summary.len());
    assert!(summary.contains("more lines of this report"), "{summary}");
    let whole = std::fs::read_to_string(dir.join("review.md")).unwrap();
    assert!(whole.contains("Paragraph 2999 about a fictional company"));
    assert!(!summary.contains("Paragraph 2999 about"));
}

#[test]
fn untrusted_entry_text_cannot_issue_workflow_commands() {
    let (tree, base) = pull_request(|tree| {
        let mut entry = contributed("acme-gadgets", "Acme Gadgets");
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

/// The intake workflow's repository: the form and a dataset on `main`, pushed to a local bare
/// remote that stands for GitHub.
struct IntakeRepo {
    tree: Tree,
    remote: tempfile::TempDir,
    bin: tempfile::TempDir,
}

fn git(dir: &std::path::Path, args: &[&str]) -> String {
    let output = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn intake_repo() -> IntakeRepo {
    let tree = Tree::new();
    tree.write_entry(&contributed(
        "example-holdings-00042",
        "Example Holdings 00042",
    ));
    let form =
        std::fs::read_to_string(repo_path(".github/ISSUE_TEMPLATE/propose-company.yml")).unwrap();
    tree.write(".github/ISSUE_TEMPLATE/propose-company.yml", &form);
    let remote = tempfile::tempdir().unwrap();
    git(
        remote.path(),
        &["init", "--quiet", "--bare", "--initial-branch=main"],
    );
    git(tree.root(), &["init", "--quiet", "--initial-branch=main"]);
    git(tree.root(), &["add", "."]);
    git(tree.root(), &["commit", "--quiet", "-m", "base"]);
    git(
        tree.root(),
        &["remote", "add", "origin", remote.path().to_str().unwrap()],
    );
    git(tree.root(), &["push", "--quiet", "origin", "main"]);
    // `gh`, recorded: each call's arguments, and the files it was given, go to gh.log.
    let bin = tempfile::tempdir().unwrap();
    let gh = bin.path().join("gh");
    // The recorder's own jq, found now: a test may put other programs first on the PATH.
    let jq = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|dir| dir.join("jq"))
        .find(|path| path.is_file())
        .unwrap_or_default();
    std::fs::write(
        &gh,
        format!("#!/usr/bin/env bash\nJQ={:?}\n", jq.display().to_string())
            + r#"log="$(dirname "$0")/gh.log"
echo "gh $*" >>"$log"
for arg in "$@"; do
  case "$arg" in
    body=@*) echo "--- file" >>"$log"; cat "${arg#body=@}" >>"$log" ;;
  esac
done
prev=""
for arg in "$@"; do
  if [ "$prev" = "--body-file" ]; then echo "--- file" >>"$log"; cat "$arg" >>"$log"; fi
  prev="$arg"
done
prev=""
for arg in "$@"; do
  if [ "$prev" = "--notes-file" ]; then echo "--- file" >>"$log"; cat "$arg" >>"$log"; fi
  prev="$arg"
done
if [ "$1 $2" = "release create" ]; then
  # The assets: the file arguments, not the value of --notes-file.
  mkdir -p "$(dirname "$0")/release"
  prev=""
  for arg in "$@"; do
    case "$arg" in
      /*) if [ -f "$arg" ] && [ "$prev" != "--notes-file" ]; then cp "$arg" "$(dirname "$0")/release/"; fi ;;
    esac
    prev="$arg"
  done
fi
# A listing with --paginate and --jq: the filter applied to each page by itself, as gh does,
# over the pages the test put in pages/<last part of the endpoint>/.
if [ "$1" = api ]; then
  paginate="" filter="" prev=""
  for arg in "$@"; do
    [ "$arg" = --paginate ] && paginate=yes
    [ "$prev" = --jq ] && filter="$arg"
    prev="$arg"
  done
  if [ -n "$paginate" ] && [ -n "$filter" ]; then
    [ -x "$JQ" ] || { echo "jq is needed to stand in for gh --jq" >>"$log"; exit 127; }
    for page in "$(dirname "$0")/pages/${2##*/}"/*.json; do
      if [ -f "$page" ]; then "$JQ" -r "$filter" "$page" || exit 1; fi
    done
    exit 0
  fi
fi
case "$*" in
  "pr list"*) echo "${FAKE_PR:-}" ;;
  "issue list"*) echo "${FAKE_ISSUE:-}" ;;
esac
"#,
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&gh, std::fs::Permissions::from_mode(0o755)).unwrap();
    IntakeRepo { tree, remote, bin }
}

/// The pages the API lists for `repos/.../issues/7/<endpoint>`, one JSON array a page.
fn api_pages(repo: &IntakeRepo, endpoint: &str, pages: &[serde_json::Value]) {
    let dir = repo.bin.path().join("pages").join(endpoint);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (index, page) in pages.iter().enumerate() {
        std::fs::write(dir.join(format!("{}.json", index + 1)), page.to_string()).unwrap();
    }
}

/// When the bot's check was last written, and when a maintainer labelled after reading it.
const CHECKED_AT: &str = "2026-06-01T10:00:00Z";
const LABELED_AT: &str = "2026-06-01T10:05:00Z";

/// A comment on the issue, as the API lists it.
fn comment(id: u64, login: &str, kind: &str, body: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id,
        "user": { "login": login, "type": kind },
        "body": body,
        "created_at": CHECKED_AT,
        "updated_at": CHECKED_AT,
    })
}

fn bot_comment(id: u64, body: &str) -> serde_json::Value {
    comment(id, "github-actions[bot]", "Bot", body)
}

/// The issue's events as the API lists them: each `(event, time)` for the label
/// intake:approved, among events of other kinds.
fn label_events(repo: &IntakeRepo, events: &[(&str, &str)]) {
    let mut page = vec![
        serde_json::json!({ "event": "labeled", "label": { "name": "intake" }, "created_at": "2026-06-01T09:00:00Z" }),
        serde_json::json!({ "event": "renamed", "created_at": "2026-06-01T09:01:00Z" }),
    ];
    page.extend(events.iter().map(|(event, at)| {
        serde_json::json!({ "event": event, "label": { "name": "intake:approved" }, "created_at": at })
    }));
    api_pages(repo, "events", &[serde_json::Value::Array(page)]);
}

/// The comment a step posted: the last file given to `gh` in its log.
fn posted(log: &str) -> &str {
    let start = log
        .rfind("--- file\n")
        .map_or(log.len(), |at| at + "--- file\n".len());
    let rest = &log[start..];
    rest.split("\n--- stderr\n").next().unwrap_or(rest)
}

/// The check step on `body`, then a maintainer who read the bot's comment adds the label, then
/// the approve step: the way every approval goes.
fn check_then_approve(repo: &IntakeRepo, body: &str, env: &[(&str, &str)]) -> (i32, String) {
    api_pages(repo, "comments", &[]);
    let (code, log) = intake_step(repo, "check", "issue-opened.json", body, env);
    assert_eq!(code, 0, "{log}");
    api_pages(
        repo,
        "comments",
        &[serde_json::json!([bot_comment(99, posted(&log))])],
    );
    label_events(repo, &[("labeled", LABELED_AT)]);
    intake_step(repo, "approve", "issue-labeled-approved.json", body, env)
}

fn sha256(text: &str) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new("sha256sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    String::from_utf8(output.stdout).unwrap()[..64].to_owned()
}

/// Runs `.github/scripts/intake.sh MODE` on a sample event carrying `body`; returns the exit
/// code and the recorded `gh` calls.
fn intake_step(
    repo: &IntakeRepo,
    mode: &str,
    event: &str,
    body: &str,
    env: &[(&str, &str)],
) -> (i32, String) {
    let mut payload: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo_path(&format!("tests/data/events/{event}"))).unwrap(),
    )
    .unwrap();
    payload["issue"]["body"] = serde_json::json!(body);
    let event_path = repo.bin.path().join("event.json");
    std::fs::write(&event_path, payload.to_string()).unwrap();
    let _ = std::fs::remove_file(repo.bin.path().join("gh.log"));
    let output = std::process::Command::new("bash")
        .arg(repo_path(".github/scripts/intake.sh"))
        .arg(mode)
        .current_dir(repo.tree.root())
        .env("GITHUB_EVENT_PATH", &event_path)
        .env("GITHUB_REPOSITORY", "example/icelist")
        .env("ICELIST", assert_cmd::cargo::cargo_bin("icelist"))
        .env("GH", repo.bin.path().join("gh"))
        .env("ICELIST_TODAY", common::FIXTURE_TODAY)
        // The push goes to the local remote; git may use no other transport.
        .env("INTAKE_PUSH_URL", repo.remote.path())
        .env("GIT_ALLOW_PROTOCOL", "file")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let log = std::fs::read_to_string(repo.bin.path().join("gh.log")).unwrap_or_default();
    (
        output.status.code().unwrap(),
        format!(
            "{log}\n--- stderr\n{}",
            String::from_utf8_lossy(&output.stderr)
        ),
    )
}

fn submission() -> String {
    std::fs::read_to_string(repo_path("tests/data/intake/complete.md")).unwrap()
}

#[test]
fn an_opened_submission_gets_one_comment_and_an_edit_updates_it() {
    let repo = intake_repo();
    let (code, log) = intake_step(&repo, "check", "issue-opened.json", &submission(), &[]);
    assert_eq!(code, 0, "{log}");
    assert!(
        log.contains("gh issue comment 7 --repo example/icelist --body-file"),
        "{log}"
    );
    assert!(
        log.contains(&format!(
            "<!-- icelist-intake -->\n<!-- icelist-intake-body-sha256: {} -->\n<!-- icelist-intake-change-sha256: ",
            sha256(&submission())
        )),
        "{log}"
    );
    assert!(
        log.contains(" -->\n## Submission check: Acme Widgets"),
        "{log}"
    );
    assert!(log.contains("Ready for a maintainer"), "{log}");
    // An edit after approval: the label goes, the earlier comment is updated and says why.
    api_pages(
        &repo,
        "comments",
        &[serde_json::json!([bot_comment(
            99,
            "<!-- icelist-intake -->\n## Submission check"
        )])],
    );
    let (code, log) = intake_step(
        &repo,
        "check",
        "issue-edited-after-approval.json",
        &submission(),
        &[],
    );
    assert_eq!(code, 0, "{log}");
    assert!(
        log.contains("gh issue edit 7 --repo example/icelist --remove-label intake:approved"),
        "{log}"
    );
    assert!(
        log.contains("gh api --method PATCH repos/example/icelist/issues/comments/99"),
        "{log}"
    );
    assert!(
        log.contains("edited after a maintainer approved it"),
        "{log}"
    );
    assert!(
        !log.contains("gh issue comment"),
        "one comment, updated: {log}"
    );
    // Nothing was committed by a check.
    assert_eq!(git(repo.tree.root(), &["status", "--porcelain"]), "");
}

#[test]
fn the_bot_updates_its_own_comment_never_one_that_pastes_its_marker() {
    let repo = intake_repo();
    let pasted =
        "<!-- icelist-intake -->\n## Submission check: Acme Widgets\n**Ready for a maintainer.**";
    // Only a human's comment carries the marker: the bot writes a comment of its own.
    api_pages(
        &repo,
        "comments",
        &[serde_json::json!([
            comment(98, "mallory", "User", pasted),
            comment(97, "github-actions[bot]", "User", pasted),
        ])],
    );
    let (code, log) = intake_step(&repo, "check", "issue-opened.json", &submission(), &[]);
    assert_eq!(code, 0, "{log}");
    assert!(!log.contains("--method PATCH"), "{log}");
    assert!(log.contains("gh issue comment 7"), "{log}");
    // Two pages, each with the marker pasted by someone else; the bot's comment on the second,
    // another bot's comment without the marker on the first.
    api_pages(
        &repo,
        "comments",
        &[
            serde_json::json!([
                comment(98, "mallory", "User", pasted),
                bot_comment(50, "Thanks for the submission!"),
                serde_json::json!({ "id": 51, "user": null, "body": null }),
            ]),
            serde_json::json!([
                bot_comment(
                    99,
                    "<!-- icelist-intake -->\n## Submission check: Acme Widgets"
                ),
                comment(100, "mallory", "User", pasted),
            ]),
        ],
    );
    let (code, log) = intake_step(&repo, "check", "issue-opened.json", &submission(), &[]);
    assert_eq!(code, 0, "{log}");
    assert!(
        log.contains("gh api --method PATCH repos/example/icelist/issues/comments/99 -F body=@"),
        "{log}"
    );
    assert_eq!(log.matches("--method PATCH").count(), 1, "{log}");
    assert!(!log.contains("gh issue comment"), "{log}");
}

#[test]
fn an_approval_pushes_a_fresh_branch_and_opens_the_pull_request() {
    let repo = intake_repo();
    let (code, log) = check_then_approve(&repo, &submission(), &[]);
    assert_eq!(code, 0, "{log}");
    let files = git(
        repo.remote.path(),
        &["ls-tree", "-r", "--name-only", "intake/issue-7"],
    );
    assert!(files.contains("dataset/acme-widgets.json"), "{files}");
    let entry: serde_json::Value = serde_json::from_str(&git(
        repo.remote.path(),
        &["show", "intake/issue-7:dataset/acme-widgets.json"],
    ))
    .unwrap();
    assert_eq!(entry["verification"]["status"], "unverified");
    let message = git(
        repo.remote.path(),
        &["log", "-1", "--format=%B", "intake/issue-7"],
    );
    assert!(
        message.starts_with("Add acme-widgets (intake #7)") && message.contains("Closes #7"),
        "{message}"
    );
    let parent = git(repo.remote.path(), &["rev-parse", "intake/issue-7~1"]);
    assert_eq!(
        parent,
        git(repo.remote.path(), &["rev-parse", "main"]),
        "the branch starts from main"
    );
    assert!(
        log.contains("gh pr create --repo example/icelist --base main --head intake/issue-7 --title Add acme-widgets (intake #7)"),
        "{log}"
    );
    assert!(log.contains("Closes #7"), "{log}");
    // Approved again (after an edit): the branch is made afresh and the pull request updated.
    let body = submission().replace("Springfield", "Shelbyville");
    let (code, log) = check_then_approve(&repo, &body, &[("FAKE_PR", "12")]);
    assert_eq!(code, 0, "{log}");
    assert!(log.contains("gh pr edit 12"), "{log}");
    let count = git(
        repo.remote.path(),
        &["rev-list", "--count", "main..intake/issue-7"],
    );
    assert_eq!(count.trim(), "1", "one commit on top of main");
    let entry = git(
        repo.remote.path(),
        &["show", "intake/issue-7:dataset/acme-widgets.json"],
    );
    assert!(entry.contains("Shelbyville"), "{entry}");
}

#[test]
fn an_approval_holds_only_for_the_text_the_maintainer_read() {
    let repo = intake_repo();
    let read = submission();
    let edited = submission().replace("Springfield", "Shelbyville");
    let outputs = tempfile::tempdir().unwrap();
    let output = outputs.path().join("github_output");
    let env = [("GITHUB_OUTPUT", output.to_str().unwrap())];
    let approve =
        |body: &str| intake_step(&repo, "approve", "issue-labeled-approved.json", body, &env);
    let nothing_pushed = || {
        let branches = git(repo.remote.path(), &["branch", "--list"]);
        assert!(!branches.contains("intake/issue-7"), "{branches}");
    };
    let refused = |(code, log): (i32, String), why: &str| {
        assert_eq!(code, 1, "{log}");
        assert!(
            log.contains("gh issue edit 7 --repo example/icelist --remove-label intake:approved"),
            "{log}"
        );
        let comment = posted(&log);
        assert!(
            comment.starts_with("<!-- icelist-intake -->\n> **The approval was not applied: "),
            "{comment}"
        );
        assert!(comment.contains(why), "{comment}");
        assert!(
            !comment.contains("icelist-intake-body-sha256"),
            "no approval holds: {comment}"
        );
        assert!(!log.contains("gh pr"), "{log}");
        assert_eq!(std::fs::read_to_string(&output).unwrap(), "refused=yes\n");
        std::fs::remove_file(&output).unwrap();
        nothing_pushed();
    };

    // The check records the SHA-256 of the very bytes it read.
    let (_, log) = intake_step(&repo, "check", "issue-opened.json", &read, &env);
    let checked_read = posted(&log).to_owned();
    assert_eq!(
        checked_read.lines().nth(1).unwrap(),
        format!("<!-- icelist-intake-body-sha256: {} -->", sha256(&read))
    );
    let (_, log) = intake_step(&repo, "check", "issue-opened.json", &edited, &env);
    let checked_edited = posted(&log).to_owned();
    assert!(checked_edited.contains(&sha256(&edited)));

    // A maintainer read the check of one text; the label event carries another.
    api_pages(
        &repo,
        "comments",
        &[serde_json::json!([bot_comment(99, &checked_read)])],
    );
    label_events(&repo, &[("labeled", LABELED_AT)]);
    refused(approve(&edited), "edited after that check");
    // The edited text's check pasted by someone else changes nothing.
    api_pages(
        &repo,
        "comments",
        &[serde_json::json!([
            bot_comment(99, &checked_read),
            comment(100, "mallory", "User", &checked_edited),
        ])],
    );
    refused(approve(&edited), "edited after that check");
    // No check by the bot at all.
    api_pages(&repo, "comments", &[]);
    refused(approve(&edited), "was not found");
    // The edited text's check was written after the label: the maintainer read an older one.
    let mut late = bot_comment(99, &checked_edited);
    late["updated_at"] = serde_json::json!("2026-06-01T10:06:00Z");
    api_pages(&repo, "comments", &[serde_json::json!([late])]);
    refused(approve(&edited), "changed after the label was added");
    // The label was taken off since (an edit after the approval does that): nothing to do.
    api_pages(
        &repo,
        "comments",
        &[serde_json::json!([bot_comment(99, &checked_edited)])],
    );
    label_events(
        &repo,
        &[
            ("labeled", LABELED_AT),
            ("unlabeled", "2026-06-01T10:07:00Z"),
        ],
    );
    let (code, log) = approve(&edited);
    assert_eq!(code, 0, "{log}");
    assert!(!log.contains("--- file") && !log.contains("gh pr"), "{log}");
    nothing_pushed();

    // After a refusal the recheck job checks the text the label event carries.
    let (code, log) = intake_step(&repo, "check", "issue-labeled-approved.json", &edited, &env);
    assert_eq!(code, 0, "{log}");
    let rechecked = posted(&log);
    assert!(
        rechecked.contains("**The approval was not applied**"),
        "{rechecked}"
    );
    assert!(rechecked.contains(&sha256(&edited)), "{rechecked}");
    // A maintainer reads it and labels again: that text becomes the pull request.
    api_pages(
        &repo,
        "comments",
        &[serde_json::json!([bot_comment(99, rechecked)])],
    );
    label_events(&repo, &[("labeled", LABELED_AT)]);
    let (code, log) = approve(&edited);
    assert_eq!(code, 0, "{log}");
    assert!(!output.exists(), "not refused");
    let entry = git(
        repo.remote.path(),
        &["show", "intake/issue-7:dataset/acme-widgets.json"],
    );
    assert!(entry.contains("Shelbyville"), "{entry}");
}

#[test]
fn every_comment_fits_github_and_a_cut_report_is_left_whole_for_the_run() {
    let repo = intake_repo();
    let reports = tempfile::tempdir().unwrap();
    let dir = reports.path().join("intake-report");
    let env = [("INTAKE_REPORT_DIR", dir.to_str().unwrap())];
    let sources = (1..=3000)
        .map(|n| format!("line {n} | no URL"))
        .collect::<Vec<_>>()
        .join("\n");
    let body = submission().replace(
        "https://gazette.example.org/cbp-acme | CBP awards drone contract to Acme Widgets | Example Gazette | 2025-02-01 | government-record",
        &sources,
    );
    // The longest comment the check writes: the note on an edit after approval, then the report.
    let (code, log) = intake_step(
        &repo,
        "check",
        "issue-edited-after-approval.json",
        &body,
        &env,
    );
    assert_eq!(code, 0, "{log}");
    let comment = posted(&log);
    assert!(
        comment.chars().count() < 65_536,
        "{}",
        comment.chars().count()
    );
    assert!(
        comment.contains("edited after a maintainer approved it"),
        "{comment}"
    );
    assert!(comment.contains("more lines of this report"), "{comment}");
    assert!(
        comment.contains("attached to the workflow run"),
        "{comment}"
    );
    let full = std::fs::read_to_string(dir.join("intake-report.md")).unwrap();
    assert!(full.contains("**Sources, line 3000**"));
    assert!(!comment.contains("**Sources, line 3000**"));
    // The approve step's comment of the same text is cut the same way.
    std::fs::remove_dir_all(&dir).unwrap();
    let (code, log) = check_then_approve(&repo, &body, &env);
    assert_eq!(code, 1, "{log}");
    assert!(posted(&log).chars().count() < 65_536);
    assert!(dir.join("intake-report.md").exists());
    // A report that fits leaves nothing to attach.
    std::fs::remove_dir_all(&dir).unwrap();
    let (code, log) = intake_step(&repo, "check", "issue-opened.json", &submission(), &env);
    assert_eq!(code, 0, "{log}");
    assert!(!posted(&log).contains("more lines"));
    assert!(!dir.join("intake-report.md").exists());
}

#[test]
fn a_submission_with_problems_is_not_turned_into_a_pull_request() {
    let repo = intake_repo();
    let body = submission().replace("| Example News |", "| |");
    let (code, log) = check_then_approve(&repo, &body, &[]);
    assert_eq!(code, 1, "{log}");
    assert!(!log.contains("gh pr create"), "{log}");
    assert!(log.contains("Needs changes"), "{log}");
    let branches = git(repo.remote.path(), &["branch", "--list"]);
    assert!(!branches.contains("intake/issue-7"), "{branches}");
}

#[test]
fn shell_and_workflow_command_text_in_a_submission_is_never_run() {
    let repo = intake_repo();
    let marker = repo.bin.path().join("pwned");
    let hostile = format!(
        "$(touch {m}) `touch {m}` ; touch {m} ::set-output name=x::y ${{{{ github.token }}}}",
        m = marker.display()
    );
    let body = submission()
        .replace(
            "Acme Widgets\n\n### Other",
            &format!("Acme Widgets {hostile}\n\n### Other"),
        )
        .replace("Springfield", &hostile);
    let (code, log) = check_then_approve(&repo, &body, &[]);
    assert_eq!(code, 0, "{log}");
    assert!(!marker.exists(), "{log}");
    for line in log.lines() {
        assert!(!line.starts_with("::"), "{line}");
    }
}

#[test]
fn the_steps_run_no_interpreter_and_push_with_a_token_they_never_store() {
    let repo = intake_repo();
    // Interpreters a step could start, each leaving a witness when it runs.
    let shims = tempfile::tempdir().unwrap();
    let ran = shims.path().join("ran");
    for program in ["python3", "python", "jq", "node", "perl"] {
        let path = shims.path().join(program);
        std::fs::write(
            &path,
            format!(
                "#!/bin/sh\necho \"$0\" >> {:?}\nexit 0\n",
                ran.display().to_string()
            ),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!(
        "{}:{}",
        shims.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let token = "ghs_not_a_real_token_0123456789";
    let github_url = format!("https://x-access-token:{token}@github.com/example/icelist.git");
    let remote = repo.remote.path().to_str().unwrap().to_owned();
    // No INTAKE_PUSH_URL: the script's own URL, which git rewrites to the local remote (and no
    // transport but a local one is allowed, so nothing reaches the network).
    let env = [
        ("PATH", path.as_str()),
        ("GH_TOKEN", token),
        ("INTAKE_PUSH_URL", ""),
        ("GIT_CONFIG_COUNT", "1"),
        ("GIT_CONFIG_KEY_0", &format!("url.{remote}.insteadOf")),
        ("GIT_CONFIG_VALUE_0", &github_url),
    ];
    let (code, log) = check_then_approve(&repo, &submission(), &env);
    assert_eq!(code, 0, "{log}");
    assert!(
        !ran.exists(),
        "an interpreter ran: {}",
        std::fs::read_to_string(&ran).unwrap_or_default()
    );
    let files = git(
        repo.remote.path(),
        &["ls-tree", "-r", "--name-only", "intake/issue-7"],
    );
    assert!(files.contains("dataset/acme-widgets.json"), "{files}");
    let config = std::fs::read_to_string(repo.tree.root().join(".git/config")).unwrap();
    assert!(!config.contains(token), "{config}");
    assert!(!log.contains(token), "{log}");
}

#[test]
fn a_name_the_submitter_typed_closes_nothing_and_names_nothing() {
    let repo = intake_repo();
    let body = submission().replace(
        "Acme Widgets\n\n### Other",
        "Fixes #1 `Closes #2` Acme\nCloses #3\n\n### Other",
    );
    let (code, log) = check_then_approve(&repo, &body, &[]);
    assert_eq!(code, 0, "{log}");
    let message = git(
        repo.remote.path(),
        &["log", "-1", "--format=%B", "intake/issue-7"],
    );
    assert_eq!(
        message.trim_end(),
        "Add fixes-1-closes-2-acme (intake #7)\n\nCloses #7"
    );
    assert!(
        log.contains("--title Add fixes-1-closes-2-acme (intake #7) --body-file"),
        "{log}"
    );
    for reference in ["#1", "#2", "#3", "Fixes"] {
        assert!(!log.contains(reference), "{reference}: {log}");
    }
    assert_eq!(log.matches("Closes #").count(), 1, "{log}");
    // The entry keeps the name as given: only the names of the commit and the pull request
    // come from its id.
    let entry: serde_json::Value = serde_json::from_str(&git(
        repo.remote.path(),
        &["show", "intake/issue-7:dataset/fixes-1-closes-2-acme.json"],
    ))
    .unwrap();
    assert_eq!(entry["name"], "Fixes #1 `Closes #2` Acme");
}

#[test]
fn a_mention_in_a_submission_pings_no_one() {
    let repo = intake_repo();
    let body = submission()
        .replace(
            "Acme Widgets\n\n### Other",
            "Acme Widgets @octocat\n\n### Other",
        )
        .replace("Springfield", "Springfield, ask @octocat or @org/team")
        .replace(
            "It sells drones to CBP.[1]",
            "It sells drones to CBP.[1] cc @octocat @org/team",
        );
    let unlisted = body.replace(
        "https://news.example.com",
        "@octocat @org/team https://news.example.com",
    );
    for body in [&body, &unlisted] {
        let (_, check) = intake_step(&repo, "check", "issue-opened.json", body, &[]);
        let (_, approve) = check_then_approve(&repo, body, &[]);
        for log in [check, approve] {
            let log = log.split("\n--- stderr\n").next().unwrap();
            assert!(log.contains("gh "), "nothing was sent: {log}");
            // GitHub reads `@name` as a mention even after a backslash: a word joiner stops it.
            for mention in ["@octocat", "@org/team"] {
                assert!(!log.contains(mention), "{mention} pings: {log}");
            }
        }
    }
    let (_, log) = intake_step(&repo, "check", "issue-opened.json", &unlisted, &[]);
    assert!(log.contains("@\u{2060}octocat"), "{log}");
    assert!(log.contains("@\u{2060}org/team"), "{log}");
    let message = git(
        repo.remote.path(),
        &["log", "-1", "--format=%B", "intake/issue-7"],
    );
    assert!(!message.contains('@'), "{message}");
}

/// Runs a weekly check's script (`.github/scripts/<script>`) in the repository with the
/// recording `gh`: its exit code, what `gh` was asked (and the script's stderr), and the job
/// summary.
#[cfg(feature = "online")]
fn run_weekly(
    repo: &IntakeRepo,
    script: &str,
    check_args: &str,
    env: &[(&str, &str)],
) -> (i32, String, String) {
    let _ = std::fs::remove_file(repo.bin.path().join("gh.log"));
    let summary = repo.bin.path().join("summary.md");
    let _ = std::fs::remove_file(&summary);
    let output = std::process::Command::new("bash")
        .arg(repo_path(&format!(".github/scripts/{script}")))
        .current_dir(repo.tree.root())
        .env("ICELIST", assert_cmd::cargo::cargo_bin("icelist"))
        .env("GITHUB_REPOSITORY", "example/icelist")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("GH", repo.bin.path().join("gh"))
        .env("ICELIST_TODAY", common::FIXTURE_TODAY)
        .env("ICELIST_CHECK_ARGS", check_args)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        std::fs::read_to_string(repo.bin.path().join("gh.log")).unwrap_or_default()
            + &String::from_utf8_lossy(&output.stderr),
        std::fs::read_to_string(&summary).unwrap_or_default(),
    )
}

/// The sources workflow's step: the report goes to the job summary and to one issue, which is
/// closed when every link is alive again.
#[cfg(feature = "online")]
#[test]
fn the_link_check_keeps_one_issue_of_dead_and_suspect_links() {
    let server = mock_http::MockServer::start();
    let repo = intake_repo();
    // Only links to the mock server: no test touches the internet.
    std::fs::remove_file(repo.tree.root().join("dataset/example-holdings-00042.json")).unwrap();
    let mut entry = contributed("acme-widgets", "Acme Widgets");
    entry["sources"][0]["url"] = serde_json::json!(server.url("/missing/report"));
    entry["sources"][1]["url"] = serde_json::json!(server.url("/ok/a"));
    entry["sources"][2]["url"] = serde_json::json!(server.url("/ok/b"));
    repo.tree.write_entry(&entry);
    let run = |env: &[(&str, &str)]| {
        run_weekly(
            &repo,
            "sources-check.sh",
            "--allow-address 127.0.0.1 --host-interval 0",
            env,
        )
    };
    let (code, log, summary) = run(&[]);
    assert_eq!(code, 0, "{log}");
    assert!(
        log.contains("gh issue create --repo example/icelist --label link-check"),
        "{log}"
    );
    assert!(
        log.contains("| suspect | `acme-widgets` | [1] url | not-found | 1 |"),
        "{log}"
    );
    assert!(summary.contains("2 alive, 1 suspect"), "{summary}");
    let (code, log, _) = run(&[("FAKE_ISSUE", "31")]);
    assert_eq!(code, 0, "{log}");
    assert!(log.contains("gh issue edit 31"), "{log}");
    // The page is back: the issue is closed.
    entry["sources"][0]["url"] = serde_json::json!(server.url("/ok/report"));
    repo.tree.write_entry(&entry);
    let (code, log, _) = run(&[("FAKE_ISSUE", "31")]);
    assert_eq!(code, 0, "{log}");
    assert!(log.contains("gh issue close 31"), "{log}");
}

/// The awards workflow's step: awards that need a maintainer go to one issue, which is closed
/// when every record matches its claim again; the dataset is never written.
#[cfg(feature = "online")]
#[test]
fn the_award_check_keeps_one_issue_of_awards_that_need_a_maintainer() {
    use mock_api::{Api, award_path, ok, record};
    let api = Api::start();
    let good = "CONT_AWD_ACME0001_ZZ01_-NONE-_-NONE-";
    let bad = "CONT_AWD_ACME0002_ZZ01_-NONE-_-NONE-";
    let cbp = "U.S. Customs and Border Protection";
    api.on(
        &award_path(good),
        vec![ok(record(good, "ACME WIDGETS INC", cbp, 1.0, "2026-12-31"))],
    );
    api.on(
        &award_path(bad),
        vec![ok(record(
            bad,
            "GLOBEX EXAMPLE LLC",
            cbp,
            1.0,
            "2026-12-31",
        ))],
    );
    let repo = intake_repo();
    let mut entry = contributed("acme-widgets", "Acme Widgets");
    entry["claims"][0]["awards"] =
        serde_json::json!([{"id": good, "role": "prime"}, {"id": bad, "role": "prime"}]);
    repo.tree.write_entry(&entry);
    let args = format!(
        "--api-base {} --allow-private-addresses --host-interval 0",
        api.base()
    );
    let run = |env: &[(&str, &str)]| run_weekly(&repo, "awards-check.sh", &args, env);
    let (code, log, summary) = run(&[]);
    assert_eq!(code, 0, "{log}");
    assert!(
        log.contains("gh issue create --repo example/icelist --label award-check"),
        "{log}"
    );
    assert!(
        log.contains(bad) && !log.contains(&format!("[{good}]")),
        "{log}"
    );
    assert!(log.contains("GLOBEX EXAMPLE LLC"), "{log}");
    assert!(summary.contains("1 confirmed, 1 mismatch"), "{summary}");
    let (code, log, _) = run(&[("FAKE_ISSUE", "44")]);
    assert_eq!(code, 0, "{log}");
    assert!(log.contains("gh issue edit 44"), "{log}");
    // The mismatched award is removed from the claim: the issue is closed.
    entry["claims"][0]["awards"] = serde_json::json!([{"id": good, "role": "prime"}]);
    repo.tree.write_entry(&entry);
    let (code, log, _) = run(&[("FAKE_ISSUE", "44")]);
    assert_eq!(code, 0, "{log}");
    assert!(log.contains("gh issue close 44"), "{log}");
    // The weekly check writes nothing in the dataset.
    assert!(
        !repo
            .tree
            .read("dataset/acme-widgets.json")
            .contains("as_of")
    );
}

/// The release workflow's steps on a repository with two tags: the changelog since the
/// previous tag, the build with its notes, and the release with every file under a flat name,
/// which a downloader checks with `sha256sum -c SHA256SUMS` as they come.
#[test]
fn a_release_carries_the_changelog_the_exports_and_their_checksums() {
    // The release packs the npm package and the wheel.
    let packers = ["npm --version", "python3 -c 'import flit_core'"]
        .iter()
        .all(|probe| {
            std::process::Command::new("sh")
                .args(["-c", probe])
                .output()
                .is_ok_and(|o| o.status.success())
        });
    if !common::external_tool(packers, "npm and python3 with flit_core") {
        return;
    }
    let repo = intake_repo();
    git(repo.tree.root(), &["tag", "v2026.06.01"]);
    repo.tree
        .write_entry(&contributed("acme-widgets", "Acme Widgets"));
    // The repository's output schemas, which a release uploads.
    for schema in std::fs::read_dir(repo_path("schema/outputs")).unwrap() {
        let schema = schema.unwrap();
        repo.tree.write(
            &format!("schema/outputs/{}", schema.file_name().to_str().unwrap()),
            &std::fs::read_to_string(schema.path()).unwrap(),
        );
    }
    git(repo.tree.root(), &["add", "."]);
    git(repo.tree.root(), &["commit", "--quiet", "-m", "add acme"]);
    git(repo.tree.root(), &["tag", "v2026.06.08"]);
    let output = std::process::Command::new("bash")
        .arg(repo_path(".github/scripts/release.sh"))
        .current_dir(repo.tree.root())
        .env("ICELIST", assert_cmd::cargo::cargo_bin("icelist"))
        .env("RELEASE_TAG", "v2026.06.08")
        .env("GITHUB_REPOSITORY", "example/icelist")
        .env("GH", repo.bin.path().join("gh"))
        .output()
        .unwrap();
    let log = std::fs::read_to_string(repo.bin.path().join("gh.log")).unwrap_or_default();
    assert!(
        output.status.success(),
        "{log}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        log.contains("gh release create v2026.06.08 --repo example/icelist --title v2026.06.08"),
        "{log}"
    );
    assert!(
        log.contains("## Changes from `v2026.06.01` to `v2026.06.08`"),
        "{log}"
    );
    // What a downloader does: the uploaded assets in an empty folder, checked and read.
    let uploaded = repo.bin.path().join("release");
    let downloads = tempfile::tempdir().unwrap();
    let mut names: Vec<String> = std::fs::read_dir(&uploaded)
        .unwrap()
        .map(|f| f.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    for name in &names {
        std::fs::copy(uploaded.join(name), downloads.path().join(name)).unwrap();
    }
    // The release carries the schema of every JSON output besides the data files.
    let output_schemas: Vec<String> = std::fs::read_dir(repo_path("schema/outputs"))
        .unwrap()
        .map(|f| f.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(output_schemas.len() > 5);
    for schema in &output_schemas {
        assert!(names.contains(schema), "{schema} is not in the release");
    }
    let mut data_files = names.clone();
    data_files.retain(|name| !output_schemas.contains(name));
    assert_eq!(
        data_files,
        [
            "SHA256SUMS",
            "awards.csv",
            "changes.json",
            "claims.csv",
            "companies.csv",
            "companies.json",
            "companies.ndjson",
            "company.schema.json",
            "datapackage.json",
            "delta.ndjson",
            "domains.json",
            "history.json",
            "icelist-data-2026.6.8.tgz",
            "icelist.sqlite",
            "icelist_data-2026.6.8-py3-none-any.whl",
            "manifest.json",
            "metadata.json",
            "redirects.json",
            "redirects.schema.json",
            "responses.csv",
            "site.tar.gz",
            "sources.csv",
        ]
    );
    let release = downloads.path();
    let changes: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(release.join("changes.json")).unwrap())
            .unwrap();
    assert_eq!(changes["from"], "v2026.06.01");
    assert_eq!(changes["summary"]["added"], 1);
    // SHA256SUMS names exactly the other assets, by their flat names, and every sum holds.
    let sums = std::fs::read_to_string(release.join("SHA256SUMS")).unwrap();
    let listed: Vec<&str> = sums
        .lines()
        .map(|line| line.split_once("  ").unwrap().1)
        .collect();
    assert_eq!(listed, names[1..]);
    let check = std::process::Command::new("sha256sum")
        .args(["-c", "SHA256SUMS"])
        .current_dir(release)
        .output()
        .unwrap();
    assert!(check.status.success(), "{check:?}");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(release.join("manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["dataset_version"], "v2026.06.08");
    assert_eq!(manifest["schema_version"], 1);
    assert_eq!(manifest["counts"]["companies"], 2);
    let delta = std::fs::read_to_string(release.join("delta.ndjson")).unwrap();
    assert!(
        delta.starts_with("{\"op\":\"add\",\"id\":\"acme-widgets\",\"entry\":{"),
        "{delta}"
    );
    // The site archive unpacks to the pages the build wrote.
    let site = tempfile::tempdir().unwrap();
    let unpack = std::process::Command::new("tar")
        .arg("-xzf")
        .arg(release.join("site.tar.gz"))
        .current_dir(site.path())
        .output()
        .unwrap();
    assert!(unpack.status.success(), "{unpack:?}");
    for page in [
        "index.html",
        "site.js",
        "search-index.js",
        "methodology.html",
        "downloads.html",
        "changes.html",
        "companies/acme-widgets.html",
    ] {
        assert!(site.path().join(page).is_file(), "{page}");
    }
    // The downloads page gives the SHA-256 of each file uploaded from the build, as
    // SHA256SUMS does, with its address in this release.
    let downloads = std::fs::read_to_string(site.path().join("downloads.html")).unwrap();
    let mut listed = Vec::new();
    for line in sums.lines() {
        let (sum, name) = line.split_once("  ").unwrap();
        if downloads.contains(&format!("/releases/download/v2026.06.08/{name}\"")) {
            assert!(downloads.contains(sum), "{name}: {downloads}");
            listed.push(name);
        }
    }
    for name in [
        "companies.json",
        "icelist.sqlite",
        "changes.json",
        "manifest.json",
        "company.schema.json",
        "redirects.json",
        "redirects.schema.json",
    ] {
        assert!(
            listed.contains(&name),
            "{name} is not on the downloads page: {listed:?}"
        );
    }
    assert!(!downloads.contains(&sums.lines().find(|l| l.ends_with("site.tar.gz")).unwrap()[..64]));
    // The feed has this release and the one before, newest first, dated by their names.
    let feed = std::fs::read_to_string(site.path().join("feed.xml")).unwrap();
    let ids: Vec<&str> = feed
        .split("<id>")
        .skip(1)
        .map(|s| s.split_once("</id>").unwrap().0)
        .collect();
    assert_eq!(
        ids,
        [
            "tag:icelist,2026:feed",
            "tag:icelist,2026:release/v2026.06.08",
            "tag:icelist,2026:release/v2026.06.01"
        ],
        "{feed}"
    );
    assert!(
        feed.contains("<updated>2026-06-01T00:00:00+00:00</updated>"),
        "{feed}"
    );
    assert!(
        feed.contains("1 added, 0 removed, 0 renamed, 0 changed since v2026.06.01."),
        "{feed}"
    );
}

/// The release workflow's publish jobs (`.github/scripts/publish.sh`) with recorders in place
/// of npm, twine and cargo: each publishes exactly the release's file with its token kept off
/// the command line, a registry without a token is skipped, and a crate version that is
/// already published is not a failure.
#[test]
fn publishing_sends_each_package_to_its_registry_and_skips_a_missing_token() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let log = dir.path().join("calls.log");
    // Each recorder logs its arguments and what it was given for credentials.
    for (tool, credentials) in [
        ("npm", r#"cat "$NPM_CONFIG_USERCONFIG""#),
        (
            "twine",
            r#"echo "user=$TWINE_USERNAME password=$TWINE_PASSWORD""#,
        ),
        (
            "cargo",
            r#"echo "token=$CARGO_REGISTRY_TOKEN"; if [ -n "${ALREADY:-}" ]; then echo "error: crate version \`0.1.0\` already exists on crates.io index" >&2; exit 101; fi"#,
        ),
    ] {
        let path = bin.join(tool);
        std::fs::write(
            &path,
            format!(
                "#!/usr/bin/env bash\nset -eu\n{{ echo \"{tool} $*\"; {credentials}; }} >>{log:?}\n"
            ),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let release = dir.path().join("release");
    std::fs::create_dir(&release).unwrap();
    std::fs::write(release.join("icelist-data-2026.6.8.tgz"), "npm package").unwrap();
    std::fs::write(
        release.join("icelist_data-2026.6.8-py3-none-any.whl"),
        "wheel",
    )
    .unwrap();
    let publish = |target: &str, env: &[(&str, &str)]| {
        let mut command = std::process::Command::new("bash");
        command
            .arg(repo_path(".github/scripts/publish.sh"))
            .arg(target)
            .current_dir(&release)
            .env("NPM", bin.join("npm"))
            .env("TWINE", bin.join("twine"))
            .env("CARGO", bin.join("cargo"))
            .env_remove("NPM_TOKEN")
            .env_remove("PYPI_TOKEN")
            .env_remove("CARGO_REGISTRY_TOKEN");
        for (key, value) in env {
            command.env(key, value);
        }
        command.output().unwrap()
    };
    let calls = || std::fs::read_to_string(&log).unwrap_or_default();

    // No tokens: every registry is skipped, with a notice, and nothing is called.
    for target in ["npm", "pypi", "crate"] {
        let skipped = publish(target, &[]);
        assert!(skipped.status.success(), "{skipped:?}");
        assert!(
            String::from_utf8_lossy(&skipped.stdout).contains("::notice::"),
            "{skipped:?}"
        );
    }
    assert_eq!(calls(), "");

    let npm = publish("npm", &[("NPM_TOKEN", "npm-secret")]);
    assert!(npm.status.success(), "{npm:?}");
    let pypi = publish("pypi", &[("PYPI_TOKEN", "pypi-secret")]);
    assert!(pypi.status.success(), "{pypi:?}");
    let crate_ = publish("crate", &[("CARGO_REGISTRY_TOKEN", "crate-secret")]);
    assert!(crate_.status.success(), "{crate_:?}");
    assert_eq!(
        calls(),
        "npm publish ./icelist-data-2026.6.8.tgz --access public --provenance\n\
         //registry.npmjs.org/:_authToken=npm-secret\n\
         twine upload --non-interactive icelist_data-2026.6.8-py3-none-any.whl\n\
         user=__token__ password=pypi-secret\n\
         cargo publish --locked\n\
         token=crate-secret\n"
    );
    // A crate version already on crates.io: noted, not a failure. Any other error fails.
    let again = publish(
        "crate",
        &[("CARGO_REGISTRY_TOKEN", "crate-secret"), ("ALREADY", "1")],
    );
    assert!(again.status.success(), "{again:?}");
    assert!(String::from_utf8_lossy(&again.stdout).contains("already on crates.io"));

    // Two wheels (or none): nothing is published.
    std::fs::write(
        release.join("icelist_data-2026.6.1-py3-none-any.whl"),
        "older wheel",
    )
    .unwrap();
    let before = calls();
    let ambiguous = publish("pypi", &[("PYPI_TOKEN", "pypi-secret")]);
    assert_eq!(ambiguous.status.code(), Some(2), "{ambiguous:?}");
    assert_eq!(calls(), before);
}

/// `verification-changed` through the review script: a pull request that adds a verified
/// entry fails, says so first in its summary, and passes once `verification-approved` holds
/// for the reviewed commit; the approval never switches to the pull request's tool, and a
/// label given before the last push does not count.
#[test]
fn a_verified_entry_needs_the_verification_approved_label_on_the_reviewed_commit() {
    let (tree, base) = pull_request(|tree| {
        let mut entry = contributed("acme-gadgets", "Acme Gadgets");
        entry["verification"] = serde_json::json!({"status": "verified", "date": "2026-01-15"});
        tree.write_entry(&entry);
    });
    let (code, out, summary) = review(&tree, &base, "pull-request-opened.json");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("title=verification-changed"), "{out}");
    assert!(
        summary.starts_with("> **Needs a maintainer**: 1 entry becomes verified"),
        "{summary}"
    );

    let timeline = r#"[{"event":"committed","sha":"HEAD_SHA"},
{"event":"labeled","label":{"name":"verification-approved"},"created_at":"2026-12-01T10:00:00Z"}]"#;
    let mut approved = ReviewRun::new("pull-request-labeled-verification-approved.json");
    approved.timeline = Some(timeline);
    let (code, out, _) = review_with(&tree, &base, approved);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("verification-approved is set"), "{out}");
    // Still the base revision's tool, schema and icelist.toml.
    assert!(
        out.contains("Judging with the base revision's tool"),
        "{out}"
    );
    assert!(!out.contains("verification-changed"), "{out}");

    // Labelled, then pushed: the label was given on another commit.
    let pushed_after = r#"[{"event":"labeled","label":{"name":"verification-approved"},"created_at":"2026-12-01T10:00:00Z"},
{"event":"committed","sha":"HEAD_SHA"}]"#;
    let mut stale = ReviewRun::new("pull-request-labeled-verification-approved.json");
    stale.timeline = Some(pushed_after);
    let (code, out, _) = review_with(&tree, &base, stale);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("title=verification-changed"), "{out}");
}

/// `redirect-added` through the review script: a pull request that merges one entry into
/// another fails until `redirect-approved` holds for the reviewed commit; then the base
/// revision's tool is passed --allow-redirect. A label given before the last push does not
/// count.
#[test]
fn a_merge_needs_the_redirect_approved_label_on_the_reviewed_commit() {
    let tree = Tree::new();
    let repo = git2::Repository::init(tree.root()).unwrap();
    tree.write_entry(&contributed("acme-widgets", "Acme Widgets"));
    tree.write_entry(&contributed("acme-widgets-two", "Acme Widgets Two"));
    common::commit_all(&repo, "base");
    let base = head_of(&tree);
    std::fs::remove_file(tree.root().join("dataset/acme-widgets-two.json")).unwrap();
    tree.write(
        "dataset/redirects.json",
        "{\n  \"acme-widgets-two\": {\n    \"to\": \"acme-widgets\",\n    \"reason\": \"merged\",\n    \"date\": \"2026-05-11\"\n  }\n}\n",
    );
    common::commit_all(&repo, "the pull request");

    let (code, out, _) = review(&tree, &base, "pull-request-opened.json");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("title=redirect-added"), "{out}");
    assert!(!out.contains("entry-removed"), "{out}");

    let timeline = r#"[{"event":"committed","sha":"HEAD_SHA"},
{"event":"labeled","label":{"name":"redirect-approved"},"created_at":"2026-12-01T10:00:00Z"}]"#;
    let mut approved = ReviewRun::new("pull-request-labeled-redirect-approved.json");
    approved.timeline = Some(timeline);
    let (code, out, _) = review_with(&tree, &base, approved);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("redirect-approved is set"), "{out}");
    assert!(
        out.contains("Judging with the base revision's tool"),
        "{out}"
    );

    let pushed_after = r#"[{"event":"labeled","label":{"name":"redirect-approved"},"created_at":"2026-12-01T10:00:00Z"},
{"event":"committed","sha":"HEAD_SHA"}]"#;
    let mut stale = ReviewRun::new("pull-request-labeled-redirect-approved.json");
    stale.timeline = Some(pushed_after);
    let (code, out, _) = review_with(&tree, &base, stale);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("title=redirect-added"), "{out}");
}

/// Every approval label the review reads is one the approvals workflow removes on a push:
/// a label the workflow forgot would outlive the commit it was given on.
#[test]
fn the_approvals_workflow_resets_every_approval_label() {
    let workflow = std::fs::read_to_string(repo_path(".github/workflows/approvals.yml")).unwrap();
    for label in icelist::pull_request::APPROVAL_LABELS {
        assert!(
            workflow.contains(&format!(
                "contains(github.event.pull_request.labels.*.name, '{label}')"
            )),
            "{label} does not trigger the reset"
        );
        let removed = workflow
            .lines()
            .find(|l| l.trim_start().starts_with("for label in"))
            .unwrap();
        assert!(
            removed
                .split_whitespace()
                .any(|w| w.trim_end_matches(';') == label),
            "{label} is not removed"
        );
    }
}

/// The intake repository with the three forms that change an entry, committed and pushed.
fn intake_repo_with_change_forms() -> IntakeRepo {
    let repo = intake_repo();
    for form in [
        "correct-entry.yml",
        "company-response.yml",
        "propose-delisting.yml",
    ] {
        let path = format!(".github/ISSUE_TEMPLATE/{form}");
        repo.tree
            .write(&path, &std::fs::read_to_string(repo_path(&path)).unwrap());
    }
    git(repo.tree.root(), &["add", "."]);
    git(
        repo.tree.root(),
        &["commit", "--quiet", "-m", "the change forms"],
    );
    git(repo.tree.root(), &["push", "--quiet", "origin", "main"]);
    repo
}

/// A change form through the intake script: the check shows the change to the entry that
/// exists, and approval opens a pull request that modifies exactly that file, named by the
/// entry's id, whatever the submitter typed. Returns the entry on the pull request's branch.
fn change_through_intake(kind: &str, body: &str, heading: &str, title: &str) -> serde_json::Value {
    let repo = intake_repo_with_change_forms();
    api_pages(&repo, "comments", &[]);
    let opened = format!("issue-opened-{kind}.json");
    let (code, log) = intake_step(&repo, "check", &opened, body, &[]);
    assert_eq!(code, 0, "{log}");
    let comment = posted(&log).to_owned();
    assert!(comment.contains(heading), "{comment}");
    assert!(comment.contains("### What would change"), "{comment}");
    assert!(comment.contains("Ready for a maintainer"), "{comment}");
    api_pages(
        &repo,
        "comments",
        &[serde_json::json!([bot_comment(99, &comment)])],
    );
    label_events(&repo, &[("labeled", LABELED_AT)]);
    let approved = format!("issue-labeled-approved-{kind}.json");
    let (code, log) = intake_step(&repo, "approve", &approved, body, &[]);
    assert_eq!(code, 0, "{log}");
    assert!(
        log.contains(&format!(
            "gh pr create --repo example/icelist --base main --head intake/issue-7 --title {title}"
        )),
        "{log}"
    );
    let changed = git(
        repo.remote.path(),
        &["diff", "--name-status", "main", "intake/issue-7"],
    );
    assert_eq!(changed, "M\tdataset/example-holdings-00042.json\n");
    let message = git(
        repo.remote.path(),
        &["log", "-1", "--format=%B", "intake/issue-7"],
    );
    assert_eq!(message, format!("{title}\n\nCloses #7\n\n"));
    serde_json::from_str(&git(
        repo.remote.path(),
        &["show", "intake/issue-7:dataset/example-holdings-00042.json"],
    ))
    .unwrap()
}

const CHANGE_CONFIRMED: &str = "- [X] The reason is supported by the sources I listed.\n- [X] The correction is supported by the sources I listed.\n- [X] I included no private person's data (names of private people, e-mail addresses, phone numbers, home addresses).\n- [X] The company agrees that this statement is published next to its entry.";

#[test]
fn a_delisting_proposal_becomes_a_pull_request_that_changes_the_entry() {
    let body = format!(
        "### Entry\n\nexample-holdings-00042\n\n### Why it should be delisted\n\nExample Holdings 00042 ended its fictional contract in 2025.[1] Fixes #1\n\n### Sources\n\nhttps://news.example.com/ended | Example Holdings ends contract | Example News | 2025-04-01 | news\n\n### Confirmations\n\n{CHANGE_CONFIRMED}\n"
    );
    let entry = change_through_intake(
        "delisting",
        &body,
        "## Delisting proposal check: Example Holdings 00042",
        "Delist example-holdings-00042 (intake #7)",
    );
    assert_eq!(entry["boycott"]["status"], "delisted");
    assert_eq!(
        entry["boycott"]["reason"],
        "Example Holdings 00042 ended its fictional contract in 2025.[4] Fixes #1"
    );
}

#[test]
fn a_correction_becomes_a_pull_request_that_changes_the_entry() {
    let body = format!(
        "### Entry\n\nhttps://icelist.example/companies/example-holdings-00042.html\n\n### What is wrong\n\nHeadquarters\n\n### The wrong statement\n\nSpringfield, Oregon\n\n### What it should say\n\nShelbyville, Oregon, United States\n\n### Sources\n\nhttps://news.example.com/moved | Example Holdings moves | Example News | 2025-04-01 | news\n\n### Confirmations\n\n{CHANGE_CONFIRMED}\n"
    );
    let entry = change_through_intake(
        "correction",
        &body,
        "## Correction check: Example Holdings 00042",
        "Correct example-holdings-00042 (intake #7)",
    );
    assert_eq!(entry["headquarters"], "Shelbyville, Oregon, United States");
}

#[test]
fn a_company_response_becomes_a_pull_request_that_changes_the_entry() {
    let body = format!(
        "### Entry\n\nexample-holdings-00042\n\n### Your role at the company\n\nPress officer\n\n### Response\n\nThe company declines to comment\n\n### Public statement\n\nExample Holdings 00042 does not comment on contracts.\n\n### Where the statement is published\n\nhttps://holdings.example/press/no-comment\n\n### Claims the company disputes\n\n_No response_\n\n### How a maintainer can confirm this\n\npress office on holdings.example\n\n### Confirmations\n\n{CHANGE_CONFIRMED}\n"
    );
    let entry = change_through_intake(
        "company-response",
        &body,
        "## Response check: Example Holdings 00042",
        "Add the response of example-holdings-00042 (intake #7)",
    );
    assert_eq!(
        entry["responses"],
        serde_json::json!([{"id": "declined-2026-05-28", "date": "2026-05-28", "kind": "declined",
            "by": "company", "confirmed": false,
            "summary": "Example Holdings 00042 does not comment on contracts. [4]"}])
    );
}

/// Found in review: an approval covers the change the maintainer read. A correction checked
/// against one version of the entry is refused when the entry changed on the default branch
/// before the label: the same text would now make another change.
#[test]
fn an_approval_is_refused_when_the_entry_changed_after_the_check() {
    let repo = intake_repo_with_change_forms();
    let body = format!(
        "### Entry\n\nexample-holdings-00042\n\n### What is wrong\n\nYear founded\n\n### The wrong statement\n\n1990\n\n### What it should say\n\n1987\n\n### Sources\n\nhttps://news.example.com/founded | Example Holdings history | Example News | 2025-04-01 | news\n\n### Confirmations\n\n{CHANGE_CONFIRMED}\n"
    );
    api_pages(&repo, "comments", &[]);
    let (code, log) = intake_step(&repo, "check", "issue-opened-correction.json", &body, &[]);
    assert_eq!(code, 0, "{log}");
    let comment = posted(&log).to_owned();
    api_pages(
        &repo,
        "comments",
        &[serde_json::json!([bot_comment(99, &comment)])],
    );
    label_events(&repo, &[("labeled", LABELED_AT)]);
    // Meanwhile the entry changes on main: the same correction is now another change.
    let path = "dataset/example-holdings-00042.json";
    let mut entry: serde_json::Value = serde_json::from_str(&repo.tree.read(path)).unwrap();
    entry["headquarters"] = serde_json::json!("Ogdenville, Oregon, United States");
    repo.tree.write(
        path,
        &(serde_json::to_string_pretty(&entry).unwrap() + "\n"),
    );
    git(
        repo.tree.root(),
        &["commit", "--quiet", "-am", "edited on main"],
    );
    git(repo.tree.root(), &["push", "--quiet", "origin", "main"]);
    git(repo.tree.root(), &["fetch", "--quiet", "origin"]);
    let (code, log) = intake_step(
        &repo,
        "approve",
        "issue-labeled-approved-correction.json",
        &body,
        &[],
    );
    assert_eq!(code, 1, "{log}");
    assert!(
        log.contains("The approval was not applied: the entry changed on the default branch"),
        "{log}"
    );
    assert!(!log.contains("gh pr create"), "{log}");
}
