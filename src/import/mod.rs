//! `icelist import`: wiki pages in, entries out. Readers turn each input form (a MediaWiki XML
//! export, one page's wikitext, the page as text) into a `page::Page`; the mapping turns a
//! page into an [`Entry`]; entries are checked with the full lint and written through the
//! model's canonical serializer.
//!
//! Nothing is invented: a field the page does not state stays absent (or takes the one safe
//! value the schema requires, `unverified` / `under-review`, and the report says so), and an
//! existing entry is never overwritten without `--update`.

pub mod mapping;
pub(crate) mod mediawiki_xml;
mod page;
pub(crate) mod text_page;
mod to_entry;
pub(crate) mod wikitext;

pub use mapping::{Mapping, MappingError};

use crate::dataset::{DATASET_DIR, DatasetFiles};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::identity::{IdentityKeys, KeyKind};
use crate::model::{Entry, Identifiers};
use crate::rules::RuleCode;
use crate::rules::schema::EntrySchema;
use crate::settings::Settings;
use crate::temp_area::TempArea;
use crate::write::WriteBatch;
use mediawiki_xml::ExportedPage;
use page::Page;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use mapping::{Field, Section};
use to_entry::{Mapped, Stated};

/// The largest single page (wikitext or text form) read whole.
const PAGE_LIMIT: u64 = 16 * 1024 * 1024;

/// How an input file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputForm {
    /// Decided from the content.
    Auto,
    MediawikiXml,
    Wikitext,
    Text,
}

#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub form: InputForm,
    pub mapping: Mapping,
    /// Check and report, write nothing.
    pub dry_run: bool,
    /// Merge into an existing entry instead of refusing.
    pub update: bool,
}

/// What happened to one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Created,
    Updated,
    Unchanged,
    Skipped,
    Refused,
    Failed,
}

/// One page's line of the report (`--report json` writes these objects).
#[derive(Debug, Clone, Serialize)]
pub struct PageReport {
    pub title: String,
    pub id: Option<String>,
    pub outcome: Outcome,
    pub file: Option<String>,
    pub reason: Option<String>,
    /// Infobox parameters, headings and citation parts the mapping does not carry.
    pub unmapped: Vec<String>,
    /// Fields of the entry the page does not state.
    pub not_derived: Vec<String>,
    /// Values that did not normalise, left out.
    pub rejected: Vec<String>,
    /// The lint's findings on the imported entry (the lint JSON contract's objects).
    pub diagnostics: Vec<Diagnostic>,
    /// For an update: the change, as `icelist diff` shows it.
    #[serde(skip)]
    pub change: Option<String>,
}

impl Outcome {
    /// The outcome as the JSON report spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Created => "created",
            Outcome::Updated => "updated",
            Outcome::Unchanged => "unchanged",
            Outcome::Skipped => "skipped",
            Outcome::Refused => "refused",
            Outcome::Failed => "failed",
        }
    }
}

impl PageReport {
    fn new(title: &str, outcome: Outcome) -> Self {
        PageReport {
            title: title.to_owned(),
            id: None,
            outcome,
            file: None,
            reason: None,
            unmapped: Vec::new(),
            not_derived: Vec::new(),
            rejected: Vec::new(),
            diagnostics: Vec::new(),
            change: None,
        }
    }

    /// Whether this page counts against the run (exit 1): refused, failed, or an entry with
    /// lint errors.
    pub fn is_failure(&self) -> bool {
        matches!(self.outcome, Outcome::Refused | Outcome::Failed)
            || self
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error)
    }
}

/// What a run did, counted (the pages themselves are handed on one at a time).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub pages: usize,
    /// Pages refused, failed, or imported with lint errors: the run exits 1.
    pub failures: usize,
    /// Inputs whose reading stopped part way (an export cut off or broken): the pages read
    /// before the break were imported, and the run exits 1.
    pub broken_inputs: Vec<BrokenInput>,
}

