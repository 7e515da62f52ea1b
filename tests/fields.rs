//! The field table (`icelist::fields::FIELDS`) against the model and against every place that
//! reads or writes an entry: each row must say what each place does, and each place must do
//! what its row says. A field added to the model without a row fails here; so does a row that
//! claims a place carries a field it drops, or leaves out a field it writes.
//!
//! The places are run as a user runs them: `icelist build` (CSV, SQLite, Data Package, site,
//! wikitext), `icelist import` of the built page (and `--update` over an older entry),
//! `icelist intake` of a form filled in, `icelist new`. Every company here is fictional.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Tree, named_entry, repo_path};
use icelist::fields::{Carried, FIELDS, FieldRow};
use serde_json::{Value, json};
use std::collections::BTreeSet;

const ID: &str = "example-holdings-00042";

/// An entry with every field set: the text of each field is its own (`Zeta ... probe`), so a
/// place's output shows which fields it carries.
fn probe_entry() -> Value {
    json!({
        "$schema": "../schema/company.schema.json",
        "id": ID,
        "name": "Example Holdings 00042",
        "aliases": ["Zeta Alias Probe"],
        "industry": ["Zeta Industry Probe"],
        "country": "NZ",
        "founded": 1871,
        "headquarters": "Zeta Headquarters Probe",
        "parent_company": "Zeta Parent Probe",
        "status": "acquired",
        "verification": {
            "status": "partially-verified",
            "date": "2019-04-05",
            "notes": "Zeta verification notes probe."
        },
        "identifiers": {
            "wikidata": "Q97531",
            "lei": "529900ZETAPROBE00022",
            "website": "https://zeta-website-probe.example/",
            "tickers": ["NYSE:ZTKR"],
            "uei": "ZETAPRB12345",
            "cage": "9ZTP9",
            "cik": "0000004242",
            "opencorporates": "us_de/zeta-opencorporates-probe"
        },
        "domains": ["zeta-domain-probe.example"],
        "boycott": {
            "status": "delisted",
            "agencies": ["USCIS", "ICE"],
            "since": "2018-07-09",
            "reason": "Zeta boycott reason probe.[2]"
        },
        "sections": {
            "overview": "Zeta overview probe.[1]",
            "boycott": "Zeta boycott section probe.[2]",
            "background": "Zeta background probe.[1]"
        },
        "claims": [
            {
                "id": "zeta-claim-probe",
                "agency": "ICE",
                "kind": "surveillance",
                "summary": "Zeta claim summary probe.[1]",
                "period": {"from": "2015-06", "to": "2016-09"},
                "status": "ended",
                "disputed_by": ["zeta-response-probe"],
                "awards": [
                    {
                        "id": "CONT_AWD_ZETAPROBE01_ZZ99_-NONE-_-NONE-",
                        "role": "via",
                        "via": "Zeta Via Probe",
                        "recipient": "Zeta Recipient Probe",
                        "recipient_uei": "ZETAPROBE123",
                        "awarding_agency": {"name": "Zeta Agency Probe", "code": "ZZ99"},
                        "obligated": 1234.5,
                        "period": {"from": "2015-07-01", "to": "2016-08-31"},
                        "as_of": "2026-01-15"
                    }
                ]
            }
        ],
        "responses": [
            {
                "id": "zeta-response-probe",
                "date": "2026-01-10",
                "kind": "reply",
                "by": "company",
                "confirmed": true,
                "summary": "Zeta response summary probe.[2]",
                "url": "https://zeta-statement-probe.example/statement"
            }
        ],
        "sources": [
            {
                "id": 1,
                "title": "Zeta Source Title Probe",
                "publisher": "Zeta Publisher Probe",
                "type": "court-record",
                "date": "2017-03",
                "url": "https://zeta-url-probe.example/a",
                "archive_url": "https://archive.example.org/zeta-archive-probe",
                "note": "Zeta note probe.",
                "quotes": ["Zeta quote probe"]
            },
            {
                "id": 2,
                "title": "A second fictional record",
                "publisher": "Example Gazette",
                "type": "news",
                "url": "https://gazette.example.org/second"
            }
        ]
    })
}

