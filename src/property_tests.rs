//! Properties that must hold for every entry, not just the fixtures: formatting is idempotent
//! and keeps the data; `--fix` keeps every source and sentence and adds no diagnostic.
//!
//! Unit tests, not integration tests: some properties are of internals (the plain-link fast
//! path, comparison keys) that the library does not export.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::config::Settings;
use crate::rules::schema::EntrySchema;
use proptest::prelude::*;
use serde_json::{Value, json};
use std::collections::BTreeSet;

fn schema() -> EntrySchema {
    EntrySchema::load(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/company.schema.json"),
    )
    .unwrap()
}

/// A fictional entry: sources with shuffled ids, prose citing them in random order.
fn entry_strategy() -> impl Strategy<Value = Value> {
    (1usize..6)
        .prop_flat_map(|n| {
            (
                Just(n),
                "[A-Za-z][A-Za-z0-9 ,.&'é\u{0410}-]{0,30}",
                Just((1..=n as u64).collect::<Vec<_>>()).prop_shuffle(),
                proptest::collection::vec((0..n, "[a-z ]{1,20}"), 1..8),
                proptest::collection::vec("[A-Za-z0-9 ]{1,20}", n),
                any::<bool>(),
            )
        })
        .prop_map(|(n, name, ids, sentences, titles, verified)| {
            let sources: Vec<Value> = (0..n)
                .map(|i| {
                    json!({
                        "id": ids[i],
                        "title": format!("{} {i}", titles[i]),
                        "publisher": format!("Example Publisher {i}"),
                        "url": format!("https://example.com/doc/{i}")
                    })
                })
                .collect();
            let prose = |part: &[(usize, String)]| {
                part.iter().map(|(cite, words)| format!("{words}.[{}]", ids[*cite])).collect::<Vec<_>>().join(" ")
            };
            let half = sentences.len().div_ceil(2);
            json!({
                "$schema": "../schema/company.schema.json",
                "id": "acme-widgets",
                "name": format!("Acme {name}"),
                "industry": ["Drones"],
                "verification": if verified { json!({ "status": "verified", "date": "2026-05-01" }) } else { json!({ "status": "unverified" }) },
                "boycott": { "status": "listed", "agencies": ["CBP"] },
                "sections": { "overview": prose(&sentences[..half]), "boycott": prose(&sentences[half..]) + " Listed.[1]" },
                "sources": sources,
            })
        })
}

fn codes(bytes: &[u8], schema: &EntrySchema, settings: &Settings) -> BTreeSet<&'static str> {
    crate::lint::analyze_entry(
        "dataset/acme-widgets.json",
        "acme-widgets",
        bytes,
        schema,
        settings,
        false,
    )
    .diagnostics
    .iter()
    .map(|d| d.code.as_str())
    .collect()
}

