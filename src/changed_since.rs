//! `lint --changed-since REV`: what a pull request changed, judged as its base revision
//! would judge it.
//!
//! Only the entries the change touched are read and linted; the dataset-wide rules compare them
//! with every other entry (from the base commit's cached identities); the history rules report
//! deleted entries, changed ids and moved files. Unless a maintainer approved a change of
//! policy (`--allow-policy-change`), the rule severities, limits and schema are the base
//! revision's, and a change to `icelist.toml`, `schema/` or `.github/` is itself reported
//! (`policy-changed`): a pull request cannot switch off its own check.

use crate::config::Settings;
use crate::dataset::{Candidate, DatasetFiles};
use crate::diagnostic::Report;
use crate::error::{Error, Result};
use crate::git::DatasetRepo;
use crate::json::SpanIndex;
use crate::lint::{EntryOutcome, lint_candidate, place, place_dataset_findings};
use crate::rules::schema::EntrySchema;
use crate::rules::{self, Finding};
use rayon::prelude::*;
use serde_json::Value;
use std::collections::HashSet;
use std::sync::Arc;

/// Whether a change of verification (an entry becoming verified, a new verification date) is
/// reported (`verification-changed`) or was approved by a maintainer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerificationCheck {
    Report,
    Approved,
}

/// Whether an added or changed redirect (a merge or a rename) is reported
/// (`redirect-added`) or was approved by a maintainer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedirectCheck {
    Report,
    Approved,
}

/// What a maintainer approved for the change under review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Approvals {
    pub policy: PolicyCheck,
    pub verification: VerificationCheck,
    pub redirect: RedirectCheck,
}

/// Whether a change of policy is reported or was approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyCheck {
    /// Judge with the base revision's configuration and schema, and report policy changes.
    Report,
    /// A maintainer approved the change: judge with the working tree's own.
    Approved,
}

/// What `lint --changed-since` found, and the settings and schema it judged with (a `--fix`
/// lints again with the same).
pub struct ChangedSinceRun {
    pub report: Report,
    pub settings: Settings,
    pub schema: EntrySchema,
}

/// `lint --changed-since REV` on the checkout at `root`: the change from the merge base of
/// `rev` and HEAD to the working tree, judged with the base revision's configuration and
/// schema unless a maintainer approved a policy change (then with the working tree's own).
pub fn run(
    root: &std::path::Path,
    rev: &str,
    today: time::Date,
    approvals: Approvals,
) -> Result<ChangedSinceRun> {
    if !crate::checkout::require_real_folder(root, crate::dataset::DATASET_DIR)? {
        return Err(Error::DatasetMissing {
            root: root.to_owned(),
        });
    }
    let mut repo = DatasetRepo::open(root)?;
    let (settings, schema, base) = match approvals.policy {
        PolicyCheck::Approved => {
            let settings = Settings::load(root, today)?;
            let schema = EntrySchema::load(&root.join(crate::dataset::SCHEMA_PATH))?;
            (settings, schema, repo.merge_base_with_head(rev)?)
        }
        PolicyCheck::Report => {
            let base = repo.merge_base_with_head(rev)?;
            let (settings, schema) = base_policy(&repo, root, base, today)?;
            (settings, schema, base)
        }
    };
    repo.set_file_limit(settings.max_file_size);
    let report = lint_changed_since(&repo, root, &schema, &settings, rev, base, approvals)?;
    Ok(ChangedSinceRun {
        report,
        settings,
        schema,
    })
}

