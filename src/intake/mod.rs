//! `icelist intake`: the body GitHub renders from the issue form becomes an entry, checked with
//! the full lint and the problems of the form itself, reported in words a volunteer follows.
//! The workflow only moves files; the form's parsing, the checks and the file's place are here.

pub(crate) mod body;
mod change;
pub(crate) mod form;
mod report;

pub use crate::issue_event::{APPROVAL_LABEL, IssueEvent, IssueEventError};
pub use form::{Form, FormError, FormKind};
pub use report::{COMMENT_MAX_BYTES, fit_to_comment, markdown};

use crate::dataset::{DATASET_DIR, DatasetFiles};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::model::{
    Boycott, BoycottStatus, Entry, Sections, Source, Verification, VerificationStatus,
};
use crate::outside_values::{self as values, Items};
use crate::rules::schema::EntrySchema;
use crate::settings::Settings;
use serde::Serialize;
use std::path::Path;

/// GitHub's own limit for an issue's body, in characters: a longer text did not come from the
/// issue form, and intake reads none of it.
pub const MAX_BODY_CHARS: usize = 65_536;

/// The [`Problem::field`] of a problem with the issue's text as a whole, not one field of it.
pub const BODY_FIELD: &str = "body";

/// A problem of the submission itself (a missing field, a malformed source line), by field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The form field's id (`sources`).
    pub field: String,
    /// For sources: the line (the source's number).
    pub line: Option<usize>,
    pub message: String,
}

/// What intake made of a submission (`--format json` writes it).
#[derive(Debug, Clone, Serialize)]
pub struct IntakeReport {
    pub version: u32,
    /// Which form the submission came from.
    pub form: FormKind,
    pub id: Option<String>,
    pub file: Option<String>,
    pub entry: Option<Entry>,
    pub problems: Vec<Problem>,
    pub diagnostics: Vec<Diagnostic>,
    /// For a form that changes an entry already listed: the change, as `icelist diff --format
    /// json` lists an entry's changes (`entry` is then the entry as the change leaves it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<Vec<crate::review::FieldChange>>,
    /// The change as the review shows it, for the comment.
    #[serde(skip)]
    pub(crate) diff: Option<crate::review::EntryDiff>,
    /// A correction of a part a maintainer corrects by hand: nothing is written.
    #[serde(skip)]
    pub(crate) by_hand: bool,
    /// What intake changed on its own (a renumbering), said in the comment.
    #[serde(skip)]
    pub notes: Vec<String>,
    /// The form's fields as read (id, label, text), for the comment.
    #[serde(skip)]
    pub understood: Vec<(String, String, String)>,
    /// The line of the Sources field each of the entry's sources was typed on, by position
    /// in `entry.sources`: the comment names a source by the volunteer's line, whatever its
    /// number became.
    #[serde(skip)]
    pub(crate) source_lines: Vec<usize>,
    /// The id of the entry this submission is, when the company is already listed.
    #[serde(skip)]
    pub(crate) already_listed: Option<String>,
    /// The repository's issue form that corrects an entry, and the site's page of one, for a
    /// submission of a company already listed (`None`: not configured).
    #[serde(skip)]
    pub(crate) repository: Option<String>,
    #[serde(skip)]
    pub(crate) site_url: Option<String>,
}

/// What the Sources field held: how many lines were typed, and which could not be read at all.
#[derive(Debug, Default)]
pub(super) struct SourceLines {
    pub(super) typed: usize,
    pub(super) rejected: Vec<u64>,
}

impl IntakeReport {
    /// Exit 1: the submission has problems or its entry lint errors.
    pub fn has_errors(&self) -> bool {
        !self.problems.is_empty()
            || self
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error)
    }
}

/// The day an issue was opened (`--issue-date`, the date a response is dated from): a date
/// `YYYY-MM-DD` no later than `today`; `today` when none is given.
pub fn issue_date(given: Option<&str>, today: time::Date) -> Result<crate::model::Date> {
    let today = crate::model::Date::new(today.year(), u8::from(today.month()), today.day())
        .ok_or_else(|| Error::Usage("today is not a date the model can hold".into()))?;
    match given {
        Some(text) => crate::model::Date::parse(text)
            .filter(|date| *date <= today)
            .ok_or_else(|| {
                Error::Usage(format!(
                    "--issue-date {}: not a date YYYY-MM-DD up to today",
                    crate::text::escape_untrusted(text)
                ))
            }),
        None => Ok(today),
    }
}

