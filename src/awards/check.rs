//! `icelist awards check`: each award of the dataset read from USAspending's API (or from a
//! Prime Award Summaries download) and judged against the claim that carries it.
//!
//! The API's contracts (`fedspendingtransparency/usaspending-api`,
//! `usaspending_api/api_contracts/contracts/v2/awards/award_id.md` and
//! `.../v2/subawards.md`; the response built in `usaspending_api/awards/v2/data_layer/orm.py`):
//! `GET /api/v2/awards/<id>/` answers the record, or 404 `{"detail": …}` for an unknown id
//! (`usaspending_api/awards/v2/views/awards.py`); `POST /api/v2/subawards/` with
//! `{"award_id": "<id>", "page": n, "limit": 100}` lists the subawards of a prime award.

use super::agency;
use super::names;
pub use super::record::{Record, RecordAgency};
use crate::model::{Award, AwardFacts, AwardRole, Date, Entry};
use crate::sources::fetch::{Answer, Fetch};
use crate::sources::{Waits, retry_wait, wait_turn};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, VecDeque};
use std::sync::Mutex;
use std::time::Duration;

/// The public API.
pub const API_BASE: &str = "https://api.usaspending.gov";

/// One award of the dataset, with what judging it needs from its entry and claim.
#[derive(Debug, Clone)]
pub struct AwardRef {
    pub company: String,
    pub claim: String,
    /// The claim's place in the entry and the award's in the claim.
    pub claim_index: usize,
    pub award_index: usize,
    pub award: Award,
    /// The claim's agency (`ICE`, `CBP`, `USCIS`, `DHS`).
    pub agency: String,
    /// The company's name and aliases.
    pub names: Vec<String>,
    /// The company's UEI, when the entry has one.
    pub uei: Option<String>,
}

/// Every award of the dataset, in entry and claim order.
pub fn awards(entries: &[Entry]) -> Vec<AwardRef> {
    let mut found = Vec::new();
    for entry in entries {
        let mut names = vec![entry.name.clone()];
        names.extend(entry.aliases().iter().cloned());
        let uei = entry.identifiers.as_ref().and_then(|i| i.uei.clone());
        for (claim_index, claim) in entry.claims().iter().enumerate() {
            for (award_index, award) in claim.awards.iter().enumerate() {
                found.push(AwardRef {
                    company: entry.id.clone(),
                    claim: claim.id.clone(),
                    claim_index,
                    award_index,
                    award: award.clone(),
                    agency: claim.agency.as_str().to_owned(),
                    names: names.clone(),
                    uei: uei.clone(),
                });
            }
        }
    }
    found
}

/// The judgement of one award.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// The record exists and supports the claim.
    Confirmed,
    /// The record exists and one of the tests failed (see `mismatches`).
    Mismatch,
    /// No record of that id (404).
    NotFound,
    /// No answer after the retries.
    Unreachable,
}

/// One test the record failed, with both values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mismatch {
    /// `recipient`, `via`, `subaward` or `agency`.
    pub test: String,
    /// What the dataset says.
    pub expected: String,
    /// What the record says.
    pub found: String,
}

/// One fact that changed since the last run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub field: String,
    pub old: String,
    pub new: String,
}

/// One award's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwardResult {
    pub company: String,
    pub claim: String,
    pub award: String,
    pub role: String,
    pub verdict: Verdict,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mismatches: Vec<Mismatch>,
    /// The record differs from the last run's.
    pub changed: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
    /// The facts the award's fields should hold (a confirmed award): what `--write` writes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facts: Option<AwardFacts>,
    /// The facts in the file differ from the record's (a confirmed award): the review fails.
    pub facts_differ: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The award's page on usaspending.gov.
    pub url: String,
}

/// Counts per verdict.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub confirmed: usize,
    pub mismatch: usize,
    pub not_found: usize,
    pub unreachable: usize,
    pub changed: usize,
    pub facts_differ: usize,
}

