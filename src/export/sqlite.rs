//! `icelist.sqlite`: tables `companies`, `sources`, `claims`, `aliases`, `agencies` and `domains` with indexes and a
//! full-text index (FTS5) on names and prose, for Datasette or any SQLite client. Every insert
//! is parameterized: entry text is never part of SQL.
//!
//! The file says what it is: `PRAGMA user_version` is the schema's major version, and the
//! `meta` table holds the dataset and schema versions, the licence, the attribution and the
//! source commit. `metadata.json` (Datasette's) links the full-text table to `companies`
//! (`fts_table`, `fts_pk`: its rows share the companies' rowids), so Datasette offers a search
//! box there, and describes the tables and columns from the field table.

use crate::error::{Error, Result};
use crate::model::{Boycott, Entry, Sections, Source, Verification, format_date};
use rusqlite::{Connection, params};
use std::path::{Path, PathBuf};

const SCHEMA: &str = "
CREATE TABLE companies (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    industry TEXT NOT NULL,               -- JSON array of strings
    country TEXT,
    founded INTEGER,
    headquarters TEXT,
    parent_company TEXT,
    parent_company_stated INTEGER NOT NULL, -- 1 when the entry states it (a name, or null: none)
    status TEXT,
    verification_status TEXT NOT NULL,
    verification_date TEXT,
    verification_notes TEXT,
    identifiers TEXT,                     -- JSON object, as in the entry
    boycott_status TEXT NOT NULL,
    boycott_since TEXT,
    boycott_reason TEXT,
    overview TEXT NOT NULL,
    boycott TEXT NOT NULL,
    background TEXT,
    first_seen TEXT,                      -- from the git history (history.json)
    last_changed TEXT
);
CREATE TABLE aliases (
    company_id TEXT NOT NULL REFERENCES companies(id),
    position INTEGER NOT NULL,
    alias TEXT NOT NULL,
    PRIMARY KEY (company_id, position)
);
CREATE TABLE agencies (
    company_id TEXT NOT NULL REFERENCES companies(id),
    position INTEGER NOT NULL,
    agency TEXT NOT NULL,
    PRIMARY KEY (company_id, position)
);
CREATE TABLE domains (
    company_id TEXT NOT NULL REFERENCES companies(id),
    position INTEGER NOT NULL,
    domain TEXT NOT NULL,
    PRIMARY KEY (company_id, position)
);
CREATE TABLE sources (
    company_id TEXT NOT NULL REFERENCES companies(id),
    source_id INTEGER NOT NULL,
    title TEXT NOT NULL,
    publisher TEXT NOT NULL,
    type TEXT,
    date TEXT,
    url TEXT,
    archive_url TEXT,
    note TEXT,
    quotes TEXT,                          -- JSON array of strings
    PRIMARY KEY (company_id, source_id)
);
CREATE TABLE claims (
    company_id TEXT NOT NULL REFERENCES companies(id),
    claim_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    agency TEXT NOT NULL,
    kind TEXT NOT NULL,
    summary TEXT NOT NULL,
    status TEXT NOT NULL,
    period_from TEXT,
    period_to TEXT,
    tier TEXT,                            -- the best evidence tier of the cited sources
    source_ids TEXT NOT NULL,             -- JSON array of the cited source numbers
    PRIMARY KEY (company_id, claim_id)
);
CREATE TABLE awards (
    company_id TEXT NOT NULL REFERENCES companies(id),
    claim_id TEXT NOT NULL,
    award_id TEXT NOT NULL,
    role TEXT NOT NULL,
    via TEXT,
    recipient TEXT,
    recipient_uei TEXT,
    agency_name TEXT,
    agency_code TEXT,
    obligated REAL,
    period_from TEXT,
    period_to TEXT,
    as_of TEXT,                           -- when the facts were read from the record
    PRIMARY KEY (company_id, award_id),
    FOREIGN KEY (company_id, claim_id) REFERENCES claims(company_id, claim_id)
);
CREATE TABLE responses (
    company_id TEXT NOT NULL REFERENCES companies(id),
    response_id TEXT NOT NULL,
    position INTEGER NOT NULL,            -- order in the entry
    date TEXT NOT NULL,
    kind TEXT NOT NULL,                   -- contacted, reply, no-reply, declined
    by TEXT NOT NULL,                     -- company, maintainers
    confirmed INTEGER NOT NULL,           -- 0: the company's word, not yet confirmed
    summary TEXT,
    url TEXT,
    PRIMARY KEY (company_id, response_id)
);
CREATE TABLE disputes (
    company_id TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    response_id TEXT NOT NULL,
    PRIMARY KEY (company_id, claim_id, response_id),
    FOREIGN KEY (company_id, claim_id) REFERENCES claims(company_id, claim_id),
    FOREIGN KEY (company_id, response_id) REFERENCES responses(company_id, response_id)
);
CREATE TABLE redirects (
    old_id TEXT PRIMARY KEY NOT NULL,     -- an id that no longer names an entry of its own
    to_id TEXT NOT NULL REFERENCES companies(id),
    reason TEXT NOT NULL,                 -- merged, renamed
    date TEXT NOT NULL,
    note TEXT
);
CREATE TABLE meta (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT
);
CREATE VIRTUAL TABLE companies_fts USING fts5(
    id UNINDEXED, name, aliases, overview, boycott, background, tokenize = 'unicode61'
);
";

