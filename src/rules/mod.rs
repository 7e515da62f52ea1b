//! The rules: one file each, one row each in [`RULES`].
//!
//! Every rule file starts with a doc comment under fixed headings (What it catches / Why it
//! matters / Example / Use instead / Fix). That text is what `icelist explain CODE` prints and
//! what SARIF carries as the rule's help, so it is written once, beside the check.

use crate::json::Node;
use crate::json::Target;
use crate::settings::Settings;
use crate::settings::Severity;

pub(crate) mod award_invalid;
pub(crate) mod award_unchecked;
pub(crate) mod redirect_added;
pub(crate) mod redirect_invalid;
pub(crate) mod response_invalid;
pub(crate) mod boycott_unsupported;
pub(crate) mod citation_malformed;
pub(crate) mod citation_missing;
pub(crate) mod citation_numbering;
pub(crate) mod citation_order;
pub(crate) mod citation_undefined;
pub(crate) mod citation_unused;
pub(crate) mod citations;
pub(crate) mod claim_agency_unlisted;
pub(crate) mod claim_evidence_weak;
pub(crate) mod claim_period_invalid;
pub(crate) mod claim_unsourced;
pub(crate) mod domain_duplicate;
pub(crate) mod domain_invalid;
pub(crate) mod entry_duplicate;
pub mod evidence;
pub(crate) mod entry_placeholder;
pub(crate) mod entry_removed;
pub(crate) mod file_name;
pub(crate) mod file_size;
pub(crate) mod file_type;
pub(crate) mod id_changed;
pub(crate) mod identifier_invalid;
pub(crate) mod integer_literal;
pub(crate) mod json_duplicate_key;
pub(crate) mod json_encoding;
pub(crate) mod json_number;
pub(crate) mod json_syntax;
pub(crate) mod name_mixed_script;
pub(crate) mod name_not_nfc;
pub(crate) mod personal_data;
pub(crate) mod policy_changed;
pub(crate) mod quote_invalid;
pub mod schema;
pub(crate) mod schema_breaking;
mod schema_patterns;
pub(crate) mod source_duplicate;
pub(crate) mod source_url_missing;
pub(crate) mod string_fields;
pub(crate) mod text_invisible;
pub(crate) mod text_whitespace;
pub(crate) mod url_invalid;
pub(crate) mod verification_changed;
pub(crate) mod verification_date;
pub(crate) mod verification_notes;
pub(crate) mod verification_sources;
pub(crate) mod verification_stale;
pub(crate) mod verification_undated;

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

/// One row of the registry.
#[derive(Debug)]
pub struct Rule {
    /// Stable kebab-case code: a public contract.
    pub code: RuleCode,
    pub severity: Severity,
    pub fixable: bool,
    pub scope: Scope,
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
        self.code != policy_changed::CODE
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
    ($($module:ident, $variant:ident, $code:literal, $severity:ident, $fixable:literal, $scope:ident, $summary:literal;)+) => {
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
                summary: $summary,
                name: stringify!($variant),
                path: concat!("src/rules/", stringify!($module), ".rs"),
                source: include_str!(concat!(stringify!($module), ".rs")),
            },)+
        ];
    };
}