/// The whole report (`--format json`; schema: `schema/outputs/awards-check.schema.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub version: u32,
    pub checked_on: String,
    /// `api` or `file`.
    pub from: String,
    pub awards: Vec<AwardResult>,
    pub summary: Summary,
}

/// What the state keeps of each record between runs (`--state`, default
/// `.icelist/awards.json`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwardState {
    pub version: u32,
    pub records: BTreeMap<String, RecordMemory>,
}

/// One record as last read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordMemory {
    /// A print of the tracked facts.
    pub hash: String,
    pub facts: BTreeMap<String, String>,
    pub checked_on: String,
}

impl AwardState {
    /// Reads the state at `path` (empty when there is none); a file icelist did not write is
    /// refused.
    pub fn load(path: &std::path::Path) -> Result<Self, crate::Error> {
        crate::link_history::load_state(path, "an award state")
    }
}

/// How the check goes online.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub api_base: String,
    /// Requests at once.
    pub concurrency: usize,
    /// Between two request starts.
    pub interval: Duration,
    /// Retries after the first attempt, on 5xx, 408, 429 and timeouts.
    pub retries: u32,
    /// The longest backoff or `Retry-After` honoured.
    pub max_wait: Duration,
    pub today: Date,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            api_base: API_BASE.to_owned(),
            concurrency: 2,
            interval: Duration::from_millis(1000),
            retries: 3,
            max_wait: Duration::from_secs(120),
            today: Date::MIN,
        }
    }
}

/// The most subaward pages read for one prime award (100 subawards a page).
const MAX_SUBAWARD_PAGES: u32 = 20;

/// What fetching one award's record gave.
enum Fetched {
    Record(Box<Record>),
    NotFound(u16),
    Unreachable(Option<u16>, String),
}

/// Where the records come from.
pub enum Records<'a> {
    /// The API, through this fetcher.
    Api {
        fetcher: &'a dyn Fetch,
        waits: &'a dyn Waits,
    },
    /// A Prime Award Summaries download, read beforehand: its rows by award id.
    File(&'a BTreeMap<String, Record>),
}

