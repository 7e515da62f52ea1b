//! USAspending's generated unique award id, for contracts (part of the model, so that a
//! consumer of the light library can read an award's id too): the key `GET /api/v2/awards/<id>/`
//! looks up, matched exactly.
//!
//! The grammar is the Data Broker's, which builds the key and hands it to USAspending
//! (`usaspending_api/awards/models/award.py`, DEV-2504: the key is the Broker's
//! `unique_award_key`; `fedspendingtransparency/data-act-broker-backend`,
//! `dataactcore/scripts/pipeline/pull_fpds_data.py`, `calculate_remaining_fields`):
//! - a contract award: `CONT_AWD_<PIID>_<agency>_<parent award PIID>_<parent award agency>`;
//! - an indefinite-delivery vehicle: `CONT_IDV_<PIID>_<agency>`;
//!
//! the parts joined with `_`, a missing part written `-none-`, and the whole upper-cased (so
//! `-NONE-`). `<agency>` is the contracting office's four-character sub-tier code from FPDS
//! (`awardContractID/agencyID`), often not the agency that funds the work (a DHS procurement
//! office or GSA buys for ICE): offline, only its form is checked. Examples from the API's own
//! contracts: `CONT_AWD_N0001917C0001_9700_-NONE-_-NONE-`
//! (`api_contracts/contracts/v2/awards/accounts.md`), `CONT_IDV_SPE2DX16D1500_9700`.
//!
//! Assistance awards (`ASST_NON_…`, `ASST_AGG_…`: grants, loans) are not contracts and are not
//! read here.

use std::fmt;

/// The longest PIID read: FPDS's field holds 50 characters.
const MAX_PIID: usize = 50;

/// What a missing part is written as.
const NONE: &str = "-NONE-";

/// An award id that follows the grammar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardId<'a> {
    pub kind: AwardKind,
    pub piid: &'a str,
    /// The contracting office's sub-tier code.
    pub agency: &'a str,
    /// For a contract award: the PIID and agency of the vehicle it was ordered under.
    pub parent: Option<(&'a str, &'a str)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AwardKind {
    /// `CONT_AWD_`: a definitive contract, purchase order, or an order under a vehicle.
    Contract,
    /// `CONT_IDV_`: an indefinite-delivery vehicle.
    Vehicle,
}

/// Why an id breaks the grammar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdProblem {
    /// Written in lower case: the API matches ids exactly, as upper case.
    LowerCase { upper: String },
    /// An assistance award (`ASST_…`), not a contract.
    Assistance,
    /// Another prefix.
    Prefix,
    /// Not the number of parts the prefix has.
    Parts { expected: usize, found: usize },
    /// A PIID that is empty, too long or holds other than letters, digits and `-`.
    Piid(String),
    /// An agency code that is not four letters or digits.
    Agency(String),
}

impl fmt::Display for IdProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdProblem::LowerCase { upper } => write!(
                f,
                "USAspending writes award ids in upper case and matches them exactly: write {upper:?}"
            ),
            IdProblem::Assistance => f.write_str(
                "an assistance award (ASST_…: a grant or a loan), not a contract: only contract awards (CONT_AWD_…, CONT_IDV_…) are read",
            ),
            IdProblem::Prefix => f.write_str(
                "an award id starts with CONT_AWD_ (a contract) or CONT_IDV_ (an indefinite-delivery vehicle)",
            ),
            IdProblem::Parts { expected, found } => write!(
                f,
                "it has {found} part(s) after the prefix where {expected} are expected (a missing part is written -NONE-)"
            ),
            IdProblem::Piid(piid) => write!(
                f,
                "the PIID {piid:?} is not 1 to {MAX_PIID} letters, digits and dashes"
            ),
            IdProblem::Agency(code) => write!(
                f,
                "the agency code {code:?} is not a four-character sub-tier code (letters and digits)"
            ),
        }
    }
}

