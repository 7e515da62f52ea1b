use super::*;

fn read(text: &str) -> Page {
    read_page("Acme Widgets", text, &Mapping::default())
}

#[test]
fn refs_are_numbered_by_first_use_and_reused_by_name() {
    let page = read(
        "== Overview ==\nAcme makes widgets.<ref name=\"a\">{{cite web |url=https://example.com/a |title=A |publisher=Example News}}</ref> \
         It sells them.<ref>{{cite news|title=B|work=Example Daily|date=Mar. 6, 2018}}</ref> Again.<ref name=a /><ref name='a'/>\n",
    );
    assert!(page.problems.is_empty(), "{:?}", page.problems);
    assert_eq!(
        page.sections,
        vec![(
            "Overview".to_owned(),
            "Acme makes widgets.[1] It sells them.[2] Again.[1][1]".to_owned()
        )]
    );
    assert_eq!(
        page.sources[0].url.as_deref(),
        Some("https://example.com/a")
    );
    assert_eq!(page.sources[0].publisher.as_deref(), Some("Example News"));
    assert_eq!(page.sources[1].kind, Some(SourceKind::News));
    assert_eq!(page.sources[1].date.as_deref(), Some("Mar. 6, 2018"));
}

#[test]
fn a_reuse_before_the_definition_keeps_its_first_number() {
    let page = read(
        "== Overview ==\nFirst.<ref name=b/> Second.<ref>Plain</ref> Third.<ref name=b>Defined</ref>\n",
    );
    assert_eq!(page.sections[0].1, "First.[1] Second.[2] Third.[1]");
    assert_eq!(page.sources[0].title.as_deref(), Some("Defined"));
}

#[test]
fn undefined_and_conflicting_names_are_problems_not_guesses() {
    let page = read("== Overview ==\nA.<ref name=x/>\n");
    assert_eq!(page.problems.len(), 1, "{:?}", page.problems);
    assert!(page.problems[0].contains("never defined"));
    let page = read("== Overview ==\nA.<ref name=x>One</ref> B.<ref name=x>Two</ref>\n");
    assert!(
        page.problems[0].contains("defined twice"),
        "{:?}",
        page.problems
    );
    let page = read("== Overview ==\nA.<ref name=x>One</ref> B.<ref name=x>One</ref>\n");
    assert!(page.problems.is_empty());
}

#[test]
fn list_defined_refs_group_refs_and_markup() {
    let page = read(
        "{{Infobox company\n| name = Acme [[Widget|Widgets]]\n| industry = Tools<br>Drones\n| parent_company = \n}}\n\
         Lead text.\n== '''Overview''' ==\n<!-- hidden -->''Acme'' is [[Acme Corp|a firm]].<ref name=r/> Note.<ref group=n>aside</ref>\n\
         Same paragraph.\n\nNext paragraph &amp; <nowiki>[[literal]]</nowiki> [https://example.com site].\n\
         == History ==\nOld.\n[[Category:Boycotted companies]]\n\
         == References ==\n<references>\n<ref name=r>{{cite press release|title=R|publisher=Acme|access-date=2020-01-01}}</ref>\n</references>\n",
    );
    assert!(page.problems.is_empty(), "{:?}", page.problems);
    let infobox = page.infobox.clone().unwrap();
    let row = |i: usize| (infobox[i].0.as_str(), infobox[i].1.lines.clone());
    assert_eq!(row(0), ("name", vec!["Acme Widgets".to_owned()]));
    assert_eq!(row(1), ("industry", vec!["Tools".into(), "Drones".into()]));
    assert_eq!(row(2), ("parent_company", vec![String::new()]));
    assert_eq!(page.lead, "Lead text.");
    assert_eq!(
        page.sections[0],
        (
            "Overview".into(),
            "Acme is a firm.[1] Note.[2] Same paragraph.\n\nNext paragraph & [[literal]] site."
                .into()
        )
    );
    // The group's footnote is kept apart from the main list: a source after it, reported.
    assert_eq!(page.sources.len(), 2);
    assert_eq!(page.sources[0].kind, Some(SourceKind::PressRelease));
    assert_eq!(page.sources[1].title.as_deref(), Some("aside"));
    assert_eq!(page.categories, vec!["Boycotted companies".to_owned()]);
    assert!(
        page.unmapped
            .iter()
            .any(|u| u.contains("group \"n\"") && u.contains("source 2")),
        "{:?}",
        page.unmapped
    );
    assert!(
        page.unmapped
            .iter()
            .any(|u| u.starts_with("cite_error_group_refs_without_references")),
        "{:?}",
        page.unmapped
    );
    assert!(
        page.unmapped.iter().any(|u| u.contains("access-date")),
        "{:?}",
        page.unmapped
    );
}

