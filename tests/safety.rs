//! A hostile pull request must not delete, leak or switch off anything: each case here broke
//! on an earlier version of the binary and is run through the real binary.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Tree, named_entry, valid_entry};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every file and folder under `dir` with its content (links as their target), for "nothing
/// was touched" checks.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(folder) = stack.pop() {
        for item in std::fs::read_dir(&folder).unwrap() {
            let path = item.unwrap().path();
            let metadata = std::fs::symlink_metadata(&path).unwrap();
            let value = if metadata.file_type().is_symlink() {
                format!("-> {}", std::fs::read_link(&path).unwrap().display())
            } else if metadata.is_dir() {
                stack.push(path.clone());
                "dir".into()
            } else {
                String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned()
            };
            out.insert(path.strip_prefix(dir).unwrap().to_owned(), value);
        }
    }
    out
}

/// A dataset root one level down (`<tmp>/project`), so that `..` is still a folder of the test.
struct Nested {
    outer: tempfile::TempDir,
    tree: Tree,
}

impl Nested {
    fn new() -> Self {
        let outer = tempfile::tempdir().unwrap();
        let tree = Tree::new();
        tree.write_entry(&named_entry("acme-widgets", "Acme Widgets"));
        let project = outer.path().join("project");
        std::fs::rename(tree.root(), &project).unwrap();
        std::fs::create_dir_all(tree.root()).unwrap();
        Nested { outer, tree }
    }

    fn root(&self) -> PathBuf {
        self.outer.path().join("project")
    }

    fn icelist(&self, cwd: &Path, args: &[&str]) -> std::process::Output {
        let mut cmd = self.tree.command();
        cmd.current_dir(cwd).args(args);
        cmd.output().unwrap()
    }
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn build_refuses_every_output_it_must_not_replace_and_touches_nothing() {
    let nested = Nested::new();
    let root = nested.root();
    std::fs::write(root.join("notes.txt"), "my notes").unwrap();
    std::fs::create_dir_all(root.join("mine")).unwrap();
    std::fs::write(root.join("mine/essay.txt"), "an essay").unwrap();
    // A folder with a manifest.json that is not a build's, and one with a real-looking
    // manifest beside files a build never writes.
    std::fs::create_dir_all(root.join("fake")).unwrap();
    std::fs::write(root.join("fake/manifest.json"), "{}").unwrap();
    std::fs::create_dir_all(root.join("mixed")).unwrap();
    std::fs::write(
        root.join("mixed/manifest.json"),
        r#"{"version":1,"counts":{"companies":1},"files":["companies.json","manifest.json"]}"#,
    )
    .unwrap();
    std::fs::write(root.join("mixed/thesis.tex"), "keep me").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&root, root.join("link-to-root")).unwrap();
    let root_text = root.to_string_lossy().into_owned();
    let before = snapshot(nested.outer.path());
    let dataset_dir = root.join("dataset");
    let cases: Vec<(&Path, String)> = vec![
        (&root, ".".into()),
        (&root, "./".into()),
        (&root, "..".into()),
        (&root, "/".into()),
        (&root, root_text.clone()),
        (&root, format!("{root_text}/")),
        (&root, "dataset".into()),
        (&root, "dataset/".into()),
        (&root, "./dataset/../dataset".into()),
        (&root, "dataset/out".into()),
        (&root, "schema".into()),
        (&root, "schema/dist".into()),
        (&root, ".git".into()),
        (&root, "notes.txt".into()),
        (&root, "mine".into()),
        (&root, "fake".into()),
        (&root, "mixed".into()),
        (&root, "dist/../../project".into()),
        (&dataset_dir, "..".into()),
        (&dataset_dir, ".".into()),
        #[cfg(unix)]
        (&root, "link-to-root".into()),
        #[cfg(unix)]
        (&root, "link-to-root/dataset".into()),
    ];
    for (cwd, out) in &cases {
        let args = ["--root", root_text.as_str(), "build", "--out", out.as_str()];
        let output = nested.icelist(cwd, &args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "--out {out}: {}",
            stderr(&output)
        );
        let message = stderr(&output);
        assert!(message.starts_with("icelist: error: "), "{message}");
        assert_eq!(message.lines().count(), 1, "{message}");
        assert_eq!(
            snapshot(nested.outer.path()),
            before,
            "--out {out} changed files"
        );
    }
}

