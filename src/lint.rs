//! The pipeline every command shares: load → parse → check → place findings in the file.
//!
//! [`analyze_entry`] lints one file's bytes (the unit the fuzzer drives); [`lint_dataset`]
//! runs it over every file in parallel, then the dataset-wide rules.

use crate::dataset::{Candidate, DatasetFiles, FileProblem};
use crate::diagnostic::{
    Diagnostic, Location, RelatedLocation, Report, SHOWN_PER_RULE_AND_FILE, Tally,
};
use crate::error::{Error, Result};
use crate::identity::IdentityKeys;
use crate::json::{SpanIndex, StructuralProblem};
use crate::load::{LoadFailure, ParsedEntry, decode};
use crate::model::Entry;
use crate::rules::schema::EntrySchema;
use crate::rules::{self, EntryContext, Finding, Findings};
use crate::settings::Settings;
use crate::text::LineIndex;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What linting one file yields.
#[derive(Debug, Default)]
pub struct EntryOutcome {
    pub diagnostics: Vec<Diagnostic>,
    /// Kept only when there are diagnostics to draw.
    pub text: Option<Arc<str>>,
    /// For dataset-wide rules; `None` when the file did not parse.
    pub identity: Option<IdentityKeys>,
    /// The entry read through the model from the lint's own parse, when asked for
    /// (`read_entry`; the build): `Err` says why it does not fit the model. `None` when the
    /// file did not parse. Boxed: an `Entry` is over a kilobyte, and a lint moves every
    /// outcome from its worker to the thread that reports (100,000 moves of the unboxed
    /// outcome cost that thread 30 ms, while the workers waited for the next batch).
    pub entry: Option<Box<Result<Entry, String>>>,
    /// Findings counted but not listed (see `crate::diagnostic::SHOWN_PER_RULE_AND_FILE`).
    pub hidden: crate::diagnostic::HiddenCounts,
}

impl EntryOutcome {
    /// Counts the file in `report` and adds its diagnostics, with the text they point into.
    pub(crate) fn record(self, file: &str, report: &mut Report) {
        report.files += 1;
        if let Some(text) = self.text {
            report.sources.insert(file.to_owned(), text);
        }
        report.diagnostics.extend(self.diagnostics);
        report.hidden.merge(self.hidden);
    }
}

/// Lints one entry file's bytes: encoding, syntax, schema and every entry rule.
/// `file` is the path relative to the root (`dataset/acme.json`); `stem` what `id` must equal.
/// The one decoding every reader shares, with `json-encoding` for a BOM or bytes that are not
/// UTF-8.
fn decode_reporting(bytes: &[u8]) -> (crate::json::DecodedText<'_>, Findings) {
    let decoded = decode(bytes);
    let mut findings = Findings::default();
    if decoded.has_bom {
        findings.push(rules::json_encoding::byte_order_mark());
    }
    if let Some(at) = decoded.invalid_utf8_at {
        findings.push(rules::json_encoding::invalid_utf8(at));
    }
    (decoded, findings)
}

pub fn analyze_entry(
    file: &str,
    stem: &str,
    bytes: &[u8],
    schema: &EntrySchema,
    settings: &Settings,
    read_entry: bool,
) -> EntryOutcome {
    let (decoded, mut findings) = decode_reporting(bytes);
    let Some(parsed) = parse_reporting(&decoded, &mut findings) else {
        return place(file, &decoded.text, findings, None, settings, None);
    };
    schema.check(&parsed.tree, &mut findings);
    let ctx = EntryContext::new(&parsed.tree, parsed.text, stem, settings);
    rules::check_entry(&ctx, &mut findings);
    let identity = Some(IdentityKeys::of(&parsed.tree));
    let needs_spans = parsed.flags.needs_span_parse()
        || findings.iter().any(|f| settings.severity(f.code).is_some());
    let spans = needs_spans.then(|| span_index_reporting(&parsed, &mut findings));
    let mut outcome = place(
        file,
        &decoded.text,
        findings,
        spans.flatten(),
        settings,
        None,
    );
    outcome.identity = identity;
    if read_entry {
        outcome.entry = Some(Box::new(parsed.entry()));
    }
    outcome
}

/// The parsed file, or `None` with a `json-syntax` finding for a syntax error (bytes that are
/// not UTF-8 are `decode_reporting`'s finding).
fn parse_reporting<'t>(
    decoded: &'t crate::json::DecodedText<'_>,
    findings: &mut Findings,
) -> Option<ParsedEntry<'t>> {
    match ParsedEntry::parse(decoded) {
        Ok(parsed) => Some(parsed),
        Err(failure) => {
            if let (LoadFailure::Syntax(error), Some(text)) = (&failure, decoded.parse_text()) {
                findings.push(rules::json_syntax::from_serde(text, error));
            }
            None
        }
    }
}