#[test]
fn an_unclosed_opener_is_text_and_the_sections_after_it_are_read() {
    for opener in ["{{", "[[", "<ref>", "<nowiki>"] {
        let page = read(&format!(
            "== Overview ==\n<!-- a\ncomment -->Acme {opener}makes widgets é.\n\n== Boycott ==\nListed.\n"
        ));
        let sections: Vec<&str> = page.sections.iter().map(|(h, _)| h.as_str()).collect();
        assert_eq!(sections, ["Overview", "Boycott"], "{opener}: {page:?}");
        assert!(
            page.sections[0]
                .1
                .contains(&format!("Acme {opener}makes widgets é.")),
            "{opener}: {page:?}"
        );
        let opener_name = opener.trim_end_matches('>');
        assert!(
            page.unmapped
                .iter()
                .any(|u| u.contains(&format!("`{opener_name}` on line 3"))),
            "{opener}: {:?}",
            page.unmapped
        );
        assert!(page.sources.is_empty(), "{opener}: {page:?}");
    }
}

#[test]
fn hostile_input_ends() {
    for text in [
        "{{",
        "{{{{{{",
        "<ref",
        "<ref name=\"",
        "[[",
        "== ==",
        "<nowiki>",
        "&#xFFFFFFFF;",
        "<references>",
        "{{Infobox company|a=<ref>x",
        "===",
        "[https://x",
        "<br",
        "&",
        "é{{é|é=é}}é",
    ] {
        let _ = read(text);
    }
}

/// Whether a report line of the page (not carried, or a problem) starts with `key` and holds
/// every one of `parts`.
fn reported(page: &Page, key: &str, parts: &[&str]) -> bool {
    page.unmapped
        .iter()
        .chain(&page.problems)
        .any(|line| line.starts_with(key) && parts.iter().all(|p| line.contains(p)))
}

fn overview(page: &Page) -> &str {
    &page.sections[0].1
}

#[test]
fn follow_text_is_added_to_the_footnote_it_follows_and_never_named() {
    // Cite's ReferenceStack::resolveFollow: the text is appended after a space, no marker.
    let page = read(
        "== Overview ==\nA.<ref name=a>{{cite web|title=Acme annual report|publisher=Acme Widgets}}</ref> \
         B.<ref follow=a>See page 4.</ref>\n",
    );
    assert_eq!(overview(&page), "A.[1] B.");
    assert_eq!(page.sources.len(), 1);
    assert_eq!(page.sources[0].note.as_deref(), Some("See page 4."));
    assert!(page.problems.is_empty(), "{:?}", page.problems);

    // name= together with follow= is Cite's cite_error_ref_follow_conflicts: no source, and
    // the text is not added either.
    let page = read(
        "== Overview ==\nA.<ref name=a>Plain source</ref> B.<ref name=b follow=a>More</ref>\n",
    );
    assert_eq!(overview(&page), "A.[1] B.");
    assert_eq!(page.sources.len(), 1);
    assert_eq!(page.sources[0].title.as_deref(), Some("Plain source"));
    assert!(
        reported(
            &page,
            "cite_error_ref_follow_conflicts on line 2",
            &["\"b\"", "\"a\""]
        ),
        "{:?}",
        page.unmapped
    );

    // A follow= that names no earlier footnote: Cite lists it unnumbered; not a source.
    let page = read("== Overview ==\nA.<ref follow=zz>Orphan text</ref>\n");
    assert!(page.sources.is_empty());
    assert!(
        reported(
            &page,
            "a footnote on line 2 follows \"zz\"",
            &["Orphan text"]
        ),
        "{:?}",
        page.unmapped
    );
}

