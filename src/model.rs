//! The typed model of a *valid* entry: what `Dataset::load`, the exports and the review of
//! valid entries read, and what a downstream Rust project deserializes a release's
//! `companies.json` into (`Vec<Entry>`, with serde alone).
//!
//! Field names are the JSON names, except `type` (Rust: `kind`) and `$schema` (Rust:
//! `schema`). Serializing an [`Entry`] with `serde_json::to_string_pretty` gives the canonical
//! form `icelist fmt` writes: the fields are declared in the canonical key order (the schema's property order), absent
//! optional fields stay absent, and an empty list stays an empty list.
//!
//! A reader built today reads every version-1 release: what a later version adds (an
//! optional field, a value of a closed set) is kept, never an error. Each object holds the
//! fields it does not know in `unknown` and writes them back after the known ones; each
//! closed set reads a value it does not know as `Unknown(text)` and writes the text back. The
//! model is not the judge of validity: the schema is, through the lint.
//!
//! The lint itself does not use this type: it must report on entries that fail the schema,
//! so its rules read the lenient document tree (`json::Node`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

pub mod award_id;
mod date;
mod redirect;

#[cfg(feature = "tool")]
pub(crate) use date::days_in_month;
pub use date::{Date, OutOfRange};
pub use redirect::{
    REDIRECTS_FILE_NAME, RESERVED_ID, Redirect, RedirectReason, Redirects, RedirectsReadError,
};

/// One company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The editor hint `"../schema/company.schema.json"`, kept so nothing is lost on a rewrite.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Stable key, equal to the file's stem; never changes.
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aliases: Option<Vec<String>>,
    pub industry: Vec<String>,
    /// ISO 3166-1 alpha-2 code of the headquarters' country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "whole_number"
    )]
    pub founded: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headquarters: Option<String>,
    /// `None`: the entry does not say; `Some(None)`: it says there is none (`null`);
    /// `Some(Some(name))`: the parent company.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "stated"
    )]
    pub parent_company: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<EntryStatus>,
    pub verification: Verification,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifiers: Option<Identifiers>,
    /// Exact host names the company operates (`salesforce.com`), for extensions and apps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domains: Option<Vec<String>>,
    pub boycott: Boycott,
    pub sections: Sections,
    /// The company's involvements, each citing its sources in its summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claims: Option<Vec<Claim>>,
    /// The record that the maintainers contacted the company and what it answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responses: Option<Vec<Response>>,
    pub sources: Vec<Source>,
    /// Fields this version of the model does not know (a later version-1 release may add
    /// optional fields), kept as read and written back after the known ones.
    #[serde(flatten, default, skip_serializing_if = "UnknownFields::is_empty")]
    pub unknown: UnknownFields,
}

/// Fields a reader of this version does not know, in the order they were read.
pub type UnknownFields = serde_json::Map<String, serde_json::Value>;