/// The span index, with what only it can locate (repeated keys, numbers a double changes)
/// added to `findings`; `None`, with a `json-syntax` finding, when the span parse rejects the
/// text.
fn span_index_reporting<'p>(
    parsed: &'p ParsedEntry<'_>,
    findings: &mut Findings,
) -> Option<&'p SpanIndex> {
    match parsed.spans() {
        Ok(index) => {
            for problem in &index.problems {
                findings.push(structural_finding(problem));
            }
            Some(index)
        }
        Err((range, message)) => {
            findings.push(
                Finding::new(
                    rules::json_syntax::CODE,
                    crate::json::Target::bytes(range.clone()),
                    format!("invalid JSON: {message}"),
                )
                .label(message.clone())
                .help("check the JSON syntax at the position shown"),
            );
            None
        }
    }
}

fn structural_finding(problem: &StructuralProblem) -> Finding {
    match problem {
        StructuralProblem::DuplicateKey {
            pointer,
            key,
            first,
            second,
        } => rules::json_duplicate_key::finding(pointer, key, first.clone(), second.clone()),
        StructuralProblem::UnsafeNumber {
            pointer,
            literal,
            range,
            reason,
        } => rules::json_number::finding(pointer, literal, range.clone(), *reason),
    }
}

/// Resolves a place in another entry's file (for dataset-wide findings).
pub(crate) type LocateElsewhere<'a> = &'a dyn Fn(&str, &crate::json::Target) -> Option<Location>;

/// Places findings in the file: applies configured severities, resolves pointers to spans.
/// `other_files` resolves related places in other entries (dataset-wide rules).
pub(crate) fn place(
    file: &str,
    text: &str,
    findings: impl Into<Findings>,
    spans: Option<&SpanIndex>,
    settings: &Settings,
    other_files: Option<LocateElsewhere<'_>>,
) -> EntryOutcome {
    let findings: Findings = findings.into();
    if findings.is_empty() {
        return EntryOutcome::default();
    }
    let index = LineIndex::new(text);
    let locate = |target: &crate::json::Target| -> Location {
        let range = match (&target.part, spans) {
            (crate::json::Part::Bytes(r), _) => r.clone(),
            (_, Some(spans)) => spans.resolve(text, target).unwrap_or(0..0),
            (_, None) => 0..0,
        };
        index.location(range)
    };
    let mut diagnostics = Vec::new();
    let mut hidden = crate::diagnostic::HiddenCounts::default();
    let (kept, totals) = findings.into_parts();
    let mut listed: Vec<(rules::RuleCode, usize)> = Vec::new();
    for finding in kept {
        let Some(severity) = settings.severity(finding.code) else {
            continue;
        };
        let severity = finding.at_most.map_or(severity, |cap| severity.min(cap));
        // The finding's place among the listed ones of its rule (1-based).
        let position = match listed.iter_mut().find(|(code, _)| *code == finding.code) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                listed.push((finding.code, 1));
                1
            }
        };
        // `Findings` keeps one finding past the cap: it stands for all the unlisted ones.
        let finding = if position > SHOWN_PER_RULE_AND_FILE {
            let total = totals
                .iter()
                .find(|(code, _)| *code == finding.code)
                .map_or(position, |(_, total)| *total);
            hidden.add(severity, total - position);
            more_of_the_same(finding, total - SHOWN_PER_RULE_AND_FILE)
        } else {
            finding
        };
        let related = finding
            .related
            .iter()
            .map(|r| match &r.file {
                None => RelatedLocation {
                    file: file.to_owned(),
                    location: Some(locate(&r.target)),
                    message: r.message.clone(),
                },
                Some(other) => RelatedLocation {
                    file: other.clone(),
                    location: other_files.and_then(|resolve| resolve(other, &r.target)),
                    message: r.message.clone(),
                },
            })
            .collect();
        diagnostics.push(Diagnostic {
            code: finding.code,
            severity,
            location: locate(&finding.target),
            pointer: finding.target.pointer,
            message: finding.message,
            help: finding.help,
            file: file.to_owned(),
            label: finding.label,
            related,
            fix: finding.fix,
        });
    }
    let text = (!diagnostics.is_empty()).then(|| Arc::from(text));
    EntryOutcome {
        diagnostics,
        text,
        identity: None,
        entry: None,
        hidden,
    }
}

