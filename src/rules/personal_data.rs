//! # personal-data
//!
//! ## What it catches
//! In every free-text field but `headquarters` (a company's address is public): prose, notes,
//! names, aliases, industries, the parent company, source titles, publishers and quotes:
//! - an e-mail address (error), also as `jane[at]example[dot]com`, `(at)`/`(dot)`,
//!   `jane at example dot com` or with a full-width `＠`;
//! - a phone number (error): `+` and 8 to 15 digits in groups (`Tel:+1 202 555 0143`), or the
//!   North American `(NNN) NNN-NNNN`, `NNN-NNN-NNNN`, `NNN NNN NNNN`, `1-NNN-NNN-NNNN`; Unicode
//!   dashes and full-width digits count as ASCII;
//! - what reads as a street address (`12 Elm Street`) (warning).
//!
//! Dates, years, amounts and identifiers with letters (`JA-2019-03-0416`) are never flagged.
//!
//! ## Why it matters
//! The dataset names companies, never private people. An e-mail address or a phone number in
//! a public list invites harassment, and a submission through the issue form can carry one by
//! mistake; the lint blocks it before it is merged.
//!
//! ## Example
//! ```json
//! "overview": "Write to jane.doe@example.com or call +1 202 555 0143 for the contract."
//! ```
//!
//! ## Use instead
//! ```json
//! "overview": "The contract was published by the agency.[2]"
//! ```
//!
//! ## Fix
//! Not automatic: remove the personal data, and cite the public document instead.

use super::{Finding, Findings};
use crate::json::{Node, Target};
use crate::settings::Severity;

pub(crate) const CODE: super::RuleCode = super::RuleCode::PersonalData;

/// Checks one of the fields the field table marks `personal_data` (its registry row's
/// text-field check, called in the one walk of those fields).
pub(crate) fn check_text(node: &Node<'_>, pointer: &dyn Fn() -> String, out: &mut Findings) {
    let Some(text) = node.as_str() else {
        return;
    };
    for found in find_personal_data(text) {
        out.push(finding(found.kind, Target::text(pointer(), found.range)));
    }
}

fn finding(kind: Kind, target: Target) -> Finding {
    let finding = match kind {
        Kind::Email => Finding::new(
            CODE,
            target,
            "this text holds an e-mail address: the dataset names companies, never private people's contacts",
        )
        .label("e-mail address"),
        Kind::Phone => Finding::new(
            CODE,
            target,
            "this text holds a phone number: the dataset names companies, never private people's contacts",
        )
        .label("phone number"),
        Kind::StreetAddress => {
            let mut finding = Finding::new(
                CODE,
                target,
                "this text reads as a street address: if it is a person's, remove it (a company's address belongs in `headquarters`)",
            )
            .label("street address?");
            finding.at_most = Some(Severity::Warning);
            finding
        }
    };
    finding.help("remove it, and cite the public document that supports the claim instead")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Email,
    Phone,
    StreetAddress,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub kind: Kind,
    /// Byte range in the text.
    pub range: std::ops::Range<usize>,
}

/// A pattern, and what a text must hold for the pattern to be worth running.
type Pattern = (Kind, regex::Regex, fn(&Clues) -> bool);

/// What the patterns need, read off a text in one pass over its digits: prose holds few
/// digits (citation markers, years), so most texts are settled without running a pattern.
#[derive(Debug, Default)]
struct Clues {
    digits: usize,
    at: bool,
    /// A `+` before a digit (`+1`).
    plus: bool,
    /// Three digits in parentheses (`(202)`).
    parenthesis: bool,
    /// Two groups of three digits, each followed by a `-` or `.`, then a digit (`202-555-0`):
    /// dates (`2024-03-05`) are not.
    dashed_triplet: bool,
    /// Three digits, a space and a possible exchange (`202 555 0`).
    spaced_triplet: bool,
    /// A number, maybe a letter, a space and a capital (`12 Elm`, `12B Elm`).
    number_before_a_capital: bool,
}