/// The canonical key order of every object of an entry, as a skeleton: an entry with every
/// field present, serialized (an array holds one item, the shape of its items). The field
/// declarations above are the one place the order is written; `fmt` takes it from here, so
/// it also orders entries that do not fit the model (unknown keys go after, as they came).
/// (The tool's build only: it keeps object keys in insertion order.)
#[cfg(feature = "tool")]
pub fn key_order() -> &'static serde_json::Value {
    static ORDER: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
    ORDER.get_or_init(|| {
        let text = || String::new();
        let day = Date::MIN;
        let every_field = Entry {
            unknown: crate::model::UnknownFields::new(),
            schema: Some(text()),
            id: text(),
            name: text(),
            aliases: Some(vec![text()]),
            industry: vec![text()],
            country: Some(text()),
            founded: Some(0),
            headquarters: Some(text()),
            parent_company: Some(Some(text())),
            status: Some(EntryStatus::Active),
            verification: Verification {
                unknown: crate::model::UnknownFields::new(),
                status: VerificationStatus::Verified,
                date: Some(day),
                notes: Some(text()),
            },
            identifiers: Some(Identifiers {
                unknown: crate::model::UnknownFields::new(),
                wikidata: Some(text()),
                lei: Some(text()),
                website: Some(text()),
                tickers: Some(vec![text()]),
                uei: Some(text()),
                cage: Some(text()),
                cik: Some(text()),
                opencorporates: Some(text()),
            }),
            domains: Some(vec![text()]),
            boycott: Boycott {
                unknown: crate::model::UnknownFields::new(),
                status: BoycottStatus::Listed,
                agencies: Some(vec![Agency::Ice]),
                since: Some(day),
                reason: Some(text()),
            },
            sections: Sections {
                unknown: crate::model::UnknownFields::new(),
                overview: text(),
                boycott: text(),
                background: Some(text()),
            },
            claims: Some(vec![Claim {
                unknown: crate::model::UnknownFields::new(),
                id: text(),
                agency: Agency::Ice,
                kind: ClaimKind::Other,
                summary: text(),
                period: Some(Period {
                    unknown: crate::model::UnknownFields::new(),
                    from: Some(PartialDate::Day(day)),
                    to: Some(PartialDate::Day(day)),
                }),
                status: ClaimStatus::Unstated,
                disputed_by: vec![text()],
                awards: vec![Award {
                    unknown: crate::model::UnknownFields::new(),
                    id: text(),
                    role: AwardRole::Via,
                    via: Some(text()),
                    facts: AwardFacts {
                        recipient: Some(text()),
                        recipient_uei: Some(text()),
                        awarding_agency: Some(AwardAgency {
                            unknown: crate::model::UnknownFields::new(),
                            name: Some(text()),
                            code: Some(text()),
                        }),
                        obligated: Some(serde_json::Number::from(1)),
                        period: Some(AwardPeriod {
                            unknown: crate::model::UnknownFields::new(),
                            from: Some(day),
                            to: Some(day),
                        }),
                        as_of: Some(day),
                    },
                }],
            }]),
            responses: Some(vec![Response {
                unknown: crate::model::UnknownFields::new(),
                id: text(),
                date: day,
                kind: ResponseKind::Reply,
                by: ResponseBy::Company,
                confirmed: Some(true),
                summary: Some(text()),
                url: Some(text()),
            }]),
            sources: vec![Source {
                unknown: crate::model::UnknownFields::new(),
                id: 1,
                title: text(),
                publisher: text(),
                kind: Some(SourceKind::Other),
                date: Some(PartialDate::Day(day)),
                url: Some(text()),
                archive_url: Some(text()),
                note: Some(text()),
                quotes: Some(vec![text()]),
            }],
        };
        serde_json::to_value(every_field).unwrap_or_default()
    })
}

/// Whether the company still operates.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum EntryStatus {
    Active,
    Defunct,
    Acquired,
    /// A value this version of the model does not know (a later version-1 release may add
    /// values), kept as written.
    #[serde(untagged)]
    Unknown(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    pub status: VerificationStatus,
    /// When the claims were last checked against their sources.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "full_date")]
    pub date: Option<Date>,
    /// Which claims are verified (required when partially verified).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Fields this version of the model does not know (a later version-1 release may add
    /// optional fields), kept as read and written back after the known ones.
    #[serde(flatten, default, skip_serializing_if = "UnknownFields::is_empty")]
    pub unknown: UnknownFields,
}

/// How far an entry's claims were checked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum VerificationStatus {
    Verified,
    PartiallyVerified,
    Unverified,
    /// A value this version of the model does not know (a later version-1 release may add
    /// values), kept as written.
    #[serde(untagged)]
    Unknown(String),
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identifiers {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lei: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tickers: Option<Vec<String>>,
    /// SAM.gov's Unique Entity ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uei: Option<String>,
    /// Commercial and Government Entity code (CAGE or NCAGE).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cage: Option<String>,
    /// The SEC's Central Index Key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cik: Option<String>,
    /// OpenCorporates' `jurisdiction/number`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opencorporates: Option<String>,
    /// Fields this version of the model does not know (a later version-1 release may add
    /// optional fields), kept as read and written back after the known ones.
    #[serde(flatten, default, skip_serializing_if = "UnknownFields::is_empty")]
    pub unknown: UnknownFields,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Boycott {
    pub status: BoycottStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agencies: Option<Vec<Agency>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "full_date")]
    pub since: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Fields this version of the model does not know (a later version-1 release may add
    /// optional fields), kept as read and written back after the known ones.
    #[serde(flatten, default, skip_serializing_if = "UnknownFields::is_empty")]
    pub unknown: UnknownFields,
}

/// Whether the company is on the boycott list.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum BoycottStatus {
    Listed,
    UnderReview,
    Delisted,
    /// A value this version of the model does not know (a later version-1 release may add
    /// values), kept as written.
    #[serde(untagged)]
    Unknown(String),
}

