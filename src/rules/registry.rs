//! The registry: every rule's code, default severity, scope, entry point, summary and
//! documentation, declared once in [`registry!`]. A finding can only carry a registered code.

// The rule modules, whose functions the rows name.
use super::*;
use super::string_fields::text_lists::{ONE_LINE, PERSONAL_DATA, TRIMMED, WHOLE_NUMBER};
use crate::identity::IdentityKeys;
use crate::json::Node;
use crate::settings::Settings;
use crate::settings::Severity;

/// What a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Scope {
    /// The file itself: its name, kind, size, bytes and syntax (checked while loading).
    File,
    /// One parsed entry.
    Entry,
    /// The whole dataset (cross-entry identity).
    Dataset,
    /// Two revisions of the dataset (`lint --changed-since`).
    History,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::File => "file",
            Scope::Entry => "entry",
            Scope::Dataset => "dataset",
            Scope::History => "history",
        }
    }
}

/// A dataset rule: over every entry's `(file, identity keys)`, the findings for the files the
/// second argument accepts, each with its file.
pub(crate) type DatasetCheck =
    fn(&[(String, IdentityKeys)], &dyn Fn(&str) -> bool) -> Vec<(String, Finding)>;

/// A rule over the values of the fields one field-table list names
/// ([`super::string_fields::text_lists`]): the list, and what is called with each value and
/// its pointer.
#[derive(Clone, Copy)]
pub(crate) struct TextFieldCheck {
    pub list: super::string_fields::Lists,
    pub check: fn(&Node<'_>, &dyn Fn() -> String, &mut Findings),
}

/// Where the pipeline (`crate::lint`) calls a rule. A rule with a function here is called
/// through this row and nowhere else; the others name the one place that runs them.
#[derive(Clone, Copy)]
pub(crate) enum EntryPoint {
    /// While a file's bytes are decoded and parsed (`lint::analyze_entry`): encoding, syntax,
    /// repeated keys, numbers.
    Load,
    /// While the dataset's folder is listed (`dataset::DatasetFiles::discover`): what is not
    /// an entry file.
    Listing,
    /// The JSON Schema, checked before the entry rules (`schema::EntrySchema::check`).
    Schema,
    /// Once per parsed entry ([`super::check_entry`]).
    Entry(fn(&EntryContext<'_>, &mut Findings)),
    /// For each value of the fields its field-table list names, in the one walk of those
    /// fields that [`super::check_entry`] makes.
    TextFields(TextFieldCheck),
    /// Both: once per parsed entry, and for each value of a field-table list (`text-invisible`
    /// reads every string, and the one-line fields for line breaks).
    EntryAndTextFields(fn(&EntryContext<'_>, &mut Findings), TextFieldCheck),
    /// Once over the identity keys of every entry ([`super::check_dataset`]): the entries in
    /// the run and, for `--changed-since` and intake, those that share a key with them.
    Dataset(DatasetCheck),
    /// On the redirect table, after every entry is known (`lint::lint_redirects`).
    Redirects,
    /// On the change between two revisions (`lint --changed-since`, `crate::changed_since`).
    History,
}

impl EntryPoint {
    /// The function called once per parsed entry, if the rule has one.
    pub(crate) const fn entry(self) -> Option<fn(&EntryContext<'_>, &mut Findings)> {
        match self {
            EntryPoint::Entry(check) | EntryPoint::EntryAndTextFields(check, _) => Some(check),
            _ => None,
        }
    }

    /// The check called for each value of a field-table list, if the rule has one.
    pub(crate) const fn text_fields(self) -> Option<TextFieldCheck> {
        match self {
            EntryPoint::TextFields(text) | EntryPoint::EntryAndTextFields(_, text) => Some(text),
            _ => None,
        }
    }
}

impl std::fmt::Debug for EntryPoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            EntryPoint::Load => "Load",
            EntryPoint::Listing => "Listing",
            EntryPoint::Schema => "Schema",
            EntryPoint::Entry(_) => "Entry",
            EntryPoint::TextFields(_) => "TextFields",
            EntryPoint::EntryAndTextFields(..) => "Entry+TextFields",
            EntryPoint::Dataset(_) => "Dataset",
            EntryPoint::Redirects => "Redirects",
            EntryPoint::History => "History",
        })
    }
}

/// One row of the registry.
#[derive(Debug)]
pub struct Rule {
    /// Stable kebab-case code: a public contract.
    pub code: RuleCode,
    pub severity: Severity,
    pub fixable: bool,
    pub scope: Scope,
    /// Where the pipeline calls it.
    pub(crate) entry_point: EntryPoint,
    /// One line for `icelist rules`.
    pub summary: &'static str,
    /// The code in PascalCase (`CitationUnused`): the registry's variant name.
    name: &'static str,
    /// The rule's source file from the repository's root (`src/rules/citation_unused.rs`).
    path: &'static str,
    /// The rule's source file, whose leading `//!` comment is its documentation.
    source: &'static str,
}

impl Rule {
    /// Whether `icelist.toml` may change the rule's severity. `policy-changed` may not: a pull
    /// request that changes the configuration must not be able to silence the rule that
    /// reports the change.
    pub fn configurable(&self) -> bool {
        self.code != RuleCode::PolicyChanged
    }

