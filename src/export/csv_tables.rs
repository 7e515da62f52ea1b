//! `companies.csv`, `sources.csv`, `claims.csv`, `awards.csv` and `responses.csv`: RFC 4180,
//! UTF-8, a header row, via the `csv` crate.
//!
//! A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'`
//! so that a spreadsheet shows it as text instead of running it as a formula (CSV injection).

use super::{joined, write_error};
use crate::error::Result;
use crate::model::{Boycott, Entry, Source, Verification, format_date as full_date};
use std::path::{Path, PathBuf};

/// `companies.csv`. `first_seen` and `last_changed` come from the git history (`history.json`),
/// empty when the build has none.
pub(super) const COMPANY_COLUMNS: [&str; 25] = [
    "id",
    "name",
    "aliases",
    "industry",
    "country",
    "founded",
    "headquarters",
    "parent_company",
    "status",
    "verification_status",
    "verification_date",
    "boycott_status",
    "boycott_agencies",
    "source_count",
    "domains",
    "wikidata",
    "lei",
    "website",
    "tickers",
    "uei",
    "cage",
    "cik",
    "opencorporates",
    "first_seen",
    "last_changed",
];

pub(super) const SOURCE_COLUMNS: [&str; 9] = [
    "company_id",
    "source_id",
    "title",
    "publisher",
    "type",
    "date",
    "url",
    "archive_url",
    "quotes",
];

/// `awards.csv`: one row per award of a claim; the facts are the record's as of `as_of`.
pub(super) const AWARD_COLUMNS: [&str; 11] = [
    "company_id",
    "claim_id",
    "award_id",
    "role",
    "recipient",
    "recipient_uei",
    "agency",
    "obligated",
    "from",
    "to",
    "as_of",
];

/// `responses.csv`: one row per response; `disputes` lists the claims that name it in their
/// `disputed_by`, and `confirmed` is `false` for a company's word no maintainer confirmed.
pub(super) const RESPONSE_COLUMNS: [&str; 9] = [
    "company_id",
    "response_id",
    "date",
    "kind",
    "by",
    "confirmed",
    "summary",
    "url",
    "disputes",
];

pub(super) const CLAIM_COLUMNS: [&str; 9] = [
    "company_id",
    "claim_id",
    "agency",
    "kind",
    "status",
    "from",
    "to",
    "tier",
    "source_ids",
];