/// A DHS agency the company supports.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
#[non_exhaustive]
pub enum Agency {
    Dhs,
    Ice,
    Cbp,
    Uscis,
    /// A value this version of the model does not know (a later version-1 release may add
    /// values), kept as written.
    #[serde(untagged)]
    Unknown(String),
}

/// The prose, with citation markers `[n]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sections {
    pub overview: String,
    pub boycott: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<String>,
    /// Fields this version of the model does not know (a later version-1 release may add
    /// optional fields), kept as read and written back after the known ones.
    #[serde(flatten, default, skip_serializing_if = "UnknownFields::is_empty")]
    pub unknown: UnknownFields,
}

/// One involvement of the company with one agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    /// Unique within the entry and stable: the review and the changelog match claims by it.
    pub id: String,
    pub agency: Agency,
    pub kind: ClaimKind,
    /// What the company does or did, with citation markers `[n]`.
    pub summary: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    pub status: ClaimStatus,
    /// The ids of the entry's responses that dispute the claim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disputed_by: Vec<String>,
    /// Federal award records on USAspending.gov that evidence the claim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub awards: Vec<Award>,
    /// Fields this version of the model does not know (a later version-1 release may add
    /// optional fields), kept as read and written back after the known ones.
    #[serde(flatten, default, skip_serializing_if = "UnknownFields::is_empty")]
    pub unknown: UnknownFields,
}

/// A federal award record that evidences a claim. A person writes `id`, `role` and `via`;
/// the facts are the record's, written only by `icelist awards check --write`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Award {
    /// USAspending's generated unique award id (`CONT_AWD_…`, `CONT_IDV_…`).
    pub id: String,
    pub role: AwardRole,
    /// With [`AwardRole::Via`]: the recipient as the record files it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    #[serde(flatten)]
    pub facts: AwardFacts,
    /// Fields this version of the model does not know (a later version-1 release may add
    /// optional fields), kept as read and written back after the known ones.
    #[serde(flatten, default, skip_serializing_if = "UnknownFields::is_empty")]
    pub unknown: UnknownFields,
}

/// What an award record says, as read on `as_of`. Every field is empty until a check writes
/// them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwardFacts {
    /// The recipient's name as filed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_uei: Option<String>,
    /// The awarding sub-tier agency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awarding_agency: Option<AwardAgency>,
    /// The total obligation in US dollars, as the record writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub obligated: Option<serde_json::Number>,
    /// The period of performance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<AwardPeriod>,
    /// When the facts were read from the record.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "full_date")]
    pub as_of: Option<Date>,
}

impl AwardFacts {
    /// Whether any fact (other than `as_of`) is written.
    pub fn any(&self) -> bool {
        let AwardFacts {
            recipient,
            recipient_uei,
            awarding_agency,
            obligated,
            period,
            as_of: _,
        } = self;
        recipient.is_some()
            || recipient_uei.is_some()
            || awarding_agency.is_some()
            || obligated.is_some()
            || period.is_some()
    }
}

/// How the company stands to an award.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum AwardRole {
    /// The company is the recipient.
    Prime,
    /// The company holds a subaward under this prime award.
    Sub,
    /// Another party (named in `via`) is the recipient; the company operates under it.
    Via,
    /// A value this version of the model does not know, kept as written.
    #[serde(untagged)]
    Unknown(String),
}

impl AwardRole {
    pub fn as_str(&self) -> &str {
        match self {
            AwardRole::Prime => "prime",
            AwardRole::Sub => "sub",
            AwardRole::Via => "via",
            AwardRole::Unknown(other) => other,
        }
    }
}

/// An awarding sub-tier agency as the record names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwardAgency {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(flatten, default, skip_serializing_if = "UnknownFields::is_empty")]
    pub unknown: UnknownFields,
}

/// An award's period of performance (full dates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwardPeriod {
    #[serde(default, skip_serializing_if = "Option::is_none", with = "full_date")]
    pub from: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "full_date")]
    pub to: Option<Date>,
    #[serde(flatten, default, skip_serializing_if = "UnknownFields::is_empty")]
    pub unknown: UnknownFields,
}

/// When an involvement began and ended, as precisely as the sources say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<PartialDate>,
    /// Fields this version of the model does not know (a later version-1 release may add
    /// optional fields), kept as read and written back after the known ones.
    #[serde(flatten, default, skip_serializing_if = "UnknownFields::is_empty")]
    pub unknown: UnknownFields,
}