    /// The code in PascalCase, `citation-unused` → `CitationUnused` (SARIF's `name`: a
    /// readable name that differs from the id).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Where the rule and its documentation live, from the repository's root
    /// (`src/rules/citation_unused.rs`).
    pub fn source_path(&self) -> &'static str {
        self.path
    }

    /// What the rule catches and why it matters: those two sections of the documentation as
    /// plain paragraphs, the lines of each joined again (a list item keeps its own line).
    pub fn description(&self) -> String {
        let doc = self.documentation();
        let mut paragraphs: Vec<String> = Vec::new();
        for heading in ["## What it catches", "## Why it matters"] {
            let Some((_, rest)) = doc.split_once(heading) else {
                continue;
            };
            let section = rest.split("\n## ").next().unwrap_or_default();
            for block in section.split("\n\n") {
                let mut paragraph = String::new();
                for line in block.lines().map(str::trim).filter(|l| !l.is_empty()) {
                    if !paragraph.is_empty() {
                        paragraph.push(if line.starts_with("- ") { '\n' } else { ' ' });
                    }
                    paragraph.push_str(line);
                }
                if !paragraph.is_empty() {
                    paragraphs.push(paragraph);
                }
            }
        }
        paragraphs.join("\n\n")
    }

    /// The rule's documentation: the leading `//!` comment of its file, as Markdown.
    pub fn documentation(&self) -> String {
        let mut doc = String::new();
        for line in self.source.lines() {
            let Some(rest) = line.strip_prefix("//!") else {
                break;
            };
            doc.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            doc.push('\n');
        }
        doc
    }
}