/// Secondary indexes, built once the rows are in: one sort per index instead of a b-tree
/// insert at a random place per row (the profile of a build showed those inserts).
const INDEXES: &str = "
CREATE INDEX companies_name ON companies(name);
CREATE INDEX companies_boycott_status ON companies(boycott_status);
CREATE INDEX aliases_alias ON aliases(alias);
CREATE INDEX agencies_agency ON agencies(agency);
CREATE INDEX domains_domain ON domains(domain);
CREATE INDEX sources_publisher ON sources(publisher);
CREATE INDEX claims_agency ON claims(agency);
CREATE INDEX awards_award_id ON awards(award_id);
";

pub(crate) struct Database {
    connection: Connection,
    path: PathBuf,
}

fn sql_error(path: &Path) -> impl Fn(rusqlite::Error) -> Error + '_ {
    move |source| Error::Sqlite {
        path: path.to_owned(),
        source,
    }
}

impl Database {
    pub(super) fn create(path: &Path, stamp: &super::Stamp) -> Result<Self> {
        let connection = Connection::open(path).map_err(sql_error(path))?;
        // One transaction for the whole build; the journal is not needed for a fresh file.
        // Foreign keys are declared in the schema and checked once at the end
        // (`foreign_key_check`) rather than by a lookup per inserted row.
        connection
            .execute_batch(
                "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; \
                 PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -65536; \
                 PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = OFF;",
            )
            .map_err(sql_error(path))?;
        connection.execute_batch(SCHEMA).map_err(sql_error(path))?;
        connection
            .pragma_update(
                None,
                "user_version",
                stamp
                    .schema_version
                    .and_then(|v| i32::try_from(v).ok())
                    .unwrap_or(0),
            )
            .map_err(sql_error(path))?;
        connection.execute_batch("BEGIN").map_err(sql_error(path))?;
        let licence = stamp.data_licence;
        for (key, value) in [
            ("dataset_version", stamp.dataset_version.clone()),
            (
                "schema_version",
                stamp.schema_version.map(|v| v.to_string()),
            ),
            ("schema_id", stamp.schema_id.clone()),
            ("licence", licence.map(|l| l.id.to_owned())),
            ("licence_url", licence.map(|l| l.url.to_owned())),
            (
                "attribution",
                Some(crate::publication::ATTRIBUTION.to_owned()),
            ),
            ("source_commit", stamp.source_commit.clone()),
        ] {
            connection
                .execute("INSERT INTO meta VALUES (?1, ?2)", params![key, value])
                .map_err(sql_error(path))?;
        }
        Ok(Database {
            connection,
            path: path.to_owned(),
        })
    }