impl Period {
    /// The period's `from` and `to`, either absent when there is no period.
    pub fn bounds(period: Option<&Period>) -> (Option<PartialDate>, Option<PartialDate>) {
        period.map(|p| (p.from, p.to)).unwrap_or_default()
    }
}

/// What kind of involvement a claim is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ClaimKind {
    Detention,
    DeportationFlights,
    Surveillance,
    Software,
    Logistics,
    Staffing,
    Financing,
    Other,
    /// A value this version of the model does not know (a later version-1 release may add
    /// values), kept as written.
    #[serde(untagged)]
    Unknown(String),
}

/// Whether an involvement goes on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ClaimStatus {
    Current,
    Ended,
    /// The sources do not say (written `"unknown"`).
    #[serde(rename = "unknown")]
    Unstated,
    /// A value this version of the model does not know (a later version-1 release may add
    /// values), kept as written.
    #[serde(untagged)]
    Unknown(String),
}

/// One contact with the company, or one answer from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    /// Unique within the entry and stable: claims name it in `disputed_by`.
    pub id: String,
    #[serde(with = "required_full_date")]
    pub date: Date,
    pub kind: ResponseKind,
    pub by: ResponseBy,
    /// Whether a maintainer confirmed a response by the company through the company's own
    /// published channel (absent: not confirmed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed: Option<bool>,
    /// A reply's public statement, restated with citation markers `[n]`; for a contact, only
    /// the channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Where the company's statement is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Fields this version of the model does not know (a later version-1 release may add
    /// optional fields), kept as read and written back after the known ones.
    #[serde(flatten, default, skip_serializing_if = "UnknownFields::is_empty")]
    pub unknown: UnknownFields,
}

impl Response {
    /// Whether the record is the company's own word that no maintainer has confirmed yet.
    pub fn unconfirmed(&self) -> bool {
        self.by == ResponseBy::Company && self.confirmed != Some(true)
    }
}

/// What a response records.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ResponseKind {
    Contacted,
    Reply,
    NoReply,
    Declined,
    /// A value this version of the model does not know (a later version-1 release may add
    /// values), kept as written.
    #[serde(untagged)]
    Unknown(String),
}

/// Who made a response's record.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ResponseBy {
    Company,
    Maintainers,
    /// A value this version of the model does not know (a later version-1 release may add
    /// values), kept as written.
    #[serde(untagged)]
    Unknown(String),
}

/// One cited document; `id` is the number markers use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    #[serde(deserialize_with = "source_number")]
    pub id: u64,
    pub title: String,
    pub publisher: String,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SourceKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Short excerpts of the document the entry relies on, word for word.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quotes: Option<Vec<String>>,
    /// Fields this version of the model does not know (a later version-1 release may add
    /// optional fields), kept as read and written back after the known ones.
    #[serde(flatten, default, skip_serializing_if = "UnknownFields::is_empty")]
    pub unknown: UnknownFields,
}

/// What kind of document a source is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum SourceKind {
    Investigation,
    PressRelease,
    News,
    GovernmentRecord,
    ProcurementRecord,
    CourtRecord,
    CompanyFiling,
    Other,
    /// A value this version of the model does not know (a later version-1 release may add
    /// values), kept as written.
    #[serde(untagged)]
    Unknown(String),
}

/// A publication date as precise as the source gives it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
/// It serializes back exactly as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PartialDate {
    Year(i32),
    /// The year and the month (1–12).
    Month(i32, u8),
    Day(Date),
}

impl PartialDate {
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.split('-');
        let year = parts
            .next()
            .filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))?;
        let year: i32 = year.parse().ok()?;
        fn two_digits(s: &str) -> Option<&str> {
            (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
        }
        match (parts.next(), parts.next(), parts.next()) {
            (None, _, _) => Some(PartialDate::Year(year)),
            (Some(month), None, _) => {
                let month: u8 = two_digits(month)?.parse().ok()?;
                (1..=12)
                    .contains(&month)
                    .then_some(PartialDate::Month(year, month))
            }
            (Some(_), Some(day), None) => {
                two_digits(day)?;
                parse_date(text).map(PartialDate::Day)
            }
            _ => None,
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PartialDate::Year(year) => write!(f, "{year:04}"),
            PartialDate::Month(year, month) => write!(f, "{year:04}-{month:02}"),
            PartialDate::Day(date) => date.fmt(f),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        PartialDate::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{text:?} is not a date YYYY, YYYY-MM or YYYY-MM-DD"
            ))
        })
    }
}