impl<'a> AwardId<'a> {
    /// Reads an award id, or says which part of the grammar it breaks.
    pub fn parse(text: &'a str) -> Result<Self, IdProblem> {
        let upper = text.to_ascii_uppercase();
        if upper != text && AwardId::parse(&upper).is_ok() {
            return Err(IdProblem::LowerCase { upper });
        }
        let (kind, rest) = if let Some(rest) = text.strip_prefix("CONT_AWD_") {
            (AwardKind::Contract, rest)
        } else if let Some(rest) = text.strip_prefix("CONT_IDV_") {
            (AwardKind::Vehicle, rest)
        } else if text.starts_with("ASST_") {
            return Err(IdProblem::Assistance);
        } else {
            return Err(IdProblem::Prefix);
        };
        let parts: Vec<&str> = rest.split('_').collect();
        let expected = match kind {
            AwardKind::Contract => 4,
            AwardKind::Vehicle => 2,
        };
        if parts.len() != expected {
            return Err(IdProblem::Parts {
                expected,
                found: parts.len(),
            });
        }
        let piid = |part: &'a str, missing_allowed: bool| {
            let plain = !part.is_empty()
                && part.len() <= MAX_PIID
                && part
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-');
            if (plain && part != NONE) || (missing_allowed && part == NONE) {
                Ok(part)
            } else {
                Err(IdProblem::Piid(part.to_owned()))
            }
        };
        let agency = |part: &'a str, missing_allowed: bool| {
            let code = part.len() == 4
                && part
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
            if code || (missing_allowed && part == NONE) {
                Ok(part)
            } else {
                Err(IdProblem::Agency(part.to_owned()))
            }
        };
        let (Some(&own_piid), Some(&own_agency)) = (parts.first(), parts.get(1)) else {
            return Err(IdProblem::Parts {
                expected,
                found: parts.len(),
            });
        };
        let id = AwardId {
            kind,
            piid: piid(own_piid, false)?,
            agency: agency(own_agency, false)?,
            parent: None,
        };
        match (kind, parts.get(2), parts.get(3)) {
            (AwardKind::Contract, Some(&parent_piid), Some(&parent_agency)) => {
                let parent = (piid(parent_piid, true)?, agency(parent_agency, true)?);
                if (parent.0 == NONE) != (parent.1 == NONE) {
                    // A vehicle has both a PIID and an agency, or there is none: the agency
                    // is what does not fit the PIID.
                    return Err(IdProblem::Agency(parent.1.to_owned()));
                }
                Ok(AwardId {
                    parent: (parent.0 != NONE).then_some(parent),
                    ..id
                })
            }
            _ => Ok(id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_api_contracts_examples_read() {
        let award = AwardId::parse("CONT_AWD_N0001917C0001_9700_-NONE-_-NONE-").unwrap();
        assert_eq!(award.kind, AwardKind::Contract);
        assert_eq!(
            (award.piid, award.agency, award.parent),
            ("N0001917C0001", "9700", None)
        );
        let order = AwardId::parse("CONT_AWD_H907_9700_SPE2DX16D1500_9700").unwrap();
        assert_eq!(order.parent, Some(("SPE2DX16D1500", "9700")));
        let vehicle = AwardId::parse("CONT_IDV_SPE2DX16D1500_9700").unwrap();
        assert_eq!(vehicle.kind, AwardKind::Vehicle);
        assert_eq!(
            AwardId::parse("CONT_AWD_ACME0001_97AS_-NONE-_-NONE-")
                .unwrap()
                .agency,
            "97AS"
        );
    }

    #[test]
    fn each_break_of_the_grammar_is_named() {
        let problem = |id: &str| AwardId::parse(id).unwrap_err();
        assert_eq!(
            problem("cont_awd_n0001917c0001_9700_-none-_-none-"),
            IdProblem::LowerCase {
                upper: "CONT_AWD_N0001917C0001_9700_-NONE-_-NONE-".into()
            }
        );
        assert_eq!(
            problem("ASST_NON_12FA00PY54661041_12D2"),
            IdProblem::Assistance
        );
        assert_eq!(problem("N0001917C0001"), IdProblem::Prefix);
        assert_eq!(
            problem("CONT_AWD_N0001917C0001_9700"),
            IdProblem::Parts {
                expected: 4,
                found: 2
            }
        );
        assert_eq!(
            problem("CONT_IDV_A_9700_-NONE-_-NONE-"),
            IdProblem::Parts {
                expected: 2,
                found: 4
            }
        );
        assert_eq!(problem("CONT_IDV__9700"), IdProblem::Piid(String::new()));
        assert_eq!(problem("CONT_IDV_A B_9700"), IdProblem::Piid("A B".into()));
        assert_eq!(
            problem("CONT_IDV_-NONE-_9700"),
            IdProblem::Piid("-NONE-".into())
        );
        assert_eq!(
            problem("CONT_IDV_AB12_970"),
            IdProblem::Agency("970".into())
        );
        assert_eq!(
            problem("CONT_AWD_AB12_9700_-NONE-_9700"),
            IdProblem::Agency("9700".into())
        );
        assert_eq!(
            problem("CONT_AWD_AB12_9700_XY34_-NONE-"),
            IdProblem::Agency("-NONE-".into())
        );
        assert_eq!(
            problem(&format!("CONT_IDV_{}_9700", "A".repeat(51))),
            IdProblem::Piid("A".repeat(51))
        );
        // A lower-case id that would not read in upper case either is reported for what breaks.
        assert_eq!(problem("cont_awd_x"), IdProblem::Prefix);
        // Nothing panics on any text.
        for text in [
            "",
            "_",
            "CONT_AWD_",
            "CONT_AWD_____",
            "CONT_IDV_é_9700",
            "ＣＯＮＴ_AWD_A_B_C_D",
        ] {
            assert!(AwardId::parse(text).is_err(), "{text}");
        }
    }
}