/// Checks every award; updates `state` with the records read.
pub fn check(
    awards: &[AwardRef],
    records: &Records<'_>,
    options: &CheckOptions,
    state: &mut AwardState,
) -> Report {
    // Only ids in USAspending's grammar are asked for: a typed id never reaches a request.
    let ids: Vec<&str> = {
        let mut seen = std::collections::BTreeSet::new();
        awards
            .iter()
            .map(|a| a.award.id.as_str())
            .filter(|id| crate::model::award_id::AwardId::parse(id).is_ok() && seen.insert(*id))
            .collect()
    };
    let fetched: BTreeMap<String, Fetched> = match records {
        Records::File(rows) => ids
            .iter()
            .map(|id| {
                let found = match rows.get(*id) {
                    Some(record) => Fetched::Record(Box::new(record.clone())),
                    None => Fetched::NotFound(404),
                };
                ((*id).to_owned(), found)
            })
            .collect(),
        Records::Api { fetcher, waits } => fetch_all(&ids, *fetcher, *waits, options),
    };
    // Subawards are read only for awards whose company holds a subaward, once per prime.
    let mut subawards: BTreeMap<String, Result<Vec<String>, String>> = BTreeMap::new();
    if let Records::Api { fetcher, waits } = records {
        let next_start = Mutex::new(waits.now());
        for award in awards {
            if award.award.role == AwardRole::Sub
                && matches!(fetched.get(&award.award.id), Some(Fetched::Record(_)))
                && !subawards.contains_key(&award.award.id)
            {
                let list =
                    subaward_recipients(&award.award.id, *fetcher, *waits, options, &next_start);
                subawards.insert(award.award.id.clone(), list);
            }
        }
    }
    let today = options.today.to_string();
    let mut report = Report {
        version: 1,
        checked_on: today.clone(),
        from: match records {
            Records::Api { .. } => "api",
            Records::File(_) => "file",
        }
        .to_owned(),
        awards: Vec::new(),
        summary: Summary::default(),
    };
    let mut changes_by_id: BTreeMap<String, Vec<Change>> = BTreeMap::new();
    for (id, found) in &fetched {
        let Fetched::Record(record) = found else {
            continue;
        };
        let tracked = record.tracked();
        let hash = format!(
            "{:016x}",
            crate::identity::print(tracked.iter().flat_map(|(k, v)| [k.as_str(), v.as_str()]))
        );
        let memory = state.records.entry(id.clone()).or_default();
        let mut changes = Vec::new();
        if !memory.hash.is_empty() && memory.hash != hash {
            for (field, new) in &tracked {
                let old = memory.facts.get(field).cloned().unwrap_or_default();
                if &old != new {
                    changes.push(Change {
                        field: field.clone(),
                        old,
                        new: new.clone(),
                    });
                }
            }
        }
        *memory = RecordMemory {
            hash,
            facts: tracked,
            checked_on: today.clone(),
        };
        changes_by_id.insert(id.clone(), changes);
    }
    state.version = 1;
    for award in awards {
        let id = &award.award.id;
        let mut result = AwardResult {
            company: award.company.clone(),
            claim: award.claim.clone(),
            award: id.clone(),
            role: award.award.role.as_str().to_owned(),
            verdict: Verdict::Unreachable,
            mismatches: Vec::new(),
            changed: false,
            changes: Vec::new(),
            facts: None,
            facts_differ: false,
            status: None,
            detail: None,
            url: super::award_page(id),
        };
        let grammar = crate::model::award_id::AwardId::parse(id).err();
        match fetched.get(id) {
            _ if let Some(problem) = grammar => {
                result.verdict = Verdict::Mismatch;
                result.mismatches.push(Mismatch {
                    test: "id".into(),
                    expected: "an award id in USAspending's grammar".into(),
                    found: problem.to_string(),
                });
            }
            Some(Fetched::Record(record)) => {
                result.status = Some(200);
                result.mismatches = judge(award, record, subawards.get(id));
                result.verdict = if result.mismatches.is_empty() {
                    Verdict::Confirmed
                } else {
                    Verdict::Mismatch
                };
                result.changes = changes_by_id.get(id).cloned().unwrap_or_default();
                result.changed = !result.changes.is_empty();
                if result.verdict == Verdict::Confirmed {
                    let facts = record.facts(options.today);
                    result.facts_differ = award.award.facts.any() && !same_facts(&award.award.facts, &facts);
                    result.facts = Some(facts);
                }
            }
            Some(Fetched::NotFound(status)) => {
                result.verdict = Verdict::NotFound;
                result.status = Some(*status);
            }
            Some(Fetched::Unreachable(status, why)) => {
                result.status = *status;
                result.detail = Some(why.clone());
            }
            None => result.detail = Some("not fetched".into()),
        }
        match result.verdict {
            Verdict::Confirmed => report.summary.confirmed += 1,
            Verdict::Mismatch => report.summary.mismatch += 1,
            Verdict::NotFound => report.summary.not_found += 1,
            Verdict::Unreachable => report.summary.unreachable += 1,
        }
        report.summary.changed += usize::from(result.changed);
        report.summary.facts_differ += usize::from(result.facts_differ);
        report.awards.push(result);
    }
    report
}

/// Whether the facts in the file are the record's: the fact fields this version knows (`as_of`
/// says when, not what; fields a later version adds inside the agency or the period are not
/// this version's to judge).
fn same_facts(written: &AwardFacts, record: &AwardFacts) -> bool {
    let agency = |f: &AwardFacts| {
        f.awarding_agency
            .as_ref()
            .map(|a| (a.name.clone(), a.code.clone()))
    };
    let period = |f: &AwardFacts| f.period.as_ref().map(|p| (p.from, p.to));
    written.recipient == record.recipient
        && written.recipient_uei == record.recipient_uei
        && agency(written) == agency(record)
        && written.obligated == record.obligated
        && period(written) == period(record)
}

