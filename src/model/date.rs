//! Calendar dates of the model, written `YYYY-MM-DD`.
//!
//! Its own small type rather than a date crate's: a consumer that reads a release with
//! `default-features = false` compiles serde and serde_json only. The tool converts to
//! `time::Date` where it does arithmetic (how old a verification is).

use std::fmt;

/// A day of the proleptic Gregorian calendar, years 0000–9999 (the four digits the schema's
/// `YYYY-MM-DD` allows). Ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// 0000-01-01, the earliest date the model can hold.
    pub const MIN: Date = Date {
        year: 0,
        month: 1,
        day: 1,
    };

    /// The date, if it exists (`2023-02-29` does not).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let year = u16::try_from(year).ok().filter(|y| *y <= 9999)?;
        (1..=12).contains(&month).then_some(())?;
        (1..=days_in_month(year, month))
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// Reads exactly `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let year = digits(text.get(0..4)?)?;
        let month = digits(text.get(5..7)?)?;
        let day = digits(text.get(8..10)?)?;
        Date::new(
            i32::from(year),
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    pub fn year(self) -> i32 {
        i32::from(self.year)
    }

    /// 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// 1–31.
    pub fn day(self) -> u8 {
        self.day
    }
}

/// The number written with ASCII digits only (no sign, no spaces).
fn digits(text: &str) -> Option<u16> {
    text.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| text.parse().ok())
        .flatten()
}

fn is_leap_year(year: u16) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in the month (`month` is 1–12).
pub(crate) fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(feature = "tool")]
impl From<Date> for time::Date {
    fn from(date: Date) -> time::Date {
        // Every `Date` is a real day within `time`'s range, so this cannot fall back.
        time::Month::try_from(date.month)
            .ok()
            .and_then(|month| time::Date::from_calendar_date(date.year(), month, date.day).ok())
            .unwrap_or(time::Date::MIN)
    }
}

#[cfg(feature = "tool")]
impl TryFrom<time::Date> for Date {
    type Error = OutOfRange;

    /// A `time::Date` of a year outside 0000–9999 has no `YYYY-MM-DD` spelling.
    fn try_from(date: time::Date) -> Result<Date, OutOfRange> {
        Date::new(date.year(), u8::from(date.month()), date.day()).ok_or(OutOfRange)
    }
}

/// A day outside the years 0000–9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfRange;

impl fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the date is outside the years 0000-9999")
    }
}

impl std::error::Error for OutOfRange {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_real_days_only() {
        for text in ["2024-02-29", "2000-02-29", "0000-01-01", "9999-12-31"] {
            let date = Date::parse(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(date.to_string(), text);
        }
        for text in [
            "2023-02-29",
            "1900-02-29",
            "2024-04-31",
            "2024-13-01",
            "2024-00-10",
            "2024-01-00",
            "2024-1-01",
            "+024-01-01",
            "2024-01-0a",
            "2024/01/01",
            "2024-01-01 ",
            "２０２４-01-01",
            "",
        ] {
            assert_eq!(Date::parse(text), None, "{text}");
        }
    }

    #[test]
    fn orders_by_time() {
        let day = |t| Date::parse(t).unwrap_or_else(|| panic!("{t}"));
        assert!(day("2023-12-31") < day("2024-01-01"));
        assert!(day("2024-01-31") < day("2024-02-01"));
    }

    #[cfg(feature = "tool")]
    #[test]
    fn agrees_with_the_time_crate_on_every_day_of_a_leap_cycle() {
        let mut day = time::Date::from_calendar_date(1999, time::Month::January, 1).unwrap();
        let end = time::Date::from_calendar_date(2401, time::Month::March, 1).unwrap();
        while day < end {
            let ours = Date::try_from(day).unwrap();
            assert_eq!(time::Date::from(ours), day);
            assert_eq!(Date::parse(&ours.to_string()), Some(ours));
            day = day.next_day().unwrap();
        }
    }
}
