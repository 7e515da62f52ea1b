//! `icelist intake`: issue-form bodies as GitHub renders them, in every shape a volunteer (or
//! an attacker) can send. Every company here is fictional.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Tree, named_entry, repo_path};
use serde_json::{Value, json};

const FORM: &str = ".github/ISSUE_TEMPLATE/propose-company.yml";

fn complete() -> String {
    std::fs::read_to_string(repo_path("tests/data/intake/complete.md")).unwrap()
}

fn run(tree: &Tree, body: &str, extra: &[&str]) -> (std::process::Output, Value) {
    tree.write("body.md", body);
    let output = tree
        .command()
        .arg("intake")
        .arg("--form")
        .arg(repo_path(FORM))
        .arg("--body-file")
        .arg(tree.root().join("body.md"))
        .args(["--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let report = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (output, report)
}

fn markdown(tree: &Tree, body: &str) -> String {
    tree.write("body.md", body);
    let output = tree
        .command()
        .arg("intake")
        .arg("--form")
        .arg(repo_path(FORM))
        .arg("--body-file")
        .arg(tree.root().join("body.md"))
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

fn replace_field(body: &str, label: &str, value: &str) -> String {
    let start = body.find(&format!("### {label}\n")).unwrap() + label.len() + 5;
    let end = body[start..]
        .find("\n### ")
        .map_or(body.len(), |e| start + e);
    format!("{}\n{value}\n{}", &body[..start], &body[end..])
}

#[test]
fn a_complete_submission_becomes_an_unverified_entry_under_review() {
    let tree = Tree::new();
    let (output, report) = run(&tree, &complete(), &[]);
    assert_eq!(output.status.code(), Some(0), "{report:#}");
    assert_eq!(report["version"], 1);
    assert_eq!(report["id"], "acme-widgets");
    assert_eq!(report["file"], "dataset/acme-widgets.json");
    assert_eq!(report["problems"], json!([]));
    let entry = &report["entry"];
    assert_eq!(entry["verification"], json!({ "status": "unverified" }));
    assert_eq!(
        entry["boycott"],
        json!({ "status": "under-review", "agencies": ["CBP", "ICE"] })
    );
    assert_eq!(
        entry["aliases"],
        json!(["Acme Widgets Inc.", "Acme Drones"])
    );
    assert_eq!(entry["industry"], json!(["Drones", "Surveillance towers"]));
    assert_eq!(entry["country"], "US");
    assert_eq!(entry["parent_company"], Value::Null);
    assert!(entry.get("background").is_none() && entry["sections"].get("background").is_none());
    // Renumbered as --fix would: the overview cites line 2 first.
    assert_eq!(
        entry["sections"]["overview"],
        "Acme Widgets is a fictional drone maker.[1] It sells drones to CBP.[2]"
    );
    assert_eq!(entry["sources"][0]["publisher"], "Example News");
    assert!(!tree.root().join("dataset/acme-widgets.json").exists());

    let (output, _) = run(&tree, &complete(), &["--write"]);
    assert_eq!(output.status.code(), Some(0));
    let written: Value = serde_json::from_str(&tree.read("dataset/acme-widgets.json")).unwrap();
    assert_eq!(written["sources"], entry["sources"]);
    // Never over an existing entry: the submission now names a company already listed.
    let before = tree.read("dataset/acme-widgets.json");
    let (output, report) = run(&tree, &complete(), &["--write"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        report["problems"].to_string().contains("already"),
        "{report:#}"
    );
    assert_eq!(tree.read("dataset/acme-widgets.json"), before);
}

#[test]
fn crlf_no_response_and_headings_inside_code_fences() {
    let tree = Tree::new();
    let body = replace_field(
        &complete(),
        "Background",
        "Context follows.[1]\n\n```\n### Sources\nnot a field\n```\n\nMore context.[2]",
    )
    .replace('\n', "\r\n");
    let (output, report) = run(&tree, &body, &[]);
    assert_eq!(output.status.code(), Some(0), "{report:#}");
    let background = report["entry"]["sections"]["background"].as_str().unwrap();
    assert!(
        background.contains("### Sources not a field"),
        "{background}"
    );
    assert_eq!(report["entry"]["sources"].as_array().unwrap().len(), 2);
    let body = replace_field(&complete(), "Other names", "_No response_");
    let (_, report) = run(&tree, &body, &[]);
    assert!(report["entry"].get("aliases").is_none(), "{report:#}");
}

#[test]
fn missing_fields_and_malformed_sources_are_named_with_their_line() {
    let tree = Tree::new();
    let body = replace_field(&complete(), "Industry", "_No response_");
    let body = replace_field(
        &body,
        "Sources",
        "https://gazette.example.org/cbp-acme | CBP awards drone contract | Example Gazette\nAcme Widgets company profile, Example News, 2025",
    );
    let body = body.replace("- [x] I included", "- [ ] I included");
    let (output, report) = run(&tree, &body, &[]);
    assert_eq!(output.status.code(), Some(1));
    let problems = report["problems"].as_array().unwrap();
    let fields: Vec<(&str, Option<u64>)> = problems
        .iter()
        .map(|p| (p["field"].as_str().unwrap(), p["line"].as_u64()))
        .collect();
    assert!(fields.contains(&("industry", None)), "{fields:?}");
    assert!(fields.contains(&("sources", Some(2))), "{fields:?}");
    assert!(fields.contains(&("confirmations", None)), "{fields:?}");
    assert!(!fields.contains(&("sources", Some(1))), "{fields:?}");
    let comment = markdown(&tree, &body);
    assert!(comment.contains("**Sources, line 2**"), "{comment}");
    assert!(comment.contains("Needs changes"), "{comment}");
}

#[test]
fn an_email_address_in_the_prose_is_an_error() {
    let tree = Tree::new();
    let body = replace_field(
        &complete(),
        "Why it should be listed",
        "Ask jane.doe@example.com about the fictional contract.[1]",
    );
    let (output, report) = run(&tree, &body, &[]);
    assert_eq!(output.status.code(), Some(1));
    let codes: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"personal-data"), "{codes:?}");
}

#[test]
fn a_company_already_in_the_dataset_is_named() {
    let tree = Tree::new();
    tree.write_entry(&named_entry("acme-widgets-inc", "Acme Widgets"));
    let (output, report) = run(&tree, &complete(), &[]);
    assert_eq!(output.status.code(), Some(1));
    let duplicate = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "entry-duplicate")
        .unwrap_or_else(|| panic!("{report:#}"));
    assert!(
        duplicate["message"]
            .as_str()
            .unwrap()
            .contains("dataset/acme-widgets-inc.json")
    );
}

#[test]
fn shell_and_workflow_command_text_stays_text() {
    let tree = Tree::new();
    let hostile = "::set-output name=x::$(touch /tmp/pwned) `id` ${{ github.token }} @octocat <img src=x onerror=alert(1)> | [x](javascript:alert(1))";
    let mut body = complete();
    for label in [
        "Company name",
        "Other names",
        "Industry",
        "Headquarters",
        "Parent company",
        "Background",
    ] {
        body = replace_field(&body, label, hostile);
    }
    body = replace_field(
        &body,
        "Overview",
        &format!("{hostile}\n::error::injected[1]"),
    );
    let comment = markdown(&tree, &body);
    for line in comment.lines() {
        assert!(!line.trim_start().starts_with("::"), "{line}");
    }
    assert!(
        !comment.contains("@octocat"),
        "a mention would ping someone"
    );
    // Every tag is escaped, so GitHub shows it as text.
    assert!(
        comment
            .match_indices("<img")
            .all(|(at, _)| comment[..at].ends_with('\\')),
        "{comment}"
    );
    assert!(!comment.contains("](javascript"), "{comment}");
    let (_, report) = run(&tree, &body, &[]);
    assert_eq!(report["entry"]["headquarters"], hostile);
    assert!(!std::path::Path::new("/tmp/pwned").exists());
}

#[test]
fn a_body_with_no_fields_has_problems_and_no_entry() {
    let tree = Tree::new();
    let (output, report) = run(&tree, "Hello, I want to add a company.", &[]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(report["entry"], Value::Null);
    assert_eq!(report["id"], Value::Null);
    assert!(report["problems"].as_array().unwrap().len() >= 5);
}

#[test]
fn a_body_over_githubs_limit_is_a_problem_for_the_volunteer_not_a_crash() {
    let tree = Tree::new();
    // Counted in characters, as GitHub counts them: 40,000 two-byte letters are read.
    let body = replace_field(&complete(), "Background", &"é".repeat(40_000));
    let (output, report) = run(&tree, &body, &[]);
    assert_eq!(output.status.code(), Some(0), "{report:#}");
    assert_eq!(report["id"], "acme-widgets");

    for extra in [65_537 - complete().chars().count(), 3_000_000] {
        let body = complete() + &"x".repeat(extra);
        let (output, report) = run(&tree, &body, &[]);
        assert_eq!(output.status.code(), Some(1), "{report:#}");
        assert_eq!(report["entry"], Value::Null);
        assert_eq!(
            report["problems"].as_array().unwrap().len(),
            1,
            "{report:#}"
        );
        assert_eq!(report["problems"][0]["field"], "body");
        assert!(
            report["problems"][0]["message"]
                .as_str()
                .unwrap()
                .contains("longer than 65536 characters"),
            "{report:#}"
        );
        let comment = markdown(&tree, &body);
        assert!(comment.contains("**The issue\\'s text**"), "{comment}");
        assert!(comment.contains("Needs changes: 1 thing"), "{comment}");
        assert!(!comment.contains("What we understood"), "{comment}");
    }
}

#[test]
fn a_report_too_long_for_a_comment_is_cut_and_kept_whole_in_a_file() {
    let tree = Tree::new();
    let sources = (1..=3000)
        .map(|n| format!("line {n} | no URL"))
        .collect::<Vec<_>>()
        .join("\n");
    let body = replace_field(&complete(), "Sources", &sources);
    let full = tree.root().join("full-report.md");
    tree.write("body.md", &body);
    let output = tree
        .command()
        .arg("intake")
        .arg("--form")
        .arg(repo_path(FORM))
        .arg("--body-file")
        .arg(tree.root().join("body.md"))
        .arg("--full-report")
        .arg(&full)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let comment = String::from_utf8(output.stdout).unwrap();
    let full = std::fs::read_to_string(&full).unwrap();
    assert!(comment.len() <= 60_000, "{}", comment.len());
    assert!(full.len() > 100_000, "{}", full.len());
    assert!(full.contains("**Sources, line 3000**"));
    // Whole lines of the report, then how many were left out and where the rest is.
    let (kept, tail) = comment.rsplit_once("\n... and ").unwrap();
    assert!(full.starts_with(kept), "cut inside a line");
    assert!(kept.ends_with('\n'));
    let left: usize = tail.split_whitespace().next().unwrap().parse().unwrap();
    assert_eq!(left, full.lines().count() - kept.lines().count());
    assert!(
        tail.contains("attached to the workflow run") && tail.contains("artifact"),
        "{tail}"
    );
    // Without --full-report the comment says how to get the rest.
    let comment = markdown(&tree, &body);
    assert!(comment.len() <= 60_000);
    assert!(comment.contains("--full-report FILE"), "{comment}");
}

/// A fenced code block in a field (GitHub writes `render:` fields so, volunteers paste them)
/// is kept as the text inside it: no fence in the entry, and a `### Label` inside it is text.
#[test]
fn a_fenced_block_in_a_field_is_kept_as_its_text() {
    let tree = Tree::new();
    let body = replace_field(
        &complete(),
        "Overview",
        "```text\nAcme Widgets is a fictional drone maker.[2]\n### Sources\nIt sells drones to CBP.[1]\n```",
    );
    let (output, report) = run(&tree, &body, &[]);
    assert_eq!(output.status.code(), Some(0), "{report:#}");
    assert_eq!(
        report["entry"]["sections"]["overview"],
        "Acme Widgets is a fictional drone maker.[1] ### Sources It sells drones to CBP.[2]"
    );
    assert!(report["entry"]["sources"].as_array().unwrap().len() >= 2);
}

/// Issue #24: "Parent company: -" was read as a parent named `-` here and as "none" by the
/// wiki import. Every door now reads the same words the same way.
#[test]
fn a_parent_written_as_a_dash_or_n_a_is_none_as_the_import_reads_it() {
    let tree = Tree::new();
    for written in ["-", "\u{2014}", "N/A", "none", "None"] {
        let body = replace_field(&complete(), "Parent company", written);
        let (output, report) = run(&tree, &body, &[]);
        assert_eq!(output.status.code(), Some(0), "{written}: {report:#}");
        assert_eq!(
            report["entry"]["parent_company"],
            Value::Null,
            "{written}: {report:#}"
        );
    }
    let body = replace_field(&complete(), "Parent company", "Example Holdings 00042");
    let (_, report) = run(&tree, &body, &[]);
    assert_eq!(report["entry"]["parent_company"], "Example Holdings 00042");
}

/// The wiki import's reading of the same words, in a tree of its own: the entry it writes, or
/// the words it left out.
fn imported(parameter: &str, text: &str) -> (Value, String) {
    let tree = Tree::new();
    tree.write(
        "page.wiki",
        &format!(
            "{{{{Infobox company|name=Acme Widgets|industry=Drones|{parameter}={text}}}}}\n== Overview ==\nA.<ref>{{{{cite web|title=T|publisher=Example News|date=2025}}}}</ref>\n== Boycott ==\nB.[1]\n"
        ),
    );
    let output = tree
        .command()
        .args(["import", "--report", "json"])
        .arg(tree.root().join("page.wiki"))
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let entry = std::fs::read(tree.root().join("dataset/acme-widgets.json"))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or(Value::Null);
    let rejected = report["pages"][0]["rejected"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect::<Vec<_>>()
        .join("\n");
    (entry, rejected)
}

#[test]
fn the_form_and_the_wiki_import_read_each_value_alike() {
    // (form label, infobox parameter, JSON pointer, what a volunteer writes)
    let readable = [
        ("Year founded", "founded", "/founded", " 1990 "),
        ("Country", "country", "/country", "U.S.A."),
        ("Country", "country", "/country", "germany"),
        ("Status", "status", "/status", "ACTIVE"),
        (
            "Agencies supported",
            "agencies",
            "/boycott/agencies",
            "ice; U.S. Customs and Border Protection, ICE",
        ),
        ("Parent company", "parent", "/parent_company", "n/a"),
        (
            "Parent company",
            "parent",
            "/parent_company",
            "Example Holdings 00042",
        ),
    ];
    let tree = Tree::new();
    for (label, parameter, pointer, text) in readable {
        let (output, report) = run(&tree, &replace_field(&complete(), label, text), &[]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{label} {text:?}: {report:#}"
        );
        let (entry, rejected) = imported(parameter, text);
        let by_form = &report["entry"].pointer(pointer);
        assert!(by_form.is_some(), "{label} {text:?}: {report:#}");
        assert_eq!(
            by_form,
            &entry.pointer(pointer),
            "{label} {text:?}; the import left out {rejected}"
        );
    }

    let unreadable = [
        ("Year founded", "founded", "1990s"),
        ("Country", "country", "Atlantis"),
        ("Status", "status", "closed"),
        ("Agencies supported", "agencies", "FBI"),
    ];
    for (label, parameter, text) in unreadable {
        let (output, report) = run(&tree, &replace_field(&complete(), label, text), &[]);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{label} {text:?}: {report:#}"
        );
        let message = report["problems"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p["message"].as_str())
            .find(|m| m.contains(text))
            .unwrap_or_else(|| panic!("{label} {text:?}: {report:#}"))
            .to_owned();
        let why = message.split_once("\" is ").unwrap().1;
        assert!(why.starts_with("not "), "{message}");
        let (_, rejected) = imported(parameter, text);
        assert!(
            rejected.contains(why),
            "{label} {text:?}: the form says {why:?}, the import {rejected}"
        );
    }
}

#[test]
fn a_source_dated_as_a_page_writes_it_is_read_as_the_import_reads_it() {
    let tree = Tree::new();
    for (written, read) in [
        ("5 March 2024", "2024-03-05"),
        ("March 5, 2024", "2024-03-05"),
        ("Mar. 2024", "2024-03"),
        ("2024-03", "2024-03"),
    ] {
        let body = replace_field(
            &complete(),
            "Sources",
            &format!(
                "https://gazette.example.org/cbp-acme | CBP awards drone contract to Acme Widgets | Example Gazette | {written} | government-record\nhttps://news.example.com/acme-profile | Acme Widgets company profile | Example News | 2025-01-02 | news"
            ),
        );
        let (output, report) = run(&tree, &body, &[]);
        assert_eq!(output.status.code(), Some(0), "{written}: {report:#}");
        let dates: Vec<&str> = report["entry"]["sources"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|s| s["date"].as_str())
            .collect();
        assert!(dates.contains(&read), "{written}: {dates:?}");
    }
    let body = replace_field(
        &complete(),
        "Sources",
        "https://gazette.example.org/cbp-acme | CBP awards drone contract to Acme Widgets | Example Gazette | 32 March 2024",
    );
    let (output, report) = run(&tree, &body, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        report["problems"]
            .to_string()
            .contains("\\\"32 March 2024\\\" is not a date"),
        "{report:#}"
    );
}

/// `intake --format json`, byte for byte, on a submission with problems of several fields and
/// lint findings.
#[test]
fn the_intake_report_bytes_are_pinned() {
    let tree = Tree::new();
    let body = replace_field(&complete(), "Year founded", "1990s");
    let body = replace_field(&body, "Agencies supported", "ICE, FBI");
    let body = replace_field(
        &body,
        "Sources",
        "https://gazette.example.org/cbp-acme | CBP awards drone contract to Acme Widgets | Example Gazette | 5 March 2024 | government-record\nAcme Widgets company profile, Example News, 2025",
    );
    let body = body.replace("- [x] I included", "- [ ] I included");
    let (output, _) = run(&tree, &body, &[]);
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.ends_with("}\n"), "{text:?}");
    insta::assert_snapshot!("intake_json", text);
}

/// The optional Claims field: one claim per line, read by the shared value readers, ids made
/// from agency and kind (`-2` for a repeat), each problem named on the line the volunteer
/// typed it (blank lines count), award ids checked against USAspending's grammar and added
/// with role prime.
#[test]
fn claim_lines_become_claims_and_bad_lines_are_named_by_their_line() {
    let tree = Tree::new();
    let lines = "ICE | detention | Acme Widgets runs a fictional detention centre.[1] | March 2019 | | current\n\
                 - CBP | Surveillance | Acme Widgets flies fictional drones for CBP.[2]\n\
                 \n\
                 ice | detention | A second fictional ICE site.[1] | 2020 | 2021-06 | ended | CONT_AWD_X_ZZ01_-NONE-_-NONE-";
    let body = replace_field(&complete(), "Claims", lines);
    let (output, report) = run(&tree, &body, &[]);
    assert_eq!(output.status.code(), Some(0), "{report:#}");
    // The form's overview cites source 2 first: the sources are renumbered, and the claims'
    // markers with them.
    assert_eq!(
        report["entry"]["claims"],
        json!([
            {"id": "ice-detention", "agency": "ICE", "kind": "detention",
             "summary": "Acme Widgets runs a fictional detention centre.[2]",
             "period": {"from": "2019-03"}, "status": "current"},
            {"id": "cbp-surveillance", "agency": "CBP", "kind": "surveillance",
             "summary": "Acme Widgets flies fictional drones for CBP.[1]", "status": "unknown"},
            {"id": "ice-detention-2", "agency": "ICE", "kind": "detention",
             "summary": "A second fictional ICE site.[2]",
             "period": {"from": "2020", "to": "2021-06"}, "status": "ended",
             "awards": [{"id": "CONT_AWD_X_ZZ01_-NONE-_-NONE-", "role": "prime"}]}
        ]),
        "{report:#}"
    );
    let comment = markdown(&tree, &body);
    assert!(
        comment.contains("claim line 4: the award(s) are added with role prime"),
        "{comment}"
    );

    let bad = "ICE | detention | Cited.[1]\n\
               \n\
               HSI | detention | Not an agency this form knows.[1]\n\
               ICE | prisons | Not a kind.[1]\n\
               ICE | detention\n\
               ICE | detention | Dated oddly.[1] | circa 2019\n\
               ICE | detention | Odd status.[1] | | | finished\n\
               ICE | detention | A typed award.[1] | | | | cont_awd_x_zz01_-none-_-none-";
    let body = replace_field(&complete(), "Claims", bad);
    let (output, report) = run(&tree, &body, &[]);
    assert_eq!(output.status.code(), Some(1), "{report:#}");
    let problems: Vec<(u64, String)> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["field"] == "claims")
        .map(|p| {
            (
                p["line"].as_u64().unwrap(),
                p["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let lines: Vec<u64> = problems.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [3, 4, 5, 6, 7, 8], "{problems:?}");
    assert!(
        problems[0].1.contains("\"HSI\" is not an agency"),
        "{problems:?}"
    );
    assert!(
        problems[1].1.contains("\"prisons\" is not a kind of claim"),
        "{problems:?}"
    );
    assert!(problems[2].1.contains("3 to 7 parts"), "{problems:?}");
    assert!(
        problems[3].1.contains("\"circa 2019\" is not a date"),
        "{problems:?}"
    );
    assert!(
        problems[4]
            .1
            .contains("\"finished\" is not a claim's status"),
        "{problems:?}"
    );
    assert!(
        problems[5].1.contains("the award id")
            && problems[5]
                .1
                .contains("write \"CONT_AWD_X_ZZ01_-NONE-_-NONE-\""),
        "{problems:?}"
    );
    // The good line is still read.
    assert_eq!(
        report["entry"]["claims"][0]["id"], "ice-detention",
        "{report:#}"
    );
}

/// The comment without Markdown's escapes, as a volunteer reads it.
fn as_read(comment: &str) -> String {
    comment.replace('\\', "")
}

/// The lines under "What to fix".
fn to_fix(comment: &str) -> Vec<String> {
    comment
        .split("### What to fix\n\n")
        .nth(1)
        .unwrap_or_default()
        .split("\n\n")
        .next()
        .unwrap_or_default()
        .lines()
        .map(as_read)
        .collect()
}

/// Four mistakes are four problems, each on the line the volunteer typed, in plain words: a
/// year `circa 2011`; source line 1 complete but dated `2024-13-05` (the rest of the line is
/// kept); source line 2 only `URL | Title`; the text citing [1], [2] and [3]. Nothing that
/// follows from them is reported again (no empty list of sources, no undefined [1] or [2]), and
/// no rule code, JSON Pointer or property name reaches the comment.
#[test]
fn four_mistakes_are_four_problems_on_the_volunteers_own_lines() {
    let tree = Tree::new();
    let body = replace_field(&complete(), "Year founded", "circa 2011");
    let body = replace_field(
        &body,
        "Sources",
        "https://gazette.example.org/cbp-acme | CBP awards drone contract to Acme Widgets | Example Gazette | 2024-13-05 | news\nhttps://news.example.com/acme-profile | Acme Widgets company profile",
    );
    let body = replace_field(
        &body,
        "Overview",
        "Acme Widgets is a fictional drone maker.[1] It sells drones to CBP.[2]",
    );
    let body = replace_field(
        &body,
        "Why it should be listed",
        "Acme Widgets is listed for a fictional CBP drone contract.[3]",
    );
    let comment = markdown(&tree, &body);
    assert!(
        comment.contains("**Needs changes: 4 things to fix.**"),
        "{comment}"
    );
    let lines = to_fix(&comment);
    assert_eq!(lines.len(), 4, "{lines:#?}");
    assert!(
        lines[0].starts_with("- **Year founded**: \"circa 2011\""),
        "{lines:#?}"
    );
    assert!(
        lines[1].starts_with("- **Sources, line 1**: \"2024-13-05\""),
        "{lines:#?}"
    );
    assert!(
        lines[2].starts_with("- **Sources, line 2**: "),
        "{lines:#?}"
    );
    assert!(
        lines[3]
            .starts_with("- **Why it should be listed**: you cite [3], but you listed 2 sources"),
        "{lines:#?}"
    );
    let read = as_read(&comment);
    for code in icelist::rules::RULES.iter().map(|r| r.code.as_str()) {
        assert!(!read.contains(&format!("({code})")), "{code}: {read}");
    }
    for jsonish in ["/sources", "/sections", "\"id\"", "icelist ", "--fix"] {
        assert!(!read.contains(jsonish), "{jsonish}: {read}");
    }
    // The first source keeps its title, publisher and type; only the date is left out.
    let (_, report) = run(&tree, &body, &[]);
    let source = &report["entry"]["sources"][0];
    assert_eq!(source["title"], "CBP awards drone contract to Acme Widgets");
    assert_eq!(source["type"], "news");
    assert!(source.get("date").is_none(), "{source}");
}

/// A lint finding about a source names the line the volunteer typed it on, even after the
/// sources were numbered in order of first citation; "What we understood" shows the country as
/// the entry holds it.
#[test]
fn renumbered_sources_keep_their_typed_lines_and_values_show_as_stored() {
    let tree = Tree::new();
    // The text cites line 2 first, so it becomes source [1]; its title has a tab.
    let body = replace_field(
        &complete(),
        "Sources",
        "https://gazette.example.org/cbp-acme | CBP awards drone contract to Acme Widgets | Example Gazette | 2025-02-01 | government-record\nhttps://news.example.com/acme-profile | Acme Widgets\tcompany profile | Example News | 2025-01-02 | news",
    );
    let body = replace_field(&body, "Country", "USA");
    let (_, report) = run(&tree, &body, &[]);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert!(
        diagnostics
            .iter()
            .any(|d| d["pointer"] == "/sources/0/title"),
        "{report:#}"
    );
    let comment = as_read(&markdown(&tree, &body));
    assert!(comment.contains("**Sources, line 2**"), "{comment}");
    assert!(!comment.contains("**Sources, line 1**"), "{comment}");
    assert!(
        comment.contains("| Country | United States of America (US) |"),
        "{comment}"
    );
}

/// A company already listed: the comment says which entry it is and how to correct it, asks
/// the volunteer to fix nothing, and names no file that would be written.
#[test]
fn an_already_listed_company_points_at_its_entry_and_the_correction_form() {
    let tree = Tree::new();
    tree.write(
        "icelist.toml",
        "site_url = \"https://icelist.example.org/\"\nrepository = \"https://github.com/example/icelist\"\n",
    );
    tree.write_entry(&named_entry("acme-widgets-inc", "Acme Widgets"));
    let comment = as_read(&markdown(&tree, &complete()));
    assert!(comment.contains("**Already listed.**"), "{comment}");
    assert!(comment.contains("`acme-widgets-inc`"), "{comment}");
    assert!(
        comment.contains("https://icelist.example.org/companies/acme-widgets-inc.html"),
        "{comment}"
    );
    assert!(
        comment.contains(
            "https://github.com/example/icelist/issues/new?template=correct-entry.yml&entry=acme-widgets-inc"
        ),
        "{comment}"
    );
    assert!(!comment.contains("Needs changes"), "{comment}");
    assert!(!comment.contains("would be saved as"), "{comment}");
    assert!(!comment.contains("dataset/"), "{comment}");
}
