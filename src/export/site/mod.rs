//! The static site. Every page has the same frame (a header with the site's links, `main`, and
//! a footer naming the data's version, date, licence and source commit), and a content security
//! policy that allows no external request: the index alone runs scripts, and only the site's own
//! files (`script-src 'self'`).
//!
//! - `index.html`: every company in a table, readable without scripts; `site.js` adds filters
//!   per column, a search over `search-index.js`, sorting, and keeps the view in the address.
//! - `companies/<id>.html`: [`company`].
//! - `methodology.html` ([`methodology`]), `downloads.html` ([`downloads`]), `changes.html` for a
//!   release's notes ([`changes`]).
//!
//! Every string from the data is HTML-escaped (maud); a URL becomes a link only if it is
//! http(s).

mod changes;
mod company;
mod downloads;
mod methodology;

pub(super) use downloads::write as write_downloads;

use super::OutFile;
use crate::changelog::Changelog;
use crate::error::Result;
use crate::model::{BoycottStatus, Entry};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const STYLE: &str = include_str!("style.css");
const SCRIPT: &str = include_str!("site.js");

/// What every page shows around its content: the links in the header and the facts in the
/// footer, from the build's [`super::Stamp`].
#[derive(Clone)]
pub(crate) struct Chrome {
    stamp: super::Stamp,
    with_changes: bool,
}

/// Where a page is: the site's root, or `companies/` (its links go up one folder).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Depth {
    Root,
    Companies,
}

impl Depth {
    fn up(self) -> &'static str {
        match self {
            Depth::Root => "",
            Depth::Companies => "../",
        }
    }
}

impl Chrome {
    fn header(&self, depth: Depth) -> Markup {
        let up = depth.up();
        html! {
            header {
                nav aria-label="Site" {
                    a href={ (up) "index.html" } { "All companies" }
                    a href={ (up) "methodology.html" } { "Methodology" }
                    a href={ (up) "downloads.html" } { "Downloads" }
                    @if self.with_changes {
                        a href={ (up) "changes.html" } { "What changed" }
                    }
                }
            }
        }
    }

    /// The data's version and date, its licence and whose words it holds, the commit it was
    /// built from, and where to find the rest.
    fn footer(&self, depth: Depth) -> Markup {
        let up = depth.up();
        let stamp = &self.stamp;
        let repository = stamp.repository.as_deref();
        html! {
            footer {
                p {
                    @match (&stamp.dataset_version, stamp.source_date) {
                        (Some(version), Some(date)) => { "Dataset version " (version) ", data as of " (date.to_string()) ". " }
                        (Some(version), None) => { "Dataset version " (version) ". " }
                        (None, Some(date)) => { "Unreleased data as of " (date.to_string()) ". " }
                        (None, None) => { "Unreleased data. " }
                    }
                    @if let Some(licence) = &stamp.data_licence {
                        "The data is licensed under "
                        a href=(licence.url) rel="license" { (licence.title) }
                        " (" (licence.id) "). "
                    }
                    (crate::publication::ATTRIBUTION)
                }
                p {
                    @if let Some(commit) = &stamp.source_commit {
                        "Built from commit "
                        @let short: String = commit.chars().take(12).collect();
                        @match repository {
                            Some(repository) => a href={ (repository) "/commit/" (commit) } { code { (short) } },
                            None => code { (short) },
                        }
                        ". "
                    }
                    a href={ (up) "methodology.html" } { "Methodology" } " · "
                    a href={ (up) "downloads.html" } { "Downloads" } " · "
                    a href={ (up) "feed.xml" } { "Atom feed" }
                    @if let Some(repository) = repository {
                        " · " a href=(repository) { "Repository" }
                    }
                }
            }
        }
    }

    /// A whole page. The style and script are the site's own constants, not data.
    fn page(&self, title: &str, depth: Depth, body: Markup, scripts: bool) -> String {
        self.page_with_head(title, depth, body, scripts, html! {})
    }

    /// A whole page with more in its `head` (a redirect's refresh and canonical link).
    fn page_with_head(
        &self,
        title: &str,
        depth: Depth,
        body: Markup,
        scripts: bool,
        head: Markup,
    ) -> String {
        let mut csp = String::from(
            "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
        );
        if scripts {
            csp.push_str("; script-src 'self'");
        }
        let document = html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta http-equiv="Content-Security-Policy" content=(csp);
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) }
                    link rel="alternate" type="application/atom+xml" title="icelist releases" href={ (depth.up()) "feed.xml" };
                    style { (PreEscaped(STYLE)) }
                    (head)
                }
                body {
                    (self.header(depth))
                    main { (body) }
                    (self.footer(depth))
                    @if scripts {
                        script src="search-index.js" {}
                        script src="site.js" {}
                    }
                }
            }
        };
        let mut text = document.into_string();
        text.push('\n');
        text
    }

    /// The issue form `template` of the repository, with its title and its `entry` field filled
    /// in for an entry's page. `None` when no repository is configured.
    fn issue_form(&self, template: &str, filled: Option<(&str, &str)>) -> Option<String> {
        crate::settings::issue_form_url(
            self.stamp.repository.as_deref()?,
            template,
            filled.map(|(title, _)| title),
            filled.map(|(_, entry)| entry),
        )
    }
}