/// The finding that stands for `more` findings of its rule that are not listed.
fn more_of_the_same(first_unlisted: Finding, more: usize) -> Finding {
    let code = first_unlisted.code;
    let fix = first_unlisted.fix;
    let mut finding = Finding::new(
        code,
        first_unlisted.target,
        format!(
            "{more} more {code} findings in this file, from here on, are counted but not listed (the first {SHOWN_PER_RULE_AND_FILE} are)"
        ),
    )
    .label("and more")
    .help(format!("fix the ones listed and run `icelist lint` again; `icelist explain {code}` says what the rule wants"));
    finding.fix = fix;
    finding
}

/// Which files a run reports on.
#[derive(Debug, Clone, Default)]
pub enum Selection {
    #[default]
    All,
    /// Relative paths of files (or folders, ending in `/`) to report on.
    Only(Vec<String>),
}

impl Selection {
    /// The files `paths` name, as root-relative, `/`-separated paths (a folder ends in `/`);
    /// every file when there are none. A relative path is taken from the current directory, as
    /// a shell user expects; a path outside `dataset/`, or one that does not exist, is refused.
    pub fn of_paths(root: &Path, paths: &[PathBuf]) -> Result<Selection> {
        if paths.is_empty() {
            return Ok(Selection::All);
        }
        let root_abs = std::fs::canonicalize(root).map_err(|source| Error::Io {
            path: root.to_owned(),
            source,
        })?;
        let mut selected = Vec::new();
        for path in paths {
            let shown = crate::text::escape_untrusted(&path.to_string_lossy());
            // Relative paths are taken from the current directory, as a shell user expects.
            let parent = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let parent_abs = std::fs::canonicalize(parent).map_err(|_| Error::NotAnEntry {
                path: shown.clone(),
                reason: "no such file or directory".into(),
            })?;
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let relative = parent_abs
                .strip_prefix(&root_abs)
                .map_err(|_| Error::NotAnEntry {
                    path: shown.clone(),
                    reason: "it is outside the dataset's root".into(),
                })?;
            let mut parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if let Some(name) = name {
                parts.push(name);
            }
            let joined = parts.join("/");
            let is_dir = root_abs.join(&joined).is_dir() || joined.is_empty();
            if !joined.starts_with(crate::dataset::DATASET_DIR) && !joined.is_empty() {
                return Err(Error::NotAnEntry {
                    path: shown,
                    reason: "entries live under dataset/".into(),
                });
            }
            if !is_dir
                && !root_abs.join(&joined).exists()
                && std::fs::symlink_metadata(root_abs.join(&joined)).is_err()
            {
                return Err(Error::NotAnEntry {
                    path: shown,
                    reason: "no such file".into(),
                });
            }
            selected.push(if is_dir {
                format!("{}/", joined.trim_end_matches('/'))
            } else {
                crate::text::escape_untrusted(&joined)
            });
        }
        Ok(Selection::Only(selected))
    }

    pub fn includes(&self, file: &str) -> bool {
        match self {
            Selection::All => true,
            Selection::Only(paths) => paths
                .iter()
                .any(|p| p == file || (p.ends_with('/') && file.starts_with(p.as_str()))),
        }
    }
}

/// Lints the dataset under `files.root` and returns the whole report, sorted.
pub fn lint_dataset(
    files: &DatasetFiles,
    schema: &EntrySchema,
    settings: &Settings,
    selection: &Selection,
) -> Result<Report> {
    let mut report = Report::default();
    lint_dataset_streaming(files, schema, settings, selection, &mut |batch| {
        report.files += batch.files;
        report.diagnostics.extend(batch.diagnostics);
        report.sources.extend(batch.sources);
        report.hidden.merge(batch.hidden);
        Ok(())
    })?;
    report.sort();
    Ok(report)
}

/// Entry files linted per batch of a streamed lint. Each batch ends in a barrier where the
/// workers wait for the slowest; at 4,096 those waits cost a full lint of 100,000 entries
/// about 10%. At 16,384 a batch of the worst case (every file `{}`: 7 findings each) stays
/// near 150 MB.
const BATCH: usize = 16384;

/// Lints the dataset under `files.root`, handing the findings to `emit` a batch of files at a
/// time, in file order, so that no run holds every finding at once. The dataset-wide findings
/// (`entry-duplicate`) need every entry first: they come in a last batch of their own.
/// Returns the run's totals.
pub fn lint_dataset_streaming(
    files: &DatasetFiles,
    schema: &EntrySchema,
    settings: &Settings,
    selection: &Selection,
    emit: &mut dyn FnMut(Report) -> Result<()>,
) -> Result<Tally> {
    lint_and_read(files, schema, settings, selection, emit, None)
}