fn without_digits(s: &Value) -> String {
    s.as_str()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_ascii_digit())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn formatting_is_idempotent_and_keeps_the_data(entry in entry_strategy(), compact in any::<bool>()) {
        let text = if compact { serde_json::to_string(&entry).unwrap() } else { serde_json::to_string_pretty(&entry).unwrap() };
        let once = crate::format::format_entry(text.as_bytes()).unwrap();
        let twice = crate::format::format_entry(once.as_bytes()).unwrap();
        prop_assert_eq!(&once, &twice);
        let reparsed: Value = serde_json::from_str(&once).unwrap();
        prop_assert_eq!(reparsed, entry);
        prop_assert!(once.ends_with('\n') && !once.contains('\r'));
    }

    #[test]
    fn fix_keeps_sources_and_sentences_and_adds_no_diagnostic(entry in entry_strategy()) {
        let schema = schema();
        let settings = Settings::new(crate::config::parse_date("2026-06-01").unwrap());
        let before_text = crate::format::to_canonical_text(&entry);
        let before_codes = codes(before_text.as_bytes(), &schema, &settings);
        let mut fixed = entry.clone();
        crate::rules::citation_order::renumber_sources(&mut fixed);
        let after_text = crate::format::to_canonical_text(&fixed);
        let after_codes = codes(after_text.as_bytes(), &schema, &settings);
        prop_assert!(after_codes.is_subset(&before_codes), "new diagnostics: {:?} -> {:?}", before_codes, after_codes);
        prop_assert!(!after_codes.contains("citation-order") && !after_codes.contains("citation-numbering"));
        let titles = |v: &Value| v["sources"].as_array().unwrap().iter().map(|s| s["title"].to_string()).collect::<BTreeSet<_>>();
        prop_assert_eq!(titles(&entry), titles(&fixed));
        prop_assert_eq!(entry["sources"].as_array().unwrap().len(), fixed["sources"].as_array().unwrap().len());
        for section in ["overview", "boycott"] {
            prop_assert_eq!(without_digits(&entry["sections"][section]), without_digits(&fixed["sections"][section]));
        }
        // Each marker still points at the same document.
        let cited = |v: &Value, section: &str| -> Vec<String> {
            let text = v["sections"][section].as_str().unwrap();
            text.split('[').skip(1).filter_map(|part| part.split(']').next()?.parse::<u64>().ok())
                .map(|n| v["sources"].as_array().unwrap().iter().find(|s| s["id"] == n).map(|s| s["title"].to_string()).unwrap_or_default())
                .collect()
        };
        for section in ["overview", "boycott"] {
            prop_assert_eq!(cited(&entry, section), cited(&fixed, section));
        }
    }

    /// The plain-link fast path agrees with the URL parser on every link it accepts: the link
    /// is valid, and its normalized key and print are the parser's.
    #[test]
    fn plain_links_are_what_the_url_parser_says(
        raw in prop_oneof![
            "(https?|ftp|HTTP)://(www\\.)?[a-zA-Z0-9.\\-]{0,14}(\\.[a-z0-9\\-]{1,6}){0,2}(/[a-zA-Z0-9._~%:?#@ /\\\\\\-]{0,16})?",
            // Mostly plain links, with the dot segments and numeric labels that must be refused.
            "https?://(www\\.)?[a-z0-9\\-]{1,8}(\\.[a-z0-9\\-]{1,6}){0,3}(/[a-z0-9._~/\\-]{0,16})?",
        ]
    ) {
        use crate::rules::links::{PlainLink, parse_link};
        if let Some(plain) = PlainLink::of(&raw) {
            let url = parse_link(&raw);
            prop_assert!(url.is_ok(), "{raw}: {:?}", url.err());
            let url = url.unwrap();
            prop_assert_eq!(
                crate::identity::normalize_url(&url),
                Some(format!("{}{}", plain.host, plain.path))
            );
            prop_assert_eq!(crate::identity::normalized_url_print(&url), Some(plain.print()));
        }
    }

    /// Prints of title keys: equal keys give equal prints, whatever the spelling.
    #[test]
    fn comparison_keys_fold_ascii_like_the_unicode_path(s in "[ \t\nA-Za-z0-9.,]{0,30}") {
        let key = crate::text::comparison_key(&s);
        let words: Vec<String> = s.split_whitespace().map(str::to_lowercase).collect();
        prop_assert_eq!(key, words.join(" "));
    }
}

/// Text a contributor could write, with the characters wikitext reads as markup.
fn wiki_text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9éü–'&<>{}|=*#:;~_\\-\\[\\]]([A-Za-z0-9 éü–'&<>{}|=*#:;~_\\-\\[\\]]{0,24}[A-Za-z0-9éü–'&<>{}|=*#:;~_\\-\\[\\]])?"
}

/// Prose: paragraphs of words and markup characters (no `]`, so no stray marker), each
/// sentence citing one of `n` sources; `order` says which source each sentence cites.
fn prose(order: Vec<usize>, words: Vec<String>) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, (cite, text)) in order.iter().zip(words).enumerate() {
        let text = text.replace(']', ")");
        current.push_str(&format!("{}.[{}]", text.trim(), cite + 1));
        if i % 3 == 2 {
            paragraphs.push(std::mem::take(&mut current));
        } else {
            current.push(' ');
        }
    }
    if !current.trim().is_empty() {
        paragraphs.push(current.trim().to_owned());
    }
    paragraphs.join("\n\n")
}

