//! What makes two things the same: two sources the same document, two entries the same
//! company. Used by the lint rules and by `icelist diff`, so they always agree.

use crate::json::JsonRead;
use crate::view::{self, EntryView, IdentifiersView};
use crate::text::comparison_key;
use std::borrow::Cow;
use std::fmt::Write;
use unicode_normalization::UnicodeNormalization;
use unicode_security::confusable_detection::skeleton;

/// Query parameters that identify a click, not a document.
fn is_tracking_parameter(name: &str) -> bool {
    name.starts_with("utm_") || name == "fbclid" || name == "gclid"
}

/// A URL reduced to what identifies the document: http and https alike, host case-insensitive,
/// a leading `www.` ignored, trailing `/` ignored, fragment dropped, tracking parameters
/// dropped, other query parameters kept and sorted. `None` if it is not an http(s) URL.
pub(crate) fn normalized_url(raw: &str) -> Option<String> {
    normalize_url(&url::Url::parse(raw.trim()).ok()?)
}

/// [`normalized_url`] of an already parsed URL.
pub(crate) fn normalize_url(url: &url::Url) -> Option<String> {
    Some(UrlParts::of(url)?.pieces().concat())
}

/// A hash of [`normalize_url`]'s result, computed without building it: equal normalized URLs
/// have equal prints. Lints compare prints and confirm a match on the keys themselves.
pub(crate) fn normalized_url_print(url: &url::Url) -> Option<u64> {
    Some(print(UrlParts::of(url)?.pieces()))
}

/// The print of the concatenation of `pieces`. SipHash is a streaming hash: writing the pieces
/// one by one hashes their concatenation, so a key never has to be built to be printed.
pub(crate) fn print<'p>(pieces: impl IntoIterator<Item = &'p str>) -> u64 {
    use std::hash::Hasher;
    let mut hasher = std::hash::DefaultHasher::new();
    for piece in pieces {
        hasher.write(piece.as_bytes());
    }
    hasher.finish()
}

/// A print of `value` for comparing keys within one run: prints are never stored, and two that
/// are equal are confirmed on the keys themselves. foldhash is several times faster than
/// SipHash on short keys (a lint prints every source's title and publisher).
pub(crate) fn quick_print(value: impl std::hash::Hash) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0x01ce_1157).hash_one(value)
}

/// What a normalized URL is made of, in order.
struct UrlParts<'u> {
    host: Cow<'u, str>,
    port: Option<String>,
    path: &'u str,
    query: String,
}

impl<'u> UrlParts<'u> {
    fn of(url: &'u url::Url) -> Option<Self> {
        if !matches!(url.scheme(), "http" | "https") {
            return None;
        }
        let host = url.host_str()?;
        // The URL parser already lower-cases domains; the copy is for the rare other host.
        let host = if host.bytes().any(|b| b.is_ascii_uppercase()) {
            let lower = host.to_ascii_lowercase();
            Cow::Owned(lower.strip_prefix("www.").unwrap_or(&lower).to_owned())
        } else {
            Cow::Borrowed(host.strip_prefix("www.").unwrap_or(host))
        };
        let query = match url.query() {
            None => String::new(),
            Some(_) => {
                let mut pairs: Vec<(String, String)> = url
                    .query_pairs()
                    .filter(|(k, _)| !is_tracking_parameter(k))
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect();
                pairs.sort();
                if pairs.is_empty() {
                    String::new()
                } else {
                    let mut serializer = url::form_urlencoded::Serializer::new(String::from("?"));
                    for (k, v) in &pairs {
                        serializer.append_pair(k, v);
                    }
                    serializer.finish()
                }
            }
        };
        Some(UrlParts {
            host,
            port: url.port().map(|p| format!(":{p}")),
            path: url.path().trim_end_matches('/'),
            query,
        })
    }

    fn pieces(&self) -> [&str; 4] {
        [
            &self.host,
            self.port.as_deref().unwrap_or_default(),
            self.path,
            &self.query,
        ]
    }
}

/// Title and publisher compared after NFKC, case folding and whitespace collapsing.
pub(crate) fn title_publisher_key(title: &str, publisher: &str) -> String {
    format!(
        "{}\u{0}{}",
        comparison_key(title),
        comparison_key(publisher)
    )
}

