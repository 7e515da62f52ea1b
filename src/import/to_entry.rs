//! A page's pieces, mapped to an [`Entry`]: values normalised (`United States` -> `US`,
//! `Partially Verified` -> `partially-verified`, `Mar. 6, 2018` -> `2018-03-06`, a list
//! split at `;`), and nothing invented: a field the page does not state stays absent, a value
//! that does not normalise is reported and left out.

use super::mapping::{Field, Mapping, Section, key};
use super::page::{Page, RawSource};
use crate::model::{
    Boycott, BoycottStatus, Claim, Entry, Identifiers, Sections, Source, SourceKind,
    Verification, VerificationStatus,
};
use crate::outside_values::{self as values, Items, Unreadable};
use std::collections::BTreeSet;

/// A part of an entry a page states: an infobox field, a section (the claims are one), or the
/// sources (its citations: always stated, an update matches them to the entry's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Stated {
    Field(Field),
    Section(Section),
    Sources,
}

/// An entry made from a page, and what the page did not give.
#[derive(Debug, Clone)]
pub(crate) struct Mapped {
    pub entry: Entry,
    /// The entry's fields the page states: an update replaces these and keeps the rest.
    pub stated: BTreeSet<Stated>,
    /// Infobox parameters, headings and citation parts the mapping does not carry.
    pub unmapped: Vec<String>,
    /// Fields the entry holds that the page does not state (`boycott.status`, a source's type).
    pub not_derived: Vec<String>,
    /// Values that do not normalise, left out.
    pub rejected: Vec<String>,
    /// Sources whose type the page does not state (`other` stands in).
    pub kind_not_derived: BTreeSet<u64>,
}