/// An input whose reading stopped part way, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BrokenInput {
    pub file: String,
    pub error: String,
}

/// Writes an import's report as its pages are settled. `--report json` streams one JSON
/// document, `{"version":1,"pages":[...]}`, with `"inputs"` after the pages only when an
/// input broke off part way (an additive key); the human report is a block per page and a
/// line per broken input.
pub struct ReportWriter<W: std::io::Write> {
    out: W,
    json: bool,
    pages: usize,
}

impl<W: std::io::Write> ReportWriter<W> {
    pub fn start(mut out: W, json: bool) -> std::io::Result<Self> {
        if json {
            out.write_all(b"{\"version\":1,\"pages\":[")?;
        }
        Ok(ReportWriter {
            out,
            json,
            pages: 0,
        })
    }

    pub fn page(&mut self, page: &PageReport) -> std::io::Result<()> {
        if self.json {
            if self.pages > 0 {
                self.out.write_all(b",")?;
            }
            serde_json::to_writer(&mut self.out, page)?;
        } else {
            self.out.write_all(human_report(page).as_bytes())?;
        }
        self.pages += 1;
        Ok(())
    }

    /// Closes the report and hands back the writer, flushed.
    pub fn finish(mut self, summary: &ImportSummary) -> std::io::Result<W> {
        if self.json {
            if summary.broken_inputs.is_empty() {
                self.out.write_all(b"]}\n")?;
            } else {
                self.out.write_all(b"],\"inputs\":")?;
                serde_json::to_writer(&mut self.out, &summary.broken_inputs)?;
                self.out.write_all(b"}\n")?;
            }
        } else {
            for broken in &summary.broken_inputs {
                let line = format!(
                    "{}: {}\n",
                    crate::text::escape_untrusted(&broken.file),
                    broken.error
                );
                self.out.write_all(line.as_bytes())?;
            }
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Imports every page of `inputs` into the dataset at `root`, handing each page's report to
/// `each` as soon as the page is settled (a large export is never held whole, nor its report).
pub fn import(
    root: &Path,
    inputs: &[PathBuf],
    options: &ImportOptions,
    schema: &EntrySchema,
    settings: &Settings,
    each: &mut dyn FnMut(&PageReport) -> Result<()>,
) -> Result<ImportSummary> {
    let files = DatasetFiles::discover(root)?;
    let area = if options.dry_run {
        None
    } else {
        Some(TempArea::open(root)?)
    };
    let mut run = Run {
        context: Context {
            root,
            options,
            schema,
            settings,
        },
        writes: area.as_ref().map(WriteBatch::new),
        index: KeyIndex::of_dataset(&files, settings),
        claimed: Default::default(),
        each,
        summary: ImportSummary::default(),
    };
    for input in inputs {
        run.input(input)?;
    }
    Ok(run.summary)
}

/// Pages read, checked and written together: each batch is prepared in parallel, then
/// settled in page order and written with one sync. An export of any size is held a batch at
/// a time.
const BATCH_PAGES: usize = 512;
const BATCH_BYTES: usize = 16 * 1024 * 1024;

/// Which entries hold each identity key, for the dataset and the entries this run wrote: a
/// page is checked by the dataset stage ([`crate::rules::check_dataset`]) against the entries
/// that share a key with it, not against every entry.
#[derive(Default)]
struct KeyIndex {
    owners: HashMap<(KeyKind, String), Vec<String>>,
    keys_of: HashMap<String, IdentityKeys>,
}

impl KeyIndex {
    fn of_dataset(files: &DatasetFiles, settings: &Settings) -> Self {
        let mut index = KeyIndex::default();
        for (file, keys) in files.identity_keys(settings.max_file_size) {
            index.set(file, keys);
        }
        index
    }

    fn set(&mut self, file: &str, keys: IdentityKeys) {
        for key in self.keys_of.remove(file).map(|k| k.keys).unwrap_or_default() {
            if let Some(owners) = self.owners.get_mut(&(key.kind, key.key)) {
                owners.retain(|f| f != file);
            }
        }
        for key in &keys.keys {
            self.owners
                .entry((key.kind, key.key.clone()))
                .or_default()
                .push(file.to_owned());
        }
        self.keys_of.insert(file.to_owned(), keys);
    }

    /// The dataset stage's first finding on `file` with `keys`, as (the other entry, the
    /// key as written here, the rule): `entry-duplicate` for a name, alias, identifier or
    /// website before `domain-duplicate` for a domain, the rules' order in the registry and
    /// what the lint reports on the same two files.
    fn dataset_finding(&self, file: &str, keys: &IdentityKeys) -> Option<(String, String, RuleCode)> {
        let mut entries = vec![(file.to_owned(), keys.clone())];
        for key in &keys.keys {
            for other in self.owners.get(&(key.kind, key.key.clone())).into_iter().flatten() {
                if other != file
                    && !entries.iter().any(|(f, _)| f == other)
                    && let Some(other_keys) = self.keys_of.get(other)
                {
                    entries.push((other.clone(), other_keys.clone()));
                }
            }
        }
        if entries.len() < 2 {
            return None;
        }
        // The graver rule first, then the page's key that comes first (its name, then its
        // aliases, ...), then the entries in the order they were found.
        let place = |finding: &crate::rules::Finding| {
            keys.keys
                .iter()
                .position(|key| key.pointer == finding.target.pointer)
                .unwrap_or(usize::MAX)
        };
        let finding = crate::rules::check_dataset(&entries, &|f| f == file)
            .into_iter()
            .map(|(_, finding)| finding)
            .min_by_key(|f| (f.code != RuleCode::EntryDuplicate, place(f)))?;
        let other = finding.related.first()?.file.clone()?;
        let written = keys
            .keys
            .iter()
            .find(|key| key.pointer == finding.target.pointer)
            .map(|key| key.written.clone())
            .unwrap_or_default();
        Some((other, written, finding.code))
    }
}

/// What preparing a page reads, shared by the threads that prepare a batch.
#[derive(Clone, Copy)]
struct Context<'a> {
    root: &'a Path,
    options: &'a ImportOptions,
    schema: &'a EntrySchema,
    settings: &'a Settings,
}

struct Run<'a> {
    context: Context<'a>,
    /// `None` on a dry run.
    writes: Option<WriteBatch<'a>>,
    index: KeyIndex,
    /// The files pages of this run were imported into.
    claimed: std::collections::HashSet<String>,
    each: &'a mut dyn FnMut(&PageReport) -> Result<()>,
    summary: ImportSummary,
}

/// A page read, mapped and linted, before it is checked against the others and written.
enum Prepared {
    /// Skipped, failed or refused on its own.
    Done(PageReport),
    Ready {
        report: PageReport,
        file: String,
        text: String,
        keys: IdentityKeys,
    },
}

impl Run<'_> {
    fn input(&mut self, path: &Path) -> Result<()> {
        let unreadable = |source| Error::Unreadable {
            path: path.to_owned(),
            source,
        };
        let file = crate::checkout::open_input(path).map_err(unreadable)?;
        let mut reader = BufReader::with_capacity(1 << 16, file);
        let form = match self.context.options.form {
            InputForm::Auto => detect(&mut reader).map_err(|source| Error::Io {
                path: path.to_owned(),
                source,
            })?,
            form => form,
        };
        if form == InputForm::MediawikiXml {
            let mut batch: Vec<ExportedPage> = Vec::new();
            let mut bytes = 0;
            let mut failure = None;
            let mut pages_read = 0usize;
            let read = mediawiki_xml::read_pages(reader, &mut |exported| {
                pages_read += 1;
                bytes += exported.text.len();
                batch.push(exported);
                if batch.len() >= BATCH_PAGES || bytes >= BATCH_BYTES {
                    bytes = 0;
                    if let Err(e) = self.exported_pages(std::mem::take(&mut batch)) {
                        let message = e.to_string();
                        failure = Some(e);
                        return Err(message);
                    }
                }
                Ok(())
            });
            let read = match read {
                Ok(()) => Ok(()),
                Err(message) => match failure.take() {
                    Some(error) => return Err(error),
                    None => Err(message),
                },
            };
            self.exported_pages(batch)?;
            if let Err(message) = read {
                if pages_read == 0 && !message.starts_with("the export is cut off") {
                    return Err(Error::ImportInput {
                        path: path.to_owned(),
                        message,
                    });
                }
                self.summary.broken_inputs.push(BrokenInput {
                    file: path.display().to_string(),
                    error: message,
                });
            }
            return Ok(());
        }
        let bytes = crate::checkout::read_regular_file(path, PAGE_LIMIT)
            .map_err(unreadable)?
            .bytes;
        let text = String::from_utf8(bytes).map_err(|e| Error::ImportInput {
            path: path.to_owned(),
            message: format!(
                "it is not UTF-8 text (invalid byte at {})",
                e.utf8_error().valid_up_to()
            ),
        })?;
        let page = match form {
            InputForm::Text => text_page::read_page(&text, &self.context.options.mapping),
            _ => {
                let title = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                one_wikitext_page(&title, &text, &self.context.options.mapping)
            }
        };
        let prepared = self.context.prepare(page);
        self.settle(prepared)?;
        self.commit()
    }