/// `facts` as the record gives them, keeping what a later version wrote inside the agency and
/// the period of the facts they replace.
fn merged_facts(old: &AwardFacts, mut facts: AwardFacts) -> AwardFacts {
    if let (Some(new), Some(old)) = (facts.awarding_agency.as_mut(), old.awarding_agency.as_ref()) {
        new.unknown = old.unknown.clone();
    }
    if let (Some(new), Some(old)) = (facts.period.as_mut(), old.period.as_ref()) {
        new.unknown = old.unknown.clone();
    }
    facts
}

/// The tests a record must pass for the award to support its claim; the failed ones.
fn judge(
    award: &AwardRef,
    record: &Record,
    subawards: Option<&Result<Vec<String>, String>>,
) -> Vec<Mismatch> {
    let mut failed = Vec::new();
    let filed = || {
        [&record.recipient, &record.parent_recipient]
            .into_iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join(" / ")
    };
    match &award.award.role {
        AwardRole::Prime => {
            // By UEI when both the entry and the record have one; else by name (an older
            // record may carry no UEI).
            let record_has_uei =
                record.recipient_uei.is_some() || record.parent_recipient_uei.is_some();
            let uei = award.uei.as_ref().filter(|_| record_has_uei);
            let matched = match uei {
                Some(uei) => [&record.recipient_uei, &record.parent_recipient_uei]
                    .into_iter()
                    .flatten()
                    .any(|filed| filed.trim().eq_ignore_ascii_case(uei.trim())),
                None => [&record.recipient, &record.parent_recipient]
                    .into_iter()
                    .flatten()
                    .any(|filed| award.names.iter().any(|name| names::same_company(name, filed))),
            };
            if !matched {
                failed.push(match uei {
                    Some(uei) => Mismatch {
                        test: "recipient".into(),
                        expected: format!("UEI {uei}"),
                        found: [&record.recipient_uei, &record.parent_recipient_uei]
                            .into_iter()
                            .flatten()
                            .map(|u| format!("UEI {u}"))
                            .collect::<Vec<_>>()
                            .join(" / "),
                    },
                    None => Mismatch {
                        test: "recipient".into(),
                        expected: award.names.join(" / "),
                        found: filed(),
                    },
                });
            }
        }
        AwardRole::Via => {
            let via = award.award.via.clone().unwrap_or_default();
            let matched = [&record.recipient, &record.parent_recipient]
                .into_iter()
                .flatten()
                .any(|filed| names::same_company(&via, filed));
            if !matched {
                failed.push(Mismatch {
                    test: "via".into(),
                    expected: via,
                    found: filed(),
                });
            }
        }
        AwardRole::Sub => match subawards {
            Some(Ok(recipients)) => {
                let matched = recipients
                    .iter()
                    .any(|filed| award.names.iter().any(|name| names::same_company(name, filed)));
                if !matched {
                    failed.push(Mismatch {
                        test: "subaward".into(),
                        expected: award.names.join(" / "),
                        found: if recipients.is_empty() {
                            "no subaward".into()
                        } else {
                            recipients.join(" / ")
                        },
                    });
                }
            }
            Some(Err(why)) => failed.push(Mismatch {
                test: "subaward".into(),
                expected: award.names.join(" / "),
                found: format!("the subawards could not be read: {why}"),
            }),
            None => failed.push(Mismatch {
                test: "subaward".into(),
                expected: award.names.join(" / "),
                found: "subawards are not in the download: check against the API".into(),
            }),
        },
        AwardRole::Unknown(role) => failed.push(Mismatch {
            test: "role".into(),
            expected: "prime, sub or via".into(),
            found: role.clone(),
        }),
    }
    if !agency::record_is_of(&award.agency, record) {
        let describe = |a: &RecordAgency| {
            [&a.subtier_name, &a.toptier_name]
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        };
        failed.push(Mismatch {
            test: "agency".into(),
            expected: award.agency.clone(),
            found: format!(
                "awarding: {}; funding: {}",
                non_empty(describe(&record.awarding)),
                non_empty(describe(&record.funding))
            ),
        });
    }
    failed
}

fn non_empty(text: String) -> String {
    if text.is_empty() { "none".into() } else { text }
}