/// Reads a submission and checks it against the dataset at `root`. `issue_date` (the day the
/// issue was opened) dates a company's response.
pub fn intake(
    root: &Path,
    form: &Form,
    body: &str,
    schema: &EntrySchema,
    settings: &Settings,
    issue_date: crate::model::Date,
) -> Result<IntakeReport> {
    if body.chars().count() > MAX_BODY_CHARS {
        return Ok(IntakeReport {
            version: 1,
            form: form.kind,
            changes: None,
            diff: None,
            by_hand: false,
            id: None,
            file: None,
            entry: None,
            problems: vec![Problem {
                field: BODY_FIELD.into(),
                line: None,
                message: format!(
                    "the issue's text is longer than {MAX_BODY_CHARS} characters, GitHub's own limit for an issue, so it cannot be read as the form: shorten it (each source needs one line, the overview a few sentences) and edit the issue again"
                ),
            }],
            diagnostics: Vec::new(),
            notes: Vec::new(),
            understood: Vec::new(),
            source_lines: Vec::new(),
            already_listed: None,
            repository: settings.repository.clone(),
            site_url: settings.site_url.clone(),
        });
    }
    let submission = body::parse(form, body);
    let mut problems = Vec::new();
    for field in &form.fields {
        if field.required && submission.text(&field.id).is_empty() && field.kind != "checkboxes" {
            problems.push(Problem {
                field: field.id.clone(),
                line: None,
                message: format!("\"{}\" is required: please fill it in", field.label),
            });
        }
        if field.kind == "checkboxes" {
            for (option, required) in &field.options {
                let checked = submission
                    .checked(&field.id)
                    .iter()
                    .any(|(label, on)| label == option && *on);
                if *required && !checked {
                    problems.push(Problem {
                        field: field.id.clone(),
                        line: None,
                        message: format!("please confirm: \"{option}\""),
                    });
                }
            }
        }
    }
    let understood = form
        .fields
        .iter()
        .map(|f| {
            let text = if f.kind == "checkboxes" {
                submission
                    .checked(&f.id)
                    .iter()
                    .map(|(label, on)| format!("[{}] {label}", if *on { "x" } else { " " }))
                    .collect::<Vec<_>>()
                    .join("\n")
            } else {
                submission.text(&f.id).to_owned()
            };
            (f.id.clone(), f.label.clone(), text)
        })
        .collect();
    let mut report = IntakeReport {
        version: 1,
        form: form.kind,
        changes: None,
        diff: None,
        by_hand: false,
        id: None,
        file: None,
        entry: None,
        problems,
        diagnostics: Vec::new(),
        notes: Vec::new(),
        understood,
        source_lines: Vec::new(),
        already_listed: None,
        repository: settings.repository.clone(),
        site_url: settings.site_url.clone(),
    };
    if form.kind != FormKind::ProposeCompany {
        change::intake_change(
            root,
            form.kind,
            &submission,
            &mut report,
            schema,
            settings,
            issue_date,
        )?;
        return Ok(report);
    }
    let mut lines = SourceLines::default();
    let entry = build_entry(
        &submission,
        &mut report.problems,
        &mut report.notes,
        &mut lines,
    );
    let Some((entry, source_lines)) = entry else {
        return Ok(report);
    };
    report.source_lines = source_lines;
    show_as_stored(&mut report.understood, &entry);
    let file = format!("{DATASET_DIR}/{}.json", entry.id);
    if std::fs::symlink_metadata(root.join(&file)).is_ok() {
        report.already_listed = Some(entry.id.clone());
        report.problems.push(Problem {
            field: "name".into(),
            line: None,
            message: format!(
                "a company with this name is already listed (its entry is {}): a new submission cannot replace it",
                entry.id
            ),
        });
    }
    let text = entry.to_canonical_text();
    let mut diagnostics =
        crate::lint::analyze_entry(&file, &entry.id, text.as_bytes(), schema, settings, false)
            .diagnostics;
    settle_citations(&entry, &lines, &mut diagnostics, &mut report.problems);
    let duplicates = duplicates(root, &file, &text, settings)?;
    if report.already_listed.is_none() {
        report.already_listed = duplicates
            .iter()
            .filter(|d| d.code == crate::rules::RuleCode::EntryDuplicate)
            .flat_map(|d| d.related.iter())
            .map(|r| crate::dataset::entry_stem(&r.file).to_owned())
            .next();
    }
    diagnostics.extend(duplicates);
    report.id = Some(entry.id.clone());
    report.file = Some(file);
    report.entry = Some(entry);
    report.diagnostics = diagnostics;
    Ok(report)
}

