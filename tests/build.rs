//! `icelist build`: every export, round trips, determinism, hostile text, and a browser test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Tree, named_entry, repo_path, valid_entry};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Three fictional companies; ids chosen so that id order differs from file-name order.
fn tree() -> Tree {
    let tree = Tree::new();
    let mut widgets = named_entry("acme", "Acme Widgets");
    widgets["aliases"] = json!(["Acme Widgets Inc."]);
    widgets["identifiers"] = json!({ "wikidata": "Q4242424242", "tickers": ["NYSE:ACME"] });
    widgets["boycott"] = json!({ "status": "delisted", "agencies": ["CBP"], "since": "2025-01-01", "reason": "The fictional contract ended.[1]" });
    widgets["sources"][0]["note"] = json!("A fictional note.");
    widgets["sources"][0]["archive_url"] = json!("https://archive.example.org/acme");
    tree.write_entry(&widgets);
    let mut gadgets = named_entry("acme-gadgets", "Acme Gadgets");
    gadgets.as_object_mut().unwrap().remove("parent_company");
    tree.write_entry(&gadgets);
    tree.write_entry(&named_entry(
        "example-holdings-00042",
        "Example Holdings 00042",
    ));
    tree
}

fn build(tree: &Tree, out: &str) -> std::process::Output {
    tree.command()
        .args(["build", "--out", out])
        .output()
        .unwrap()
}

fn dataset(tree: &Tree) -> BTreeMap<String, Value> {
    std::fs::read_dir(tree.root().join("dataset"))
        .unwrap()
        .map(|e| {
            let mut v: Value =
                serde_json::from_str(&std::fs::read_to_string(e.unwrap().path()).unwrap()).unwrap();
            v.as_object_mut().unwrap().remove("$schema");
            (v["id"].as_str().unwrap().to_owned(), v)
        })
        .collect()
}

#[test]
fn json_exports_give_back_every_entry_in_id_order() {
    let tree = tree();
    let output = build(&tree, "dist");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let expected = dataset(&tree);
    let exported: Vec<Value> = serde_json::from_str(&tree.read("dist/companies.json")).unwrap();
    let ids: Vec<&str> = exported.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["acme", "acme-gadgets", "example-holdings-00042"]);
    for e in &exported {
        assert_eq!(e, &expected[e["id"].as_str().unwrap()]);
    }
    let lines: Vec<Value> = tree
        .read("dist/companies.ndjson")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines, exported);
    let manifest: Value = serde_json::from_str(&tree.read("dist/manifest.json")).unwrap();
    assert_eq!(manifest["counts"]["companies"], 3);
    assert_eq!(manifest["schema_id"], "urn:icelist:schema:company:1");
    assert_eq!(
        tree.read("dist/schema/company.schema.json"),
        std::fs::read_to_string(repo_path("schema/company.schema.json")).unwrap()
    );
}