/// The entries of one batch as the model reads them, in the order of the files given: each
/// with its file and, when it parsed, the entry or why it does not fit the model.
pub(crate) type ReadBatch = Vec<(String, Option<std::result::Result<Entry, String>>)>;

/// [`lint_dataset_streaming`], also handing each batch's entries, read through the model from
/// the lint's own parse, to `read` (the build writes them). Entries are handed on only while
/// no error has been found: a dataset with errors is not built.
pub(crate) fn lint_and_read(
    files: &DatasetFiles,
    schema: &EntrySchema,
    settings: &Settings,
    selection: &Selection,
    emit: &mut dyn FnMut(Report) -> Result<()>,
    mut read: Option<&mut dyn FnMut(ReadBatch) -> Result<()>>,
) -> Result<Tally> {
    let mut tally = Tally::default();
    let mut send = |batch: Report| -> Result<()> {
        tally.add(batch.tally());
        emit(batch)
    };
    let mut problems = files
        .problems
        .iter()
        .filter(|(file, _)| selection.includes(file))
        .peekable();
    let place_problem = |batch: &mut Report, (file, problem): &(String, FileProblem)| {
        let finding = rules::file_type::of_problem(problem);
        let outcome = place(file, "", vec![finding], None, settings, None);
        batch.diagnostics.extend(outcome.diagnostics);
    };
    // Each worker reduces an entry's identity keys to fingerprints before it moves on, so
    // what is kept per entry stays small.
    let mut fingerprints = Vec::with_capacity(files.entries.len());
    let read_entries = read.is_some();
    let mut clean = true;
    for chunk in files.entries.chunks(BATCH) {
        let outcomes: Vec<(EntryOutcome, Box<[u64]>)> = chunk
            .par_iter()
            .map(|candidate| {
                let mut outcome = lint_candidate(candidate, schema, settings, read_entries);
                let prints = outcome
                    .identity
                    .take()
                    .map(|keys| keys.fingerprints())
                    .unwrap_or_default();
                (outcome, prints)
            })
            .collect();
        let mut batch = Report::default();
        let last = chunk.last().map_or("", |c| c.file.as_str());
        while let Some(problem) = problems.next_if(|(file, _)| file.as_str() <= last) {
            place_problem(&mut batch, problem);
        }
        let mut entries = ReadBatch::with_capacity(if read.is_some() { chunk.len() } else { 0 });
        for (candidate, (mut outcome, prints)) in chunk.iter().zip(outcomes) {
            fingerprints.push(prints);
            if read.is_some() {
                entries.push((candidate.file.clone(), outcome.entry.take().map(|e| *e)));
            }
            if selection.includes(&candidate.file) {
                outcome.record(&candidate.file, &mut batch);
            }
        }
        batch.sort();
        clean &= batch.tally().errors == 0;
        send(batch)?;
        if let Some(read) = read.as_mut()
            && clean
        {
            read(entries)?;
        }
    }
    let mut batch = Report::default();
    for problem in problems {
        place_problem(&mut batch, problem);
    }
    if let Some(table) = files.redirects.as_ref().filter(|t| selection.includes(&t.file)) {
        let stems: HashSet<&str> = files.entries.iter().map(|c| c.stem.as_str()).collect();
        lint_redirects(table, &|id| stems.contains(id), settings).record(&table.file, &mut batch);
    }
    // entry-duplicate: only entries that share a fingerprint are read again for their keys,
    // and their bytes are kept to place the findings.
    let (identities, mut bytes): (Vec<(String, IdentityKeys)>, Vec<Vec<u8>>) =
        rules::entry_duplicate::sharing_a_fingerprint(&fingerprints)
            .par_iter()
            .filter_map(|&e| {
                let candidate = &files.entries[e];
                let bytes = candidate.read(settings.max_file_size).ok()?;
                let keys = IdentityKeys::of_bytes(&bytes)?;
                Some(((candidate.file.clone(), keys), bytes))
            })
            .unzip();
    let dataset_findings = rules::check_dataset(&identities, &|f| selection.includes(f));
    let mut bytes_by_file: BTreeMap<&str, Vec<u8>> = BTreeMap::new();
    for ((file, _), bytes) in identities.iter().zip(bytes.drain(..)) {
        bytes_by_file.insert(file.as_str(), bytes);
    }
    let placed = place_dataset_findings(
        dataset_findings,
        &|file| bytes_by_file.get(file).cloned(),
        settings,
        &mut batch.sources,
    );
    batch.diagnostics.extend(placed);
    batch.sort();
    send(batch)?;
    Ok(tally)
}

