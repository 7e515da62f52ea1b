//! The bundled entry's claims hold to the seed page (`tests/data/seed/salesforce.txt`, the wiki
//! page the entry transcribes): each claim restates one paragraph of the page, and carries
//! only the markers that paragraph carries; each date of its period is written in that
//! paragraph; its agency is named there. Nothing in a claim comes from outside the page.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use icelist::model::{Entry, PartialDate};
use std::collections::BTreeSet;

fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 3)
        .map(str::to_lowercase)
        .collect()
}

fn markers(text: &str) -> BTreeSet<u64> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        rest = &rest[open + 1..];
        if let Some(close) = rest.find(']')
            && let Ok(n) = rest[..close].parse::<u64>()
        {
            found.insert(n);
        }
    }
    found
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// How a page writes the date: `March 2018` for `2018-03`.
fn as_written(date: PartialDate) -> Vec<String> {
    match date {
        PartialDate::Year(year) => vec![year.to_string()],
        PartialDate::Month(year, month) => {
            vec![format!("{} {year}", MONTHS[usize::from(month) - 1])]
        }
        PartialDate::Day(day) => {
            let month = MONTHS[usize::from(day.month()) - 1];
            vec![
                format!("{month} {}, {}", day.day(), day.year()),
                format!("{} {month} {}", day.day(), day.year()),
            ]
        }
    }
}

#[test]
fn the_bundled_claims_restate_the_seed_page() {
    let page =
        std::fs::read_to_string(common::repo_path("tests/data/seed/salesforce.txt")).unwrap();
    let paragraphs: Vec<&str> = page
        .lines()
        .filter(|l| l.split_whitespace().count() > 12)
        .collect();
    let entry: Entry = serde_json::from_str(
        &std::fs::read_to_string(common::repo_path("dataset/salesforce.json")).unwrap(),
    )
    .unwrap();
    assert!(!entry.claims().is_empty());
    for claim in entry.claims() {
        let own = words(&claim.summary);
        // The paragraph the claim restates: the one sharing the most words with it.
        let (paragraph, shared) = paragraphs
            .iter()
            .map(|p| (*p, words(p).intersection(&own).count()))
            .max_by_key(|(_, shared)| *shared)
            .unwrap();
        assert!(
            shared * 2 >= own.len(),
            "{}: no paragraph of the page says this: {}",
            claim.id,
            claim.summary
        );
        let cited = markers(&claim.summary);
        assert!(!cited.is_empty(), "{}", claim.id);
        assert!(
            cited.is_subset(&markers(paragraph)),
            "{}: markers {cited:?} not all in the paragraph: {paragraph}",
            claim.id
        );
        assert!(
            paragraph.contains(claim.agency.as_str()),
            "{}: the paragraph does not name {}",
            claim.id,
            claim.agency.as_str()
        );
        if let Some(period) = &claim.period {
            for date in [period.from, period.to].into_iter().flatten() {
                assert!(
                    as_written(date)
                        .iter()
                        .any(|w| paragraph.contains(w.as_str())),
                    "{}: the date {date} is not in the paragraph: {paragraph}",
                    claim.id
                );
            }
        }
        // The page says nothing ended.
        assert_eq!(claim.status.as_str(), "unknown", "{}", claim.id);
    }
    // One claim per agency the entry lists: each listed agency rests on a claim.
    let claimed: BTreeSet<&str> = entry.claims().iter().map(|c| c.agency.as_str()).collect();
    let listed: BTreeSet<&str> = entry.agencies().iter().map(|a| a.as_str()).collect();
    assert_eq!(claimed, listed);
}