/// A company name reduced for duplicate detection: NFKC, case folding, punctuation and
/// spaces removed, confusable characters mapped to their Unicode TR39 skeleton (so a
/// Cyrillic `А` in `Аcme` matches the Latin `A`).
pub(crate) fn name_skeleton(name: &str) -> String {
    if let Some(skeletal) = ascii_name_skeleton(name) {
        return skeletal;
    }
    let folded = caseless::default_case_fold_str(&name.nfkc().collect::<String>());
    // NFKC often leaves ASCII (full-width letters, ligatures): the table serves it too.
    if let Some(skeletal) = ascii_name_skeleton(&folded) {
        return skeletal;
    }
    let letters: String = folded.chars().filter(|c| c.is_alphanumeric()).collect();
    let skeletal: String = skeleton(&letters).collect();
    if skeletal.is_ascii() {
        skeletal.to_ascii_lowercase()
    } else {
        caseless::default_case_fold_str(&skeletal)
    }
}

/// [`name_skeleton`] of an ASCII name in one pass, from a table giving each byte's share of
/// the result: its folded TR39 prototype, nothing for punctuation and spaces. `None` when the
/// name is not ASCII or one of its characters has a prototype outside ASCII. Names are
/// skeletonized for every entry of every lint, and decoding each through NFKC, case folding
/// and the skeleton allocates four strings (a profile showed it among a lint's costliest steps).
fn ascii_name_skeleton(name: &str) -> Option<String> {
    static TABLE: std::sync::OnceLock<Vec<Option<String>>> = std::sync::OnceLock::new();
    if !name.is_ascii() {
        return None;
    }
    let table = TABLE.get_or_init(|| {
        (0u8..128)
            .map(|b| {
                let folded = char::from(b.to_ascii_lowercase());
                if !folded.is_alphanumeric() {
                    return Some(String::new());
                }
                let prototype: String = skeleton(&folded.to_string()).collect();
                prototype.is_ascii().then(|| prototype.to_ascii_lowercase())
            })
            .collect()
    });
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        out.push_str(table[usize::from(b)].as_deref()?);
    }
    Some(out)
}

/// A website reduced to its host, for "same company" checks.
pub(crate) fn website_host(raw: &str) -> Option<String> {
    let url = url::Url::parse(raw.trim()).ok()?;
    let host = url.host_str()?.to_ascii_lowercase();
    Some(host.strip_prefix("www.").unwrap_or(&host).to_owned())
}

/// What an identity key is made from. The kind decides which rule reads it
/// (`rules::entry_duplicate::rule_reading`) and how a finding names it ([`KeyKind::as_str`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyKind {
    /// The name or an alias, as its skeleton.
    Name,
    Wikidata,
    Lei,
    /// The host of `identifiers.website`, without `www.`.
    WebsiteHost,
    Ticker,
    Domain,
    /// SAM.gov's Unique Entity ID.
    Uei,
    Cage,
    /// The SEC's Central Index Key, without the leading zeros EDGAR pads it with.
    Cik,
    OpenCorporates,
}

// The names findings and the identity cache use.
crate::model::spelled_names!(KeyKind {
    Name => "name",
    Wikidata => "wikidata",
    Lei => "lei",
    WebsiteHost => "website host",
    Ticker => "ticker",
    Domain => "domain",
    Uei => "uei",
    Cage => "cage",
    Cik => "cik",
    OpenCorporates => "opencorporates",
});

/// One key of an entry's identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityKey {
    pub kind: KeyKind,
    /// The value normalized: two entries collide when their (kind, key) are equal.
    pub key: String,
    /// Where the value is in the entry.
    pub pointer: String,
    /// The value as written.
    pub written: String,
}

/// What one entry contributes to the dataset-wide identity check. Small, so that a full lint
/// keeps only this per entry.
#[derive(Debug, Clone, Default)]
pub struct IdentityKeys {
    pub keys: Vec<IdentityKey>,
}