/// Fetches each record, `options.concurrency` at a time, one start per interval.
fn fetch_all(
    ids: &[&str],
    fetcher: &dyn Fetch,
    waits: &dyn Waits,
    options: &CheckOptions,
) -> BTreeMap<String, Fetched> {
    let queue = Mutex::new(ids.iter().map(|id| (*id).to_owned()).collect::<VecDeque<_>>());
    let results = Mutex::new(BTreeMap::new());
    let next_start = Mutex::new(waits.now());
    std::thread::scope(|scope| {
        for _ in 0..options.concurrency.max(1).min(ids.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let Some(id) = queue.lock().ok().and_then(|mut q| q.pop_front()) else {
                        return;
                    };
                    let url = format!(
                        "{}/api/v2/awards/{}/",
                        options.api_base.trim_end_matches('/'),
                        super::path_segment(&id)
                    );
                    let answer = with_retries(
                        || fetcher.send("GET", &url, &[("accept", "application/json")], None),
                        waits,
                        options,
                        &next_start,
                    );
                    let fetched = match answer {
                        Answer::Status { status: 200, body, truncated, .. } => {
                            match (truncated, Record::from_api(&body)) {
                                (false, Some(record)) => Fetched::Record(Box::new(record)),
                                (true, _) => Fetched::Unreachable(
                                    Some(200),
                                    "the record was larger than the size limit".into(),
                                ),
                                (false, None) => Fetched::Unreachable(
                                    Some(200),
                                    "the answer was not an award record (not a JSON object)".into(),
                                ),
                            }
                        }
                        Answer::Status { status: 404, .. } => Fetched::NotFound(404),
                        Answer::Status { status, .. } => {
                            Fetched::Unreachable(Some(status), format!("HTTP {status}"))
                        }
                        Answer::NotPublic => Fetched::Unreachable(
                            None,
                            "not a public address: not fetched (--allow-private-addresses for a test server)".into(),
                        ),
                        Answer::Timeout => Fetched::Unreachable(None, "timed out".into()),
                        Answer::Invalid(why) => Fetched::Unreachable(None, why),
                    };
                    if let Ok(mut results) = results.lock() {
                        results.insert(id, fetched);
                    }
                }
            });
        }
    });
    results.into_inner().unwrap_or_default()
}

/// The sub-recipients' names of a prime award's subawards, page by page.
fn subaward_recipients(
    id: &str,
    fetcher: &dyn Fetch,
    waits: &dyn Waits,
    options: &CheckOptions,
    next_start: &Mutex<std::time::Instant>,
) -> Result<Vec<String>, String> {
    let url = format!("{}/api/v2/subawards/", options.api_base.trim_end_matches('/'));
    let mut names = Vec::new();
    for page in 1..=MAX_SUBAWARD_PAGES {
        let body = serde_json::json!({"award_id": id, "page": page, "limit": 100}).to_string();
        let answer = with_retries(|| fetcher.post_json(&url, &body), waits, options, next_start);
        let Answer::Status { status: 200, body, .. } = answer else {
            return Err(match answer {
                Answer::Status { status, .. } => format!("HTTP {status}"),
                Answer::Timeout => "timed out".into(),
                Answer::NotPublic => "not a public address".into(),
                Answer::Invalid(why) => why,
            });
        };
        let value: serde_json::Value =
            serde_json::from_slice(&body).map_err(|e| format!("not JSON: {e}"))?;
        let results = value
            .get("results")
            .and_then(serde_json::Value::as_array)
            .ok_or("no results list")?;
        names.extend(
            results
                .iter()
                .filter_map(|r| r.get("recipient_name").and_then(serde_json::Value::as_str))
                .map(str::to_owned),
        );
        let more = value
            .pointer("/page_metadata/hasNext")
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false);
        if !more {
            return Ok(names);
        }
    }
    Err(format!(
        "more than {} subawards: check this one by hand",
        MAX_SUBAWARD_PAGES * 100
    ))
}

