//! The typed view the rules read an entry through, over the lenient tree: an entry that fails
//! the schema still reads (a missing or mistyped field is `None`, a list that is not one is
//! empty). Each object of an entry has a view with one accessor per field and the field's key
//! as a constant, so that no reader spells a field name: the rules, the identity keys, `diff`
//! and `changelog` read keys and build pointers from here, a renamed field is renamed here, and
//! a test holds every key to a row of the field table (`crate::fields::FIELDS`).

use crate::json::Node;

/// How an accessor reads its member.
pub(crate) trait Read<'a>: Sized {
    fn read(member: Option<&'a Node<'a>>) -> Self;
}

impl<'a> Read<'a> for Option<&'a str> {
    fn read(member: Option<&'a Node<'a>>) -> Self {
        member.and_then(Node::as_str)
    }
}

/// A whole number, however it is spelled (`2e0` is 2, as JSON Schema counts).
impl<'a> Read<'a> for Option<u64> {
    fn read(member: Option<&'a Node<'a>>) -> Self {
        member.and_then(Node::as_u64)
    }
}

/// The member as it is, whatever its type.
impl<'a> Read<'a> for Option<&'a Node<'a>> {
    fn read(member: Option<&'a Node<'a>>) -> Self {
        member
    }
}

/// A list's items; none when the member is absent or not a list.
impl<'a> Read<'a> for &'a [Node<'a>] {
    fn read(member: Option<&'a Node<'a>>) -> Self {
        member.and_then(Node::as_array).unwrap_or_default()
    }
}