fn entry_for_round_trip() -> impl Strategy<Value = crate::model::Entry> {
    use crate::model::*;
    let date = (1990i32..2030, 1u8..=12, 1u8..=28)
        .prop_map(|(y, m, d)| crate::model::Date::new(y, m, d).unwrap());
    let partial = prop_oneof![
        (1990i32..2030).prop_map(PartialDate::Year),
        (1990i32..2030, 1u8..=12).prop_map(|(y, m)| PartialDate::Month(y, m)),
        date.clone().prop_map(PartialDate::Day),
    ];
    let source = (
        wiki_text(),
        wiki_text(),
        proptest::sample::select(SourceKind::ALL.to_vec()),
        proptest::option::of(partial.clone()),
        proptest::option::of("https://example\\.com/[a-z0-9/]{0,10}"),
        proptest::option::of(wiki_text()),
        proptest::option::of(proptest::collection::vec(wiki_text(), 1..3)),
    );
    let list = || proptest::option::of(proptest::collection::vec(wiki_text(), 1..3));
    (
        (
            wiki_text(),
            list(),
            proptest::collection::vec(wiki_text(), 1..3),
            proptest::option::of(proptest::sample::select(vec!["US", "DE", "FR", "CA"])),
            proptest::option::of(1800i64..2026),
            proptest::option::of(proptest::option::of(wiki_text())),
            proptest::option::of(proptest::sample::select(EntryStatus::ALL.to_vec())),
        ),
        (
            proptest::sample::select(VerificationStatus::ALL.to_vec()),
            proptest::option::of(date.clone()),
            proptest::option::of(wiki_text()),
            proptest::sample::select(BoycottStatus::ALL.to_vec()),
            proptest::option::of(proptest::sample::subsequence(Agency::ALL.to_vec(), 1..=4)),
            proptest::option::of(date),
            proptest::option::of("Q[1-9][0-9]{0,5}"),
        ),
        proptest::collection::vec(source, 1..5),
        proptest::collection::vec((any::<prop::sample::Index>(), wiki_text()), 1..9),
        proptest::option::of(proptest::collection::vec("[a-z0-9]{1,8}\\.example", 1..3)),
        proptest::collection::vec(
            (
                proptest::sample::select(Agency::ALL.to_vec()),
                proptest::sample::select(ClaimKind::ALL.to_vec()),
                proptest::sample::select(ClaimStatus::ALL.to_vec()),
                wiki_text(),
                proptest::option::of((
                    proptest::option::of(partial.clone()),
                    proptest::option::of(partial.clone()),
                )),
            ),
            0..3,
        ),
    )
        .prop_map(
            |(
                (name, aliases, industry, country, founded, parent, status),
                (verification, verified_on, notes, boycott, agencies, since, wikidata),
                sources,
                sentences,
                domains,
                claims,
            )| {
                let n = sources.len();
                // Sources numbered by first citation: sentence i cites a source already cited
                // or the next new one.
                let mut cited = 0usize;
                let mut order = Vec::new();
                for (index, _) in &sentences {
                    let pick = index.index(cited + 1);
                    order.push(pick.min(n - 1));
                    cited = cited.max(pick.min(n - 1) + 1);
                }
                let words: Vec<String> = sentences.into_iter().map(|(_, w)| w).collect();
                let half = order.len().div_ceil(2);
                let mut overview = prose(order[..half].to_vec(), words[..half].to_vec());
                let mut boycott_prose = prose(order[half..].to_vec(), words[half..].to_vec());
                // Every source is cited somewhere, in order.
                for extra in cited..n {
                    boycott_prose.push_str(&format!(" More.[{}]", extra + 1));
                }
                if boycott_prose.starts_with(' ') {
                    boycott_prose = boycott_prose.trim_start().to_owned();
                }
                if overview.is_empty() {
                    overview = "Nothing.".into();
                }
                // The schema wants both sections to hold text (an import never writes "").
                if boycott_prose.is_empty() {
                    boycott_prose = "Listed.".into();
                }
                Entry {
                    unknown: crate::model::UnknownFields::new(),
                    schema: Some("../schema/company.schema.json".into()),
                    id: "example-holdings-00042".into(),
                    name,
                    aliases,
                    industry,
                    country: country.map(str::to_owned),
                    founded,
                    headquarters: None,
                    // A parent written as a word for "none" is read as none, by design.
                    parent_company: parent
                        .map(|p| p.filter(|p| !crate::outside_values::says_none(p))),
                    status,
                    verification: Verification {
                        unknown: crate::model::UnknownFields::new(),
                        status: verification,
                        date: verified_on,
                        notes,
                    },
                    identifiers: wikidata.map(|w| Identifiers {
                        wikidata: Some(w),
                        ..Identifiers::default()
                    }),
                    domains,
                    boycott: Boycott {
                        unknown: crate::model::UnknownFields::new(),
                        status: boycott,
                        agencies,
                        since,
                        reason: None,
                    },
                    sections: Sections {
                        unknown: crate::model::UnknownFields::new(),
                        overview,
                        boycott: boycott_prose,
                        background: None,
                    },
                    // Each claim cites source 1, which the prose cites first.
                    claims: Some(
                        claims
                            .into_iter()
                            .enumerate()
                            .map(|(i, (agency, kind, status, text, period))| Claim {
                                unknown: crate::model::UnknownFields::new(),
                                id: format!("claim-{i}"),
                                agency,
                                kind,
                                summary: format!("{}.[1]", text.replace(']', ")").trim()),
                                period: period
                                    .filter(|(from, to)| from.is_some() || to.is_some())
                                    .map(|(from, to)| Period {
                                        unknown: crate::model::UnknownFields::new(),
                                        from,
                                        to,
                                    }),
                                status,
                                disputed_by: Vec::new(),
                                awards: Vec::new(),
                            })
                            .collect::<Vec<_>>(),
                    )
                    .filter(|c| !c.is_empty()),
                    responses: None,
                    sources: sources
                        .into_iter()
                        .enumerate()
                        .map(
                            |(i, (title, publisher, kind, date, url, note, quotes))| Source {
                                unknown: crate::model::UnknownFields::new(),
                                id: i as u64 + 1,
                                title,
                                publisher,
                                kind: Some(kind),
                                date,
                                url,
                                archive_url: None,
                                note,
                                quotes,
                            },
                        )
                        .collect(),
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The wikitext the build writes imports back to the same entry, field for field.
    #[test]
    fn wikitext_out_and_back_in_gives_the_same_entry(entry in entry_for_round_trip()) {
        let page = crate::export::wikitext::page(&entry);
        let back = crate::import::entry_from_wikitext("ignored", &page, &crate::import::Mapping::default());
        prop_assert_eq!(back.as_ref(), Ok(&entry), "{}", page);
    }
}

/// Text made of wiki markup, HTML-ish tags and multi-byte characters in any order: what breaks
/// a reader that slices outside text at byte offsets it guessed.
fn markup_soup() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("{{".to_owned()),
        Just("}}".to_owned()),
        Just("[[".to_owned()),
        Just("]]".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just("|".to_owned()),
        Just("=".to_owned()),
        Just("==".to_owned()),
        Just("<ref".to_owned()),
        Just("<ref name=\"a\">".to_owned()),
        Just("<ref name=a/>".to_owned()),
        Just("</ref>".to_owned()),
        Just("<references>".to_owned()),
        Just("</references>".to_owned()),
        Just("<nowiki>".to_owned()),
        Just("</nowiki>".to_owned()),
        Just("<br>".to_owned()),
        Just("<!--".to_owned()),
        Just("-->".to_owned()),
        Just("'''".to_owned()),
        Just("&amp;".to_owned()),
        Just("&#x1F600;".to_owned()),
        Just("&#0;".to_owned()),
        Just("{{Infobox company|name=".to_owned()),
        Just("{{cite web|url=https://example.com/é|title=".to_owned()),
        Just("[https://example.com/ ".to_owned()),
        Just("\n".to_owned()),
        Just("↑ 1.0 ".to_owned()),
        Just("| Founded | ".to_owned()),
        Just("Sources".to_owned()),
        "[éü中😀ऄ\u{301}a-z ]{0,4}",
        any::<String>(),
    ];
    proptest::collection::vec(pieces, 0..24).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Every reader of outside text takes any text without panicking.
    #[test]
    fn no_reader_of_outside_text_panics(text in markup_soup()) {
        let mapping = crate::import::mapping::Mapping::default();
        let _ = crate::import::wikitext::read_page("Acme Widgets", &text, &mapping);
        let _ = crate::import::text_page::read_page(&text, &mapping);
        let xml = format!(
            "<mediawiki><page><title>Acme</title><ns>0</ns><revision><text>{}</text></revision></page></mediawiki>",
            text.replace('&', "&amp;").replace('<', "&lt;")
        );
        let _ = crate::import::mediawiki_xml::read_pages(xml.as_bytes(), &mut |_| Ok(()));
        let _ = crate::import::mediawiki_xml::read_pages(text.as_bytes(), &mut |_| Ok(()));
        let form = crate::intake::form::Form::from_yaml(include_str!(
            "../.github/ISSUE_TEMPLATE/propose-company.yml"
        ))
        .unwrap();
        let _ = crate::intake::body::parse(&form, &text);
        let _ = crate::intake::form::Form::from_yaml(&text);
        let _ = crate::text::decode_entities(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Findings anywhere along one long line, with multi-byte text around them, draw in the
    /// human format without a panic and without reprinting the line.
    #[test]
    fn findings_along_a_long_line_render_cut(
        filler in 0usize..140_000,
        around in "[xé中😀 ]{0,6}",
        markers in proptest::collection::vec(1u32..99, 1..6),
    ) {
        let markers: String = markers.iter().map(|n| format!(" [{n}]{around}")).collect();
        let text = format!(
            r#"{{"id":"acme-widgets","name":"Acme Widgets","industry":["Tools"],"country":"usa","verification":{{"status":"unverified"}},"boycott":{{"status":"listed","agencies":["CBP"]}},"sections":{{"overview":"{}{markers}","boycott":"{around}","boycott":"Listed.[1]"}},"sources":[{{"id":1,"title":"T","publisher":"P"}},{{"id":1,"title":"T","publisher":"P"}}]}}"#,
            "x".repeat(filler)
        );
        let outcome = crate::lint::analyze_entry(
            "dataset/acme-widgets.json",
            "acme-widgets",
            text.as_bytes(),
            &schema(),
            &Settings::new(crate::config::parse_date("2026-06-01").unwrap()),
            false,
        );
        prop_assert!(outcome.diagnostics.len() > 2);
        let report = crate::diagnostic::Report {
            diagnostics: outcome.diagnostics,
            files: 1,
            sources: outcome
                .text
                .into_iter()
                .map(|text| ("dataset/acme-widgets.json".to_owned(), text))
                .collect(),
            hidden: Default::default(),
        };
        let drawn = crate::render::render_string(
            &report,
            crate::render::Format::Human(crate::render::HumanOptions::default()),
        );
        prop_assert!(drawn.lines().all(|line| line.len() < 1_000));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// A numeric character reference never decodes to NUL or another control character
    /// MediaWiki refuses (`Sanitizer::validateCodepoint`): whatever its number, with or
    /// without leading zeros, it stands for exactly one character.
    #[test]
    fn numeric_references_never_decode_to_a_refused_control(
        numbers in proptest::collection::vec(prop_oneof![0u32..0x100, 0xD700u32..0x11000, any::<u32>()], 0..8),
        hex in any::<bool>(),
        zeros in 0usize..4,
    ) {
        let zeros = "0".repeat(zeros);
        let text: String = numbers
            .iter()
            .map(|n| if hex { format!("&#x{zeros}{n:X};") } else { format!("&#{zeros}{n};") })
            .collect();
        let decoded = crate::text::decode_entities(&text);
        prop_assert!(decoded.chars().all(|c| c == '\t' || c == '\n' || !c.is_control()), "{:?}", decoded);
        prop_assert_eq!(decoded.chars().count(), numbers.len());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    /// Whatever the page, the only runs of its prose the citation rules read as markers are
    /// the reader's own `[n]`, each naming one of its sources: literal brackets never count.
    #[test]
    fn only_real_footnotes_become_markers(
        text in markup_soup(),
        literal in proptest::collection::vec(
            proptest::sample::select(vec!["[3]", "[1,2]", "<nowiki>[4]</nowiki>", "&#91;5&#93;", "[0]", "[１]", "== Overview ==\n", "<ref>x</ref>"]),
            0..6,
        ),
    ) {
        let text = format!("{text}{}", literal.concat());
        let page = crate::import::wikitext::read_page("Acme Widgets", &text, &crate::import::mapping::Mapping::default());
        for prose in std::iter::once(&page.lead).chain(page.sections.iter().map(|(_, p)| p)) {
            for range in crate::rules::citations::marker_like(prose) {
                let number = prose[range.clone()].trim_matches(['[', ']']).parse::<usize>();
                prop_assert!(
                    number.as_ref().is_ok_and(|n| (1..=page.sources.len()).contains(n)),
                    "{:?} in {:?}", &prose[range], prose
                );
            }
        }
    }
}
