//! Every rule's fixtures: `tests/fixtures/<rule>/invalid/*` must fire the rule, and
//! `tests/fixtures/<rule>/valid/*` must lint clean. A fixture is one entry file, or a folder of
//! entries for dataset-wide rules. Each snapshot holds the input and the rendered report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{FIXTURE_TODAY, Tree};
use std::path::{Path, PathBuf};

fn fixtures() -> Vec<(String, String, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut found = Vec::new();
    for rule in std::fs::read_dir(&root).unwrap() {
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

#[test]
fn every_rule_fires_on_its_invalid_fixtures_and_only_there() {
    let all = fixtures();
    assert!(all.len() > 40, "fixtures missing: found {}", all.len());
    for (rule, kind, fixture) in all {
        let tree = Tree::new();
        let mut input = String::new();
        for file in files_of(&fixture) {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(&file).unwrap();
            input.push_str(&format!(
                "=== dataset/{name}\n{}\n",
                String::from_utf8_lossy(&bytes)
            ));
            tree.write_bytes(&format!("dataset/{name}"), &bytes);
        }
        let report = tree.lint();
        let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
        if kind == "invalid" {
            assert!(
                codes.contains(&rule.as_str()),
                "{} does not fire {rule}: {codes:?}",
                fixture.display()
            );
        } else {
            assert!(
                codes.is_empty(),
                "{} should lint clean: {codes:?}",
                fixture.display()
            );
        }
        let rendered = icelist::render::human(&report, icelist::render::HumanOptions::default());
        let fixture_name = fixture.file_stem().unwrap().to_string_lossy().into_owned();
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_suffix(format!("{rule}__{kind}__{fixture_name}"));
        settings.set_description(format!("today = {FIXTURE_TODAY}"));
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| {
            insta::assert_snapshot!("fixture", format!("{input}--- report\n{rendered}"));
        });
    }
}