#[test]
fn sqlite_gives_back_every_field() {
    let tree = tree();
    build(&tree, "dist");
    let db = rusqlite::Connection::open(tree.root().join("dist/icelist.sqlite")).unwrap();
    let expected = dataset(&tree);
    let mut statement = db.prepare("SELECT id, name, industry, country, founded, headquarters, parent_company, parent_company_stated, status, verification_status, verification_date, verification_notes, identifiers, boycott_status, boycott_since, boycott_reason, overview, boycott, background FROM companies ORDER BY id").unwrap();
    let rows: Vec<Value> = statement
        .query_map([], |r| {
            let text = |i: usize| r.get::<_, Option<String>>(i);
            let mut e = serde_json::Map::new();
            let id: String = r.get(0)?;
            e.insert("id".into(), json!(id));
            e.insert("name".into(), json!(text(1)?));
            let aliases: Vec<String> = db.prepare("SELECT alias FROM aliases WHERE company_id = ?1 ORDER BY position").unwrap().query_map([&id], |a| a.get(0)).unwrap().map(|a| a.unwrap()).collect();
            if !aliases.is_empty() {
                e.insert("aliases".into(), json!(aliases));
            }
            e.insert("industry".into(), serde_json::from_str(&text(2)?.unwrap()).unwrap());
            for (i, key) in [(3, "country"), (5, "headquarters"), (8, "status")] {
                if let Some(v) = text(i)? {
                    e.insert(key.into(), json!(v));
                }
            }
            if let Some(year) = r.get::<_, Option<i64>>(4)? {
                e.insert("founded".into(), json!(year));
            }
            if r.get::<_, bool>(7)? {
                e.insert("parent_company".into(), json!(text(6)?));
            }
            let mut verification = json!({ "status": text(9)? });
            if let Some(d) = text(10)? { verification["date"] = json!(d); }
            if let Some(n) = text(11)? { verification["notes"] = json!(n); }
            e.insert("verification".into(), verification);
            if let Some(ids) = text(12)? {
                e.insert("identifiers".into(), serde_json::from_str(&ids).unwrap());
            }
            let agencies: Vec<String> = db.prepare("SELECT agency FROM agencies WHERE company_id = ?1 ORDER BY position").unwrap().query_map([&id], |a| a.get(0)).unwrap().map(|a| a.unwrap()).collect();
            let mut boycott = json!({ "status": text(13)?, "agencies": agencies });
            if let Some(s) = text(14)? { boycott["since"] = json!(s); }
            if let Some(s) = text(15)? { boycott["reason"] = json!(s); }
            e.insert("boycott".into(), boycott);
            let mut sections = json!({ "overview": text(16)?, "boycott": text(17)? });
            if let Some(b) = text(18)? { sections["background"] = json!(b); }
            e.insert("sections".into(), sections);
            let claims: Vec<Value> = db
                .prepare("SELECT claim_id, agency, kind, summary, status, period_from, period_to FROM claims WHERE company_id = ?1 ORDER BY position")
                .unwrap()
                .query_map([&id], |c| {
                    let mut claim = json!({ "id": c.get::<_, String>(0)?, "agency": c.get::<_, String>(1)?, "kind": c.get::<_, String>(2)?, "summary": c.get::<_, String>(3)? });
                    let mut period = serde_json::Map::new();
                    for (i, key) in [(5, "from"), (6, "to")] {
                        if let Some(v) = c.get::<_, Option<String>>(i)? { period.insert(key.into(), json!(v)); }
                    }
                    if !period.is_empty() { claim["period"] = Value::Object(period); }
                    claim["status"] = json!(c.get::<_, String>(4)?);
                    Ok(claim)
                })
                .unwrap()
                .map(|c| c.unwrap())
                .collect();
            if !claims.is_empty() {
                e.insert("claims".into(), json!(claims));
            }
            let sources: Vec<Value> = db
                .prepare("SELECT source_id, title, publisher, type, date, url, archive_url, note FROM sources WHERE company_id = ?1 ORDER BY source_id")
                .unwrap()
                .query_map([&id], |s| {
                    let mut source = json!({ "id": s.get::<_, i64>(0)?, "title": s.get::<_, String>(1)?, "publisher": s.get::<_, String>(2)? });
                    for (i, key) in [(3, "type"), (4, "date"), (5, "url"), (6, "archive_url"), (7, "note")] {
                        if let Some(v) = s.get::<_, Option<String>>(i)? { source[key] = json!(v); }
                    }
                    Ok(source)
                })
                .unwrap()
                .map(|s| s.unwrap())
                .collect();
            e.insert("sources".into(), json!(sources));
            Ok(Value::Object(e))
        })
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(rows.len(), expected.len());
    for row in rows {
        // An empty list carries no data: the export does not distinguish [] from absent.
        let mut want = expected[row["id"].as_str().unwrap()].clone();
        if want.get("aliases") == Some(&json!([])) {
            want.as_object_mut().unwrap().remove("aliases");
        }
        assert_eq!(row, want);
    }
    let hits: i64 = db
        .query_row(
            "SELECT count(*) FROM companies_fts WHERE companies_fts MATCH 'gadgets'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(hits, 1);
    let fk: i64 = db
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(fk, 0);
}

#[test]
fn two_builds_are_byte_identical() {
    let tree = tree();
    build(&tree, "one");
    build(&tree, "two");
    let files = |dir: &str| -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        let mut stack = vec![tree.root().join(dir)];
        while let Some(path) = stack.pop() {
            for e in std::fs::read_dir(path).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    out.push((
                        p.strip_prefix(tree.root().join(dir))
                            .unwrap()
                            .display()
                            .to_string(),
                        std::fs::read(&p).unwrap(),
                    ));
                }
            }
        }
        out.sort();
        out
    };
    let (one, two) = (files("one"), files("two"));
    assert!(
        one.len() >= 12,
        "{:?}",
        one.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((name, a), (_, b)) in one.iter().zip(&two) {
        assert!(a == b, "{name} differs between builds");
    }
}

#[test]
fn a_dataset_with_errors_is_not_built_and_nothing_is_written() {
    let tree = tree();
    tree.write(
        "dataset/acme-gadgets.json",
        &valid_entry("acme-gadgets").replace("\"US\"", "\"XX\""),
    );
    let output = build(&tree, "dist");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("dataset/acme-gadgets.json") && stderr.contains("not built"),
        "{stderr}"
    );
    assert!(!tree.root().join("dist").exists());
}

/// The build lints and writes in one pass: an error found late (the duplicate company is a
/// dataset-wide finding, known only at the end) still leaves the earlier build whole and
/// creates no folder for the new one.
#[test]
fn an_error_found_at_the_end_of_the_lint_leaves_the_earlier_build_in_place() {
    let tree = tree();
    assert_eq!(build(&tree, "dist").status.code(), Some(0));
    let before = std::fs::read(tree.root().join("dist/companies.json")).unwrap();
    let mut twin = named_entry("acme-widgets-twin", "Acme Widgets");
    twin["identifiers"] = json!({});
    tree.write_entry(&twin);
    for out in ["dist", "new/nested/out"] {
        let output = build(&tree, out);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("entry-duplicate"), "{stderr}");
    }
    assert_eq!(
        std::fs::read(tree.root().join("dist/companies.json")).unwrap(),
        before
    );
    assert!(!tree.root().join("new").exists());
    let leftovers: Vec<_> = std::fs::read_dir(tree.root().join(".icelist/tmp"))
        .map(|d| d.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    assert!(
        leftovers.iter().all(|name| name == "tmp.lock"),
        "{leftovers:?}"
    );
}