impl Clues {
    /// Reads the clue a digit at `i` gives, from the bytes around it.
    fn digit(&mut self, bytes: &[u8], i: usize) {
        let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
        self.digits += 1;
        let next = at(i + 1);
        let triplet = i >= 2 && at(i - 1).is_ascii_digit() && at(i - 2).is_ascii_digit();
        let dash_or_dot = |b: u8| b == b'-' || b == b'.';
        self.dashed_triplet |= triplet
            && dash_or_dot(next)
            && at(i + 2).is_ascii_digit()
            && at(i + 3).is_ascii_digit()
            && at(i + 4).is_ascii_digit()
            && dash_or_dot(at(i + 5))
            && at(i + 6).is_ascii_digit();
        self.plus |= i >= 1 && at(i - 1) == b'+';
        self.parenthesis |= triplet && next == b')' && i >= 3 && at(i - 3) == b'(';
        // `202 555 0143`: the exchange starts with 2-9 and is three digits and a space.
        self.spaced_triplet |= triplet
            && next == b' '
            && matches!(at(i + 2), b'2'..=b'9')
            && at(i + 3).is_ascii_digit()
            && at(i + 4).is_ascii_digit()
            && at(i + 5) == b' '
            && at(i + 6).is_ascii_digit();
        self.number_before_a_capital |= (next == b' ' && at(i + 2).is_ascii_uppercase())
            || (next.is_ascii_alphabetic() && at(i + 2) == b' ' && at(i + 3).is_ascii_uppercase());
    }
}

/// What one pass over a text finds: the patterns' clues, and whether the text needs folding.
#[derive(Debug, Default)]
struct Scan {
    clues: Clues,
    spellings: Spellings,
}

impl Scan {
    /// Most strings are short (titles, publishers) or prose with a few digits: one pass reads
    /// all a string tells, 32 bytes at a time. A chunk without a digit, `@`, opening bracket or
    /// non-ASCII byte is passed over with a test the compiler makes wide (no branch inside the
    /// chunk); in the others, only those bytes are read.
    fn of(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut scan = Scan::default();
        let mut non_ascii = false;
        let exact = bytes.chunks_exact(CHUNK);
        let tail = exact.remainder();
        let mut last = [0u8; CHUNK];
        last[..tail.len()].copy_from_slice(tail);
        let masks = exact
            .map(|chunk| <&[u8; CHUNK]>::try_from(chunk).map_or(0, worth_reading))
            .chain(std::iter::once(worth_reading(&last)));
        for (n, mut mask) in masks.enumerate() {
            while mask != 0 {
                let i = n * CHUNK + mask.trailing_zeros() as usize;
                mask &= mask - 1;
                match bytes.get(i).copied().unwrap_or(0) {
                    b'0'..=b'9' => scan.clues.digit(bytes, i),
                    b'@' => scan.clues.at = true,
                    // Markers (`[1]`) are the common case: a digit follows.
                    b'[' | b'(' | b'{'
                        if matches!(bytes.get(i + 1), Some(b'a' | b'A' | b'd' | b'D')) =>
                    {
                        scan.spellings.bracketed |= BRACKETED.iter().any(|(spelling, _)| {
                            bytes
                                .get(i..i + spelling.len())
                                .is_some_and(|head| head.eq_ignore_ascii_case(spelling.as_bytes()))
                        });
                    }
                    0x80.. => non_ascii = true,
                    _ => {}
                }
            }
        }
        static AT: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
            std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b" at "));
        static DOT: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
            std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b" dot "));
        scan.spellings.spaced_words = DOT.find(bytes).is_some() && AT.find(bytes).is_some();
        scan.spellings.look_alikes = non_ascii && text.chars().any(|c| fold_char(c) != c);
        scan
    }
}

