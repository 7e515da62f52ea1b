//! An award record as the check reads it, from the API's answer
//! (`usaspending_api/api_contracts/contracts/v2/awards/award_id.md`) or a download's row.

use crate::model::{AwardAgency, AwardFacts, AwardPeriod, Date};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a record says, as the check reads it (from the API or a download row).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub recipient: Option<String>,
    pub recipient_uei: Option<String>,
    pub parent_recipient: Option<String>,
    pub parent_recipient_uei: Option<String>,
    pub awarding: RecordAgency,
    pub funding: RecordAgency,
    pub obligated: Option<serde_json::Number>,
    pub start: Option<String>,
    pub end: Option<String>,
}

/// An agency of a record: its top tier and sub-tier, names and codes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordAgency {
    pub toptier_name: Option<String>,
    pub toptier_code: Option<String>,
    pub subtier_name: Option<String>,
    pub subtier_code: Option<String>,
}

impl Record {
    /// Reads `GET /api/v2/awards/<id>/`'s answer. Every field may be null or missing; only a
    /// body that is not a JSON object is refused.
    pub fn from_api(body: &[u8]) -> Option<Record> {
        let value: serde_json::Value = serde_json::from_slice(body).ok()?;
        let text = |pointer: &str| {
            value
                .pointer(pointer)
                .and_then(serde_json::Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let agency = |which: &str| RecordAgency {
            toptier_name: text(&format!("/{which}/toptier_agency/name")),
            toptier_code: text(&format!("/{which}/toptier_agency/code")),
            subtier_name: text(&format!("/{which}/subtier_agency/name")),
            subtier_code: text(&format!("/{which}/subtier_agency/code")),
        };
        value.as_object()?;
        Some(Record {
            recipient: text("/recipient/recipient_name"),
            recipient_uei: text("/recipient/recipient_uei"),
            parent_recipient: text("/recipient/parent_recipient_name"),
            parent_recipient_uei: text("/recipient/parent_recipient_uei"),
            awarding: agency("awarding_agency"),
            funding: agency("funding_agency"),
            obligated: match value.get("total_obligation") {
                Some(serde_json::Value::Number(n)) => Some(n.clone()),
                _ => None,
            },
            // The code writes dates, the contract's example timestamps: the date is the
            // first ten characters either way.
            start: text("/period_of_performance/start_date").and_then(|d| day(&d)),
            end: text("/period_of_performance/end_date").and_then(|d| day(&d)),
        })
    }

    /// The facts `--write` copies into the award, read on `today`.
    pub fn facts(&self, today: Date) -> AwardFacts {
        let from = self.start.as_deref().and_then(Date::parse);
        let to = self.end.as_deref().and_then(Date::parse);
        AwardFacts {
            recipient: self.recipient.clone(),
            recipient_uei: self.recipient_uei.clone(),
            awarding_agency: (self.awarding.subtier_name.is_some()
                || self.awarding.subtier_code.is_some())
            .then(|| AwardAgency {
                name: self.awarding.subtier_name.clone(),
                code: self.awarding.subtier_code.clone(),
                unknown: crate::model::UnknownFields::new(),
            }),
            obligated: self.obligated.clone(),
            period: (from.is_some() || to.is_some()).then(|| AwardPeriod {
                from,
                to,
                unknown: crate::model::UnknownFields::new(),
            }),
            as_of: Some(today),
        }
    }

    /// What the state keeps to tell a changed record: obligation, end date, recipient,
    /// agency.
    pub(crate) fn tracked(&self) -> BTreeMap<String, String> {
        let mut tracked = BTreeMap::new();
        let mut put = |name: &str, value: Option<String>| {
            tracked.insert(name.to_owned(), value.unwrap_or_default());
        };
        put("obligated", self.obligated.as_ref().map(|n| n.to_string()));
        put("end", self.end.clone());
        put("recipient", self.recipient.clone());
        put("recipient_uei", self.recipient_uei.clone());
        put(
            "awarding_agency",
            self.awarding
                .subtier_code
                .clone()
                .or_else(|| self.awarding.subtier_name.clone()),
        );
        tracked
    }
}

/// `YYYY-MM-DD` from a date or a timestamp that starts with one.
fn day(text: &str) -> Option<String> {
    let day = text.get(..10)?;
    Date::parse(day).map(|d| d.to_string())
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_from_the_documented_shape_and_nulls() {
        let body = br#"{"generated_unique_award_id": "CONT_AWD_X1_ZZ01_-NONE-_-NONE-",
            "total_obligation": 61241.34,
            "recipient": {"recipient_name": "ACME WIDGETS INC", "recipient_uei": "ACMEWIDGET12",
                          "parent_recipient_name": null},
            "awarding_agency": {"toptier_agency": {"name": "Department of Homeland Security", "code": "070"},
                                "subtier_agency": {"name": "U.S. Immigration and Customs Enforcement", "code": "ZZ01"}},
            "funding_agency": null,
            "period_of_performance": {"start_date": "2016-06-24", "end_date": "2016-06-27 00:00:00",
                                      "last_modified_date": "2019-10-27"}}"#;
        let record = Record::from_api(body).unwrap();
        assert_eq!(record.recipient.as_deref(), Some("ACME WIDGETS INC"));
        assert_eq!(record.parent_recipient, None);
        assert_eq!(record.awarding.toptier_code.as_deref(), Some("070"));
        assert_eq!(record.funding, RecordAgency::default());
        assert_eq!(record.obligated.unwrap().to_string(), "61241.34");
        assert_eq!(record.end.as_deref(), Some("2016-06-27"));
        assert_eq!(Record::from_api(b"[1]"), None);
        assert_eq!(Record::from_api(b"not json"), None);
        assert_eq!(Record::from_api(b"{}"), Some(Record::default()));
    }
}
