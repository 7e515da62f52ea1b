//! `icelist awards find`: candidate awards of a recipient, for a maintainer to cite. It never
//! writes.
//!
//! `POST /api/v2/search/spending_by_award/` (`usaspending_api/api_contracts/contracts/v2/
//! search/spending_by_award.md`; `usaspending_api/search/v2/views/spending_by_award.py`):
//! `filters.award_type_codes` is required and may hold codes of one group only (contracts
//! `A`, `B`, `C`, `D`; vehicles `IDV_A` … `IDV_E`, `usaspending_api/awards/v2/lookups/
//! lookups.py`; a mix is refused with 422), so contracts and vehicles are two searches.
//! `recipient_search_text` matches a name or a UEI; `time_period` takes
//! `{start_date, end_date}`; `limit` is 1 to 100; each row carries `generated_internal_id`,
//! the award's generated unique id. The agency is filtered here, on the rows' awarding and
//! funding sub-agencies, with the same test as `awards check` (the API's agency filter takes
//! names this tool does not guess).

use super::check::CheckOptions;
use super::record::{Record, RecordAgency};
use crate::sources::Waits;
use crate::sources::fetch::{Answer, Fetch};
use serde::{Deserialize, Serialize};
use std::sync::Mutex;

/// Contract award type codes (`lookups.py`).
const CONTRACT_TYPES: [&str; 4] = ["A", "B", "C", "D"];
/// Indefinite-delivery vehicle type codes (`lookups.py`).
const VEHICLE_TYPES: [&str; 8] = [
    "IDV_A", "IDV_B", "IDV_B_A", "IDV_B_B", "IDV_B_C", "IDV_C", "IDV_D", "IDV_E",
];

/// The most pages read per search (100 rows a page).
const MAX_PAGES: u32 = 10;

/// What to search for.
#[derive(Debug, Clone)]
pub struct Query {
    /// A recipient's name or UEI.
    pub recipient: String,
    /// A claim's agency (`DHS`, `ICE`, `CBP`, `USCIS`), when given.
    pub agency: Option<String>,
    /// `YYYY-MM-DD`: awards with activity since.
    pub since: Option<String>,
}

/// One candidate award.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub id: String,
    pub recipient: Option<String>,
    pub recipient_uei: Option<String>,
    pub awarding_agency: Option<String>,
    pub funding_agency: Option<String>,
    pub obligated: Option<serde_json::Number>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub description: Option<String>,
    pub url: String,
}

/// Searches contracts, then vehicles; the candidates in the API's order.
pub fn find(
    query: &Query,
    fetcher: &dyn Fetch,
    waits: &dyn Waits,
    options: &CheckOptions,
) -> Result<Vec<Candidate>, String> {
    let url = format!(
        "{}/api/v2/search/spending_by_award/",
        options.api_base.trim_end_matches('/')
    );
    let next_start = Mutex::new(waits.now());
    let mut found = Vec::new();
    for (types, has_end) in [(&CONTRACT_TYPES[..], true), (&VEHICLE_TYPES[..], false)] {
        let mut fields = vec![
            "Award ID",
            "Recipient Name",
            "Recipient UEI",
            "Awarding Agency",
            "Awarding Sub Agency",
            "Funding Agency",
            "Funding Sub Agency",
            "Award Amount",
            "Start Date",
            "Description",
        ];
        if has_end {
            fields.push("End Date");
        }
        let mut filters = serde_json::json!({
            "award_type_codes": types,
            "recipient_search_text": [query.recipient],
        });
        if let Some(since) = &query.since {
            filters["time_period"] = serde_json::json!([
                {"start_date": since, "end_date": options.today.to_string()}
            ]);
        }
        for page in 1..=MAX_PAGES {
            let body = serde_json::json!({
                "filters": filters,
                "fields": fields,
                "page": page,
                "limit": 100,
                "sort": "Award Amount",
                "order": "desc",
            })
            .to_string();
            crate::sources::wait_turn(&next_start, waits, options.interval);
            let answer = fetcher.post_json(&url, &body);
            let Answer::Status {
                status: 200, body, ..
            } = answer
            else {
                return Err(match answer {
                    Answer::Status { status, body, .. } => format!(
                        "the search answered HTTP {status}: {}",
                        crate::escape_untrusted(&String::from_utf8_lossy(
                            body.get(..300).unwrap_or(&body)
                        ))
                    ),
                    Answer::Timeout => "the search timed out".into(),
                    Answer::NotPublic => "not a public address: not fetched (--allow-private-addresses for a test server)".into(),
                    Answer::Invalid(why) => why,
                });
            };
            let value: serde_json::Value = serde_json::from_slice(&body)
                .map_err(|e| format!("the search's answer is not JSON: {e}"))?;
            let rows = value
                .get("results")
                .and_then(serde_json::Value::as_array)
                .ok_or("the search's answer has no results list")?;
            for row in rows {
                if let Some(candidate) = candidate(row)
                    && query
                        .agency
                        .as_deref()
                        .is_none_or(|agency| candidate_is_of(agency, row))
                {
                    found.push(candidate);
                }
            }
            let more = value
                .pointer("/page_metadata/hasNext")
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(false);
            if !more {
                break;
            }
        }
    }
    Ok(found)
}

fn text(row: &serde_json::Value, field: &str) -> Option<String> {
    row.get(field)
        .and_then(serde_json::Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn candidate(row: &serde_json::Value) -> Option<Candidate> {
    let id = text(row, "generated_internal_id")?;
    Some(Candidate {
        url: super::award_page(&id),
        id,
        recipient: text(row, "Recipient Name"),
        recipient_uei: text(row, "Recipient UEI"),
        awarding_agency: text(row, "Awarding Sub Agency").or_else(|| text(row, "Awarding Agency")),
        funding_agency: text(row, "Funding Sub Agency").or_else(|| text(row, "Funding Agency")),
        obligated: match row.get("Award Amount") {
            Some(serde_json::Value::Number(n)) => Some(n.clone()),
            _ => None,
        },
        from: text(row, "Start Date"),
        to: text(row, "End Date"),
        description: text(row, "Description"),
    })
}

/// Whether a row's awarding or funding agency is `agency`, as `awards check` judges it.
fn candidate_is_of(agency: &str, row: &serde_json::Value) -> bool {
    let side = |top: &str, sub: &str| RecordAgency {
        toptier_name: text(row, top),
        toptier_code: None,
        subtier_name: text(row, sub),
        subtier_code: None,
    };
    let record = Record {
        awarding: side("Awarding Agency", "Awarding Sub Agency"),
        funding: side("Funding Agency", "Funding Sub Agency"),
        ..Record::default()
    };
    super::agency::record_is_of(agency, &record)
}

/// The candidates for a person.
pub fn human(candidates: &[Candidate]) -> String {
    let esc = crate::escape_untrusted;
    let mut out = String::new();
    for c in candidates {
        let or = |v: &Option<String>| v.as_deref().map(esc).unwrap_or_else(|| "?".into());
        out.push_str(&format!(
            "{}\n  recipient: {} (UEI {})\n  awarding: {}; funding: {}\n  obligated: {} USD; {} to {}\n  {}\n  {}\n",
            esc(&c.id),
            or(&c.recipient),
            or(&c.recipient_uei),
            or(&c.awarding_agency),
            or(&c.funding_agency),
            c.obligated.as_ref().map_or_else(|| "?".into(), ToString::to_string),
            or(&c.from),
            or(&c.to),
            or(&c.description),
            c.url
        ));
    }
    out.push_str(&format!("{} candidate award(s)\n", candidates.len()));
    out
}
