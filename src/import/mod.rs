//! `icelist import`: wiki pages in, entries out. Readers turn each input form (a MediaWiki XML
//! export, one page's wikitext, the page as text) into a [`page::Page`]; the mapping turns a
//! page into an [`Entry`]; entries are checked with the full lint and written through the
//! model's canonical serializer.
//!
//! Nothing is invented: a field the page does not state stays absent (or takes the one safe
//! value the schema requires, `unverified` / `under-review`, and the report says so), and an
//! existing entry is never overwritten without `--update`.

pub mod mapping;
mod mediawiki_xml;
mod page;
mod text_page;
mod to_entry;
mod wikitext;

pub use mapping::Mapping;

use crate::dataset::{DATASET_DIR, DatasetFiles};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::identity::IdentityKeys;
use crate::model::Entry;
use crate::rules::schema::EntrySchema;
use crate::settings::Settings;
use crate::temp_area::TempArea;
use page::Page;
use serde::Serialize;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use to_entry::Mapped;

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

/// The whole run's report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportReport {
    pub version: u32,
    pub pages: Vec<PageReport>,
}

/// Imports every page of `inputs` into the dataset at `root`.
pub fn import(
    root: &Path,
    inputs: &[PathBuf],
    options: &ImportOptions,
    schema: &EntrySchema,
    settings: &Settings,
) -> Result<ImportReport> {
    let files = DatasetFiles::discover(root)?;
    let area = if options.dry_run {
        None
    } else {
        Some(TempArea::open(root)?)
    };
    let mut run = Run {
        root,
        options,
        schema,
        settings,
        area,
        known: known_identities(&files, settings),
        report: ImportReport {
            version: 1,
            pages: Vec::new(),
        },
    };
    for input in inputs {
        run.input(input)?;
    }
    Ok(run.report)
}

/// Every existing entry's identity keys, for the duplicate-company check.
fn known_identities(files: &DatasetFiles, settings: &Settings) -> Vec<(String, IdentityKeys)> {
    files
        .entries
        .iter()
        .filter_map(|candidate| {
            let bytes = candidate.read(settings.max_file_size).ok()?;
            Some((candidate.file.clone(), IdentityKeys::of_bytes(&bytes)?))
        })
        .collect()
}

struct Run<'a> {
    root: &'a Path,
    options: &'a ImportOptions,
    schema: &'a EntrySchema,
    settings: &'a Settings,
    area: Option<TempArea>,
    /// Identity keys of the dataset's entries, and of those this run wrote.
    known: Vec<(String, IdentityKeys)>,
    report: ImportReport,
}