#[test]
fn a_references_list_mid_page_restarts_cites_numbering_and_the_import_numbers_on() {
    let page = read(
        "== Overview ==\nA.<ref name=a>One</ref> B.<ref>Two</ref>\n<references/>\n\
         == Boycott ==\nC.<ref>Three</ref> D.<ref name=c>Four</ref> E.<ref name=c/>\n",
    );
    assert!(page.problems.is_empty(), "{:?}", page.problems);
    assert_eq!(overview(&page), "A.[1] B.[2]");
    assert_eq!(page.sections[1].1, "C.[3] D.[4] E.[4]");
    let titles: Vec<_> = page.sources.iter().map(|s| s.title.as_deref()).collect();
    assert_eq!(
        titles,
        [Some("One"), Some("Two"), Some("Three"), Some("Four")]
    );
    assert!(
        page.unmapped.iter().any(|u| u.contains("on line 3")
            && u.contains("from 1 again")
            && u.contains("source 3")),
        "{:?}",
        page.unmapped
    );

    // A name belongs to its list: after the list ends, reusing it is a new footnote that is
    // never defined (Cite: cite_error_references_no_text), and the page fails.
    let page = read("== Overview ==\nA.<ref name=a>One</ref>\n<references/>\nB.<ref name=a/>\n");
    assert!(
        reported(
            &page,
            "cite_error_references_no_text on line 4",
            &["\"a\" is used but never defined"]
        ),
        "{:?}",
        page.problems
    );

    // A list with an attribute Cite does not read is an error in place of the list: the
    // footnotes stay in the open list, so no restart.
    let page = read("== Overview ==\nA.<ref>One</ref>\n<references colums=2/>\nB.<ref>Two</ref>\n");
    assert_eq!(overview(&page), "A.[1]\n\nB.[2]");
    assert!(reported(
        &page,
        "cite_error_references_invalid_parameters on line 3",
        &["colums"]
    ));
    assert!(!page.unmapped.iter().any(|u| u.contains("from 1 again")));
}

#[test]
fn group_footnotes_are_kept_apart_and_imported_after_the_main_list() {
    // Cite shows A.[note 1] B.[1] C.[note 2] D.[note 2]: the group's footnotes take no number
    // from the main list, and are imported after it.
    let page = read(
        "== Overview ==\nA.<ref group=note>A note</ref> B.<ref>Main one</ref> C.<ref group=note name=n>Second note</ref> \
         D.<ref group=note name=n/>\n<references group=note/>\n<references/>\n",
    );
    assert!(page.problems.is_empty(), "{:?}", page.problems);
    assert_eq!(overview(&page), "A.[2] B.[1] C.[3] D.[3]");
    let titles: Vec<_> = page.sources.iter().map(|s| s.title.as_deref()).collect();
    assert_eq!(
        titles,
        [Some("Main one"), Some("A note"), Some("Second note")]
    );
    assert!(reported(
        &page,
        "the footnotes of group \"note\"",
        &["sources 2–3"]
    ));
    assert!(!reported(
        &page,
        "cite_error_group_refs_without_references",
        &[]
    ));
    // A name is known within its group only: the main group never defines "n".
    let page = read("== Overview ==\nA.<ref group=note name=n>N</ref> D.<ref name=n/>\n");
    assert!(reported(&page, "cite_error_references_no_text", &["\"n\""]));
    assert!(reported(
        &page,
        "cite_error_group_refs_without_references",
        &["\"note\""]
    ));
}

#[test]
fn empty_and_whitespace_named_refs_and_repeated_attributes_as_cite_reads_them() {
    // A name of spaces is no name: an unnamed footnote, no error.
    let page = read(
        "== Overview ==\nA.<ref name=\"   \">Spaced name</ref> B.<ref name=\" \">Other</ref>\n",
    );
    assert_eq!(overview(&page), "A.[1] B.[2]");
    assert!(
        page.unmapped.iter().all(|u| !u.starts_with("cite_error")),
        "{:?}",
        page.unmapped
    );
    // Empty content without a name: cite_error_ref_no_input, no source, no marker.
    let page = read("== Overview ==\nA.<ref></ref> B.<ref>   </ref> C.<ref>Real</ref>\n");
    assert_eq!(overview(&page), "A. B. C.[1]");
    assert_eq!(page.sources.len(), 1);
    assert!(
        reported(&page, "cite_error_ref_no_input on line 2", &[]),
        "{:?}",
        page.unmapped
    );
    assert_eq!(
        page.unmapped
            .iter()
            .filter(|u| u.starts_with("cite_error_ref_no_input"))
            .count(),
        2
    );
    // Self-closing without a name: cite_error_ref_no_key.
    let page = read("== Overview ==\nA.<ref/> B.<ref name=\" \" />\n");
    assert!(page.sources.is_empty());
    assert_eq!(overview(&page), "A. B.");
    assert!(reported(&page, "cite_error_ref_no_key on line 2", &[]));
    // A repeated attribute: the last one wins (Sanitizer::decodeTagAttributes).
    let page =
        read("== Overview ==\nA.<ref name=a name=b>Doc</ref> B.<ref name=b/> C.<ref name=a/>\n");
    assert_eq!(overview(&page), "A.[1] B.[1] C.[2]");
    assert!(reported(&page, "cite_error_references_no_text", &["\"a\""]));
    // A name of digits is dropped with a warning, the footnote read as unnamed.
    let page =
        read("== Overview ==\nA.<ref name=\"7\">Seven</ref> B.<ref name=\"7\">Seven</ref>\n");
    assert_eq!(overview(&page), "A.[1] B.[2]");
    assert!(reported(
        &page,
        "cite_error_ref_numeric_key on line 2",
        &["\"7\""]
    ));
    // An attribute Cite does not read is ignored, with its suggestion.
    let page = read("== Overview ==\nA.<ref nmae=x>Doc</ref>\n");
    assert_eq!(overview(&page), "A.[1]");
    assert!(reported(
        &page,
        "cite_error_ref_parameter_suggestion",
        &["\"nmae\"", "\"name\""]
    ));
    // A missing </ref> inside a ref: cite_error_included_ref, no source.
    let page = read("== Overview ==\nA.<ref>One <ref>Two</ref> B.\n");
    assert!(page.sources.is_empty());
    assert!(reported(&page, "cite_error_included_ref on line 2", &[]));
}

