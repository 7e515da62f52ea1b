//! The identities (names, aliases, identifiers) of every entry at a commit, for checking a
//! change against the whole dataset without reading the whole dataset.
//!
//! `lint --changed-since` must judge `entry-duplicate` for the changed entries against every
//! other entry, yet cost what the change costs. The identities of the base commit's entries are
//! computed once and cached in the git directory, keyed by the id of the `dataset/` tree (the
//! same tree always yields the same file), then each run reads only the changed blobs and scans
//! the cache for the keys of the changed entries.

use crate::dataset::DATASET_DIR;
use crate::error::Result;
use crate::git::{DatasetRepo, PLAIN_FILE_MODE};
use crate::identity::{IdentityKey, IdentityKeys, KeyKind};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

/// Bumped whenever what [`IdentityKeys`] computes changes, so an old cache is never read.
// v2: domains are keys too.
const FORMAT: &str = "v2";

fn cache_path(repo: &DatasetRepo, tree: git2::Oid) -> PathBuf {
    repo.git_dir().join("icelist").join(format!(
        "identity-{FORMAT}-{}-{tree}.tsv",
        env!("CARGO_PKG_VERSION")
    ))
}

/// Tabs, new lines and backslashes would break a line of the cache: escape them.
fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// One line per identity key: `kind \t key \t file \t pointer \t raw`.
fn build(repo: &DatasetRepo, files: &[crate::git::TreeFile], limit: u64) -> String {
    let git_dir = repo.git_dir().to_owned();
    let mut lines: Vec<String> = files
        .par_iter()
        .filter(|(name, _, mode)| {
            *mode == PLAIN_FILE_MODE
                && name.ends_with(".json")
                && name != crate::model::REDIRECTS_FILE_NAME
        })
        .map_init(
            || git2::Repository::open(&git_dir).ok(),
            |git, (name, oid, _)| {
                let Some(git) = git.as_ref() else {
                    return Vec::new();
                };
                let Ok(blob) = git.find_blob(*oid) else {
                    return Vec::new();
                };
                if blob.size() as u64 > limit {
                    return Vec::new();
                }
                let Some(keys) = IdentityKeys::of_bytes(blob.content()) else {
                    return Vec::new();
                };
                let file = format!("{DATASET_DIR}/{}", crate::text::escape_untrusted(name));
                keys.keys
                    .into_iter()
                    .map(|key| {
                        format!(
                            "{}\t{}\t{}\t{}\t{}\n",
                            key.kind.as_str(),
                            escape(&key.key),
                            escape(&file),
                            escape(&key.pointer),
                            escape(&key.written)
                        )
                    })
                    .collect()
            },
        )
        .flatten()
        .collect();
    lines.sort();
    lines.concat()
}

/// The entries at `base` (other than `exclude`) that share a key with `wanted`, as
/// (file, the keys they share).
pub(crate) fn entries_sharing_keys(
    repo: &DatasetRepo,
    base: git2::Oid,
    wanted: &HashSet<(KeyKind, &str)>,
    exclude: &HashSet<&str>,
    limit: u64,
) -> Result<Vec<(String, IdentityKeys)>> {
    let Some(tree) = repo.dataset_tree_id(base)? else {
        return Ok(Vec::new());
    };
    let path = cache_path(repo, tree);
    let index = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(_) => {
            let Some((_, files)) = repo.dataset_tree(base)? else {
                return Ok(Vec::new());
            };
            let text = build(repo, &files, limit);
            // A cache that cannot be written (a read-only checkout) only costs the next run.
            if let Some(dir) = path.parent()
                && std::fs::create_dir_all(dir).is_ok()
            {
                let _ = crate::write::write_atomic_beside(&path, text.as_bytes());
            }
            text
        }
    };
    // Each wanted key as the cache writes it (`kind \t key \t`); the cache is sorted, so the
    // lines that start with it are found by binary search, not by reading them all. Taken in
    // the cache's order, so that each file's keys come in the same order on every run.
    let mut prefixes: Vec<String> = wanted
        .iter()
        .map(|(kind, key)| format!("{}\t{}\t", kind.as_str(), escape(key)))
        .collect();
    prefixes.sort();
    let mut found: BTreeMap<String, IdentityKeys> = BTreeMap::new();
    for prefix in &prefixes {
        for line in lines_starting_with(&index, prefix) {
            let mut fields = line.splitn(5, '\t');
            let (Some(kind), Some(key)) = (fields.next().and_then(KeyKind::parse), fields.next())
            else {
                continue;
            };
            let key = unescape(key);
            let (Some(file), Some(pointer), Some(raw)) =
                (fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            let file = unescape(file);
            if exclude.contains(file.as_str()) {
                continue;
            }
            let keys = &mut found.entry(file).or_default().keys;
            keys.push(IdentityKey {
                kind,
                key,
                pointer: unescape(pointer),
                written: unescape(raw),
            });
        }
    }
    Ok(found.into_iter().collect())
}

/// The lines of `sorted` (lines in byte order) that start with `prefix`: they are contiguous,
/// and the first is found by bisecting the text itself.
fn lines_starting_with<'t>(sorted: &'t str, prefix: &str) -> impl Iterator<Item = &'t str> + 't {
    let bytes = sorted.as_bytes();
    let (mut low, mut high) = (0, bytes.len());
    // Invariant: `low` is a line start; every line before `low` is below `prefix`, every line
    // starting at or after `high` is not.
    while low < high {
        let middle = low + (high - low) / 2;
        let start = memchr::memrchr(b'\n', &bytes[low..middle]).map_or(low, |at| low + at + 1);
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |at| start + at);
        if &bytes[start..end] < prefix.as_bytes() {
            low = end + 1;
        } else {
            high = start;
        }
    }
    let prefix = prefix.to_owned();
    sorted
        .get(low.min(bytes.len())..)
        .unwrap_or_default()
        .lines()
        .take_while(move |line| line.starts_with(&prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bisecting_finds_exactly_the_lines_with_a_prefix() {
        let mut lines = [
            "name\tabc\tx",
            "name\tabc\ty",
            "name\tabcd\tz",
            "name\tab\tw",
            "lei\tabc\tv",
            "ticker\tA\tu",
        ];
        lines.sort();
        let text = lines.join("\n") + "\n";
        let found: Vec<_> = lines_starting_with(&text, "name\tabc\t").collect();
        assert_eq!(found, ["name\tabc\tx", "name\tabc\ty"]);
        assert_eq!(lines_starting_with(&text, "name\tzzz\t").count(), 0);
        assert_eq!(lines_starting_with(&text, "a").count(), 0);
        assert_eq!(lines_starting_with(&text, "ticker\tA\t").count(), 1);
        assert_eq!(lines_starting_with("", "x").count(), 0);
    }

    #[test]
    fn escaping_round_trips() {
        for s in ["plain", "tab\there", "new\nline", "back\\slash\\t", ""] {
            assert_eq!(unescape(&escape(s)), s);
        }
    }
}