/// The fields whose value cannot be told apart in an output (an enum value such as
/// `acquired`, a number, the id or the country code can appear for other reasons): held to
/// their places by name only (a column, a parameter), and here with why.
const BY_NAME_ONLY: &[(&str, &str)] = &[
    ("/$schema", "the same hint in every entry"),
    ("/id", "the id is in every file name and link"),
    ("/country", "a two-letter code"),
    ("/founded", "a year"),
    ("/status", "an enum value"),
    ("/verification/status", "an enum value"),
    ("/boycott/status", "an enum value"),
    ("/claims/*/agency", "an agency, also in boycott.agencies"),
    ("/claims/*/kind", "an enum value"),
    ("/claims/*/status", "an enum value"),
    (
        "/claims/*/disputed_by",
        "the id of a response, which has its own needle",
    ),
    ("/claims/*/awards/*/role", "an enum value"),
    (
        "/claims/*/awards/*/awarding_agency/code",
        "also a part of the award's id",
    ),
    ("/claims/*/awards/*/obligated", "a number"),
    ("/claims/*/awards/*/period/from", "a date"),
    ("/claims/*/awards/*/period/to", "a date"),
    ("/claims/*/awards/*/as_of", "a date"),
    ("/responses/*/kind", "an enum value"),
    ("/responses/*/by", "an enum value"),
    ("/responses/*/confirmed", "a boolean"),
    ("/sources/*/id", "a number"),
    ("/sources/*/type", "an enum value"),
];

/// Every row has a needle or a reason in [`BY_NAME_ONLY`]: a new field's values are checked in
/// every output its row says carries it, unless someone says why they cannot be.
#[test]
fn every_row_has_a_needle_or_says_why_not() {
    for row in FIELDS {
        let by_name = BY_NAME_ONLY
            .iter()
            .any(|(pointer, _)| *pointer == row.pointer);
        assert!(
            needle(row).is_some() != by_name,
            "{}: give it a needle() arm (a probe value found nowhere else) or, only if its \
             values cannot be told apart in an output, a line in BY_NAME_ONLY saying why \
             (not both)",
            row.pointer
        );
    }
}

/// Values that hold another field's needle by design: a claim's `disputed_by` names the
/// response that disputes it.
const NEEDLE_SHARED_BY_DESIGN: &[(&str, &str)] = &[("/responses/*/id", "/claims/*/disputed_by")];

/// A needle shows its own field only: found in no other field's probe value, or a place that
/// drops the field but keeps the other would still show it.
#[test]
fn every_needle_is_its_fields_own() {
    let probe = probe_entry();
    for row in FIELDS {
        let Some(needle) = needle(row) else { continue };
        for other in FIELDS.iter().filter(|other| other.pointer != row.pointer) {
            let Some(value) = value_of(&probe, other) else {
                continue;
            };
            let shared = NEEDLE_SHARED_BY_DESIGN.contains(&(row.pointer, other.pointer));
            assert!(
                shared || !value.to_string().contains(needle),
                "the needle of {} ({needle:?}) is also in {}'s probe value {value}",
                row.pointer,
                other.pointer
            );
        }
    }
}