/// `--write`: writes the entry to `dataset/<id>.json`: a new entry never over an existing
/// file; a change only over the entry it changes. `None` when the submission is a correction
/// a maintainer makes by hand: nothing is written.
pub fn write(root: &Path, report: &IntakeReport) -> Result<Option<std::path::PathBuf>> {
    if report.by_hand {
        return Ok(None);
    }
    let (Some(entry), Some(file)) = (&report.entry, &report.file) else {
        return Err(Error::Usage(
            "the submission names no entry to write (no company name, or no entry it changes)"
                .into(),
        ));
    };
    let path = root.join(file);
    let area = crate::temp_area::TempArea::open(root)?;
    if report.form != FormKind::ProposeCompany {
        // The change is made to the entry the check read: it must still be a plain file.
        crate::checkout::read_regular_file(&path, u64::MAX).map_err(|e| Error::Refused {
            path: path.clone(),
            reason: format!("the entry to change cannot be read: {e}"),
        })?;
        crate::write::write_atomic(&area, &path, entry.to_canonical_text().as_bytes())?;
        return Ok(Some(path));
    }
    if std::fs::symlink_metadata(&path).is_ok() {
        return Err(Error::Refused {
            path,
            reason: "an entry with this id exists; intake never overwrites one".into(),
        });
    }
    crate::write::write_atomic(&area, &path, entry.to_canonical_text().as_bytes())?;
    Ok(Some(path))
}

/// The `entry-duplicate` findings of the new entry against the dataset.
fn duplicates(root: &Path, file: &str, text: &str, settings: &Settings) -> Result<Vec<Diagnostic>> {
    let files = DatasetFiles::discover(root)?;
    let mut identities: Vec<(String, crate::identity::IdentityKeys)> = files
        .identity_keys(settings.max_file_size)
        .filter(|(name, _)| *name != file)
        .map(|(name, keys)| (name.to_owned(), keys))
        .collect();
    let Some(keys) = crate::identity::IdentityKeys::of_bytes(text.as_bytes()) else {
        return Ok(Vec::new());
    };
    identities.push((file.to_owned(), keys));
    let findings = crate::rules::check_dataset(&identities, &|f| f == file);
    let read = |name: &str| {
        if name == file {
            return Some(text.as_bytes().to_vec());
        }
        files
            .entries
            .iter()
            .find(|c| c.file == name)?
            .read(settings.max_file_size)
            .ok()
    };
    let mut sources = Default::default();
    Ok(crate::lint::place_dataset_findings(
        findings,
        &read,
        settings,
        &mut sources,
    ))
}

/// Lint findings that only restate a problem of the form, already reported on the
/// volunteer's own line, are dropped: a source line that could not be read leaves its number
/// undefined (and perhaps no source at all, and the numbering unfixable). A marker that names
/// no line the volunteer typed becomes one problem of the field that cites it, in plain words.
fn settle_citations(
    entry: &Entry,
    lines: &SourceLines,
    diagnostics: &mut Vec<Diagnostic>,
    problems: &mut Vec<Problem>,
) {
    use crate::rules::RuleCode;
    let some_rejected = !lines.rejected.is_empty();
    diagnostics.retain(|d| match d.code {
        RuleCode::CitationUndefined => false,
        RuleCode::CitationNumbering | RuleCode::CitationOrder => !some_rejected,
        RuleCode::Schema => !(d.pointer == "/sources" && lines.typed > 0),
        _ => true,
    });
    let Ok(value) = serde_json::to_value(entry) else {
        return;
    };
    let index = crate::rules::citations::CitationIndex::new(&value);
    let mut reported: Vec<(String, u64)> = Vec::new();
    for marker in &index.markers {
        let defined = entry.sources.iter().any(|s| s.id == marker.number);
        if defined || lines.rejected.contains(&marker.number) {
            continue;
        }
        let field = form_field(&marker.pointer).unwrap_or(BODY_FIELD);
        if reported.contains(&(field.to_owned(), marker.number)) {
            continue;
        }
        reported.push((field.to_owned(), marker.number));
        let listed = listed_sources(lines.typed);
        problems.push(Problem {
            field: field.to_owned(),
            line: None,
            message: format!(
                "you cite [{}], but you listed {listed}: add it as line {} of Sources, or correct the number",
                marker.number, marker.number
            ),
        });
    }
}