    /// The entry's rows in every table. The entry is taken apart field by field (no `..`):
    /// a new field does not compile until it is placed here or named as left out.
    pub(super) fn add(
        &mut self,
        entry: &Entry,
        history: Option<&crate::history::EntryHistory>,
    ) -> Result<()> {
        let fail = sql_error(&self.path);
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
            verification,
            identifiers,
            domains,
            boycott,
            sections,
            claims,
            responses,
            sources,
        } = entry;
        let Verification {
            unknown: _,
            status: verification_status,
            date: verification_date,
            notes: verification_notes,
        } = verification;
        let Boycott {
            unknown: _,
            status: boycott_status,
            agencies,
            since,
            reason,
        } = boycott;
        let Sections {
            unknown: _,
            overview,
            boycott: boycott_prose,
            background,
        } = sections;
        self.connection
            .prepare_cached(
                "INSERT INTO companies VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
            )
            .and_then(|mut insert| {
                insert.execute(params![
                    id,
                    name,
                    json_text(industry),
                    country,
                    founded,
                    headquarters,
                    parent_company.clone().flatten(),
                    parent_company.is_some(),
                    status.as_ref().map(|s| s.as_str()),
                    verification_status.as_str(),
                    verification_date.map(format_date),
                    verification_notes,
                    identifiers.as_ref().map(json_text),
                    boycott_status.as_str(),
                    since.map(format_date),
                    reason,
                    overview,
                    boycott_prose,
                    background,
                    history.map(|h| &h.first_seen),
                    history.map(|h| &h.last_changed),
                ])
            })
            .map_err(&fail)?;
        // The full-text row shares the company's rowid (Datasette's `fts_pk`).
        let rowid = self.connection.last_insert_rowid();
        let aliases: Vec<&str> = aliases.iter().flatten().map(String::as_str).collect();
        let agencies: Vec<&str> = agencies.iter().flatten().map(|a| a.as_str()).collect();
        let domains: Vec<&str> = domains.iter().flatten().map(String::as_str).collect();
        for (table, items) in [
            ("aliases", &aliases),
            ("agencies", &agencies),
            ("domains", &domains),
        ] {
            let mut insert = self
                .connection
                .prepare_cached(&format!("INSERT INTO {table} VALUES (?1, ?2, ?3)"))
                .map_err(&fail)?;
            for (position, item) in items.iter().enumerate() {
                insert
                    .execute(params![id, position as i64, item])
                    .map_err(&fail)?;
            }
        }
        let mut insert = self
            .connection
            .prepare_cached("INSERT INTO sources VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
            .map_err(&fail)?;
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
                note,
                quotes,
            } = source;
            insert
                .execute(params![
                    id,
                    i64::try_from(*number).unwrap_or(i64::MAX),
                    title,
                    publisher,
                    kind.as_ref().map(|k| k.as_str()),
                    date.map(|d| d.to_string()),
                    url,
                    archive_url,
                    note,
                    quotes.as_ref().map(json_text),
                ])
                .map_err(&fail)?;
        }
        let mut insert = self
            .connection
            .prepare_cached(
                "INSERT INTO claims VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )
            .map_err(&fail)?;
        let tiers = crate::rules::evidence::claim_tiers(entry);
        for (position, (claim, (tier, cited))) in claims.iter().flatten().zip(tiers).enumerate() {
            let crate::model::Claim {
                unknown: _,
                id: claim_id,
                agency,
                kind,
                summary,
                period,
                status,
                // In the `disputes` table, written after the responses it refers to.
                disputed_by: _,
                awards,
            } = claim;
            let (from, to) = crate::model::Period::bounds(period.as_ref());
            insert
                .execute(params![
                    id,
                    claim_id,
                    position as i64,
                    agency.as_str(),
                    kind.as_str(),
                    summary,
                    status.as_str(),
                    from.map(|d| d.to_string()),
                    to.map(|d| d.to_string()),
                    tier.map(|t| t.as_str()),
                    json_text(&cited),
                ])
                .map_err(&fail)?;
            for award in awards {
                self.add_award(id, claim_id, award).map_err(&fail)?;
            }
        }
        drop(insert);
        for (position, response) in responses.iter().flatten().enumerate() {
            self.add_response(id, position, response).map_err(&fail)?;
        }
        for claim in claims.iter().flatten() {
            for response_id in &claim.disputed_by {
                self.connection
                    .prepare_cached("INSERT OR IGNORE INTO disputes VALUES (?1, ?2, ?3)")
                    .and_then(|mut insert| insert.execute(params![id, claim.id, response_id]))
                    .map_err(&fail)?;
            }
        }
        self.connection
            .prepare_cached(
                "INSERT INTO companies_fts (rowid, id, name, aliases, overview, boycott, background) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .and_then(|mut insert| {
                insert.execute(params![
                    rowid,
                    id,
                    name,
                    aliases.join("\n"),
                    overview,
                    boycott_prose,
                    background,
                ])
            })
            .map_err(&fail)?;
        Ok(())
    }

    /// One row of `responses`. The response is taken apart field by field: a new field does not
    /// compile until it is placed here or named as left out.
    fn add_response(
        &self,
        company_id: &str,
        position: usize,
        response: &crate::model::Response,
    ) -> rusqlite::Result<()> {
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
        self.connection
            .prepare_cached("INSERT INTO responses VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?
            .execute(params![
                company_id,
                id,
                position as i64,
                date.to_string(),
                kind.as_str(),
                by.as_str(),
                !response.unconfirmed(),
                summary,
                url,
            ])?;
        Ok(())
    }

    /// Every row of `redirects`, taken apart field by field as an entry's parts are.
    pub(super) fn add_redirects(&self, redirects: &crate::model::Redirects) -> Result<()> {
        let fail = sql_error(&self.path);
        for (old, redirect) in redirects.iter() {
            let crate::model::Redirect {
                to,
                reason,
                date,
                note,
                unknown: _,
            } = redirect;
            self.connection
                .prepare_cached("INSERT INTO redirects VALUES (?1, ?2, ?3, ?4, ?5)")
                .and_then(|mut insert| {
                    insert.execute(params![old, to, reason.as_str(), date.to_string(), note])
                })
                .map_err(&fail)?;
        }
        Ok(())
    }

    /// One row of `awards`. The award is taken apart field by field: a new field does not
    /// compile until it is placed here or named as left out.
    fn add_award(
        &self,
        company_id: &str,
        claim_id: &str,
        award: &crate::model::Award,
    ) -> rusqlite::Result<()> {
        let crate::model::Award {
            unknown: _,
            id,
            role,
            via,
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
        let date = |d: Option<crate::model::Date>| d.map(|d| d.to_string());
        self.connection
            .prepare_cached(
                "INSERT INTO awards VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?
            .execute(params![
                company_id,
                claim_id,
                id,
                role.as_str(),
                via,
                recipient,
                recipient_uei,
                awarding_agency.as_ref().and_then(|a| a.name.as_deref()),
                awarding_agency.as_ref().and_then(|a| a.code.as_deref()),
                obligated.as_ref().and_then(serde_json::Number::as_f64),
                date(period.as_ref().and_then(|p| p.from)),
                date(period.as_ref().and_then(|p| p.to)),
                date(*as_of),
            ])?;
        Ok(())
    }

    pub(super) fn finish(self) -> Result<()> {
        let fail = sql_error(&self.path);
        self.connection.execute_batch(INDEXES).map_err(&fail)?;
        let dangling: i64 = self
            .connection
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |row| {
                row.get(0)
            })
            .map_err(&fail)?;
        if dangling > 0 {
            return Err(Error::Write {
                path: self.path.clone(),
                source: std::io::Error::other(format!(
                    "{dangling} rows point at no company (a bug in the export)"
                )),
            });
        }
        self.connection.execute_batch("COMMIT;").map_err(&fail)?;
        self.connection.close().map_err(|(_, e)| fail(e))
    }
}

/// A value as JSON text, for the columns that hold JSON (`industry`, `identifiers`).
fn json_text<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The tables of the file and what each holds, for Datasette's metadata.
const TABLES: &[(&str, &str)] = &[
    (
        "companies",
        "One row per company: its facts, verification, boycott and prose.",
    ),
    (
        "aliases",
        "Other names of each company, in the entry's order.",
    ),
    (
        "agencies",
        "The DHS agencies each company supports, in the entry's order.",
    ),
    ("domains", "Exact host names each company operates."),
    (
        "sources",
        "The documents each company's claims cite; source_id is the number of a marker [n].",
    ),
    (
        "claims",
        "Each company's involvements, one per agency and kind, with the best evidence tier of the sources each cites (docs/methodology.md).",
    ),
    (
        "awards",
        "Federal award records on USAspending.gov that evidence each claim, with the record's facts as of as_of.",
    ),
    (
        "responses",
        "The record that the maintainers contacted each company and what it answered; confirmed is 0 for a company's word no maintainer has confirmed through its published channel.",
    ),
    (
        "disputes",
        "Which response of a company disputes which of its claims.",
    ),
    (
        "redirects",
        "Ids of entries merged into another or renamed, each with the id it now points to (dataset/redirects.json).",
    ),
    (
        "meta",
        "What this file is: dataset and schema versions, licence, attribution, source commit.",
    ),
];

/// Datasette's `metadata.json`: licence and source, the full-text table of `companies`, and
/// a description of every table and of every column the field table names.
pub(super) fn datasette_metadata(stamp: &super::Stamp) -> serde_json::Value {
    use serde_json::{Map, Value, json};
    let mut tables = Map::new();
    for (table, description) in TABLES {
        tables.insert((*table).into(), json!({ "description": description }));
    }
    for row in crate::fields::FIELDS {
        let Some(column) = row.places.sqlite.name() else {
            continue;
        };
        let table = if tables.contains_key(column) {
            // A list kept in a table of its own (`aliases`, `disputes`): the table's
            // description says it.
            continue;
        } else if row.pointer.starts_with("/sources/") {
            "sources"
        } else if row.pointer.starts_with("/claims/*/awards/") {
            "awards"
        } else if row.pointer.starts_with("/responses/") {
            "responses"
        } else if row.pointer.starts_with("/claims/") {
            "claims"
        } else {
            "companies"
        };
        if let Some(Value::Object(entry)) = tables.get_mut(table) {
            let columns = entry
                .entry("columns")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(columns) = columns {
                columns.insert(column.into(), json!(row.description));
            }
        }
    }
    if let Some(Value::Object(companies)) = tables.get_mut("companies") {
        companies.insert("fts_table".into(), json!("companies_fts"));
        companies.insert("fts_pk".into(), json!("rowid"));
    }
    let mut document = json!({
        "title": "icelist: companies that support U.S. DHS immigration enforcement",
        "description": crate::publication::ATTRIBUTION,
        "source": "icelist",
        "databases": { "icelist": { "tables": tables } },
    });
    if let Some(licence) = stamp.data_licence {
        document["license"] = json!(licence.id);
        document["license_url"] = json!(licence.url);
    }
    if let Some(version) = &stamp.dataset_version {
        document["source"] = json!(format!("icelist {version}"));
    }
    document
}