#[test]
fn build_replaces_an_earlier_build_or_an_empty_folder() {
    let tree = Tree::new();
    tree.write_entry(&named_entry("acme-widgets", "Acme Widgets"));
    std::fs::create_dir_all(tree.root().join("empty")).unwrap();
    for out in ["empty", "dist", "dist/"] {
        let output = tree
            .command()
            .args(["build", "--out", out])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{out}: {}", stderr(&output));
    }
    assert!(tree.root().join("empty/companies.json").is_file());
    assert!(tree.root().join("dist/companies.json").is_file());
    // The folder icelist stages in is its own, outside dataset/.
    let staged: Vec<_> = std::fs::read_dir(tree.root().join(".icelist/tmp"))
        .unwrap()
        .collect();
    assert!(staged.is_empty(), "a finished build leaves nothing behind");
}

/// A build killed at any step leaves the old build or the new one in place, never none, and
/// the next run clears what the killed one left.
#[test]
fn a_killed_build_leaves_a_whole_build_in_place() {
    let tree = Tree::new();
    tree.write_entry(&named_entry("acme-widgets", "Acme Widgets"));
    let run = |failpoint: Option<&str>| {
        let mut cmd = tree.command();
        cmd.args(["build", "--out", "dist"]);
        if let Some(name) = failpoint {
            cmd.env("ICELIST_FAILPOINT", name);
        }
        cmd.output().unwrap()
    };
    assert_eq!(run(None).status.code(), Some(0));
    let old = tree.read("dist/companies.json");
    tree.write_entry(&named_entry("acme-gadgets", "Acme Gadgets"));

    let killed = run(Some("build-before-exchange"));
    assert!(!killed.status.success(), "the failpoint stops the run");
    assert_eq!(tree.read("dist/companies.json"), old, "the old build stays");
    assert_eq!(
        std::fs::read_dir(tree.root().join(".icelist/tmp"))
            .unwrap()
            .count(),
        1
    );

    let killed = run(Some("build-after-exchange"));
    assert!(!killed.status.success());
    assert!(
        tree.read("dist/companies.json").contains("acme-gadgets"),
        "the new build is in place"
    );
    assert_eq!(tree.lint_json(&[]).0, 0, "nothing stray under dataset/");

    assert_eq!(run(None).status.code(), Some(0));
    assert_eq!(
        std::fs::read_dir(tree.root().join(".icelist/tmp"))
            .unwrap()
            .count(),
        0,
        "the next run removes what killed runs left"
    );
}