/// The values a filter of the index offers: the ones its column holds, in order.
#[derive(Default)]
struct Choices {
    status: BTreeSet<String>,
    verification: BTreeSet<String>,
    agencies: BTreeSet<String>,
    kinds: BTreeSet<String>,
}

pub(crate) struct Site {
    dir: PathBuf,
    chrome: Chrome,
    /// When each entry appeared and last changed, for its page.
    history: std::sync::Arc<crate::history::History>,
    rows: String,
    /// `search-index.js`, written as entries arrive: `[id, searchable text]` pairs.
    search: OutFile,
    choices: Choices,
    /// Entries by boycott status: the headline counts the listed ones only.
    listed: usize,
    under_review: usize,
    delisted: usize,
}

impl Site {
    pub(super) fn create(
        dir: &Path,
        stamp: &super::Stamp,
        with_changes: bool,
        history: std::sync::Arc<crate::history::History>,
    ) -> Result<Self> {
        let mut search = OutFile::create(dir, "search-index.js")?;
        search.write(
            b"// Each company's searchable text, by id, for the index's search (site.js).\nglobalThis.icelistSearch = [\n",
        )?;
        Ok(Site {
            dir: dir.to_owned(),
            chrome: Chrome {
                stamp: stamp.clone(),
                with_changes,
            },
            history,
            rows: String::new(),
            search,
            choices: Choices::default(),
            listed: 0,
            under_review: 0,
            delisted: 0,
        })
    }

