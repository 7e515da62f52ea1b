//! What an entry rule sees ([`EntryContext`]): the parsed entry, its JSON text, the facts
//! several rules need worked out once per entry, and readers of the parts many rules name.

use super::citations::CitationIndex;
use super::links;
use super::view::{self, ClaimView, EntryView, SourceView};
use crate::json::Node;
use crate::json::Target;
use crate::settings::Settings;

/// What an entry rule sees.
pub(crate) struct EntryContext<'a> {
    pub value: &'a Node<'a>,
    /// The file's stem (what `id` must equal).
    pub file_stem: &'a str,
    pub settings: &'a Settings,
    /// The JSON text the entry was parsed from (empty for entries built in memory).
    text: &'a str,
    source_facts: std::cell::OnceCell<Vec<SourceFacts>>,
    citations: std::cell::OnceCell<CitationIndex>,
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
        let source = SourceView(source);
        let (url_problem, url_print) = match source.url() {
            Some(raw) if let Some(plain) = links::PlainLink::of(raw) => {
                (None, Some(plain.print()))
            }
            Some(raw) => match links::parse_link(raw) {
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
        let publisher = source.publisher().map(|p| key_print(p, buffer));
        let title_print = match (source.title(), publisher) {
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
            SourceView(source)
                .url()
                .and_then(crate::identity::normalized_url)
        };
        a.0.url_print.is_some() && a.0.url_print == b.0.url_print && key(a.1) == key(b.1)
    }

    /// Whether two sources have the same title and publisher (prints first, then keys).
    pub(crate) fn same_title(a: (&Self, &Node<'_>), b: (&Self, &Node<'_>)) -> bool {
        let key = |source: &Node<'_>| {
            let source = SourceView(source);
            Some(crate::identity::title_publisher_key(
                source.title()?,
                source.publisher()?,
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
            citations: std::cell::OnceCell::new(),
        }
    }

    /// Every citation marker of the entry, read once for all the citation rules.
    pub(crate) fn citations(&self) -> &CitationIndex {
        self.citations.get_or_init(|| CitationIndex::new(self.value))
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

    /// The entry, through the typed view rules read it by.
    pub(crate) fn entry(&self) -> EntryView<'a> {
        EntryView(self.value)
    }

    pub fn sources(&self) -> &'a [Node<'a>] {
        self.entry().sources()
    }

    /// The string at `pointer`, for the pointers a table lists (the cited text fields of
    /// `citations.rs`); a rule names one field through [`Self::entry`].
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

/// The entry's claims (none when absent or not a list).
pub(crate) fn claims<'a>(entry: &'a Node<'a>) -> &'a [Node<'a>] {
    EntryView(entry).claims()
}

/// A claim's label in messages: its id in quotes, else its position.
pub(crate) fn describe_claim(claim: &Node<'_>, index: usize) -> String {
    match ClaimView(claim).id() {
        Some(id) => crate::text::quoted(id),
        None => format!("#{}", index + 1),
    }
}

/// The company's name and aliases: who a press release is by, when it is the company's own.
pub(crate) fn company_names<'a>(entry: &'a Node<'a>) -> Vec<&'a str> {
    let entry = EntryView(entry);
    let mut names: Vec<&str> = entry.name().into_iter().collect();
    names.extend(entry.aliases().iter().filter_map(Node::as_str));
    names
}

/// Where a finding about a whole source points: its title (one line), else the object.
pub(crate) fn title_or_source(source: &Node<'_>, index: usize) -> Target {
    if source.get(SourceView::TITLE).is_some() {
        Target::value(view::pointer(SourceView::AT, &[index], SourceView::TITLE))
    } else {
        Target::value(view::pointer(SourceView::AT, &[index], ""))
    }
}

/// The source's label in messages: `[3] "Title"`.
pub(crate) fn describe_source(source: &Node<'_>, index: usize) -> String {
    let source = SourceView(source);
    let number = source
        .id()
        .map_or_else(|| format!("#{}", index + 1), |id| format!("[{id}]"));
    match source.title() {
        Some(title) => format!("{number} {}", crate::text::quoted(title)),
        None => number,
    }
}