/// The text that shows a field in an output, for the fields whose value is its own.
fn needle(row: &FieldRow) -> Option<&'static str> {
    Some(match row.pointer {
        "/name" => "Example Holdings 00042",
        "/aliases" => "Zeta Alias Probe",
        "/industry" => "Zeta Industry Probe",
        "/headquarters" => "Zeta Headquarters Probe",
        "/parent_company" => "Zeta Parent Probe",
        "/verification/date" => "2019-04-05",
        "/verification/notes" => "Zeta verification notes probe",
        "/identifiers/wikidata" => "Q97531",
        "/identifiers/lei" => "529900ZETAPROBE00022",
        "/identifiers/website" => "zeta-website-probe",
        "/identifiers/tickers" => "ZTKR",
        "/identifiers/uei" => "ZETAPRB12345",
        "/identifiers/cage" => "9ZTP9",
        "/identifiers/cik" => "0000004242",
        "/identifiers/opencorporates" => "zeta-opencorporates-probe",
        "/claims/*/id" => "zeta-claim-probe",
        "/claims/*/summary" => "Zeta claim summary probe",
        "/claims/*/period/from" => "2015-06",
        "/claims/*/period/to" => "2016-09",
        "/domains" => "zeta-domain-probe",
        "/boycott/agencies" => "USCIS",
        "/boycott/since" => "2018-07-09",
        "/boycott/reason" => "Zeta boycott reason probe",
        "/sections/overview" => "Zeta overview probe",
        "/sections/boycott" => "Zeta boycott section probe",
        "/sections/background" => "Zeta background probe",
        "/claims/*/awards/*/id" => "ZETAPROBE01",
        "/claims/*/awards/*/via" => "Zeta Via Probe",
        "/claims/*/awards/*/recipient" => "Zeta Recipient Probe",
        "/claims/*/awards/*/recipient_uei" => "ZETAPROBE123",
        "/claims/*/awards/*/awarding_agency/name" => "Zeta Agency Probe",
        "/responses/*/id" => "zeta-response-probe",
        "/responses/*/date" => "2026-01-10",
        "/responses/*/summary" => "Zeta response summary probe",
        "/responses/*/url" => "zeta-statement-probe.example/statement",
        "/sources/*/title" => "Zeta Source Title Probe",
        "/sources/*/publisher" => "Zeta Publisher Probe",
        "/sources/*/date" => "2017-03",
        "/sources/*/url" => "zeta-url-probe.example/a",
        "/sources/*/archive_url" => "zeta-archive-probe",
        "/sources/*/note" => "Zeta note probe",
        "/sources/*/quotes" => "Zeta quote probe",
        _ => return None,
    })
}

/// The value of `row` in `entry`: the first source's for a source's part.
fn value_of<'v>(entry: &'v Value, row: &FieldRow) -> Option<&'v Value> {
    entry.pointer(&row.pointer.replace("/*/", "/0/"))
}

/// Every field the model has: the leaves of an entry with every field present (a list of
/// strings is a leaf; a list of objects is walked through its items, `*`).
fn model_fields() -> BTreeSet<String> {
    fn walk(value: &Value, pointer: String, out: &mut BTreeSet<String>) {
        match value {
            Value::Object(members) => {
                for (key, member) in members {
                    walk(member, format!("{pointer}/{key}"), out);
                }
            }
            Value::Array(items) if items.iter().any(Value::is_object) => {
                for item in items {
                    walk(item, format!("{pointer}/*"), out);
                }
            }
            _ => {
                out.insert(pointer);
            }
        }
    }
    // The model's skeleton names every field (it is built from a struct literal, which the
    // compiler makes list them all); the probe entry must be an entry of the model.
    let _: icelist::model::Entry = serde_json::from_value(probe_entry()).unwrap();
    let mut fields = BTreeSet::new();
    walk(icelist::model::key_order(), String::new(), &mut fields);
    fields
}

#[test]
fn every_field_of_the_model_has_one_row_and_every_row_is_a_field() {
    let rows: Vec<&str> = FIELDS.iter().map(|row| row.pointer).collect();
    let unique: BTreeSet<String> = rows.iter().map(|p| (*p).to_owned()).collect();
    assert_eq!(unique.len(), rows.len(), "a field with two rows: {rows:?}");
    let model = model_fields();
    let missing: Vec<&String> = model.difference(&unique).collect();
    assert!(
        missing.is_empty(),
        "fields of the model without a row in src/fields.rs: {missing:?}"
    );
    let extra: Vec<&String> = unique.difference(&model).collect();
    assert!(
        extra.is_empty(),
        "rows for no field of the model: {extra:?}"
    );
    for row in FIELDS {
        let value = value_of(&probe_entry(), row).cloned().unwrap_or_else(|| {
            panic!(
                "{}: give the field a value in probe_entry() first (until then every place \
                 compares nothing with nothing)",
                row.pointer
            )
        });
        assert_eq!(
            row.list,
            value.is_array(),
            "{}: `list` says {}",
            row.pointer,
            row.list
        );
    }
}