#[test]
fn hostile_text_is_escaped_unlinked_and_neutralized() {
    let tree = Tree::new();
    let mut hostile = named_entry(
        "acme-widgets",
        "Acme <script>alert(1)</script>\"><img src=x onerror=alert(2)>",
    );
    hostile["headquarters"] = json!("=HYPERLINK(\"https://evil.example.com\")");
    hostile["sections"]["background"] = json!("<script>alert(3)</script> fictional.[1]");
    hostile["sources"][1]["archive_url"] = json!("javascript:alert(4)");
    tree.write_entry(&hostile);
    // javascript: is refused by lint (url-invalid): turn that rule off to see the site defend itself.
    tree.write(
        "icelist.toml",
        "[rules]\nurl-invalid = \"off\"\nschema = \"warning\"\nname-mixed-script = \"off\"\n",
    );
    let output = build(&tree, "dist");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for page in ["dist/index.html", "dist/companies/acme-widgets.html"] {
        let html = tree.read(page);
        assert!(
            !html.contains("<script>alert") && !html.contains("<img"),
            "{page}"
        );
        assert!(!html.contains("href=\"javascript:"), "{page}");
    }
    let company = tree.read("dist/companies/acme-widgets.html");
    assert!(company.contains("&lt;script&gt;alert(3)&lt;/script&gt;"));
    let csv = tree.read("dist/companies.csv");
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    assert!(!csv.contains(",=HYPERLINK") && !csv.contains(",\"=HYPERLINK"));
}

#[test]
fn the_seed_page_shows_six_sources_with_back_links() {
    let tree = Tree::new();
    tree.write(
        "dataset/salesforce.json",
        &std::fs::read_to_string(repo_path("dataset/salesforce.json")).unwrap(),
    );
    assert_eq!(build(&tree, "dist").status.code(), Some(0));
    let html = tree.read("dist/companies/salesforce.html");
    assert_eq!(html.matches("<li id=\"cite-note-").count(), 6);
    // The claims are read after the sections: their markers are the last uses of each source.
    for backlink in [
        "#cite-ref-1-0",
        "#cite-ref-1-1",
        "#cite-ref-1-2",
        "#cite-ref-1-3",
        "#cite-ref-2-1",
        "#cite-ref-2-2",
        "#cite-ref-3-1",
        "#cite-ref-6-0",
        "#cite-ref-6-1",
    ] {
        assert!(html.contains(&format!("href=\"{backlink}\"")), "{backlink}");
    }
    assert!(!html.contains("#cite-ref-1-4") && !html.contains("#cite-ref-3-2"));
    assert!(html.contains("<sup>1.3</sup>"));
    // Each claim with its agency, kind, status and evidence tier, as docs/methodology.md's
    // table derives it: Salesforce's own press release, a procurement record, an investigation.
    for (claim, tier) in [
        ("cbp-software", "company"),
        ("ice-software", "primary"),
        ("dhs-software", "press"),
    ] {
        let item = html
            .split(&format!("<li id=\"claim-{claim}\">"))
            .nth(1)
            .unwrap_or_else(|| panic!("{claim}"));
        let item = item.split("</li>").next().unwrap();
        assert!(
            item.contains(&format!("evidence: {tier}")),
            "{claim}: {item}"
        );
        assert!(item.contains("unknown"), "{claim}: {item}");
    }
    assert!(html.contains("2018-03 – "), "the period of cbp-software");
}

/// The site fixture (tests/fixtures/site): fictional companies with every kind of record the
/// site shows, committed so that the footer names a commit.
fn site_fixture() -> Tree {
    let tree = Tree::new();
    let fixture = repo_path("tests/fixtures/site");
    tree.write(
        "icelist.toml",
        &std::fs::read_to_string(fixture.join("icelist.toml")).unwrap(),
    );
    for file in std::fs::read_dir(fixture.join("dataset")).unwrap() {
        let path = file.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        tree.write(
            &format!("dataset/{name}"),
            &std::fs::read_to_string(&path).unwrap(),
        );
    }
    let repo = git2::Repository::init(tree.root()).unwrap();
    common::commit_all(&repo, "the site fixture");
    tree
}