/// Reads the redirect table (bounded by the size limit) and lints it: the JSON rules, then
/// `redirect-invalid` with `is_entry` saying which ids are entries.
pub(crate) fn lint_redirects(
    table: &Candidate,
    is_entry: &dyn Fn(&str) -> bool,
    settings: &Settings,
) -> EntryOutcome {
    let file = match table.read_file(settings.max_file_size) {
        Ok(file) => file,
        Err(finding) => return place(&table.file, "", vec![*finding], None, settings, None),
    };
    let (decoded, mut findings) = decode_reporting(&file.bytes);
    let Some(parsed) = parse_reporting(&decoded, &mut findings) else {
        return place(&table.file, &decoded.text, findings, None, settings, None);
    };
    let value = parsed.to_value();
    // As for an entry: a text the parser read but the span index cannot is a syntax finding.
    let spans = span_index_reporting(&parsed, &mut findings);
    for finding in rules::redirect_invalid::check(&value, is_entry) {
        findings.push(finding);
    }
    place(&table.file, &decoded.text, findings, spans, settings, None)
}

/// Reads one candidate (bounded by the size limit) and lints it.
pub(crate) fn lint_candidate(
    candidate: &Candidate,
    schema: &EntrySchema,
    settings: &Settings,
    read_entry: bool,
) -> EntryOutcome {
    let file = match candidate.read_file(settings.max_file_size) {
        Ok(file) => file,
        Err(finding) => return place(&candidate.file, "", vec![*finding], None, settings, None),
    };
    let mut outcome = analyze_entry(
        &candidate.file,
        &candidate.stem,
        &file.bytes,
        schema,
        settings,
        read_entry,
    );
    if file.executable {
        let executable =
            rules::file_type::executable(&crate::text::escape_untrusted(&candidate.file));
        let extra = place(&candidate.file, "", vec![executable], None, settings, None);
        outcome.diagnostics.extend(extra.diagnostics);
        if outcome.text.is_none() && !outcome.diagnostics.is_empty() {
            outcome.text = Some(Arc::from(std::str::from_utf8(&file.bytes).unwrap_or("")));
        }
    }
    outcome
}

/// Places dataset-wide findings in the files they name. They are rare, so a full lint keeps
/// no file's text for them: `bytes_of` gives the bytes of the few files they name.
pub(crate) fn place_dataset_findings(
    findings: Vec<(String, Finding)>,
    bytes_of: &dyn Fn(&str) -> Option<Vec<u8>>,
    settings: &Settings,
    sources: &mut BTreeMap<String, Arc<str>>,
) -> Vec<Diagnostic> {
    if findings.is_empty() {
        return Vec::new();
    }
    let load = |file: &str| -> Option<(String, SpanIndex)> {
        let bytes = bytes_of(file)?;
        let decoded = decode(&bytes);
        let spans = ParsedEntry::parse(&decoded).ok()?.into_spans().ok()?;
        Some((decoded.text.into_owned(), spans))
    };
    let mut loaded: BTreeMap<String, Option<(String, SpanIndex)>> = BTreeMap::new();
    let needed: HashSet<String> = findings
        .iter()
        .flat_map(|(file, f)| {
            std::iter::once(file.clone()).chain(f.related.iter().filter_map(|r| r.file.clone()))
        })
        .collect();
    for file in needed {
        let value = load(&file);
        loaded.insert(file, value);
    }
    let resolve_other = |file: &str, target: &crate::json::Target| -> Option<Location> {
        let (text, spans) = loaded.get(file)?.as_ref()?;
        let range = spans.resolve(text, target)?;
        Some(LineIndex::new(text).location(range))
    };
    let mut diagnostics = Vec::new();
    for (file, finding) in findings {
        let (text, spans) = match loaded.get(&file) {
            Some(Some((text, spans))) => (text.clone(), Some(spans)),
            _ => (String::new(), None),
        };
        let outcome = place(
            &file,
            &text,
            vec![finding],
            spans,
            settings,
            Some(&resolve_other),
        );
        if let Some(text) = outcome.text {
            sources.entry(file.clone()).or_insert(text);
        }
        diagnostics.extend(outcome.diagnostics);
    }
    for (file, entry) in &loaded {
        if let Some((text, _)) = entry {
            sources
                .entry(file.clone())
                .or_insert_with(|| Arc::from(text.as_str()));
        }
    }
    diagnostics
}
