//! `companies/<id>.html`: a company's infobox (with its identifiers linked to their registries),
//! its sections with markers linking to their footnotes, its claims with their evidence tiers
//! and award records, and the Sources list with back-links to every place each source is cited
//! (`↑ 1.0 1.1` as on the wiki). Every page links the issue forms that correct the entry and
//! answer it.

use super::{Chrome, Depth};
use crate::settings::{CORRECT_FORM, RESPOND_FORM};
use crate::export::joined;
use crate::model::{Boycott, Entry, Sections, Source, Verification, format_date};
use maud::{Markup, html};
use std::collections::HashMap;

/// A link if the URL is a plain http(s) URL, else the text alone.
fn link(url: &str, label: &str) -> Markup {
    if crate::rules::links::problem(url).is_none() {
        html! { a href=(url) rel="nofollow noopener" { (label) } }
    } else {
        html! { (label) }
    }
}

/// Section prose as paragraphs (a blank line between them), each marker `[n]` a link to
/// footnote n with its own anchor, so the footnote can link back to every place it is cited.
fn prose(
    text: &str,
    markers: &[(std::ops::Range<usize>, u64)],
    seen: &mut HashMap<u64, usize>,
) -> Markup {
    let mut paragraphs: Vec<Vec<Markup>> = vec![Vec::new()];
    let push_text = |paragraphs: &mut Vec<Vec<Markup>>, part: &str| {
        for (i, paragraph) in part.split("\n\n").enumerate() {
            if i > 0 {
                paragraphs.push(Vec::new());
            }
            let last = paragraphs.len() - 1;
            for (j, line) in paragraph.split('\n').enumerate() {
                if j > 0 && !paragraphs[last].is_empty() {
                    paragraphs[last].push(html! { br; });
                }
                if !line.is_empty() {
                    paragraphs[last].push(html! { (line) });
                }
            }
        }
    };
    let mut last = 0;
    for (range, number) in markers {
        push_text(&mut paragraphs, &text[last..range.start]);
        let k = seen.entry(*number).or_insert(0);
        let marker = html! {
            sup id={ "cite-ref-" (number) "-" (k) } { a href={ "#cite-note-" (number) } { "[" (number) "]" } }
        };
        let at = paragraphs.len() - 1;
        paragraphs[at].push(marker);
        *k += 1;
        last = range.end;
    }
    push_text(&mut paragraphs, &text[last..]);
    html! {
        // A run of blank lines is one paragraph break, never an empty paragraph.
        @for paragraph in paragraphs.iter().filter(|p| !p.is_empty()) {
            p { @for piece in paragraph { (piece) } }
        }
    }
}

pub(super) fn agencies(entry: &Entry) -> String {
    joined(entry.agencies().iter().map(|a| a.as_str()))
}