/// The id of the form field that holds the value at `pointer` of an entry (the form's ids are
/// the entry's names: `founded`, `sources`, the sections' `overview`, ...); `None` for what
/// the form does not ask (the boycott's status and dates are a maintainer's).
pub(crate) fn form_field(pointer: &str) -> Option<&str> {
    let mut parts = pointer.trim_start_matches('/').split('/');
    match (parts.next(), parts.next()) {
        (Some("sections"), Some(section)) => Some(section),
        (Some("boycott"), Some("agencies")) => Some("agencies"),
        (Some("boycott"), _) | (Some(""), _) | (None, _) => None,
        (Some(first), _) => Some(first),
    }
}

/// "What we understood" shows what the entry holds where intake read a value into another
/// form: the country by name and code, a year, a status.
fn show_as_stored(understood: &mut [(String, String, String)], entry: &Entry) {
    for (field, _, text) in understood.iter_mut() {
        if text.trim().is_empty() {
            continue;
        }
        let stored = match field.as_str() {
            "country" => entry.country.as_deref().map(values::country_name),
            "founded" => entry.founded.map(|y| y.to_string()),
            "status" => entry.status.as_ref().map(|s| s.as_str().to_owned()),
            "agencies" => Some(crate::export::joined(entry.agencies().iter().map(|a| a.as_str())))
                .filter(|a| !a.is_empty()),
            _ => continue,
        };
        if let Some(stored) = stored {
            *text = stored;
        }
    }
}

/// The entry the form describes, through the model: always unverified and under review. With
/// it, the line of the Sources field each of its sources was typed on.
fn build_entry(
    submission: &body::Submission,
    problems: &mut Vec<Problem>,
    notes: &mut Vec<String>,
    lines: &mut SourceLines,
) -> Option<(Entry, Vec<usize>)> {
    let mut problem = |field: &str, line: Option<usize>, message: String| {
        problems.push(Problem {
            field: field.to_owned(),
            line,
            message,
        });
    };
    let name = submission
        .text("name")
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .to_owned();
    let id = crate::scaffold::slug(&name);
    if !name.is_empty() && id.is_empty() {
        problem(
            "name",
            None,
            "the name needs some letters a–z or digits to make the entry's id from".into(),
        );
    } else if crate::rules::file_name::is_device_name(&id) {
        problem(
            "name",
            None,
            format!(
                "the name makes the id {id:?}, a Windows device name that no Windows checkout can hold: write the company's full name"
            ),
        );
    }
    // Each value is read as the wiki import reads it (crate::outside_values), with its words
    // when it cannot be.
    let mut read = |field: &'static str, text: &str, why: values::Unreadable| {
        problem(field, None, unreadable(text, why));
    };
    let country = match submission.text("country").trim() {
        "" => None,
        text => values::country(text)
            .map_err(|why| read("country", text, why))
            .ok(),
    };
    let founded = match submission.text("founded").trim() {
        "" => None,
        text => values::year(text)
            .map_err(|why| read("founded", text, why))
            .ok(),
    };
    let parent_company = match submission.text("parent_company").trim() {
        "" => None,
        text if values::says_none(text) => Some(None),
        text => Some(Some(text.to_owned())),
    };
    let status = match submission.text("status").trim() {
        "" => None,
        text => values::entry_status(text)
            .map_err(|why| read("status", text, why))
            .ok(),
    };
    let unbulleted = |field: &str| unbulleted(submission.text(field));
    let (agencies, not_agencies) = values::agencies(&unbulleted("agencies"));
    for item in not_agencies {
        read("agencies", &item, values::Unreadable::Agency);
    }
    let sources = read_source_lines(&unbulleted("sources"), &mut problem, lines);
    let claims = claim_lines(submission.text("claims"), &mut problem, notes);
    if name.is_empty() || id.is_empty() {
        return None;
    }
    let entry = Entry {
        unknown: crate::model::UnknownFields::new(),
        schema: Some("../schema/company.schema.json".into()),
        id,
        name,
        aliases: Some(values::list(&unbulleted("aliases"), Items::Names)).filter(|a| !a.is_empty()),
        industry: values::list(&unbulleted("industry"), Items::Names),
        country,
        founded,
        headquarters: Some(submission.text("headquarters").trim().to_owned())
            .filter(|h| !h.is_empty()),
        parent_company,
        status,
        // A submission is never verified at intake: a maintainer verifies it.
        verification: Verification {
            unknown: crate::model::UnknownFields::new(),
            status: VerificationStatus::Unverified,
            date: None,
            notes: None,
        },
        identifiers: None,
        domains: None,
        boycott: Boycott {
            unknown: crate::model::UnknownFields::new(),
            status: BoycottStatus::UnderReview,
            agencies: Some(agencies).filter(|a| !a.is_empty()),
            since: None,
            reason: None,
        },
        sections: Sections {
            unknown: crate::model::UnknownFields::new(),
            overview: prose(submission.text("overview")),
            boycott: prose(submission.text("boycott")),
            background: Some(prose(submission.text("background"))).filter(|b| !b.is_empty()),
        },
        claims: Some(claims).filter(|c| !c.is_empty()),
        responses: None,
        sources,
    };
    // Until renumbered, each source's number is the line it was typed on.
    let typed: Vec<(u64, Option<String>, String)> = entry
        .sources
        .iter()
        .map(|s| (s.id, s.url.clone(), s.title.clone()))
        .collect();
    let entry = renumbered(entry, notes);
    // Matched by content, each typed line once: two identical lines keep their own numbers
    // (the renumbering keeps the order of sources it cannot tell apart).
    let mut unclaimed = typed;
    let on_line = entry
        .sources
        .iter()
        .map(|s| {
            match unclaimed
                .iter()
                .position(|(_, url, title)| *url == s.url && *title == s.title)
            {
                Some(at) => unclaimed.remove(at).0 as usize,
                None => 0,
            }
        })
        .collect();
    Some((entry, on_line))
}