pub(crate) fn map_page(page: &Page, mapping: &Mapping, id_from_title: &str) -> Mapped {
    let mut stated = BTreeSet::new();
    let mut unmapped = page.unmapped.clone();
    let mut rejected = Vec::new();
    let mut not_derived = Vec::new();
    let mut entry = Entry {
        unknown: crate::model::UnknownFields::new(),
        schema: Some("../schema/company.schema.json".into()),
        id: id_from_title.to_owned(),
        name: page.title.clone(),
        aliases: None,
        industry: Vec::new(),
        country: None,
        founded: None,
        headquarters: None,
        parent_company: None,
        status: None,
        verification: Verification {
            unknown: crate::model::UnknownFields::new(),
            status: VerificationStatus::Unverified,
            date: None,
            notes: None,
        },
        identifiers: None,
        domains: None,
        boycott: Boycott {
            unknown: crate::model::UnknownFields::new(),
            status: BoycottStatus::UnderReview,
            agencies: None,
            since: None,
            reason: None,
        },
        sections: Sections {
            unknown: crate::model::UnknownFields::new(),
            overview: String::new(),
            boycott: String::new(),
            background: None,
        },
        claims: None,
        responses: None,
        sources: Vec::new(),
    };
    stated.insert(Stated::Field(Field::Name));

    let mut identifiers = Identifiers::default();
    for (parameter, value) in page.infobox.iter().flatten() {
        let Some(field) = mapping.fields.get(&key(parameter)).copied() else {
            unmapped.push(format!("the infobox parameter {parameter:?}"));
            continue;
        };
        // A list reads the lines as they are (a last empty line says the items are on lines);
        // any other value is its text without the white space around it.
        let lines = value.text();
        let text = lines.trim().to_owned();
        let value = text.as_str();
        if value.is_empty() && field != Field::ParentCompany {
            continue;
        }
        // A value that does not read is reported with the reader's own words, the same the
        // issue form shows, and left out.
        let mut reject = |why: Unreadable| {
            rejected.push(format!("{parameter} = {value:?}: {why}; left out"));
        };
        match field {
            Field::Id => {
                if crate::rules::file_name::is_entry_id(value) && value.len() <= 64 {
                    entry.id = value.to_owned();
                } else {
                    rejected.push(format!(
                        "{parameter} = {value:?}: not an id (lower-case letters, digits and single hyphens); left out"
                    ));
                    continue;
                }
            }
            Field::Name => entry.name = value.to_owned(),
            Field::Aliases => entry.aliases = Some(values::list(&lines, Items::Names)),
            Field::Industry => entry.industry = values::list(&lines, Items::Names),
            Field::Country => match values::country(value) {
                Ok(code) => entry.country = Some(code),
                Err(why) => {
                    reject(why);
                    continue;
                }
            },
            Field::Founded => match values::year(value) {
                Ok(year) => entry.founded = Some(year),
                Err(why) => {
                    reject(why);
                    continue;
                }
            },
            Field::Headquarters => entry.headquarters = Some(value.to_owned()),
            Field::ParentCompany => {
                // A row present but empty states that there is none.
                entry.parent_company = Some(
                    (!value.is_empty() && !values::says_none(value)).then(|| value.to_owned()),
                );
            }
            Field::Status => match values::entry_status(value) {
                Ok(status) => entry.status = Some(status),
                Err(why) => {
                    reject(why);
                    continue;
                }
            },
            Field::VerificationStatus => match values::verification_status(value) {
                Ok(status) => entry.verification.status = status,
                Err(why) => {
                    reject(why);
                    continue;
                }
            },
            Field::VerificationDate => match values::full_date(value) {
                Ok(date) => entry.verification.date = Some(date),
                Err(why) => {
                    reject(why);
                    continue;
                }
            },
            Field::VerificationNotes => entry.verification.notes = Some(value.to_owned()),
            Field::Wikidata => identifiers.wikidata = Some(value.to_owned()),
            Field::Lei => identifiers.lei = Some(value.to_owned()),
            Field::Website => identifiers.website = Some(value.to_owned()),
            Field::Uei => identifiers.uei = Some(value.to_owned()),
            Field::Cage => identifiers.cage = Some(value.to_owned()),
            Field::Cik => identifiers.cik = Some(value.to_owned()),
            Field::OpenCorporates => identifiers.opencorporates = Some(value.to_owned()),
            Field::Tickers => identifiers.tickers = Some(values::list(&lines, Items::Codes)),
            Field::Domains => entry.domains = Some(values::list(&lines, Items::Codes)),
            Field::BoycottStatus => match values::boycott_status(value) {
                Ok(status) => entry.boycott.status = status,
                Err(why) => {
                    reject(why);
                    continue;
                }
            },
            Field::BoycottAgencies => {
                let (agencies, unreadable) = values::agencies(&lines);
                for item in unreadable {
                    rejected.push(format!(
                        "{parameter}: {item:?} is {}; left out",
                        Unreadable::Agency
                    ));
                }
                if agencies.is_empty() {
                    continue;
                }
                entry.boycott.agencies = Some(agencies);
            }
            Field::BoycottSince => match values::full_date(value) {
                Ok(date) => entry.boycott.since = Some(date),
                Err(why) => {
                    reject(why);
                    continue;
                }
            },
            Field::BoycottReason => entry.boycott.reason = Some(value.to_owned()),
        }
        stated.insert(Stated::Field(field));
    }
    if identifiers != Identifiers::default() {
        entry.identifiers = Some(identifiers);
    }
    if !stated.contains(&Stated::Field(Field::BoycottStatus)) {
        let from_category = page
            .categories
            .iter()
            .find_map(|c| mapping.categories.get(&key(c)).cloned());
        match from_category {
            Some(status) => {
                entry.boycott.status = status;
                stated.insert(Stated::Field(Field::BoycottStatus));
            }
            None => not_derived.push(
                "boycott.status (the page states none: under-review until a maintainer decides)"
                    .into(),
            ),
        }
    }
    for category in &page.categories {
        if !mapping.categories.contains_key(&key(category)) {
            unmapped.push(format!("the category {category:?}"));
        }
    }
    if !stated.contains(&Stated::Field(Field::VerificationStatus)) {
        not_derived.push("verification.status (the page states none: unverified)".into());
    }
    for (field, path) in [
        (entry.aliases.is_none(), "aliases"),
        (entry.boycott.agencies.is_none(), "boycott.agencies"),
    ] {
        if field {
            not_derived.push(format!("{path} (the page states none)"));
        }
    }

    if !page.lead.is_empty() {
        unmapped.push(format!(
            "the text before the first heading ({} characters)",
            page.lead.chars().count()
        ));
    }
    for (heading, prose) in &page.sections {
        match mapping.sections.get(&key(heading)) {
            // Read into `page.claims` by the page's reader.
            Some(Section::Claims) => {}
            Some(section) => {
                let slot = match section {
                    Section::Claims => continue,
                    Section::Overview => {
                        stated.insert(Stated::Section(Section::Overview));
                        &mut entry.sections.overview
                    }
                    Section::Boycott => {
                        stated.insert(Stated::Section(Section::Boycott));
                        &mut entry.sections.boycott
                    }
                    Section::Background => {
                        stated.insert(Stated::Section(Section::Background));
                        entry.sections.background.get_or_insert_with(String::new)
                    }
                };
                if !slot.is_empty() && !prose.is_empty() {
                    slot.push_str("\n\n");
                }
                slot.push_str(prose);
            }
            None if prose.is_empty() => {}
            None => unmapped.push(format!(
                "the section {heading:?} ({} characters)",
                prose.chars().count()
            )),
        }
    }

    match &page.claims {
        Some(raw) => {
            stated.insert(Stated::Section(Section::Claims));
            let claims: Vec<Claim> = raw
                .iter()
                .enumerate()
                .filter_map(|(index, raw)| {
                    claim(raw)
                        .map_err(|why| rejected.push(format!("claim {}: {why}; left out", index + 1)))
                        .ok()
                })
                .collect();
            entry.claims = Some(claims).filter(|c| !c.is_empty());
        }
        None => not_derived.push(
            "claims (the page has no claims section: a maintainer adds them)".into(),
        ),
    }

    let mut kind_not_derived = BTreeSet::new();
    for (index, raw) in page.sources.iter().enumerate() {
        let number = index as u64 + 1;
        let source = source(number, raw, mapping, &mut rejected);
        if source.kind.is_none() {
            not_derived.push(format!(
                "sources/{number}/type (the citation does not say: other)"
            ));
            kind_not_derived.insert(number);
        }
        entry.sources.push(Source {
            kind: Some(source.kind.unwrap_or(SourceKind::Other)),
            ..source
        });
    }
    stated.insert(Stated::Sources);
    cited_in_order(&mut entry, &mut unmapped);
    Mapped {
        entry,
        stated,
        unmapped,
        not_derived,
        rejected,
        kind_not_derived,
    }
}