/// A company's page. The entry is taken apart field by field (no `..`): a new field does not
/// compile until it is shown here or named as left out.
pub(super) fn page(
    entry: &Entry,
    chrome: &Chrome,
    history: Option<&crate::history::EntryHistory>,
) -> String {
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
        verification:
            Verification {
                unknown: _,
                status: verification_status,
                date: verification_date,
                notes: verification_notes,
            },
        identifiers,
        domains,
        boycott:
            Boycott {
                unknown: _,
                status: boycott_status,
                agencies: _,
                since,
                reason,
            },
        sections:
            Sections {
                unknown: _,
                overview,
                boycott: boycott_prose,
                background,
            },
        claims,
        responses,
        sources,
    } = entry;
    let parent = match parent_company {
        Some(Some(parent)) => parent.clone(),
        Some(None) => "none".into(),
        None => String::new(),
    };
    let mut seen: HashMap<u64, usize> = HashMap::new();
    let mut sections = Vec::new();
    for (section_text, title) in [
        (Some(overview), "Overview"),
        (Some(boycott_prose), "Boycott"),
        (background.as_ref(), "Background"),
    ] {
        if let Some(section_text) = section_text {
            let markers = crate::rules::citations::markers(section_text);
            sections.push((title, prose(section_text, &markers, &mut seen)));
        }
    }
    // A delisted entry's reason is cited text read after the sections, as the numbering of
    // sources reads it: its markers link to their footnotes as the sections' do.
    let reason = reason.as_deref().filter(|text| !text.is_empty()).map(|text| {
        let markers = crate::rules::citations::markers(text);
        prose(text, &markers, &mut seen)
    });
    let optional = |value: &Option<String>| value.clone().unwrap_or_default();
    let rows: [(&str, String); 13] = [
        ("Also known as", joined(aliases.iter().flatten())),
        ("Industry", joined(industry)),
        (
            "Country",
            country
                .as_deref()
                .map(crate::outside_values::country_name)
                .unwrap_or_default(),
        ),
        (
            "Founded",
            founded.map(|y| y.to_string()).unwrap_or_default(),
        ),
        ("Headquarters", optional(headquarters)),
        ("Parent company", parent),
        (
            "Status",
            status
                .as_ref()
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
        ),
        ("Verification", verification_status.as_str().to_owned()),
        (
            "Verified on",
            verification_date.map(format_date).unwrap_or_default(),
        ),
        ("What is verified", optional(verification_notes)),
        ("Boycott", boycott_status.as_str().to_owned()),
        ("Agencies", agencies(entry)),
        ("Listed since", since.map(format_date).unwrap_or_default()),
    ];
    // After the reason, which is cited prose rather than a value.
    let later_rows: [(&str, String); 3] = [
        ("Domains", joined(domains.iter().flatten())),
        // From the git history: the commits where the entry appeared and last changed.
        (
            "First seen",
            history.map(|h| h.first_seen.clone()).unwrap_or_default(),
        ),
        (
            "Last changed",
            history.map(|h| h.last_changed.clone()).unwrap_or_default(),
        ),
    ];
    // Claims are read after the sections and the reason, as the numbering of sources reads them.
    let tiers = crate::rules::evidence::claim_tiers(entry);
    let claim_items: Vec<Markup> = claims
        .iter()
        .flatten()
        .zip(&tiers)
        .map(|(claim, (tier, cited))| {
            let markers = crate::rules::citations::markers(&claim.summary);
            // Who published the evidence: a record reproduced by an aggregator is typed as the
            // record, and its host says whose copy it is (docs/methodology.md).
            let mut hosts: Vec<String> = Vec::new();
            for number in cited {
                let host = sources
                    .iter()
                    .find(|s| s.id == *number)
                    .and_then(|s| s.url.as_deref())
                    .and_then(|u| url::Url::parse(u).ok())
                    .and_then(|u| u.host_str().map(|h| h.trim_start_matches("www.").to_owned()));
                if let Some(host) = host.filter(|h| !hosts.contains(h)) {
                    hosts.push(host);
                }
            }
            let period = claim.period.as_ref().map(|p| period_text(p.from, p.to));
            html! {
                li id={ "claim-" (claim.id) } {
                    p class="claim-facts" {
                        strong { (claim.agency.as_str()) } " · " (claim.kind.as_str())
                        " · " (claim.status.as_str())
                        @if let Some(period) = &period { " · " (period) }
                        " · "
                        a class="tier" href="../methodology.html#evidence-tiers" {
                            "evidence: " (tier.map_or("none cited", |t| t.as_str()))
                        }
                        @if !hosts.is_empty() { " (" (hosts.join(", ")) ")" }
                    }
                    @if !claim.disputed_by.is_empty() {
                        p class="disputed" {
                            strong { "Disputed" } " by "
                            @for (i, response_id) in claim.disputed_by.iter().enumerate() {
                                @if i > 0 { ", " }
                                @match responses.iter().flatten().find(|r| &r.id == response_id) {
                                    Some(response) => a href={ "#response-" (response.id) } {
                                        (response_label(response))
                                    },
                                    None => (response_id),
                                }
                            }
                            ". The claim stays until a maintainer decides."
                        }
                    }
                    (prose(&claim.summary, &markers, &mut seen))
                    @if !claim.awards.is_empty() {
                        ul class="awards" {
                            @for award in &claim.awards { (award_item(award)) }
                        }
                    }
                }
            }
        })
        .collect();
    // Read after the claims, as the numbering of sources reads them.
    let response_items: Vec<Markup> = responses
        .iter()
        .flatten()
        .map(|response| {
            let markers = response
                .summary
                .as_deref()
                .map(crate::rules::citations::markers)
                .unwrap_or_default();
            let disputes: Vec<&str> = claims
                .iter()
                .flatten()
                .filter(|c| c.disputed_by.contains(&response.id))
                .map(|c| c.id.as_str())
                .collect();
            html! {
                li id={ "response-" (response.id) } {
                    p class="response-facts" {
                        strong { (response_label(response)) }
                        @if response.unconfirmed() {
                            " · " span class="unconfirmed" { "unconfirmed: not yet confirmed through the company's published channel" }
                        }
                        @if !disputes.is_empty() {
                            " · disputes "
                            @for (i, claim) in disputes.iter().enumerate() {
                                @if i > 0 { ", " }
                                a href={ "#claim-" (claim) } { (claim) }
                            }
                        }
                    }
                    @if let Some(summary) = &response.summary {
                        (prose(summary, &markers, &mut seen))
                    }
                    @if let Some(url) = &response.url {
                        p { (link(url, "The statement as published")) }
                    }
                }
            }
        })
        .collect();
    let report = chrome.issue_form(CORRECT_FORM, Some((&format!("Correction: {id}"), id)));
    let respond = chrome.issue_form(RESPOND_FORM, Some((&format!("Response: {id}"), id)));
    // Every commit that changed the entry's file (named by its id, as `file-name` requires).
    let history = chrome
        .stamp
        .repository
        .as_ref()
        .map(|repository| format!("{repository}/commits/HEAD/dataset/{id}.json"));
    let body = html! {
        h1 { (name) }
        p class="actions" {
            a href={ (id) ".json" } { "This entry as JSON" }
            @if let Some(report) = &report { a href=(report) { "Report an error" } }
            @if let Some(respond) = &respond { a href=(respond) { "Respond as the company" } }
            @if let Some(history) = &history { a href=(history) { "History of this entry" } }
        }
        table class="infobox" {
            @for (label, value) in rows.iter().filter(|(_, v)| !v.is_empty()) {
                tr { th { (label) } td { (value) } }
            }
            @if let Some(reason) = &reason {
                tr { th { "Delisted because" } td { (reason) } }
            }
            @for (label, value) in later_rows.iter().filter(|(_, v)| !v.is_empty()) {
                tr { th { (label) } td { (value) } }
            }
            @for (label, value) in identifier_rows(identifiers.as_ref()) {
                tr { th { (label) } td { (value) } }
            }
        }
        @for (title, prose) in &sections {
            h2 { (title) }
            (prose)
        }
        @if !claim_items.is_empty() {
            h2 { "Claims" }
            ul class="claims" {
                @for item in &claim_items { (item) }
            }
        }
        @if !response_items.is_empty() {
            h2 { "Responses" }
            ul class="responses" {
                @for item in &response_items { (item) }
            }
        }
        h2 { "Sources" }
        ol class="references" {
            @for source in sources {
                (reference(source, seen.get(&source.id).copied().unwrap_or(0)))
            }
        }
    };
    chrome.page(name, Depth::Companies, body, false)
}

