//! The forms that change an entry already listed: a correction (`correct-entry.yml`), the
//! company's response (`company-response.yml`) and a delisting proposal
//! (`propose-delisting.yml`). Each becomes the *change* to `dataset/<id>.json`: the entry as it
//! would be, shown as `icelist diff` shows a change, with the lint of the changed entry. What
//! cannot be applied mechanically (a claim, a source, identifiers) is left to a maintainer,
//! and the comment says so.

use super::body::Submission;
use super::{
    IntakeReport, Problem, SourceLines, listed_sources, prose, unbulleted, unreadable, web_address,
};
use crate::dataset::DatasetFiles;
use crate::error::Result;
use crate::intake::form::FormKind;
use crate::model::{BoycottStatus, Entry, Response, ResponseBy, ResponseKind, Source};
use crate::outside_values::{self as values, Items};
use crate::rules::citations::{markers, renumber_markers};
use crate::rules::schema::EntrySchema;
use crate::settings::Settings;
use std::collections::HashMap;
use std::path::Path;

/// The most ids a comment suggests for an entry it does not know.
const SUGGESTIONS: usize = 3;

/// Reads a change form's submission into `report`: the entry it names, the entry as the change
/// would leave it, the difference, and the lint of the result. `date` dates a response.
pub(super) fn intake_change(
    root: &Path,
    kind: FormKind,
    submission: &Submission,
    report: &mut IntakeReport,
    schema: &EntrySchema,
    settings: &Settings,
    date: crate::model::Date,
) -> Result<()> {
    let typed = submission.text("entry").lines().next().unwrap_or("").trim();
    if typed.is_empty() {
        // The required-field check already asked for it.
        return Ok(());
    }
    let wanted = id_in(typed);
    let files = DatasetFiles::discover(root)?;
    let table = files.redirect_table(settings.max_file_size);
    let id = match files.entries.iter().find(|c| c.stem == wanted) {
        Some(_) => wanted.clone(),
        None => match table.resolve(&wanted) {
            Some(to) => {
                // Notes are printed as written: the ids are escaped here.
                let esc = crate::text::escape_markdown;
                report.notes.push(format!(
                    "The entry \"{}\" was merged or renamed: it is now \"{}\", and the change is made there.",
                    esc(&wanted),
                    esc(to)
                ));
                to.to_owned()
            }
            None => {
                report
                    .problems
                    .push(unknown_entry(typed, &wanted, &files));
                return Ok(());
            }
        },
    };
    let Some(candidate) = files.entries.iter().find(|c| c.stem == id) else {
        report.problems.push(unknown_entry(typed, &wanted, &files));
        return Ok(());
    };
    let file = candidate.file.clone();
    let old = match candidate
        .read(settings.max_file_size)
        .ok()
        .and_then(|bytes| Entry::from_json_bytes(&bytes).ok())
    {
        Some(entry) => entry,
        None => {
            report.problems.push(Problem {
                field: "entry".into(),
                line: None,
                message: format!(
                    "the entry \"{id}\" cannot be read as it is stored, so no change can be made to it: a maintainer will look"
                ),
            });
            return Ok(());
        }
    };
    report.id = Some(id.clone());
    report.file = Some(file.clone());

    let mut lines = SourceLines::default();
    let typed_sources = typed_sources(submission, &mut report.problems, &mut lines);
    let mut edit = Edit {
        entry: old.clone(),
        typed_sources,
        cited: Vec::new(),
        cites: false,
        lines: &lines,
        problems: &mut report.problems,
        notes: &mut report.notes,
    };
    let applied = match kind {
        FormKind::CorrectEntry => edit.correct(submission),
        FormKind::CompanyResponse => edit.respond(submission, date),
        FormKind::ProposeDelisting => edit.delist(submission),
        FormKind::ProposeCompany => false,
    };
    if !applied {
        report.by_hand = kind == FormKind::CorrectEntry;
        return Ok(());
    }
    let new = edit.finish();
    let old_value = exported_value(&old);
    let new_value = exported_value(&new);
    let changes = crate::review::compare_entries(Some(&old_value), Some(&new_value));
    if changes.is_empty() {
        report.problems.push(Problem {
            field: match kind {
                FormKind::CorrectEntry => "correction",
                FormKind::CompanyResponse => "statement",
                _ => "reason",
            }
            .into(),
            line: None,
            message: "the entry already says this: the change would change nothing".into(),
        });
        return Ok(());
    }
    // The lint of the changed entry; what the entry had before the change is not the
    // submission's to fix.
    let lint = |entry: &Entry| {
        crate::lint::analyze_entry(
            &file,
            &id,
            entry.to_canonical_text().as_bytes(),
            schema,
            settings,
            false,
        )
        .diagnostics
    };
    let before: Vec<(crate::rules::RuleCode, String)> = lint(&old)
        .into_iter()
        .map(|d| (d.code, d.message))
        .collect();
    let mut diagnostics: Vec<_> = lint(&new)
        .into_iter()
        .filter(|d| !before.contains(&(d.code, d.message.clone())))
        .collect();
    // A marker that names no typed source is already one problem on the volunteer's field.
    diagnostics.retain(|d| d.code != crate::rules::RuleCode::CitationUndefined);
    report.diagnostics = diagnostics;
    report.diff = Some(crate::review::EntryDiff {
        id: id.clone(),
        change: crate::review::EntryChange::Modified,
        file: Some(file.clone()),
        old_file: Some(file),
        changes: changes.clone(),
        errors: Vec::new(),
        changes_verification: false,
    });
    report.changes = Some(changes);
    report.entry = Some(new);
    Ok(())
}

