//! Values read from text written outside the dataset (a wiki infobox, a page's text, an
//! issue-form submission): the same words give the same value whichever door they came
//! through, and the same message when they cannot be read. Issue #24 found the doors
//! disagreeing ("Parent company: -" was a parent named `-` through the issue form and "none"
//! through the wiki import; the form read only ISO dates where the import read `5 March 2024`).
//!
//! Where two readers differed, the more accepting grammar won when it stays unambiguous.

use std::fmt;

use crate::model::{
    Agency, BoycottStatus, ClaimKind, ClaimStatus, EntryStatus, PartialDate, SourceKind,
    VerificationStatus,
};

/// What a piece of outside text was expected to be and is not. It reads after "is": a
/// caller says `"1990s" is not a year: ...` or `founded = "1990s": not a year: ...`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unreadable {
    Year,
    Country,
    Status,
    VerificationStatus,
    BoycottStatus,
    Agency,
    Date,
    FullDate,
    SourceKind,
    ClaimKind,
    ClaimStatus,
}

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn choices<T>(all: &[T], name: fn(&T) -> &str) -> String {
            all.iter().map(name).collect::<Vec<_>>().join(", ")
        }
        // A closed set names its choices, from the model's own list.
        let (what, names) = match self {
            Unreadable::Year => return f.write_str("not a year: write four digits, like 1990"),
            Unreadable::Country => return f.write_str(
                "not a country this tool knows: write its English name or ISO 3166-1 two-letter code (\"United States\" or US)",
            ),
            Unreadable::Date => return f.write_str(
                "not a date: write it as 2024-03-05, 5 March 2024, March 5, 2024, March 2024, 2024-03 or 2024",
            ),
            Unreadable::FullDate => return f.write_str(
                "not a full date: write the day too, as 2024-03-05, 5 March 2024 or March 5, 2024",
            ),
            Unreadable::Status => ("a status", choices(EntryStatus::ALL, EntryStatus::as_str)),
            Unreadable::VerificationStatus => (
                "a verification status",
                choices(VerificationStatus::ALL, VerificationStatus::as_str),
            ),
            Unreadable::BoycottStatus => (
                "a boycott status",
                choices(BoycottStatus::ALL, BoycottStatus::as_str),
            ),
            Unreadable::Agency => ("an agency", choices(Agency::ALL, Agency::as_str)),
            Unreadable::SourceKind => {
                ("a source type", choices(SourceKind::ALL, SourceKind::as_str))
            }
            Unreadable::ClaimKind => ("a kind of claim", choices(ClaimKind::ALL, ClaimKind::as_str)),
            Unreadable::ClaimStatus => {
                ("a claim's status", choices(ClaimStatus::ALL, ClaimStatus::as_str))
            }
        };
        write!(f, "not {what}: {names}")
    }
}

/// A name as a key: case, underscores and runs of spaces do not matter
/// (`Parent_company` and `parent  Company` are `parent company`).
pub(crate) fn key(name: &str) -> String {
    name.replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// `Partially Verified` -> `partially-verified`, the schema's spelling of a closed value.
fn kebab(text: &str) -> String {
    key(text).replace(' ', "-")
}

/// Whether `text` says that there is no such thing (a parent company): `none`, `n/a`, or a
/// lone hyphen or dash, as wiki tables and forms write it. Case and surrounding spaces do not
/// matter.
pub(crate) fn says_none(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().as_str(),
        "none" | "n/a" | "-" | "\u{2013}" | "\u{2014}"
    )
}

/// A four-digit year.
pub(crate) fn year(text: &str) -> Result<i64, Unreadable> {
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|year| (1000..=9999).contains(year))
        .ok_or(Unreadable::Year)
}

/// A country's name from its ISO 3166-1 code, as readers are shown it ("US" -> "United States
/// of America (US)"); an unknown code as written.
pub(crate) fn country_name(code: &str) -> String {
    match isocountry::CountryCode::for_alpha2(code) {
        Ok(country) => format!("{} ({code})", country.name()),
        Err(_) => code.to_owned(),
    }
}

