//! `icelist intake` on the forms that change an entry already listed: a correction, the
//! company's response, a delisting proposal. Each becomes the change to `dataset/<id>.json`,
//! shown as the review shows a change. Every company here is fictional.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Tree, named_entry, repo_path};
use serde_json::{Value, json};

const CORRECT: &str = ".github/ISSUE_TEMPLATE/correct-entry.yml";
const RESPOND: &str = ".github/ISSUE_TEMPLATE/company-response.yml";
const DELIST: &str = ".github/ISSUE_TEMPLATE/propose-delisting.yml";

/// The dataset: Acme Widgets (three sources, one claim `cbp-other`).
fn dataset() -> Tree {
    let tree = Tree::new();
    tree.write_entry(&named_entry("acme-widgets", "Acme Widgets"));
    tree
}

/// A body as GitHub renders an issue form: `### Label`, a blank line, the value.
fn body(fields: &[(&str, &str)]) -> String {
    let mut text = String::new();
    for (label, value) in fields {
        text.push_str(&format!("### {label}\n\n{value}\n\n"));
    }
    text
}

const CONFIRMED: &str = "- [X] The correction is supported by the sources I listed.\n- [X] I included no private person's data (names of private people, e-mail addresses, phone numbers, home addresses).";

fn correction(entry: &str, part: &str, wrong: &str, right: &str, sources: &str) -> String {
    body(&[
        ("Entry", entry),
        ("What is wrong", part),
        ("The wrong statement", wrong),
        ("What it should say", right),
        ("Sources", sources),
        ("Confirmations", CONFIRMED),
    ])
}

const SOURCE: &str = "https://news.example.com/acme-history | Acme Widgets at fifty | Example News | 2025-03-04 | news";

fn run(tree: &Tree, form: &str, body: &str, extra: &[&str]) -> (i32, Value, String) {
    tree.write("body.md", body);
    let intake = |format: &str| {
        tree.command()
            .arg("intake")
            .arg("--form")
            .arg(repo_path(form))
            .arg("--body-file")
            .arg(tree.root().join("body.md"))
            .args(["--format", format, "--issue-date", "2026-05-28"])
            .args(extra)
            .output()
            .unwrap()
    };
    let json_run = intake("json");
    let report: Value = serde_json::from_slice(&json_run.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&json_run.stderr)));
    common::assert_valid_output("intake", &report);
    // Read as a person reads it: without the backslashes that keep their text from being
    // Markdown.
    let markdown = String::from_utf8(intake("markdown").stdout)
        .unwrap()
        .replace('\\', "");
    // Plain words for a volunteer: no rule codes, no JSON pointers.
    for code in icelist::rules::RULES.iter().map(|r| r.code.as_str()) {
        assert!(
            !markdown.contains(&format!("[{code}]")) && !markdown.contains(&format!("`{code}`")),
            "{code} in {markdown}"
        );
    }
    (json_run.status.code().unwrap(), report, markdown)
}

fn stored(tree: &Tree) -> Value {
    serde_json::from_str(&tree.read("dataset/acme-widgets.json")).unwrap()
}

#[test]
fn a_corrected_year_is_the_change_and_approval_writes_exactly_it() {
    let tree = dataset();
    let before = stored(&tree);
    let text = correction("acme-widgets", "Year founded", "1990", "1987 [1]", SOURCE);
    let (code, report, markdown) = run(&tree, CORRECT, &text, &[]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["form"], "correct-entry");
    assert_eq!(report["file"], "dataset/acme-widgets.json");
    assert_eq!(
        report["changes"],
        json!([{ "path": "/founded", "kind": "changed", "old": 1990, "new": 1987 }]),
        "{report:#}"
    );
    assert!(
        markdown.contains("## Correction check: Acme Widgets (`acme-widgets`)"),
        "{markdown}"
    );
    assert!(markdown.contains("### What would change"), "{markdown}");
    assert!(
        markdown.contains("1990") && markdown.contains("1987"),
        "{markdown}"
    );
    assert!(
        markdown.contains("are not added to the entry"),
        "{markdown}"
    );
    assert!(
        markdown.contains("changes `dataset/acme-widgets.json`"),
        "{markdown}"
    );
    // Nothing is written without --write.
    assert_eq!(stored(&tree), before);

    let (code, _, _) = run(&tree, CORRECT, &text, &["--write"]);
    assert_eq!(code, 0);
    let mut expected = before;
    expected["founded"] = json!(1987);
    assert_eq!(stored(&tree), expected);
    let lint = tree.command().arg("lint").output().unwrap();
    assert_eq!(
        lint.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&lint.stdout)
    );
}