/// In Chromium (`.ci/browser/test.mjs`): every page at 375, 768 and 1280 px without sideways
/// scrolling, axe-core with no violation, every internal link and anchor resolving, each
/// filter showing exactly the rows whose value is the chosen one, the search finding a word
/// that only a claim's summary holds, sorting, the view kept in the address, the issue-form
/// links carrying the entry's id, and the index whole without scripts. Screenshots of every
/// page at every width go to target/test-artifacts/site (CI keeps them).
///
/// Needs Chromium and `.ci/browser`'s node modules; `.ci/run` sets ICELIST_BROWSER_TEST=1.
#[test]
fn browser_shows_every_page_on_every_screen() {
    if std::env::var_os("ICELIST_BROWSER_TEST").is_none() {
        eprintln!(
            "skipped: set ICELIST_BROWSER_TEST=1 (needs chromium and `npm install` in .ci/browser)"
        );
        return;
    }
    let tree = site_fixture();
    let built = build(&tree, "dist");
    assert_eq!(
        built.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let artifacts = repo_path("target/test-artifacts/site");
    let _ = std::fs::remove_dir_all(&artifacts);
    let output = std::process::Command::new("node")
        .arg(repo_path(".ci/browser/test.mjs"))
        .arg(tree.root().join("dist"))
        .arg(&artifacts)
        // A word only the claim of example-holdings-00042 holds.
        .args(["zeppelinpost", "example-holdings-00042"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let shots = std::fs::read_dir(&artifacts).unwrap().count();
    // 4 companies, the index, the methodology and the downloads, at three widths.
    assert_eq!(shots, 7 * 3);
}

/// Every claim's evidence tier is in `claims.csv` and the SQLite `claims` table, and it is the
/// one docs/methodology.md's table derives from the cited sources: for the bundled entry,
/// Salesforce's own press release (company), a procurement record (primary) and an
/// investigation (press).
#[test]
fn claims_are_exported_with_their_evidence_tier() {
    let tree = Tree::new();
    tree.write(
        "dataset/salesforce.json",
        &std::fs::read_to_string(repo_path("dataset/salesforce.json")).unwrap(),
    );
    assert_eq!(build(&tree, "dist").status.code(), Some(0));
    let csv = tree.read("dist/claims.csv");
    assert_eq!(
        csv,
        "company_id,claim_id,agency,kind,status,from,to,tier,source_ids\r\n\
         salesforce,cbp-software,CBP,software,unknown,2018-03,,company,2; 3\r\n\
         salesforce,ice-software,ICE,software,unknown,,,primary,6\r\n\
         salesforce,dhs-software,DHS,software,unknown,,,press,1\r\n"
    );
    let db = rusqlite::Connection::open(tree.root().join("dist/icelist.sqlite")).unwrap();
    let rows: Vec<(String, String, String)> = db
        .prepare("SELECT claim_id, tier, source_ids FROM claims ORDER BY position")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        rows,
        [
            ("cbp-software".into(), "company".into(), "[2,3]".into()),
            ("ice-software".into(), "primary".into(), "[6]".into()),
            ("dhs-software".into(), "press".into(), "[1]".into()),
        ]
    );
    let package: Value = serde_json::from_str(&tree.read("dist/datapackage.json")).unwrap();
    let claims = package["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "claims")
        .unwrap();
    assert_eq!(
        claims["schema"]["foreignKeys"][0]["reference"]["resource"],
        "companies"
    );
}

/// Each award of a claim is a row of `awards.csv` and of the SQLite `awards` table, described
/// in the Data Package with its foreign keys; a claim with a checked award is primary,
/// whatever its cited sources (the award record is itself the primary document).
#[test]
fn awards_are_exported_and_a_checked_award_makes_its_claim_primary() {
    let tree = Tree::new();
    let mut entry = named_entry("acme-widgets", "Acme Widgets");
    entry["claims"] = json!([
        {"id": "cbp-logistics", "agency": "CBP", "kind": "logistics",
         "summary": "Acme Widgets supplies CBP.[1]", "status": "current",
         "awards": [
            {"id": "CONT_AWD_ACME0001_ZZ01_-NONE-_-NONE-", "role": "prime",
             "recipient": "ACME WIDGETS INC", "recipient_uei": "ACMEWIDGET12",
             "awarding_agency": {"name": "U.S. Customs and Border Protection", "code": "ZZ01"},
             "obligated": 125000.5, "period": {"from": "2024-10-01", "to": "2027-09-30"},
             "as_of": "2026-05-20"},
            {"id": "CONT_IDV_ACMEIDV01_ZZ02", "role": "via", "via": "=City of Exampleville"}
         ]},
        {"id": "cbp-other", "agency": "CBP", "kind": "other",
         "summary": "Acme Widgets also supplies CBP.[1]", "status": "current"}
    ]);
    tree.write_entry(&entry);
    let output = build(&tree, "dist");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        tree.read("dist/awards.csv"),
        "company_id,claim_id,award_id,role,recipient,recipient_uei,agency,obligated,from,to,as_of\r\n\
         acme-widgets,cbp-logistics,CONT_AWD_ACME0001_ZZ01_-NONE-_-NONE-,prime,ACME WIDGETS INC,ACMEWIDGET12,U.S. Customs and Border Protection,125000.5,2024-10-01,2027-09-30,2026-05-20\r\n\
         acme-widgets,cbp-logistics,CONT_IDV_ACMEIDV01_ZZ02,via,,,,,,,\r\n"
    );
    // The checked award makes the first claim primary; the second keeps its sources' tier.
    let claims = tree.read("dist/claims.csv");
    let tiers: Vec<&str> = claims
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(7).unwrap())
        .collect();
    assert_eq!(tiers[0], "primary", "{claims}");
    assert_ne!(tiers[1], "primary", "{claims}");
    let db = rusqlite::Connection::open(tree.root().join("dist/icelist.sqlite")).unwrap();
    type AwardRow = (String, String, Option<String>, Option<f64>, Option<String>);
    let rows: Vec<AwardRow> = db
        .prepare("SELECT award_id, role, via, obligated, as_of FROM awards ORDER BY award_id")
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        rows,
        [
            (
                "CONT_AWD_ACME0001_ZZ01_-NONE-_-NONE-".into(),
                "prime".into(),
                None,
                Some(125000.5),
                Some("2026-05-20".into())
            ),
            (
                "CONT_IDV_ACMEIDV01_ZZ02".into(),
                "via".into(),
                Some("=City of Exampleville".into()),
                None,
                None
            ),
        ]
    );
    let package: Value = serde_json::from_str(&tree.read("dist/datapackage.json")).unwrap();
    let awards = package["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "awards")
        .unwrap();
    assert_eq!(awards["path"], "awards.csv");
    // The company page links each award's record and says what was read, and when.
    let page = tree.read("dist/companies/acme-widgets.html");
    assert!(
        page.contains(
            "<a href=\"https://www.usaspending.gov/award/CONT_AWD_ACME0001_ZZ01_-NONE-_-NONE-\">"
        ),
        "{page}"
    );
    assert!(
        page.contains("recipient ACME WIDGETS INC (UEI ACMEWIDGET12); awarded by U.S. Customs and Border Protection (ZZ01); obligated 125000.5 USD; 2024-10-01 – 2027-09-30 (as of 2026-05-20)"),
        "{page}"
    );
    assert!(
        page.contains("(via =City of Exampleville): the record has not been checked yet"),
        "{page}"
    );
    assert_eq!(
        awards["schema"]["primaryKey"],
        json!(["company_id", "award_id"])
    );
    assert_eq!(
        awards["schema"]["foreignKeys"][1]["reference"],
        json!({"resource": "claims", "fields": ["company_id", "claim_id"]})
    );
}

/// The company page shows each claim's tier with the hosts of the sources it cites (who
/// published the copy a reader can check).
#[test]
fn a_claims_tier_is_shown_with_the_hosts_of_its_sources() {
    let tree = Tree::new();
    let mut entry = named_entry("acme-widgets", "Acme Widgets");
    entry["claims"] = json!([{"id": "cbp-logistics", "agency": "CBP", "kind": "logistics",
        "summary": "Acme Widgets supplies CBP.[2]", "status": "current"}]);
    tree.write_entry(&entry);
    assert_eq!(build(&tree, "dist").status.code(), Some(0));
    let html = tree.read("dist/companies/acme-widgets.html");
    assert!(
        html.contains("evidence: primary</a> (gazette.example.org)"),
        "{html}"
    );
}

/// The index's headline counts the listed companies only, with the under-review and delisted
/// counts beside it: a build whose only entry is delisted lists no company.
#[test]
fn the_headline_counts_listed_companies_only() {
    let tree = Tree::new();
    let mut delisted = named_entry("acme-widgets", "Acme Widgets");
    delisted["boycott"] = json!({"status": "delisted", "agencies": ["CBP"], "reason": "The fictional contract ended.[2]"});
    tree.write_entry(&delisted);
    let built = build(&tree, "dist");
    assert_eq!(
        built.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let index = tree.read("dist/index.html");
    assert!(
        index.contains("0 companies that support U.S. DHS immigration enforcement are listed, with 0 under review and 1 delisted."),
        "{index}"
    );
    let mut listed = named_entry("example-holdings-00042", "Example Holdings 00042");
    listed["claims"] = json!([{"id": "cbp-logistics", "agency": "CBP", "kind": "logistics",
        "summary": "Example Holdings 00042 supplies CBP.[2]", "status": "current"}]);
    tree.write_entry(&listed);
    let mut review = named_entry("example-holdings-00043", "Example Holdings 00043");
    review["boycott"] = json!({"status": "under-review"});
    tree.write_entry(&review);
    assert_eq!(build(&tree, "dist").status.code(), Some(0));
    let index = tree.read("dist/index.html");
    assert!(
        index.contains("1 company that supports U.S. DHS immigration enforcement is listed, with 1 under review and 1 delisted."),
        "{index}"
    );
}

/// The company page links each identifier to its registry where the registry has a page per
/// identifier, shows the others as text, and says what a partial verification covers.
#[test]
fn identifiers_link_to_their_registries_and_verification_notes_are_shown() {
    let tree = Tree::new();
    let mut entry = named_entry("acme-widgets", "Acme Widgets");
    entry["identifiers"] = json!({
        "website": "https://acme-widgets.example/",
        "wikidata": "Q4242424242",
        "cik": "0000042424",
        "opencorporates": "us_de/0042424",
        "uei": "ACMEWDGT1234",
        "cage": "0ACM1"
    });
    entry["verification"] = json!({"status": "partially-verified", "date": "2026-05-01",
        "notes": "The fictional CBP contract is verified; the ICE claim is not."});
    tree.write_entry(&entry);
    let output = build(&tree, "dist");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let page = tree.read("dist/companies/acme-widgets.html");
    for part in [
        "<a href=\"https://acme-widgets.example/\">",
        "<a href=\"https://www.wikidata.org/wiki/Q4242424242\">Q4242424242</a>",
        "<a href=\"https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&amp;CIK=0000042424\">",
        "<a href=\"https://opencorporates.com/companies/us_de/0042424\">",
        "<td>ACMEWDGT1234</td>",
        "<td>0ACM1</td>",
        "<td>The fictional CBP contract is verified; the ICE claim is not.</td>",
    ] {
        assert!(page.contains(part), "{part}\n{page}");
    }
}

/// The issue forms the site opens exist, and the correction and response forms have the
/// `entry` field that a company page's links fill in.
#[test]
fn the_issue_forms_the_site_opens_exist_with_an_entry_field() {
    for (form, has_entry) in [
        ("propose-company.yml", false),
        ("correct-entry.yml", true),
        ("company-response.yml", true),
        ("propose-delisting.yml", true),
    ] {
        let text =
            std::fs::read_to_string(repo_path(&format!(".github/ISSUE_TEMPLATE/{form}"))).unwrap();
        let yaml: serde_yaml_ng::Value = serde_yaml_ng::from_str(&text).unwrap();
        let entry = yaml["body"]
            .as_sequence()
            .unwrap()
            .iter()
            .find(|field| field["id"].as_str() == Some("entry"));
        assert_eq!(entry.is_some(), has_entry, "{form}");
        if let Some(entry) = entry {
            assert_eq!(entry["type"].as_str(), Some("input"), "{form}");
            assert_eq!(
                entry["validations"]["required"].as_bool(),
                Some(true),
                "{form}"
            );
        }
    }
}

/// With a repository configured, every company page opens the correction and response forms
/// with its id filled in, the index opens the proposal form, and the footer links the commit;
/// `--repository` overrides the setting and is checked; without one, none of these links is
/// written.
#[test]
fn the_site_links_the_issue_forms_of_its_repository() {
    let tree = site_fixture();
    assert_eq!(build(&tree, "dist").status.code(), Some(0));
    let page = tree.read("dist/companies/globex-example.html");
    for href in [
        "https://github.com/example/icelist/issues/new?template=correct-entry.yml&amp;title=Correction%3A+globex-example&amp;entry=globex-example",
        "https://github.com/example/icelist/issues/new?template=company-response.yml&amp;title=Response%3A+globex-example&amp;entry=globex-example",
    ] {
        assert!(page.contains(&format!("href=\"{href}\"")), "{href}\n{page}");
    }
    assert!(page.contains(
        "href=\"https://github.com/example/icelist/commits/HEAD/dataset/globex-example.json\""
    ));
    let head = tree.read("dist/manifest.json");
    let manifest: Value = serde_json::from_str(&head).unwrap();
    let commit = manifest["source_commit"].as_str().unwrap();
    assert!(page.contains(&format!(
        "href=\"https://github.com/example/icelist/commit/{commit}\""
    )));
    let index = tree.read("dist/index.html");
    assert!(index.contains(
        "href=\"https://github.com/example/icelist/issues/new?template=propose-company.yml\""
    ));

    let other = tree
        .command()
        .args([
            "build",
            "--out",
            "other",
            "--repository",
            "https://git.example.org/acme/data.git/",
        ])
        .output()
        .unwrap();
    assert_eq!(other.status.code(), Some(0));
    assert!(
        tree.read("other/index.html")
            .contains("https://git.example.org/acme/data/issues/new?template=propose-company.yml")
    );
    for bad in [
        "http://github.com/a/b",
        "https://github.com/a",
        "https://github.com/a/b/c",
        "javascript:alert(1)",
        "https://u:p@github.com/a/b",
    ] {
        let refused = tree
            .command()
            .args(["build", "--out", "bad", "--repository", bad])
            .output()
            .unwrap();
        assert_eq!(refused.status.code(), Some(2), "{bad}");
        assert!(
            String::from_utf8_lossy(&refused.stderr).contains("--repository"),
            "{bad}"
        );
    }

    std::fs::write(
        tree.root().join("icelist.toml"),
        "data_licence = \"CC-BY-SA-4.0\"\n",
    )
    .unwrap();
    assert_eq!(build(&tree, "plain").status.code(), Some(0));
    let page = tree.read("plain/companies/globex-example.html");
    assert!(
        !page.contains("issues/new") && !page.contains("/commit/"),
        "{page}"
    );
    assert!(page.contains("Built from commit <code>"), "{page}");
}

/// The methodology and downloads pages: the methodology's headings have the ids the tier
/// badges link to; the downloads page gives each file's size and SHA-256 as `sha256sum` does.
#[test]
fn the_methodology_and_downloads_pages_describe_the_build() {
    let tree = site_fixture();
    assert_eq!(build(&tree, "dist").status.code(), Some(0));
    let methodology = tree.read("dist/methodology.html");
    assert!(
        methodology.contains("<h2 id=\"evidence-tiers\">"),
        "{methodology}"
    );
    assert!(
        tree.read("dist/companies/acme-widgets.html")
            .contains("href=\"../methodology.html#evidence-tiers\"")
    );
    let downloads = tree.read("dist/downloads.html");
    let sums = std::process::Command::new("sha256sum")
        .args([
            "companies.json",
            "icelist.sqlite",
            "schema/company.schema.json",
        ])
        .current_dir(tree.root().join("dist"))
        .output()
        .unwrap();
    for line in String::from_utf8(sums.stdout).unwrap().lines() {
        let (sum, name) = line.split_once("  ").unwrap();
        assert!(downloads.contains(sum), "{name}: {downloads}");
    }
    // Not a release: the files are named, with no release address.
    assert!(downloads.contains("not a release") && !downloads.contains("/releases/download/"));
}

/// Responses are exported: `responses.csv` with the claims each disputes and whether it is
/// confirmed, the SQLite `responses` and `disputes` tables; the company page marks the disputed
/// claim, links its response, and says the company's reply is unconfirmed.
#[test]
fn responses_are_exported_and_shown_next_to_the_claims_they_dispute() {
    let tree = site_fixture();
    let built = build(&tree, "dist");
    assert_eq!(
        built.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert_eq!(
        tree.read("dist/responses.csv"),
        "company_id,response_id,date,kind,by,confirmed,summary,url,disputes\r\n\
         acme-widgets,contact-2026,2026-03-01,contacted,maintainers,true,press office e-mail,,\r\n\
         acme-widgets,reply-2026,2026-05-02,reply,company,false,Acme Widgets says its fictional drones never flew along the border.[5],https://acme.example.com/press/border-statement,cbp-surveillance\r\n"
    );
    let db = rusqlite::Connection::open(tree.root().join("dist/icelist.sqlite")).unwrap();
    let rows: Vec<(String, i64, i64)> = db
        .prepare("SELECT response_id, position, confirmed FROM responses ORDER BY position")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        rows,
        [
            ("contact-2026".to_owned(), 0, 1),
            ("reply-2026".to_owned(), 1, 0)
        ]
    );
    let disputes: Vec<(String, String)> = db
        .prepare("SELECT claim_id, response_id FROM disputes")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        disputes,
        [("cbp-surveillance".to_owned(), "reply-2026".to_owned())]
    );
    let page = tree.read("dist/companies/acme-widgets.html");
    let claim = page
        .split("<li id=\"claim-cbp-surveillance\">")
        .nth(1)
        .unwrap()
        .split("</li>")
        .next()
        .unwrap();
    assert!(
        claim.contains("<strong>Disputed</strong> by <a href=\"#response-reply-2026\">The company's reply of 2026-05-02</a>"),
        "{claim}"
    );
    let reply = page
        .split("<li id=\"response-reply-2026\">")
        .nth(1)
        .unwrap();
    assert!(reply.contains("class=\"unconfirmed\""), "{reply}");
    assert!(reply.contains("href=\"#cite-note-5\""), "{reply}");
    assert!(
        !page
            .split("<li id=\"response-contact-2026\">")
            .nth(1)
            .unwrap()
            .split("</li>")
            .next()
            .unwrap()
            .contains("unconfirmed")
    );
}

/// Commits everything in the work tree on `day` (YYYY-MM-DD, at noon UTC).
fn commit_on(repo: &git2::Repository, day: &str, message: &str) {
    let date =
        time::Date::parse(day, &time::format_description::well_known::Iso8601::DATE).unwrap();
    let seconds = date.midnight().assume_utc().unix_timestamp() + 12 * 3600;
    common::commit_all_at(repo, message, seconds);
}

/// `history.json`, the CSV, SQLite and the company page give each entry's first and last
/// change from the git history: reformatting a file is no change, a rename carries the
/// history to the new id, a removed entry is gone; a shallow clone says its history is
/// incomplete.
#[test]
fn the_history_gives_when_each_entry_appeared_and_last_changed() {
    let tree = Tree::new();
    let repo = git2::Repository::init(tree.root()).unwrap();
    tree.write_entry(&named_entry("acme-widgets", "Acme Widgets"));
    tree.write_entry(&named_entry(
        "example-holdings-00042",
        "Example Holdings 00042",
    ));
    tree.write_entry(&named_entry("initech-example", "Initech Example"));
    commit_on(&repo, "2026-01-05", "three entries");
    // Formatting only: the same data, written compactly.
    let mut holdings: Value =
        serde_json::from_str(&tree.read("dataset/example-holdings-00042.json")).unwrap();
    tree.write(
        "dataset/example-holdings-00042.json",
        &serde_json::to_string(&holdings).unwrap(),
    );
    commit_on(&repo, "2026-02-05", "reformat");
    holdings["industry"] = json!(["Logistics"]);
    tree.write_entry(&holdings);
    commit_on(&repo, "2026-03-05", "a change");
    // A rename: the same company under a new id.
    let mut acme: Value = serde_json::from_str(&tree.read("dataset/acme-widgets.json")).unwrap();
    std::fs::remove_file(tree.root().join("dataset/acme-widgets.json")).unwrap();
    acme["id"] = json!("acme-widgets-inc");
    tree.write_entry(&acme);
    commit_on(&repo, "2026-04-05", "a rename");
    std::fs::remove_file(tree.root().join("dataset/initech-example.json")).unwrap();
    tree.write_entry(&named_entry("globex-example", "Globex Example"));
    commit_on(&repo, "2026-05-05", "one removed, one added");

    let built = build(&tree, "dist");
    assert_eq!(
        built.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let history: Value = serde_json::from_str(&tree.read("dist/history.json")).unwrap();
    common::assert_valid_output("history", &history);
    assert_eq!(history["complete"], true);
    let dates = |id: &str| {
        (
            history["entries"][id]["first_seen"]
                .as_str()
                .map(str::to_owned),
            history["entries"][id]["last_changed"]
                .as_str()
                .map(str::to_owned),
        )
    };
    let day = |d: &str| Some(d.to_owned());
    assert_eq!(
        dates("acme-widgets-inc"),
        (day("2026-01-05"), day("2026-04-05"))
    );
    assert_eq!(
        dates("globex-example"),
        (day("2026-05-05"), day("2026-05-05"))
    );
    assert_eq!(
        dates("example-holdings-00042"),
        (day("2026-01-05"), day("2026-03-05"))
    );
    assert_eq!(dates("initech-example"), (None, None));
    assert_eq!(dates("acme-widgets"), (None, None));
    let csv = tree.read("dist/companies.csv");
    let row = csv
        .lines()
        .find(|l| l.starts_with("acme-widgets-inc,"))
        .unwrap();
    assert!(row.ends_with(",2026-01-05,2026-04-05"), "{row}");
    let db = rusqlite::Connection::open(tree.root().join("dist/icelist.sqlite")).unwrap();
    let (first, last): (String, String) = db
        .query_row(
            "SELECT first_seen, last_changed FROM companies WHERE id = 'globex-example'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (first.as_str(), last.as_str()),
        ("2026-05-05", "2026-05-05")
    );
    let page = tree.read("dist/companies/acme-widgets-inc.html");
    assert!(
        page.contains("<th>First seen</th><td>2026-01-05</td>"),
        "{page}"
    );
    assert!(
        page.contains("<th>Last changed</th><td>2026-04-05</td>"),
        "{page}"
    );

    // A shallow clone holds only its last commit: the history says it is incomplete, and the
    // build says so.
    let shallow = tempfile::tempdir().unwrap();
    let clone = std::process::Command::new("git")
        .args(["clone", "--quiet", "--depth", "1"])
        .arg(format!("file://{}", tree.root().display()))
        .arg(shallow.path().join("copy"))
        .output()
        .unwrap();
    assert!(clone.status.success(), "{clone:?}");
    let copy = shallow.path().join("copy");
    let output = assert_cmd::Command::cargo_bin("icelist")
        .unwrap()
        .current_dir(&copy)
        .env("ICELIST_TODAY", "2026-06-01")
        .args(["build", "--out", "dist"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("history.json is incomplete"),
        "{output:?}"
    );
    let history: Value =
        serde_json::from_str(&std::fs::read_to_string(copy.join("dist/history.json")).unwrap())
            .unwrap();
    assert_eq!(history["complete"], false);
    assert_eq!(
        history["entries"]["acme-widgets-inc"]["first_seen"],
        "2026-05-05"
    );

    // Without git there is no history, and the file says so.
    let plain = Tree::new();
    plain.write_entry(&named_entry("acme-widgets", "Acme Widgets"));
    assert_eq!(build(&plain, "dist").status.code(), Some(0));
    let history: Value = serde_json::from_str(&plain.read("dist/history.json")).unwrap();
    common::assert_valid_output("history", &history);
    assert_eq!(history["complete"], false);
    assert_eq!(history["entries"], json!({}));
}

/// A delisted entry's reason is cited text: its marker links to the footnote as a section's
/// does, and the footnote links back to it, in the order the numbering of sources reads
/// (the sections, then the reason).
#[test]
fn a_delisting_reasons_markers_link_to_their_footnotes() {
    let tree = tree();
    assert_eq!(build(&tree, "dist").status.code(), Some(0));
    let page = tree.read("dist/companies/acme.html");
    let row = page
        .split("<th>Delisted because</th>")
        .nth(1)
        .and_then(|rest| rest.split("</tr>").next())
        .unwrap_or_else(|| panic!("no reason row:\n{page}"));
    assert!(row.contains("The fictional contract ended."), "{row}");
    assert!(row.contains("<a href=\"#cite-note-1\">[1]</a>"), "{row}");
    assert!(
        !row.contains("ended.[1]"),
        "the marker is shown as text: {row}"
    );
    // Every marker of source 1 has its own anchor and the footnote links back to each.
    let anchors = page.matches("id=\"cite-ref-1-").count();
    let back_links = page.matches("href=\"#cite-ref-1-").count();
    assert!(anchors >= 2, "{page}");
    assert_eq!(anchors, back_links, "{page}");
    let reason_anchor = format!("id=\"cite-ref-1-{}\"", anchors - 1);
    assert!(
        row.contains(&reason_anchor),
        "the reason is read after the sections: {row}"
    );
}