/// Declares every rule once: the [`RuleCode`] enum (a finding can only carry a registered
/// code), its strings, and the [`RULES`] table. Adding a rule is adding a file and a row.
macro_rules! registry {
    ($($module:ident, $variant:ident, $code:literal, $severity:ident, $fixable:literal, $scope:ident, $entry_point:expr, $summary:literal;)+) => {
        /// A registered rule's code. Serializes and prints as its stable kebab-case string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum RuleCode {
            $($variant,)+
        }

        impl RuleCode {
            /// The stable kebab-case code: a public contract.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(RuleCode::$variant => $code,)+
                }
            }

            /// The code a string names, if it is registered.
            pub fn parse(code: &str) -> Option<Self> {
                match code {
                    $($code => Some(RuleCode::$variant),)+
                    _ => None,
                }
            }
        }

        /// Every rule, in the order `icelist rules` lists them.
        pub const RULES: &[Rule] = &[
            $(Rule {
                code: RuleCode::$variant,
                severity: Severity::$severity,
                fixable: $fixable,
                scope: Scope::$scope,
                entry_point: $entry_point,
                summary: $summary,
                name: stringify!($variant),
                path: concat!("src/rules/", stringify!($module), ".rs"),
                source: include_str!(concat!(stringify!($module), ".rs")),
            },)+
        ];

        /// Calls every row's entry function, in the registry's order. Generated from the rows
        /// rather than a loop over [`RULES`]: each call is to a known function, which the
        /// compiler can inline (through a loop of function pointers, a full lint took 2% more
        /// time).
        pub(crate) fn run_entry_rules(ctx: &EntryContext<'_>, out: &mut Findings) {
            $(
                if let Some(check) = $entry_point.entry() {
                    check(ctx, out);
                }
            )+
        }

        /// Calls every row's text-field check whose list holds the value (`lists`: the bits of
        /// the lists that name the field), in the registry's order; generated for the same
        /// reason.
        pub(crate) fn run_text_field_rules(
            node: &Node<'_>,
            lists: super::string_fields::Lists,
            pointer: &dyn Fn() -> String,
            out: &mut Findings,
        ) {
            $(
                if let Some(text) = $entry_point.text_fields()
                    && lists & text.list != 0
                {
                    (text.check)(node, pointer, out);
                }
            )+
        }
    };
}