    pub(super) fn add(&mut self, entry: &Entry) -> Result<()> {
        let agencies: Vec<&str> = entry.agencies().iter().map(|a| a.as_str()).collect();
        let mut kinds: Vec<&str> = entry.claims().iter().map(|c| c.kind.as_str()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        let status = entry.boycott.status.as_str();
        let verification = entry.verification.status.as_str();
        let as_json = |values: &[&str]| serde_json::to_string(values).unwrap_or_default();
        let row = html! {
            tr data-id=(entry.id) data-status=(status) data-verification=(verification)
                data-agencies=(as_json(&agencies)) data-kinds=(as_json(&kinds)) {
                td data-label="Company" { a href={ "companies/" (entry.id) ".html" } { (entry.name) } }
                td data-label="Boycott status" { (status) }
                td data-label="Agencies" { (agencies.join(", ")) }
                td data-label="Claims" { (kinds.join(", ")) }
                td data-label="Verification" { (verification) }
                td data-label="Sources" { (entry.sources.len()) }
            }
        };
        self.rows.push_str(&row.into_string());
        self.rows.push('\n');
        let pair = serde_json::to_string(&(&entry.id, search_text(entry))).unwrap_or_default();
        self.search.write(pair.as_bytes())?;
        self.search.write(b",\n")?;
        self.choices.status.insert(status.to_owned());
        self.choices.verification.insert(verification.to_owned());
        self.choices
            .agencies
            .extend(agencies.iter().map(|a| (*a).to_owned()));
        self.choices.kinds.extend(kinds.iter().map(|k| (*k).to_owned()));
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
        Ok((
            format!("{id}.html"),
            company::page(entry, &self.chrome, self.history.get(id)),
        ))
    }

    /// Writes `index.html`, its scripts, `methodology.html`, and `changes.html` for a release's
    /// notes. The frame is returned for the downloads page, written once every file it lists is.
    pub(super) fn finish(self, notes: Option<&Changelog>) -> Result<Chrome> {
        let Site {
            dir,
            chrome,
            history: _,
            rows,
            mut search,
            choices,
            listed,
            under_review,
            delisted,
        } = self;
        search.write(b"];\n")?;
        search.finish()?;
        let mut script = OutFile::create(&dir, "site.js")?;
        script.write(SCRIPT.as_bytes())?;
        script.finish()?;
        if let Some(notes) = notes {
            let mut file = OutFile::create(&dir, "changes.html")?;
            file.write(changes::page(notes, &chrome).as_bytes())?;
            file.finish()?;
        }
        let mut file = OutFile::create(&dir, "methodology.html")?;
        file.write(methodology::page(&chrome).as_bytes())?;
        file.finish()?;

        let select = |name: &str, key: &str, label: &str, values: &BTreeSet<String>| {
            html! {
                div {
                    label for={ "filter-" (name) } { (label) }
                    select id={ "filter-" (name) } name=(name) data-filter=(key) {
                        option value="" { "Any" }
                        @for value in values { option value=(value) { (value) } }
                    }
                }
            }
        };
        let propose = chrome.issue_form(crate::settings::PROPOSE_FORM, None);
        let body = html! {
            h1 { "icelist" }
            p {
                (listed) " "
                (if listed == 1 { "company that supports" } else { "companies that support" })
                " U.S. DHS immigration enforcement " (if listed == 1 { "is" } else { "are" })
                " listed, with " (under_review) " under review and " (delisted)
                " delisted. Every claim on a company's page links to its source; the "
                a href="methodology.html" { "methodology" }
                " says how entries are listed, graded and corrected."
            }
            @if let Some(propose) = &propose {
                p { a href=(propose) { "Propose a company" } }
            }
            // Shown by site.js: without scripts the table is whole and nothing here works.
            div id="controls" class="controls" role="search" aria-label="Companies" hidden {
                div class="search" {
                    label for="search" { "Search" }
                    input id="search" type="search" placeholder="A name, alias, industry or word from a claim" autocomplete="off";
                }
                (select("status", "status", "Boycott status", &choices.status))
                (select("verification", "verification", "Verification", &choices.verification))
                (select("agency", "agencies", "Agency", &choices.agencies))
                (select("kind", "kinds", "Claim kind", &choices.kinds))
                p id="shown" aria-live="polite" {}
            }
            table id="companies" {
                caption class="visually-hidden" { "Companies" }
                thead {
                    tr {
                        th scope="col" data-key="name" { "Company" }
                        th scope="col" data-key="status" { "Boycott status" }
                        th scope="col" data-key="agencies" { "Agencies" }
                        th scope="col" data-key="kinds" { "Claims" }
                        th scope="col" data-key="verification" { "Verification" }
                        th scope="col" data-key="sources" { "Sources" }
                    }
                }
                // The rows were rendered (and escaped) by maud in `add`.
                tbody { (PreEscaped(&rows)) }
            }
        };
        let mut index = OutFile::create(&dir, "index.html")?;
        index.write(chrome.page("icelist", Depth::Root, body, true).as_bytes())?;
        index.finish()?;
        Ok(chrome)
    }
}

/// What the index's search reads for one company: its names, industry, the prose of its
/// sections and its claims' summaries.
fn search_text(entry: &Entry) -> String {
    let mut parts: Vec<&str> = vec![&entry.name];
    parts.extend(entry.aliases().iter().map(String::as_str));
    parts.extend(entry.industry.iter().map(String::as_str));
    parts.push(&entry.sections.overview);
    parts.push(&entry.sections.boycott);
    parts.extend(entry.sections.background.as_deref());
    parts.extend(entry.claims().iter().map(|c| c.summary.as_str()));
    parts.join("\n")
}

/// `companies/<old-id>.html` for every redirected id: a page that sends the visitor (and a
/// link someone kept) to the entry the id now belongs to, and says why.
pub(super) fn write_redirect_pages(
    dir: &Path,
    chrome: &Chrome,
    redirects: &crate::model::Redirects,
) -> Result<()> {
    for (old, redirect) in redirects.iter() {
        // The lint keeps both ids plain names; a table that is not is never written from.
        if !crate::rules::file_name::is_slug(old) || !crate::rules::file_name::is_slug(&redirect.to)
        {
            continue;
        }
        // An old id that is still an entry (`redirect-invalid` turned off) keeps its page.
        if dir.join("companies").join(format!("{old}.html")).exists() {
            continue;
        }
        let target = format!("{}.html", redirect.to);
        let why = match redirect.reason {
            crate::model::RedirectReason::Merged => "was merged into",
            _ => "was renamed to",
        };
        let body = html! {
            h1 { (old) }
            p {
                "The entry " code { (old) } " " (why) " "
                a href=(target) { (redirect.to) }
                " on " (redirect.date.to_string()) "."
            }
            @if let Some(note) = &redirect.note { p { (note) } }
            p { "Links and programs that kept the old id should use " code { (redirect.to) } " from now on." }
        };
        let head = html! {
            meta http-equiv="refresh" content={ "0; url=" (target) };
            link rel="canonical" href=(target);
        };
        let text = chrome.page_with_head(
            &format!("{old}: now {}", redirect.to),
            Depth::Companies,
            body,
            false,
            head,
        );
        let mut file = OutFile::create(&dir.join("companies"), &format!("{old}.html"))?;
        file.write(text.as_bytes())?;
        file.finish()?;
    }
    Ok(())
}
