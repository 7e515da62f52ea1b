//! Every rule's fixtures: `tests/fixtures/<rule>/invalid/*` must fire the rule, and
//! `tests/fixtures/<rule>/valid/*` must lint clean. A fixture is one entry file, or a folder of
//! entries for dataset-wide rules. Each snapshot holds the input and the rendered report.
//!
//! Each fixture is its own test case (libtest-mimic), so one failure does not hide the others;
//! and one more case checks that every entry- and dataset-scope rule of the registry has both
//! kinds of fixture, so a new rule cannot slip through without them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{FIXTURE_TODAY, Tree};
use icelist::rules::{RULES, Scope};
use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};

/// Rules that need odd files or git history rather than an entry: they are tested through the
/// binary (tests/hostile.rs, tests/git.rs, tests/safety.rs), not by fixtures here.
const TESTED_THROUGH_THE_BINARY: &[&str] = &[
    "json-encoding",
    "file-type",
    "file-size",
    "entry-removed",
    "id-changed",
    "policy-changed",
    "schema-breaking",
    "verification-changed",
    "redirect-added",
];

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn fixtures() -> Vec<(String, String, PathBuf)> {
    let mut found = Vec::new();
    for rule in std::fs::read_dir(fixtures_root()).unwrap() {
        let rule = rule.unwrap().path();
        for kind in ["valid", "invalid"] {
            let Ok(items) = std::fs::read_dir(rule.join(kind)) else {
                continue;
            };
            for item in items {
                let name = rule.file_name().unwrap().to_string_lossy().into_owned();
                found.push((name, kind.to_owned(), item.unwrap().path()));
            }
        }
    }
    found.sort();
    found
}

fn files_of(fixture: &Path) -> Vec<PathBuf> {
    if fixture.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(fixture)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files
    } else {
        vec![fixture.to_owned()]
    }
}

fn check_fixture(rule: &str, kind: &str, fixture: &Path) -> Result<(), Failed> {
    let tree = Tree::new();
    let mut input = String::new();
    for file in files_of(fixture) {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&file).unwrap();
        input.push_str(&format!(
            "=== dataset/{name}\n{}\n",
            String::from_utf8_lossy(&bytes)
        ));
        tree.write_bytes(&format!("dataset/{name}"), &bytes);
    }
    let report = tree.lint();
    let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
    if kind == "invalid" && !codes.contains(&rule) {
        return Err(format!("{} does not fire {rule}: {codes:?}", fixture.display()).into());
    }
    // A finding offers a fix exactly when the registry says the rule is fixable.
    let fixable = icelist::rules::rule(rule).map(|r| r.fixable);
    for d in report
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == rule)
    {
        if Some(d.fix.is_some()) != fixable {
            return Err(format!(
                "{rule}: a finding's fix {:?} disagrees with the registry",
                d.fix
            )
            .into());
        }
    }
    if kind == "valid" && !codes.is_empty() {
        return Err(format!("{} should lint clean: {codes:?}", fixture.display()).into());
    }
    let rendered = icelist::render::human(&report, icelist::render::HumanOptions::default());
    let fixture_name = fixture.file_stem().unwrap().to_string_lossy().into_owned();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_suffix(format!("{rule}__{kind}__{fixture_name}"));
    settings.set_description(format!("today = {FIXTURE_TODAY}"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots"));
    let snapshot = format!("{input}--- report\n{rendered}");
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        settings.bind(|| insta::assert_snapshot!("fixture", snapshot));
    }))
    .map_err(|_| Failed::from("the snapshot differs (see above)"))
}

/// Every entry- and dataset-scope rule has a valid and an invalid fixture; the others are
/// named in [`TESTED_THROUGH_THE_BINARY`].
fn every_rule_has_fixtures() -> Result<(), Failed> {
    let mut missing = Vec::new();
    for rule in RULES {
        let exempt = TESTED_THROUGH_THE_BINARY.contains(&rule.code.as_str());
        let by_fixture = matches!(rule.scope, Scope::Entry | Scope::Dataset);
        if exempt {
            if by_fixture {
                missing.push(format!(
                    "{} is an {} rule: give it fixtures",
                    rule.code,
                    rule.scope.as_str()
                ));
            }
            continue;
        }
        for kind in ["valid", "invalid"] {
            let folder = fixtures_root().join(rule.code.as_str()).join(kind);
            let any = std::fs::read_dir(&folder).is_ok_and(|mut items| items.next().is_some());
            if !any {
                missing.push(format!("{}/{kind}", rule.code));
            }
        }
    }
    for exempt in TESTED_THROUGH_THE_BINARY {
        if !RULES.iter().any(|r| r.code == *exempt) {
            missing.push(format!("{exempt} is exempt but not a rule"));
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!("fixtures missing: {missing:?}").into())
    }
}

fn main() {
    let arguments = Arguments::from_args();
    let mut trials = vec![Trial::test(
        "every_rule_has_fixtures",
        every_rule_has_fixtures,
    )];
    for (rule, kind, fixture) in fixtures() {
        let name = format!(
            "fixture::{rule}::{kind}::{}",
            fixture.file_stem().unwrap().to_string_lossy()
        );
        trials.push(Trial::test(name, move || {
            check_fixture(&rule, &kind, &fixture)
        }));
    }
    libtest_mimic::run(&arguments, trials).exit();
}