impl Run<'_> {
    fn input(&mut self, path: &Path) -> Result<()> {
        let unreadable = |source| Error::Unreadable {
            path: path.to_owned(),
            source,
        };
        let file = crate::checkout::open_input(path).map_err(unreadable)?;
        let mut reader = BufReader::with_capacity(1 << 16, file);
        let form = match self.options.form {
            InputForm::Auto => detect(&mut reader).map_err(|source| Error::Io {
                path: path.to_owned(),
                source,
            })?,
            form => form,
        };
        if form == InputForm::MediawikiXml {
            return mediawiki_xml::read_pages(reader, &mut |exported| {
                if exported.redirect {
                    self.skip(&exported.title, "a redirect");
                } else if exported.namespace != 0 {
                    self.skip(
                        &exported.title,
                        &format!("not an article (namespace {})", exported.namespace),
                    );
                } else {
                    let page =
                        wikitext::read_page(&exported.title, &exported.text, &self.options.mapping);
                    self.page(page).map_err(|e| e.to_string())?;
                }
                Ok(())
            })
            .map_err(|message| Error::ImportInput {
                path: path.to_owned(),
                message,
            });
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
            InputForm::Text => text_page::read_page(&text, &self.options.mapping),
            _ => {
                // One page's wikitext carries no title: the file's name stands for it until
                // the infobox names the company.
                let title = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                one_wikitext_page(&title, &text, &self.options.mapping)
            }
        };
        self.page(page)
    }

    fn skip(&mut self, title: &str, why: &str) {
        let mut report = PageReport::new(title, Outcome::Skipped);
        report.reason = Some(why.to_owned());
        self.report.pages.push(report);
    }

    fn page(&mut self, page: Page) -> Result<()> {
        let mut report = PageReport::new(&page.title, Outcome::Failed);
        if !page.problems.is_empty() {
            report.reason = Some(page.problems.join("; "));
            report.unmapped = page.unmapped;
            self.report.pages.push(report);
            return Ok(());
        }
        let id = crate::scaffold::slug(&page.title);
        let mapped = to_entry::map_page(&page, &self.options.mapping, &id);
        let Mapped {
            entry,
            unmapped,
            not_derived,
            rejected,
            ..
        } = &mapped;
        report.unmapped = unmapped.clone();
        report.not_derived = not_derived.clone();
        report.rejected = rejected.clone();
        if entry.id.is_empty() {
            report.reason =
                Some("no id can be made from the title (it needs letters a–z or digits)".into());
            self.report.pages.push(report);
            return Ok(());
        }
        report.id = Some(entry.id.clone());
        let file = format!("{DATASET_DIR}/{}.json", entry.id);
        report.file = Some(file.clone());
        let path = self.root.join(&file);
        let existing = match crate::checkout::read_optional(&path, self.settings.max_file_size) {
            Ok(existing) => existing,
            Err(e) => {
                report.reason = Some(format!("{file} cannot be read: {e}"));
                self.report.pages.push(report);
                return Ok(());
            }
        };
        let (entry, outcome) = match existing {
            None => (entry.clone(), Outcome::Created),
            Some(_) if !self.options.update => {
                report.outcome = Outcome::Refused;
                report.reason = Some(format!("{file} exists; --update merges the page into it"));
                self.report.pages.push(report);
                return Ok(());
            }
            Some(bytes) => {
                let old = match Entry::from_json_bytes(&bytes) {
                    Ok(old) => old,
                    Err(e) => {
                        report.reason = Some(format!(
                            "{file} is not a valid entry ({e}); fix it with `icelist lint` first"
                        ));
                        self.report.pages.push(report);
                        return Ok(());
                    }
                };
                let merged = merge(&old, &mapped);
                if merged == old {
                    (merged, Outcome::Unchanged)
                } else {
                    report.change = Some(change_text(&file, &old, &merged));
                    (merged, Outcome::Updated)
                }
            }
        };
        let keys = IdentityKeys::of(&crate::json::Node::from_value(
            &serde_json::to_value(&entry).unwrap_or_default(),
        ));
        if let Some(other) = self.duplicate_of(&file, &keys) {
            report.outcome = Outcome::Refused;
            report.reason = Some(format!(
                "the company is already in the dataset as {other} (entry-duplicate)"
            ));
            self.report.pages.push(report);
            return Ok(());
        }
        let text = entry.to_canonical_text();
        report.diagnostics = crate::lint::analyze_entry(
            &file,
            &entry.id,
            text.as_bytes(),
            self.schema,
            self.settings,
            false,
        )
        .diagnostics;
        report.outcome = outcome;
        if outcome != Outcome::Unchanged {
            if let Some(area) = &self.area {
                crate::write::write_atomic(area, &path, text.as_bytes())?;
            } else {
                report.reason = Some("dry run: nothing written".into());
            }
        }
        self.known.retain(|(f, _)| *f != file);
        self.known.push((file, keys));
        self.report.pages.push(report);
        Ok(())
    }

    /// The file of another entry the `entry-duplicate` rule would say is this company.
    fn duplicate_of(&self, file: &str, keys: &IdentityKeys) -> Option<String> {
        let mut pair: Vec<(String, IdentityKeys)> = self
            .known
            .iter()
            .filter(|(f, _)| f != file)
            .cloned()
            .collect();
        pair.push((file.to_owned(), keys.clone()));
        crate::rules::entry_duplicate::check(&pair, |f| f == file)
            .into_iter()
            .find_map(|(_, finding)| {
                finding
                    .related
                    .iter()
                    .find_map(|r| r.file.clone())
                    .filter(|f| f != file)
            })
    }
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
#[cfg(test)]
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
    Ok(to_entry::map_page(&page, mapping, &id).entry)
}

/// The report for people: one line per page, then what it did not carry and what the lint says.
pub fn human_report(report: &ImportReport) -> String {
    let mut out = String::new();
    for page in &report.pages {
        let what = page.file.as_deref().or(page.id.as_deref()).unwrap_or("");
        out.push_str(&format!(
            "{:<9} {} {}\n",
            serde_json::to_value(page.outcome)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
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
    let stated = |path: &str| mapped.stated.contains(path);
    let mut merged = old.clone();
    macro_rules! take {
        ($path:literal, $($field:ident).+) => {
            if stated($path) {
                merged.$($field).+ = new.$($field).+.clone();
            }
        };
    }
    take!("name", name);
    take!("aliases", aliases);
    take!("industry", industry);
    take!("country", country);
    take!("founded", founded);
    take!("headquarters", headquarters);
    take!("parent_company", parent_company);
    take!("status", status);
    take!("verification.status", verification.status);
    take!("verification.date", verification.date);
    take!("verification.notes", verification.notes);
    take!("boycott.status", boycott.status);
    take!("boycott.agencies", boycott.agencies);
    take!("boycott.since", boycott.since);
    take!("boycott.reason", boycott.reason);
    take!("sections.overview", sections.overview);
    take!("sections.boycott", sections.boycott);
    take!("sections.background", sections.background);
    if let Some(identifiers) = &new.identifiers {
        let mut kept = merged.identifiers.clone().unwrap_or_default();
        for (path, value, slot) in [
            (
                "identifiers.wikidata",
                &identifiers.wikidata,
                &mut kept.wikidata,
            ),
            ("identifiers.lei", &identifiers.lei, &mut kept.lei),
            (
                "identifiers.website",
                &identifiers.website,
                &mut kept.website,
            ),
        ] {
            if stated(path) {
                slot.clone_from(value);
            }
        }
        if stated("identifiers.tickers") {
            kept.tickers.clone_from(&identifiers.tickers);
        }
        merged.identifiers = Some(kept);
    }
    if stated("sources") {
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
                    source.date = source.date.or(old.date);
                    if mapped.kind_not_derived.contains(&source.id) {
                        source.kind = old.kind.or(source.kind);
                    }
                }
                source
            })
            .collect();
    }
    merged
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
    };
    crate::review::text(&[diff], crate::review::TextOptions::default())
}
