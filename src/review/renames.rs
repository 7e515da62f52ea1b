//! Which of git's renames are renames of one company.

use crate::git::{ChangeStatus, DatasetRepo, FileChange, Side};
use crate::identity::IdentityKeys;

/// Git pairs a deleted and an added file as a rename when their text is similar; entries written
/// from one template are similar without being the same company. A pair counts as a rename
/// only when the two versions share an identity (a name, an alias or an identifier); other
/// pairs are split back into a removal and an addition.
pub fn split_unrelated_renames(
    repo: &DatasetRepo,
    changes: Vec<FileChange>,
    new_side: Side,
    limit: u64,
) -> Vec<FileChange> {
    let identity = |bytes: Option<Vec<u8>>| {
        Some(
            IdentityKeys::of_bytes(&bytes?)?
                .keys
                .into_iter()
                .map(|key| (key.kind, key.key))
                .collect::<std::collections::HashSet<_>>(),
        )
    };
    let mut out = Vec::with_capacity(changes.len());
    for change in changes {
        if change.status != ChangeStatus::Renamed {
            out.push(change);
            continue;
        }
        let old = identity(change.old_blob.and_then(|oid| repo.blob(oid, limit).ok()));
        let new_bytes = change.new_file.as_ref().and_then(|f| match new_side {
            Side::WorkingTree => crate::checkout::read_regular_file(&repo.path_of(f), limit)
                .ok()
                .map(|file| file.bytes),
            Side::Commit(_) => repo.blob(change.new_blob?, limit).ok(),
        });
        let new = identity(new_bytes);
        let related = match (old, new) {
            (Some(old), Some(new)) => !old.is_disjoint(&new),
            _ => true,
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