registry! {
    json_syntax, JsonSyntax, "json-syntax", Error, false, File, EntryPoint::Load, "The file is not valid JSON.";
    json_encoding, JsonEncoding, "json-encoding", Error, false, File, EntryPoint::Load, "The file is not UTF-8 without a byte order mark.";
    json_duplicate_key, JsonDuplicateKey, "json-duplicate-key", Error, false, File, EntryPoint::Load, "An object repeats a key.";
    json_number, JsonNumber, "json-number", Error, false, File, EntryPoint::Load, "A number would change when read as a double.";
    file_name, FileName, "file-name", Error, false, File, EntryPoint::Entry(file_name::check), "A file name is not `<id>.json` for the entry's id.";
    file_type, FileType, "file-type", Error, false, File, EntryPoint::Listing, "Something under dataset/ is not a plain JSON file.";
    file_size, FileSize, "file-size", Error, false, File, EntryPoint::Listing, "A file is larger than the size limit.";
    schema, Schema, "schema", Error, false, Entry, EntryPoint::Schema, "The entry does not match the JSON Schema.";
    citation_undefined, CitationUndefined, "citation-undefined", Error, false, Entry, EntryPoint::Entry(citation_undefined::check), "A marker [n] points at no source.";
    citation_unused, CitationUnused, "citation-unused", Error, false, Entry, EntryPoint::Entry(citation_unused::check), "A source is never cited.";
    citation_numbering, CitationNumbering, "citation-numbering", Error, true, Entry, EntryPoint::Entry(citation_numbering::check), "Source ids are not exactly 1..N in list order.";
    citation_order, CitationOrder, "citation-order", Error, true, Entry, EntryPoint::Entry(citation_order::check), "Sources are not numbered in order of first citation.";
    citation_malformed, CitationMalformed, "citation-malformed", Error, false, Entry, EntryPoint::Entry(citation_malformed::check), "Text that is a broken citation marker.";
    source_duplicate, SourceDuplicate, "source-duplicate", Error, false, Entry, EntryPoint::Entry(source_duplicate::check), "Two sources are the same document.";
    source_url_missing, SourceUrlMissing, "source-url-missing", Warning, false, Entry, EntryPoint::Entry(source_url_missing::check), "A source has no URL.";
    url_invalid, UrlInvalid, "url-invalid", Error, false, Entry, EntryPoint::Entry(url_invalid::check), "A URL is not a plain http(s) URL with a host.";
    verification_sources, VerificationSources, "verification-sources", Error, false, Entry, EntryPoint::Entry(verification_sources::check), "A verified entry lacks two independent publishers.";
    verification_date, VerificationDate, "verification-date", Error, false, Entry, EntryPoint::Entry(verification_date::check), "The verification date is in the future.";
    verification_undated, VerificationUndated, "verification-undated", Warning, false, Entry, EntryPoint::Entry(verification_undated::check), "A verified entry has no verification date.";
    verification_stale, VerificationStale, "verification-stale", Warning, false, Entry, EntryPoint::Entry(verification_stale::check), "The last verification is older than allowed.";
    verification_notes, VerificationNotes, "verification-notes", Error, false, Entry, EntryPoint::Entry(verification_notes::check), "A partially verified entry does not say what is verified.";
    text_invisible, TextInvisible, "text-invisible", Error, false, Entry, EntryPoint::EntryAndTextFields(text_invisible::check, TextFieldCheck { list: ONE_LINE, check: text_invisible::check_line }), "A string holds invisible or control characters.";
    text_whitespace, TextWhitespace, "text-whitespace", Error, true, Entry, EntryPoint::TextFields(TextFieldCheck { list: TRIMMED, check: text_whitespace::check_text }), "A name, title or publisher starts or ends with whitespace.";
    integer_literal, IntegerLiteral, "integer-literal", Error, true, Entry, EntryPoint::TextFields(TextFieldCheck { list: WHOLE_NUMBER, check: integer_literal::check_value }), "A whole-number field is written with a decimal point or an exponent.";
    name_not_nfc, NameNotNfc, "name-not-nfc", Error, false, Entry, EntryPoint::Entry(name_not_nfc::check), "A name or alias is not in Unicode NFC.";
    name_mixed_script, NameMixedScript, "name-mixed-script", Warning, false, Entry, EntryPoint::Entry(name_mixed_script::check), "A name mixes scripts (a possible look-alike).";
    entry_placeholder, EntryPlaceholder, "entry-placeholder", Error, false, Entry, EntryPoint::Entry(entry_placeholder::check), "A placeholder from `icelist new` is still there.";
    quote_invalid, QuoteInvalid, "quote-invalid", Error, false, Entry, EntryPoint::Entry(quote_invalid::check), "A source's quote is empty, too long, or repeated.";
    personal_data, PersonalData, "personal-data", Error, false, Entry, EntryPoint::TextFields(TextFieldCheck { list: PERSONAL_DATA, check: personal_data::check_text }), "Text holds a private person's e-mail address, phone number or street address.";
    domain_invalid, DomainInvalid, "domain-invalid", Error, false, Entry, EntryPoint::Entry(domain_invalid::check), "A domain is not an exact, registrable host name.";
    entry_duplicate, EntryDuplicate, "entry-duplicate", Error, false, Dataset, EntryPoint::Dataset(entry_duplicate::check), "Two entries are the same company.";
    citation_missing, CitationMissing, "citation-missing", Warning, false, Entry, EntryPoint::Entry(citation_missing::check), "A paragraph of a section carries no citation marker.";
    claim_unsourced, ClaimUnsourced, "claim-unsourced", Error, false, Entry, EntryPoint::Entry(claim_unsourced::check), "A claim's summary cites no source.";
    claim_period_invalid, ClaimPeriodInvalid, "claim-period-invalid", Error, false, Entry, EntryPoint::Entry(claim_period_invalid::check), "A claim's period ends before it begins, lies in the future, or is missing the end of an ended claim.";
    claim_agency_unlisted, ClaimAgencyUnlisted, "claim-agency-unlisted", Warning, false, Entry, EntryPoint::Entry(claim_agency_unlisted::check), "A claim's agency is not in boycott.agencies, or a listed agency has no claim.";
    claim_evidence_weak, ClaimEvidenceWeak, "claim-evidence-weak", Warning, false, Entry, EntryPoint::Entry(claim_evidence_weak::check), "A claim's best evidence is in the tier `other`.";
    boycott_unsupported, BoycottUnsupported, "boycott-unsupported", Warning, false, Entry, EntryPoint::Entry(boycott_unsupported::check), "A listed entry has no claim, or every claim has ended.";
    identifier_invalid, IdentifierInvalid, "identifier-invalid", Error, false, Entry, EntryPoint::Entry(identifier_invalid::check), "An identifier breaks its issuer's grammar (LEI check digits, UEI, CAGE, CIK, OpenCorporates).";
    award_invalid, AwardInvalid, "award-invalid", Error, false, Entry, EntryPoint::Entry(award_invalid::check), "An award id breaks USAspending's grammar, an award is listed twice, or it has facts without `as_of`.";
    award_unchecked, AwardUnchecked, "award-unchecked", Warning, false, Entry, EntryPoint::Entry(award_unchecked::check), "An award's record was never read, or was read longer ago than `award_max_age_days`.";
    response_invalid, ResponseInvalid, "response-invalid", Error, false, Entry, EntryPoint::Entry(response_invalid::check), "A response repeats an id, a dispute names no response, a no-reply comes without or too soon after a contact, a contact has a link, or a reply cites nothing.";
    domain_duplicate, DomainDuplicate, "domain-duplicate", Error, false, Dataset, EntryPoint::Dataset(domain_duplicate::check), "Two entries list the same domain.";
    redirect_invalid, RedirectInvalid, "redirect-invalid", Error, false, Dataset, EntryPoint::Redirects, "The redirect table breaks its schema, or a redirect points at no entry, at another redirect or from an id that is still an entry.";
    entry_removed, EntryRemoved, "entry-removed", Error, false, History, EntryPoint::History, "An entry was deleted instead of delisted.";
    id_changed, IdChanged, "id-changed", Error, false, History, EntryPoint::History, "An entry's id or file name changed.";
    schema_breaking, SchemaBreaking, "schema-breaking", Error, false, History, EntryPoint::History, "A breaking schema change keeps the schema's major version.";
    policy_changed, PolicyChanged, "policy-changed", Error, false, History, EntryPoint::History, "A change to icelist.toml, schema/ or .github/ needs a maintainer's approval.";
    verification_changed, VerificationChanged, "verification-changed", Error, false, History, EntryPoint::History, "An entry becomes verified, or its verification date changes, without a maintainer's approval.";
    redirect_added, RedirectAdded, "redirect-added", Error, false, History, EntryPoint::History, "A redirect (a merge or a rename) is added or changed without a maintainer's approval, or a redirect is removed.";
}