    fn exported_pages(&mut self, batch: Vec<ExportedPage>) -> Result<()> {
        let context = self.context;
        let prepared: Vec<Prepared> = batch
            .into_par_iter()
            .map(|exported| {
                if let Some(problem) = exported.problem {
                    let mut report = PageReport::new(&exported.title, Outcome::Failed);
                    report.reason = Some(problem);
                    Prepared::Done(report)
                } else if exported.redirect {
                    Prepared::Done(skipped(&exported.title, "a redirect"))
                } else if exported.namespace != 0 {
                    Prepared::Done(skipped(
                        &exported.title,
                        &format!("not an article (namespace {})", exported.namespace),
                    ))
                } else {
                    context.prepare(wikitext::read_page(
                        &exported.title,
                        &exported.text,
                        &context.options.mapping,
                    ))
                }
            })
            .collect();
        for page in prepared {
            self.settle(page)?;
        }
        self.commit()
    }

    fn commit(&mut self) -> Result<()> {
        match self.writes.as_mut() {
            Some(writes) => writes.commit(),
            None => Ok(()),
        }
    }

    /// What depends on the pages before it: a company already in the dataset (or imported by
    /// an earlier page) under another id, two pages for one id; then the write.
    fn settle(&mut self, prepared: Prepared) -> Result<()> {
        let (mut report, file, text, keys) = match prepared {
            Prepared::Done(report) => return self.hand_on(report),
            Prepared::Ready {
                report,
                file,
                text,
                keys,
            } => (report, file, text, keys),
        };
        let refuse = |report: &mut PageReport, reason: String| {
            report.outcome = Outcome::Refused;
            report.reason = Some(reason);
            report.change = None;
        };
        if self.claimed.contains(&file) {
            refuse(
                &mut report,
                format!("an earlier page of this import is also {file}"),
            );
        } else if let Some((other, key, rule)) = self.index.dataset_finding(&file, &keys) {
            let reason = match rule {
                crate::rules::RuleCode::DomainDuplicate => format!(
                    "the domain {} is already listed by {other} ({rule})",
                    crate::text::quoted(&key)
                ),
                _ => format!("the company is already in the dataset as {other} ({rule})"),
            };
            refuse(&mut report, reason);
        } else if report.outcome == Outcome::Unchanged {
            self.claimed.insert(file);
        } else {
            self.claimed.insert(file.clone());
            match self.writes.as_mut() {
                Some(writes) => writes.stage(&self.context.root.join(&file), text.as_bytes())?,
                None => report.reason = Some("dry run: nothing written".into()),
            }
            self.index.set(&file, keys);
        }
        self.hand_on(report)
    }