/// The settings and schema of the base revision: `icelist.toml` and the schema as committed
/// there (defaults when it had no `icelist.toml`; the working tree's schema when it had none).
pub fn base_policy(
    repo: &DatasetRepo,
    root: &std::path::Path,
    base: git2::Oid,
    today: time::Date,
) -> Result<(Settings, EntrySchema)> {
    let short = repo.short(base);
    let settings = match repo.root_file_at(
        base,
        crate::config::CONFIG_FILE,
        crate::checkout::CONFIG_LIMIT,
    )? {
        Some(bytes) => Settings::from_toml(&bytes, today).map_err(|message| Error::Config {
            path: std::path::PathBuf::from(format!("{} at {short}", crate::config::CONFIG_FILE)),
            message,
        })?,
        None => Settings::new(today),
    };
    let schema = match repo.root_file_at(
        base,
        crate::dataset::SCHEMA_PATH,
        crate::checkout::SCHEMA_LIMIT,
    )? {
        Some(bytes) => EntrySchema::from_bytes(&bytes).map_err(|error| Error::SchemaInvalid {
            path: std::path::PathBuf::from(format!("{} at {short}", crate::dataset::SCHEMA_PATH)),
            message: error.to_string(),
        })?,
        None => EntrySchema::load(&root.join(crate::dataset::SCHEMA_PATH))?,
    };
    Ok((settings, schema))
}