/// An ISO 3166-1 alpha-2 code from a code or an English name.
pub(crate) fn country(text: &str) -> Result<String, Unreadable> {
    use isocountry::CountryCode;
    let text = text.trim();
    if text.len() == 2 && text.chars().all(|c| c.is_ascii_uppercase()) {
        return CountryCode::for_alpha2(text)
            .map(|c| c.alpha2().to_owned())
            .map_err(|_| Unreadable::Country);
    }
    let wanted = key(text).replace('.', "");
    let common = match wanted.as_str() {
        "united states" | "usa" | "us" | "united states of america" => Some("US"),
        "united kingdom" | "uk" | "great britain" => Some("GB"),
        "russia" => Some("RU"),
        "south korea" => Some("KR"),
        "netherlands" | "the netherlands" => Some("NL"),
        _ => None,
    };
    if let Some(code) = common {
        return Ok(code.to_owned());
    }
    CountryCode::iter()
        .find(|c| key(c.name()) == wanted)
        .map(|c| c.alpha2().to_owned())
        .ok_or(Unreadable::Country)
}

/// A company's status as the schema spells it, in any case and spacing (`Active`).
pub(crate) fn entry_status(text: &str) -> Result<EntryStatus, Unreadable> {
    EntryStatus::parse(&kebab(text)).ok_or(Unreadable::Status)
}

/// `Partially verified`, `partially-verified`, ...
pub(crate) fn verification_status(text: &str) -> Result<VerificationStatus, Unreadable> {
    VerificationStatus::parse(&kebab(text)).ok_or(Unreadable::VerificationStatus)
}

/// `Under review`, `under-review`, ...
pub(crate) fn boycott_status(text: &str) -> Result<BoycottStatus, Unreadable> {
    BoycottStatus::parse(&kebab(text)).ok_or(Unreadable::BoycottStatus)
}

/// A source type as the schema spells it, or as people write it (`Press release`).
pub(crate) fn source_kind(text: &str) -> Result<SourceKind, Unreadable> {
    SourceKind::parse(&kebab(text)).ok_or(Unreadable::SourceKind)
}

/// A kind of claim as the schema spells it, or as people write it (`Deportation flights`).
pub(crate) fn claim_kind(text: &str) -> Result<ClaimKind, Unreadable> {
    ClaimKind::parse(&kebab(text)).ok_or(Unreadable::ClaimKind)
}

/// A claim's status as the schema spells it, in any case.
pub(crate) fn claim_status(text: &str) -> Result<ClaimStatus, Unreadable> {
    ClaimStatus::parse(&kebab(text)).ok_or(Unreadable::ClaimStatus)
}

/// One agency, by its abbreviation in any case (`ice`), or by its name with or without
/// `U.S.` (`Immigration and Customs Enforcement`).
pub(crate) fn agency(text: &str) -> Result<Agency, Unreadable> {
    if let Some(agency) = Agency::parse(&text.trim().to_uppercase()) {
        return Ok(agency);
    }
    let name = key(text).replace('.', "");
    let name = name.strip_prefix("us ").unwrap_or(&name);
    let name = name.strip_prefix("the ").unwrap_or(name);
    match name {
        "department of homeland security" => Ok(Agency::Dhs),
        "immigration and customs enforcement" => Ok(Agency::Ice),
        "customs and border protection" => Ok(Agency::Cbp),
        "citizenship and immigration services" => Ok(Agency::Uscis),
        _ => Err(Unreadable::Agency),
    }
}

/// The agencies of a list (see [`list`]), each once, in the order written, and the items that
/// are not agencies.
pub(crate) fn agencies(text: &str) -> (Vec<Agency>, Vec<String>) {
    let mut read = Vec::new();
    let mut unreadable = Vec::new();
    for item in list(text, Items::Codes) {
        match agency(&item) {
            Ok(agency) if !read.contains(&agency) => read.push(agency),
            Ok(_) => {}
            Err(_) => unreadable.push(item),
        }
    }
    (read, unreadable)
}