/// Declares a view: its place in the entry (`*` for an item of a list), and per field its
/// accessor, its key's constant, what it reads as, and its key.
macro_rules! view {
    ($lt:lifetime; $(
        $(#[$doc:meta])*
        $view:ident at $at:literal {
            $($method:ident, $key_const:ident: $ty:ty = $key:literal;)*
        }
    )*) => {
        $(
            $(#[$doc])*
            #[derive(Clone, Copy)]
            pub(crate) struct $view<$lt>(pub(crate) &$lt Node<$lt>);

            impl<$lt> Read<$lt> for Option<$view<$lt>> {
                fn read(member: Option<&$lt Node<$lt>>) -> Self {
                    member.map($view)
                }
            }

            #[allow(dead_code)]
            impl<$lt> $view<$lt> {
                /// Where the object is in the entry (`*` for an item of a list).
                pub(crate) const AT: &'static str = $at;
                $(
                    pub(crate) const $key_const: &'static str = $key;

                    pub(crate) fn $method(self) -> $ty {
                        Read::read(self.0.get($key))
                    }
                )*
                /// Every key the view reads, for the test against the field table.
                #[cfg(test)]
                pub(crate) const KEYS: &'static [&'static str] = &[$($key),*];
            }
        )*

        #[cfg(test)]
        pub(crate) const VIEWS: &[(&str, &[&str])] = &[$(($at, $view::KEYS)),*];
    };
}

view! { 'a;
    /// A whole entry.
    EntryView at "" {
        schema, SCHEMA: Option<&'a str> = "$schema";
        id, ID: Option<&'a str> = "id";
        name, NAME: Option<&'a str> = "name";
        aliases, ALIASES: &'a [Node<'a>] = "aliases";
        industry, INDUSTRY: &'a [Node<'a>] = "industry";
        country, COUNTRY: Option<&'a str> = "country";
        founded, FOUNDED: Option<&'a Node<'a>> = "founded";
        headquarters, HEADQUARTERS: Option<&'a str> = "headquarters";
        parent_company, PARENT_COMPANY: Option<&'a Node<'a>> = "parent_company";
        status, STATUS: Option<&'a str> = "status";
        domains, DOMAINS: &'a [Node<'a>] = "domains";
        identifiers, IDENTIFIERS: Option<IdentifiersView<'a>> = "identifiers";
        verification, VERIFICATION: Option<VerificationView<'a>> = "verification";
        boycott, BOYCOTT: Option<BoycottView<'a>> = "boycott";
        claims, CLAIMS: &'a [Node<'a>] = "claims";
        sections, SECTIONS: Option<SectionsView<'a>> = "sections";
        responses, RESPONSES: &'a [Node<'a>] = "responses";
        sources, SOURCES: &'a [Node<'a>] = "sources";
    }

    /// `identifiers`.
    IdentifiersView at "/identifiers" {
        wikidata, WIKIDATA: Option<&'a str> = "wikidata";
        lei, LEI: Option<&'a str> = "lei";
        website, WEBSITE: Option<&'a str> = "website";
        tickers, TICKERS: &'a [Node<'a>] = "tickers";
        uei, UEI: Option<&'a str> = "uei";
        cage, CAGE: Option<&'a str> = "cage";
        cik, CIK: Option<&'a str> = "cik";
        opencorporates, OPENCORPORATES: Option<&'a str> = "opencorporates";
    }

    /// `verification`.
    VerificationView at "/verification" {
        status, STATUS: Option<&'a str> = "status";
        date, DATE: Option<&'a str> = "date";
        notes, NOTES: Option<&'a str> = "notes";
    }

    /// `boycott`.
    BoycottView at "/boycott" {
        status, STATUS: Option<&'a str> = "status";
        agencies, AGENCIES: &'a [Node<'a>] = "agencies";
        since, SINCE: Option<&'a str> = "since";
        reason, REASON: Option<&'a str> = "reason";
    }

    /// `sections`.
    SectionsView at "/sections" {
        overview, OVERVIEW: Option<&'a str> = "overview";
        boycott, BOYCOTT: Option<&'a str> = "boycott";
        background, BACKGROUND: Option<&'a str> = "background";
    }

    /// An item of `claims`.
    ClaimView at "/claims/*" {
        id, ID: Option<&'a str> = "id";
        agency, AGENCY: Option<&'a str> = "agency";
        summary, SUMMARY: Option<&'a str> = "summary";
        period, PERIOD: Option<PeriodView<'a>> = "period";
        status, STATUS: Option<&'a str> = "status";
        disputed_by, DISPUTED_BY: Option<&'a Node<'a>> = "disputed_by";
        awards, AWARDS: &'a [Node<'a>] = "awards";
    }

    /// A claim's `period`.
    PeriodView at "/claims/*/period" {
        from, FROM: Option<&'a Node<'a>> = "from";
        to, TO: Option<&'a Node<'a>> = "to";
    }

    /// An item of a claim's `awards`.
    AwardView at "/claims/*/awards/*" {
        id, ID: Option<&'a str> = "id";
        role, ROLE: Option<&'a str> = "role";
        via, VIA: Option<&'a Node<'a>> = "via";
        recipient, RECIPIENT: Option<&'a Node<'a>> = "recipient";
        recipient_uei, RECIPIENT_UEI: Option<&'a Node<'a>> = "recipient_uei";
        awarding_agency, AWARDING_AGENCY: Option<&'a Node<'a>> = "awarding_agency";
        obligated, OBLIGATED: Option<&'a Node<'a>> = "obligated";
        period, PERIOD: Option<&'a Node<'a>> = "period";
        as_of, AS_OF: Option<&'a Node<'a>> = "as_of";
    }

    /// An item of `responses`.
    ResponseView at "/responses/*" {
        id, ID: Option<&'a str> = "id";
        date, DATE: Option<&'a str> = "date";
        kind, KIND: Option<&'a str> = "kind";
        summary, SUMMARY: Option<&'a str> = "summary";
        url, URL: Option<&'a Node<'a>> = "url";
    }

    /// An item of `sources`.
    SourceView at "/sources/*" {
        id, ID: Option<u64> = "id";
        title, TITLE: Option<&'a str> = "title";
        publisher, PUBLISHER: Option<&'a str> = "publisher";
        kind, TYPE: Option<&'a str> = "type";
        date, DATE: Option<&'a str> = "date";
        url, URL: Option<&'a str> = "url";
        archive_url, ARCHIVE_URL: Option<&'a str> = "archive_url";
        note, NOTE: Option<&'a str> = "note";
        quotes, QUOTES: Option<&'a Node<'a>> = "quotes";
    }
}

impl<'a> EntryView<'a> {
    /// The verification's status, if it has one.
    pub(crate) fn verification_status(self) -> Option<&'a str> {
        self.verification().and_then(VerificationView::status)
    }

    /// The boycott's status, if it has one.
    pub(crate) fn boycott_status(self) -> Option<&'a str> {
        self.boycott().and_then(BoycottView::status)
    }
}

/// The pointer of `key` in the object at `at` (a view's `AT`), with the list positions
/// `indexes` in place of its `*`s, in order: `pointer(SourceView::AT, &[2], SourceView::TITLE)`
/// is `/sources/2/title`. An empty `key` gives the object's own pointer.
pub(crate) fn pointer(at: &str, indexes: &[usize], key: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(at.len() + key.len() + 8);
    let mut indexes = indexes.iter();
    for token in at.split('/').skip(1) {
        out.push('/');
        match (token, if token == "*" { indexes.next() } else { None }) {
            ("*", Some(index)) => {
                let _ = write!(out, "{index}");
            }
            _ => out.push_str(token),
        }
    }
    if !key.is_empty() {
        out.push('/');
        out.push_str(key);
    }
    out
}