/// `lint --changed-since REV`: lints the entries added or modified between `base` (the merge
/// base of REV and HEAD, [`DatasetRepo::merge_base_with_head`]) and the working tree (three-dot semantics), runs the dataset-wide rules for
/// them against the whole dataset, and adds the history rules (`entry-removed`, `id-changed`).
pub fn lint_changed_since(
    repo: &crate::git::DatasetRepo,
    root: &std::path::Path,
    schema: &EntrySchema,
    settings: &Settings,
    rev: &str,
    base: git2::Oid,
    approvals: Approvals,
) -> Result<Report> {
    let Approvals {
        policy,
        verification,
        redirect,
    } = approvals;
    use crate::git::{ChangeStatus, FileChange, Side};
    let base_name = format!(
        "{} ({})",
        crate::text::escape_untrusted(rev),
        repo.short(base)
    );
    let changes = crate::review::renames::split_unrelated_renames(
        repo,
        repo.changed_files(base, Side::WorkingTree)?,
        Side::WorkingTree,
        settings.max_file_size,
    );
    let mut history: Vec<(String, Finding)> = Vec::new();
    let mut report = Report::default();
    if policy == PolicyCheck::Report {
        for (path, what) in repo.policy_changes(base)? {
            let finding = rules::policy_changed::finding(&path, what, &base_name);
            let shown = crate::text::escape_untrusted(&path);
            report
                .diagnostics
                .extend(place(&shown, "", vec![finding], None, settings, None).diagnostics);
        }
    }
    // Whatever the approval, a breaking schema change must bump the major version.
    if let Some(finding) = schema_breaking(repo, root, base, &base_name)? {
        report.diagnostics.extend(
            place(
                crate::dataset::SCHEMA_PATH,
                "",
                vec![finding],
                None,
                settings,
                None,
            )
            .diagnostics,
        );
    }
    let table = RedirectTables::read(repo, root, base, settings.max_file_size);
    let table_changed = changes.iter().any(FileChange::touches_redirect_table);
    let mut selected = Vec::new();
    let mut entries_left = false;
    let redirect_added = |id: &str| table.added_here(id);
    for change in &changes {
        if change.touches_redirect_table() {
            continue;
        }
        match change.status {
            ChangeStatus::Removed => {
                let Some(old) = &change.old_file else {
                    continue;
                };
                entries_left = true;
                let added_back = changes
                    .iter()
                    .any(|c| c.status == ChangeStatus::Added && c.new_file.as_ref() == Some(old));
                if let Some(finding) =
                    rules::entry_removed::check(old, added_back, &redirect_added, &base_name)
                {
                    history.push((old.clone(), finding));
                }
            }
            ChangeStatus::Added | ChangeStatus::Modified | ChangeStatus::Renamed => {
                let Some(new) = &change.new_file else {
                    continue;
                };
                selected.push(new.clone());
                let old_entry = change
                    .old_blob
                    .filter(|_| change.status != ChangeStatus::Added)
                    .and_then(|oid| repo.blob(oid, settings.max_file_size).ok())
                    .and_then(|bytes| crate::load::read(&bytes, |parsed| parsed.to_value()).ok());
                if verification == VerificationCheck::Report {
                    let new_entry = Candidate {
                        file: new.clone(),
                        path: root.join(new),
                        stem: crate::dataset::entry_stem(new).to_owned(),
                    }
                    .read(settings.max_file_size)
                    .ok()
                    .and_then(|bytes| crate::load::read(&bytes, |parsed| parsed.to_value()).ok());
                    if let Some(new_entry) = &new_entry {
                        use rules::verification_changed::{VerificationState, finding};
                        let old_state = old_entry.as_ref().map(VerificationState::of);
                        let new_state = VerificationState::of(new_entry);
                        if let Some(found) = finding(old_state.as_ref(), &new_state, &base_name) {
                            history.push((new.clone(), found));
                        }
                    }
                }
                let old_id = old_entry
                    .as_ref()
                    .and_then(|v| v.get("id").and_then(Value::as_str));
                let moved_file = change.status == ChangeStatus::Renamed
                    && change.old_file.as_deref() != Some(new.as_str());
                if moved_file {
                    entries_left = true;
                }
                if let Some(finding) = rules::id_changed::check(
                    old_id,
                    change.old_file.as_deref(),
                    new,
                    moved_file,
                    &redirect_added,
                    &base_name,
                ) {
                    history.push((new.clone(), finding));
                }
            }
        }
    }
    history.extend(table.changes(redirect, &base_name));
    // The table is checked whenever anything under dataset/ changed: a target may have gone,
    // or an old id come back as an entry.
    if table_changed || entries_left || !changes.is_empty() {
        let path = root.join(crate::dataset::REDIRECTS_PATH);
        if std::fs::symlink_metadata(&path).is_ok() {
            let candidate = Candidate {
                file: crate::dataset::REDIRECTS_PATH.to_owned(),
                path,
                stem: crate::model::RESERVED_ID.to_owned(),
            };
            let is_entry = |id: &str| {
                crate::dataset::names::is_entry_id(id)
                    && std::fs::symlink_metadata(
                        root.join(crate::dataset::DATASET_DIR).join(format!("{id}.json")),
                    )
                    .is_ok_and(|m| m.file_type().is_file())
            };
            crate::lint::lint_redirects(&candidate, &is_entry, settings)
                .record(&candidate.file, &mut report);
        }
    }
    // Only the touched files are read and linted.
    let files = DatasetFiles::only(root, &selected)?;
    for (file, problem) in &files.problems {
        let finding = crate::rules::file_type::of_problem(problem);
        report
            .diagnostics
            .extend(place(file, "", vec![finding], None, settings, None).diagnostics);
    }
    let outcomes: Vec<(&Candidate, EntryOutcome)> = files
        .entries
        .par_iter()
        .map(|candidate| {
            (
                candidate,
                lint_candidate(candidate, schema, settings, false),
            )
        })
        .collect();
    let mut identities = Vec::new();
    for (candidate, mut outcome) in outcomes {
        if let Some(identity) = outcome.identity.take() {
            identities.push((candidate.file.clone(), identity));
        }
        outcome.record(&candidate.file, &mut report);
    }
    // entry-duplicate for the changed entries against every other entry, from the cached
    // identities of the base commit (only entries that share a key are returned).
    let wanted: HashSet<(crate::identity::KeyKind, &str)> = identities
        .iter()
        .flat_map(|(_, keys)| keys.keys.iter().map(|key| (key.kind, key.key.as_str())))
        .collect();
    let mut exclude: HashSet<&str> = selected.iter().map(String::as_str).collect();
    exclude.extend(changes.iter().filter_map(|c| c.old_file.as_deref()));
    let others = crate::identity_index::entries_sharing_keys(
        repo,
        base,
        &wanted,
        &exclude,
        settings.max_file_size,
    )?;
    let changed_set: HashSet<&str> = selected.iter().map(String::as_str).collect();
    let mut everyone = identities.clone();
    everyone.extend(others);
    let dataset_findings = rules::check_dataset(&everyone, &|f| changed_set.contains(f));
    // The other side of a duplicate is read from the working tree to place the finding.
    let read_entry = |file: &str| {
        Candidate {
            file: file.to_owned(),
            path: root.join(file),
            stem: crate::dataset::entry_stem(file).to_owned(),
        }
        .read(settings.max_file_size)
        .ok()
    };
    report.diagnostics.extend(place_dataset_findings(
        dataset_findings,
        &read_entry,
        settings,
        &mut report.sources,
    ));
    for (file, finding) in history {
        let text = match report.sources.get(&file) {
            Some(text) => text.to_string(),
            None => Candidate {
                file: file.clone(),
                path: root.join(&file),
                stem: crate::dataset::entry_stem(&file).to_owned(),
            }
            .read(settings.max_file_size)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .unwrap_or_default(),
        };
        if !text.is_empty() {
            report
                .sources
                .entry(file.clone())
                .or_insert_with(|| Arc::from(text.as_str()));
        }
        let spans = SpanIndex::build(&text).ok();
        let outcome = place(&file, &text, vec![finding], spans.as_ref(), settings, None);
        report.diagnostics.extend(outcome.diagnostics);
    }
    report.sort();
    Ok(report)
}