#[test]
fn a_corrected_section_cites_the_new_source_and_drops_what_it_no_longer_cites() {
    let tree = dataset();
    let text = correction(
        "https://icelist.example/companies/acme-widgets.html",
        "Why it is listed",
        "Acme Widgets is listed for a fictional CBP drone contract.",
        "Acme Widgets is listed for a fictional CBP drone contract that ran until 2025.[1]",
        SOURCE,
    );
    let (code, report, markdown) = run(&tree, CORRECT, &text, &["--write"]);
    assert_eq!(code, 0, "{report:#}\n{markdown}");
    let entry = stored(&tree);
    assert_eq!(
        entry["sections"]["boycott"],
        "Acme Widgets is listed for a fictional CBP drone contract that ran until 2025.[3]"
    );
    // Source 3 (the procurement record) was cited only by the old text: it goes; the new
    // source takes the number its first citation gives it.
    let titles: Vec<&str> = entry["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Acme Widgets company profile",
            "CBP awards drone contract to Acme Widgets",
            "Acme Widgets at fifty"
        ]
    );
    assert!(markdown.contains("no longer cites"), "{markdown}");
    let lint = tree.command().arg("lint").output().unwrap();
    assert_eq!(
        lint.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&lint.stdout)
    );
}

#[test]
fn a_name_correction_keeps_the_id_and_the_old_name_as_an_alias() {
    let tree = dataset();
    let text = correction(
        "acme-widgets",
        "Company name",
        "Acme Widgets",
        "Acme Widgets Group",
        SOURCE,
    );
    let (code, report, _) = run(&tree, CORRECT, &text, &["--write"]);
    assert_eq!(code, 0, "{report:#}");
    let entry = stored(&tree);
    assert_eq!(entry["id"], "acme-widgets");
    assert_eq!(entry["name"], "Acme Widgets Group");
    assert_eq!(entry["aliases"], json!(["Acme Widgets"]));
}

#[test]
fn a_claim_or_a_source_is_corrected_by_hand_and_nothing_is_written() {
    let tree = dataset();
    let before = stored(&tree);
    let text = correction(
        "acme-widgets",
        "A claim",
        "cbp-other",
        "The contract ended in 2025.[1]",
        SOURCE,
    );
    let (code, report, markdown) = run(&tree, CORRECT, &text, &["--write"]);
    assert_eq!(code, 0, "{report:#}");
    assert!(report.get("changes").is_none(), "{report:#}");
    assert!(markdown.contains("**For a maintainer.**"), "{markdown}");
    assert!(!markdown.contains("What would change"), "{markdown}");
    assert_eq!(stored(&tree), before);
}