/// The id in what the volunteer typed: an id, or the address of its page or file.
fn id_in(typed: &str) -> String {
    let last = typed
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(typed);
    let last = last.split(['#', '?']).next().unwrap_or(last);
    let stem = last
        .strip_suffix(".html")
        .or_else(|| last.strip_suffix(".json"))
        .unwrap_or(last);
    stem.trim().trim_matches('`').to_lowercase()
}

/// "There is no entry x", with the ids closest to it.
fn unknown_entry(typed: &str, wanted: &str, files: &DatasetFiles) -> Problem {
    // Only something shaped like an id is compared (edit distance costs its length times
    // each id's): a long line of anything gets no suggestions.
    let comparable = wanted.len() <= 64 && crate::dataset::names::is_slug(wanted);
    let mut near: Vec<(usize, &str)> = files
        .entries
        .iter()
        .map(|c| c.stem.as_str())
        .filter(|_| comparable)
        .filter_map(|stem| {
            let distance = strsim::levenshtein(wanted, stem);
            let close = distance <= (wanted.len() / 3).max(2)
                || (wanted.len() >= 3 && (stem.contains(wanted) || wanted.contains(stem)));
            close.then_some((distance, stem))
        })
        .collect();
    near.sort();
    let near: Vec<String> = near
        .into_iter()
        .take(SUGGESTIONS)
        .map(|(_, id)| format!("\"{id}\""))
        .collect();
    let message = if near.is_empty() {
        format!(
            "there is no entry \"{typed}\": give the id from the address of the company's page (companies/<id>.html)"
        )
    } else {
        format!(
            "there is no entry \"{typed}\"; did you mean {}? Give the id from the address of the company's page (companies/<id>.html)",
            near.join(" or ")
        )
    };
    Problem {
        field: "entry".into(),
        line: None,
        message,
    }
}

/// The entry as the review compares it: without `$schema`.
fn exported_value(entry: &Entry) -> serde_json::Value {
    let mut value = serde_json::to_value(entry).unwrap_or_default();
    if let Some(object) = value.as_object_mut() {
        object.remove("$schema");
    }
    value
}