/// A response as a reader names it: "The company's reply of 2026-05-02", "Contacted by the
/// maintainers on 2026-04-01".
fn response_label(response: &crate::model::Response) -> String {
    use crate::model::{ResponseBy, ResponseKind};
    let date = response.date;
    match (&response.kind, &response.by) {
        (ResponseKind::Contacted, _) => format!("Contacted by the maintainers on {date}"),
        (ResponseKind::NoReply, _) => format!("No reply by {date}"),
        (ResponseKind::Reply, ResponseBy::Company) => format!("The company's reply of {date}"),
        (ResponseKind::Reply, _) => format!("The company's reply of {date}, recorded by the maintainers"),
        (ResponseKind::Declined, _) => format!("The company declined to comment on {date}"),
        (kind, by) => format!("{} ({}) of {date}", kind.as_str(), by.as_str()),
    }
}

/// One footnote: back-links to each place the source is cited (`↑ 1.0 1.1` as on the wiki),
/// then the source.
fn reference(source: &Source, times_cited: usize) -> Markup {
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
    html! {
        li id={ "cite-note-" (number) } {
            @if times_cited == 1 {
                a href={ "#cite-ref-" (number) "-0" } class="backlink"
                    aria-label={ "Back to where source " (number) " is cited" } { "↑" } " "
            } @else if times_cited > 1 {
                "↑ "
                @for k in 0..times_cited {
                    a href={ "#cite-ref-" (number) "-" (k) } class="backlink"
                        aria-label={ "Back to citation " (k + 1) " of source " (number) } { sup { (number) "." (k) } } " "
                }
            }
            @match url {
                Some(url) => (link(url, title)),
                None => (title),
            }
            " — " (publisher)
            @if let Some(kind) = kind { " (" (kind.as_str()) ")" }
            @if let Some(date) = date { ", " (date) }
            @if let Some(archive) = archive_url { " [" (link(archive, "archived")) "]" }
            @if let Some(note) = note { ". " (note) }
            @for quote in quotes.iter().flatten() {
                blockquote { "“" (quote) "”" }
            }
        }
    }
}

