//! USAspending's Prime Award Summaries download for contracts (a CSV, one row per award):
//! `awards check --from-file` reads it instead of the API, for maintainers who work from bulk
//! files. The column names are the download's own (`fedspendingtransparency/usaspending-api`,
//! `usaspending_api/download/v2/download_column_historical_lookups.py`,
//! `query_paths["award"]["d1"]`); columns are found by name, so their order and the many
//! columns not read here do not matter.

use super::record::{Record, RecordAgency};
use std::collections::BTreeMap;

/// The award's key column.
pub const KEY: &str = "contract_award_unique_key";

/// The columns read, besides the key.
const COLUMNS: [&str; 15] = [
    "total_obligated_amount",
    "period_of_performance_start_date",
    "period_of_performance_current_end_date",
    "awarding_agency_code",
    "awarding_agency_name",
    "awarding_sub_agency_code",
    "awarding_sub_agency_name",
    "funding_agency_code",
    "funding_agency_name",
    "funding_sub_agency_code",
    "funding_sub_agency_name",
    "recipient_uei",
    "recipient_name",
    "recipient_parent_uei",
    "recipient_parent_name",
];

/// Reads a download: each row's record by its award key. A file without the key column, or a
/// row that is not CSV, is an error that names the line.
pub fn read(bytes: &[u8]) -> Result<BTreeMap<String, Record>, String> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| format!("not a CSV file: {e}"))?
        .clone();
    let index = |name: &str| headers.iter().position(|h| h.trim() == name);
    let key = index(KEY).ok_or_else(|| {
        format!("no column {KEY}: not USAspending's Prime Award Summaries download for contracts")
    })?;
    let at: BTreeMap<&str, Option<usize>> = COLUMNS.iter().map(|c| (*c, index(c))).collect();
    let mut records = BTreeMap::new();
    for (n, row) in reader.records().enumerate() {
        let row = row.map_err(|e| format!("row {}: {e}", n + 2))?;
        let field = |name: &str| {
            at.get(name)
                .copied()
                .flatten()
                .and_then(|i| row.get(i))
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let Some(id) = row.get(key).map(str::trim).filter(|k| !k.is_empty()) else {
            continue;
        };
        let agency = |side: &str| RecordAgency {
            toptier_name: field(&format!("{side}_agency_name")),
            toptier_code: field(&format!("{side}_agency_code")),
            subtier_name: field(&format!("{side}_sub_agency_name")),
            subtier_code: field(&format!("{side}_sub_agency_code")),
        };
        let obligated = match field("total_obligated_amount") {
            Some(text) => Some(serde_json::from_str::<serde_json::Number>(&text).map_err(|_| {
                format!(
                    "row {}: total_obligated_amount {} is not a number",
                    n + 2,
                    crate::text::quoted(&text)
                )
            })?),
            None => None,
        };
        let day = |name: &str| field(name).and_then(|d| d.get(..10).map(str::to_owned));
        records.insert(
            id.to_owned(),
            Record {
                recipient: field("recipient_name"),
                recipient_uei: field("recipient_uei"),
                parent_recipient: field("recipient_parent_name"),
                parent_recipient_uei: field("recipient_parent_uei"),
                awarding: agency("awarding"),
                funding: agency("funding"),
                obligated,
                start: day("period_of_performance_start_date")
                    .filter(|d| crate::model::Date::parse(d).is_some()),
                end: day("period_of_performance_current_end_date")
                    .filter(|d| crate::model::Date::parse(d).is_some()),
            },
        );
    }
    Ok(records)
}

/// The largest download read (a year of one agency's contracts is a few hundred MB).
const FILE_LIMIT: u64 = 4 * 1024 * 1024 * 1024;

/// Reads the download at `path`: a regular file, bounded, then [`read`].
pub fn read_file(path: &std::path::Path) -> Result<BTreeMap<String, Record>, crate::Error> {
    let file = crate::checkout::read_regular_file(path, FILE_LIMIT).map_err(|source| {
        crate::Error::Unreadable {
            path: path.to_owned(),
            source,
        }
    })?;
    read(&file.bytes).map_err(|message| crate::Error::Config {
        path: path.to_owned(),
        message,
    })
}