/// Neutralizes a cell that a spreadsheet would read as a formula. Spreadsheets skip leading
/// spaces (and some skip other whitespace and control characters) before deciding, so the
/// first character that counts is the first one after those.
pub(super) fn neutralize(cell: &str) -> std::borrow::Cow<'_, str> {
    let significant = cell.trim_start_matches(|c: char| c.is_whitespace() || c.is_control());
    let starts_formula = significant.starts_with(['=', '+', '-', '@']);
    let starts_control = cell.starts_with(['\t', '\r', '\n']);
    if starts_formula || starts_control {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

pub(crate) struct CsvTables {
    companies: csv::Writer<std::fs::File>,
    sources: csv::Writer<std::fs::File>,
    claims: csv::Writer<std::fs::File>,
    awards: csv::Writer<std::fs::File>,
    responses: csv::Writer<std::fs::File>,
    companies_path: PathBuf,
    sources_path: PathBuf,
    claims_path: PathBuf,
    awards_path: PathBuf,
    responses_path: PathBuf,
}

impl CsvTables {
    pub(super) fn create(dir: &Path) -> Result<Self> {
        let companies_path = dir.join("companies.csv");
        let sources_path = dir.join("sources.csv");
        let claims_path = dir.join("claims.csv");
        let awards_path = dir.join("awards.csv");
        let responses_path = dir.join("responses.csv");
        let open = |path: &Path| -> Result<csv::Writer<std::fs::File>> {
            let file = std::fs::File::create(path).map_err(write_error(path))?;
            Ok(csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(file))
        };
        let mut tables = CsvTables {
            companies: open(&companies_path)?,
            sources: open(&sources_path)?,
            claims: open(&claims_path)?,
            awards: open(&awards_path)?,
            responses: open(&responses_path)?,
            companies_path,
            sources_path,
            claims_path,
            awards_path,
            responses_path,
        };
        tables
            .companies
            .write_record(COMPANY_COLUMNS)
            .map_err(|e| csv_error(&tables.companies_path, e))?;
        tables
            .sources
            .write_record(SOURCE_COLUMNS)
            .map_err(|e| csv_error(&tables.sources_path, e))?;
        tables
            .claims
            .write_record(CLAIM_COLUMNS)
            .map_err(|e| csv_error(&tables.claims_path, e))?;
        tables
            .awards
            .write_record(AWARD_COLUMNS)
            .map_err(|e| csv_error(&tables.awards_path, e))?;
        tables
            .responses
            .write_record(RESPONSE_COLUMNS)
            .map_err(|e| csv_error(&tables.responses_path, e))?;
        Ok(tables)
    }

    /// One row in `companies.csv`, one per source in `sources.csv`, one per claim in
    /// `claims.csv`, one per award in `awards.csv` and one per response in `responses.csv`. The
    /// entry is taken apart field by field (no `..`): a new field does not compile until it is
    /// placed here or named as left out.
    pub(super) fn add(
        &mut self,
        entry: &Entry,
        history: Option<&crate::history::EntryHistory>,
    ) -> Result<()> {
        let Entry {
            unknown: _,
            schema: _,
            id,
            name,
            aliases,
            industry,
            country,
            founded,
            headquarters,
            parent_company,
            status,
            verification:
                Verification {
                    unknown: _,
                    status: verification_status,
                    date: verification_date,
                    notes: _,
                },
            identifiers,
            domains,
            boycott:
                Boycott {
                    unknown: _,
                    status: boycott_status,
                    agencies,
                    since: _,
                    reason: _,
                },
            sections: _,
            claims,
            responses,
            sources,
        } = entry;
        let no_identifiers = crate::model::Identifiers::default();
        let crate::model::Identifiers {
            unknown: _,
            wikidata,
            lei,
            website,
            tickers,
            uei,
            cage,
            cik,
            opencorporates,
        } = identifiers.as_ref().unwrap_or(&no_identifiers);
        let row: [String; 25] = [
            id.clone(),
            name.clone(),
            joined(aliases.iter().flatten()),
            joined(industry),
            country.clone().unwrap_or_default(),
            founded.map(|y| y.to_string()).unwrap_or_default(),
            headquarters.clone().unwrap_or_default(),
            parent_company.clone().flatten().unwrap_or_default(),
            status
                .as_ref()
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
            verification_status.as_str().to_owned(),
            verification_date.map(full_date).unwrap_or_default(),
            boycott_status.as_str().to_owned(),
            joined(agencies.iter().flatten().map(|a| a.as_str())),
            sources.len().to_string(),
            joined(domains.iter().flatten()),
            wikidata.clone().unwrap_or_default(),
            lei.clone().unwrap_or_default(),
            website.clone().unwrap_or_default(),
            joined(tickers.iter().flatten()),
            uei.clone().unwrap_or_default(),
            cage.clone().unwrap_or_default(),
            cik.clone().unwrap_or_default(),
            opencorporates.clone().unwrap_or_default(),
            history.map(|h| h.first_seen.clone()).unwrap_or_default(),
            history.map(|h| h.last_changed.clone()).unwrap_or_default(),
        ];
        self.companies
            .write_record(row.iter().map(|c| neutralize(c).into_owned()))
            .map_err(|e| csv_error(&self.companies_path, e))?;
        for source in sources {
            let Source {
                unknown: _,
                id: number,
                title,
                publisher,
                kind,
                date,
                url,
                archive_url,
                note: _,
                quotes,
            } = source;
            let row = [
                id.clone(),
                number.to_string(),
                title.clone(),
                publisher.clone(),
                kind.as_ref()
                    .map(|k| k.as_str().to_owned())
                    .unwrap_or_default(),
                date.map(|d| d.to_string()).unwrap_or_default(),
                url.clone().unwrap_or_default(),
                archive_url.clone().unwrap_or_default(),
                // Quotes hold any punctuation: a JSON array keeps them apart exactly.
                quotes
                    .as_ref()
                    .map(|q| serde_json::to_string(q).unwrap_or_default())
                    .unwrap_or_default(),
            ];
            self.sources
                .write_record(row.iter().map(|c| neutralize(c).into_owned()))
                .map_err(|e| csv_error(&self.sources_path, e))?;
        }
        let tiers = crate::rules::evidence::claim_tiers(entry);
        for (claim, (tier, cited)) in claims.iter().flatten().zip(tiers) {
            let crate::model::Claim {
                unknown: _,
                id: claim_id,
                agency,
                kind,
                summary: _,
                period,
                status,
                // In responses.csv, as the claims each response disputes.
                disputed_by: _,
                awards,
            } = claim;
            let (from, to) = crate::model::Period::bounds(period.as_ref());
            let row = [
                id.clone(),
                claim_id.clone(),
                agency.as_str().to_owned(),
                kind.as_str().to_owned(),
                status.as_str().to_owned(),
                from.map(|d| d.to_string()).unwrap_or_default(),
                to.map(|d| d.to_string()).unwrap_or_default(),
                tier.map(|t| t.as_str().to_owned()).unwrap_or_default(),
                joined(cited.iter().map(u64::to_string)),
            ];
            self.claims
                .write_record(row.iter().map(|c| neutralize(c).into_owned()))
                .map_err(|e| csv_error(&self.claims_path, e))?;
            for award in awards {
                let row = award_row(id, claim_id, award);
                self.awards
                    .write_record(row.iter().map(|c| neutralize(c).into_owned()))
                    .map_err(|e| csv_error(&self.awards_path, e))?;
            }
        }
        for response in responses.iter().flatten() {
            let row = response_row(id, response, claims.as_deref().unwrap_or_default());
            self.responses
                .write_record(row.iter().map(|c| neutralize(c).into_owned()))
                .map_err(|e| csv_error(&self.responses_path, e))?;
        }
        Ok(())
    }

    pub(super) fn finish(mut self) -> Result<()> {
        self.companies
            .flush()
            .map_err(write_error(&self.companies_path))?;
        self.sources
            .flush()
            .map_err(write_error(&self.sources_path))?;
        self.claims
            .flush()
            .map_err(write_error(&self.claims_path))?;
        self.awards
            .flush()
            .map_err(write_error(&self.awards_path))?;
        self.responses
            .flush()
            .map_err(write_error(&self.responses_path))?;
        Ok(())
    }
}

fn csv_error(path: &Path, error: csv::Error) -> crate::error::Error {
    crate::error::Error::Csv {
        path: path.to_owned(),
        source: error,
    }
}

/// One row of `awards.csv` ([`AWARD_COLUMNS`]). The award is taken apart field by field: a
/// new field does not compile until it is placed here or named as left out.
fn award_row(company_id: &str, claim_id: &str, award: &crate::model::Award) -> [String; 11] {
    let crate::model::Award {
        unknown: _,
        id,
        role,
        // The recipient the company works through: the row's `recipient` is the record's.
        via: _,
        facts:
            crate::model::AwardFacts {
                recipient,
                recipient_uei,
                awarding_agency,
                obligated,
                period,
                as_of,
            },
    } = award;
    let date = |d: Option<crate::model::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    [
        company_id.to_owned(),
        claim_id.to_owned(),
        id.clone(),
        role.as_str().to_owned(),
        recipient.clone().unwrap_or_default(),
        recipient_uei.clone().unwrap_or_default(),
        awarding_agency
            .as_ref()
            .and_then(|a| a.name.clone())
            .unwrap_or_default(),
        obligated.as_ref().map(ToString::to_string).unwrap_or_default(),
        date(period.as_ref().and_then(|p| p.from)),
        date(period.as_ref().and_then(|p| p.to)),
        date(*as_of),
    ]
}

/// One row of `responses.csv` ([`RESPONSE_COLUMNS`]). The response is taken apart field by
/// field: a new field does not compile until it is placed here or named as left out.
fn response_row(
    company_id: &str,
    response: &crate::model::Response,
    claims: &[crate::model::Claim],
) -> [String; 9] {
    let crate::model::Response {
        unknown: _,
        id,
        date,
        kind,
        by,
        confirmed: _,
        summary,
        url,
    } = response;
    let disputes = claims
        .iter()
        .filter(|c| c.disputed_by.contains(id))
        .map(|c| c.id.as_str());
    [
        company_id.to_owned(),
        id.clone(),
        date.to_string(),
        kind.as_str().to_owned(),
        by.as_str().to_owned(),
        (!response.unconfirmed()).to_string(),
        summary.clone().unwrap_or_default(),
        url.clone().unwrap_or_default(),
        joined(disputes),
    ]
}

#[cfg(test)]
mod tests {
    use super::neutralize;

    #[test]
    fn formulas_behind_whitespace_and_control_characters_are_neutralized() {
        for cell in [
            "=1+1",
            " =HYPERLINK(\"http://example.com\")",
            "\u{a0}+1+1",
            "\n=cmd|' /C calc'!A0",
            "  -2+3",
            "\t@SUM(A1)",
            "\u{1}=1",
            "\r",
        ] {
            assert!(neutralize(cell).starts_with('\''), "{cell:?}");
        }
        for cell in ["Acme Widgets", "2018-03-06", "a=b", " plain"] {
            assert_eq!(neutralize(cell), cell);
        }
    }
}