/// One `{{Claim}}` as a claim, its values read by the shared value readers.
fn claim(raw: &crate::import::page::RawClaim) -> Result<Claim, String> {
    let value = |name: &str| {
        raw.parameters
            .iter()
            .find(|(param, _)| key(param) == name)
            .map(|(_, value)| value.trim())
            .filter(|value| !value.is_empty())
    };
    let needed = |name: &str| value(name).ok_or_else(|| format!("it has no {name}"));
    let read = |text: &str, why: values::Unreadable| format!("{text:?} is {why}");
    let agency = needed("agency")?;
    let agency = values::agency(agency).map_err(|why| read(agency, why))?;
    let kind = needed("kind")?;
    let kind = values::claim_kind(kind).map_err(|why| read(kind, why))?;
    let date = |name: &str| match value(name) {
        Some(text) => values::date(text).map(Some).map_err(|why| read(text, why)),
        None => Ok(None),
    };
    let (from, to) = (date("from")?, date("to")?);
    let status = match value("status") {
        Some(text) => values::claim_status(text).map_err(|why| read(text, why))?,
        None => crate::model::ClaimStatus::Unstated,
    };
    if raw.summary.is_empty() {
        return Err("it has no summary after the template".into());
    }
    Ok(Claim {
        unknown: crate::model::UnknownFields::new(),
        id: needed("id")?.to_owned(),
        agency,
        kind,
        summary: raw.summary.clone(),
        period: (from.is_some() || to.is_some()).then(|| crate::model::Period {
            unknown: crate::model::UnknownFields::new(),
            from,
            to,
        }),
        status,
        // The wiki's claims carry no award: awards are added in the repository (`awards
        // find`, `awards check --write`), and `--update` keeps an entry's (see `take`).
        disputed_by: Vec::new(),
        awards: Vec::new(),
    })
}

fn source(number: u64, raw: &RawSource, mapping: &Mapping, rejected: &mut Vec<String>) -> Source {
    let publisher = raw.publisher.clone().unwrap_or_default();
    let kind = raw
        .kind
        .clone()
        .or_else(|| mapping.publishers.get(&key(&publisher)).cloned());
    let date = raw.date.as_deref().and_then(|written| {
        values::date(written)
            .map_err(|why| {
                rejected.push(format!(
                    "source {number}: the date {written:?} is {why}; left out"
                ));
            })
            .ok()
    });
    Source {
        unknown: crate::model::UnknownFields::new(),
        id: number,
        title: raw.title.clone().unwrap_or_default(),
        publisher,
        kind,
        date,
        url: raw.url.clone(),
        archive_url: raw.archive_url.clone(),
        note: raw.note.clone(),
        quotes: Some(raw.quotes.clone()).filter(|q| !q.is_empty()),
    }
}