/// Parses a full date `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<Date> {
    Date::parse(s)
}

/// A full date as `YYYY-MM-DD`.
pub fn format_date(date: Date) -> String {
    date.to_string()
}

/// Full dates as `YYYY-MM-DD`.
mod full_date {
    use super::Date;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(
        date: &Option<Date>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => serializer.collect_str(date),
            None => serializer.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Date>, D::Error> {
        let text = String::deserialize(deserializer)?;
        super::parse_date(&text)
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("{text:?} is not a date YYYY-MM-DD")))
    }
}

/// A required full date `YYYY-MM-DD`.
mod required_full_date {
    use super::Date;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(date)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        super::parse_date(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("{text:?} is not a date YYYY-MM-DD")))
    }
}

/// `"parent_company": null` is "stated: none", apart from an absent field.
fn stated<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(deserializer).map(Some)
}

/// A whole number, however it is spelled (`1999`, `1999.0`, `1.999e3`): JSON Schema counts
/// them all as the integer, and `integer-literal` reports the spelling.
fn whole_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    let number = serde_json::Number::deserialize(deserializer)?;
    crate::json::whole_number(&number)
        .map(Some)
        .ok_or_else(|| serde::de::Error::custom(format!("{number} is not a whole number")))
}

fn source_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    let number = serde_json::Number::deserialize(deserializer)?;
    crate::json::whole_number(&number)
        .and_then(|n| u64::try_from(n).ok())
        .ok_or_else(|| serde::de::Error::custom(format!("{number} is not a source number")))
}

/// The written name of each value of a closed set: for the model's enums, the JSON spelling
/// (the same strings serde writes); for others, the spelling of the file or message that
/// names them.
macro_rules! spelled_names {
    ($type:ty { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $type {
            /// Every value, in declaration order (for the model's enums, the schema's).
            pub const ALL: &'static [$type] = &[$(<$type>::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(<$type>::$variant => $name),+
                }
            }

            /// The value spelled exactly as written.
            pub fn parse(text: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == text)
            }
        }
    };
    // An open set of the model: the values this version knows, and `Unknown` for the text
    // of one it does not.
    (open $type:ty { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $type {
            /// Every value this version knows, in declaration order (the schema's).
            pub const ALL: &'static [$type] = &[$(<$type>::$variant),+];

            /// The value as written in JSON.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $name,)+
                    Self::Unknown(text) => text,
                }
            }

            /// A value this version knows, spelled exactly as written.
            pub fn parse(text: &str) -> Option<Self> {
                Self::ALL.iter().find(|v| v.as_str() == text).cloned()
            }

            /// Whether this version of the model knows the value.
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
        }
    };
}

#[cfg(feature = "tool")]
pub(crate) use spelled_names;

spelled_names!(open Agency { Dhs => "DHS", Ice => "ICE", Cbp => "CBP", Uscis => "USCIS" });
spelled_names!(open EntryStatus { Active => "active", Defunct => "defunct", Acquired => "acquired" });
spelled_names!(open VerificationStatus {
    Verified => "verified",
    PartiallyVerified => "partially-verified",
    Unverified => "unverified",
});
spelled_names!(open BoycottStatus {
    Listed => "listed",
    UnderReview => "under-review",
    Delisted => "delisted",
});
spelled_names!(open ClaimKind {
    Detention => "detention",
    DeportationFlights => "deportation-flights",
    Surveillance => "surveillance",
    Software => "software",
    Logistics => "logistics",
    Staffing => "staffing",
    Financing => "financing",
    Other => "other",
});
spelled_names!(open ClaimStatus { Current => "current", Ended => "ended", Unstated => "unknown" });
spelled_names!(open ResponseKind {
    Contacted => "contacted",
    Reply => "reply",
    NoReply => "no-reply",
    Declined => "declined",
});
spelled_names!(open ResponseBy { Company => "company", Maintainers => "maintainers" });
spelled_names!(open SourceKind {
    Investigation => "investigation",
    PressRelease => "press-release",
    News => "news",
    GovernmentRecord => "government-record",
    ProcurementRecord => "procurement-record",
    CourtRecord => "court-record",
    CompanyFiling => "company-filing",
    Other => "other",
});

/// Why a file's bytes are not an [`Entry`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EntryReadError {
    #[error("it is not valid UTF-8")]
    NotUtf8,
    /// The serde error, escaped for display.
    #[error("{0}")]
    DoesNotFit(String),
}

