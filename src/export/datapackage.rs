//! `datapackage.json`: a Frictionless Data Package describing the CSV tables with Table
//! Schemas (field types, primary and foreign keys), so `frictionless validate` can check them.

use super::csv_tables::{
    AWARD_COLUMNS, CLAIM_COLUMNS, COMPANY_COLUMNS, RESPONSE_COLUMNS, SOURCE_COLUMNS,
};
use serde_json::{Value, json};

/// A column of `claims.csv`, where names shared with the other tables mean something else.
fn claim_field(name: &str) -> Option<(&'static str, &'static str, bool)> {
    Some(match name {
        "claim_id" => ("string", "The claim's id, unique within its company.", true),
        "agency" => ("string", "The DHS agency of the involvement.", true),
        "kind" => (
            "string",
            "detention, deportation-flights, surveillance, software, logistics, staffing, financing or other.",
            true,
        ),
        "status" => ("string", "current, ended or unknown.", true),
        "from" => (
            "string",
            "When the involvement began: YYYY, YYYY-MM or YYYY-MM-DD.",
            false,
        ),
        "to" => (
            "string",
            "When the involvement ended: YYYY, YYYY-MM or YYYY-MM-DD.",
            false,
        ),
        "tier" => (
            "string",
            "The best evidence tier among the cited sources: primary, company, press or other (docs/methodology.md).",
            false,
        ),
        "source_ids" => (
            "string",
            "The numbers of the sources the claim cites, joined with \"; \".",
            false,
        ),
        "company_id" => ("string", "The company the claim belongs to.", true),
        _ => return None,
    })
}

/// A column of `awards.csv`, where names shared with the other tables mean something else.
fn award_field(name: &str) -> Option<(&'static str, &'static str, bool)> {
    Some(match name {
        "company_id" => ("string", "The company whose claim the award evidences.", true),
        "claim_id" => ("string", "The claim the award evidences.", true),
        "award_id" => (
            "string",
            "USAspending's generated unique award id (CONT_AWD_..., CONT_IDV_...); its page is https://www.usaspending.gov/award/<award_id>.",
            true,
        ),
        "role" => (
            "string",
            "prime (the company is the recipient), sub (it holds a subaward) or via (another party is the recipient).",
            true,
        ),
        "recipient" => ("string", "From the record: the recipient's name as filed.", false),
        "recipient_uei" => ("string", "From the record: the recipient's Unique Entity ID.", false),
        "agency" => ("string", "From the record: the awarding sub-tier agency.", false),
        "obligated" => ("number", "From the record: the total obligation, in US dollars.", false),
        "from" => ("date", "From the record: the start of the period of performance.", false),
        "to" => ("date", "From the record: the current end of the period of performance.", false),
        "as_of" => ("date", "When the record's facts were read; empty when never read.", false),
        _ => return None,
    })
}

/// A column of `responses.csv`.
fn response_field(name: &str) -> Option<(&'static str, &'static str, bool)> {
    Some(match name {
        "company_id" => ("string", "The company the response concerns.", true),
        "response_id" => ("string", "The response's id, unique within the company's entry.", true),
        "date" => ("date", "When the company was contacted or answered.", true),
        "kind" => ("string", "contacted, reply, no-reply or declined.", true),
        "by" => ("string", "Who made the record: company (through the response form) or maintainers.", true),
        "confirmed" => (
            "boolean",
            "false for the company's word that no maintainer has yet confirmed through the company's published channel.",
            true,
        ),
        "summary" => (
            "string",
            "A reply's public statement, restated with citation markers [n]; for a contact, the channel.",
            false,
        ),
        "url" => ("string", "Where the company's statement is published.", false),
        "disputes" => ("string", "The ids of the claims the response disputes, joined with \"; \".", false),
        _ => return None,
    })
}