/// Whether `path` is the pointer of `key` in the object at `at`, whatever the list positions
/// in place of its `*`s: `matches("/claims/3/awards", ClaimView::AT, ClaimView::AWARDS)`. An
/// empty `key` matches the object itself.
pub(crate) fn matches(path: &str, at: &str, key: &str) -> bool {
    below(path, at, key) == Some("")
}

/// Whether `path` is the entry's own field `key` (`/sources` for [`EntryView::SOURCES`]).
pub(crate) fn is_entry_field(path: &str, key: &str) -> bool {
    matches(path, EntryView::AT, key)
}

/// Whether `path` is the pointer of `key` in the object at `at`, as [`matches`], or a pointer
/// inside it: `within("/claims/0/awards/1/id", AwardView::AT, "")`.
pub(crate) fn within(path: &str, at: &str, key: &str) -> bool {
    below(path, at, key).is_some()
}

/// What `path` has below the pointer of `key` at `at` (`""`, or `/...`), if it starts with it.
fn below<'p>(path: &'p str, at: &str, key: &str) -> Option<&'p str> {
    let mut rest = path;
    for want in at.split('/').skip(1).chain((!key.is_empty()).then_some(key)) {
        rest = rest.strip_prefix('/')?;
        let end = rest.find('/').unwrap_or(rest.len());
        let token = rest.get(..end)?;
        let fits = if want == "*" {
            !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit())
        } else {
            token == want
        };
        if !fits {
            return None;
        }
        rest = rest.get(end..)?;
    }
    Some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key a view reads is a field of the field table, or holds one: a field renamed
    /// there and not here fails this test.
    #[test]
    fn every_key_is_a_field_of_the_field_table() {
        let rows: Vec<String> = crate::fields::FIELDS
            .iter()
            .map(|row| row.pointer.to_owned())
            .collect();
        for (at, keys) in VIEWS {
            for key in *keys {
                let field = format!("{at}/{key}");
                assert!(
                    rows.iter()
                        .any(|row| *row == field || row.starts_with(&format!("{field}/"))),
                    "{field} is not in the field table"
                );
            }
        }
    }

    #[test]
    fn pointers_fill_list_positions_in_order() {
        assert_eq!(pointer(SourceView::AT, &[2], SourceView::TITLE), "/sources/2/title");
        assert_eq!(pointer(AwardView::AT, &[1, 0], AwardView::AS_OF), "/claims/1/awards/0/as_of");
        assert_eq!(pointer(EntryView::AT, &[], EntryView::ID), "/id");
        assert_eq!(pointer(VerificationView::AT, &[], ""), "/verification");
        assert_eq!(pointer(SourceView::AT, &[4], ""), "/sources/4");
    }

    #[test]
    fn a_pointer_matches_its_field_at_any_position() {
        assert!(matches("/sources", EntryView::AT, EntryView::SOURCES));
        assert!(matches("/claims/12/awards", ClaimView::AT, ClaimView::AWARDS));
        assert!(matches("/sources/0", SourceView::AT, ""));
        assert!(!matches("/claims//awards", ClaimView::AT, ClaimView::AWARDS));
        assert!(!matches("/claims/x/awards", ClaimView::AT, ClaimView::AWARDS));
        assert!(!matches("/claims/1/awards/0", ClaimView::AT, ClaimView::AWARDS));
        assert!(!matches("/claims/1", ClaimView::AT, ClaimView::AWARDS));
        assert!(!matches("sources", EntryView::AT, EntryView::SOURCES));
        assert!(!matches("/sources/title", SourceView::AT, ""));
        assert!(!matches("/sourcesx", EntryView::AT, EntryView::SOURCES));
        assert!(within("/claims/0/awards/1/id", AwardView::AT, ""));
        assert!(within("/claims/0/awards/1", AwardView::AT, ""));
        assert!(!within("/claims/0/awards", AwardView::AT, ""));
        assert!(!within("/claims/0/awards/1x/id", AwardView::AT, ""));
    }

    #[test]
    fn a_mistyped_field_reads_as_absent() {
        let (tree, _) = crate::json::parse_doc(
            r#"{"id": 7, "sources": {"a": 1}, "verification": {"status": "verified"}}"#,
        )
        .unwrap();
        let entry = EntryView(&tree);
        assert_eq!(entry.id(), None);
        assert!(entry.sources().is_empty());
        assert_eq!(entry.verification_status(), Some("verified"));
        assert!(entry.boycott().is_none());
    }
}