/// The Sources field's lines, each numbered as typed (1, 2, ...; blank lines skipped): a bad
/// date or type is left out of its source and said once; a line that cannot be read at all is
/// a problem on its line and leaves its number undefined.
pub(super) fn read_source_lines(
    text: &str,
    problem: &mut impl FnMut(&str, Option<usize>, String),
    lines: &mut SourceLines,
) -> Vec<Source> {
    let mut sources = Vec::new();
    let typed = text.lines().map(str::trim).filter(|l| !l.is_empty());
    for (index, line) in typed.enumerate() {
        let number = index + 1;
        lines.typed = number;
        match source_line(number as u64, line) {
            Ok((source, parts_left_out)) => {
                for why in parts_left_out {
                    problem("sources", Some(number), why);
                }
                sources.push(source);
            }
            Err(why) => {
                problem("sources", Some(number), why);
                lines.rejected.push(number as u64);
            }
        }
    }
    sources
}

/// The renumbering `--fix` would apply (sources in order of first citation), said in a note.
pub(super) fn renumbered(entry: Entry, notes: &mut Vec<String>) -> Entry {
    let Ok(mut value) = serde_json::to_value(&entry) else {
        return entry;
    };
    match crate::rules::citation_order::renumber_sources(&mut value) {
        crate::rules::citation_order::FixOutcome::Renumbered { moved } if moved > 0 => {
            match serde_json::from_value::<Entry>(value) {
                Ok(renumbered) => {
                    notes.push(
                        "The sources were numbered in the order the text first cites them, and the numbers in the text were changed to match; each source is still named below by the line you typed it on.".into(),
                    );
                    renumbered
                }
                Err(_) => entry,
            }
        }
        _ => entry,
    }
}