/// What a list's items can hold, which decides what separates them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Items {
    /// Names and phrases (aliases, industries), which may hold a comma: one per line, or
    /// separated by `;` when the value has no line break.
    Names,
    /// Codes (agencies, tickers, domains), which hold no separator: a line break, `;` or `,`
    /// separates them.
    Codes,
}

/// The items of a list written in one value; empty items are dropped. Markup around the
/// items (a Markdown bullet, a wiki `<br>`) is the door's to remove first.
pub(crate) fn list(text: &str, items: Items) -> Vec<String> {
    // A line break anywhere (the wikitext export ends a one-item list that holds a `;` with
    // `<br>`) says the items are on lines.
    let on_lines = text.contains('\n');
    let mut out = Vec::new();
    for line in text.lines() {
        let parts: Vec<&str> = match items {
            Items::Codes => line.split([';', ',']).collect(),
            Items::Names if on_lines => vec![line],
            Items::Names => line.split(';').collect(),
        };
        out.extend(
            parts
                .into_iter()
                .map(str::trim)
                .filter(|item| !item.is_empty())
                .map(str::to_owned),
        );
    }
    out
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month by its English name or its three-letter abbreviation, with or without a full
/// stop (`Mar.`), and `Sept.`.
fn month(word: &str) -> Option<u8> {
    let word = word.trim_end_matches('.').to_lowercase();
    let index = MONTHS.iter().position(|name| {
        word == *name
            || name.get(..3) == Some(word.as_str())
            || (*name == "september" && word == "sept")
    })?;
    u8::try_from(index).ok().map(|index| index + 1)
}

/// A date as pages and people write it: `2018-03-06`, `Mar. 6, 2018`, `March 6, 2018`,
/// `6 March 2018`, `March 2018`, `2018-03`, `2018`.
pub(crate) fn date(text: &str) -> Result<PartialDate, Unreadable> {
    let text = text.trim();
    if let Some(date) = PartialDate::parse(text) {
        return Ok(date);
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let year = |w: &str| w.parse::<i32>().ok().filter(|y| (1000..=9999).contains(y));
    let day = |w: &str| w.parse::<u8>().ok();
    let full = |m: &str, d: &str, y: &str| {
        crate::model::Date::new(year(y)?, month(m)?, day(d)?).map(PartialDate::Day)
    };
    let read = match words.as_slice() {
        [m, d, y] if month(m).is_some() => full(m, d, y),
        [d, m, y] if month(m).is_some() => full(m, d, y),
        [m, y] => month(m).zip(year(y)).map(|(m, y)| PartialDate::Month(y, m)),
        _ => None,
    };
    read.ok_or(Unreadable::Date)
}

/// A date with its day (a verification date, the date a company was listed).
pub(crate) fn full_date(text: &str) -> Result<crate::model::Date, Unreadable> {
    match date(text) {
        Ok(PartialDate::Day(date)) => Ok(date),
        Ok(_) => Err(Unreadable::FullDate),
        Err(why) => Err(why),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn none_hyphens_and_dashes_say_none_and_names_do_not() {
        for text in ["none", " None ", "N/A", "-", "\u{2013}", "\u{2014}", "NONE"] {
            assert!(says_none(text), "{text:?}");
        }
        for text in ["", "Acme Widgets", "Nonesuch Ltd", "-Acme", "n/a n/a", "--"] {
            assert!(!says_none(text), "{text:?}");
        }
    }

    #[test]
    fn dates_in_the_spellings_pages_and_people_use() {
        let read = |s| date(s).map(|d| d.to_string());
        assert_eq!(read("Mar. 6, 2018").as_deref(), Ok("2018-03-06"));
        assert_eq!(read("March 6, 2018").as_deref(), Ok("2018-03-06"));
        assert_eq!(read("6 March 2018").as_deref(), Ok("2018-03-06"));
        assert_eq!(read("5 march 2024").as_deref(), Ok("2024-03-05"));
        assert_eq!(read("Sept. 30, 2019").as_deref(), Ok("2019-09-30"));
        assert_eq!(read("sep 30 2019").as_deref(), Ok("2019-09-30"));
        assert_eq!(read("July 2018").as_deref(), Ok("2018-07"));
        assert_eq!(read(" 2018-07 ").as_deref(), Ok("2018-07"));
        assert_eq!(read("2018").as_deref(), Ok("2018"));
        for bad in [
            "Feb. 30, 2018",
            "soon",
            "Marc 6, 2018",
            "",
            "2018-7",
            "6 Ma 2018",
            "March 32, 2018",
            "12 2018",
        ] {
            assert_eq!(read(bad), Err(Unreadable::Date), "{bad:?}");
        }
        assert_eq!(full_date("March 2018"), Err(Unreadable::FullDate));
        assert_eq!(full_date("nope"), Err(Unreadable::Date));
        assert_eq!(full_date("2018-03-06").map(|d| d.day()), Ok(6));
    }

    #[test]
    fn countries_by_code_or_name() {
        assert_eq!(country("United States").as_deref(), Ok("US"));
        assert_eq!(country("U.S.A.").as_deref(), Ok("US"));
        assert_eq!(country("germany").as_deref(), Ok("DE"));
        assert_eq!(country(" FR ").as_deref(), Ok("FR"));
        assert_eq!(country("Atlantis"), Err(Unreadable::Country));
        assert_eq!(country("XX"), Err(Unreadable::Country));
    }

    #[test]
    fn closed_values_in_any_case_and_spacing() {
        assert_eq!(entry_status(" Active "), Ok(EntryStatus::Active));
        assert_eq!(entry_status("closed"), Err(Unreadable::Status));
        assert_eq!(
            verification_status("Partially Verified"),
            Ok(VerificationStatus::PartiallyVerified)
        );
        assert_eq!(
            boycott_status("under_review"),
            Ok(BoycottStatus::UnderReview)
        );
        assert_eq!(source_kind("Press release"), Ok(SourceKind::PressRelease));
        assert_eq!(source_kind("blog"), Err(Unreadable::SourceKind));
        assert_eq!(year(" 1990 "), Ok(1990));
        for bad in ["199", "1990s", "c. 1990", "-1990", "10000"] {
            assert_eq!(year(bad), Err(Unreadable::Year), "{bad:?}");
        }
    }

    #[test]
    fn agencies_by_code_or_name_each_once() {
        let (read, unreadable) =
            agencies("ice; CBP, U.S. Immigration and Customs Enforcement\nDHS\nFBI");
        assert_eq!(read, [Agency::Ice, Agency::Cbp, Agency::Dhs]);
        assert_eq!(unreadable, ["FBI"]);
        assert_eq!(
            agency("the Department of Homeland Security"),
            Ok(Agency::Dhs)
        );
        assert_eq!(
            agency("US Citizenship and Immigration Services"),
            Ok(Agency::Uscis)
        );
    }

    #[test]
    fn lists_of_names_keep_commas_and_lists_of_codes_do_not() {
        assert_eq!(
            list("Acme, Inc.; Acme Drones", Items::Names),
            ["Acme, Inc.", "Acme Drones"]
        );
        assert_eq!(
            list("Acme, Inc.\nAcme; Drones\n\n* Towers", Items::Names),
            ["Acme, Inc.", "Acme; Drones", "* Towers"]
        );
        assert_eq!(list("2025 plans", Items::Names), ["2025 plans"]);
        assert_eq!(
            list("example.com, example.org\nexample.net", Items::Codes),
            ["example.com", "example.org", "example.net"]
        );
        assert!(list(" \n\n ", Items::Names).is_empty());
        assert!(list(" ; ,", Items::Codes).is_empty());
        assert_eq!(list("Acme; Drones\n", Items::Names), ["Acme; Drones"]);
    }

    #[test]
    fn messages_name_the_choices_the_model_has() {
        assert_eq!(
            Unreadable::Status.to_string(),
            "not a status: active, defunct, acquired"
        );
        assert!(
            Unreadable::Agency
                .to_string()
                .ends_with("DHS, ICE, CBP, USCIS")
        );
    }
}