/// The Sources field's lines, numbered as typed (see [`super::read_source_lines`]).
fn typed_sources(
    submission: &Submission,
    problems: &mut Vec<Problem>,
    lines: &mut SourceLines,
) -> Vec<Source> {
    let mut problem = |field: &str, line: Option<usize>, message: String| {
        problems.push(Problem {
            field: field.to_owned(),
            line,
            message,
        });
    };
    super::read_source_lines(&unbulleted(submission.text("sources")), &mut problem, lines)
}

/// One change being made to an entry.
struct Edit<'a> {
    entry: Entry,
    /// The sources the volunteer typed, numbered by line.
    typed_sources: Vec<Source>,
    /// The typed lines the new text cites, in order of first citation.
    cited: Vec<u64>,
    /// Whether the change is text that cites the typed sources (else they are for the
    /// maintainer alone).
    cites: bool,
    lines: &'a SourceLines,
    problems: &'a mut Vec<Problem>,
    notes: &'a mut Vec<String>,
}

impl Edit<'_> {
    fn problem(&mut self, field: &str, message: String) {
        self.problems.push(Problem {
            field: field.to_owned(),
            line: None,
            message,
        });
    }

    /// Prose from `field` with its markers `[k]` (the k-th typed source) renumbered after the
    /// entry's own sources. A marker that names no typed line is a problem of the field.
    fn cited_prose(&mut self, field: &str, text: &str) -> String {
        self.cites = true;
        let text = prose(text);
        let base = self.entry.sources.iter().map(|s| s.id).max().unwrap_or(0);
        let mut map = HashMap::new();
        for (_, number) in markers(&text) {
            let typed = self.typed_sources.iter().any(|s| s.id == number);
            if typed {
                if !self.cited.contains(&number) {
                    self.cited.push(number);
                }
                map.insert(number, base + number);
            } else if !self.lines.rejected.contains(&number) {
                let listed = listed_sources(self.lines.typed);
                self.problem(
                    field,
                    format!(
                        "you cite [{number}], but you listed {listed}: add it as line {number} of Sources, or correct the number"
                    ),
                );
            }
        }
        renumber_markers(&text, &map)
    }

    /// A value with its markers taken out: a name or a year carries no citation in the entry.
    fn plain_value(text: &str) -> String {
        let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
        without_markers(first)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// `correct-entry.yml`: the field chosen from the list set to the corrected value. False
    /// when the part is one a maintainer corrects by hand.
    fn correct(&mut self, submission: &Submission) -> bool {
        let field = submission.text("field").trim().to_owned();
        let text = submission.text("correction").to_owned();
        let value = Self::plain_value(&text);
        let mut cites = true;
        match field.as_str() {
            "Company name" => {
                if value.is_empty() {
                    return false;
                }
                let old = std::mem::replace(&mut self.entry.name, value);
                // The id stays; the name it was listed under stays findable.
                let aliases = self.entry.aliases.get_or_insert_with(Vec::new);
                if old != self.entry.name && !aliases.contains(&old) {
                    aliases.push(old);
                }
                cites = false;
            }
            "Other names" => {
                self.entry.aliases = Some(values::list(&unbulleted(&text), Items::Names))
                    .filter(|a| !a.is_empty());
                cites = false;
            }
            "Industry" => {
                self.entry.industry = values::list(&unbulleted(&text), Items::Names);
                cites = false;
            }
            "Country" => match values::country(&value) {
                Ok(code) => {
                    self.entry.country = Some(code);
                    cites = false;
                }
                Err(why) => {
                    self.problem("correction", unreadable(&value, why));
                    return false;
                }
            },
            "Year founded" => match values::year(&value) {
                Ok(year) => {
                    self.entry.founded = Some(year);
                    cites = false;
                }
                Err(why) => {
                    self.problem("correction", unreadable(&value, why));
                    return false;
                }
            },
            "Headquarters" => {
                self.entry.headquarters = Some(value).filter(|v| !v.is_empty());
                cites = false;
            }
            "Parent company" => {
                self.entry.parent_company = if values::says_none(&value) {
                    Some(None)
                } else {
                    Some(Some(value))
                };
                cites = false;
            }
            "Status" => match values::entry_status(&value) {
                Ok(status) => {
                    self.entry.status = Some(status);
                    cites = false;
                }
                Err(why) => {
                    self.problem("correction", unreadable(&value, why));
                    return false;
                }
            },
            "Agencies supported" => {
                let (agencies, not_agencies) = values::agencies(&unbulleted(&text));
                for item in not_agencies {
                    self.problem("correction", unreadable(&item, values::Unreadable::Agency));
                }
                self.entry.boycott.agencies = Some(agencies).filter(|a| !a.is_empty());
                cites = false;
            }
            "Overview" => self.entry.sections.overview = self.cited_prose("correction", &text),
            "Why it is listed" => {
                self.entry.sections.boycott = self.cited_prose("correction", &text);
            }
            "Background" => {
                self.entry.sections.background =
                    Some(self.cited_prose("correction", &text)).filter(|b| !b.is_empty());
            }
            _ => return false,
        }
        if !cites && !self.typed_sources.is_empty() {
            self.notes.push(
                "This part of an entry carries no citation of its own: the sources you gave are for the maintainer who checks the correction, and are not added to the entry.".into(),
            );
        }
        true
    }

    /// `company-response.yml`: a response of the company, unconfirmed, dated from the issue,
    /// disputing the claims it names.
    fn respond(&mut self, submission: &Submission, date: crate::model::Date) -> bool {
        let kind = match submission.text("kind").trim() {
            "The company declines to comment" => ResponseKind::Declined,
            _ => ResponseKind::Reply,
        };
        let base = self.entry.sources.iter().map(|s| s.id).max().unwrap_or(0);
        // The company's words are quoted, not cited: a bracketed number in them would read as
        // a marker pointing at one of the entry's sources, so it is taken out (and said).
        let statement = prose(submission.text("statement"));
        let mut summary = without_markers(&statement);
        if summary != statement {
            self.notes.push(
                "Numbers in brackets like [1] were taken out of the statement: in an entry they point at its sources.".into(),
            );
        }
        let typed_url = submission.text("statement_url").trim().to_owned();
        // The address as parsed (tabs and line breaks are gone from it), never as typed.
        let url = web_address(&typed_url)
            .map(|u| u.to_string())
            .unwrap_or_default();
        let published = !url.is_empty();
        if !typed_url.is_empty() && !published {
            let url = typed_url;
            self.problem(
                "statement_url",
                format!("\"{url}\" is not a web address: give the statement's link, beginning with https://"),
            );
        }
        if published {
            // The statement as published is the source its summary cites.
            self.entry.sources.push(Source {
                unknown: crate::model::UnknownFields::new(),
                id: base + 1,
                title: format!("Statement by {}", self.entry.name),
                publisher: self.entry.name.clone(),
                kind: Some(crate::model::SourceKind::PressRelease),
                date: None,
                url: Some(url),
                archive_url: None,
                note: None,
                quotes: None,
            });
            summary.push_str(&format!(" [{}]", base + 1));
        } else {
            self.notes.push(
                "The statement has no public link yet: a reply is published with the source it restates, so a maintainer adds the company's published statement before this can be merged.".into(),
            );
        }
        let stem = format!("{}-{}", kind.as_str(), date);
        let mut id = stem.clone();
        let mut n = 1;
        while self.entry.responses().iter().any(|r| r.id == id) {
            n += 1;
            id = format!("{stem}-{n}");
        }
        let disputed: Vec<String> = submission
            .text("claims")
            .split([',', ' ', '\n'])
            .map(|c| c.trim().trim_start_matches('#').trim_start_matches("claim-"))
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect();
        let known: Vec<String> = self.entry.claims().iter().map(|c| c.id.clone()).collect();
        for claim in &disputed {
            match self
                .entry
                .claims
                .iter_mut()
                .flatten()
                .find(|c| c.id == *claim)
            {
                Some(found) => {
                    if !found.disputed_by.contains(&id) {
                        found.disputed_by.push(id.clone());
                    }
                }
                None => {
                    let listed = if known.is_empty() {
                        "the entry has no claims yet".to_owned()
                    } else {
                        format!("its claims are {}", known.join(", "))
                    };
                    self.problem(
                        "claims",
                        format!("the entry has no claim \"{claim}\": {listed}"),
                    );
                }
            }
        }
        self.entry
            .responses
            .get_or_insert_with(Vec::new)
            .push(Response {
                unknown: crate::model::UnknownFields::new(),
                id,
                date,
                kind,
                by: ResponseBy::Company,
                confirmed: Some(false),
                summary: Some(summary).filter(|s| !s.is_empty()),
                url: None,
            });
        self.notes.push(
            "The response is published as the company's word, marked unconfirmed, until a maintainer confirms it through the company's published channel.".into(),
        );
        true
    }

    /// `propose-delisting.yml`: the entry delisted with the reason given, for a maintainer to
    /// accept or not.
    fn delist(&mut self, submission: &Submission) -> bool {
        let reason = self.cited_prose("reason", submission.text("reason"));
        if reason.is_empty() {
            return false;
        }
        self.entry.boycott.status = BoycottStatus::Delisted;
        self.entry.boycott.reason = Some(reason);
        true
    }

    /// The entry with the typed sources it cites added after its own (numbered from the next
    /// number up), sources its text no longer cites taken out, and the sources numbered in
    /// order of first citation.
    fn finish(mut self) -> Entry {
        let base = self.entry.sources.iter().map(|s| s.id).max().unwrap_or(0);
        for source in &self.typed_sources {
            if self.cited.contains(&source.id) {
                let mut added = source.clone();
                added.id = base + source.id;
                self.entry.sources.push(added);
            }
        }
        for source in self.typed_sources.iter().filter(|_| self.cites) {
            if !self.cited.contains(&source.id) && !self.lines.rejected.contains(&source.id) {
                self.problems.push(Problem {
                    field: "sources".into(),
                    line: Some(source.id as usize),
                    message: format!(
                        "this source is not cited: cite it as [{}] in your text, or remove the line",
                        source.id
                    ),
                });
            }
        }
        // A section that was replaced may have been the only place a source was cited.
        let Ok(value) = serde_json::to_value(&self.entry) else {
            return self.entry;
        };
        let index = crate::rules::citations::CitationIndex::new(&value);
        let cited: Vec<u64> = index.markers.iter().map(|m| m.number).collect();
        let before = self.entry.sources.len();
        self.entry.sources.retain(|s| cited.contains(&s.id));
        if self.entry.sources.len() < before {
            self.notes.push(format!(
                "{} source{} the corrected text no longer cites would be taken out of the entry.",
                before - self.entry.sources.len(),
                if before - self.entry.sources.len() == 1 { "" } else { "s" }
            ));
        }
        super::renumbered(self.entry, self.notes)
    }
}

/// `text` with every citation marker `[n]` taken out.
fn without_markers(text: &str) -> String {
    let mut plain = String::new();
    let mut last = 0;
    for (range, _) in markers(text) {
        plain.push_str(text.get(last..range.start).unwrap_or(""));
        last = range.end;
    }
    plain.push_str(text.get(last..).unwrap_or(""));
    plain
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_read_from_an_id_a_page_or_a_file() {
        for typed in [
            "acme-widgets",
            " Acme-Widgets ",
            "`acme-widgets`",
            "https://icelist.example/companies/acme-widgets.html",
            "https://icelist.example/companies/acme-widgets.html#claim-ice-detention",
            "dataset/acme-widgets.json",
        ] {
            assert_eq!(id_in(typed), "acme-widgets", "{typed}");
        }
    }

    #[test]
    fn a_value_loses_its_markers() {
        assert_eq!(Edit::plain_value("Acme Widgets Inc. [1]\n"), "Acme Widgets Inc.");
        assert_eq!(Edit::plain_value("\n  1987[2][3]"), "1987");
    }
}