/// Whether a byte is worth reading (see [`worth_reading`]).
#[inline]
fn worth(b: u8) -> bool {
    let folded = b | 0x20;
    (b.wrapping_sub(b'0') < 10)
        | (b >= 0x80)
        | (folded == b'{')
        | (folded == b'`')
        | (folded == b'(')
}

/// [`Scan::of`] reads a text this many bytes at a time.
const CHUNK: usize = 32;

/// The bytes of `chunk` worth reading, as bits: digits, `@`, `[`, `(`, `{` and non-ASCII
/// bytes. Five tests, not six: setting bit 5 maps `[` and `{` to `{`, `@` (and `` ` ``) to
/// `` ` ``, `(` (and backspace) to `(`; a byte let through by a look-alike is read and passed
/// over by the caller. Every byte of every free-text field goes through this test: a chunk
/// with none of them is passed over with a test the compiler makes wide, and in the others the
/// bits are gathered eight bytes to a multiplication (building the mask bit by bit, a shift
/// per byte, was most of this rule's cost on prose, where nearly every chunk holds a marker).
fn worth_reading(chunk: &[u8; CHUNK]) -> u32 {
    if !chunk.iter().fold(false, |any, &b| any | worth(b)) {
        return 0;
    }
    let mut flags = [0u8; CHUNK];
    for (flag, &b) in flags.iter_mut().zip(chunk) {
        *flag = u8::from(worth(b));
    }
    flags.chunks_exact(8).enumerate().fold(0u32, |mask, (k, word)| {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(word);
        let bits = u64::from_le_bytes(bytes).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        mask | (bits as u32) << (8 * k)
    })
}

// The patterns are constants, compiled by the unit tests below: a failure is a bug in them.
#[allow(clippy::expect_used)]
fn patterns() -> &'static [Pattern] {
    static PATTERNS: std::sync::OnceLock<Vec<Pattern>> = std::sync::OnceLock::new();
    PATTERNS.get_or_init(|| {
        let compile = |pattern: &str| regex::Regex::new(pattern).expect("a valid pattern");
        vec![
            (
                Kind::Email,
                compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"),
                |clues| clues.at,
            ),
            // International: + and 8–15 digits in groups separated by one space, dot or dash.
            (
                Kind::Phone,
                compile(r"\+[0-9]{1,4}([ .\-]?\(?[0-9]{1,5}\)?){2,6}"),
                |clues| clues.digits >= 8 && clues.plus,
            ),
            // North American: (NNN) NNN-NNNN, NNN-NNN-NNNN, 1-NNN-NNN-NNNN.
            (
                Kind::Phone,
                compile(r"\([0-9]{3}\) ?[0-9]{3}[\-. ][0-9]{4}"),
                |clues| clues.digits >= 10 && clues.parenthesis,
            ),
            (
                Kind::Phone,
                compile(r"(?:1[\-. ])?[0-9]{3}[\-.][0-9]{3}[\-.][0-9]{4}"),
                |clues| clues.digits >= 10 && clues.dashed_triplet,
            ),
            // NNN NNN NNNN with spaces: only a valid NANP area code and exchange (2–9 first),
            // since groups of digits with spaces are also how amounts are written.
            (
                Kind::Phone,
                compile(r"(?:1 )?[2-9][0-9]{2} [2-9][0-9]{2} [0-9]{4}"),
                |clues| clues.digits >= 10 && clues.spaced_triplet,
            ),
            (
                Kind::StreetAddress,
                compile(
                    r"(?-u:\b)[0-9]{1,5}[A-Za-z]? (?:[A-Z][a-z]+ ){1,3}(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane|Ln\.?|Drive|Dr\.?|Court|Ct\.?|Terrace|Way|Place|Pl\.?)(?:[^A-Za-z0-9_]|$)",
                ),
                |clues| clues.number_before_a_capital,
            ),
        ]
    })
}

