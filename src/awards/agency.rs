//! Whether a record's awarding or funding agency is a claim's agency.
//!
//! USAspending names agencies by a three-digit top-tier code and a four-character sub-tier
//! code, loaded at run time from its `agency_codes.csv` (`usaspending_api/settings.py`,
//! `AGENCY_DOWNLOAD_URL`); the repository holds no DHS sub-tier row. So a claim's component is
//! matched by the sub-tier's *name*, read for its distinctive words (with or without "U.S."),
//! and DHS by its top-tier code `070` (`api_contracts/contracts/v2/references/filter_tree/tas.md`:
//! "Department of Homeland Security (DHS)") or name. The sub-tier name "U.S. Citizenship and
//! Immigration Services" appears in `api_contracts/contracts/v2/search/spending_by_transaction.md`.

use super::record::{Record, RecordAgency};
use super::names::normalized;

/// The top-tier code of the Department of Homeland Security.
pub const DHS_TOPTIER_CODE: &str = "070";

/// The words of each component's name, as normalised.
const COMPONENTS: &[(&str, &str)] = &[
    ("ICE", "immigration and customs enforcement"),
    ("CBP", "customs and border protection"),
    ("USCIS", "citizenship and immigration services"),
];

/// Whether the record's awarding or funding agency is `agency` (a claim's: `DHS`, `ICE`,
/// `CBP`, `USCIS`).
pub fn record_is_of(agency: &str, record: &Record) -> bool {
    [&record.awarding, &record.funding]
        .into_iter()
        .any(|side| agency_is(agency, side))
}

fn agency_is(agency: &str, side: &RecordAgency) -> bool {
    if agency == "DHS" {
        return side.toptier_code.as_deref() == Some(DHS_TOPTIER_CODE)
            || side
                .toptier_name
                .as_deref()
                .is_some_and(|name| normalized(name) == "department of homeland security");
    }
    let Some((_, words)) = COMPONENTS.iter().find(|(code, _)| *code == agency) else {
        return false;
    };
    side.subtier_name
        .as_deref()
        .is_some_and(|name| contains_words(&normalized(name), words))
}

/// Whether `words` appear in `text` as whole words.
fn contains_words(text: &str, words: &str) -> bool {
    format!(" {text} ").contains(&format!(" {words} "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(awarding: (&str, &str, &str), funding: Option<(&str, &str, &str)>) -> Record {
        let side = |(top, code, sub): (&str, &str, &str)| RecordAgency {
            toptier_name: Some(top.into()),
            toptier_code: Some(code.into()),
            subtier_name: Some(sub.into()),
            subtier_code: None,
        };
        Record {
            awarding: side(awarding),
            funding: funding.map(side).unwrap_or_default(),
            ..Record::default()
        }
    }

    #[test]
    fn components_by_name_and_dhs_by_code() {
        let dhs = "Department of Homeland Security";
        let ice = record((dhs, "070", "U.S. Immigration and Customs Enforcement"), None);
        assert!(record_is_of("ICE", &ice));
        assert!(record_is_of("DHS", &ice));
        assert!(!record_is_of("CBP", &ice));
        // Bought by a DHS procurement office, funded by CBP.
        let bought = record(
            (dhs, "070", "Office of Procurement Operations"),
            Some((dhs, "070", "U.S. Customs and Border Protection")),
        );
        assert!(record_is_of("CBP", &bought));
        assert!(!record_is_of("ICE", &bought));
        let gsa = record(("General Services Administration", "047", "Federal Acquisition Service"), None);
        assert!(!record_is_of("DHS", &gsa));
        assert!(!record_is_of("USCIS", &gsa));
        assert!(!record_is_of("FBI", &ice));
        assert!(!record_is_of("ICE", &Record::default()));
    }
}