/// The redirect table at the base and in the working tree (empty where there is none, or
/// where it does not read: `redirect-invalid` reports that).
struct RedirectTables {
    base: crate::model::Redirects,
    now: crate::model::Redirects,
}

impl RedirectTables {
    fn read(
        repo: &crate::git::DatasetRepo,
        root: &std::path::Path,
        base: git2::Oid,
        limit: u64,
    ) -> Self {
        let now = crate::checkout::read_regular_file(
            &root.join(crate::dataset::REDIRECTS_PATH),
            limit,
        )
        .ok()
        .and_then(|file| crate::model::Redirects::from_json_bytes(&file.bytes).ok());
        RedirectTables {
            base: repo.redirects_at(base, limit).unwrap_or_default(),
            now: now.unwrap_or_default(),
        }
    }

    /// Whether this change adds the redirect of `old_id` or changes it.
    fn added_here(&self, old_id: &str) -> bool {
        self.now.get(old_id).is_some() && self.now.get(old_id) != self.base.get(old_id)
    }

    /// `redirect-added` for every redirect added or changed (unless approved) and every
    /// redirect removed, placed in the table's file.
    fn changes(&self, check: RedirectCheck, base_name: &str) -> Vec<(String, Finding)> {
        let approved = check == RedirectCheck::Approved;
        rules::redirect_added::check(&self.base, &self.now, approved, base_name)
            .into_iter()
            .map(|finding| (crate::dataset::REDIRECTS_PATH.to_owned(), finding))
            .collect()
    }
}

/// `schema-breaking`: the working tree's schema against the base's.
fn schema_breaking(
    repo: &crate::git::DatasetRepo,
    root: &std::path::Path,
    base: git2::Oid,
    base_name: &str,
) -> Result<Option<Finding>> {
    use crate::checkout::{SCHEMA_LIMIT, read_optional};
    let Some(old) = repo.root_file_at(base, crate::dataset::SCHEMA_PATH, SCHEMA_LIMIT)? else {
        return Ok(None);
    };
    let new =
        read_optional(&root.join(crate::dataset::SCHEMA_PATH), SCHEMA_LIMIT).map_err(|source| {
            Error::Unreadable {
                path: root.join(crate::dataset::SCHEMA_PATH),
                source,
            }
        })?;
    Ok(new.and_then(|new| rules::schema_breaking::check(&old, &new, base_name)))
}