#[test]
fn an_unknown_entry_gets_the_closest_ids_and_a_bad_value_its_words() {
    let tree = dataset();
    tree.write_entry(&named_entry(
        "example-holdings-00042",
        "Example Holdings 00042",
    ));
    let text = correction("acme-widget", "Year founded", "1990", "1987", SOURCE);
    let (code, report, markdown) = run(&tree, CORRECT, &text, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        report["problems"].as_array().unwrap().len(),
        1,
        "{report:#}"
    );
    assert!(
        markdown.contains(r#"did you mean "acme-widgets"?"#),
        "{markdown}"
    );
    assert!(!markdown.contains("example-holdings"), "{markdown}");

    let text = correction(
        "acme-widgets",
        "Year founded",
        "1990",
        "the late eighties",
        SOURCE,
    );
    let (code, _, markdown) = run(&tree, CORRECT, &text, &[]);
    assert_eq!(code, 1);
    assert!(markdown.contains("\"the late eighties\" is"), "{markdown}");

    let text = correction(
        "acme-widgets",
        "Overview",
        "x",
        "Acme Widgets makes drones.[1][2]",
        SOURCE,
    );
    let (code, _, markdown) = run(&tree, CORRECT, &text, &[]);
    assert_eq!(code, 1);
    assert!(
        markdown.contains("you cite [2], but you listed 1 source"),
        "{markdown}"
    );
}

#[test]
fn a_merged_id_is_corrected_where_it_now_lives() {
    let tree = dataset();
    tree.write(
        "dataset/redirects.json",
        "{\"acme\": {\"to\": \"acme-widgets\", \"reason\": \"renamed\", \"date\": \"2026-04-02\"}}\n",
    );
    let text = correction("acme", "Year founded", "1990", "1987", SOURCE);
    let (code, report, markdown) = run(&tree, CORRECT, &text, &[]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["id"], "acme-widgets");
    assert!(
        markdown.contains(r#"it is now "acme-widgets""#),
        "{markdown}"
    );
}

fn response(claims: &str, url: &str) -> String {
    body(&[
        ("Entry", "acme-widgets"),
        ("Your role at the company", "Press officer"),
        ("Response", "The company replies to the entry"),
        (
            "Public statement",
            "Acme Widgets ended its CBP contract in 2025 and sells no drones to DHS.",
        ),
        ("Where the statement is published", url),
        ("Claims the company disputes", claims),
        (
            "How a maintainer can confirm this",
            "press office, as listed on acme.example",
        ),
        (
            "Confirmations",
            "- [X] The company agrees that this statement is published next to its entry.",
        ),
    ])
}

#[test]
fn a_response_is_the_companys_unconfirmed_word_dated_from_the_issue() {
    let tree = dataset();
    let text = response("#claim-cbp-other", "https://www.acme.example/press/cbp");
    let (code, report, markdown) = run(&tree, RESPOND, &text, &["--write"]);
    assert_eq!(code, 0, "{report:#}\n{markdown}");
    let entry = stored(&tree);
    assert_eq!(
        entry["responses"],
        json!([{
            "id": "reply-2026-05-28",
            "date": "2026-05-28",
            "kind": "reply",
            "by": "company",
            "confirmed": false,
            "summary": "Acme Widgets ended its CBP contract in 2025 and sells no drones to DHS. [4]"
        }])
    );
    assert_eq!(
        entry["claims"][0]["disputed_by"],
        json!(["reply-2026-05-28"])
    );
    assert_eq!(
        entry["sources"][3]["url"],
        "https://www.acme.example/press/cbp"
    );
    assert_eq!(entry["sources"][3]["title"], "Statement by Acme Widgets");
    assert!(markdown.contains("unconfirmed"), "{markdown}");
    // The person's role and the channel are for the maintainer, not the entry.
    let text = tree.read("dataset/acme-widgets.json");
    assert!(
        !text.contains("Press officer") && !text.contains("press office"),
        "{text}"
    );
}

#[test]
fn a_response_naming_an_unknown_claim_or_without_a_link_needs_changes() {
    let tree = dataset();
    let (code, _, markdown) = run(
        &tree,
        RESPOND,
        &response("ice-detention", "https://www.acme.example/press/cbp"),
        &[],
    );
    assert_eq!(code, 1);
    assert!(
        markdown.contains("the entry has no claim \"ice-detention\": its claims are cbp-other"),
        "{markdown}"
    );
    let (code, report, markdown) = run(&tree, RESPOND, &response("", ""), &[]);
    assert_eq!(code, 1, "{report:#}");
    assert!(markdown.contains("has no public link yet"), "{markdown}");
}

#[test]
fn a_delisting_proposal_becomes_a_delisted_entry_with_its_reason_and_sources() {
    let tree = dataset();
    let text = body(&[
        ("Entry", "acme-widgets"),
        (
            "Why it should be delisted",
            "Acme Widgets' only CBP contract ended in March 2025.[1]",
        ),
        ("Sources", SOURCE),
        (
            "Confirmations",
            "- [X] The reason is supported by the sources I listed.\n- [X] I included no private person's data (names of private people, e-mail addresses, phone numbers, home addresses).",
        ),
    ]);
    let (code, report, markdown) = run(&tree, DELIST, &text, &["--write"]);
    assert_eq!(code, 0, "{report:#}\n{markdown}");
    assert!(
        markdown.contains("## Delisting proposal check"),
        "{markdown}"
    );
    let entry = stored(&tree);
    assert_eq!(entry["boycott"]["status"], "delisted");
    assert_eq!(
        entry["boycott"]["reason"],
        "Acme Widgets' only CBP contract ended in March 2025.[4]"
    );
    assert_eq!(
        entry["sources"][3]["title"], "Acme Widgets at fifty",
        "{entry:#}"
    );

    // A source line that is listed and never cited is named on its line.
    let text = body(&[
        ("Entry", "acme-widgets"),
        ("Why it should be delisted", "The contract ended.[1]"),
        (
            "Sources",
            &format!("{SOURCE}\nhttps://news.example.com/other | Other | Example News"),
        ),
        (
            "Confirmations",
            "- [X] The reason is supported by the sources I listed.\n- [X] I included no private person's data (names of private people, e-mail addresses, phone numbers, home addresses).",
        ),
    ]);
    let (code, _, markdown) = run(&tree, DELIST, &text, &[]);
    assert_eq!(code, 1);
    assert!(
        markdown.contains("Sources, line 2**: this source is not cited"),
        "{markdown}"
    );
}

/// Found in review: the company's words are quoted, never cited; an address is stored as
/// parsed; a line that is not an id gets no suggestions; a date after today is refused.
#[test]
fn a_statements_brackets_a_long_entry_line_and_a_future_date() {
    let tree = dataset();
    let mut text = response("", "https://www.acme.example/press/cbp");
    text = text.replace(
        "sells no drones to DHS.",
        "sells no drones to DHS, as our report says [7].",
    );
    let (code, report, markdown) = run(&tree, RESPOND, &text, &[]);
    assert_eq!(code, 0, "{report:#}\n{markdown}");
    assert_eq!(
        report["entry"]["responses"][0]["summary"],
        "Acme Widgets ended its CBP contract in 2025 and sells no drones to DHS, as our report says . [4]"
    );
    assert!(
        markdown.contains("were taken out of the statement"),
        "{markdown}"
    );

    let long = "x ".repeat(5000);
    let (code, _, markdown) = run(
        &tree,
        CORRECT,
        &correction(&long, "Year founded", "1990", "1987", SOURCE),
        &[],
    );
    assert_eq!(code, 1);
    assert!(!markdown.contains("did you mean"), "{markdown}");

    tree.write("body.md", &response("", ""));
    let output = tree
        .command()
        .arg("intake")
        .arg("--form")
        .arg(repo_path(RESPOND))
        .arg("--body-file")
        .arg(tree.root().join("body.md"))
        .args(["--issue-date", "2099-01-01"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}