/// `URL | Title | Publisher | YYYY-MM-DD | type`: the source, and what was left out of it (a
/// date or a type that cannot be read is one problem, not the loss of the line).
pub(super) fn source_line(number: u64, line: &str) -> std::result::Result<(Source, Vec<String>), String> {
    let parts: Vec<&str> = line.split('|').map(str::trim).collect();
    if parts.len() < 3 || parts.len() > 5 {
        return Err(format!(
            "a source line has 3 to 5 parts separated by \"|\": URL | Title | Publisher | date | type (this line has {})",
            parts.len()
        ));
    }
    let (url, title, publisher) = (parts[0], parts[1], parts[2]);
    if web_address(url).is_none() {
        return Err(format!(
            "\"{url}\" is not a web address: the line starts with the source's URL, beginning with https://"
        ));
    }
    if title.is_empty() || publisher.is_empty() {
        return Err("the title and the publisher are needed: URL | Title | Publisher".into());
    }
    let mut left_out = Vec::new();
    let date = match parts.get(3).copied().unwrap_or("") {
        "" => None,
        text => values::date(text)
            .map_err(|why| left_out.push(unreadable(text, why)))
            .ok(),
    };
    let kind = match parts.get(4).copied().unwrap_or("") {
        "" => None,
        text => values::source_kind(text)
            .map_err(|why| left_out.push(unreadable(text, why)))
            .ok(),
    };
    let source = Source {
        unknown: crate::model::UnknownFields::new(),
        id: number,
        title: title.to_owned(),
        publisher: publisher.to_owned(),
        kind,
        date,
        url: Some(url.to_owned()),
        archive_url: None,
        note: None,
        quotes: None,
    };
    Ok((source, left_out))
}

/// The form's words for a value it cannot read: `"1990s" is not a year: ...`.
/// The form's claim lines, `agency | kind | summary with [n] | from | to | status | award ids`
/// (the last four optional; status `unknown` when not given), read by the shared value readers.
/// A claim's id is `<agency>-<kind>`, with `-2`, `-3` for repeats. Problems name the line as
/// the volunteer typed it (blank lines count).
fn claim_lines(
    text: &str,
    problem: &mut impl FnMut(&str, Option<usize>, String),
    notes: &mut Vec<String>,
) -> Vec<crate::model::Claim> {
    let mut claims: Vec<crate::model::Claim> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let line = strip_bullet(line).trim();
        if line.is_empty() {
            continue;
        }
        match claim_line(line) {
            Ok(mut claim) => {
                let base = claim.id.clone();
                let mut n = 1;
                while claims.iter().any(|c| c.id == claim.id) {
                    n += 1;
                    claim.id = format!("{base}-{n}");
                }
                if !claim.awards.is_empty() {
                    notes.push(format!(
                        "claim line {number}: the award(s) are added with role prime (the company is the recipient); the review reads their records, and a maintainer sets the role sub or via when another party holds the award"
                    ));
                }
                claims.push(claim);
            }
            Err(why) => problem("claims", Some(number), why),
        }
    }
    claims
}

/// One claim line: the claim, with the awards it names (role `prime`: a maintainer sets
/// another role when the company is not the recipient).
fn claim_line(line: &str) -> std::result::Result<crate::model::Claim, String> {
    let parts: Vec<&str> = line.split('|').map(str::trim).collect();
    if parts.len() < 3 || parts.len() > 7 {
        return Err(format!(
            "a claim line has 3 to 7 parts separated by \"|\": agency | kind | summary with [n] | from | to | status | award ids (this line has {})",
            parts.len()
        ));
    }
    let agency = values::agency(parts[0]).map_err(|why| unreadable(parts[0], why))?;
    let kind = values::claim_kind(parts[1]).map_err(|why| unreadable(parts[1], why))?;
    let summary = parts[2];
    if summary.is_empty() {
        return Err("the summary is needed: what the company does or did, with [n]".into());
    }
    let date = |at: usize| match parts.get(at).copied().unwrap_or("") {
        "" => Ok(None),
        text => values::date(text)
            .map(Some)
            .map_err(|why| unreadable(text, why)),
    };
    let (from, to) = (date(3)?, date(4)?);
    let status = match parts.get(5).copied().unwrap_or("") {
        "" => crate::model::ClaimStatus::Unstated,
        text => values::claim_status(text).map_err(|why| unreadable(text, why))?,
    };
    // Award ids are checked offline against USAspending's grammar; the review reads their
    // records (`awards check`).
    let mut awards = Vec::new();
    for id in parts.get(6).map(|ids| ids.split_whitespace()).into_iter().flatten() {
        if let Err(problem) = crate::model::award_id::AwardId::parse(id) {
            return Err(format!(
                "the award id {} is not valid: {problem}",
                crate::text::quoted(id)
            ));
        }
        awards.push(crate::model::Award {
            id: id.to_owned(),
            role: crate::model::AwardRole::Prime,
            via: None,
            facts: crate::model::AwardFacts::default(),
            unknown: crate::model::UnknownFields::new(),
        });
    }
    let period = (from.is_some() || to.is_some()).then(|| crate::model::Period {
        unknown: crate::model::UnknownFields::new(),
        from,
        to,
    });
    let claim = crate::model::Claim {
        unknown: crate::model::UnknownFields::new(),
        id: format!("{}-{}", agency.as_str(), kind.as_str()).to_lowercase(),
        agency,
        kind,
        summary: summary.to_owned(),
        period,
        status,
        disputed_by: Vec::new(),
        awards,
    };
    Ok(claim)
}

