//! Every input a fuzz target once crashed or hung on (`fuzz/regressions/<target>/`), replayed
//! through the same reader: each must now return.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

#[test]
fn every_fuzz_regression_input_is_read_without_a_panic() {
    let folder = common::repo_path("fuzz/regressions");
    let mut replayed = 0;
    for target in std::fs::read_dir(&folder).unwrap() {
        let target = target.unwrap();
        let name = target.file_name().to_string_lossy().into_owned();
        for input in std::fs::read_dir(target.path()).unwrap() {
            let input = input.unwrap().path();
            let bytes = std::fs::read(&input).unwrap();
            assert!(
                icelist::fuzzing::run(&name, &bytes),
                "fuzz/regressions/{name}/ names no fuzz target"
            );
            replayed += 1;
        }
    }
    assert!(replayed > 0, "no regression input under fuzz/regressions/");
}

/// Every fuzz target of `fuzz/` is a reader `icelist::fuzzing` names, and has seeds.
#[test]
fn every_fuzz_target_has_a_reader_and_seeds() {
    let bins = common::repo_path("fuzz/src/bin");
    let mut targets: Vec<String> = std::fs::read_dir(&bins)
        .unwrap()
        .map(|e| {
            e.unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    targets.sort();
    let mut readers: Vec<String> = icelist::fuzzing::TARGETS
        .iter()
        .map(|(name, _)| (*name).to_owned())
        .collect();
    readers.sort();
    assert_eq!(targets, readers);
    for target in &targets {
        let seeds = common::repo_path(&format!("fuzz/seeds/{target}"));
        assert!(
            std::fs::read_dir(&seeds).map(|d| d.count()).unwrap_or(0) > 0,
            "no seeds for {target}"
        );
    }
}