fn field(resource: &str, name: &str) -> Value {
    let claim = match resource {
        "claims" => claim_field(name),
        "awards" => award_field(name),
        "responses" => response_field(name),
        _ => None,
    };
    let (kind, description, required) = claim.unwrap_or(match name {
        "id" => (
            "string",
            "Stable identifier of the company (the entry's id).",
            true,
        ),
        "name" => ("string", "The name the company is best known by.", true),
        "aliases" => ("string", "Other names, joined with \"; \".", false),
        "industry" => ("string", "Industries, joined with \"; \".", true),
        "country" => (
            "string",
            "ISO 3166-1 alpha-2 code of the headquarters' country.",
            false,
        ),
        "founded" => ("integer", "Year the company was founded.", false),
        "headquarters" => ("string", "Where the company is headquartered.", false),
        "parent_company" => ("string", "The company that owns this one.", false),
        "status" => ("string", "active, defunct or acquired.", false),
        "verification_status" => (
            "string",
            "verified, partially-verified or unverified.",
            true,
        ),
        "verification_date" => ("date", "When the entry was last verified.", false),
        "boycott_status" => ("string", "listed, under-review or delisted.", true),
        "boycott_agencies" => (
            "string",
            "DHS agencies supported, joined with \"; \".",
            false,
        ),
        "source_count" => ("integer", "Number of sources.", true),
        "company_id" => ("string", "The company the source belongs to.", true),
        "source_id" => ("integer", "The number citation markers [n] use.", true),
        "title" => ("string", "The document's title.", true),
        "publisher" => ("string", "Who published the document.", true),
        "type" => ("string", "Kind of document.", false),
        "date" => (
            "string",
            "Publication date: YYYY, YYYY-MM or YYYY-MM-DD.",
            false,
        ),
        "url" => ("string", "Where the document can be read.", false),
        "archive_url" => ("string", "An archived copy of the document.", false),
        "domains" => (
            "string",
            "Exact host names the company operates, joined with \"; \".",
            false,
        ),
        "wikidata" => ("string", "The company's Wikidata item (Q…).", false),
        "first_seen" => (
            "date",
            "When the entry first appeared in the repository's history (empty without history).",
            false,
        ),
        "last_changed" => (
            "date",
            "When the entry's data last changed in the repository's history (empty without history).",
            false,
        ),
        "lei" => (
            "string",
            "The company's Legal Entity Identifier (ISO 17442).",
            false,
        ),
        "website" => ("string", "The company's website.", false),
        "tickers" => (
            "string",
            "Stock tickers, EXCHANGE:SYMBOL, joined with \"; \".",
            false,
        ),
        "quotes" => (
            "string",
            "Excerpts of the document the entry relies on, as a JSON array of strings.",
            false,
        ),
        "uei" => ("string", "The company's SAM.gov Unique Entity ID.", false),
        "cage" => ("string", "The company's CAGE (or NCAGE) code.", false),
        "cik" => ("string", "The company's SEC Central Index Key.", false),
        "opencorporates" => (
            "string",
            "The company's OpenCorporates id, jurisdiction/number.",
            false,
        ),
        _ => ("string", "", false),
    });
    let mut field = json!({ "name": name, "type": kind, "description": description });
    if required {
        field["constraints"] = json!({ "required": true });
    }
    if kind == "string" && matches!(name, "url" | "archive_url") {
        field["format"] = json!("uri");
    }
    field
}

fn resource(
    name: &str,
    columns: &[&str],
    primary_key: Value,
    foreign_keys: Option<Value>,
) -> Value {
    let mut schema = json!({
        "fields": columns.iter().map(|c| field(name, c)).collect::<Vec<_>>(),
        "primaryKey": primary_key,
        "missingValues": [""],
    });
    if let Some(foreign_keys) = foreign_keys {
        schema["foreignKeys"] = foreign_keys;
    }
    json!({
        "name": name,
        "path": format!("{name}.csv"),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    })
}

/// The descriptor; `licence` becomes its `licenses` (none declared: no `licenses`, never a
/// guessed one).
pub(super) fn describe(licence: Option<crate::publication::DataLicence>) -> Value {
    let mut package = json!({
        "profile": "tabular-data-package",
        "name": "icelist",
        "title": "icelist: companies that support U.S. DHS immigration enforcement",
        "description": "One row per company, one per source, one per claim, one per award record of a claim and one per response of a company. The full entries, with their sourced prose, are in companies.json and icelist.sqlite.",
        "resources": [
            resource("companies", &COMPANY_COLUMNS, json!(["id"]), None),
            resource(
                "sources",
                &SOURCE_COLUMNS,
                json!(["company_id", "source_id"]),
                Some(json!([{ "fields": ["company_id"], "reference": { "resource": "companies", "fields": ["id"] } }])),
            ),
            resource(
                "claims",
                &CLAIM_COLUMNS,
                json!(["company_id", "claim_id"]),
                Some(json!([{ "fields": ["company_id"], "reference": { "resource": "companies", "fields": ["id"] } }])),
            ),
            resource(
                "awards",
                &AWARD_COLUMNS,
                json!(["company_id", "award_id"]),
                Some(json!([
                    { "fields": ["company_id"], "reference": { "resource": "companies", "fields": ["id"] } },
                    { "fields": ["company_id", "claim_id"], "reference": { "resource": "claims", "fields": ["company_id", "claim_id"] } }
                ])),
            ),
            resource(
                "responses",
                &RESPONSE_COLUMNS,
                json!(["company_id", "response_id"]),
                Some(json!([{ "fields": ["company_id"], "reference": { "resource": "companies", "fields": ["id"] } }])),
            ),
        ],
    });
    if let Some(licence) = licence {
        package["licenses"] =
            json!([{ "name": licence.id, "path": licence.url, "title": licence.title }]);
    }
    package["sources"] = json!([{ "title": "ICE List wiki" }]);
    package["description"] = json!(format!(
        "{} {}",
        package["description"].as_str().unwrap_or_default(),
        crate::publication::ATTRIBUTION
    ));
    package
}