#[test]
fn the_documented_tables_name_every_field_and_every_column() {
    let readme = std::fs::read_to_string(repo_path("docs/formats.md")).unwrap();
    let table = readme
        .split("| field | required | type | meaning |")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap();
    let mut documented = BTreeSet::new();
    for line in table.lines().skip(2) {
        let first = line.trim_start_matches('|').split('|').next().unwrap();
        for field in first.split(',') {
            let field = field.trim().trim_matches('`');
            if !["sources[]", "claims[]", "responses[]"].contains(&field) {
                documented.insert(field.to_owned());
            }
        }
    }
    let rows: BTreeSet<String> = FIELDS.iter().map(FieldRow::dotted).collect();
    assert_eq!(
        documented, rows,
        "docs/formats.md's data model table and src/fields.rs"
    );

    // The files' rows in docs/formats.md list the CSV columns the build writes.
    let tree = built();
    for (file, lead) in [
        ("companies.csv", "one row per company: `"),
        ("sources.csv", "one row per source: `"),
        ("claims.csv", "one row per claim: `"),
        ("responses.csv", "one row per response: `"),
    ] {
        let listed = readme
            .lines()
            .find(|l| l.starts_with(&format!("| `{file}` |")))
            .and_then(|l| l.split(lead).nth(1))
            .and_then(|l| l.split('`').next())
            .unwrap_or_else(|| panic!("docs/formats.md names the columns of {file}"));
        let header = tree.read(&format!("dist/{file}"));
        let header = header.lines().next().unwrap().replace(',', ", ");
        assert_eq!(listed, header, "docs/formats.md's columns of {file}");
    }
}