impl RuleCode {
    /// The rule's row in the registry.
    pub fn rule(self) -> &'static Rule {
        // Every code has its row: both come from one list in `registry!`.
        &RULES[RULES.iter().position(|r| r.code == self).unwrap_or(0)]
    }
}

impl std::fmt::Display for RuleCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `pad`, so that widths (`{:<22}` in `icelist rules`) apply.
        f.pad(self.as_str())
    }
}

impl serde::Serialize for RuleCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl PartialEq<&str> for RuleCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Settings {
    /// The severity a rule reports at in this run, or `None` if it is off.
    pub fn severity(&self, code: RuleCode) -> Option<Severity> {
        match self.override_for(code.as_str()) {
            Some(level) => level,
            None => Some(code.rule().severity),
        }
    }
}

/// The rule a code string names.
pub fn rule(code: &str) -> Option<&'static Rule> {
    RuleCode::parse(code).map(RuleCode::rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_documentation_under_the_fixed_headings() {
        for rule in RULES {
            let doc = rule.documentation();
            for heading in [
                "## What it catches",
                "## Why it matters",
                "## Example",
                "## Use instead",
            ] {
                assert!(doc.contains(heading), "{} lacks {heading}", rule.code);
            }
        }
    }

    /// Each list of the text-field walk is read by exactly one rule's row, and each row's
    /// check fires through the walk: a list no row reads would be walked for nothing, and a
    /// check the walk never calls would be a rule that never reports.
    #[test]
    fn every_text_field_list_has_its_rule_and_the_walk_calls_it() {
        use super::super::string_fields::text_lists::{
            ONE_LINE, PERSONAL_DATA, TRIMMED, WHOLE_NUMBER,
        };
        let readers = |list| {
            RULES
                .iter()
                .filter(|rule| rule.entry_point.text_fields().is_some_and(|t| t.list == list))
                .map(|rule| rule.code)
                .collect::<Vec<_>>()
        };
        for (bit, list) in super::super::string_fields::text_lists::ALL.into_iter().enumerate() {
            assert_eq!(list, 1 << bit, "the lists are the bits in order");
            assert_eq!(readers(list).len(), 1, "list {list:#b}");
        }
        assert_eq!(readers(ONE_LINE), [RuleCode::TextInvisible]);
        assert_eq!(readers(TRIMMED), [RuleCode::TextWhitespace]);
        assert_eq!(readers(WHOLE_NUMBER), [RuleCode::IntegerLiteral]);
        assert_eq!(readers(PERSONAL_DATA), [RuleCode::PersonalData]);
        // One entry that trips each list's rule once, linted through the walk.
        let text = r#"{"name": " Acme\nWidgets", "industry": ["Write to jane.doe@example.com"], "founded": 1.999e3}"#;
        let (tree, _) = crate::json::parse_doc(text).unwrap();
        let settings =
            crate::settings::Settings::new(crate::config::parse_date("2026-06-01").unwrap());
        let ctx = EntryContext::new(&tree, text, "acme-widgets", &settings);
        let mut out = Findings::default();
        super::super::check_text_fields(&ctx, &mut out);
        let mut fired: Vec<RuleCode> = out.iter().map(|f| f.code).collect();
        fired.sort();
        fired.dedup();
        let mut expected: Vec<RuleCode> = RULES
            .iter()
            .filter(|rule| rule.entry_point.text_fields().is_some())
            .map(|rule| rule.code)
            .collect();
        expected.sort();
        assert_eq!(fired, expected);
    }

    /// A rule is called where its scope says it looks: an entry rule on the parsed entry, a
    /// dataset rule on every entry's keys, a history rule on a change.
    #[test]
    fn every_entry_point_fits_its_scope() {
        for rule in RULES {
            let fits = match rule.scope {
                Scope::File => matches!(
                    rule.entry_point,
                    EntryPoint::Load | EntryPoint::Listing | EntryPoint::Entry(_)
                ),
                Scope::Entry => matches!(
                    rule.entry_point,
                    EntryPoint::Schema
                        | EntryPoint::Entry(_)
                        | EntryPoint::TextFields(_)
                        | EntryPoint::EntryAndTextFields(..)
                ),
                Scope::Dataset => {
                    matches!(rule.entry_point, EntryPoint::Dataset(_) | EntryPoint::Redirects)
                }
                Scope::History => matches!(rule.entry_point, EntryPoint::History),
            };
            assert!(fits, "{}: {:?} in scope {}", rule.code, rule.entry_point, rule.scope.as_str());
        }
    }

    #[test]
    fn codes_are_unique_and_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for rule in RULES {
            assert!(seen.insert(rule.code.as_str()), "{} twice", rule.code);
            assert!(
                rule.code
                    .as_str()
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-')
            );
            assert_eq!(RuleCode::parse(rule.code.as_str()), Some(rule.code));
            assert_eq!(rule.code.rule().summary, rule.summary);
            let pascal: String = rule
                .code
                .as_str()
                .split('-')
                .map(|word| word[..1].to_ascii_uppercase() + &word[1..])
                .collect();
            assert_eq!(rule.name(), pascal);
            assert!(
                rule.source_path()
                    .ends_with(&format!("/{}.rs", rule.code.as_str().replace('-', "_")))
            );
        }
    }
}
