//! Which of git's renames and modifications are changes of one company.

use crate::git::{ChangeStatus, DatasetRepo, FileChange, Side};
use crate::identity::{IdentityKeys, KeyKind};
use std::collections::HashSet;

/// Git pairs a deleted and an added file as a rename when their text is similar; entries written
/// from one template are similar without being the same company. A pair counts as a rename
/// only when the two versions share an identity (a name, an alias or an identifier); other
/// pairs are split back into a removal and an addition.
///
/// A file modified in place can also become another company: its id reused for a different
/// one, which downstream projects keyed on the id would follow silently. When the two versions
/// share neither an identity nor a source (a title or a URL: a corrected name keeps its
/// sources), the change is split the same way, so the old entry counts as removed.
pub fn split_unrelated_renames(
    repo: &DatasetRepo,
    changes: Vec<FileChange>,
    new_side: Side,
    limit: u64,
) -> Vec<FileChange> {
    let mut out = Vec::with_capacity(changes.len());
    for change in changes {
        if !matches!(
            change.status,
            ChangeStatus::Renamed | ChangeStatus::Modified
        ) {
            out.push(change);
            continue;
        }
        let old_bytes = change.old_blob.and_then(|oid| repo.blob(oid, limit).ok());
        let new_bytes = change.new_file.as_ref().and_then(|f| match new_side {
            Side::WorkingTree => crate::checkout::read_regular_file(&repo.path_of(f), limit)
                .ok()
                .map(|file| file.bytes),
            Side::Commit(_) => repo.blob(change.new_blob?, limit).ok(),
        });
        let related = if change.status == ChangeStatus::Modified {
            same_company(old_bytes.as_deref(), new_bytes.as_deref())
        } else {
            match (
                old_bytes.as_deref().and_then(identity),
                new_bytes.as_deref().and_then(identity),
            ) {
                (Some(old), Some(new)) => !old.is_disjoint(&new),
                _ => true,
            }
        };
        if related {
            out.push(change);
        } else {
            out.push(FileChange {
                status: ChangeStatus::Removed,
                new_file: None,
                new_blob: None,
                ..change.clone()
            });
            out.push(FileChange {
                status: ChangeStatus::Added,
                old_file: None,
                old_blob: None,
                ..change
            });
        }
    }
    out
}

/// An entry's identity keys (kind and key), when its bytes parse.
fn identity(bytes: &[u8]) -> Option<HashSet<(KeyKind, String)>> {
    Some(
        IdentityKeys::of_bytes(bytes)?
            .keys
            .into_iter()
            .map(|key| (key.kind, key.key))
            .collect(),
    )
}

/// Whether two versions of one file are the same company: they share an identity key or a
/// source (title or URL). Versions that are not both entries are taken as the same (the lint
/// reports what is wrong with them).
fn same_company(old: Option<&[u8]>, new: Option<&[u8]>) -> bool {
    use crate::model::Entry;
    let (Some(old), Some(new)) = (old, new) else {
        return true;
    };
    let (Ok(old_entry), Ok(new_entry)) = (Entry::from_json_bytes(old), Entry::from_json_bytes(new))
    else {
        return true;
    };
    let keys = |bytes: &[u8]| identity(bytes).unwrap_or_default();
    if !keys(old).is_disjoint(&keys(new)) {
        return true;
    }
    let sources = |entry: &Entry| {
        entry
            .sources
            .iter()
            .flat_map(|s| [Some(s.title.clone()), s.url.clone()])
            .flatten()
            .collect::<HashSet<String>>()
    };
    !sources(&old_entry).is_disjoint(&sources(&new_entry))
}