/// Runs `icelist ARGS` at the tree's root and checks that it succeeded.
fn succeed(tree: &Tree, args: &[&str]) {
    let output = tree.command().args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A tree holding the probe entry, built into `dist/`.
fn built() -> Tree {
    let tree = Tree::new();
    tree.write_entry(&probe_entry());
    succeed(&tree, &["build", "--out", "dist"]);
    tree
}

/// Checks that `output` shows each field whose row says `place` carries it, and no field it
/// leaves out.
fn holds_to_the_table(what: &str, output: &str, place: fn(&FieldRow) -> Carried) {
    for row in FIELDS {
        let Some(needle) = needle(row) else { continue };
        let carried = place(row);
        assert_eq!(
            output.contains(needle),
            carried.carries(),
            "{what} and the row of {}: the row says {carried:?}",
            row.pointer
        );
    }
}

#[test]
fn the_build_writes_what_the_table_says_and_leaves_out_the_rest() {
    let tree = built();
    let csv = tree.read("dist/companies.csv")
        + &tree.read("dist/sources.csv")
        + &tree.read("dist/claims.csv")
        + &tree.read("dist/awards.csv")
        + &tree.read("dist/responses.csv");
    holds_to_the_table(
        "companies.csv, sources.csv, claims.csv, awards.csv and responses.csv",
        &csv,
        |r| r.places.csv,
    );
    let page = tree.read(&format!("dist/companies/{ID}.html"));
    holds_to_the_table("the site's company page", &page, |r| r.places.site);
    let wiki = tree.read(&format!("dist/wiki/{ID}.wiki"));
    holds_to_the_table("the wikitext export", &wiki, |r| r.places.wikitext);
    let sqlite = std::fs::read(tree.root().join("dist/icelist.sqlite")).unwrap();
    holds_to_the_table("icelist.sqlite", &String::from_utf8_lossy(&sqlite), |r| {
        r.places.sqlite
    });

    // Named places: the name the row gives is the place's own.
    let header = |file: &str| -> BTreeSet<String> {
        let text = tree.read(&format!("dist/{file}"));
        text.lines()
            .next()
            .unwrap()
            .split(',')
            .map(str::to_owned)
            .collect()
    };
    let columns: BTreeSet<String> = header("companies.csv")
        .union(&header("sources.csv"))
        .cloned()
        .chain(header("claims.csv"))
        .chain(header("awards.csv"))
        .chain(header("responses.csv"))
        .collect();
    let named = |place: fn(&FieldRow) -> Carried| -> BTreeSet<String> {
        FIELDS
            .iter()
            .filter_map(|row| place(row).name())
            .map(str::to_owned)
            .collect()
    };
    // The columns no field fills on its own: the count of sources, each row's company, and a
    // claim's evidence tier and cited sources (derived from its summary and the sources), and
    // the claims a response disputes (from the claims' `disputed_by`), and the history's dates.
    let derived: BTreeSet<String> = [
        "source_count",
        "company_id",
        "tier",
        "source_ids",
        "disputes",
        "first_seen",
        "last_changed",
    ]
    .map(String::from)
    .into();
    let expected: BTreeSet<String> = named(|r| r.places.csv).union(&derived).cloned().collect();
    assert_eq!(columns, expected, "the CSV headers and the table's columns");

    let package: Value = serde_json::from_str(&tree.read("dist/datapackage.json")).unwrap();
    let described: BTreeSet<String> = package["resources"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["schema"]["fields"].as_array())
        .flatten()
        .map(|f| f["name"].as_str().unwrap().to_owned())
        .collect();
    let expected: BTreeSet<String> = named(|r| r.places.datapackage)
        .union(&derived)
        .cloned()
        .collect();
    assert_eq!(described, expected, "datapackage.json and the table");
    // A column the Data Package names without saying what it holds is not described.
    for resource in package["resources"].as_array().unwrap() {
        for field in resource["schema"]["fields"]
            .as_array()
            .into_iter()
            .flatten()
        {
            assert!(
                field["description"]
                    .as_str()
                    .is_some_and(|d| !d.trim().is_empty()),
                "datapackage.json: {}'s column {} has no description (src/export/datapackage.rs)",
                resource["name"],
                field["name"]
            );
        }
    }

    let db = rusqlite::Connection::open(tree.root().join("dist/icelist.sqlite")).unwrap();
    let mut names = BTreeSet::new();
    for table in [
        "companies",
        "aliases",
        "agencies",
        "domains",
        "sources",
        "claims",
        "awards",
        "responses",
        "disputes",
    ] {
        names.insert(table.to_owned());
        let mut statement = db
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap();
        let columns = statement
            .query_map([], |row| row.get::<_, String>(0))
            .unwrap();
        names.extend(columns.map(Result::unwrap));
    }
    for name in named(|r| r.places.sqlite) {
        assert!(
            names.contains(&name),
            "no SQLite table or column {name:?}: {names:?}"
        );
    }
    let wiki_names = named(|r| r.places.wikitext);
    for name in &wiki_names {
        let as_parameter = format!("| {name} = ");
        let as_heading = format!("== {name} ==");
        assert!(
            wiki.contains(&as_parameter) || wiki.contains(&as_heading),
            "the wikitext export names no parameter or heading {name:?}:\n{wiki}"
        );
    }
}

#[test]
fn import_and_update_carry_what_the_table_says() {
    let built = built();
    let page = built.read(&format!("dist/wiki/{ID}.wiki"));
    let probe = probe_entry();

    // Into an empty dataset: every field the import carries comes back as it was.
    let tree = Tree::new();
    tree.write("page.wiki", &page);
    succeed(&tree, &["import", "page.wiki"]);
    let imported: Value = serde_json::from_str(&tree.read(&format!("dataset/{ID}.json"))).unwrap();
    for row in FIELDS.iter().filter(|r| r.places.import.carries()) {
        assert_eq!(
            value_of(&imported, row),
            value_of(&probe, row),
            "import of {}",
            row.pointer
        );
    }

    // Over an older entry: what the update carries is replaced, the rest kept.
    let tree = Tree::new();
    let older = named_entry(ID, "Example Holdings 00042");
    tree.write_entry(&older);
    tree.write("page.wiki", &page);
    succeed(&tree, &["import", "--update", "page.wiki"]);
    let updated: Value = serde_json::from_str(&tree.read(&format!("dataset/{ID}.json"))).unwrap();
    for row in FIELDS {
        let expected = if row.places.update.carries() {
            value_of(&probe, row)
        } else {
            value_of(&older, row)
        };
        assert_eq!(
            value_of(&updated, row),
            expected,
            "--update of {}",
            row.pointer
        );
    }
}

const FORM: &str = ".github/ISSUE_TEMPLATE/propose-company.yml";

/// The issue form's fields, as (id, label), read from the form's text.
fn form_fields(form: &str) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    let mut id = None;
    for line in form.lines() {
        let line = line.trim();
        if let Some(value) = line.strip_prefix("id: ") {
            id = Some(value.to_owned());
        } else if let Some(label) = line.strip_prefix("label: ")
            && let Some(id) = id.take()
        {
            fields.push((id, label.to_owned()));
        }
    }
    fields
}