    fn hand_on(&mut self, report: PageReport) -> Result<()> {
        self.summary.pages += 1;
        self.summary.failures += usize::from(report.is_failure());
        (self.each)(&report)
    }
}

impl Context<'_> {
    /// Everything that depends on the page alone (and the entry already on disk): mapping,
    /// the merge of an update, the lint.
    fn prepare(&self, page: Page) -> Prepared {
        let mut report = PageReport::new(&page.title, Outcome::Failed);
        if !page.problems.is_empty() {
            report.reason = Some(page.problems.join("; "));
            report.unmapped = page.unmapped;
            return Prepared::Done(report);
        }
        let id = crate::scaffold::slug(&page.title);
        let mapped = to_entry::map_page(&page, &self.options.mapping, &id);
        report.unmapped = mapped.unmapped.clone();
        report.not_derived = mapped.not_derived.clone();
        report.rejected = mapped.rejected.clone();
        if mapped.entry.id.is_empty() {
            report.reason =
                Some("no id can be made from the title (it needs letters a–z or digits)".into());
            return Prepared::Done(report);
        }
        if let Some(refusal) = crate::rules::file_name::id_refusal(&mapped.entry.id) {
            report.reason = Some(format!("{refusal}: give the infobox an `id`"));
            return Prepared::Done(report);
        }
        report.id = Some(mapped.entry.id.clone());
        let file = format!("{DATASET_DIR}/{}.json", mapped.entry.id);
        report.file = Some(file.clone());
        let path = self.root.join(&file);
        let existing = match crate::checkout::read_optional(&path, self.settings.max_file_size) {
            Ok(existing) => existing,
            Err(e) => {
                report.reason = Some(format!("{file} cannot be read: {e}"));
                return Prepared::Done(report);
            }
        };
        let entry = match existing {
            None => {
                report.outcome = Outcome::Created;
                mapped.entry.clone()
            }
            // The page gives, byte for byte, the entry already there: nothing to merge.
            Some(bytes)
                if !self.options.update
                    && bytes == mapped.entry.to_canonical_text().into_bytes() =>
            {
                report.outcome = Outcome::Unchanged;
                mapped.entry.clone()
            }
            Some(_) if !self.options.update => {
                report.outcome = Outcome::Refused;
                report.reason = Some(format!(
                    "{file} exists and the page gives a different entry; --update merges the \
                     page into it"
                ));
                return Prepared::Done(report);
            }
            Some(bytes) => {
                let old = match Entry::from_json_bytes(&bytes) {
                    Ok(old) => old,
                    Err(e) => {
                        report.reason = Some(format!(
                            "{file} is not a valid entry ({e}); fix it with `icelist lint` first"
                        ));
                        return Prepared::Done(report);
                    }
                };
                let merged = merge(&old, &mapped);
                if merged == old {
                    report.outcome = Outcome::Unchanged;
                } else {
                    report.outcome = Outcome::Updated;
                    report.change = Some(change_text(&file, &old, &merged));
                }
                merged
            }
        };
        let failed = |mut report: PageReport, reason: String| {
            report.outcome = Outcome::Failed;
            report.reason = Some(reason);
            report.change = None;
            Prepared::Done(report)
        };
        let blanks = to_entry::blank_fields(&entry);
        if !blanks.is_empty() {
            return failed(
                report,
                format!(
                    "nothing written: the entry would hold empty values: {}",
                    blanks.join("; ")
                ),
            );
        }
        let text = entry.to_canonical_text();
        if text.len() as u64 > self.settings.max_file_size {
            return failed(
                report,
                format!(
                    "nothing written: the entry would be {} bytes, over the limit of {} bytes \
                     (`max_file_size` in icelist.toml), so the lint would not read it \
                     (file-size)",
                    text.len(),
                    self.settings.max_file_size
                ),
            );
        }
        let keys = IdentityKeys::of(&crate::json::Node::from_value(
            &serde_json::to_value(&entry).unwrap_or_default(),
        ));
        report.diagnostics = crate::lint::analyze_entry(
            &file,
            &entry.id,
            text.as_bytes(),
            self.schema,
            self.settings,
            false,
        )
        .diagnostics;
        Prepared::Ready {
            report,
            file,
            text,
            keys,
        }
    }
}