registry! {
    json_syntax, JsonSyntax, "json-syntax", Error, false, File, "The file is not valid JSON.";
    json_encoding, JsonEncoding, "json-encoding", Error, false, File, "The file is not UTF-8 without a byte order mark.";
    json_duplicate_key, JsonDuplicateKey, "json-duplicate-key", Error, false, File, "An object repeats a key.";
    json_number, JsonNumber, "json-number", Error, false, File, "A number would change when read as a double.";
    file_name, FileName, "file-name", Error, false, File, "A file name is not `<id>.json` for the entry's id.";
    file_type, FileType, "file-type", Error, false, File, "Something under dataset/ is not a plain JSON file.";
    file_size, FileSize, "file-size", Error, false, File, "A file is larger than the size limit.";
    schema, Schema, "schema", Error, false, Entry, "The entry does not match the JSON Schema.";
    citation_undefined, CitationUndefined, "citation-undefined", Error, false, Entry, "A marker [n] points at no source.";
    citation_unused, CitationUnused, "citation-unused", Error, false, Entry, "A source is never cited.";
    citation_numbering, CitationNumbering, "citation-numbering", Error, true, Entry, "Source ids are not exactly 1..N in list order.";
    citation_order, CitationOrder, "citation-order", Error, true, Entry, "Sources are not numbered in order of first citation.";
    citation_malformed, CitationMalformed, "citation-malformed", Error, false, Entry, "Text that is a broken citation marker.";
    source_duplicate, SourceDuplicate, "source-duplicate", Error, false, Entry, "Two sources are the same document.";
    source_url_missing, SourceUrlMissing, "source-url-missing", Warning, false, Entry, "A source has no URL.";
    url_invalid, UrlInvalid, "url-invalid", Error, false, Entry, "A URL is not a plain http(s) URL with a host.";
    verification_sources, VerificationSources, "verification-sources", Error, false, Entry, "A verified entry lacks two independent publishers.";
    verification_date, VerificationDate, "verification-date", Error, false, Entry, "The verification date is in the future.";
    verification_undated, VerificationUndated, "verification-undated", Warning, false, Entry, "A verified entry has no verification date.";
    verification_stale, VerificationStale, "verification-stale", Warning, false, Entry, "The last verification is older than allowed.";
    verification_notes, VerificationNotes, "verification-notes", Error, false, Entry, "A partially verified entry does not say what is verified.";
    text_invisible, TextInvisible, "text-invisible", Error, false, Entry, "A string holds invisible or control characters.";
    text_whitespace, TextWhitespace, "text-whitespace", Error, true, Entry, "A name, title or publisher starts or ends with whitespace.";
    integer_literal, IntegerLiteral, "integer-literal", Error, true, Entry, "A whole-number field is written with a decimal point or an exponent.";
    name_not_nfc, NameNotNfc, "name-not-nfc", Error, false, Entry, "A name or alias is not in Unicode NFC.";
    name_mixed_script, NameMixedScript, "name-mixed-script", Warning, false, Entry, "A name mixes scripts (a possible look-alike).";
    entry_placeholder, EntryPlaceholder, "entry-placeholder", Error, false, Entry, "A placeholder from `icelist new` is still there.";
    quote_invalid, QuoteInvalid, "quote-invalid", Error, false, Entry, "A source's quote is empty, too long, or repeated.";
    personal_data, PersonalData, "personal-data", Error, false, Entry, "Text holds a private person's e-mail address, phone number or street address.";
    domain_invalid, DomainInvalid, "domain-invalid", Error, false, Entry, "A domain is not an exact, registrable host name.";
    entry_duplicate, EntryDuplicate, "entry-duplicate", Error, false, Dataset, "Two entries are the same company.";
    citation_missing, CitationMissing, "citation-missing", Warning, false, Entry, "A paragraph of a section carries no citation marker.";
    claim_unsourced, ClaimUnsourced, "claim-unsourced", Error, false, Entry, "A claim's summary cites no source.";
    claim_period_invalid, ClaimPeriodInvalid, "claim-period-invalid", Error, false, Entry, "A claim's period ends before it begins, lies in the future, or is missing the end of an ended claim.";
    claim_agency_unlisted, ClaimAgencyUnlisted, "claim-agency-unlisted", Warning, false, Entry, "A claim's agency is not in boycott.agencies, or a listed agency has no claim.";
    claim_evidence_weak, ClaimEvidenceWeak, "claim-evidence-weak", Warning, false, Entry, "A claim's best evidence is in the tier `other`.";
    boycott_unsupported, BoycottUnsupported, "boycott-unsupported", Warning, false, Entry, "A listed entry has no claim, or every claim has ended.";
    identifier_invalid, IdentifierInvalid, "identifier-invalid", Error, false, Entry, "An identifier breaks its issuer's grammar (LEI check digits, UEI, CAGE, CIK, OpenCorporates).";
    award_invalid, AwardInvalid, "award-invalid", Error, false, Entry, "An award id breaks USAspending's grammar, an award is listed twice, or it has facts without `as_of`.";
    award_unchecked, AwardUnchecked, "award-unchecked", Warning, false, Entry, "An award's record was never read, or was read longer ago than `award_max_age_days`.";
    response_invalid, ResponseInvalid, "response-invalid", Error, false, Entry, "A response repeats an id, a dispute names no response, a no-reply comes without or too soon after a contact, a contact has a link, or a reply cites nothing.";
    domain_duplicate, DomainDuplicate, "domain-duplicate", Error, false, Dataset, "Two entries list the same domain.";
    redirect_invalid, RedirectInvalid, "redirect-invalid", Error, false, Dataset, "The redirect table breaks its schema, or a redirect points at no entry, at another redirect or from an id that is still an entry.";
    entry_removed, EntryRemoved, "entry-removed", Error, false, History, "An entry was deleted instead of delisted.";
    id_changed, IdChanged, "id-changed", Error, false, History, "An entry's id or file name changed.";
    schema_breaking, SchemaBreaking, "schema-breaking", Error, false, History, "A breaking schema change keeps the schema's major version.";
    policy_changed, PolicyChanged, "policy-changed", Error, false, History, "A change to icelist.toml, schema/ or .github/ needs a maintainer's approval.";
    verification_changed, VerificationChanged, "verification-changed", Error, false, History, "An entry becomes verified, or its verification date changes, without a maintainer's approval.";
    redirect_added, RedirectAdded, "redirect-added", Error, false, History, "A redirect (a merge or a rename) is added or changed without a maintainer's approval, or a redirect is removed.";
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

/// A finding before it is placed in a file: rules name places by JSON Pointer.
#[derive(Debug, Clone)]
pub struct Finding {
    pub code: RuleCode,
    /// The mechanical repair `--fix` applies, if the rule offers one for this finding.
    pub fix: Option<Fix>,
    pub message: String,
    pub help: Option<String>,
    pub target: Target,
    pub label: String,
    pub related: Vec<RelatedFinding>,
    /// A finding its rule reports as less serious than its other findings (`personal-data`:
    /// an e-mail address is an error, something that reads as a street address a warning):
    /// the configured severity, lowered to this.
    pub at_most: Option<Severity>,
}

impl Finding {
    pub fn new(code: RuleCode, target: Target, message: impl Into<String>) -> Self {
        Finding {
            code,
            at_most: None,
            fix: None,
            message: message.into(),
            help: None,
            target,
            label: String::new(),
            related: Vec::new(),
        }
    }

    /// Offers a mechanical repair for this finding.
    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub(crate) fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub(crate) fn related(
        mut self,
        file: Option<String>,
        target: Target,
        message: impl Into<String>,
    ) -> Self {
        self.related.push(RelatedFinding {
            file,
            target,
            message: message.into(),
        });
        self
    }
}

/// How many findings of one rule in one file are listed. The next place holds one finding
/// that says how many more there are; the rest are counted, not listed, so a file with a
/// million broken markers cannot make a report (or a CI log) a million entries long.
pub(crate) const SHOWN_PER_RULE_AND_FILE: usize = 100;

/// The findings of one file as rules report them. Past
/// [`SHOWN_PER_RULE_AND_FILE`] + 1 of one rule, findings are counted and
/// dropped at once, so a file with a million broken markers costs a count, not a million
/// findings in memory.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    kept: Vec<Finding>,
    /// Findings per code, kept or not, in first-seen order (a file has a handful of codes).
    totals: Vec<(RuleCode, usize)>,
}