/// One award record of a claim: a link to its page on usaspending.gov, how the company stands
/// to it, and the record's facts with the day they were read (or that they were never read).
fn award_item(award: &crate::model::Award) -> Markup {
    let crate::model::Award {
        unknown: _,
        id,
        role,
        via,
        facts,
    } = award;
    let crate::model::AwardFacts {
        recipient,
        recipient_uei,
        awarding_agency,
        obligated,
        period,
        as_of,
    } = facts;
    let role_text = match (role, via) {
        (crate::model::AwardRole::Via, Some(via)) => format!("via {via}"),
        (role, _) => role.as_str().to_owned(),
    };
    let agency = awarding_agency.as_ref().map(|a| match (&a.name, &a.code) {
        (Some(name), Some(code)) => format!("{name} ({code})"),
        (name, code) => name.clone().or_else(|| code.clone()).unwrap_or_default(),
    });
    let period = period.as_ref().map(|p| period_text(p.from, p.to));
    html! {
        li class="award" {
            "Federal award "
            a href=(crate::awards::award_page(id)) { code { (id) } }
            " (" (role_text) ")"
            @if let Some(as_of) = as_of {
                ": "
                @if let Some(recipient) = recipient { "recipient " (recipient) }
                @if let Some(uei) = recipient_uei { " (UEI " (uei) ")" }
                @if let Some(agency) = &agency { "; awarded by " (agency) }
                @if let Some(obligated) = obligated { "; obligated " (obligated) " USD" }
                @if let Some(period) = &period { "; " (period) }
                " (as of " (as_of.to_string()) ")"
            } @else {
                ": the record has not been checked yet"
            }
        }
    }
}

/// The entry's identifiers, each linked to its registry's page where the registry publishes
/// one address per identifier: Wikidata (`wikidata.org/wiki/<Q>`), GLEIF's LEI search
/// (`search.gleif.org/#/record/<LEI>`), the SEC's EDGAR company browse by CIK, OpenCorporates
/// (`opencorporates.com/companies/<jurisdiction>/<number>`, the form `identifier-invalid`
/// reads). The UEI, the CAGE code and tickers are shown as text: their registries' pages are
/// reached through searches, not stable addresses.
fn identifier_rows(identifiers: Option<&crate::model::Identifiers>) -> Vec<(&'static str, Markup)> {
    let Some(identifiers) = identifiers else {
        return Vec::new();
    };
    let crate::model::Identifiers {
        unknown: _,
        wikidata,
        lei,
        website,
        tickers,
        uei,
        cage,
        cik,
        opencorporates,
    } = identifiers;
    let link = |href: String, text: &str| html! { a href=(href) { (text) } };
    let mut rows = Vec::new();
    if let Some(website) = website {
        // The schema allows only http(s) here; the page links nothing else whatever it reads.
        let web = website.starts_with("https://") || website.starts_with("http://");
        rows.push((
            "Website",
            if web {
                link(website.clone(), website)
            } else {
                html! { (website) }
            },
        ));
    }
    if let Some(q) = wikidata {
        rows.push(("Wikidata", link(format!("https://www.wikidata.org/wiki/{q}"), q)));
    }
    if let Some(lei) = lei {
        rows.push(("LEI", link(format!("https://search.gleif.org/#/record/{lei}"), lei)));
    }
    if let Some(cik) = cik {
        rows.push((
            "SEC CIK",
            link(
                format!("https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK={cik}"),
                cik,
            ),
        ));
    }
    if let Some(id) = opencorporates {
        rows.push((
            "OpenCorporates",
            link(format!("https://opencorporates.com/companies/{id}"), id),
        ));
    }
    if let Some(uei) = uei {
        rows.push(("SAM.gov UEI", html! { (uei) }));
    }
    if let Some(cage) = cage {
        rows.push(("CAGE code", html! { (cage) }));
    }
    if let Some(tickers) = tickers.as_ref().filter(|t| !t.is_empty()) {
        rows.push(("Tickers", html! { (joined(tickers)) }));
    }
    rows
}

/// A period as the page writes it: `from – to`, `?` for an unknown start, nothing for an
/// open end.
fn period_text(from: Option<impl std::fmt::Display>, to: Option<impl std::fmt::Display>) -> String {
    format!(
        "{} – {}",
        from.map(|d| d.to_string()).unwrap_or_else(|| "?".into()),
        to.map(|d| d.to_string()).unwrap_or_default()
    )
}