fn skipped(title: &str, why: &str) -> PageReport {
    let mut report = PageReport::new(title, Outcome::Skipped);
    report.reason = Some(why.to_owned());
    report
}

/// A page's wikitext from a file of its own: `title` (the file's name) stands for the title
/// until the infobox names the company.
fn one_wikitext_page(title: &str, text: &str, mapping: &Mapping) -> Page {
    let mut page = wikitext::read_page(title, text, mapping);
    if let Some(name) = page.infobox_value(mapping, mapping::Field::Name) {
        page.title = name;
    }
    page
}

/// One page's wikitext read back into an entry: what `import` makes of a `.wiki` file,
/// without the dataset around it.
pub(crate) fn entry_from_wikitext(
    title: &str,
    text: &str,
    mapping: &Mapping,
) -> std::result::Result<Entry, String> {
    let page = one_wikitext_page(title, text, mapping);
    if !page.problems.is_empty() {
        return Err(page.problems.join("; "));
    }
    let id = crate::scaffold::slug(&page.title);
    let entry = to_entry::map_page(&page, mapping, &id).entry;
    let blanks = to_entry::blank_fields(&entry);
    if !blanks.is_empty() {
        return Err(blanks.join("; "));
    }
    Ok(entry)
}

/// One page's report for people: a line, then what the page did not give and what the lint
/// says.
pub fn human_report(page: &PageReport) -> String {
    let mut out = String::new();
    {
        let what = page.file.as_deref().or(page.id.as_deref()).unwrap_or("");
        out.push_str(&format!(
            "{:<9} {} {}\n",
            page.outcome.as_str(),
            crate::text::escape_untrusted(&page.title),
            if what.is_empty() {
                String::new()
            } else {
                format!("-> {what}")
            }
        ));
        let mut list = |heading: &str, items: &[String]| {
            if !items.is_empty() {
                out.push_str(&format!("  {heading}:\n"));
                for item in items {
                    out.push_str(&format!("    - {}\n", crate::text::escape_untrusted(item)));
                }
            }
        };
        if let Some(reason) = &page.reason {
            list("why", std::slice::from_ref(reason));
        }
        list("not derived from the page", &page.not_derived);
        list("left out (did not normalise)", &page.rejected);
        list("on the page but not mapped", &page.unmapped);
        if !page.diagnostics.is_empty() {
            let findings = crate::diagnostic::Report {
                diagnostics: page.diagnostics.clone(),
                ..Default::default()
            };
            out.push_str("  lint:\n");
            for line in crate::render::concise(&findings).lines() {
                out.push_str(&format!("    {line}\n"));
            }
        }
        if let Some(change) = &page.change {
            for line in change.lines() {
                out.push_str(&format!("  {line}\n"));
            }
        }
    }
    out
}