impl Findings {
    pub fn push(&mut self, finding: Finding) {
        let total = match self
            .totals
            .iter_mut()
            .find(|(code, _)| *code == finding.code)
        {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                self.totals.push((finding.code, 1));
                1
            }
        };
        if total <= SHOWN_PER_RULE_AND_FILE + 1 {
            self.kept.push(finding);
        }
    }

    pub(crate) fn extend(&mut self, findings: impl IntoIterator<Item = Finding>) {
        for finding in findings {
            self.push(finding);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Finding> {
        self.kept.iter()
    }

    /// The kept findings in the order reported, and the totals per code.
    pub(crate) fn into_parts(self) -> (Vec<Finding>, Vec<(RuleCode, usize)>) {
        (self.kept, self.totals)
    }
}

impl From<Vec<Finding>> for Findings {
    fn from(findings: Vec<Finding>) -> Self {
        let mut out = Findings::default();
        out.extend(findings);
        out
    }
}

/// A mechanical repair that `icelist lint --fix` applies to the file of the finding that offers
/// it (see `crate::fix`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Fix {
    /// Renumber sources 1..N by first citation and rewrite every marker to match.
    RenumberSources,
    /// Trim leading and trailing whitespace at the names, titles and publishers.
    TrimWhitespace,
    /// Write whole numbers at integer fields as integer literals.
    IntegerLiterals,
}

