//! The module graph has no cycle: each top-level module of `src/` may use `crate::other`
//! modules only as a directed acyclic graph (leaf modules such as `settings` and `text` at the
//! bottom, `cli` at the top). A cycle crept in once through one new field; this test keeps it out.
//! The files of one folder (`import/page.rs`, `import/wikitext.rs`, ...) are held to the same:
//! a module and the modules inside it may use each other, siblings only one way.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// `module -> modules it names as crate::X`, comments and test modules left out.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, code) in module_files() {
        let top = module[0].clone();
        let uses = graph.entry(top.clone()).or_default();
        for (at, _) in code.match_indices("crate::") {
            let name: String = code[at + 7..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if !name.is_empty() && name != top {
                uses.insert(name);
            }
        }
    }
    graph
}

#[test]
fn the_module_graph_has_no_cycle() {
    let graph = graph();
    assert!(graph.len() > 20, "{graph:?}");
    // Depth-first search with colours: a grey module met again is a cycle.
    fn visit<'a>(
        module: &'a str,
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<&'a str, bool>,
        path: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        match state.get(module) {
            Some(true) => return None,
            Some(false) => {
                let start = path.iter().position(|m| *m == module).unwrap_or(0);
                let mut cycle: Vec<String> =
                    path[start..].iter().map(|m| (*m).to_owned()).collect();
                cycle.push(module.to_owned());
                return Some(cycle);
            }
            None => {}
        }
        state.insert(module, false);
        path.push(module);
        for next in graph.get(module).into_iter().flatten() {
            if graph.contains_key(next)
                && let Some(cycle) = visit(next, graph, state, path)
            {
                return Some(cycle);
            }
        }
        path.pop();
        state.insert(module, true);
        None
    }
    let mut state = BTreeMap::new();
    for module in graph.keys() {
        let cycle = visit(module, &graph, &mut state, &mut Vec::new());
        assert!(
            cycle.is_none(),
            "a module cycle: {}",
            cycle.unwrap_or_default().join(" -> ")
        );
    }
}

/// Every module of `src/` that is a file, as its path (`["import", "page"]`; `mod.rs` is its
/// folder's module), with its code: comments, `#[cfg(test)] mod tests` and `tests.rs` files
/// left out.
fn module_files() -> Vec<(Vec<String>, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut modules = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for item in std::fs::read_dir(&dir).unwrap() {
            let path = item.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let mut module: Vec<String> = path
                .strip_prefix(&src)
                .unwrap()
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if module.last().is_some_and(|m| m == "mod") {
                module.pop();
            }
            if matches!(module.as_slice(), [one] if one == "lib" || one == "main")
                || module.last().is_some_and(|m| m == "tests")
            {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let code: String = text
                .split("#[cfg(test)]\nmod tests")
                .next()
                .unwrap_or(&text)
                .lines()
                .map(|line| line.split("//").next().unwrap_or(""))
                .collect::<Vec<_>>()
                .join("\n");
            modules.push((module, code));
        }
    }
    modules
}