#[cfg(unix)]
#[test]
fn a_second_build_into_the_same_folder_stops_while_the_first_runs() {
    use std::os::unix::io::AsRawFd;
    let tree = Tree::new();
    tree.write_entry(&named_entry("acme-widgets", "Acme Widgets"));
    // Hold the lock a running build holds: on the output's parent folder.
    let parent = std::fs::File::open(tree.root()).unwrap();
    assert_eq!(unsafe { libc::flock(parent.as_raw_fd(), libc::LOCK_EX) }, 0);
    let output = tree
        .command()
        .args(["build", "--out", "dist"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("another icelist build"),
        "{}",
        stderr(&output)
    );
    assert!(!tree.root().join("dist").exists());
    drop(parent);
    let output = tree
        .command()
        .args(["build", "--out", "dist"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn a_killed_fmt_leaves_no_stray_file_among_the_entries() {
    let tree = Tree::new();
    let entry = named_entry("acme-widgets", "Acme Widgets");
    // Valid, but not in canonical form: fmt rewrites it.
    tree.write(
        "dataset/acme-widgets.json",
        &serde_json::to_string(&entry).unwrap(),
    );
    let before = tree.read("dataset/acme-widgets.json");
    let output = tree
        .command()
        .args(["fmt"])
        .env("ICELIST_FAILPOINT", "write-before-rename")
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert_eq!(tree.read("dataset/acme-widgets.json"), before);
    let names: Vec<_> = std::fs::read_dir(tree.root().join("dataset"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    let (code, report, _) = tree.lint_json(&[]);
    assert_eq!(code, 0, "{report}");
    // A committed `.icelist-*` file under dataset/ stays an error.
    tree.write("dataset/.icelist-x.tmp", "{}");
    let (code, report, _) = tree.lint_json(&[]);
    assert_eq!(code, 1);
    assert_eq!(report["diagnostics"][0]["code"], "file-type");
}

#[cfg(unix)]
#[test]
fn fix_and_fmt_keep_the_mode_and_refuse_a_read_only_file() {
    use std::os::unix::fs::PermissionsExt;
    let tree = Tree::new();
    let entry = named_entry("acme-widgets", "Acme Widgets");
    let path = tree.root().join("dataset/acme-widgets.json");
    tree.write(
        "dataset/acme-widgets.json",
        &serde_json::to_string(&entry).unwrap(),
    );
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let output = tree.command().args(["fmt"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o640
    );

    // Sources out of order, so --fix has something to do; then make the file read-only.
    let mut shuffled = entry.clone();
    shuffled["sections"]["overview"] = serde_json::json!(
        shuffled["sections"]["overview"]
            .as_str()
            .unwrap()
            .replace("[1]", "[9]")
            .replace("[2]", "[1]")
            .replace("[9]", "[2]")
    );
    // Compact, so that fmt has something to do as well.
    tree.write(
        "dataset/acme-widgets.json",
        &serde_json::to_string(&shuffled).unwrap(),
    );
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = tree.read("dataset/acme-widgets.json");
    let output = tree.command().args(["lint", "--fix"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("read-only"), "{}", stderr(&output));
    assert_eq!(tree.read("dataset/acme-widgets.json"), before);
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o444
    );
    let output = tree.command().args(["fmt"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("read-only"), "{}", stderr(&output));
}

#[cfg(unix)]
#[test]
fn the_configuration_is_never_read_through_a_link_or_from_a_special_file() {
    let tree = Tree::new();
    tree.write_entry(&named_entry("acme-widgets", "Acme Widgets"));
    let secrets = tempfile::tempdir().unwrap();
    let secret = secrets.path().join("environ");
    std::fs::write(&secret, "AWS_SECRET=hunter2-very-secret\n").unwrap();
    let config = tree.root().join("icelist.toml");
    type Make<'a> = Box<dyn Fn() + 'a>;
    let cases: Vec<(&str, Make)> = vec![
        (
            "link to a secret",
            Box::new(|| std::os::unix::fs::symlink(&secret, &config).unwrap()),
        ),
        (
            "link to /proc/self/environ",
            Box::new(|| std::os::unix::fs::symlink("/proc/self/environ", &config).unwrap()),
        ),
        (
            "link to /dev/zero",
            Box::new(|| std::os::unix::fs::symlink("/dev/zero", &config).unwrap()),
        ),
        (
            "a FIFO",
            Box::new(|| {
                let path = std::ffi::CString::new(config.to_string_lossy().as_bytes()).unwrap();
                assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o644) }, 0);
            }),
        ),
        (
            "a huge file",
            Box::new(|| std::fs::write(&config, vec![b'#'; 10 << 20]).unwrap()),
        ),
        (
            "a folder",
            Box::new(|| std::fs::create_dir(&config).unwrap()),
        ),
    ];
    for (what, make) in cases {
        make();
        let started = std::time::Instant::now();
        for args in [&["lint"][..], &["build"][..], &["fmt", "--check"][..]] {
            let output = tree
                .command()
                .args(args)
                .env("AWS_SECRET", "hunter2-very-secret")
                .timeout(std::time::Duration::from_secs(20))
                .output()
                .unwrap();
            assert_eq!(
                output.status.code(),
                Some(2),
                "{what}: {args:?}: {}",
                stderr(&output)
            );
            let all = format!(
                "{}{}",
                stderr(&output),
                String::from_utf8_lossy(&output.stdout)
            );
            assert!(!all.contains("hunter2"), "{what}: leaked: {all}");
            assert!(all.contains("icelist.toml"), "{what}: {all}");
            assert_eq!(stderr(&output).lines().count(), 1, "{what}: {all}");
        }
        assert!(started.elapsed().as_secs() < 20, "{what} hung");
        if config.is_dir() {
            std::fs::remove_dir(&config).unwrap();
        } else {
            std::fs::remove_file(&config).unwrap();
        }
    }
    // A TOML error names line and column, and does not quote the file.
    tree.write("icelist.toml", "[rules]\ntoken = ghp_secretsecretsecret\n");
    let output = tree.command().args(["lint"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        !stderr(&output).contains("ghp_secret"),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("line 2"), "{}", stderr(&output));
}

#[cfg(unix)]
#[test]
fn linked_dataset_and_schema_folders_are_refused() {
    let tree = Tree::new();
    let secret = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(secret.path().join("dataset")).unwrap();
    std::fs::write(
        secret.path().join("dataset/secret.json"),
        r#"{"token": "hunter2"}"#,
    )
    .unwrap();
    std::fs::remove_dir(tree.root().join("dataset")).unwrap();
    std::os::unix::fs::symlink(secret.path().join("dataset"), tree.root().join("dataset")).unwrap();
    for args in [
        &["lint"][..],
        &["fmt"][..],
        &["build"][..],
        &["new", "Acme Widgets"][..],
    ] {
        let output = tree.command().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let all = format!(
            "{}{}",
            stderr(&output),
            String::from_utf8_lossy(&output.stdout)
        );
        assert!(all.contains("symbolic link"), "{args:?}: {all}");
        assert!(
            !all.contains("hunter2") && !all.contains("secret.json"),
            "{args:?}: {all}"
        );
    }

    let tree = Tree::new();
    tree.write_entry(&named_entry("acme-widgets", "Acme Widgets"));
    std::fs::rename(tree.root().join("schema"), secret.path().join("schema")).unwrap();
    std::os::unix::fs::symlink(secret.path().join("schema"), tree.root().join("schema")).unwrap();
    let output = tree.command().args(["lint"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("symbolic link"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn build_never_writes_outside_its_folder_whatever_the_configuration_says() {
    let nested = Nested::new();
    let root = nested.root();
    std::fs::write(
        root.join("icelist.toml"),
        "[rules]\nschema = \"off\"\nfile-name = \"off\"\n",
    )
    .unwrap();
    let mut entry = named_entry("acme-widgets", "Acme Widgets");
    entry["id"] = serde_json::json!("../../../../escaped");
    std::fs::write(
        root.join("dataset/acme-widgets.json"),
        serde_json::to_string_pretty(&entry).unwrap(),
    )
    .unwrap();
    let before = snapshot(nested.outer.path());
    let output = nested.icelist(&root, &["build", "--out", "dist"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("not a plain name"),
        "{}",
        stderr(&output)
    );
    let mut after = snapshot(nested.outer.path());
    after.retain(|path, _| !path.starts_with("project/.icelist"));
    assert_eq!(after, before, "nothing written");
}

#[test]
fn the_largest_size_limit_does_not_overflow() {
    let tree = Tree::new();
    tree.write_entry(&named_entry("acme-widgets", "Acme Widgets"));
    tree.write("icelist.toml", "max_file_size = 18446744073709551615\n");
    let (code, report, _) = tree.lint_json(&[]);
    assert_eq!(code, 0, "{report}");
}

#[cfg(unix)]
#[test]
fn a_closed_stderr_is_not_a_crash() {
    let bin = assert_cmd::cargo::cargo_bin("icelist");
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' --root /nonexistent-icelist lint 2>&-; echo \"rc=$?\"",
            bin.display()
        ))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), "rc=2");
}

#[test]
fn look_alike_markers_are_malformed() {
    let tree = Tree::new();
    let mut entry = named_entry("acme-widgets", "Acme Widgets");
    let overview = entry["sections"]["overview"].as_str().unwrap().to_owned();
    entry["sections"]["overview"] = serde_json::json!(format!(
        "{overview} It sells drones.[𝟏] And more.[١] Again.[+1]"
    ));
    tree.write_entry(&entry);
    let (code, report, _) = tree.lint_json(&[]);
    assert_eq!(code, 1);
    let malformed = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "citation-malformed")
        .count();
    assert_eq!(malformed, 3, "{report}");
}

#[cfg(unix)]
#[test]
fn an_executable_entry_is_one_answer_in_a_full_lint_and_since_a_revision() {
    use std::os::unix::fs::PermissionsExt;
    let (tree, _repo) = common::committed_tree();
    let path = tree.root().join("dataset/acme-widgets.json");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    let (full, full_report, _) = tree.lint_json(&[]);
    let (since, since_report, _) = tree.lint_json(&["--changed-since", "HEAD"]);
    assert_eq!((full, since), (1, 1), "{full_report} {since_report}");
    for report in [&full_report, &since_report] {
        let codes: Vec<_> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["code"].as_str().unwrap(), d["file"].as_str().unwrap()))
            .collect();
        assert_eq!(
            codes,
            [("file-type", "dataset/acme-widgets.json")],
            "{report}"
        );
    }
}

#[test]
fn an_entry_moved_into_a_subfolder_names_both_files() {
    let (tree, _repo) = common::committed_tree();
    std::fs::create_dir_all(tree.root().join("dataset/sub")).unwrap();
    std::fs::rename(
        tree.root().join("dataset/acme-widgets.json"),
        tree.root().join("dataset/sub/acme-widgets.json"),
    )
    .unwrap();
    let (_, full, _) = tree.lint_json(&[]);
    let (code, since, _) = tree.lint_json(&["--changed-since", "HEAD"]);
    assert_eq!(code, 1);
    let messages: Vec<String> = since["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{} {} {}", d["code"], d["file"], d["message"]))
        .collect();
    let text = messages.join("\n");
    assert!(!text.contains("\\\"acme-widgets\\\" at"), "{text}");
    assert!(text.contains("dataset/sub"), "{text}");
    // The folder is reported as a full lint reports it.
    let folder = |report: &serde_json::Value| {
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == "file-type")
            .map(|d| (d["file"].clone(), d["message"].clone()))
    };
    assert_eq!(folder(&full), folder(&since), "{full} {since}");
    let _ = valid_entry;
}

#[test]
fn whole_numbers_spelled_as_floats_are_flagged_fixed_and_never_dropped_by_exports() {
    let tree = Tree::new();
    let mut text = serde_json::to_string_pretty(&named_entry("acme-widgets", "Acme Widgets"))
        .unwrap()
        .replace("\"founded\": 1990", "\"founded\": 1.99e3");
    text.push('\n');
    tree.write("dataset/acme-widgets.json", &text);
    let (code, report, _) = tree.lint_json(&[]);
    assert_eq!(code, 1);
    assert_eq!(
        report["diagnostics"][0]["code"], "integer-literal",
        "{report}"
    );
    assert_eq!(report["diagnostics"][0]["pointer"], "/founded");

    // With the rule off, lint accepts it, and every export still carries the year.
    tree.write("icelist.toml", "[rules]\ninteger-literal = \"off\"\n");
    assert_eq!(tree.lint_json(&[]).0, 0);
    let output = tree
        .command()
        .args(["build", "--out", "dist"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let companies: serde_json::Value =
        serde_json::from_str(&tree.read("dist/companies.json")).unwrap();
    assert_eq!(companies[0]["founded"], serde_json::json!(1990));
    assert!(
        tree.read("dist/companies.ndjson")
            .contains("\"founded\":1990")
    );
    let csv = tree.read("dist/companies.csv");
    assert!(csv.lines().nth(1).unwrap().contains(",1990,"), "{csv}");
    let db = rusqlite::Connection::open(tree.root().join("dist/icelist.sqlite")).unwrap();
    let founded: i64 = db
        .query_row("SELECT founded FROM companies", [], |row| row.get(0))
        .unwrap();
    assert_eq!(founded, 1990);
    assert!(
        tree.read("dist/companies/acme-widgets.html")
            .contains("1990")
    );

    // fmt writes the same value as an integer; --fix does too.
    std::fs::remove_file(tree.root().join("icelist.toml")).unwrap();
    tree.write("dataset/acme-widgets.json", &text);
    let output = tree.command().args(["lint", "--fix"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("as integers"),
        "{}",
        stderr(&output)
    );
    assert!(
        tree.read("dataset/acme-widgets.json")
            .contains("\"founded\": 1990,")
    );
    tree.write("dataset/acme-widgets.json", &text);
    let output = tree.command().args(["fmt"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        tree.read("dataset/acme-widgets.json")
            .contains("\"founded\": 1990,")
    );
}

#[test]
fn padded_names_are_flagged_and_trimmed_and_csv_formulas_are_neutralized_behind_whitespace() {
    let tree = Tree::new();
    let mut entry = named_entry("acme-widgets", "Acme Widgets");
    entry["name"] = serde_json::json!(" Acme Widgets\u{a0}");
    entry["sources"][0]["title"] = serde_json::json!(" =HYPERLINK(\"https://evil.example\")");
    entry["sources"][1]["publisher"] = serde_json::json!("\n=cmd|' /C calc'!A0");
    tree.write_entry(&entry);
    let (code, report, _) = tree.lint_json(&[]);
    assert_eq!(code, 1);
    let pointers: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "text-whitespace")
        .map(|d| d["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(
        pointers,
        ["/name", "/sources/0/title", "/sources/1/publisher"],
        "{report}"
    );

    tree.write(
        "icelist.toml",
        "[rules]\ntext-whitespace = \"off\"\ntext-invisible = \"off\"\n",
    );
    let output = tree
        .command()
        .args(["build", "--out", "dist"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let mut reader = csv::Reader::from_path(tree.root().join("dist/sources.csv")).unwrap();
    let cells: Vec<String> = reader
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>())
        .collect();
    for cell in &cells {
        let significant = cell.trim_start_matches(|c: char| c.is_whitespace() || c.is_control());
        assert!(
            !significant.starts_with(['=', '+', '-', '@']),
            "a formula reaches the spreadsheet: {cell:?}"
        );
    }
    assert!(
        cells.iter().any(|c| c.starts_with("' =HYPERLINK")),
        "{cells:?}"
    );

    std::fs::remove_file(tree.root().join("icelist.toml")).unwrap();
    let output = tree.command().args(["lint", "--fix"]).output().unwrap();
    let fixed: serde_json::Value =
        serde_json::from_str(&tree.read("dataset/acme-widgets.json")).unwrap();
    assert_eq!(fixed["name"], "Acme Widgets", "{}", stderr(&output));
    assert_eq!(
        fixed["sources"][0]["title"],
        "=HYPERLINK(\"https://evil.example\")"
    );
}

/// Keys and git file names reach `diff --format text` escaped, as in lint: no terminal escape
/// and no workflow command gets through.
#[test]
fn diff_text_escapes_keys_and_file_names() {
    let (tree, _repo) = common::committed_tree();
    let mut entry = named_entry("acme-widgets", "Acme Widgets");
    entry["\u{1b}[31mred\n::error::pwned"] = serde_json::json!("x");
    tree.write_entry(&entry);
    tree.write(
        "dataset/evil\u{1b}]0;title\u{7}\n::warning::x.json",
        &serde_json::to_string(&named_entry("evil", "Evil")).unwrap(),
    );
    let output = tree
        .command()
        .args(["diff", "--format", "text"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(!text.contains('\u{7}'), "{text}");
    assert!(
        !text.lines().any(|l| l.trim_start().starts_with("::")),
        "a workflow command reached the log: {text}"
    );
    assert!(text.contains("\\u{001B}[31mred\\n::error::pwned"), "{text}");
}

/// A side that cannot be read or parsed is named by its file.
#[cfg(unix)]
#[test]
fn diff_names_the_file_it_cannot_read() {
    let (tree, _repo) = common::committed_tree();
    let path = tree.root().join("dataset/acme-widgets.json");
    std::fs::remove_file(&path).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", &path).unwrap();
    let output = tree
        .command()
        .args(["diff", "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let errors = report["entries"][0]["errors"].to_string();
    assert!(errors.contains("dataset/acme-widgets.json"), "{report}");
    assert!(errors.contains("symbolic link"), "{report}");
    assert!(!errors.contains(":  under"), "{report}");
}

/// At most 100 findings of one rule per file are listed, the 101st says how many more there
/// are, the summary counts them all, and a long line is drawn cut around each span.
#[test]
fn many_findings_on_one_line_are_capped_counted_and_cut() {
    let tree = Tree::new();
    let mut entry = named_entry("acme-widgets", "Acme Widgets");
    let overview = entry["sections"]["overview"].as_str().unwrap().to_owned();
    entry["sections"]["overview"] = serde_json::json!(format!("{overview} {}", "[99]".repeat(250)));
    tree.write_entry(&entry);
    let (code, report, _) = tree.lint_json(&[]);
    assert_eq!(code, 1);
    let undefined: Vec<&serde_json::Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "citation-undefined")
        .collect();
    assert_eq!(undefined.len(), 101);
    let last = undefined[100]["message"].as_str().unwrap();
    assert!(
        last.starts_with("150 more citation-undefined findings"),
        "{last}"
    );
    assert_eq!(undefined[100]["severity"], "error");
    let listed = report["diagnostics"].as_array().unwrap().len();
    assert_eq!(
        report["summary"]["errors"].as_u64().unwrap() as usize,
        listed + 149
    );

    // SARIF and the other formats list the same 101.
    for format in ["sarif", "concise", "github"] {
        let output = tree
            .command()
            .args(["lint", "--format", format])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&output.stdout);
        assert_eq!(
            text.matches("150 more citation-undefined").count(),
            1,
            "{format}"
        );
    }

    let output = tree.command().args(["lint"]).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.lines().all(|line| line.chars().count() < 400),
        "a long line was reprinted whole"
    );
    assert!(text.contains('…'), "{text}");
    assert!(text.contains(&format!("{} errors", listed + 149)), "{text}");
    // The header still names the real line and column of the first marker.
    let first = undefined[0]["column"].as_u64().unwrap();
    let line = undefined[0]["line"].as_u64().unwrap();
    assert!(
        text.contains(&format!("[dataset/acme-widgets.json:{line}:{first}]")),
        "{text}"
    );
}

/// A repository whose base commit holds one valid entry; returns the tree and the repository.
fn base_repository(root_in_repo: &str) -> (Tree, git2::Repository, PathBuf) {
    let tree = Tree::new();
    let repo = git2::Repository::init(tree.root()).unwrap();
    let root = tree.root().join(root_in_repo);
    if !root_in_repo.is_empty() {
        std::fs::create_dir_all(&root).unwrap();
        std::fs::rename(tree.root().join("schema"), root.join("schema")).unwrap();
        std::fs::rename(tree.root().join("dataset"), root.join("dataset")).unwrap();
    }
    std::fs::write(
        root.join("dataset/acme-widgets.json"),
        serde_json::to_string_pretty(&named_entry("acme-widgets", "Acme Widgets")).unwrap() + "\n",
    )
    .unwrap();
    std::fs::create_dir_all(tree.root().join(".github/workflows")).unwrap();
    std::fs::write(
        tree.root().join(".github/workflows/dataset.yml"),
        "name: dataset\n",
    )
    .unwrap();
    common::commit_all(&repo, "base");
    repo.branch(
        "main",
        &repo.head().unwrap().peel_to_commit().unwrap(),
        true,
    )
    .unwrap();
    (tree, repo, root)
}

fn codes_and_files(report: &serde_json::Value) -> Vec<(String, String)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["file"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn a_pull_request_cannot_switch_off_its_own_check() {
    let (tree, _repo, root) = base_repository("");
    // The pull request: every rule off, a looser schema, an edited workflow, and a broken entry.
    let rules: String = icelist::rules::RULES
        .iter()
        .filter(|r| r.configurable())
        .map(|r| format!("{} = \"off\"\n", r.code))
        .collect();
    std::fs::write(root.join("icelist.toml"), format!("[rules]\n{rules}")).unwrap();
    let schema_path = root.join("schema/company.schema.json");
    let loose = std::fs::read_to_string(&schema_path).unwrap().replacen(
        "\"additionalProperties\": false",
        "\"additionalProperties\": true",
        1,
    );
    std::fs::write(&schema_path, loose).unwrap();
    std::fs::write(
        tree.root().join(".github/workflows/dataset.yml"),
        "name: pwned\n",
    )
    .unwrap();
    let mut broken = named_entry("acme-gadgets", "Acme Gadgets");
    broken["country"] = serde_json::json!("XX");
    broken["nickname"] = serde_json::json!("not in the schema");
    tree.write_entry(&broken);

    let (code, report, _) = tree.lint_json(&["--changed-since", "main"]);
    assert_eq!(code, 1, "{report}");
    let found = codes_and_files(&report);
    for expected in [
        ("policy-changed", "icelist.toml"),
        ("policy-changed", "schema/company.schema.json"),
        ("policy-changed", ".github/workflows/dataset.yml"),
        ("schema", "dataset/acme-gadgets.json"),
    ] {
        assert!(
            found.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "{expected:?} missing: {found:?}"
        );
    }
    // The unknown property is an error under the base schema.
    assert!(
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "schema" && d["pointer"] == "/nickname"),
        "{report}"
    );

    // Approved by a maintainer: judged with its own configuration (every rule off).
    let (code, report, _) = tree.lint_json(&["--changed-since", "main", "--allow-policy-change"]);
    assert_eq!(code, 0, "{report}");
    assert!(codes_and_files(&report).is_empty(), "{report}");
}

#[test]
fn policy_changed_cannot_be_configured_away() {
    let (tree, _repo, root) = base_repository("");
    std::fs::write(
        root.join("icelist.toml"),
        "[rules]\npolicy-changed = \"off\"\n",
    )
    .unwrap();
    // Without approval the base configuration applies, and the change is reported.
    let (code, report, _) = tree.lint_json(&["--changed-since", "main"]);
    assert_eq!(code, 1);
    assert_eq!(
        codes_and_files(&report),
        [("policy-changed".to_owned(), "icelist.toml".to_owned())]
    );
    // Even where the file is read, the rule cannot be lowered.
    let output = tree.command().args(["lint"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("cannot be configured"),
        "{}",
        stderr(&output)
    );
}

#[cfg(unix)]
#[test]
fn policy_paths_are_relative_to_the_repository_wherever_the_root_is() {
    let (tree, _repo, root) = base_repository("data");
    std::os::unix::fs::symlink("/proc/self/environ", root.join("icelist.toml")).unwrap();
    std::fs::write(tree.root().join(".github/CODEOWNERS"), "* @someone\n").unwrap();
    let output = tree
        .command()
        .current_dir(&root)
        .args(["lint", "--changed-since", "main", "--format", "json"])
        .env("SECRET_TOKEN", "hunter2-secret")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        codes_and_files(&report),
        [
            ("policy-changed".to_owned(), ".github/CODEOWNERS".to_owned()),
            ("policy-changed".to_owned(), "data/icelist.toml".to_owned()),
        ]
    );
    assert!(!String::from_utf8_lossy(&output.stdout).contains("hunter2"));
}

/// A rewrite keeps the file's owner and group (run as root, which can give a file away; as
/// another user the rewrite of someone else's file is refused instead).
#[cfg(unix)]
#[test]
fn a_rewrite_keeps_the_owner() {
    use std::os::unix::fs::MetadataExt;
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: only root can hand a file to another owner");
        return;
    }
    let tree = Tree::new();
    let entry = named_entry("acme-widgets", "Acme Widgets");
    tree.write(
        "dataset/acme-widgets.json",
        &serde_json::to_string(&entry).unwrap(),
    );
    let path = tree.root().join("dataset/acme-widgets.json");
    std::os::unix::fs::chown(&path, Some(4242), Some(4343)).unwrap();
    let output = tree.command().args(["fmt"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        tree.read("dataset/acme-widgets.json")
            .contains("\n  \"id\""),
        "formatted"
    );
    let metadata = std::fs::metadata(&path).unwrap();
    assert_eq!((metadata.uid(), metadata.gid()), (4242, 4343));
}

/// `diff` against the working tree reads files by path: a linked dataset/ is refused there too.
#[cfg(unix)]
#[test]
fn diff_refuses_a_linked_dataset_folder() {
    let (tree, _repo) = common::committed_tree();
    let secret = tempfile::tempdir().unwrap();
    std::fs::write(
        secret.path().join("acme-widgets.json"),
        r#"{"token": "hunter2"}"#,
    )
    .unwrap();
    std::fs::rename(tree.root().join("dataset"), tree.root().join("moved")).unwrap();
    std::os::unix::fs::symlink(secret.path(), tree.root().join("dataset")).unwrap();
    let output = tree.command().args(["diff"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("symbolic link"),
        "{}",
        stderr(&output)
    );
    assert!(!String::from_utf8_lossy(&output.stdout).contains("hunter2"));
    let output = tree
        .command()
        .args(["lint", "--changed-since", "HEAD"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
}
