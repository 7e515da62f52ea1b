//! `icelist import`: the seed page as text, a MediaWiki XML export, one page's wikitext, the
//! wikitext the build writes (round trip), updates, refusals and hostile input. Every company
//! here is fictional except the seed page (Salesforce), the one real page a test may import.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Tree, named_entry, repo_path};
use serde_json::{Value, json};

fn import(tree: &Tree, args: &[&str]) -> (std::process::Output, Value) {
    let output = tree
        .command()
        .arg("import")
        .args(args)
        .args(["--report", "json"])
        .output()
        .unwrap();
    let report = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (output, report)
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn seed() -> String {
    repo_path("tests/data/seed/salesforce.txt")
        .to_string_lossy()
        .into_owned()
}

fn entry(tree: &Tree, id: &str) -> Value {
    serde_json::from_str(&tree.read(&format!("dataset/{id}.json"))).unwrap()
}

#[test]
fn the_seed_page_reproduces_the_bundled_entry_and_invents_nothing() {
    let tree = Tree::new();
    let (output, report) = import(&tree, &[&seed()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let page = &report["pages"][0];
    assert_eq!(report["version"], 1);
    assert_eq!(page["outcome"], "created");
    assert_eq!(page["id"], "salesforce");
    assert_eq!(page["file"], "dataset/salesforce.json");
    assert!(
        page["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["severity"] != "error"),
        "{page:#}"
    );
    let imported = entry(&tree, "salesforce");
    let bundled: Value = serde_json::from_str(
        &std::fs::read_to_string(repo_path("dataset/salesforce.json")).unwrap(),
    )
    .unwrap();
    for field in [
        "name",
        "industry",
        "country",
        "founded",
        "headquarters",
        "parent_company",
        "status",
        "verification",
        "sections",
    ] {
        assert_eq!(imported[field], bundled[field], "{field}");
    }
    assert_eq!(imported["parent_company"], Value::Null);
    let sources = imported["sources"].as_array().unwrap();
    assert_eq!(sources.len(), bundled["sources"].as_array().unwrap().len());
    for (a, b) in sources.iter().zip(bundled["sources"].as_array().unwrap()) {
        for field in ["id", "title", "publisher", "date"] {
            assert_eq!(a[field], b[field], "source {}: {field}", b["id"]);
        }
        assert!(a.get("url").is_none() && a.get("archive_url").is_none());
    }
    // What the page does not state is said, not made up.
    let not_derived = page["not_derived"].to_string();
    for field in [
        "aliases",
        "boycott.agencies",
        "boycott.status",
        "sources/1/type",
        "sources/6/type",
    ] {
        assert!(not_derived.contains(field), "{field} not in {not_derived}");
    }
    assert!(imported.get("aliases").is_none());
    assert_eq!(imported["boycott"], json!({ "status": "under-review" }));
}

#[test]
fn an_existing_entry_is_refused_without_update_and_unchanged_with_it() {
    let tree = Tree::new();
    let bundled = std::fs::read_to_string(repo_path("dataset/salesforce.json")).unwrap();
    tree.write("dataset/salesforce.json", &bundled);
    // The bundled entry was made by hand and holds what the page cannot (aliases, agencies,
    // source types): the page gives a different file, so without --update it is refused.
    let (output, report) = import(&tree, &[&seed()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(report["pages"][0]["outcome"], "refused");
    assert!(
        report["pages"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("--update")
    );
    assert_eq!(tree.read("dataset/salesforce.json"), bundled);
    // With --update the page's fields replace the entry's; what the text page cannot carry
    // (aliases, agencies, the boycott status, source types) is kept: nothing changes.
    let (output, report) = import(&tree, &["--update", &seed()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(report["pages"][0]["outcome"], "unchanged");
    assert_eq!(tree.read("dataset/salesforce.json"), bundled);
}

/// A fictional company's page with reused named refs, refs defined in the references list, a
/// reuse before the definition, and markup.
const ACME_WIKITEXT: &str = r#"{{Infobox company
| name = Acme Widgets
| industry = Drones<br>Surveillance towers
| country = United States
| founded = 1987
| parent_company =
| status = Active
| verification = Partially Verified
| verification notes = Only the contract is verified.
| agencies = CBP, ICE
| employees = 12
}}
'''Acme Widgets''' is a fictional maker of [[drone]]s.

== Overview ==
Acme Widgets builds towers.<ref name="b"/> It sells drones to CBP.<ref name="a">{{cite news |title=Acme wins a fictional contract |work=Example Daily |url=https://example.com/a |date=March 6, 2018 |access-date=2020-01-01}}</ref>

== Boycott ==
Acme is listed for its fictional CBP contract.<ref name=a /><ref>{{cite press release |title=Acme announces towers |publisher=Acme Widgets |date=2019}}</ref>

== Trivia ==
A section the mapping does not know.

== References ==
<references>
<ref name="b">{{cite web |title=Tower report |publisher=Example Watch |url=https://example.org/b}}</ref>
</references>
[[Category:Boycotted companies]]
"#;

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn export_page(title: &str, ns: u32, extra: &str, text: &str) -> String {
    format!(
        "  <page>\n    <title>{}</title>\n    <ns>{ns}</ns>\n    <id>1</id>{extra}\n    <revision>\n      <id>2</id>\n      <text bytes=\"{}\" xml:space=\"preserve\">{}</text>\n    </revision>\n  </page>\n",
        xml_escape(title),
        text.len(),
        xml_escape(text)
    )
}

/// The wikitext `icelist build` writes for the bundled dataset.
fn built_wikitext(id: &str) -> String {
    let tree = Tree::new();
    let bundled = std::fs::read_to_string(repo_path(&format!("dataset/{id}.json"))).unwrap();
    tree.write(&format!("dataset/{id}.json"), &bundled);
    let output = tree
        .command()
        .args(["build", "--out", "dist"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    tree.read(&format!("dist/wiki/{id}.wiki"))
}

#[test]
fn an_xml_export_imports_articles_and_skips_redirects_and_talk_pages() {
    let tree = Tree::new();
    let xml = format!(
        "<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.11/\" version=\"0.11\" xml:lang=\"en\">\n  <siteinfo><sitename>ICE List</sitename></siteinfo>\n{}{}{}{}</mediawiki>\n",
        export_page("Salesforce", 0, "", &built_wikitext("salesforce")),
        export_page("Acme Widgets", 0, "", ACME_WIKITEXT),
        export_page(
            "Acme",
            0,
            "\n    <redirect title=\"Acme Widgets\" />",
            "#REDIRECT [[Acme Widgets]]"
        ),
        export_page("Talk:Acme Widgets", 1, "", "Is this page fictional?"),
    );
    tree.write("export.xml", &xml);
    let (output, report) = import(&tree, &[tree.root().join("export.xml").to_str().unwrap()]);
    let outcomes: Vec<&str> = report["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(
        outcomes,
        ["created", "created", "skipped", "skipped"],
        "{report:#}"
    );
    assert_eq!(output.status.code(), Some(0), "{report:#}");
    let bundled: Value = serde_json::from_str(
        &std::fs::read_to_string(repo_path("dataset/salesforce.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(entry(&tree, "salesforce"), bundled);

    let acme = entry(&tree, "acme-widgets");
    // Numbered as Cite numbers them: by first use, a reused name keeps its number.
    assert_eq!(
        acme["sections"]["overview"],
        "Acme Widgets builds towers.[1] It sells drones to CBP.[2]"
    );
    assert_eq!(
        acme["sections"]["boycott"],
        "Acme is listed for its fictional CBP contract.[2][3]"
    );
    let sources = acme["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 3);
    assert_eq!(sources[1]["title"], "Acme wins a fictional contract");
    assert_eq!(sources[1]["publisher"], "Example Daily");
    assert_eq!(sources[1]["type"], "news");
    assert_eq!(sources[1]["date"], "2018-03-06");
    assert_eq!(sources[0]["url"], "https://example.org/b");
    assert_eq!(sources[2]["type"], "press-release");
    assert_eq!(sources[2]["date"], "2019");
    assert_eq!(acme["industry"], json!(["Drones", "Surveillance towers"]));
    assert_eq!(acme["country"], "US");
    assert_eq!(acme["parent_company"], Value::Null);
    assert_eq!(acme["verification"]["status"], "partially-verified");
    assert_eq!(
        acme["boycott"],
        json!({ "status": "listed", "agencies": ["CBP", "ICE"] })
    );
    let unmapped = report["pages"][1]["unmapped"].to_string();
    for part in [
        "employees",
        "Trivia",
        "access-date",
        "before the first heading",
    ] {
        assert!(unmapped.contains(part), "{part} not in {unmapped}");
    }
    assert_eq!(report["pages"][2]["reason"], "a redirect");
}

#[test]
fn sources_cited_only_in_text_that_is_not_imported_are_reported_and_the_rest_renumbered() {
    let tree = Tree::new();
    tree.write(
        "acme.wiki",
        "{{Infobox company|name=Acme Widgets|industry=Drones}}\nLead.<ref>{{cite web|title=Lead only|publisher=Example News}}</ref> More.<ref name=b>{{cite web|title=B|publisher=Example News}}</ref>\n== Overview ==\nA.<ref>{{cite web|title=A|publisher=Example News}}</ref> Again.<ref name=b/>\n== Boycott ==\nB.<ref name=b/>\n",
    );
    let (output, report) = import(&tree, &[tree.root().join("acme.wiki").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{report:#}");
    let acme = entry(&tree, "acme-widgets");
    assert_eq!(acme["sections"]["overview"], "A.[1] Again.[2]");
    assert_eq!(acme["sources"][0]["title"], "A");
    assert_eq!(acme["sources"][1]["title"], "B");
    let unmapped = report["pages"][0]["unmapped"].to_string();
    assert!(
        unmapped.contains("Lead only") && unmapped.contains("renumbered"),
        "{unmapped}"
    );
}

#[test]
fn every_built_wiki_page_imports_back_to_its_entry() {
    for file in std::fs::read_dir(repo_path("dataset")).unwrap() {
        let path = file.unwrap().path();
        let id = path.file_stem().unwrap().to_string_lossy().into_owned();
        let tree = Tree::new();
        tree.write(&format!("{id}.wiki"), &built_wikitext(&id));
        let (output, report) = import(
            &tree,
            &[tree.root().join(format!("{id}.wiki")).to_str().unwrap()],
        );
        assert_eq!(output.status.code(), Some(0), "{report:#}");
        let original: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(entry(&tree, &id), original, "{id}");
    }
}

#[test]
fn ambiguous_refs_fail_the_page_and_nothing_is_written() {
    let tree = Tree::new();
    tree.write(
        "acme.wiki",
        "{{Infobox company|name=Acme Widgets|industry=Drones}}\n== Overview ==\nA.<ref name=x/> B.<ref name=y>One</ref> C.<ref name=y>Two</ref>\n",
    );
    let (output, report) = import(&tree, &[tree.root().join("acme.wiki").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let page = &report["pages"][0];
    assert_eq!(page["outcome"], "failed");
    let reason = page["reason"].as_str().unwrap();
    assert!(
        reason.contains("\"x\" is used but never defined"),
        "{reason}"
    );
    assert!(reason.contains("\"y\" is defined twice"), "{reason}");
    assert!(!tree.root().join("dataset/acme-widgets.json").exists());
}

#[test]
fn a_page_for_a_company_already_listed_under_another_id_is_refused() {
    let tree = Tree::new();
    let mut existing = named_entry("acme-widgets-inc", "Acme Widgets");
    existing["identifiers"] = json!({});
    tree.write_entry(&existing);
    tree.write(
        "Acme Widgets.wiki",
        "{{Infobox company|name=Acme Widgets|industry=Drones}}\n== Overview ==\nA.<ref>{{cite web|title=T|publisher=Example News}}</ref>\n== Boycott ==\nB.<ref>{{cite web|title=U|publisher=Example News}}</ref>\n",
    );
    let (output, report) = import(
        &tree,
        &[tree.root().join("Acme Widgets.wiki").to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(1), "{report:#}");
    assert_eq!(report["pages"][0]["outcome"], "refused");
    assert!(
        report["pages"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("dataset/acme-widgets-inc.json"),
        "{report:#}"
    );
    assert!(!tree.root().join("dataset/acme-widgets.json").exists());
}

/// A page whose name is one entry's and whose alias is another's is refused naming the entry
/// its name matches: the page's keys are taken in order (name, then aliases), whichever other
/// entry sorts first.
#[test]
fn a_refusal_names_the_entry_the_page_s_first_key_matches() {
    let tree = Tree::new();
    for (id, name) in [
        ("zeta-widgets-group", "Zeta Widgets"),
        ("acme-tools", "Acme Tools"),
    ] {
        let mut existing = named_entry(id, name);
        existing["identifiers"] = json!({});
        tree.write_entry(&existing);
    }
    tree.write(
        "Zeta Widgets.wiki",
        "{{Infobox company|name=Zeta Widgets|aliases=Acme Tools|industry=Drones}}\n== Overview ==\nA.<ref>{{cite web|title=T|publisher=Example News}}</ref>\n== Boycott ==\nB.<ref>{{cite web|title=U|publisher=Example News}}</ref>\n",
    );
    let (output, report) = import(
        &tree,
        &[tree.root().join("Zeta Widgets.wiki").to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(1), "{report:#}");
    assert_eq!(report["pages"][0]["outcome"], "refused");
    let reason = report["pages"][0]["reason"].as_str().unwrap();
    assert!(
        reason.contains("dataset/zeta-widgets-group.json (entry-duplicate)"),
        "{reason}"
    );
}

#[test]
fn an_update_replaces_what_the_page_states_and_keeps_the_rest() {
    let tree = Tree::new();
    let mut existing = named_entry("acme-widgets", "Acme Widgets");
    existing["aliases"] = json!(["Acme Widgets Inc."]);
    existing["sources"][0]["archive_url"] = json!("https://archive.example.org/a");
    tree.write_entry(&existing);
    let title = existing["sources"][0]["title"].as_str().unwrap().to_owned();
    let publisher = existing["sources"][0]["publisher"]
        .as_str()
        .unwrap()
        .to_owned();
    tree.write(
        "acme.wiki",
        &format!(
            "{{{{Infobox company|name=Acme Widgets|industry=Drones; Towers|country=Canada}}}}\n== Overview ==\nNew fictional overview.<ref>{{{{cite web|title={title}|publisher={publisher}}}}}</ref>\n== Boycott ==\nStill fictional.<ref name=r>{{{{cite web|title=Another|publisher=Example News|url=https://example.com/z}}}}</ref>\n"
        ),
    );
    let output = tree
        .command()
        .args(["import", "--update"])
        .arg(tree.root().join("acme.wiki"))
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(shown.starts_with("updated"), "{shown}");
    assert!(
        shown.contains("/country"),
        "the change is shown as icelist diff shows it: {shown}"
    );
    let updated = entry(&tree, "acme-widgets");
    assert_eq!(updated["country"], "CA");
    assert_eq!(updated["industry"], json!(["Drones", "Towers"]));
    assert_eq!(
        updated["sections"]["overview"],
        "New fictional overview.[1]"
    );
    assert_eq!(updated["aliases"], json!(["Acme Widgets Inc."]));
    assert_eq!(updated["boycott"], existing["boycott"]);
    assert_eq!(updated["verification"], existing["verification"]);
    // The first source is the same document: its URL and archive are kept.
    assert_eq!(updated["sources"][0]["url"], existing["sources"][0]["url"]);
    assert_eq!(
        updated["sources"][0]["archive_url"],
        "https://archive.example.org/a"
    );
    assert_eq!(updated["sources"][1]["url"], "https://example.com/z");
}

/// An update keeps the entry's responses (the wiki has none), and their citations: a marker
/// is pointed at the same document in the page's sources, and a source only a response cites
/// is kept, numbered after the page's.
#[test]
fn an_update_keeps_the_responses_and_what_they_cite() {
    let tree = Tree::new();
    let mut existing = named_entry("acme-widgets", "Acme Widgets");
    existing["sources"] = json!([
        {"id": 1, "title": "Acme profile", "publisher": "Example News", "url": "https://news.example.com/acme"},
        {"id": 2, "title": "Acme statement", "publisher": "Acme Widgets", "type": "press-release", "url": "https://acme.example.com/statement"}
    ]);
    existing["sections"] = json!({"overview": "Acme Widgets is fictional.[1]", "boycott": "Acme Widgets is listed.[1]"});
    existing["claims"] = json!([{"id": "cbp-other", "agency": "CBP", "kind": "other", "summary": "Acme Widgets works for CBP.[1]", "status": "unknown", "disputed_by": ["reply-2026"]}]);
    existing["responses"] = json!([
        {"id": "contact-2026", "date": "2026-03-01", "kind": "contacted", "by": "maintainers"},
        {"id": "reply-2026", "date": "2026-05-02", "kind": "reply", "by": "company", "summary": "Acme Widgets denies it.[2] Its profile says otherwise.[1]"}
    ]);
    tree.write_entry(&existing);
    // The page cites a new document first, then the profile.
    tree.write(
        "acme.wiki",
        "{{Infobox company|name=Acme Widgets|industry=Drones}}\n== Overview ==\nNew.<ref>{{cite web|title=A new report|publisher=Example Gazette|url=https://gazette.example.org/new}}</ref>\n== Boycott ==\nListed.<ref name=p>{{cite web|title=Acme profile|publisher=Example News|url=https://news.example.com/acme}}</ref>\n== Claims ==\n* {{Claim | id = cbp-other | agency = CBP | kind = other | status = unknown }} Acme Widgets works for CBP.<ref name=p/>\n",
    );
    let output = tree
        .command()
        .args(["import", "--update"])
        .arg(tree.root().join("acme.wiki"))
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&output.stdout).starts_with("updated"),
        "{output:?}"
    );
    let updated = entry(&tree, "acme-widgets");
    assert_eq!(updated["responses"][0], existing["responses"][0]);
    let titles: Vec<&str> = updated["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["A new report", "Acme profile", "Acme statement"],
        "{updated:#}"
    );
    assert_eq!(
        updated["responses"][1]["summary"],
        "Acme Widgets denies it.[3] Its profile says otherwise.[2]"
    );
    assert_eq!(
        updated["claims"][0]["disputed_by"],
        json!(["reply-2026"]),
        "{updated:#}"
    );
    let lint = tree.command().arg("lint").output().unwrap();
    let report = String::from_utf8_lossy(&lint.stdout);
    assert!(!report.contains("citation-undefined"), "{report}");
}

#[test]
fn dry_run_writes_nothing_and_values_that_do_not_normalise_are_reported() {
    let tree = Tree::new();
    tree.write(
        "acme.wiki",
        "{{Infobox company|name=Acme Widgets|industry=Drones|country=Atlantis|founded=circa 1990|agencies=CBP, FBI}}\n== Overview ==\nA.<ref>{{cite web|title=T|publisher=Example News|date=someday}}</ref>\n== Boycott ==\nB.[1]\n",
    );
    let (output, report) = import(
        &tree,
        &["--dry-run", tree.root().join("acme.wiki").to_str().unwrap()],
    );
    let page = &report["pages"][0];
    assert_eq!(page["outcome"], "created", "{report:#}");
    assert_eq!(output.status.code(), Some(0), "{report:#}");
    let rejected = page["rejected"].to_string();
    for part in ["Atlantis", "circa 1990", "FBI", "someday"] {
        assert!(rejected.contains(part), "{part} not in {rejected}");
    }
    assert!(!tree.root().join("dataset/acme-widgets.json").exists());
    assert!(!tree.root().join(".icelist").exists());
}

#[test]
fn inputs_that_cannot_be_read_stop_the_run() {
    let tree = Tree::new();
    tree.write(
        "broken.xml",
        "<mediawiki><page><title>Acme</title></mediawiki>",
    );
    tree.write_bytes("binary.wiki", b"{{Infobox company|name=\xff\xfe}}");
    for (file, form) in [
        ("broken.xml", "auto"),
        ("binary.wiki", "wikitext"),
        ("missing.txt", "text"),
    ] {
        let output = tree
            .command()
            .args(["import", "--from", form])
            .arg(tree.root().join(file))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{file}: {}", stderr(&output));
        assert!(
            stderr(&output).contains("icelist: error:"),
            "{}",
            stderr(&output)
        );
    }
    tree.write("import.toml", "[infobox.fields]\nsector = \"sector\"\n");
    tree.write("acme.wiki", "{{Infobox company|name=Acme}}");
    let output = tree
        .command()
        .arg("import")
        .arg(tree.root().join("acme.wiki"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no entry field \"sector\""),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_mapping_file_renames_parameters_and_sections() {
    let tree = Tree::new();
    tree.write(
        "import.toml",
        "[infobox]\ntemplates = [\"Company\"]\n[infobox.fields]\nname = \"name\"\nsector = \"industry\"\nhq = \"headquarters\"\n[sections]\nSummary = \"overview\"\n\"Why boycott\" = \"boycott\"\n",
    );
    tree.write(
        "acme.wiki",
        "{{company|name=Acme Widgets|sector=Drones|HQ=Springfield}}\n== Summary ==\nA.<ref>{{cite web|title=T|publisher=Example News}}</ref>\n== Why boycott ==\nB.<ref>{{cite web|title=U|publisher=Example News}}</ref>\n",
    );
    let (output, report) = import(&tree, &[tree.root().join("acme.wiki").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{report:#}");
    let acme = entry(&tree, "acme-widgets");
    assert_eq!(acme["industry"], json!(["Drones"]));
    assert_eq!(acme["headquarters"], "Springfield");
    assert_eq!(acme["sections"]["boycott"], "B.[2]");
}

#[test]
fn a_killed_import_leaves_no_entry_half_written_and_the_next_run_cleans_up() {
    let tree = Tree::new();
    tree.write("acme.wiki", ACME_WIKITEXT);
    let output = tree
        .command()
        .arg("import")
        .arg(tree.root().join("acme.wiki"))
        .env("ICELIST_FAILPOINT", "write-before-rename")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let entries: Vec<_> = std::fs::read_dir(tree.root().join("dataset"))
        .unwrap()
        .collect();
    assert!(entries.is_empty(), "{entries:?}");
    let (output, report) = import(&tree, &[tree.root().join("acme.wiki").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{report:#}");
    assert_eq!(entry(&tree, "acme-widgets")["name"], "Acme Widgets");
    let leftovers: Vec<_> = std::fs::read_dir(tree.root().join(".icelist/tmp"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|name| name != "tmp.lock")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_bad_page_fails_alone_and_a_cut_off_export_reports_the_pages_read() {
    let tree = Tree::new();
    let good = export_page("Acme Widgets", 0, "", ACME_WIKITEXT);
    // An entity XML does not define, in the second page's text: that page fails, the others
    // are imported.
    let bad = export_page("Example Holdings 00042", 0, "", "Text")
        .replace("Text</text>", "Text &bogus; more</text>");
    let third = export_page(
        "Acme Gadgets",
        0,
        "",
        &ACME_WIKITEXT.replace("Acme Widgets", "Acme Gadgets"),
    );
    tree.write(
        "export.xml",
        &format!("<mediawiki version=\"0.11\">\n{good}{bad}{third}</mediawiki>\n"),
    );
    let (output, report) = import(&tree, &[tree.root().join("export.xml").to_str().unwrap()]);
    let outcomes: Vec<(&str, &str)> = report["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["title"].as_str().unwrap(), p["outcome"].as_str().unwrap()))
        .collect();
    assert_eq!(
        outcomes,
        [
            ("Acme Widgets", "created"),
            ("Example Holdings 00042", "failed"),
            ("Acme Gadgets", "created")
        ],
        "{report:#}"
    );
    assert!(
        report["pages"][1]["reason"]
            .as_str()
            .unwrap()
            .contains("&bogus;")
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(tree.root().join("dataset/acme-gadgets.json").exists());

    // Cut off inside its second page: the first is imported, the report says where it ended.
    let tree = Tree::new();
    let whole = format!("<mediawiki version=\"0.11\">\n{good}{third}</mediawiki>\n");
    let cut = &whole[..whole.find("Acme Gadgets").unwrap() + 20];
    tree.write("export.xml", cut);
    let (output, report) = import(&tree, &[tree.root().join("export.xml").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{report:#}");
    assert_eq!(report["pages"].as_array().unwrap().len(), 1, "{report:#}");
    assert_eq!(report["pages"][0]["outcome"], "created");
    assert!(
        report["inputs"][0]["error"]
            .as_str()
            .unwrap()
            .contains("cut off"),
        "{report:#}"
    );
    assert!(tree.root().join("dataset/acme-widgets.json").exists());

    // A schema version the reader has no test for is refused by name.
    let tree = Tree::new();
    tree.write(
        "export.xml",
        &format!("<mediawiki version=\"0.3\">\n{good}</mediawiki>\n"),
    );
    let output = tree
        .command()
        .args(["import"])
        .arg(tree.root().join("export.xml"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("\"0.3\""), "{}", stderr(&output));
}

#[test]
fn a_page_that_gives_the_entry_already_there_is_unchanged_without_update() {
    let tree = Tree::new();
    tree.write("acme.wiki", ACME_WIKITEXT);
    let page = tree.root().join("acme.wiki");
    let (output, _) = import(&tree, &[page.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let file = tree.root().join("dataset/acme-widgets.json");
    let written = tree.read("dataset/acme-widgets.json");
    let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));

    let (output, report) = import(&tree, &[page.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{report:#}");
    assert_eq!(report["pages"][0]["outcome"], "unchanged", "{report:#}");
    assert_eq!(tree.read("dataset/acme-widgets.json"), written);
    assert_eq!(
        std::fs::metadata(&file).unwrap().modified().unwrap(),
        modified
    );

    // One byte different on disk: the page is refused, the file left as it is.
    let edited = written.replacen(
        "Acme Widgets builds towers.",
        "Acme Widgets builds towers!",
        1,
    );
    tree.write("dataset/acme-widgets.json", &edited);
    let (output, report) = import(&tree, &[page.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{report:#}");
    assert_eq!(report["pages"][0]["outcome"], "refused");
    assert_eq!(tree.read("dataset/acme-widgets.json"), edited);
}

#[test]
fn an_entry_over_the_size_limit_fails_and_is_not_written() {
    let tree = Tree::new();
    tree.write("icelist.toml", "max_file_size = 400\n");
    tree.write("acme.wiki", ACME_WIKITEXT);
    let (output, report) = import(&tree, &[tree.root().join("acme.wiki").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{report:#}");
    let page = &report["pages"][0];
    assert_eq!(page["outcome"], "failed", "{report:#}");
    let reason = page["reason"].as_str().unwrap();
    assert!(reason.contains("over the limit of 400 bytes"), "{reason}");
    assert!(!tree.root().join("dataset/acme-widgets.json").exists());
}

#[test]
fn a_bare_link_without_a_publisher_is_reported_and_never_written_as_empty() {
    let tree = Tree::new();
    tree.write(
        "acme.wiki",
        "{{Infobox company|name=Acme Widgets|industry=Drones}}\n== Overview ==\nA.<ref>[https://example.com/report Acme annual report]</ref> C.<ref>[https://example.com/q]</ref>\n== Boycott ==\nB.<ref>{{cite web|title=U|publisher=Example News}}</ref>\n",
    );
    let (output, report) = import(&tree, &[tree.root().join("acme.wiki").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{report:#}");
    let page = &report["pages"][0];
    assert_eq!(page["outcome"], "failed", "{report:#}");
    let reason = page["reason"].as_str().unwrap();
    assert!(
        reason.contains("source 1 (\"Acme annual report\") names no publisher"),
        "{reason}"
    );
    // A link without a label shows as a number on the wiki: no title either.
    assert!(
        reason.contains("source 2 (\"https://example.com/q\") has no title"),
        "{reason}"
    );
    assert!(!tree.root().join("dataset/acme-widgets.json").exists());
}

#[test]
fn cite_errors_are_reported_by_key_and_line_and_invent_no_source() {
    let tree = Tree::new();
    tree.write(
        "acme.wiki",
        "{{Infobox company|name=Acme Widgets|industry=Drones}}\n== Overview ==\nA.<ref></ref> B.<ref name=a>{{cite web|title=T|publisher=Example News}}</ref>\n\
         C.<ref name=a follow=a>More</ref> D [2].\n== Boycott ==\nE.<ref name=a/><ref follow=a>p. 4</ref>\n",
    );
    let (output, report) = import(&tree, &[tree.root().join("acme.wiki").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{report:#}");
    let page = &report["pages"][0];
    let unmapped = page["unmapped"].to_string();
    for part in [
        "cite_error_ref_no_input on line 3",
        "cite_error_ref_follow_conflicts on line 4",
    ] {
        assert!(unmapped.contains(part), "{part} not in {unmapped}");
    }
    let acme = entry(&tree, "acme-widgets");
    assert_eq!(acme["sections"]["overview"], "A. B.[1] C. D ［2］.");
    assert_eq!(acme["sections"]["boycott"], "E.[1]");
    assert_eq!(acme["sources"].as_array().unwrap().len(), 1);
    assert_eq!(acme["sources"][0]["note"], "p. 4");
}

/// Issue #24: a page whose company only shares a *domain* with an entry was refused as
/// `entry-duplicate`, while the lint of the same two files reports `domain-duplicate`. The
/// refusal now names the rule the lint reports.
#[test]
fn a_page_sharing_only_a_domain_is_refused_under_the_rule_the_lint_reports() {
    let page = "{{Infobox company|name=Example Holdings 00042|industry=Drones|domains=acme-widgets.example}}\n== Overview ==\nA.<ref>{{cite web|title=T|publisher=Example News}}</ref>\n== Boycott ==\nB.<ref>{{cite web|title=U|publisher=Example News}}</ref>\n";
    let mut existing = named_entry("acme-widgets", "Acme Widgets");
    existing["domains"] = json!(["acme-widgets.example"]);

    let tree = Tree::new();
    tree.write_entry(&existing);
    tree.write("page.wiki", page);
    let (output, report) = import(&tree, &[tree.root().join("page.wiki").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{report:#}");
    assert_eq!(report["pages"][0]["outcome"], "refused", "{report:#}");
    let reason = report["pages"][0]["reason"].as_str().unwrap();
    assert!(
        reason.contains("domain-duplicate")
            && reason.contains("acme-widgets.example")
            && reason.contains("dataset/acme-widgets.json")
            && !reason.contains("entry-duplicate"),
        "{reason}"
    );
    assert!(
        !tree
            .root()
            .join("dataset/example-holdings-00042.json")
            .exists()
    );

    // The same two files, put side by side by hand: the lint's finding is that rule too.
    let alone = Tree::new();
    alone.write("page.wiki", page);
    let (output, _) = import(&alone, &[alone.root().join("page.wiki").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    tree.write(
        "dataset/example-holdings-00042.json",
        &alone.read("dataset/example-holdings-00042.json"),
    );
    let lint = tree
        .command()
        .args(["lint", "--format", "json"])
        .output()
        .unwrap();
    let lint: Value = serde_json::from_slice(&lint.stdout).unwrap();
    let codes: Vec<&str> = lint["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .filter(|code| code.ends_with("-duplicate"))
        .collect();
    assert!(
        codes.contains(&"domain-duplicate") && !codes.contains(&"entry-duplicate"),
        "{codes:?}"
    );
}

/// The `--report json` contract, byte for byte, on a run with several outcomes: a page
/// created with values left out and parameters not mapped, a page refused as a duplicate, and
/// a page whose entry has lint findings.
#[test]
fn the_import_report_bytes_are_pinned() {
    let tree = Tree::new();
    tree.write_entry(&named_entry("acme-widgets", "Acme Widgets"));
    tree.write(
        "gadgets.wiki",
        "{{Infobox company|name=Acme Gadgets|industry=Drones; Towers|country=Atlantis|founded=1990s|agencies=ICE, FBI|employees=12}}\n== Overview ==\nAcme Gadgets is a fictional tower maker.<ref>{{cite web|url=https://news.example.com/gadgets|title=Acme Gadgets towers|publisher=Example News|date=5 March 2024}}</ref>\n== Boycott ==\nAcme Gadgets is listed for a fictional tower contract.<ref>{{cite web|title=Tower contract|publisher=Example Gazette|date=someday}}</ref>\n== History ==\nFounded in a garage.\n",
    );
    tree.write(
        "widgets.wiki",
        "{{Infobox company|name=Acme Widgets|industry=Drones}}\n== Overview ==\nA.<ref>{{cite web|title=T|publisher=Example News}}</ref>\n== Boycott ==\nB.[1]\n",
    );
    let output = tree
        .command()
        .args(["import", "--report", "json", "gadgets.wiki", "widgets.wiki"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.ends_with("}\n"), "{text:?}");
    insta::assert_snapshot!("import_report_json", text);
}