/// The module paths `code` (in module `at`) names through `crate::`, `super::` and `self::`,
/// each resolved to the longest path that is a module in `known`.
fn named_modules(
    at: &[String],
    code: &str,
    known: &BTreeSet<Vec<String>>,
) -> BTreeSet<Vec<String>> {
    let ident = |text: &str| -> String {
        text.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut found = BTreeSet::new();
    for (start, _) in code.match_indices("::") {
        // The path's first segment, just before this `::`.
        let head: String = code[..start]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let before = code[..start - head.len()].chars().next_back();
        if before.is_some_and(|c| c == ':' || c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let mut base: Vec<String> = match head.as_str() {
            "crate" => Vec::new(),
            "self" => at.to_vec(),
            "super" => at[..at.len().saturating_sub(1)].to_vec(),
            _ => continue,
        };
        let mut rest = &code[start + 2..];
        while let Some(after) = rest.strip_prefix("super::") {
            base.pop();
            rest = after;
        }
        // `a::b::Item` or `{a, b::Item}`: each first segment is tried.
        let heads: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => group
                .split('}')
                .next()
                .unwrap_or("")
                .split(',')
                .map(str::trim)
                .collect(),
            None => vec![rest],
        };
        for path in heads {
            let mut module = base.clone();
            let mut rest = path;
            loop {
                let name = ident(rest);
                if name.is_empty() {
                    break;
                }
                module.push(name.clone());
                if !known.contains(&module) {
                    module.pop();
                    break;
                }
                match rest[name.len()..].strip_prefix("::") {
                    Some(after) => rest = after,
                    None => break,
                }
            }
            found.insert(module);
        }
    }
    found
}

#[test]
fn no_cycle_between_the_files_of_a_folder() {
    let modules = module_files();
    let known: BTreeSet<Vec<String>> = modules.iter().map(|(m, _)| m.clone()).collect();
    assert!(
        known.contains(&vec!["import".to_owned(), "page".to_owned()]),
        "{known:?}"
    );
    // parent folder -> (sibling -> siblings it uses). A use from inside a sibling counts as
    // that sibling's.
    let mut folders: BTreeMap<Vec<String>, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for (at, code) in &modules {
        for target in named_modules(at, code, &known) {
            let common = at.iter().zip(&target).take_while(|(a, b)| a == b).count();
            if common >= at.len() || common >= target.len() {
                continue; // a module and one of its own ancestors or descendants
            }
            folders
                .entry(at[..common].to_vec())
                .or_default()
                .entry(at[common].clone())
                .or_default()
                .insert(target[common].clone());
        }
    }
    assert!(
        folders.contains_key(&vec!["import".to_owned()]),
        "the files of import/ use each other: {folders:?}"
    );
    for (folder, graph) in &folders {
        let mut done: BTreeSet<&str> = BTreeSet::new();
        for start in graph.keys() {
            // Depth-first, with the path so far: a module met again on it closes a cycle.
            let mut path: Vec<&str> = Vec::new();
            fn walk<'a>(
                module: &'a str,
                graph: &'a BTreeMap<String, BTreeSet<String>>,
                path: &mut Vec<&'a str>,
                done: &mut BTreeSet<&'a str>,
            ) -> Option<Vec<&'a str>> {
                if let Some(at) = path.iter().position(|m| *m == module) {
                    let mut cycle = path[at..].to_vec();
                    cycle.push(module);
                    return Some(cycle);
                }
                if done.contains(module) {
                    return None;
                }
                path.push(module);
                for next in graph.get(module).into_iter().flatten() {
                    if let Some(cycle) = walk(next, graph, path, done) {
                        return Some(cycle);
                    }
                }
                path.pop();
                done.insert(module);
                None
            }
            if let Some(cycle) = walk(start, graph, &mut path, &mut done) {
                panic!(
                    "a cycle between the files of src/{}: {}",
                    folder.join("/"),
                    cycle.join(" -> ")
                );
            }
        }
    }
}

/// `fuzz/` is a crate of its own with its own lock file, which CI builds with `--locked`: a
/// dependency added to icelist must reach that lock too, or the fuzz step stops before it
/// starts (it did once, for two sessions' dependencies). Every dependency icelist always has
/// (not optional, not for development) must be listed for it in the fuzz lock.
#[test]
fn the_fuzz_lock_file_lists_icelists_own_dependencies() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |file: &str| -> toml::Table {
        toml::from_str(&std::fs::read_to_string(root.join(file)).unwrap()).unwrap()
    };
    let manifest = read("Cargo.toml");
    let mut required: BTreeSet<String> = BTreeSet::new();
    let mut tables = vec![manifest["dependencies"].as_table().unwrap()];
    for target in manifest
        .get("target")
        .and_then(|t| t.as_table())
        .into_iter()
        .flat_map(|t| t.values())
    {
        tables.extend(target.get("dependencies").and_then(|d| d.as_table()));
    }
    for table in tables {
        for (name, spec) in table {
            let optional = spec
                .get("optional")
                .and_then(toml::Value::as_bool)
                .unwrap_or(false);
            if !optional {
                required.insert(name.clone());
            }
        }
    }
    let lock = read("fuzz/Cargo.lock");
    let listed: BTreeSet<String> = lock["package"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"].as_str() == Some("icelist"))
        .and_then(|p| p["dependencies"].as_array())
        .unwrap()
        .iter()
        // `name` or `name version` when two versions are in the tree.
        .map(|d| d.as_str().unwrap().split(' ').next().unwrap().to_owned())
        .collect();
    let missing: Vec<&String> = required.difference(&listed).collect();
    assert!(
        missing.is_empty(),
        "fuzz/Cargo.lock does not list {missing:?} for icelist: run `cargo metadata --format-version 1 > /dev/null` in fuzz/"
    );
}