impl Entry {
    /// Reads an entry file's bytes (a byte order mark allowed, as the lint reads them).
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Entry, EntryReadError> {
        let decoded = crate::json::decode(bytes);
        let text = decoded.parse_text().ok_or(EntryReadError::NotUtf8)?;
        serde_json::from_str(text).map_err(|e| {
            EntryReadError::DoesNotFit(crate::untrusted::escape_untrusted(&e.to_string()))
        })
    }

    /// The canonical text of the entry: what `icelist fmt` writes.
    pub fn to_canonical_text(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Every agency of the boycott, in the entry's order.
    pub fn agencies(&self) -> &[Agency] {
        self.boycott.agencies.as_deref().unwrap_or(&[])
    }

    /// The aliases, in the entry's order.
    pub fn aliases(&self) -> &[String] {
        self.aliases.as_deref().unwrap_or(&[])
    }

    /// The claims, in the entry's order.
    pub fn claims(&self) -> &[Claim] {
        self.claims.as_deref().unwrap_or(&[])
    }

    /// The responses, in the entry's order.
    pub fn responses(&self) -> &[Response] {
        self.responses.as_deref().unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The model's key order (what `fmt` writes) and the schema's property order (what an
    /// editor shows) are the same order, at every level.
    #[cfg(feature = "tool")]
    #[test]
    fn the_key_order_is_the_schemas_property_order() {
        fn compare(shape: &serde_json::Value, schema: &serde_json::Value, at: &str) {
            if let Some(item) = shape.as_array().and_then(|a| a.first()) {
                compare(item, &schema["items"], at);
                return;
            }
            let Some(object) = shape.as_object() else {
                return;
            };
            let keys: Vec<&String> = object.keys().collect();
            let properties: Vec<&String> = schema["properties"]
                .as_object()
                .map(|p| p.keys().collect())
                .unwrap_or_default();
            assert_eq!(keys, properties, "at {at:?}");
            for (key, sub_shape) in object {
                compare(
                    sub_shape,
                    &schema["properties"][key],
                    &format!("{at}/{key}"),
                );
            }
        }
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/company.schema.json"),
        )
        .unwrap();
        let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
        compare(key_order(), &schema, "");
    }

    #[test]
    fn partial_dates_read_and_write_back_as_written() {
        for text in ["2018", "2018-03", "2018-03-06"] {
            let date = PartialDate::parse(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(date.to_string(), text);
        }
        for text in ["18", "2018-3", "2018-13", "2018-02-30", "2018-03-06-01", ""] {
            assert_eq!(PartialDate::parse(text), None, "{text}");
        }
    }

    #[test]
    fn the_bundled_entry_round_trips_in_canonical_form() {
        let text = include_str!("../dataset/salesforce.json");
        let entry: Entry = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(entry.to_canonical_text(), text);
        assert_eq!(entry.parent_company, Some(None));
        assert_eq!(entry.verification.status, VerificationStatus::Verified);
    }

    /// The names `as_str` gives are the names serde writes.
    #[test]
    fn closed_set_names_match_their_json() {
        let json = |v: &dyn erased::Named| v.json();
        for (value, name) in [
            (json(&EntryStatus::Acquired), EntryStatus::Acquired.as_str()),
            (
                json(&VerificationStatus::PartiallyVerified),
                VerificationStatus::PartiallyVerified.as_str(),
            ),
            (
                json(&BoycottStatus::UnderReview),
                BoycottStatus::UnderReview.as_str(),
            ),
            (json(&Agency::Uscis), Agency::Uscis.as_str()),
            (
                json(&SourceKind::GovernmentRecord),
                SourceKind::GovernmentRecord.as_str(),
            ),
        ] {
            assert_eq!(value, format!("\"{name}\""));
        }
    }

    mod erased {
        pub trait Named {
            fn json(&self) -> String;
        }
        impl<T: serde::Serialize> Named for T {
            fn json(&self) -> String {
                serde_json::to_string(self).unwrap_or_default()
            }
        }
    }

    #[test]
    fn whole_numbers_in_any_spelling_are_integers() {
        let source: Source = serde_json::from_str(r#"{"id": 2e0, "title": "t", "publisher": "p"}"#)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(source.id, 2);
        assert!(
            serde_json::from_str::<Source>(r#"{"id": 2.5, "title": "t", "publisher": "p"}"#)
                .is_err()
        );
    }
}