#[test]
fn literal_brackets_are_text_no_rule_counts_and_numbering_goes_by_real_use() {
    let page = read(
        "== Overview ==\nSee [3] and <nowiki>[4]</nowiki>, [1,2], [sic] and &#91;5&#93;.<ref>First real</ref> \
         Again [2].<ref>Second real</ref>\n",
    );
    assert_eq!(
        overview(&page),
        "See ［3］ and ［4］, ［1,2］, [sic] and ［5］.[1] Again ［2］.[2]"
    );
    let titles: Vec<_> = page.sources.iter().map(|s| s.title.as_deref()).collect();
    assert_eq!(titles, [Some("First real"), Some("Second real")]);
    let index = crate::rules::citations::marker_like(overview(&page));
    assert_eq!(index.len(), 2, "only the real markers are read as markers");
}

#[test]
fn a_footnote_anywhere_on_the_page_is_read_or_reported() {
    let page = read(
        "{{Infobox company\n| name = Acme Widgets\n| founded = 1987<ref>{{cite web|title=Founding|publisher=Example Registry}}</ref>\n}}\n\
         == Overview ==\n[[File:Acme.png|thumb|The plant<ref>{{cite web|title=Photo|publisher=Example Archive}}</ref>]]\
         Acme makes [[Widget|widgets<ref>{{cite web|title=Label|publisher=Example News}}</ref>]] \
         and [https://example.com/a towers<ref name=t>{{cite web|title=Towers [annex]|publisher=Example Times}}</ref>].\
         {{Quote|text=Words.<ref>{{cite web|title=Quoted|publisher=Example Daily}}</ref>}}\
         {{#tag:ref|{{cite web|title=Tagged|publisher=Example Weekly}}|name=g}}\n\
         == Boycott <ref>{{cite web|title=In heading|publisher=Example Post}}</ref> ==\nListed.<ref name=t/>\n",
    );
    assert!(page.problems.is_empty(), "{:?}", page.problems);
    let titles: Vec<_> = page
        .sources
        .iter()
        .map(|s| s.title.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        titles,
        [
            "Founding",
            "Photo",
            "Label",
            "Towers [annex]",
            "Quoted",
            "Tagged",
            "In heading"
        ]
    );
    let founded = &page.infobox.as_ref().unwrap()[1];
    assert_eq!(
        (founded.0.as_str(), founded.1.text()),
        ("founded", "1987".into())
    );
    assert_eq!(overview(&page), "Acme makes widgets[3] and towers[4].[6]");
    assert_eq!(page.sections[1], ("Boycott".into(), "Listed.[4]".into()));
    for place in [
        "the infobox value \"founded\"",
        "the caption of [[File:Acme.png]]",
        "the template {{Quote}}",
        "the heading \"Boycott",
    ] {
        assert!(
            reported(&page, "a footnote in ", &[place]),
            "{place}: {:?}",
            page.unmapped
        );
    }
}

#[test]
fn a_bare_link_keeps_its_title_and_states_no_publisher() {
    let page = read(
        "== Overview ==\nA.<ref>[https://example.com/r Acme <i>annual</i> report] (PDF)</ref> B.<ref>[https://example.com/q]</ref>\n",
    );
    assert_eq!(page.sources[0].title.as_deref(), Some("Acme annual report"));
    assert_eq!(
        page.sources[0].url.as_deref(),
        Some("https://example.com/r")
    );
    assert_eq!(page.sources[0].publisher, None);
    assert_eq!(page.sources[0].note.as_deref(), Some("(PDF)"));
    assert_eq!(page.sources[1].title, None);
}

