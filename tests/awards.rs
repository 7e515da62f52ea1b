//! `icelist awards check` and `awards find` through the binary, against a mock of
//! USAspending's API on 127.0.0.1 that answers in the documented shapes
//! (`usaspending_api/api_contracts/contracts/v2/awards/award_id.md`, `.../v2/subawards.md`,
//! `.../v2/search/spending_by_award.md`). Every company and award is fictional. No test
//! touches the internet.
#![allow(clippy::unwrap_used, clippy::expect_used)]
#![cfg(feature = "online")]

mod common;

#[path = "common/mock_api.rs"]
mod mock_api;

use common::{Tree, named_entry};
use mock_api::{Api, Reply, award_path, ok, record, status};
use serde_json::{Value, json};

const CBP: &str = "U.S. Customs and Border Protection";
const ICE: &str = "U.S. Immigration and Customs Enforcement";

/// Acme Widgets (CBP claim) with the given awards.
fn tree_with(awards: Value) -> Tree {
    let tree = Tree::new();
    let mut entry = named_entry("acme-widgets", "Acme Widgets");
    entry["aliases"] = json!(["Acme Widgets Inc."]);
    entry["claims"][0]["awards"] = awards;
    tree.write_entry(&entry);
    tree
}

fn check(tree: &Tree, api: &Api, extra: &[&str]) -> (i32, Value) {
    let output = tree
        .command()
        .args(["awards", "check", "--api-base", &api.base()])
        .args(["--allow-private-addresses", "--host-interval", "0"])
        .args(["--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {stdout} {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    common::assert_valid_output("awards-check", &report);
    (output.status.code().unwrap(), report)
}

const A1: &str = "CONT_AWD_ACME0001_ZZ01_-NONE-_-NONE-";
const A2: &str = "CONT_AWD_ACME0002_ZZ01_ACMEIDV01_ZZ02";
const A3: &str = "CONT_IDV_ACMEIDV01_ZZ02";
const A4: &str = "CONT_AWD_ACME0004_ZZ01_-NONE-_-NONE-";
const A5: &str = "CONT_AWD_ACME0005_ZZ01_-NONE-_-NONE-";
const A6: &str = "CONT_AWD_ACME0006_ZZ01_-NONE-_-NONE-";
const A7: &str = "CONT_AWD_ACME0007_ZZ01_-NONE-_-NONE-";

#[test]
fn every_verdict_through_the_binary() {
    let api = Api::start();
    // Confirmed by name (the suffix and case do not count).
    api.on(
        &award_path(A1),
        vec![ok(record(
            A1,
            "ACME WIDGETS, INC.",
            CBP,
            125000.5,
            "2027-09-30",
        ))],
    );
    // Another recipient.
    api.on(
        &award_path(A2),
        vec![ok(record(
            A2,
            "GLOBEX EXAMPLE LLC",
            CBP,
            10.0,
            "2025-01-01",
        ))],
    );
    // Another agency.
    api.on(
        &award_path(A3),
        vec![ok(record(A3, "ACME WIDGETS INC", ICE, 10.0, "2025-01-01"))],
    );
    // The parent recipient is the company.
    let mut parent = record(
        A4,
        "ACME WIDGETS FEDERAL SUBSIDIARY LLC",
        CBP,
        99.0,
        "2026-12-31",
    );
    parent["recipient"]["parent_recipient_name"] = json!("ACME WIDGETS INC");
    api.on(&award_path(A4), vec![ok(parent)]);
    // 429 with Retry-After, then the record.
    api.on(
        &award_path(A5),
        vec![
            Reply {
                status: 429,
                retry_after: Some("0"),
                body: "{}".into(),
            },
            ok(record(A5, "Acme Widgets", CBP, 5.0, "2026-12-31")),
        ],
    );
    // A server error every time.
    api.on(
        &award_path(A6),
        vec![status(500, json!({"detail": "fictional outage"}))],
    );
    // A7 is unknown: 404 with the API's body.
    let tree = tree_with(json!([
        {"id": A1, "role": "prime"},
        {"id": A2, "role": "prime"},
        {"id": A3, "role": "prime"},
        {"id": A4, "role": "prime"},
        {"id": A5, "role": "prime"},
        {"id": A6, "role": "prime"},
        {"id": A7, "role": "prime"}
    ]));
    let (code, report) = check(&tree, &api, &["--retries", "1", "--state", "state.json"]);
    assert_eq!(code, 0, "{report:#}");
    let verdict = |id: &str| {
        report["awards"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["award"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(verdict(A1)["verdict"], "confirmed");
    assert_eq!(verdict(A1)["facts"]["obligated"], json!(125000.5));
    assert_eq!(
        verdict(A1)["facts"]["awarding_agency"],
        json!({"name": CBP, "code": "ZZ01"})
    );
    assert_eq!(
        verdict(A1)["url"],
        format!("https://www.usaspending.gov/award/{A1}")
    );
    assert_eq!(verdict(A2)["verdict"], "mismatch");
    assert_eq!(
        verdict(A2)["mismatches"],
        json!([{"test": "recipient", "expected": "Acme Widgets / Acme Widgets Inc.", "found": "GLOBEX EXAMPLE LLC"}])
    );
    assert_eq!(verdict(A3)["verdict"], "mismatch");
    assert_eq!(verdict(A3)["mismatches"][0]["test"], "agency");
    assert_eq!(verdict(A3)["mismatches"][0]["expected"], "CBP");
    assert_eq!(verdict(A4)["verdict"], "confirmed");
    assert_eq!(verdict(A5)["verdict"], "confirmed");
    assert_eq!(verdict(A6)["verdict"], "unreachable");
    assert_eq!(verdict(A6)["status"], 500);
    assert_eq!(verdict(A7)["verdict"], "not-found");
    assert_eq!(
        report["summary"],
        json!({"confirmed": 3, "mismatch": 2, "not_found": 1, "unreachable": 1, "changed": 0, "facts_differ": 0})
    );
    // The 429 was asked again; the 500 once more (one retry), then given up.
    let asked = |path: String| api.requests().iter().filter(|r| r.1 == path).count();
    assert_eq!(asked(award_path(A5)), 2);
    assert_eq!(asked(award_path(A6)), 2);
    // `--fail-on mismatch` turns the same findings into exit 1.
    let (code, _) = check(
        &tree,
        &api,
        &[
            "--retries",
            "0",
            "--state",
            "state.json",
            "--fail-on",
            "mismatch",
        ],
    );
    assert_eq!(code, 1);
    // The JSON contract, pinned.
    let one = tree_with(json!([{"id": A2, "role": "prime"}]));
    let (_, pinned) = check(&one, &api, &["--state", "s.json"]);
    insta::assert_json_snapshot!("awards_check_json", pinned);
}

#[test]
fn via_and_subawards_are_judged_on_their_own_recipient() {
    let api = Api::start();
    api.on(
        &award_path(A1),
        vec![ok(record(
            A1,
            "CITY OF EXAMPLEVILLE",
            CBP,
            1.0,
            "2026-12-31",
        ))],
    );
    api.on(
        &award_path(A2),
        vec![ok(record(A2, "GLOBEX EXAMPLE LLC", CBP, 1.0, "2026-12-31"))],
    );
    api.on(
        &award_path(A4),
        vec![ok(record(A4, "GLOBEX EXAMPLE LLC", CBP, 1.0, "2026-12-31"))],
    );
    api.on(
        "/api/v2/subawards/",
        vec![ok(json!({
            "page_metadata": {"page": 1, "next": null, "previous": null, "hasNext": false, "hasPrevious": false},
            "results": [{"id": 1, "subaward_number": "SUB-1", "description": "FICTIONAL",
                         "action_date": "2025-02-01", "amount": 10.0, "recipient_name": "ACME WIDGETS INC"}]
        }))],
    );
    let tree = tree_with(json!([
        {"id": A1, "role": "via", "via": "City of Exampleville"},
        {"id": A2, "role": "sub"},
        {"id": A4, "role": "via", "via": "County of Nowhere"}
    ]));
    let (_, report) = check(&tree, &api, &["--state", "s.json"]);
    assert_eq!(report["awards"][0]["verdict"], "confirmed", "{report:#}");
    assert_eq!(report["awards"][1]["verdict"], "confirmed", "{report:#}");
    assert_eq!(report["awards"][2]["verdict"], "mismatch");
    assert_eq!(report["awards"][2]["mismatches"][0]["test"], "via");
    // The subawards were asked for the sub award only, with its id in the documented body.
    let sub: Vec<_> = api
        .requests()
        .into_iter()
        .filter(|r| r.1 == "/api/v2/subawards/")
        .collect();
    assert_eq!(sub.len(), 1);
    assert_eq!(sub[0].0, "POST");
    let body: Value = serde_json::from_str(&sub[0].2).unwrap();
    assert_eq!(body["award_id"], A2);
    // A subaward list without the company is a mismatch that names who holds them.
    api.on(
        "/api/v2/subawards/",
        vec![ok(json!({"page_metadata": {"hasNext": false}, "results": [
            {"id": 2, "subaward_number": "SUB-2", "recipient_name": "INITECH EXAMPLE"}]}))],
    );
    let only_sub = tree_with(json!([{"id": A2, "role": "sub"}]));
    let (_, report) = check(&only_sub, &api, &["--state", "s.json"]);
    assert_eq!(report["awards"][0]["verdict"], "mismatch");
    assert_eq!(
        report["awards"][0]["mismatches"][0]["found"],
        "INITECH EXAMPLE"
    );
}

#[test]
fn a_record_that_changes_between_runs_is_flagged_with_old_and_new_values() {
    let api = Api::start();
    api.on(
        &award_path(A1),
        vec![
            ok(record(A1, "ACME WIDGETS INC", CBP, 100.0, "2026-12-31")),
            ok(record(A1, "ACME WIDGETS INC", CBP, 250.0, "2027-06-30")),
        ],
    );
    let tree = tree_with(json!([{"id": A1, "role": "prime"}]));
    let (_, first) = check(&tree, &api, &["--state", "state.json"]);
    assert_eq!(first["awards"][0]["changed"], false);
    let (code, second) = check(
        &tree,
        &api,
        &["--state", "state.json", "--fail-on", "changed"],
    );
    assert_eq!(code, 1);
    assert_eq!(second["awards"][0]["verdict"], "confirmed");
    assert_eq!(second["awards"][0]["changed"], true);
    assert_eq!(
        second["awards"][0]["changes"],
        json!([
            {"field": "end", "old": "2026-12-31", "new": "2027-06-30"},
            {"field": "obligated", "old": "100.0", "new": "250.0"}
        ])
    );
    // A third run sees the same record as the second: no change.
    let (code, third) = check(
        &tree,
        &api,
        &["--state", "state.json", "--fail-on", "changed"],
    );
    assert_eq!((code, &third["awards"][0]["changed"]), (0, &json!(false)));
}

#[test]
fn write_changes_only_the_fact_fields_and_a_typed_fact_is_caught() {
    let api = Api::start();
    api.on(
        &award_path(A1),
        vec![ok(record(
            A1,
            "ACME WIDGETS INC",
            CBP,
            125000.5,
            "2027-09-30",
        ))],
    );
    api.on(
        &award_path(A2),
        vec![ok(record(A2, "GLOBEX EXAMPLE LLC", CBP, 1.0, "2026-12-31"))],
    );
    let tree = tree_with(json!([{"id": A1, "role": "prime"}, {"id": A2, "role": "prime"}]));
    // The entry as `fmt` writes it, so that a byte diff shows only what --write adds.
    let fmt = tree.command().args(["fmt"]).output().unwrap();
    assert!(
        fmt.status.success(),
        "{}",
        String::from_utf8_lossy(&fmt.stderr)
    );
    let before = tree.read("dataset/acme-widgets.json");
    let output = tree
        .command()
        .args(["awards", "check", "--write", "--api-base", &api.base()])
        .args([
            "--allow-private-addresses",
            "--host-interval",
            "0",
            "--state",
            "s.json",
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("wrote the awards' facts into dataset/acme-widgets.json"),
        "{stdout}"
    );
    let after = tree.read("dataset/acme-widgets.json");
    let diff = similar::TextDiff::from_lines(&before, &after);
    let removed: Vec<String> = diff
        .iter_all_changes()
        .filter(|c| c.tag() == similar::ChangeTag::Delete)
        .map(|c| c.to_string())
        .collect();
    let added: String = diff
        .iter_all_changes()
        .filter(|c| c.tag() == similar::ChangeTag::Insert)
        .map(|c| c.to_string())
        .collect();
    // The confirmed award's `"role": "prime"` line gains a comma; nothing else goes.
    assert_eq!(removed, ["          \"role\": \"prime\"\n"], "{added}");
    assert_eq!(
        added,
        [
            "          \"role\": \"prime\",\n",
            "          \"recipient\": \"ACME WIDGETS INC\",\n",
            "          \"recipient_uei\": \"ACMEWIDGET12\",\n",
            "          \"awarding_agency\": {\n",
            "            \"name\": \"U.S. Customs and Border Protection\",\n",
            "            \"code\": \"ZZ01\"\n",
            "          },\n",
            "          \"obligated\": 125000.5,\n",
            "          \"period\": {\n",
            "            \"from\": \"2024-10-01\",\n",
            "            \"to\": \"2027-09-30\"\n",
            "          },\n",
            "          \"as_of\": \"2026-06-01\"\n",
        ]
        .concat()
    );
    // The entry lints clean with the facts written (the mismatched award stays unchecked).
    let report = tree.lint();
    let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["award-unchecked"], "{codes:?}");
    // A fact typed by hand that the record does not hold is caught, and --fail-on fails.
    let mut entry: Value = serde_json::from_str(&after).unwrap();
    entry["claims"][0]["awards"][0]["obligated"] = json!(999999999);
    tree.write_entry(&entry);
    let (code, report) = check(&tree, &api, &["--state", "s.json", "--fail-on", "mismatch"]);
    assert_eq!(code, 1);
    assert_eq!(report["awards"][0]["facts_differ"], true);
}

#[test]
fn from_file_reads_the_download_with_the_same_verdicts() {
    let tree = tree_with(json!([
        {"id": A1, "role": "prime"},
        {"id": A2, "role": "prime"},
        {"id": A7, "role": "prime"}
    ]));
    // The download's own column names, in its order, among columns the check does not read.
    let csv = "\u{feff}contract_award_unique_key,award_id_piid,parent_award_agency_id,total_obligated_amount,period_of_performance_start_date,period_of_performance_current_end_date,awarding_agency_code,awarding_agency_name,awarding_sub_agency_code,awarding_sub_agency_name,funding_agency_code,funding_agency_name,funding_sub_agency_code,funding_sub_agency_name,recipient_uei,recipient_name,recipient_parent_uei,recipient_parent_name,last_modified_date\n\
        CONT_AWD_ACME0001_ZZ01_-NONE-_-NONE-,ACME0001,,125000.50,2024-10-01,2027-09-30,070,Department of Homeland Security,ZZ01,U.S. Customs and Border Protection,,,,,ACMEWIDGET12,\"ACME WIDGETS, INC.\",,,2026-01-05 10:00:00\n\
        CONT_AWD_ACME0002_ZZ01_ACMEIDV01_ZZ02,ACME0002,ZZ02,7.00,2024-10-01,2025-09-30,070,Department of Homeland Security,ZZ01,U.S. Customs and Border Protection,,,,,GLOBEXEXAM12,GLOBEX EXAMPLE LLC,,,2026-01-05 10:00:00\n";
    tree.write("awards.csv", csv);
    let output = tree
        .command()
        .args([
            "awards",
            "check",
            "--from-file",
            "awards.csv",
            "--format",
            "json",
            "--state",
            "s.json",
        ])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stderr)));
    common::assert_valid_output("awards-check", &report);
    assert_eq!(report["from"], "file");
    let verdicts: Vec<&str> = report["awards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts, ["confirmed", "mismatch", "not-found"]);
    assert_eq!(report["awards"][0]["facts"]["obligated"], json!(125000.50));
    // A file that is not the download is refused with a reason, exit 2.
    tree.write("other.csv", "a,b\n1,2\n");
    let output = tree
        .command()
        .args(["awards", "check", "--from-file", "other.csv"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("contract_award_unique_key"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn the_public_api_is_the_default_and_private_addresses_are_refused() {
    let api = Api::start();
    api.on(
        &award_path(A1),
        vec![ok(record(A1, "ACME WIDGETS INC", CBP, 1.0, "2026-12-31"))],
    );
    let tree = tree_with(json!([{"id": A1, "role": "prime"}]));
    let output = tree
        .command()
        .args([
            "awards",
            "check",
            "--api-base",
            &api.base(),
            "--format",
            "json",
            "--retries",
            "0",
        ])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["awards"][0]["verdict"], "unreachable");
    assert!(
        report["awards"][0]["detail"]
            .as_str()
            .unwrap()
            .contains("not a public address")
    );
    assert!(api.requests().is_empty());
    let help = tree
        .command()
        .args(["awards", "check", "--help"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("https://api.usaspending.gov"));
}

#[test]
fn find_lists_candidates_from_both_searches_filtered_by_agency() {
    let api = Api::start();
    let row = |id: &str, sub: &str| {
        json!({"internal_id": 1, "generated_internal_id": id, "Award ID": "X",
               "Recipient Name": "ACME WIDGETS INC", "Recipient UEI": "ACMEWIDGET12",
               "Awarding Agency": "Department of Homeland Security", "Awarding Sub Agency": sub,
               "Funding Agency": null, "Funding Sub Agency": null, "Award Amount": 10.5,
               "Start Date": "2024-10-01", "End Date": "2025-09-30", "Description": "FICTIONAL"})
    };
    api.on(
        "/api/v2/search/spending_by_award/",
        vec![
            ok(json!({"results": [row(A1, CBP), row(A2, ICE)], "page_metadata": {"page": 1, "hasNext": false}})),
            ok(json!({"results": [row(A3, CBP)], "page_metadata": {"page": 1, "hasNext": false}})),
        ],
    );
    let tree = Tree::new();
    let output = tree
        .command()
        .args([
            "awards",
            "find",
            "--recipient",
            "Acme Widgets",
            "--agency",
            "cbp",
        ])
        .args([
            "--since",
            "2024-01-01",
            "--format",
            "json",
            "--api-base",
            &api.base(),
        ])
        .args(["--allow-private-addresses", "--host-interval", "0"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let found: Value = serde_json::from_slice(&output.stdout).unwrap();
    let ids: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [A1, A3]);
    // Two searches, contracts then vehicles (the API refuses a mix of groups).
    let bodies: Vec<Value> = api
        .requests()
        .iter()
        .map(|r| serde_json::from_str(&r.2).unwrap())
        .collect();
    assert_eq!(bodies.len(), 2);
    assert_eq!(
        bodies[0]["filters"]["award_type_codes"],
        json!(["A", "B", "C", "D"])
    );
    assert_eq!(bodies[1]["filters"]["award_type_codes"][0], "IDV_A");
    assert_eq!(
        bodies[0]["filters"]["recipient_search_text"],
        json!(["Acme Widgets"])
    );
    assert_eq!(
        bodies[0]["filters"]["time_period"],
        json!([{"start_date": "2024-01-01", "end_date": "2026-06-01"}])
    );
    assert!(
        !bodies[1]["fields"]
            .as_array()
            .unwrap()
            .contains(&json!("End Date"))
    );
    // Nothing was written.
    assert!(!tree.root().join(".icelist").exists());
    // A search the API refuses is an error with its reason, exit 2.
    api.on(
        "/api/v2/search/spending_by_award/",
        vec![status(422, json!({"detail": "fictional refusal"}))],
    );
    let output = tree
        .command()
        .args([
            "awards",
            "find",
            "--uei",
            "ACMEWIDGET12",
            "--api-base",
            &api.base(),
        ])
        .args(["--allow-private-addresses", "--host-interval", "0"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("422"));
}

#[test]
fn an_unreadable_record_a_typed_id_and_too_many_awards_never_pass() {
    let api = Api::start();
    api.on(
        &award_path(A6),
        vec![status(503, json!({"detail": "fictional outage"}))],
    );
    // Unreachable alone fails --fail-on mismatch: the review must not pass an unread award.
    let tree = tree_with(json!([{"id": A6, "role": "prime"}]));
    let (code, report) = check(
        &tree,
        &api,
        &[
            "--retries",
            "0",
            "--state",
            "s.json",
            "--fail-on",
            "mismatch",
        ],
    );
    assert_eq!(
        (code, &report["awards"][0]["verdict"]),
        (1, &json!("unreachable"))
    );
    // An id outside the grammar is never asked for: it cannot reach another path.
    let before = api.requests().len();
    let tree =
        tree_with(json!([{"id": "..", "role": "prime"}, {"id": "../../search/", "role": "prime"}]));
    let (code, report) = check(&tree, &api, &["--state", "s.json", "--fail-on", "mismatch"]);
    assert_eq!(code, 1);
    assert_eq!(report["awards"][0]["verdict"], "mismatch");
    assert_eq!(report["awards"][0]["mismatches"][0]["test"], "id");
    assert_eq!(api.requests().len(), before);
    // More awards than --max-awards: refused before any request, exit 2.
    let tree = tree_with(
        json!([{"id": A1, "role": "prime"}, {"id": A2, "role": "prime"}, {"id": A4, "role": "prime"}]),
    );
    let output = tree
        .command()
        .args([
            "awards",
            "check",
            "--max-awards",
            "2",
            "--api-base",
            &api.base(),
        ])
        .args(["--allow-private-addresses", "--host-interval", "0"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("more than --max-awards 2"));
    assert_eq!(api.requests().len(), before);
}

#[test]
fn an_entry_with_a_uei_matches_an_older_record_without_one_by_name() {
    let api = Api::start();
    let mut old = record(A1, "ACME WIDGETS INC", CBP, 1.0, "2026-12-31");
    old["recipient"]["recipient_uei"] = Value::Null;
    api.on(&award_path(A1), vec![ok(old)]);
    let mut other = record(A2, "ACME WIDGETS INC", CBP, 1.0, "2026-12-31");
    other["recipient"]["recipient_uei"] = json!("GLOBEXEXAM12");
    api.on(&award_path(A2), vec![ok(other)]);
    let tree = Tree::new();
    let mut entry = named_entry("acme-widgets", "Acme Widgets");
    entry["identifiers"] = json!({"uei": "ACMEWIDGET12"});
    entry["claims"][0]["awards"] =
        json!([{"id": A1, "role": "prime"}, {"id": A2, "role": "prime"}]);
    tree.write_entry(&entry);
    let (_, report) = check(&tree, &api, &["--state", "s.json"]);
    assert_eq!(report["awards"][0]["verdict"], "confirmed", "{report:#}");
    // With a UEI on both sides, the UEI decides, whatever the name says.
    assert_eq!(report["awards"][1]["verdict"], "mismatch", "{report:#}");
    assert_eq!(
        report["awards"][1]["mismatches"][0]["expected"],
        "UEI ACMEWIDGET12"
    );
}

/// The awards `awards check --changed-since HEAD` selects in `tree`.
fn selected_since_head(tree: &Tree, api: &Api) -> Vec<String> {
    let (_, report) = check(tree, api, &["--state", "s.json", "--changed-since", "HEAD"]);
    report["awards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["award"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn changed_since_selects_an_award_whose_claim_or_company_changed() {
    let api = Api::start();
    api.on(
        &award_path(A1),
        vec![ok(record(A1, "ACME WIDGETS INC", CBP, 1.0, "2026-12-31"))],
    );
    api.on(
        &award_path(A2),
        vec![ok(record(A2, "ACME WIDGETS INC", CBP, 1.0, "2026-12-31"))],
    );
    let tree = tree_with(json!([{"id": A1, "role": "prime"}, {"id": A2, "role": "prime"}]));
    let repo = git2::Repository::init(tree.root()).unwrap();
    common::commit_all(&repo, "base");
    let selected = |tree: &Tree| selected_since_head(tree, &api);
    assert!(selected(&tree).is_empty());
    let mut entry: Value = serde_json::from_str(&tree.read("dataset/acme-widgets.json")).unwrap();
    // A fact typed into one award: that award only.
    entry["claims"][0]["awards"][1]["obligated"] = json!(5);
    tree.write_entry(&entry);
    assert_eq!(selected(&tree), [A2]);
    // The claim's agency changes: every award the claim holds is judged again.
    entry["claims"][0]["awards"][1] = json!({"id": A2, "role": "prime"});
    entry["claims"][0]["agency"] = json!("ICE");
    tree.write_entry(&entry);
    assert_eq!(selected(&tree), [A1, A2]);
}

#[test]
fn changed_since_reads_an_old_entry_that_starts_with_a_byte_order_mark() {
    let api = Api::start();
    for id in [A1, A2] {
        api.on(
            &award_path(id),
            vec![ok(record(id, "ACME WIDGETS INC", CBP, 1.0, "2026-12-31"))],
        );
    }
    let tree = tree_with(json!([{"id": A1, "role": "prime"}, {"id": A2, "role": "prime"}]));
    let file = "dataset/acme-widgets.json";
    let mut entry: Value = serde_json::from_str(&tree.read(file)).unwrap();
    // The base revision's file starts with a BOM, as some editors write it.
    let text = serde_json::to_string_pretty(&entry).unwrap() + "\n";
    tree.write_bytes(
        file,
        &[b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
    );
    let repo = git2::Repository::init(tree.root()).unwrap();
    common::commit_all(&repo, "base");
    entry["claims"][0]["awards"][1]["obligated"] = json!(5);
    tree.write_entry(&entry);
    // Only the award that changed: the old side was read, not taken for a new file.
    assert_eq!(selected_since_head(&tree, &api), [A2]);
}