impl IdentityKeys {
    pub fn of(entry: &impl JsonRead) -> Self {
        let mut keys = Vec::new();
        let mut push = |kind: KeyKind, pointer: String, written: &str, key: Option<String>| {
            if let Some(key) = key.filter(|k| !k.is_empty()) {
                keys.push(IdentityKey {
                    kind,
                    key,
                    pointer,
                    written: written.to_owned(),
                });
            }
        };
        let at = |object: &str, key: &str| view::pointer(object, &[], key);
        let item = |object: &str, key: &str, i: usize| {
            let mut pointer = at(object, key);
            let _ = write!(pointer, "/{i}");
            pointer
        };
        if let Some(name) = entry.member(EntryView::NAME).and_then(JsonRead::text) {
            push(
                KeyKind::Name,
                at(EntryView::AT, EntryView::NAME),
                name,
                Some(name_skeleton(name)),
            );
        }
        if let Some(aliases) = entry.member(EntryView::ALIASES).and_then(JsonRead::items) {
            for (i, alias) in aliases.iter().enumerate() {
                if let Some(alias) = alias.text() {
                    push(
                        KeyKind::Name,
                        item(EntryView::AT, EntryView::ALIASES, i),
                        alias,
                        Some(name_skeleton(alias)),
                    );
                }
            }
        }
        let ids = entry.member(EntryView::IDENTIFIERS);
        for (kind, member) in [
            (KeyKind::Wikidata, IdentifiersView::WIKIDATA),
            (KeyKind::Lei, IdentifiersView::LEI),
            (KeyKind::Uei, IdentifiersView::UEI),
            (KeyKind::Cage, IdentifiersView::CAGE),
            (KeyKind::Cik, IdentifiersView::CIK),
            (KeyKind::OpenCorporates, IdentifiersView::OPENCORPORATES),
        ] {
            if let Some(raw) = ids.and_then(|i| i.member(member)).and_then(JsonRead::text) {
                let key = match kind {
                    KeyKind::Cik => raw.trim().trim_start_matches('0').to_owned(),
                    // The jurisdiction is lower case by OpenCorporates' convention; the number
                    // is compared as written.
                    KeyKind::OpenCorporates => raw.trim().to_owned(),
                    _ => raw.trim().to_ascii_uppercase(),
                };
                push(kind, at(IdentifiersView::AT, member), raw, Some(key));
            }
        }
        if let Some(raw) = ids
            .and_then(|i| i.member(IdentifiersView::WEBSITE))
            .and_then(JsonRead::text)
        {
            push(
                KeyKind::WebsiteHost,
                at(IdentifiersView::AT, IdentifiersView::WEBSITE),
                raw,
                website_host(raw),
            );
        }
        if let Some(tickers) = ids
            .and_then(|i| i.member(IdentifiersView::TICKERS))
            .and_then(JsonRead::items)
        {
            for (i, t) in tickers.iter().enumerate() {
                if let Some(raw) = t.text() {
                    push(
                        KeyKind::Ticker,
                        item(IdentifiersView::AT, IdentifiersView::TICKERS, i),
                        raw,
                        Some(raw.trim().to_ascii_uppercase()),
                    );
                }
            }
        }
        if let Some(domains) = entry.member(EntryView::DOMAINS).and_then(JsonRead::items) {
            for (i, d) in domains.iter().enumerate() {
                if let Some(raw) = d.text() {
                    push(
                        KeyKind::Domain,
                        item(EntryView::AT, EntryView::DOMAINS, i),
                        raw,
                        Some(raw.trim().trim_end_matches('.').to_ascii_lowercase()),
                    );
                }
            }
        }
        IdentityKeys { keys }
    }
}

impl IdentityKeys {
    /// The keys of an entry file's bytes, if they decode and parse.
    pub fn of_bytes(bytes: &[u8]) -> Option<Self> {
        crate::load::read(bytes, |parsed| Self::of(&parsed.tree)).ok()
    }

    /// A hash of each (kind, key): what a full lint keeps per entry. Two entries can collide
    /// only if they share a fingerprint; the few that do are read again for their full keys
    /// (`entry-duplicate` decides on those), so a run over 100,000 entries keeps 8 bytes per key.
    pub fn fingerprints(&self) -> Box<[u64]> {
        self.keys
            .iter()
            .map(|key| quick_print((key.kind, &key.key)))
            .collect()
    }
}