/// A value as a person types it into a form field: a list one item per line.
fn as_typed(value: &Value) -> String {
    match value {
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
            .join("\n"),
        Value::Number(n) => n.to_string(),
        value => value.as_str().unwrap().to_owned(),
    }
}

#[test]
fn the_issue_form_carries_what_the_table_says() {
    let form = std::fs::read_to_string(repo_path(FORM)).unwrap();
    let fields = form_fields(&form);
    let ids: BTreeSet<&str> = fields.iter().map(|(id, _)| id.as_str()).collect();
    let probe = probe_entry();
    let text = |row: &FieldRow| as_typed(value_of(&probe, row).unwrap());
    let mut body = String::new();
    for (id, label) in &fields {
        let row = FIELDS
            .iter()
            .find(|r| r.places.intake.name() == Some(id.as_str()));
        let value = match (id.as_str(), row) {
            ("sources", _) => {
                let first = &probe["sources"][0];
                let second = &probe["sources"][1];
                let line = |s: &Value| {
                    format!(
                        "{} | {} | {} | {} | {}",
                        s["url"].as_str().unwrap(),
                        s["title"].as_str().unwrap(),
                        s["publisher"].as_str().unwrap(),
                        s["date"].as_str().unwrap_or(""),
                        s["type"].as_str().unwrap()
                    )
                };
                format!("{}\n{}", line(first), line(second))
            }
            ("claims", _) => {
                let claim = &probe["claims"][0];
                format!(
                    "{} | {} | {} | {} | {} | {} | {}",
                    claim["agency"].as_str().unwrap(),
                    claim["kind"].as_str().unwrap(),
                    claim["summary"].as_str().unwrap(),
                    claim["period"]["from"].as_str().unwrap(),
                    claim["period"]["to"].as_str().unwrap(),
                    claim["status"].as_str().unwrap(),
                    claim["awards"][0]["id"].as_str().unwrap()
                )
            }
            ("confirmations", _) => form
                .lines()
                .filter_map(|l| l.trim().strip_prefix("- label: "))
                .map(|option| format!("- [x] {option}"))
                .collect::<Vec<_>>()
                .join("\n"),
            (_, Some(row)) => text(row),
            (id, None) => panic!("the form's field {id:?} is in no row of src/fields.rs"),
        };
        body.push_str(&format!("### {label}\n\n{value}\n\n"));
    }
    for row in FIELDS {
        if let Some(id) = row.places.intake.name() {
            assert!(
                ids.contains(id),
                "the form has no field {id:?} ({})",
                row.pointer
            );
        }
    }
    let tree = Tree::new();
    tree.write("body.md", &body);
    let output = tree
        .command()
        .args(["intake", "--form"])
        .arg(repo_path(FORM))
        .args(["--body-file", "body.md", "--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["problems"], json!([]), "{report:#}");
    let entry = &report["entry"];
    for row in FIELDS {
        let carried = row.places.intake;
        if let Carried::As(_) = carried {
            assert_eq!(
                value_of(entry, row),
                value_of(&probe, row),
                "intake of {}",
                row.pointer
            );
        }
        if row.pointer.starts_with("/sources/") || row.pointer.starts_with("/claims/") {
            assert_eq!(
                value_of(entry, row) == value_of(&probe, row),
                carried.carries(),
                "intake of {}: the row says {carried:?}",
                row.pointer
            );
        }
    }
}

const CORRECT_FORM: &str = ".github/ISSUE_TEMPLATE/correct-entry.yml";

/// The correction form's "What is wrong" options that a maintainer handles by hand.
const CORRECTED_BY_HAND: &[&str] = &[
    "A claim",
    "A source",
    "Identifiers or web domains",
    "Something else",
];

/// The options of the correction form's `field` dropdown, read from the form's text.
fn correction_options() -> Vec<String> {
    let form = std::fs::read_to_string(repo_path(CORRECT_FORM)).unwrap();
    form.split("id: field")
        .nth(1)
        .and_then(|rest| rest.split("options:").nth(1))
        .unwrap()
        .lines()
        .skip(1)
        .map_while(|line| line.trim().strip_prefix("- ").map(str::to_owned))
        .collect()
}

#[test]
fn the_correction_form_corrects_what_the_table_says() {
    let options = correction_options();
    let named: BTreeSet<&str> = FIELDS
        .iter()
        .filter_map(|row| row.places.correct.name())
        .collect();
    for option in &options {
        assert!(
            named.contains(option.as_str()) || CORRECTED_BY_HAND.contains(&option.as_str()),
            "the correction form's option {option:?} is in no row's `correct` of src/fields.rs"
        );
    }
    for name in &named {
        assert!(
            options.iter().any(|o| o == name),
            "the correction form has no option {name:?}: {options:?}"
        );
    }
    // Each option sets its field, through the binary, to the probe entry's value.
    let probe = probe_entry();
    for row in FIELDS {
        let Some(option) = row.places.correct.name() else {
            continue;
        };
        let value = value_of(&probe, row).unwrap();
        let text = match value {
            // Cited prose cites the form's one source.
            Value::String(prose) if prose.contains('[') => {
                format!("{}[1]", prose.split('[').next().unwrap())
            }
            value => as_typed(value),
        };
        let tree = Tree::new();
        let older = named_entry(ID, "Acme Widgets");
        assert_ne!(value_of(&older, row), Some(value), "{}", row.pointer);
        tree.write_entry(&older);
        let body = [
            ("Entry", ID),
            ("What is wrong", option),
            ("The wrong statement", "what the entry says now"),
            ("What it should say", &text),
            (
                "Sources",
                "https://news.example.com/zeta | A fictional account | Example News | 2025-03-04 | news",
            ),
            (
                "Confirmations",
                "- [X] The correction is supported by the sources I listed.\n- [X] I included no private person's data (names of private people, e-mail addresses, phone numbers, home addresses).",
            ),
        ]
        .iter()
        .map(|(label, value)| format!("### {label}\n\n{value}\n\n"))
        .collect::<String>();
        tree.write("body.md", &body);
        let output = tree
            .command()
            .args(["intake", "--form"])
            .arg(repo_path(CORRECT_FORM))
            .args(["--body-file", "body.md", "--format", "json", "--write"])
            .args(["--issue-date", "2026-05-28"])
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(report["problems"], json!([]), "{option}: {report:#}");
        let corrected: Value =
            serde_json::from_str(&tree.read(&format!("dataset/{ID}.json"))).unwrap();
        let got = value_of(&corrected, row).unwrap_or_else(|| panic!("{option}: {corrected:#}"));
        match (got, value) {
            // Cited prose: the marker is renumbered to the source the form gave.
            (Value::String(got), Value::String(want)) if want.contains('[') => {
                let words = want.split('[').next().unwrap();
                assert!(got.starts_with(words), "{option}: {got:?}");
            }
            (got, want) => assert_eq!(got, want, "{option} sets {}", row.pointer),
        }
    }
}

#[test]
fn the_new_template_holds_what_the_table_says() {
    let tree = Tree::new();
    succeed(&tree, &["new", "Example Holdings 00042"]);
    let scaffold: Value = serde_json::from_str(&tree.read(&format!("dataset/{ID}.json"))).unwrap();
    for row in FIELDS {
        assert_eq!(
            value_of(&scaffold, row).is_some(),
            row.places.new.carries(),
            "`icelist new` and the row of {}: {:?}",
            row.pointer,
            row.places.new
        );
    }
}
