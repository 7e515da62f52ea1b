//! The static site: `index.html` (every company in a table, filterable by typing) and
//! `companies/<id>.html` (infobox, sections whose markers link to their footnotes, and a Sources
//! list with back-links to every place each source is cited, like `↑ 1.0 1.1` on the wiki).
//! Every string from the data is HTML-escaped; a URL becomes a link only if it is http(s).
//! No external scripts, styles or fonts.

use super::{OutFile, joined};
use crate::changelog::{Changelog, LoggedChange};
use crate::error::Result;
use crate::model::{Boycott, BoycottStatus, Entry, Sections, Source, Verification, format_date};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A link if the URL is a plain http(s) URL, else the text alone.
fn link(url: &str, label: &str) -> Markup {
    if crate::rules::url_invalid::problem(url).is_none() {
        html! { a href=(url) rel="nofollow noopener" { (label) } }
    } else {
        html! { (label) }
    }
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}\
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}\
.infobox{float:right;width:auto;margin:0 0 1rem 1rem;max-width:22rem}.references li{margin:.3rem 0}\
sup a{text-decoration:none}p{margin:0 0 .8rem}input{font-size:1rem;padding:.3rem;width:100%;margin:1rem 0}";

/// The line under every page: the data's licence (when one is declared), whose words the
/// entries and quotes are, and the data's version.
pub(super) fn footer(stamp: &super::Stamp) -> Markup {
    html! {
        footer {
            p {
                @if let Some(licence) = &stamp.data_licence {
                    "The data is licensed under "
                    a href=(licence.url) rel="license" { (licence.title) }
                    " (" (licence.id) "). "
                }
                (crate::publication::ATTRIBUTION)
                @if let Some(version) = &stamp.dataset_version {
                    " Dataset version " (version) "."
                }
            }
        }
    }
}

/// A whole page. The style and script are the site's own constants, not data.
fn page(title: &str, body: Markup, script: Option<&str>, footer: &Markup) -> String {
    let csp = if script.is_some() {
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
    } else {
        "default-src 'none'; style-src 'unsafe-inline'"
    };
    let document = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(csp);
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                (body)
                (footer)
                @if let Some(script) = script {
                    script { (PreEscaped(script)) }
                }
            }
        }
    };
    let mut text = document.into_string();
    text.push('\n');
    text
}

const FILTER_SCRIPT: &str = "const input=document.getElementById('filter');\
const rows=Array.from(document.querySelectorAll('#companies tbody tr'));\
input.addEventListener('input',()=>{const q=input.value.trim().toLowerCase();\
for(const row of rows){row.hidden=q!==''&&!row.textContent.toLowerCase().includes(q);}});";

pub(crate) struct Site {
    dir: PathBuf,
    footer: Markup,
    rows: String,
    /// Entries by boycott status: the headline counts the listed ones only.
    listed: usize,
    under_review: usize,
    delisted: usize,
}

impl Site {
    pub(super) fn create(dir: &Path, stamp: &super::Stamp) -> Result<Self> {
        Ok(Site {
            dir: dir.to_owned(),
            footer: footer(stamp),
            rows: String::new(),
            listed: 0,
            under_review: 0,
            delisted: 0,
        })
    }

    pub(super) fn add(&mut self, entry: &Entry) -> Result<()> {
        let row = html! {
            tr {
                td { a href={ "companies/" (entry.id) ".html" } { (entry.name) } }
                td { (entry.boycott.status.as_str()) }
                td { (agencies(entry)) }
                td { (entry.verification.status.as_str()) }
                td { (entry.sources.len()) }
            }
        };
        self.rows.push_str(&row.into_string());
        self.rows.push('\n');
        match entry.boycott.status {
            BoycottStatus::Listed => self.listed += 1,
            BoycottStatus::UnderReview => self.under_review += 1,
            BoycottStatus::Delisted => self.delisted += 1,
            // A status a later version adds is neither counted as listed nor hidden: the table
            // shows it.
            _ => {}
        }
        Ok(())
    }

    /// The entry's own page: its file name under `companies/` and its HTML. Independent of
    /// every other page, so pages are rendered in parallel; [`Site::add`] keeps the index in
    /// order.
    ///
    /// The file name comes from the entry's id, which configuration can stop lint from
    /// checking (`schema` and `file-name` off): it is checked here, whatever the configuration
    /// says, to be a plain name that stays inside `companies/`.
    pub(super) fn render_page(&self, entry: &Entry) -> Result<(String, String)> {
        let id = entry.id.as_str();
        if !crate::rules::file_name::is_slug(id) {
            return Err(crate::error::Error::UnsafeOutput {
                path: std::path::PathBuf::from(format!(
                    "companies/{}.html",
                    crate::text::escape_untrusted(id)
                )),
                reason: "an entry's id is not a plain name (a–z, 0–9 and single dashes), so no page is written for it; run `icelist lint`".into(),
            });
        }
        Ok((format!("{id}.html"), company_page(entry, &self.footer)))
    }