/// A secondary place: in the same file (`file: None`) or in another entry's file.
#[derive(Debug, Clone)]
pub struct RelatedFinding {
    pub file: Option<String>,
    pub target: Target,
    pub message: String,
}

/// What an entry rule sees.
pub(crate) struct EntryContext<'a> {
    pub value: &'a Node<'a>,
    /// The file's stem (what `id` must equal).
    pub file_stem: &'a str,
    pub settings: &'a Settings,
    /// The JSON text the entry was parsed from (empty for entries built in memory).
    text: &'a str,
    source_facts: std::cell::OnceCell<Vec<SourceFacts>>,
}

/// What several rules need to know about each source, worked out once per entry: parsing a
/// URL and folding a title are the costliest steps of a lint (the profile says so). Keys are
/// kept as prints (hashes) so that no key is built per source: rules that find two equal
/// prints confirm on the keys themselves ([`SourceFacts::same_url`], [`SourceFacts::same_title`]).
#[derive(Debug, Default)]
pub(crate) struct SourceFacts {
    /// Why `url` is not a usable link, if it is not.
    pub url_problem: Option<&'static str>,
    /// Print of the normalized URL (see [`crate::identity::normalized_url`]).
    pub url_print: Option<u64>,
    /// Print of the title and publisher keys, when the source has both.
    pub title_print: Option<u64>,
    /// Print of the publisher's key, when it is not empty.
    pub publisher_print: Option<u64>,
}

impl SourceFacts {
    fn of(source: &Node<'_>, buffer: &mut String) -> Self {
        let text = |name: &str| source.get(name).and_then(Node::as_str);
        let (url_problem, url_print) = match text("url") {
            Some(raw) if let Some(plain) = url_invalid::PlainLink::of(raw) => {
                (None, Some(plain.print()))
            }
            Some(raw) => match url_invalid::parse_link(raw) {
                Ok(url) => (None, crate::identity::normalized_url_print(&url)),
                Err(problem) => (
                    Some(problem),
                    crate::identity::normalized_url(raw)
                        .map(|k| crate::identity::print([k.as_str()])),
                ),
            },
            None => (None, None),
        };
        let key_print = |text: &str, buffer: &mut String| {
            crate::text::comparison_key_into(text, buffer);
            (crate::identity::quick_print(&*buffer), buffer.is_empty())
        };
        let publisher = text("publisher").map(|p| key_print(p, buffer));
        let title_print = match (text("title"), publisher) {
            (Some(title), Some((publisher, _))) => Some(crate::identity::quick_print((
                key_print(title, buffer).0,
                publisher,
            ))),
            _ => None,
        };
        SourceFacts {
            url_problem,
            url_print,
            title_print,
            publisher_print: publisher.and_then(|(print, empty)| (!empty).then_some(print)),
        }
    }

    /// Whether two sources' URLs normalize to the same document (prints first, then keys).
    pub(crate) fn same_url(a: (&Self, &Node<'_>), b: (&Self, &Node<'_>)) -> bool {
        let key = |source: &Node<'_>| {
            source
                .get("url")
                .and_then(Node::as_str)
                .and_then(crate::identity::normalized_url)
        };
        a.0.url_print.is_some() && a.0.url_print == b.0.url_print && key(a.1) == key(b.1)
    }

    /// Whether two sources have the same title and publisher (prints first, then keys).
    pub(crate) fn same_title(a: (&Self, &Node<'_>), b: (&Self, &Node<'_>)) -> bool {
        let key = |source: &Node<'_>| {
            let text = |name: &str| source.get(name).and_then(Node::as_str);
            Some(crate::identity::title_publisher_key(
                text("title")?,
                text("publisher")?,
            ))
        };
        a.0.title_print.is_some() && a.0.title_print == b.0.title_print && key(a.1) == key(b.1)
    }
}

impl<'a> EntryContext<'a> {
    pub fn new(
        value: &'a Node<'a>,
        text: &'a str,
        file_stem: &'a str,
        settings: &'a Settings,
    ) -> Self {
        EntryContext {
            value,
            file_stem,
            settings,
            text,
            source_facts: std::cell::OnceCell::new(),
        }
    }