/// One request, its turn waited for, retried on 5xx, 408, 429 and timeouts with backoff (or
/// the server's `Retry-After`, within `max_wait`).
fn with_retries(
    send: impl Fn() -> Answer,
    waits: &dyn Waits,
    options: &CheckOptions,
    next_start: &Mutex<std::time::Instant>,
) -> Answer {
    let mut attempt = 0;
    loop {
        wait_turn(next_start, waits, options.interval);
        let answer = send();
        match retry_wait(&answer, attempt, options.retries, options.max_wait) {
            Some(wait) => waits.sleep(wait),
            None => return answer,
        }
        attempt += 1;
    }
}


/// Writes the facts of every confirmed award into its entry; returns the entries changed.
/// Nothing but the award's fact fields and `as_of` changes.
pub fn write_facts(entries: &mut [Entry], report: &Report, awards: &[AwardRef]) -> Vec<String> {
    let mut changed = Vec::new();
    for (result, award) in report.awards.iter().zip(awards) {
        let Some(facts) = result.facts.as_ref().filter(|_| result.verdict == Verdict::Confirmed)
        else {
            continue;
        };
        let Some(entry) = entries.iter_mut().find(|e| e.id == award.company) else {
            continue;
        };
        let Some(slot) = entry
            .claims
            .as_mut()
            .and_then(|claims| claims.get_mut(award.claim_index))
            .and_then(|claim| claim.awards.get_mut(award.award_index))
            .filter(|slot| slot.id == award.award.id)
        else {
            continue;
        };
        let facts = merged_facts(&slot.facts, facts.clone());
        if slot.facts != facts {
            slot.facts = facts;
            if !changed.contains(&entry.id) {
                changed.push(entry.id.clone());
            }
        }
    }
    changed
}

/// `awards check --write`: writes the facts of every confirmed award into its entry's file
/// (canonical form, atomically); returns the ids of the entries written.
pub fn write_checked_facts(
    area: &crate::TempArea,
    root: &std::path::Path,
    entries: &[Entry],
    report: &Report,
    awards: &[AwardRef],
) -> crate::error::Result<Vec<String>> {
    let mut entries = entries.to_vec();
    let mut written = Vec::new();
    for id in write_facts(&mut entries, report, awards) {
        if let Some(entry) = entries.iter().find(|e| e.id == id) {
            crate::write::write_entry(area, root, entry)?;
            written.push(id);
        }
    }
    Ok(written)
}

/// The report for a person: one line per award, its mismatches and changes below it.
pub fn human(report: &Report) -> String {
    let mut out = String::new();
    let esc = crate::escape_untrusted;
    for result in &report.awards {
        out.push_str(&format!(
            "{} claim {} award {} ({}): {}{}\n",
            esc(&result.company),
            esc(&result.claim),
            esc(&result.award),
            esc(&result.role),
            verdict_word(result.verdict),
            match (&result.detail, result.status) {
                (Some(detail), _) => format!(" ({})", esc(detail)),
                (None, Some(status)) if result.verdict != Verdict::Confirmed => {
                    format!(" (HTTP {status})")
                }
                _ => String::new(),
            }
        ));
        for m in &result.mismatches {
            out.push_str(&format!(
                "  {}: the dataset says {}, the record {}\n",
                esc(&m.test),
                esc(&m.expected),
                esc(&m.found)
            ));
        }
        for c in &result.changes {
            out.push_str(&format!(
                "  changed since the last run: {} {} -> {}\n",
                esc(&c.field),
                esc(&c.old),
                esc(&c.new)
            ));
        }
        if result.facts_differ {
            out.push_str("  the facts in the file differ from the record: `awards check --write` rewrites them\n");
        }
    }
    let s = &report.summary;
    out.push_str(&format!(
        "{} award(s): {} confirmed, {} mismatch, {} not found, {} unreachable; {} changed, {} with facts that differ from the record\n",
        report.awards.len(),
        s.confirmed,
        s.mismatch,
        s.not_found,
        s.unreachable,
        s.changed,
        s.facts_differ
    ));
    out
}