/// The personal data in `text`, in order. Text written to dodge the patterns (Unicode dashes,
/// full-width digits, `[at]`/`[dot]`) is read in its folded form, and what is found there is
/// placed back on the text's own characters.
pub(crate) fn find_personal_data(text: &str) -> Vec<Found> {
    let scan = Scan::of(text);
    if !scan.spellings.any() {
        return find_in(text, &scan.clues);
    }
    let folded = Folded::of(text, scan.spellings.spaced_words);
    find_in(&folded.text, &Scan::of(&folded.text).clues)
        .into_iter()
        .map(|found| Found {
            kind: found.kind,
            range: folded.original(found.range),
        })
        .collect()
}

/// A text with look-alikes folded to what the patterns read, and where each byte came from.
struct Folded {
    text: String,
    /// For each byte of `text`: the range of the original text it was made from.
    from: Vec<std::ops::Range<usize>>,
}

/// Spellings of `@` and `.` that hide an e-mail address from a scraper, and what they fold to.
/// The spaced words fold only when the text has both (`jane at example dot com`).
const BRACKETED: &[(&str, char)] = &[
    ("[at]", '@'),
    ("(at)", '@'),
    ("{at}", '@'),
    ("[dot]", '.'),
    ("(dot)", '.'),
    ("{dot}", '.'),
];

/// Which of the spellings that fold a text holds.
#[derive(Debug, Default)]
struct Spellings {
    /// Characters that fold to another (`＠`, `–`, full-width digits).
    look_alikes: bool,
    /// Both ` at ` and ` dot `.
    spaced_words: bool,
    /// One of [`BRACKETED`].
    bracketed: bool,
}

impl Spellings {
    fn any(&self) -> bool {
        self.look_alikes || self.spaced_words || self.bracketed
    }
}

impl Folded {
    /// `text` folded; the spaced words (` at `, ` dot `) only if `spaced_words` (the text
    /// holds both).
    fn of(text: &str, spaced_words: bool) -> Self {
        let mut folded = Folded {
            text: String::with_capacity(text.len()),
            from: Vec::with_capacity(text.len()),
        };
        let mut i = 0;
        while let Some(rest) = text.get(i..).filter(|rest| !rest.is_empty()) {
            let token = BRACKETED
                .iter()
                .map(|(spelling, to)| (*spelling, *to))
                .chain(
                    spaced_words
                        .then_some([(" at ", '@'), (" dot ", '.')])
                        .into_iter()
                        .flatten(),
                )
                .find(|(spelling, _)| {
                    rest.get(..spelling.len())
                        .is_some_and(|head| head.eq_ignore_ascii_case(spelling))
                });
            // A bracketed or spaced spelling may stand with spaces around it.
            let (consumed, to) = match token {
                Some((spelling, to)) => {
                    let mut consumed = spelling.len();
                    let before = folded.text.trim_end_matches(' ').len();
                    folded.text.truncate(before);
                    folded.from.truncate(before);
                    consumed +=
                        rest[consumed..].len() - rest[consumed..].trim_start_matches(' ').len();
                    (consumed, to)
                }
                None => {
                    let c = rest.chars().next().unwrap_or(' ');
                    (c.len_utf8(), fold_char(c))
                }
            };
            let mut buffer = [0u8; 4];
            for _ in to.encode_utf8(&mut buffer).bytes() {
                folded.from.push(i..i + consumed);
            }
            folded.text.push(to);
            i += consumed;
        }
        folded
    }

    /// The range of the original text that a range of the folded text was made from.
    fn original(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let start = self.from.get(range.start).map_or(0, |r| r.start);
        let end = range
            .end
            .checked_sub(1)
            .and_then(|last| self.from.get(last))
            .map_or(start, |r| r.end);
        start..end.max(start)
    }
}