pub(super) fn unreadable(text: &str, why: values::Unreadable) -> String {
    format!("\"{text}\" is {why}")
}

/// `text` read as a plain http(s) address with a host, as the forms take one.
pub(super) fn web_address(text: &str) -> Option<url::Url> {
    url::Url::parse(text).ok().filter(|u| {
        matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
    })
}

/// A textarea's lines without Markdown list bullets: a textarea's list may be a Markdown list,
/// whose bullets are markup, not part of an item.
pub(super) fn unbulleted(text: &str) -> String {
    text.lines().map(strip_bullet).collect::<Vec<_>>().join("\n")
}

/// How many source lines the volunteer typed, in words: `no sources`, `1 source`, `3 sources`.
pub(super) fn listed_sources(typed: usize) -> String {
    match typed {
        0 => "no sources".to_owned(),
        1 => "1 source".to_owned(),
        n => format!("{n} sources"),
    }
}

/// `- item`, `* item`, `1. item`, `1) item` -> `item`.
pub(super) fn strip_bullet(line: &str) -> &str {
    let trimmed = line.trim_start();
    if let Some(rest) = trimmed
        .strip_prefix("- ")
        .or_else(|| trimmed.strip_prefix("* "))
    {
        return rest;
    }
    let digits = trimmed.len()
        - trimmed
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    if digits > 0
        && let Some(rest) = trimmed.get(digits..)
        && let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") "))
    {
        return rest;
    }
    line
}

/// A textarea's text as prose: paragraphs apart by a blank line, the lines of one paragraph
/// joined by a space.
pub(super) fn prose(text: &str) -> String {
    text.split("\n\n")
        .map(|p| {
            p.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_lines() {
        let (source, left_out) = source_line(
            2,
            "https://news.example.com/a | Acme wins | Example News | 2025-01-02 | news",
        )
        .unwrap();
        assert_eq!(source.id, 2);
        assert_eq!(source.publisher, "Example News");
        assert!(left_out.is_empty());
        assert!(source_line(1, "https://x.example | T | P | 2025").is_ok());
        // The import's date grammar, so a volunteer may write the date as the page does.
        let (dated, _) = source_line(1, "https://x.example | T | P | 5 March 2024").unwrap();
        assert_eq!(
            dated.date.map(|d| d.to_string()).as_deref(),
            Some("2024-03-05")
        );
        // A date or type that cannot be read is left out, once; the source stays.
        for (line, kept_type) in [
            ("https://x.example | T | P | Marchember 2025", None),
            ("https://x.example | T | P | 2025-01-02 | blog", None),
            ("https://x.example | T | P | 2024-13-05 | news", Some("news")),
        ] {
            let (source, left_out) = source_line(1, line).unwrap();
            assert_eq!(left_out.len(), 1, "{line}");
            assert_eq!(source.title, "T");
            assert_eq!(source.kind.as_ref().map(|k| k.as_str()), kept_type, "{line}");
        }
        for bad in [
            "Acme wins | Example News",
            "ftp://x.example | T | P",
            "https://x.example | T |",
            "https://x.example | T | P | 2025-01-02 | news | extra",
        ] {
            assert!(source_line(1, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn bullets_and_paragraphs() {
        assert_eq!(strip_bullet("- Drones"), "Drones");
        assert_eq!(strip_bullet("2) Towers"), "Towers");
        assert_eq!(strip_bullet("2025 plans"), "2025 plans");
        assert_eq!(prose("One\ntwo.\n\n\nThree."), "One two.\n\nThree.");
    }
}
