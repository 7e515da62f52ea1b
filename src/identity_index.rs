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
use crate::rules::entry_duplicate::IdentityKeys;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

/// Bumped whenever what [`IdentityKeys`] computes changes, so an old cache is never read.
const FORMAT: &str = "v1";

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
        .filter(|(name, _, mode)| *mode == PLAIN_FILE_MODE && name.ends_with(".json"))
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
                let decoded = crate::lint::decode(blob.content());
                let Some(text) = decoded.parse_text() else {
                    return Vec::new();
                };
                let Ok((value, _)) = crate::json::parse_doc(&text) else {
                    return Vec::new();
                };
                let file = format!("{DATASET_DIR}/{}", crate::text::escape_untrusted(name));
                IdentityKeys::of(&value)
                    .keys
                    .into_iter()
                    .map(|(kind, key, pointer, raw)| {
                        format!(
                            "{kind}\t{}\t{}\t{}\t{}\n",
                            escape(&key),
                            escape(&file),
                            escape(&pointer),
                            escape(&raw)
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
pub fn entries_sharing_keys(
    repo: &DatasetRepo,
    base: git2::Oid,
    wanted: &HashSet<(&str, &str)>,
    exclude: &HashSet<&str>,
    limit: u64,
) -> Result<Vec<(String, IdentityKeys)>> {
    let Some((tree, files)) = repo.dataset_tree(base)? else {
        return Ok(Vec::new());
    };
    let path = cache_path(repo, tree);
    let index = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(_) => {
            let text = build(repo, &files, limit);
            // A cache that cannot be written (a read-only checkout) only costs the next run.
            if let Some(dir) = path.parent()
                && std::fs::create_dir_all(dir).is_ok()
            {
                let _ = crate::write::write_atomic(&path, text.as_bytes());
            }
            text
        }
    };
    // Each wanted key as the cache writes it (`kind \t key`), so that scanning the cache
    // allocates nothing for the lines that do not match.
    let prefixes: HashSet<String> = wanted
        .iter()
        .map(|(kind, key)| format!("{kind}\t{}", escape(key)))
        .collect();
    let mut found: BTreeMap<String, IdentityKeys> = BTreeMap::new();
    for line in index.lines() {
        let Some(second_tab) = line.match_indices('\t').nth(1).map(|(at, _)| at) else {
            continue;
        };
        if !prefixes.contains(&line[..second_tab]) {
            continue;
        }
        let mut fields = line.splitn(5, '\t');
        let (Some(kind), Some(key)) = (fields.next(), fields.next()) else {
            continue;
        };
        let key = unescape(key);
        let (Some(file), Some(pointer), Some(raw)) = (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let file = unescape(file);
        if exclude.contains(file.as_str()) {
            continue;
        }
        let keys = &mut found.entry(file).or_default().keys;
        keys.push((static_kind(kind), key, unescape(pointer), unescape(raw)));
    }
    Ok(found.into_iter().collect())
}

/// The kinds are a fixed set; map the text back to the constant.
fn static_kind(kind: &str) -> &'static str {
    match kind {
        "name" => "name",
        "wikidata" => "wikidata",
        "lei" => "lei",
        "website host" => "website host",
        _ => "ticker",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_round_trips() {
        for s in ["plain", "tab\there", "new\nline", "back\\slash\\t", ""] {
            assert_eq!(unescape(&escape(s)), s);
        }
    }
}