/// A character as the patterns read it: full-width digits, `＋`, `＠` and `．` as ASCII,
/// Unicode hyphens, dashes and minus signs as `-`, other spaces as a space.
fn fold_char(c: char) -> char {
    match c {
        '\u{ff10}'..='\u{ff19}' => char::from(b'0' + (c as u32 - 0xff10) as u8),
        '\u{ff0b}' => '+',
        '\u{ff20}' => '@',
        '\u{ff0e}' => '.',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' => '-',
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => ' ',
        _ => c,
    }
}

fn find_in(text: &str, clues: &Clues) -> Vec<Found> {
    // Each pattern needs something most prose lacks; deciding that first keeps the rule's
    // cost near zero on a full lint (prose holds years, so digits alone are common).
    if clues.digits == 0 && !clues.at {
        return Vec::new();
    }
    let mut found: Vec<Found> = Vec::new();
    for (kind, pattern, worth_it) in patterns() {
        if !worth_it(clues) {
            continue;
        }
        for m in pattern.find_iter(text) {
            let mut range = m.range();
            // The street pattern ends on the character after the street type: not part of it.
            if *kind == Kind::StreetAddress
                && let Some(last) = text[range.clone()].chars().next_back()
                && !last.is_alphanumeric()
                && last != '.'
            {
                range.end -= last.len_utf8();
            }
            if found
                .iter()
                .any(|f| f.range.start < range.end && range.start < f.range.end)
            {
                continue;
            }
            let valid = match kind {
                Kind::Phone => is_phone(text, range.clone()),
                _ => true,
            };
            if valid {
                found.push(Found { kind: *kind, range });
            }
        }
    }
    found.sort_by_key(|f| f.range.start);
    found
}

