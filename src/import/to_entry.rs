//! A page's pieces, mapped to an [`Entry`]: values normalised (`United States` -> `US`,
//! `Partially Verified` -> `partially-verified`, `Mar. 6, 2018` -> `2018-03-06`, a list
//! split at `;`), and nothing invented: a field the page does not state stays absent, a value
//! that does not normalise is reported and left out.

use super::mapping::{Field, Mapping, Section, key, parse_boycott_status};
use super::page::{Page, RawSource};
use crate::model::{
    Agency, Boycott, BoycottStatus, Entry, EntryStatus, Identifiers, PartialDate, Sections, Source,
    SourceKind, Verification, VerificationStatus,
};
use std::collections::BTreeSet;

/// An entry made from a page, and what the page did not give.
#[derive(Debug, Clone)]
pub(crate) struct Mapped {
    pub entry: Entry,
    /// The entry's fields the page states (dotted paths, `sources` for the list): an update
    /// replaces these and keeps the rest.
    pub stated: BTreeSet<&'static str>,
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
            status: VerificationStatus::Unverified,
            date: None,
            notes: None,
        },
        identifiers: None,
        domains: None,
        boycott: Boycott {
            status: BoycottStatus::UnderReview,
            agencies: None,
            since: None,
            reason: None,
        },
        sections: Sections {
            overview: String::new(),
            boycott: String::new(),
            background: None,
        },
        sources: Vec::new(),
    };
    stated.insert("name");

    let mut identifiers = Identifiers::default();
    for (parameter, value) in page.infobox.iter().flatten() {
        let Some(field) = mapping.fields.get(&key(parameter)).copied() else {
            unmapped.push(format!("the infobox parameter {parameter:?}"));
            continue;
        };
        let items = value.trim();
        let text = items.replace(super::wikitext::BREAK, "\n");
        let value = text.as_str();
        let mut reject = |why: &str| {
            rejected.push(format!("{parameter} = {value:?}: {why}; left out"));
        };
        if value.is_empty() && field != Field::ParentCompany {
            continue;
        }
        match field {
            Field::Id => {
                if crate::rules::file_name::is_entry_id(value) && value.len() <= 64 {
                    entry.id = value.to_owned();
                } else {
                    reject("not an id (lower-case letters, digits and single hyphens)");
                    continue;
                }
            }
            Field::Name => entry.name = value.to_owned(),
            Field::Aliases => entry.aliases = Some(list(items, false)),
            Field::Industry => entry.industry = list(items, false),
            Field::Country => match country_code(value) {
                Some(code) => entry.country = Some(code),
                None => {
                    reject("not a country this tool knows (an ISO 3166-1 name or code)");
                    continue;
                }
            },
            Field::Founded => match value.parse::<i64>() {
                Ok(year) if (1000..=9999).contains(&year) => entry.founded = Some(year),
                _ => {
                    reject("not a year");
                    continue;
                }
            },
            Field::Headquarters => entry.headquarters = Some(value.to_owned()),
            Field::ParentCompany => {
                // A row present but empty states that there is none.
                entry.parent_company = Some(
                    (!value.is_empty() && !crate::outside_values::says_none(value))
                        .then(|| value.to_owned()),
                );
            }
            Field::Status => match EntryStatus::parse(&kebab(value)) {
                Some(status) => entry.status = Some(status),
                None => {
                    reject("not a status (active, defunct, acquired)");
                    continue;
                }
            },
            Field::VerificationStatus => match VerificationStatus::parse(&kebab(value)) {
                Some(status) => entry.verification.status = status,
                None => {
                    reject("not a verification status (verified, partially verified, unverified)");
                    continue;
                }
            },
            Field::VerificationDate => match full_date(value) {
                Some(date) => entry.verification.date = Some(date),
                None => {
                    reject("not a date");
                    continue;
                }
            },
            Field::VerificationNotes => entry.verification.notes = Some(value.to_owned()),
            Field::Wikidata => identifiers.wikidata = Some(value.to_owned()),
            Field::Lei => identifiers.lei = Some(value.to_owned()),
            Field::Website => identifiers.website = Some(value.to_owned()),
            Field::Tickers => identifiers.tickers = Some(list(items, true)),
            Field::Domains => entry.domains = Some(list(items, true)),
            Field::BoycottStatus => match parse_boycott_status(value) {
                Some(status) => entry.boycott.status = status,
                None => {
                    reject("not a boycott status (listed, under review, delisted)");
                    continue;
                }
            },
            Field::BoycottAgencies => {
                let mut agencies = Vec::new();
                for item in list(items, true) {
                    match Agency::parse(&item.to_uppercase()) {
                        Some(agency) => agencies.push(agency),
                        None => rejected.push(format!(
                            "{parameter}: {item:?} is not an agency (DHS, ICE, CBP, USCIS); left out"
                        )),
                    }
                }
                if agencies.is_empty() {
                    continue;
                }
                entry.boycott.agencies = Some(agencies);
            }
            Field::BoycottSince => match full_date(value) {
                Some(date) => entry.boycott.since = Some(date),
                None => {
                    reject("not a date");
                    continue;
                }
            },
            Field::BoycottReason => entry.boycott.reason = Some(value.to_owned()),
        }
        stated.insert(field.path());
    }
    if identifiers != Identifiers::default() {
        entry.identifiers = Some(identifiers);
    }
    if !stated.contains("boycott.status") {
        let from_category = page
            .categories
            .iter()
            .find_map(|c| mapping.categories.get(&key(c)).copied());
        match from_category {
            Some(status) => {
                entry.boycott.status = status;
                stated.insert("boycott.status");
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
    if !stated.contains("verification.status") {
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
            Some(section) => {
                let slot = match section {
                    Section::Overview => {
                        stated.insert("sections.overview");
                        &mut entry.sections.overview
                    }
                    Section::Boycott => {
                        stated.insert("sections.boycott");
                        &mut entry.sections.boycott
                    }
                    Section::Background => {
                        stated.insert("sections.background");
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
    stated.insert("sources");
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

fn source(number: u64, raw: &RawSource, mapping: &Mapping, rejected: &mut Vec<String>) -> Source {
    let publisher = raw.publisher.clone().unwrap_or_default();
    let kind = raw
        .kind
        .or_else(|| mapping.publishers.get(&key(&publisher)).copied());
    let date = raw.date.as_deref().and_then(|written| {
        let date = partial_date(written);
        if date.is_none() {
            rejected.push(format!(
                "source {number}: the date {written:?} is not a date; left out"
            ));
        }
        date
    });
    Source {
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
        crate::fix::renumber_sources(&mut value),
        crate::fix::FixOutcome::Renumbered { moved } if moved > 0
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

/// `Partially Verified` -> `partially-verified`.
fn kebab(value: &str) -> String {
    key(value).replace(' ', "-")
}

/// A list in one value: items on lines of their own (`<br>`, or a line break), else separated
/// by `;` (and `,` where items cannot hold one).
fn list(value: &str, commas: bool) -> Vec<String> {
    let breaks = |c: char| c == super::wikitext::BREAK || c == '\n';
    let lines = value.contains(breaks);
    value
        .split(|c| {
            if lines {
                breaks(c)
            } else {
                c == ';' || (commas && c == ',')
            }
        })
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

/// An ISO 3166-1 alpha-2 code from a code or an English name.
pub(crate) fn country_code(value: &str) -> Option<String> {
    use isocountry::CountryCode;
    let value = value.trim();
    if value.len() == 2 && value.chars().all(|c| c.is_ascii_uppercase()) {
        return CountryCode::for_alpha2(value)
            .ok()
            .map(|c| c.alpha2().to_owned());
    }
    let wanted = key(value).replace('.', "");
    let common = match wanted.as_str() {
        "united states" | "usa" | "us" | "united states of america" => Some("US"),
        "united kingdom" | "uk" | "great britain" => Some("GB"),
        "russia" => Some("RU"),
        "south korea" => Some("KR"),
        "netherlands" | "the netherlands" => Some("NL"),
        _ => None,
    };
    if let Some(code) = common {
        return Some(code.to_owned());
    }
    CountryCode::iter()
        .find(|c| key(c.name()) == wanted)
        .map(|c| c.alpha2().to_owned())
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month(word: &str) -> Option<time::Month> {
    let word = word.trim_end_matches('.').to_lowercase();
    let word = if word == "sept" { "sep".into() } else { word };
    let index = MONTHS.iter().position(|m| {
        word == *m || (word.len() > 3 && full_month_name(m).is_some_and(|full| full == word))
    })?;
    time::Month::try_from(index as u8 + 1).ok()
}

fn full_month_name(abbreviation: &str) -> Option<&'static str> {
    Some(match abbreviation {
        "jan" => "january",
        "feb" => "february",
        "mar" => "march",
        "apr" => "april",
        "may" => "may",
        "jun" => "june",
        "jul" => "july",
        "aug" => "august",
        "sep" => "september",
        "oct" => "october",
        "nov" => "november",
        "dec" => "december",
        _ => return None,
    })
}

/// A date as wiki pages write it: `2018-03-06`, `Mar. 6, 2018`, `March 6, 2018`,
/// `6 March 2018`, `March 2018`, `2018-03`, `2018`.
pub(crate) fn partial_date(written: &str) -> Option<PartialDate> {
    let written = written.trim();
    if let Some(date) = PartialDate::parse(written) {
        return Some(date);
    }
    let words: Vec<&str> = written
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let year = |w: &str| w.parse::<i32>().ok().filter(|y| (1000..=9999).contains(y));
    let day = |w: &str| w.parse::<u8>().ok();
    let make = |y: i32, m: time::Month, d: u8| {
        time::Date::from_calendar_date(y, m, d)
            .ok()
            .map(PartialDate::Day)
    };
    match words.as_slice() {
        [m, d, y] if month(m).is_some() => make(year(y)?, month(m)?, day(d)?),
        [d, m, y] if month(m).is_some() => make(year(y)?, month(m)?, day(d)?),
        [m, y] => Some(PartialDate::Month(year(y)?, month(m)?)),
        _ => None,
    }
}

fn full_date(written: &str) -> Option<time::Date> {
    match partial_date(written)? {
        PartialDate::Day(date) => Some(date),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_spellings_pages_use() {
        let day = |s| partial_date(s).map(|d| d.to_string());
        assert_eq!(day("Mar. 6, 2018").as_deref(), Some("2018-03-06"));
        assert_eq!(day("March 6, 2018").as_deref(), Some("2018-03-06"));
        assert_eq!(day("6 March 2018").as_deref(), Some("2018-03-06"));
        assert_eq!(day("Sept. 30, 2019").as_deref(), Some("2019-09-30"));
        assert_eq!(day("July 2018").as_deref(), Some("2018-07"));
        assert_eq!(day("2018").as_deref(), Some("2018"));
        assert_eq!(day("Feb. 30, 2018"), None);
        assert_eq!(day("soon"), None);
        assert_eq!(day("Marc 6, 2018"), None);
    }

    #[test]
    fn countries_by_code_or_name() {
        assert_eq!(country_code("United States").as_deref(), Some("US"));
        assert_eq!(country_code("germany").as_deref(), Some("DE"));
        assert_eq!(country_code("FR").as_deref(), Some("FR"));
        assert_eq!(country_code("Atlantis"), None);
        assert_eq!(country_code("XX"), None);
    }
}