/// The report as a Markdown table, for the weekly issue and the review's comment: only the
/// awards that need a maintainer (not confirmed, changed, or facts that differ).
pub fn markdown(report: &Report) -> String {
    let md = |text: &str| crate::text::escape_markdown(&crate::escape_untrusted(text));
    let mut out = format!(
        "### Award records ({})\n\n{} confirmed, {} mismatch, {} not found, {} unreachable; {} changed\n",
        report.checked_on,
        report.summary.confirmed,
        report.summary.mismatch,
        report.summary.not_found,
        report.summary.unreachable,
        report.summary.changed
    );
    let needs: Vec<&AwardResult> = report
        .awards
        .iter()
        .filter(|r| r.verdict != Verdict::Confirmed || r.changed || r.facts_differ)
        .collect();
    if needs.is_empty() {
        return out;
    }
    out.push_str("\n| company | claim | award | verdict | what |\n| --- | --- | --- | --- | --- |\n");
    for r in needs {
        let mut what: Vec<String> = r
            .mismatches
            .iter()
            .map(|m| format!("{}: dataset {}, record {}", md(&m.test), md(&m.expected), md(&m.found)))
            .collect();
        what.extend(
            r.changes
                .iter()
                .map(|c| format!("changed {}: {} → {}", md(&c.field), md(&c.old), md(&c.new))),
        );
        if r.facts_differ {
            what.push("facts differ from the record".into());
        }
        if let Some(detail) = &r.detail {
            what.push(md(detail));
        }
        out.push_str(&format!(
            "| {} | {} | [{}]({}) | {} | {} |\n",
            md(&r.company),
            md(&r.claim),
            md(&r.award),
            r.url,
            verdict_word(r.verdict),
            what.join("; ").replace('|', "\\|")
        ));
    }
    out
}

fn verdict_word(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Confirmed => "confirmed",
        Verdict::Mismatch => "mismatch",
        Verdict::NotFound => "not-found",
        Verdict::Unreachable => "unreachable",
    }
}

/// The awards a change adds or changes since `rev` (the working tree against that revision):
/// what the dataset review checks. An award is selected when its entry file did not exist (or
/// did not read as an entry) at `rev`; when its claim (by id) did not hold it, or held it with
/// other fields; or when what the judgement reads besides the award changed: the claim's
/// agency, or the entry's UEI, name or aliases (then every award of the entry is selected).
pub fn changed_since(
    root: &std::path::Path,
    rev: &str,
    awards: Vec<AwardRef>,
) -> Result<Vec<AwardRef>, crate::Error> {
    let repo = crate::git::DatasetRepo::open(root)?;
    let base = repo.commit(rev)?;
    let changes = repo.changed_files(base, crate::git::Side::WorkingTree)?;
    // Each changed file's entry at `rev` (`None`: the file brings all its awards).
    let mut before: BTreeMap<String, Option<Entry>> = BTreeMap::new();
    for change in &changes {
        let Some(new_file) = &change.new_file else {
            continue;
        };
        let old = change
            .old_blob
            .and_then(|blob| repo.blob(blob, crate::dataset::MAX_ENTRY_FILE_SIZE).ok())
            .and_then(|bytes| Entry::from_json_bytes(&bytes).ok());
        before.insert(new_file.clone(), old);
    }
    Ok(awards
        .into_iter()
        .filter(|award| {
            let file = format!("{}/{}.json", crate::dataset::DATASET_DIR, award.company);
            match before.get(&file) {
                None => false,
                Some(None) => true,
                Some(Some(old)) => {
                    let mut names = vec![old.name.clone()];
                    names.extend(old.aliases().iter().cloned());
                    let uei = old.identifiers.as_ref().and_then(|i| i.uei.clone());
                    let claim = old.claims().iter().find(|c| c.id == award.claim);
                    names != award.names
                        || uei != award.uei
                        || claim.is_none_or(|claim| {
                            claim.agency.as_str() != award.agency
                                || !claim.awards.contains(&award.award)
                        })
                }
            }
        })
        .collect())
}