/// A phone-shaped match that is a phone number: 8–15 digits (10 for the North American
/// forms), not glued to letters or digits (an identifier such as `JA-2019-03-0416`, a longer
/// number), and not a date.
fn is_phone(text: &str, range: std::ops::Range<usize>) -> bool {
    let matched = &text[range.clone()];
    let digits = matched.bytes().filter(u8::is_ascii_digit).count();
    if !(8..=15).contains(&digits) {
        return false;
    }
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_');
    if glued(before) || glued(after) {
        return false;
    }
    // A date written with a sign or dots: 2018-03-06, 2018.03.06.
    let groups: Vec<&str> = matched
        .trim_start_matches('+')
        .split(['-', '.', ' ', '/'])
        .collect();
    if groups.len() == 3 && groups[0].len() == 4 && groups[1].len() == 2 && groups[2].len() == 2 {
        return false;
    }
    // The identifier's letters may sit one dash away: "JA-2019-03-0416". A label before a
    // colon is no identifier: "Tel:+1 202 555 0143".
    let word_start = text[..range.start]
        .rfind(|c: char| c.is_whitespace() || c == ':')
        .map_or(0, |i| i + 1);
    !text[word_start..range.start]
        .chars()
        .any(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn the_chunk_mask_has_a_bit_for_each_byte_worth_reading(
            chunk in proptest::array::uniform32(proptest::prelude::any::<u8>())
        ) {
            let expected = chunk
                .iter()
                .enumerate()
                .fold(0u32, |mask, (i, &b)| mask | (u32::from(worth(b)) << i));
            proptest::prop_assert_eq!(worth_reading(&chunk), expected);
        }
    }

    fn kinds(text: &str) -> Vec<Kind> {
        find_personal_data(text)
            .into_iter()
            .map(|f| f.kind)
            .collect()
    }

    #[test]
    fn contacts_are_found() {
        assert_eq!(kinds("write to jane.doe@example.com today"), [Kind::Email]);
        assert_eq!(kinds("call +1 202 555 0143."), [Kind::Phone]);
        assert_eq!(kinds("call +44 20.7946.0958"), [Kind::Phone]);
        assert_eq!(kinds("call (202) 555-0143"), [Kind::Phone]);
        assert_eq!(kinds("call 202-555-0143"), [Kind::Phone]);
        assert_eq!(
            kinds("she lives at 12 Elm Street, Springfield"),
            [Kind::StreetAddress]
        );
    }

    /// The clues are read 32 bytes at a time: what straddles two chunks, or ends the text, is
    /// still found.
    #[test]
    fn clues_across_chunk_boundaries_and_at_the_end() {
        for pad in 0..70 {
            let padding = "x".repeat(pad);
            assert_eq!(
                kinds(&format!("{padding} call 202-555-0143")),
                [Kind::Phone],
                "{pad}"
            );
            assert_eq!(
                kinds(&format!("{padding} at 12B Elm Street")),
                [Kind::StreetAddress],
                "{pad}"
            );
            assert_eq!(
                kinds(&format!("{padding} +44 20 7946 0958 (UK)")),
                [Kind::Phone],
                "{pad}"
            );
        }
        let scan = Scan::of(&format!("a1{}2F3 [at] \u{ff20}", "x".repeat(62)));
        assert_eq!(scan.clues.digits, 3);
        assert!(scan.spellings.bracketed && scan.spellings.look_alikes);
        let scan = Scan::of("no digits here, a bracket [x] and spaced at and dot words");
        assert_eq!((scan.clues.digits, scan.clues.at), (0, false));
        assert!(!scan.spellings.bracketed && scan.spellings.spaced_words);
    }

    #[test]
    fn contacts_written_to_dodge_a_scraper_are_found_on_their_own_characters() {
        for (text, shown) in [
            ("call 1-202-555-0143 now", "1-202-555-0143"),
            ("Tel:+1 202 555 0143", "+1 202 555 0143"),
            ("call 202 555 0143 now", "202 555 0143"),
            (
                "call 202\u{2010}555\u{2013}0143",
                "202\u{2010}555\u{2013}0143",
            ),
            (
                "call \u{ff12}\u{ff10}\u{ff12}-555-0143.",
                "\u{ff12}\u{ff10}\u{ff12}-555-0143",
            ),
        ] {
            let found = find_personal_data(text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].kind, Kind::Phone, "{text}");
            assert_eq!(&text[found[0].range.clone()], shown, "{text}");
        }
        for (text, shown) in [
            (
                "mail jane.doe[at]example[dot]com please",
                "jane.doe[at]example[dot]com",
            ),
            (
                "mail jane.doe (at) example (dot) com please",
                "jane.doe (at) example (dot) com",
            ),
            (
                "mail jane at example dot com please",
                "jane at example dot com",
            ),
            (
                "mail jane.doe\u{ff20}example.com please",
                "jane.doe\u{ff20}example.com",
            ),
            (
                "mail JANE [AT] EXAMPLE [DOT] ORG",
                "JANE [AT] EXAMPLE [DOT] ORG",
            ),
        ] {
            let found = find_personal_data(text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].kind, Kind::Email, "{text}");
            assert_eq!(&text[found[0].range.clone()], shown, "{text}");
        }
        for text in [
            "Acme was at the fair; the dot com boom came later.",
            "It paid 100 200 3000 dollars in three parts.",
            "Founded in 2018 \u{2013} 2019, then 12\u{2010}2020.",
            "[at] the time, (dot) matrix printers.",
        ] {
            assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
        }
    }

    #[test]
    fn dates_years_amounts_and_identifiers_are_not_personal_data() {
        for text in [
            "Salesforce Licenses JA-2019-03-0416",
            "On 2018-03-06 and in 2019, $250,000 was paid.",
            "Contract HSCEMD-18-C-00012, award 70CMSD19FR0000123.",
            "Between 1999 and 2024 it grew by +12.5% to 1,234,567 users.",
            "Reference 12345678901234567890 in the register.",
            "Section 8 of the 2020 act; 3 March 2018.",
            "+2018-03-06",
        ] {
            assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
        }
    }
}