impl crate::dataset::DatasetFiles {
    /// The identity keys of every entry file that reads and parses, with its file name (a
    /// file that does not is the lint's to report, not a duplicate's).
    pub(crate) fn identity_keys(
        &self,
        max_file_size: u64,
    ) -> impl Iterator<Item = (&str, IdentityKeys)> {
        self.entries.iter().filter_map(move |candidate| {
            let bytes = candidate.read(max_file_size).ok()?;
            Some((candidate.file.as_str(), IdentityKeys::of_bytes(&bytes)?))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keys_come_from_the_fields_the_table_marks_as_identity() {
        let entry = serde_json::json!({
            "name": "Acme Widgets", "aliases": ["Acme"], "industry": ["Drones"],
            "headquarters": "Springfield", "parent_company": "Example Holdings 00042",
            "identifiers": {"wikidata": "Q1", "lei": "529900ZETAPROBE00022",
                            "website": "https://acme.example", "tickers": ["NYSE:ACME"],
                            "uei": "ZETAPRB12345", "cage": "1ZT49", "cik": "0000000042",
                            "opencorporates": "us_de/acme-00042"},
            "domains": ["acme.example"],
            "sources": [{"id": 1, "title": "Acme", "publisher": "Example News"}]
        });
        let keys = IdentityKeys::of(&crate::json::Node::from_value(&entry));
        let from: std::collections::BTreeSet<String> = keys
            .keys
            .iter()
            .map(|key| {
                // `/aliases/0` is the field `/aliases`.
                let pointer = key.pointer.trim_end_matches(|c: char| c.is_ascii_digit());
                pointer.trim_end_matches('/').to_owned()
            })
            .collect();
        let marked: std::collections::BTreeSet<String> = crate::fields::FIELDS
            .iter()
            .filter(|row| row.properties.identity_key)
            .map(|row| row.pointer.to_owned())
            .collect();
        assert_eq!(from, marked);
        // The CIK is compared without EDGAR's leading zeros.
        let cik = keys.keys.iter().find(|k| k.kind == KeyKind::Cik).unwrap();
        assert_eq!(cik.key, "42");
    }

    #[test]
    fn urls_normalize() {
        let a = normalized_url("https://www.Example.com/a/?utm_source=x&b=2&a=1#frag");
        let b = normalized_url("http://example.com/a?a=1&b=2&fbclid=y");
        assert_eq!(a, b);
        assert_ne!(
            normalized_url("https://example.com/a?id=1"),
            normalized_url("https://example.com/a?id=2")
        );
        assert_eq!(normalized_url("javascript:alert(1)"), None);
    }

    #[test]
    fn a_url_print_is_the_print_of_its_normalized_key() {
        for raw in [
            "https://www.Example.com/a/?utm_source=x&b=2&a=1#frag",
            "http://EXAMPLE.org:8080/x/y//",
            "https://example.net",
            "https://WWW.example.net/",
            "https://[::1]:99/p?q=%20",
            "https://xn--nxasmq6b.example/\u{e9}t\u{e9}?",
        ] {
            let url = url::Url::parse(raw).unwrap();
            assert_eq!(
                normalized_url_print(&url),
                normalize_url(&url).map(|k| print([k.as_str()])),
                "{raw}"
            );
        }
    }

    /// [`name_skeleton`] as its documentation says, without the table: NFKC, case folding,
    /// letters and digits only, the TR39 skeleton, folded again.
    fn reference_skeleton(name: &str) -> String {
        let folded = caseless::default_case_fold_str(&name.nfkc().collect::<String>());
        let letters: String = folded.chars().filter(|c| c.is_alphanumeric()).collect();
        caseless::default_case_fold_str(&skeleton(&letters).collect::<String>())
    }

    #[test]
    fn the_one_pass_ascii_skeleton_agrees_with_the_full_one() {
        let every_byte: String = (0u8..128).map(char::from).collect();
        let alphanumeric: String = (32u8..127)
            .map(char::from)
            .filter(char::is_ascii_alphanumeric)
            .collect();
        for name in [
            "Acme Widgets",
            "acme widgets",
            "Example Holdings 00042, Inc.",
            "example holdings 00042",
            "rn m 0O 1lI |",
            "a-b_c.d",
            "ACME-WIDGETS_(US)",
            "",
            " . ",
            every_byte.as_str(),
            alphanumeric.as_str(),
        ] {
            if let Some(fast) = ascii_name_skeleton(name) {
                assert_eq!(fast, reference_skeleton(name), "{name:?}");
            }
            assert_eq!(name_skeleton(name), reference_skeleton(name), "{name:?}");
        }
        assert_eq!(
            ascii_name_skeleton("Acme Widgets").as_deref(),
            Some("acrnewidgets"),
            "m and rn are confusable"
        );
        assert_eq!(ascii_name_skeleton("Açme"), None);
        // Every letter and digit is handled by the table alone.
        for b in (0u8..128).filter(u8::is_ascii_alphanumeric) {
            let name = char::from(b).to_string();
            assert_eq!(
                ascii_name_skeleton(&name),
                Some(reference_skeleton(&name)),
                "{name}"
            );
        }
        // Names NFKC turns into ASCII, and names it does not, take the same result.
        for name in [
            "ＡＣＭＥ Widgets",
            "ﬁne Holdings",
            "Аcme",
            "Ａcme Çorp",
            "100%",
        ] {
            assert_eq!(name_skeleton(name), reference_skeleton(name), "{name}");
        }
        assert_eq!(
            name_skeleton("100%"),
            caseless::default_case_fold_str(&skeleton("100").collect::<String>())
        );
    }

    #[test]
    fn confusable_names_share_a_skeleton() {
        assert_eq!(
            name_skeleton("\u{0410}cme Widgets"),
            name_skeleton("ACME widgets")
        );
        assert_eq!(
            name_skeleton("Acme-Widgets, Inc."),
            name_skeleton("acme widgets inc")
        );
        assert_ne!(name_skeleton("Acme Widgets"), name_skeleton("Acme Gadgets"));
    }
}