#[test]
fn raw_html_and_references_in_values_are_text() {
    let page = read(
        "== Overview ==\nA.<ref>{{cite news|title=<b>Acme</b> &#0;wins&#x110000; &hellip;|work=<span style=\"x\">Example Daily</span>}}</ref>\n",
    );
    assert_eq!(
        page.sources[0].title.as_deref(),
        Some("Acme \u{fffd}wins\u{fffd} \u{2026}")
    );
    assert_eq!(page.sources[0].publisher.as_deref(), Some("Example Daily"));
    // A tag MediaWiki does not know is shown as text.
    let page = read("== Overview ==\nA <widget> B &lt;b&gt; C\n");
    assert_eq!(overview(&page), "A <widget> B <b> C");
}

#[test]
fn lists_and_tables_are_lines_of_text() {
    let page = read(
        "== Overview ==\nAcme sells:\n* drones<ref>Drone source</ref>\n* towers\n** tall ones\nThen:\n# first\n# second\n#* aside\n# third\n\n\
         {| class=\"wikitable\"\n|+ Contracts\n! Year !! Agency\n|-\n| 2018 || style=\"x\" | CBP<ref>Contract source</ref>\n|-\n| 2019\n| ICE\nmore\n|}\nAfter.\n",
    );
    assert_eq!(
        overview(&page),
        "Acme sells:\n\ndrones[1]\ntowers\ntall ones\n\nThen:\n\n1. first\n2. second\naside\n3. third\n\n\
         Contracts\nYear | Agency\n2018 | CBP[2]\n2019 | ICE more\n\nAfter."
    );
    assert!(!overview(&page).contains("{|"));
    assert!(
        reported(&page, "a table on line 12", &["one row a line"]),
        "{:?}",
        page.unmapped
    );
    let page = read("== Overview ==\n{|\n| cell\n== Boycott ==\nListed.\n");
    assert_eq!(overview(&page), "cell");
    assert_eq!(page.sections[1].1, "Listed.");
    assert!(
        reported(&page, "an unclosed `{|` on line 2", &[]),
        "{:?}",
        page.unmapped
    );
}

#[test]
fn control_characters_no_wiki_page_holds_are_replaced_and_reported() {
    let page = read("== Overview ==\nA\u{1}B\u{2}C\u{3}D\u{4}E\r\nF\n");
    assert_eq!(overview(&page), "A\u{fffd}B\u{fffd}C\u{fffd}D\u{fffd}E F");
    assert!(reported(&page, "4 control character(s)", &[]));
}

#[test]
fn references_list_errors_and_rarer_attributes_as_cite_names_them() {
    let page = read(
        "== Overview ==\nA.<ref name=a/> B.<ref name=c group=x/>\n<references>\n<ref name=a>Defined</ref>\n<ref>No name</ref>\n\
         <ref name=b>Never used</ref>\n<ref name=e></ref>\n<ref name=a group=x>Other group</ref>\n</references>\n\
         <references group=x><references/></references>\n",
    );
    assert_eq!(page.sources[0].title.as_deref(), Some("Defined"));
    for (key, line) in [
        ("cite_error_references_no_key", 5),
        ("cite_error_references_missing_key", 6),
        ("cite_error_empty_references_define", 7),
        ("cite_error_references_group_mismatch", 8),
        ("cite_error_included_references", 10),
    ] {
        assert!(
            reported(&page, &format!("{key} on line {line}"), &[]),
            "{key}: {:?}",
            page.unmapped
        );
    }
    // The list with an error did not end group x's list: its footnote "c" is still open
    // and never defined.
    assert!(reported(
        &page,
        "cite_error_references_no_text on line 2",
        &["\"c\""]
    ));

    let page = read(
        "== Overview ==\nA.<ref follow=\"4\">Text</ref> B.<ref dir=sideways>Doc</ref> \
         C.{{#tag:references|<ref name=z>Z</ref>}}\n",
    );
    assert!(reported(
        &page,
        "cite_error_ref_numeric_key on line 2",
        &["follow=\"4\""]
    ));
    assert!(reported(
        &page,
        "cite_error_ref_invalid_dir on line 2",
        &["sideways"]
    ));
    assert!(reported(
        &page,
        "cite_error_references_missing_key on line 2",
        &["\"z\""]
    ));
    assert_eq!(overview(&page), "A. B.[1] C.");
}

#[test]
fn a_ref_inside_a_footnote_is_text_as_cite_shows_it() {
    let page = read("== Overview ==\nA.<ref>See {{#tag:ref|inner}} here</ref>\n");
    assert_eq!(overview(&page), "A.[1]");
    assert_eq!(page.sources.len(), 1);
    assert_eq!(
        page.sources[0].title.as_deref(),
        Some("See <ref>inner</ref> here")
    );
}