/// Decides an input's form from its first bytes.
fn detect(reader: &mut BufReader<std::fs::File>) -> std::io::Result<InputForm> {
    let head = reader.fill_buf()?;
    let head = String::from_utf8_lossy(&head[..head.len().min(4096)]);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with('<') && head.contains("<mediawiki") {
        return Ok(InputForm::MediawikiXml);
    }
    let wikitext = head.contains("{{")
        || head.contains("<ref")
        || head
            .lines()
            .any(|l| l.starts_with("==") && l.trim_end().ends_with("=="));
    Ok(if wikitext {
        InputForm::Wikitext
    } else {
        InputForm::Text
    })
}

/// An update: what the page states replaces the entry's; what it cannot carry is kept.
fn merge(old: &Entry, mapped: &Mapped) -> Entry {
    let new = &mapped.entry;
    let mut merged = old.clone();
    for stated in &mapped.stated {
        take(*stated, &mut merged, new);
    }
    let stated = |part: Stated| mapped.stated.contains(&part);
    // The wiki carries no award and no response: a claim the page restates keeps the entry's
    // awards and the responses that dispute it (matched by the claim's id), so an update never
    // drops a checked record or a company's dispute.
    if stated(Stated::Section(Section::Claims))
        && let (Some(claims), Some(old_claims)) = (merged.claims.as_mut(), old.claims.as_ref())
    {
        for claim in claims {
            if let Some(old_claim) = old_claims.iter().find(|c| c.id == claim.id) {
                claim.awards = old_claim.awards.clone();
                claim.disputed_by = old_claim.disputed_by.clone();
            }
        }
    }
    if stated(Stated::Sources) {
        merged.sources = new
            .sources
            .iter()
            .map(|source| {
                let same = old
                    .sources
                    .iter()
                    .find(|o| {
                        crate::text::comparison_key(&o.title)
                            == crate::text::comparison_key(&source.title)
                            && crate::text::comparison_key(&o.publisher)
                                == crate::text::comparison_key(&source.publisher)
                    })
                    .or_else(|| old.sources.iter().find(|o| o.id == source.id));
                let mut source = source.clone();
                if let Some(old) = same {
                    // What a page cannot carry (a text page has no URLs) is kept.
                    source.url = source.url.or_else(|| old.url.clone());
                    source.archive_url = source.archive_url.or_else(|| old.archive_url.clone());
                    source.note = source.note.or_else(|| old.note.clone());
                    source.quotes = source.quotes.or_else(|| old.quotes.clone());
                    source.date = source.date.or(old.date);
                    if mapped.kind_not_derived.contains(&source.id) {
                        source.kind = old.kind.clone().or(source.kind);
                    }
                }
                source
            })
            .collect();
        carry_response_citations(old, &mut merged);
    }
    merged
}