    /// Writes `index.html`, and `changes.html` (linked from the index) for a release's notes.
    pub(super) fn finish(self, notes: Option<&Changelog>) -> Result<()> {
        let with_changes = notes.is_some();
        if let Some(notes) = notes {
            let mut changes = OutFile::create(&self.dir, "changes.html")?;
            changes.write(changes_page(notes, &self.footer).as_bytes())?;
            changes.finish()?;
        }
        let body = html! {
            h1 { "icelist" }
            p {
                (self.listed) " "
                (if self.listed == 1 { "company that supports" } else { "companies that support" })
                " U.S. DHS immigration enforcement " (if self.listed == 1 { "is" } else { "are" })
                " listed, with " (self.under_review) " under review and " (self.delisted)
                " delisted. Every claim on a company's page links to its source."
            }
            @if with_changes {
                p { a href="changes.html" { "What changed in this release" } }
            }
            label for="filter" { "Filter" }
            input id="filter" type="search" placeholder="Type a name, status or agency" autocomplete="off";
            table id="companies" {
                thead { tr { th { "Company" } th { "Boycott status" } th { "Agencies" } th { "Verification" } th { "Sources" } } }
                // The rows were rendered (and escaped) by maud in `add`.
                tbody { (PreEscaped(&self.rows)) }
            }
        };
        let mut index = OutFile::create(&self.dir, "index.html")?;
        index.write(page("icelist", body, Some(FILTER_SCRIPT), &self.footer).as_bytes())?;
        index.finish()
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

/// `changes.html`: the release notes, from `icelist changelog --format json`.
fn changes_page(notes: &Changelog, footer: &Markup) -> String {
    let Changelog {
        version: _,
        from,
        to,
        summary,
        entries,
    } = notes;
    // A value as JSON (`"listed"`), `null` for none, as the notes write it.
    let shown = |value: &Option<serde_json::Value>| {
        value
            .as_ref()
            .map_or_else(|| "null".to_owned(), serde_json::Value::to_string)
    };
    let body = html! {
        p { a href="index.html" { "← All companies" } }
        h1 { "What changed in " (to) }
        p {
            (summary.added) " added, " (summary.removed) " removed, "
            (summary.renamed) " renamed, " (summary.changed) " changed"
            @if let Some(from) = from { " since " (from) }
            "."
        }
        ul {
            @for entry in entries {
                li {
                    @if crate::rules::file_name::is_slug(&entry.id) && entry.change != LoggedChange::Removed {
                        a href={ "companies/" (entry.id) ".html" } { (entry.id) }
                    } @else {
                        (entry.id)
                    }
                    ": " (entry.change.as_str())
                    @for t in &entry.transitions {
                        "; " (t.path) " " (shown(&t.old)) " → " (shown(&t.new))
                    }
                }
            }
        }
    };
    page("icelist: what changed", body, None, footer)
}

/// A country's name from its ISO 3166-1 code ("US" -> "United States of America (US)").
fn country_name(code: &str) -> String {
    match isocountry::CountryCode::for_alpha2(code) {
        Ok(country) => format!("{} ({code})", country.name()),
        Err(_) => code.to_owned(),
    }
}

fn agencies(entry: &Entry) -> String {
    joined(entry.agencies().iter().map(|a| a.as_str()))
}

/// A company's page. The entry is taken apart field by field (no `..`): a new field does not
/// compile until it is shown here or named as left out.
fn company_page(entry: &Entry, footer: &Markup) -> String {
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
        sources,
    } = entry;
    let parent = match parent_company {
        Some(Some(parent)) => parent.clone(),
        Some(None) => "none".into(),
        None => String::new(),
    };
    let optional = |value: &Option<String>| value.clone().unwrap_or_default();
    let rows: [(&str, String); 15] = [
        ("Also known as", joined(aliases.iter().flatten())),
        ("Industry", joined(industry)),
        (
            "Country",
            country.as_deref().map(country_name).unwrap_or_default(),
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
        ("Delisted because", optional(reason)),
        ("Domains", joined(domains.iter().flatten())),
    ];
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
    // Claims are read after the sections, as the numbering of sources reads them.
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
                        " · evidence: " (tier.map_or("none cited", |t| t.as_str()))
                        @if !hosts.is_empty() { " (" (hosts.join(", ")) ")" }
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
    let body = html! {
        p {
            a href="../index.html" { "← All companies" }
            " · "
            a href={ (id) ".json" } { "This entry as JSON" }
        }
        h1 { (name) }
        table class="infobox" {
            @for (label, value) in rows.iter().filter(|(_, v)| !v.is_empty()) {
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
        h2 { "Sources" }
        ol class="references" {
            @for source in sources {
                (reference(source, seen.get(&source.id).copied().unwrap_or(0)))
            }
        }
    };
    page(name, body, None, footer)
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
                a href={ "#cite-ref-" (number) "-0" } class="backlink" { "↑" } " "
            } @else if times_cited > 1 {
                "↑ "
                @for k in 0..times_cited {
                    a href={ "#cite-ref-" (number) "-" (k) } class="backlink" { sup { (number) "." (k) } } " "
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