    /// One [`SourceFacts`] per element of `sources`, in order.
    pub(crate) fn source_facts(&self) -> &[SourceFacts] {
        self.source_facts.get_or_init(|| {
            let mut buffer = String::new();
            self.sources()
                .iter()
                .map(|source| SourceFacts::of(source, &mut buffer))
                .collect()
        })
    }

    pub fn sources(&self) -> &'a [Node<'a>] {
        self.value
            .get("sources")
            .and_then(Node::as_array)
            .unwrap_or(&[])
    }

    pub(crate) fn str_at(&self, pointer: &str) -> Option<&'a str> {
        self.value.pointer(pointer).and_then(Node::as_str)
    }

    /// Whether some key or string could hold a character other than printable ASCII and
    /// `\n`. `false` is a proof read off the JSON text without a walk: the text is ASCII
    /// without DEL (it parsed, so its other control bytes are whitespace between tokens: JSON
    /// forbids them raw inside strings) and no escape other than `\"`, `\\`, `\/` and `\n`
    /// appears in it. Entries built in memory have no text and are always walked.
    pub(crate) fn may_hold_non_ascii_text(&self) -> bool {
        self.text.is_empty()
            || !self.text.is_ascii()
            || memchr::memchr(0x7f, self.text.as_bytes()).is_some()
            || escapes(self.text).any(|e| !matches!(e, b'"' | b'\\' | b'/' | b'n'))
    }

    /// Whether some string could start with the ASCII prefix that `quoted_prefix` finds with
    /// its opening quote (`"TODO`): it appears right after a quote, or an escape could spell
    /// it. `false` is a proof read off the JSON text. The caller keeps the finder: building
    /// one per entry was measurable.
    pub(crate) fn may_hold_string_starting_with(
        &self,
        quoted_prefix: &memchr::memmem::Finder<'_>,
    ) -> bool {
        self.text.is_empty()
            || quoted_prefix.find(self.text.as_bytes()).is_some()
            || escapes(self.text).any(|e| e == b'u')
    }
}

/// The character after each backslash escape of a JSON text (`u` for `\u0041`).
fn escapes(text: &str) -> impl Iterator<Item = u8> + '_ {
    let bytes = text.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + memchr::memchr(b'\\', bytes.get(from..)?)?;
        let escaped = *bytes.get(at + 1)?;
        from = at + 2;
        Some(escaped)
    })
}

/// The sets and maps the rules fill per entry: keyed by numbers an entry chooses (source and
/// marker numbers, prints), so SipHash's strength against chosen keys buys nothing that
/// foldhash's per-process seed does not, and SipHash was several percent of a full lint.
pub(crate) type FastSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
/// See [`FastSet`].
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// Runs every entry rule over one entry.
pub(crate) fn check_entry(ctx: &EntryContext<'_>, out: &mut Findings) {
    file_name::check(ctx, out);
    let citation_index = citations::CitationIndex::new(ctx.value);
    let sources = ctx.sources();
    let mut source_ids = FastSet::with_capacity_and_hasher(sources.len(), Default::default());
    source_ids.extend(
        sources
            .iter()
            .filter_map(|s| s.get("id").and_then(Node::as_u64)),
    );
    citation_undefined::check(&citation_index, &source_ids, out);
    citation_unused::check(ctx, &citation_index, out);
    citation_malformed::check(&citation_index, out);
    let numbering_ok = citation_numbering::check(ctx, out);
    if numbering_ok {
        citation_order::check(ctx, &citation_index, out);
    }
    source_duplicate::check(ctx, out);
    source_url_missing::check(ctx, out);
    url_invalid::check(ctx, out);
    verification_sources::check(ctx, out);
    verification_date::check(ctx, out);
    verification_undated::check(ctx, out);
    verification_stale::check(ctx, out);
    verification_notes::check(ctx, out);
    text_invisible::check(ctx, out);
    check_text_fields(ctx, out);
    name_not_nfc::check(ctx, out);
    name_mixed_script::check(ctx, out);
    entry_placeholder::check(ctx, out);
    quote_invalid::check(ctx, out);
    domain_invalid::check(ctx, out);
    citation_missing::check(ctx, &citation_index, out);
    claim_unsourced::check(ctx, out);
    claim_period_invalid::check(ctx, out);
    claim_agency_unlisted::check(ctx, out);
    claim_evidence_weak::check(ctx, out);
    boycott_unsupported::check(ctx, out);
    identifier_invalid::check(ctx, out);
    award_invalid::check(ctx, out);
    award_unchecked::check(ctx, out);
    response_invalid::check(ctx, out);
}