/// Replaces the part of `merged` that the page states with the page's (`new`). One arm per
/// part a page can state, so a field the import learns to read does not compile until the
/// update says what it does with it. The sources are matched to the entry's by [`merge`].
fn take(part: Stated, merged: &mut Entry, new: &Entry) {
    // An identifier the page states replaces the entry's; the others are kept.
    macro_rules! identifier {
        ($field:ident) => {
            if let Some(from) = &new.identifiers {
                let kept = merged.identifiers.get_or_insert_with(Identifiers::default);
                kept.$field.clone_from(&from.$field);
            }
        };
    }
    match part {
        // An id never changes: the page updates the entry it names.
        Stated::Field(Field::Id) => {}
        Stated::Field(Field::Name) => merged.name.clone_from(&new.name),
        Stated::Field(Field::Aliases) => merged.aliases.clone_from(&new.aliases),
        Stated::Field(Field::Industry) => merged.industry.clone_from(&new.industry),
        Stated::Field(Field::Country) => merged.country.clone_from(&new.country),
        Stated::Field(Field::Founded) => merged.founded = new.founded,
        Stated::Field(Field::Headquarters) => merged.headquarters.clone_from(&new.headquarters),
        Stated::Field(Field::ParentCompany) => {
            merged.parent_company.clone_from(&new.parent_company)
        }
        Stated::Field(Field::Status) => merged.status.clone_from(&new.status),
        Stated::Field(Field::Domains) => merged.domains.clone_from(&new.domains),
        Stated::Field(Field::VerificationStatus) => {
            merged.verification.status.clone_from(&new.verification.status)
        }
        Stated::Field(Field::VerificationDate) => merged.verification.date = new.verification.date,
        Stated::Field(Field::VerificationNotes) => {
            merged.verification.notes.clone_from(&new.verification.notes)
        }
        Stated::Field(Field::BoycottStatus) => {
            merged.boycott.status.clone_from(&new.boycott.status)
        }
        Stated::Field(Field::BoycottAgencies) => {
            merged.boycott.agencies.clone_from(&new.boycott.agencies)
        }
        Stated::Field(Field::BoycottSince) => merged.boycott.since = new.boycott.since,
        Stated::Field(Field::BoycottReason) => {
            merged.boycott.reason.clone_from(&new.boycott.reason)
        }
        Stated::Field(Field::Wikidata) => identifier!(wikidata),
        Stated::Field(Field::Lei) => identifier!(lei),
        Stated::Field(Field::Website) => identifier!(website),
        Stated::Field(Field::Tickers) => identifier!(tickers),
        Stated::Field(Field::Uei) => identifier!(uei),
        Stated::Field(Field::Cage) => identifier!(cage),
        Stated::Field(Field::Cik) => identifier!(cik),
        Stated::Field(Field::OpenCorporates) => identifier!(opencorporates),
        Stated::Section(Section::Overview) => {
            merged.sections.overview.clone_from(&new.sections.overview)
        }
        Stated::Section(Section::Boycott) => {
            merged.sections.boycott.clone_from(&new.sections.boycott)
        }
        Stated::Section(Section::Background) => {
            merged.sections.background.clone_from(&new.sections.background)
        }
        Stated::Section(Section::Claims) => merged.claims.clone_from(&new.claims),
        Stated::Sources => {}
    }
}