/// Keeps the sources the imported prose cites, numbered by first citation in it. Cite numbers
/// the whole page; when text that is not imported (the lead, an unmapped section) cites a
/// source first or alone, the entry's numbering differs from the page's, and the report says so.
fn cited_in_order(entry: &mut Entry, unmapped: &mut Vec<String>) {
    let Ok(mut value) = serde_json::to_value(&*entry) else {
        return;
    };
    let cited: BTreeSet<u64> = crate::rules::citations::CitationIndex::new(&value)
        .markers
        .iter()
        .map(|m| m.number)
        .collect();
    let sources = entry.sources.len();
    if let Some(list) = value.get_mut("sources").and_then(|s| s.as_array_mut()) {
        list.retain(|source| {
            let id = source
                .get("id")
                .and_then(serde_json::Value::as_u64)
                .unwrap_or(0);
            let keep = cited.contains(&id);
            if !keep {
                unmapped.push(format!(
                    "source {id} ({}), cited only in text that is not imported",
                    source
                        .get("title")
                        .map(ToString::to_string)
                        .unwrap_or_default()
                ));
            }
            keep
        });
    }
    let renumbered = matches!(
        crate::rules::citation_order::renumber_sources(&mut value),
        crate::rules::citation_order::FixOutcome::Renumbered { moved } if moved > 0
    );
    if (renumbered || value["sources"].as_array().map_or(0, Vec::len) != sources)
        && let Ok(reordered) = serde_json::from_value::<Entry>(value)
    {
        *entry = reordered;
    }
    if renumbered {
        unmapped.push(
            "the page's footnote numbers: sources are renumbered by first citation in the imported text".into(),
        );
    }
}

/// The values an entry would hold as "" (every string the schema has must hold something),
/// each named with what the page lacks: an entry with one is never written.
pub(crate) fn blank_fields(entry: &Entry) -> Vec<String> {
    let mut pointers = Vec::new();
    if let Ok(value) = serde_json::to_value(entry) {
        blank_pointers(&value, &mut String::new(), &mut pointers);
    }
    pointers
        .into_iter()
        .map(|pointer| {
            let mut parts = pointer.trim_start_matches('/').split('/');
            let source = match (
                parts.next(),
                parts.next().and_then(|i| i.parse::<usize>().ok()),
            ) {
                (Some("sources"), Some(index)) => entry.sources.get(index),
                _ => None,
            };
            match (source, parts.next()) {
                (Some(source), Some("publisher")) => format!(
                    "source {} ({}) names no publisher: its citation gives none \
                     (|publisher=, |work=, |website= or |newspaper=)",
                    source.id,
                    what_source(source)
                ),
                (Some(source), Some("title")) => format!(
                    "source {} ({}) has no title: its citation gives none",
                    source.id,
                    what_source(source)
                ),
                _ if pointer.starts_with("/sections/") => {
                    format!("{pointer} is empty: the page has no section the mapping reads as it")
                }
                _ => format!("{pointer} is empty"),
            }
        })
        .collect()
}

/// A source as a report names it: its title, else its URL, else its publisher.
fn what_source(source: &Source) -> String {
    [
        Some(&source.title),
        source.url.as_ref(),
        Some(&source.publisher),
    ]
    .into_iter()
    .flatten()
    .find(|s| !s.is_empty())
    .map_or_else(|| "nothing else either".to_owned(), |s| format!("{s:?}"))
}

fn blank_pointers(value: &serde_json::Value, pointer: &mut String, found: &mut Vec<String>) {
    let length = pointer.len();
    match value {
        serde_json::Value::String(s) if s.is_empty() => found.push(pointer.clone()),
        serde_json::Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                pointer.push_str(&format!("/{index}"));
                blank_pointers(item, pointer, found);
                pointer.truncate(length);
            }
        }
        serde_json::Value::Object(members) => {
            for (name, member) in members {
                pointer.push('/');
                pointer.push_str(&name.replace('~', "~0").replace('/', "~1"));
                blank_pointers(member, pointer, found);
                pointer.truncate(length);
            }
        }
        _ => {}
    }
}