/// The rules that read the fields the field table lists for them (`personal_data`, `one_line`,
/// `trimmed`, `whole_number`), in one walk of the entry: one walk per rule cost a full lint
/// several percent.
fn check_text_fields(ctx: &EntryContext<'_>, out: &mut Findings) {
    use string_fields::text_lists::{ONE_LINE, PERSONAL_DATA, TRIMMED, WHOLE_NUMBER};
    string_fields::TEXT_FIELDS.each_value(ctx.value, &mut |node, lists, pointer| {
        if lists & WHOLE_NUMBER != 0 {
            integer_literal::check_value(node, pointer, out);
        }
        let Some(text) = node.as_str() else {
            return;
        };
        if lists & ONE_LINE != 0 {
            text_invisible::check_line(text, pointer, out);
        }
        if lists & TRIMMED != 0 {
            text_whitespace::check_text(text, pointer, out);
        }
        if lists & PERSONAL_DATA != 0 {
            personal_data::check_text(text, pointer, out);
        }
    });
}

/// The entry's claims (none when absent or not a list).
pub(crate) fn claims<'a>(entry: &'a Node<'a>) -> &'a [Node<'a>] {
    entry
        .get("claims")
        .and_then(Node::as_array)
        .unwrap_or_default()
}

/// A claim's label in messages: its id in quotes, else its position.
pub(crate) fn describe_claim(claim: &Node<'_>, index: usize) -> String {
    match claim.get("id").and_then(Node::as_str) {
        Some(id) => crate::text::quoted(id),
        None => format!("#{}", index + 1),
    }
}

/// The company's name and aliases: who a press release is by, when it is the company's own.
pub(crate) fn company_names<'a>(entry: &'a Node<'a>) -> Vec<&'a str> {
    let mut names: Vec<&str> = entry.get("name").and_then(Node::as_str).into_iter().collect();
    names.extend(
        entry
            .get("aliases")
            .and_then(Node::as_array)
            .unwrap_or_default()
            .iter()
            .filter_map(Node::as_str),
    );
    names
}

/// Where a finding about a whole source points: its title (one line), else the object.
pub(crate) fn title_or_source(source: &Node<'_>, index: usize) -> Target {
    if source.get("title").is_some() {
        Target::value(format!("/sources/{index}/title"))
    } else {
        Target::value(format!("/sources/{index}"))
    }
}

/// The source's label in messages: `[3] "Title"`.
pub(crate) fn describe_source(source: &Node<'_>, index: usize) -> String {
    let number = source
        .get("id")
        .and_then(Node::as_u64)
        .map_or_else(|| format!("#{}", index + 1), |id| format!("[{id}]"));
    match source.get("title").and_then(Node::as_str) {
        Some(title) => format!("{number} {}", crate::text::quoted(title)),
        None => number,
    }
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

    /// `integer-literal` lists the schema's integer fields by hand: this keeps the list true.
    #[test]
    fn integer_literal_knows_every_integer_field_of_the_schema() {
        fn walk(schema: &serde_json::Value, pointer: String, out: &mut Vec<String>) {
            if schema.get("type").and_then(serde_json::Value::as_str) == Some("integer") {
                out.push(pointer.clone());
            }
            if let Some(properties) = schema
                .get("properties")
                .and_then(serde_json::Value::as_object)
            {
                for (name, sub) in properties {
                    walk(sub, format!("{pointer}/{name}"), out);
                }
            }
            if let Some(items) = schema.get("items") {
                walk(items, format!("{pointer}/*"), out);
            }
        }
        let text = include_str!("../../schema/company.schema.json");
        let schema: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
        let mut found = Vec::new();
        walk(&schema, String::new(), &mut found);
        found.sort();
        let mut listed: Vec<String> = crate::fields::value_pointers(|p| p.whole_number).collect();
        listed.sort();
        assert_eq!(found, listed);
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