/// An update keeps the entry's responses (the wiki has none), whose markers cite the entry's
/// old sources: each marker is pointed at the same source in the page's list (by URL, else
/// by title and publisher), and a source only the responses cite is kept, numbered after the
/// page's, so an update never leaves a company's cited reply pointing at nothing or at
/// another document.
fn carry_response_citations(old: &Entry, merged: &mut Entry) {
    use crate::text::comparison_key;
    let mut renumbering: std::collections::HashMap<u64, u64> = Default::default();
    let summaries: Vec<String> = merged
        .responses()
        .iter()
        .filter_map(|r| r.summary.clone())
        .collect();
    for summary in &summaries {
        for (_, number) in crate::rules::citations::markers(summary) {
            if renumbering.contains_key(&number) {
                continue;
            }
            let Some(source) = old.sources.iter().find(|s| s.id == number) else {
                continue;
            };
            let same = merged.sources.iter().find(|n| {
                (n.url.is_some() && n.url == source.url)
                    || (comparison_key(&n.title) == comparison_key(&source.title)
                        && comparison_key(&n.publisher) == comparison_key(&source.publisher))
            });
            let id = match same {
                Some(same) => same.id,
                None => {
                    let id = merged.sources.len() as u64 + 1;
                    let mut kept = source.clone();
                    kept.id = id;
                    merged.sources.push(kept);
                    id
                }
            };
            renumbering.insert(number, id);
        }
    }
    for response in merged.responses.iter_mut().flatten() {
        if let Some(summary) = response.summary.as_mut() {
            *summary = crate::rules::citations::renumber_markers(summary, &renumbering);
        }
    }
}

/// The change an update makes, as `icelist diff` shows it.
fn change_text(file: &str, old: &Entry, new: &Entry) -> String {
    let old_value = serde_json::to_value(old).unwrap_or_default();
    let new_value = serde_json::to_value(new).unwrap_or_default();
    let diff = crate::review::EntryDiff {
        id: new.id.clone(),
        change: crate::review::EntryChange::Modified,
        file: Some(file.to_owned()),
        old_file: Some(file.to_owned()),
        changes: crate::review::compare_entries(Some(&old_value), Some(&new_value)),
        errors: Vec::new(),
        changes_verification: crate::review::verification_needs_approval(
            Some(&old_value),
            Some(&new_value),
        ),
    };
    crate::review::text(&[diff], crate::review::TextOptions::default())
}
