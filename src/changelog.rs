//! `icelist changelog A..B`: what changed in the data between two revisions, for release notes
//! and for programs. Built on the review's semantic diff (entries compared as documents), so it
//! reads across a schema change; `changelog TAG` compares against an empty dataset (the first
//! release).

use crate::error::Result;
use crate::git::{DatasetRepo, Side};
use crate::review::{ChangeKind, EntryChange, EntryDiff, FieldChange};
use crate::view::{
    self, AwardView, BoycottView, ClaimView, EntryView, ResponseView, SourceView, VerificationView,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The release notes (`icelist changelog --format json`, a contract). It reads back with
/// [`Changelog::from_json`]; fields a later version adds are ignored by this one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Changelog {
    pub version: u32,
    pub from: Option<String>,
    pub to: String,
    pub summary: Counts,
    pub entries: Vec<EntryLog>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub added: usize,
    pub removed: usize,
    pub renamed: usize,
    pub changed: usize,
    /// Entries merged into another (written only when there are some: notes without merges
    /// read as before).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub merged: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Counts {
    /// `2 added, 0 removed, 1 renamed, 3 changed` (and `, 1 merged` when there were merges).
    pub fn sentence(&self) -> String {
        let mut text = format!(
            "{} added, {} removed, {} renamed, {} changed",
            self.added, self.removed, self.renamed, self.changed
        );
        if self.merged > 0 {
            text.push_str(&format!(", {} merged", self.merged));
        }
        text
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryLog {
    pub id: String,
    pub change: LoggedChange,
    pub transitions: Vec<Transition>,
    /// Source ids on the new side.
    pub sources_added: Vec<u64>,
    /// Source ids on the old side.
    pub sources_removed: Vec<u64>,
    /// For a rename, the old id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_id: Option<String>,
    /// Ids of the claims added (of an entry that changed; an added entry's are its claims).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims_added: Vec<String>,
    /// Ids of the claims removed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims_removed: Vec<String>,
    /// Ids of the award records added to a claim (of an entry that changed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub awards_added: Vec<String>,
    /// Ids of the award records removed from a claim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub awards_removed: Vec<String>,
    /// Ids of the award records whose facts (or role) changed, once each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub awards_changed: Vec<String>,
    /// Ids of the responses added (a company's answer, or a record of contacting it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responses_added: Vec<String>,
    /// Ids of the claims that a response now disputes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims_disputed: Vec<String>,
    /// For a merge, the entry the old id now redirects to (`dataset/redirects.json`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<String>,
}

/// What happened to an entry between the two revisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LoggedChange {
    Added,
    Removed,
    Renamed,
    Changed,
    /// Removed, and its id redirected to another entry as merged.
    Merged,
}

crate::model::spelled_names!(LoggedChange {
    Added => "added",
    Removed => "removed",
    Renamed => "renamed",
    Changed => "changed",
    Merged => "merged",
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transition {
    pub path: String,
    pub old: Option<Value>,
    pub new: Option<Value>,
    /// For a claim's status, the claim's id (the path names its place in the new entry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<String>,
}

/// Why bytes are not release notes `build --release-notes` can show.
#[derive(Debug, thiserror::Error)]
pub enum ReleaseNotesError {
    #[error("not the JSON `icelist changelog --format json` writes: {0}")]
    NotChangelog(#[from] serde_json::Error),
    #[error("release notes of version {0}; this icelist reads version 1")]
    Version(u32),
}

impl Changelog {
    /// Release notes read back from `icelist changelog --format json`'s bytes.
    pub fn from_json(bytes: &[u8]) -> std::result::Result<Changelog, ReleaseNotesError> {
        let log: Changelog = serde_json::from_slice(bytes)?;
        if log.version != 1 {
            return Err(ReleaseNotesError::Version(log.version));
        }
        Ok(log)
    }
}

/// The changelog from `from` (or an empty dataset) to `to`.
pub fn changelog(
    repo: &DatasetRepo,
    from: Option<&str>,
    to: &str,
    limit: u64,
) -> Result<Changelog> {
    let new = repo.commit(to)?;
    let diffs = match from {
        Some(from) => crate::review::review(repo, repo.commit(from)?, Side::Commit(new), limit)?,
        None => crate::review::everything_added(repo, new, limit)?,
    };
    let mut summary = Counts::default();
    let mut entries = Vec::new();
    for diff in diffs {
        let change = match diff.change {
            EntryChange::Added => {
                summary.added += 1;
                LoggedChange::Added
            }
            EntryChange::Removed => {
                summary.removed += 1;
                LoggedChange::Removed
            }
            EntryChange::Renamed => {
                summary.renamed += 1;
                LoggedChange::Renamed
            }
            EntryChange::Modified => {
                summary.changed += 1;
                LoggedChange::Changed
            }
        };
        entries.push(entry_log(&diff, change));
    }
    let redirects = Redirected::between(repo, from, new, limit)?;
    redirects.fold_into_log(&mut entries, &mut summary);
    Ok(Changelog {
        version: 1,
        from: from.map(str::to_owned),
        to: to.to_owned(),
        summary,
        entries,
    })
}

/// What a line of the change feed does to a consumer's copy of the previous release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum DeltaOp {
    /// Drop the entry `id`.
    Remove,
    /// Drop the entry `from`; `entry` is now `id`.
    Rename,
    /// The entry `from` became part of `id` (redirects, issue 23: not written yet; a reader
    /// of version 1 knows the word).
    Merge,
    /// `entry` is new.
    Add,
    /// `entry` replaces the entry `id`.
    Modify,
}

/// One line of `delta.ndjson` (`icelist changelog A..B --format delta`, a contract): the
/// entry as the release's `companies.json` holds it. A consumer holding release A's entries
/// applies a feed in two steps: drop the `id` of every `remove` line and the `from` of every
/// `rename` (and `merge`) line; then put the `entry` of every other line under its `id`. It then
/// holds exactly release B's entries (two renames that swap ids stay whole that way).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeltaLine {
    pub op: DeltaOp,
    pub id: String,
    /// The old id, for a rename.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The whole entry, for an addition, a modification or a rename.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<crate::model::Entry>,
}

/// The change feed from `from` (or an empty dataset) to `to`. It compares the entries as they
/// are exported, so a change the changelog does not show (a list reordered) is a `modify`
/// here; files that are not entries (`<id>.json`) are left out, as the build leaves them out.
/// An entry that does not read on either side stops it: a feed that skipped it would leave
/// consumers holding a stale copy without knowing.
pub fn delta(
    repo: &DatasetRepo,
    from: Option<&str>,
    to: &str,
    limit: u64,
) -> Result<Vec<DeltaLine>> {
    use crate::git::{ChangeStatus, FileChange};
    let new = repo.commit(to)?;
    // The changed files, with git's renames kept only where they are one company (as the
    // review pairs them); for the first release, every file added.
    let changes: Vec<FileChange> = match from {
        Some(from) => crate::review::renames::split_unrelated_renames(
            repo,
            repo.changed_files(repo.commit(from)?, Side::Commit(new))?,
            Side::Commit(new),
            limit,
        ),
        None => repo
            .dataset_tree(new)?
            .map(|(_, files)| files)
            .unwrap_or_default()
            .into_iter()
            .map(|(name, oid, mode)| FileChange {
                status: ChangeStatus::Added,
                old_file: None,
                new_file: Some(format!("{}/{name}", crate::dataset::DATASET_DIR)),
                old_blob: None,
                new_blob: Some(oid),
                new_mode: mode,
            })
            .collect(),
    };
    let is_entry_file = |file: &Option<String>| {
        file.as_deref().is_none_or(|f| {
            crate::rules::file_name::is_entry_file_name(f.rsplit('/').next().unwrap_or(f))
        })
    };
    // The entry as exported: the model's reading of the blob, without `$schema`.
    let exported = |file: &Option<String>, blob: Option<git2::Oid>| -> Result<_> {
        let (Some(file), Some(blob)) = (file, blob) else {
            return Ok(None);
        };
        let unreadable = |reason: String| crate::error::Error::NotAnEntry {
            path: crate::text::escape_untrusted(file),
            reason,
        };
        let bytes = repo.blob(blob, limit).map_err(unreadable)?;
        let mut entry =
            crate::model::Entry::from_json_bytes(&bytes).map_err(|e| unreadable(e.to_string()))?;
        entry.schema = None;
        Ok(Some(entry))
    };
    let mut lines = Vec::with_capacity(changes.len());
    for change in changes {
        if !is_entry_file(&change.new_file) || !is_entry_file(&change.old_file) {
            continue;
        }
        let before = exported(&change.old_file, change.old_blob)?;
        let after = exported(&change.new_file, change.new_blob)?;
        let line = match (before, after) {
            (None, None) => continue,
            (None, Some(entry)) => DeltaLine {
                op: DeltaOp::Add,
                id: entry.id.clone(),
                from: None,
                entry: Some(entry),
            },
            (Some(gone), None) => DeltaLine {
                op: DeltaOp::Remove,
                id: gone.id,
                from: None,
                entry: None,
            },
            (Some(before), Some(after)) if before.id != after.id => DeltaLine {
                op: DeltaOp::Rename,
                id: after.id.clone(),
                from: Some(before.id),
                entry: Some(after),
            },
            (Some(before), Some(after)) if before == after => continue,
            (Some(_), Some(after)) => DeltaLine {
                op: DeltaOp::Modify,
                id: after.id.clone(),
                from: None,
                entry: Some(after),
            },
        };
        lines.push(line);
    }
    Redirected::between(repo, from, new, limit)?.fold_into_delta(&mut lines);
    // Removals, then renames and merges, then additions and modifications, each by id (and by
    // old id: two ids merged into one).
    let group = |op: DeltaOp| match op {
        DeltaOp::Remove => 0,
        DeltaOp::Rename | DeltaOp::Merge => 1,
        DeltaOp::Add | DeltaOp::Modify => 2,
    };
    lines.sort_by(|a, b| (group(a.op), &a.id, &a.from).cmp(&(group(b.op), &b.id, &b.from)));
    Ok(lines)
}

/// The redirects added between two revisions: old ids that now point at another entry.
struct Redirected {
    added: Vec<(String, crate::model::Redirect)>,
}

impl Redirected {
    fn between(
        repo: &DatasetRepo,
        from: Option<&str>,
        to: git2::Oid,
        limit: u64,
    ) -> Result<Self> {
        let before = match from {
            Some(from) => repo.redirects_at(repo.commit(from)?, limit)?,
            None => Default::default(),
        };
        let after = repo.redirects_at(to, limit)?;
        let added = after
            .iter()
            .filter(|(old, _)| before.get(old).is_none())
            .map(|(old, redirect)| (old.to_owned(), redirect.clone()))
            .collect();
        Ok(Redirected { added })
    }

    /// What each added redirect makes of a list of changes: for a removal of its old id, a
    /// [`Fold::Rename`] when the table says renamed and the target was added, else a
    /// [`Fold::Merge`]. `removed` and `added` tell whether an item removes or adds an id;
    /// `apply` rewrites the list (a rename removes the removal), so positions are looked up
    /// afresh for each redirect.
    fn fold<T>(
        &self,
        items: &mut Vec<T>,
        removed: impl Fn(&T, &str) -> bool,
        added: impl Fn(&T, &str) -> bool,
        mut apply: impl FnMut(&mut Vec<T>, Fold<'_>),
    ) {
        use crate::model::RedirectReason;
        for (old, redirect) in &self.added {
            let Some(removal) = items.iter().position(|item| removed(item, old)) else {
                continue;
            };
            let target = items.iter().position(|item| added(item, &redirect.to));
            let fold = match (&redirect.reason, target) {
                (RedirectReason::Renamed, Some(target)) => Fold::Rename {
                    removal,
                    target,
                    old,
                },
                _ => Fold::Merge {
                    removal,
                    old,
                    into: &redirect.to,
                },
            };
            apply(items, fold);
        }
    }

    /// A removed entry whose id was redirected as merged is logged as merged; one redirected
    /// as renamed, with its target added, becomes one rename.
    fn fold_into_log(&self, entries: &mut Vec<EntryLog>, summary: &mut Counts) {
        let is = |change: LoggedChange| move |e: &EntryLog, id: &str| e.change == change && e.id == id;
        self.fold(
            entries,
            is(LoggedChange::Removed),
            is(LoggedChange::Added),
            |entries, fold| match fold {
                Fold::Rename {
                    removal,
                    target,
                    old,
                } => {
                    if let Some(entry) = entries.get_mut(target) {
                        entry.change = LoggedChange::Renamed;
                        entry.old_id = Some(old.to_owned());
                    }
                    entries.remove(removal);
                    summary.removed -= 1;
                    summary.added -= 1;
                    summary.renamed += 1;
                }
                Fold::Merge { removal, into, .. } => {
                    if let Some(entry) = entries.get_mut(removal) {
                        entry.change = LoggedChange::Merged;
                        entry.merged_into = Some(into.to_owned());
                    }
                    summary.removed -= 1;
                    summary.merged += 1;
                }
            },
        );
    }

    /// The same for the change feed: `merge` lines (`from` the old id, `id` the target), and a
    /// removal plus an addition that the table calls a rename as one `rename` line.
    fn fold_into_delta(&self, lines: &mut Vec<DeltaLine>) {
        let is = |op: DeltaOp| move |l: &DeltaLine, id: &str| l.op == op && l.id == id;
        self.fold(
            lines,
            is(DeltaOp::Remove),
            is(DeltaOp::Add),
            |lines, fold| match fold {
                Fold::Rename {
                    removal,
                    target,
                    old,
                } => {
                    if let Some(line) = lines.get_mut(target) {
                        line.op = DeltaOp::Rename;
                        line.from = Some(old.to_owned());
                    }
                    lines.remove(removal);
                }
                Fold::Merge {
                    removal,
                    old,
                    into,
                } => {
                    if let Some(line) = lines.get_mut(removal) {
                        *line = DeltaLine {
                            op: DeltaOp::Merge,
                            id: into.to_owned(),
                            from: Some(old.to_owned()),
                            entry: None,
                        };
                    }
                }
            },
        );
    }
}

/// What an added redirect makes of the removal of its old id (positions in the list folded).
enum Fold<'a> {
    /// The removal at `removal` and the addition at `target` are one rename from `old`.
    Rename {
        removal: usize,
        target: usize,
        old: &'a str,
    },
    /// The entry removed at `removal` was merged into `into`.
    Merge {
        removal: usize,
        old: &'a str,
        into: &'a str,
    },
}

fn entry_log(diff: &EntryDiff, change: LoggedChange) -> EntryLog {
    let source_id = |value: &Option<Value>| value.as_ref()?.get(SourceView::ID)?.as_u64();
    let mut log = EntryLog {
        id: diff.id.clone(),
        change,
        transitions: Vec::new(),
        sources_added: Vec::new(),
        sources_removed: Vec::new(),
        claims_added: Vec::new(),
        claims_removed: Vec::new(),
        awards_added: Vec::new(),
        awards_removed: Vec::new(),
        awards_changed: Vec::new(),
        merged_into: None,
        responses_added: Vec::new(),
        claims_disputed: Vec::new(),
        old_id: diff
            .old_file
            .as_deref()
            .map(crate::dataset::entry_stem)
            .filter(|old| *old != diff.id)
            .map(str::to_owned),
    };
    for change in &diff.changes {
        let FieldChange {
            path,
            kind,
            old,
            new,
            subject: _,
            claim,
            award: award_in,
        } = change;
        let field = |key: &str| view::is_entry_field(path, key);
        let is_source = view::matches(path, SourceView::AT, "");
        let is_claim = view::matches(path, ClaimView::AT, "");
        // A whole entry added or removed lists its claims as one field.
        let claim_ids = |value: &Option<Value>| -> Vec<String> {
            value
                .iter()
                .filter_map(Value::as_array)
                .flatten()
                .filter_map(|c| Some(c.get(ClaimView::ID)?.as_str()?.to_owned()))
                .collect()
        };
        // `/claims/<n>/awards/<m>` is a whole award; deeper, one of its fields. A claim's first
        // awards, or a claim or an entry added or removed whole, bring the awards they hold.
        let award = view::within(path, AwardView::AT, "")
            .then(|| view::matches(path, AwardView::AT, ""));
        // Awards and responses are named by their `id`, as claims are.
        let award_id = |value: &Option<Value>| -> Option<String> {
            Some(value.as_ref()?.get(AwardView::ID)?.as_str()?.to_owned())
        };
        let holds_awards = is_claim
            || field(EntryView::CLAIMS)
            || view::matches(path, ClaimView::AT, ClaimView::AWARDS);
        if holds_awards {
            let ids = |value: &Option<Value>| award_ids(value.as_ref());
            match kind {
                ChangeKind::Added => log.awards_added.extend(ids(new)),
                ChangeKind::Removed => log.awards_removed.extend(ids(old)),
                ChangeKind::Changed => {}
            }
        }
        match (award, kind) {
            (Some(true), ChangeKind::Added) => log.awards_added.extend(award_id(new)),
            (Some(true), ChangeKind::Removed) => log.awards_removed.extend(award_id(old)),
            (Some(_), _) => {
                if let Some(id) = award_in.as_ref().filter(|id| !log.awards_changed.contains(id)) {
                    log.awards_changed.push(id.clone());
                }
            }
            (None, _) => {}
        }
        match kind {
            ChangeKind::Added if is_claim => log.claims_added.extend(claim.clone()),
            ChangeKind::Removed if is_claim => log.claims_removed.extend(claim.clone()),
            ChangeKind::Added if field(EntryView::CLAIMS) => {
                log.claims_added.extend(claim_ids(new))
            }
            ChangeKind::Removed if field(EntryView::CLAIMS) => {
                log.claims_removed.extend(claim_ids(old))
            }
            _ => {}
        }
        let is_response = view::matches(path, ResponseView::AT, "");
        match kind {
            ChangeKind::Added if is_response => log.responses_added.extend(award_id(new)),
            ChangeKind::Added if field(EntryView::RESPONSES) => {
                log.responses_added.extend(claim_ids(new))
            }
            _ => {}
        }
        if let Some(claim) = change.newly_disputed_claim()
            && !log.claims_disputed.iter().any(|c| c == claim)
        {
            log.claims_disputed.push(claim.to_owned());
        }
        match kind {
            ChangeKind::Added if is_source => log.sources_added.extend(source_id(new)),
            ChangeKind::Removed if is_source => log.sources_removed.extend(source_id(old)),
            // A whole entry added or removed lists its sources as one field.
            ChangeKind::Added if field(EntryView::SOURCES) => log.sources_added.extend(ids(new)),
            ChangeKind::Removed if field(EntryView::SOURCES) => {
                log.sources_removed.extend(ids(old))
            }
            _ => {}
        }
        let claim_status = change.is_claim_status();
        let agencies = view::matches(path, BoycottView::AT, BoycottView::AGENCIES);
        if (claim_status || crate::review::is_status(path)) && *kind == ChangeKind::Changed
            || agencies && *kind != ChangeKind::Changed
        {
            log.transitions.push(Transition {
                path: path.clone(),
                old: old.clone(),
                new: new.clone(),
                claim: claim.clone().filter(|_| claim_status),
            });
        }
    }
    log
}

fn ids(value: &Option<Value>) -> Vec<u64> {
    value
        .as_ref()
        .and_then(Value::as_array)
        .map(|sources| {
            sources
                .iter()
                .filter_map(|s| s.get(SourceView::ID)?.as_u64())
                .collect()
        })
        .unwrap_or_default()
}

/// Release notes in Markdown.
pub fn markdown(log: &Changelog) -> String {
    let esc = crate::text::escape_markdown;
    // Revision names in code spans: shown as written, never read as Markdown.
    let code = |name: &str| format!("`{}`", name.replace('`', ""));
    let mut out = match &log.from {
        Some(from) => format!("## Changes from {} to {}\n\n", code(from), code(&log.to)),
        None => format!("## {}: the first release\n\n", code(&log.to)),
    };
    out.push_str(&format!("{}.\n", log.summary.sentence()));
    let company = |id: &str| format!("`{}`", id.replace('`', ""));
    for (title, change) in [
        ("Added", LoggedChange::Added),
        ("Removed", LoggedChange::Removed),
        ("Renamed", LoggedChange::Renamed),
        ("Merged", LoggedChange::Merged),
    ] {
        let listed: Vec<&EntryLog> = log.entries.iter().filter(|e| e.change == change).collect();
        if listed.is_empty() {
            continue;
        }
        out.push_str(&format!("\n### {title}\n\n"));
        for entry in listed {
            match &entry.old_id {
                Some(old) if change == LoggedChange::Renamed => {
                    out.push_str(&format!("- {} → {}\n", company(old), company(&entry.id)))
                }
                _ if change == LoggedChange::Merged => out.push_str(&format!(
                    "- {} merged into {}\n",
                    company(&entry.id),
                    company(entry.merged_into.as_deref().unwrap_or_default())
                )),
                _ => out.push_str(&format!("- {}\n", company(&entry.id))),
            }
        }
    }
    let changed: Vec<&EntryLog> = log
        .entries
        .iter()
        .filter(|e| e.change == LoggedChange::Changed)
        .collect();
    if !changed.is_empty() {
        out.push_str("\n### Changed\n\n");
        for entry in changed {
            let mut parts: Vec<String> = entry
                .transitions
                .iter()
                .map(|t| {
                    let show = |v: &Option<Value>| {
                        v.as_ref().map_or("none".to_owned(), |v| match v.as_str() {
                            Some(s) => esc(s),
                            None => esc(&v.to_string()),
                        })
                    };
                    let at = |view: &str, key: &str| view::matches(&t.path, view, key);
                    let what = if at(BoycottView::AT, BoycottView::STATUS) {
                        "boycott status".to_owned()
                    } else if at(VerificationView::AT, VerificationView::STATUS) {
                        "verification".to_owned()
                    } else if at(BoycottView::AT, BoycottView::AGENCIES) {
                        "agencies".to_owned()
                    } else {
                        let other = t.path.trim_start_matches('/');
                        format!("claim {}", esc(t.claim.as_deref().unwrap_or(other)))
                    };
                    format!("{what}: {} → {}", show(&t.old), show(&t.new))
                })
                .collect();
            if !entry.sources_added.is_empty() {
                parts.push(format!("sources added {:?}", entry.sources_added));
            }
            if !entry.sources_removed.is_empty() {
                parts.push(format!("sources removed {:?}", entry.sources_removed));
            }
            if !entry.claims_added.is_empty() {
                let ids: Vec<String> = entry.claims_added.iter().map(|id| esc(id)).collect();
                parts.push(format!("claims added: {}", ids.join(", ")));
            }
            if !entry.claims_removed.is_empty() {
                let ids: Vec<String> = entry.claims_removed.iter().map(|id| esc(id)).collect();
                parts.push(format!("claims removed: {}", ids.join(", ")));
            }
            if !entry.claims_disputed.is_empty() {
                let ids: Vec<String> = entry.claims_disputed.iter().map(|id| esc(id)).collect();
                parts.insert(0, format!("claims disputed: {}", ids.join(", ")));
            }
            if !entry.responses_added.is_empty() {
                let ids: Vec<String> = entry.responses_added.iter().map(|id| esc(id)).collect();
                parts.push(format!("responses added: {}", ids.join(", ")));
            }
            for (what, ids) in [
                ("award records added", &entry.awards_added),
                ("award records removed", &entry.awards_removed),
                ("award records updated", &entry.awards_changed),
            ] {
                if !ids.is_empty() {
                    let ids: Vec<String> = ids.iter().map(|id| esc(id)).collect();
                    parts.push(format!("{what}: {}", ids.join(", ")));
                }
            }
            if parts.is_empty() {
                parts.push("text edited".into());
            }
            out.push_str(&format!("- {}: {}\n", company(&entry.id), parts.join("; ")));
        }
    }
    out
}

/// The ids of the awards in a value: a list of awards, a claim, or a list of claims.
fn award_ids(value: Option<&Value>) -> Vec<String> {
    let id = |award: &Value| Some(award.get(AwardView::ID)?.as_str()?.to_owned());
    let of_claim = |claim: &Value| -> Vec<String> {
        claim
            .get(ClaimView::AWARDS)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(id)
            .collect()
    };
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .flat_map(|item| {
                if item.get(ClaimView::AWARDS).is_some() || item.get(ClaimView::SUMMARY).is_some() {
                    of_claim(item)
                } else {
                    id(item).into_iter().collect()
                }
            })
            .collect(),
        Some(claim @ Value::Object(_)) => of_claim(claim),
        _ => Vec::new(),
    }
}
