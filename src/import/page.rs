//! What a reader makes of one wiki page, whatever its form (wikitext, the page as text): the
//! pieces an entry is mapped from, before any mapping. Readers never guess: what they cannot
//! carry is listed in `unmapped`, what makes the page unreadable in `problems`.

use crate::model::SourceKind;

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Page {
    pub title: String,
    /// The infobox's parameters (or the text page's rows) in page order, values as plain text.
    /// `None` when the page has no infobox.
    pub infobox: Option<Vec<(String, InfoboxValue)>>,
    /// (heading, prose with `[n]` markers numbered into `sources`), in page order.
    pub sections: Vec<(String, String)>,
    /// Prose before the first heading.
    pub lead: String,
    /// Sources numbered by first use: `sources[n - 1]` is `[n]`.
    pub sources: Vec<RawSource>,
    pub categories: Vec<String>,
    /// The claims of the section mapped to claims, in page order; `None` when the page has no
    /// such section.
    pub claims: Option<Vec<RawClaim>>,
    /// What the page holds that the reader did not carry, or carried differently from how the
    /// wiki shows it (a template, a citation parameter, a footnote outside the prose, what Cite
    /// shows as an error, under its message key), one line each.
    pub unmapped: Vec<String>,
    /// What makes the page's citations ambiguous (a ref name used but never defined, or
    /// defined twice differently). A page with problems is not imported.
    pub problems: Vec<String>,
}

impl Page {
    /// The value of the first infobox parameter the mapping maps to `field`, when not empty.
    pub fn infobox_value(
        &self,
        mapping: &super::mapping::Mapping,
        field: super::mapping::Field,
    ) -> Option<String> {
        self.infobox
            .iter()
            .flatten()
            .find(|(parameter, value)| {
                !value.is_blank()
                    && mapping.fields.get(&super::mapping::key(parameter)) == Some(&field)
            })
            .map(|(_, value)| value.text().trim().to_owned())
    }
}

/// An infobox value as plain text, line by line: a `<br>` or a line break ends a line. A list
/// written on several lines has one item per line, so the lines are kept apart; a `<br>` at the
/// end leaves an empty last line, which says that a one-item list is on lines (its item may
/// hold the `;` that would otherwise separate items).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct InfoboxValue {
    pub lines: Vec<String>,
}

impl InfoboxValue {
    /// A value whose line breaks are `\n`.
    pub fn from_text(text: &str) -> Self {
        InfoboxValue {
            lines: text.split('\n').map(str::to_owned).collect(),
        }
    }

    /// The lines, apart by `\n`, untrimmed (see the type's note on a last empty line).
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    pub fn is_blank(&self) -> bool {
        self.lines.iter().all(|line| line.trim().is_empty())
    }
}

/// One `{{Claim}}` line: the template's parameters as written, and the rest of the line (the
/// summary, with `[n]` markers).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RawClaim {
    pub parameters: Vec<(String, String)>,
    pub summary: String,
}

/// A citation as the page gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RawSource {
    pub title: Option<String>,
    pub publisher: Option<String>,
    /// The type the citation itself states (its template, a `type=`, "(press release)").
    pub kind: Option<SourceKind>,
    /// The date as written.
    pub date: Option<String>,
    pub url: Option<String>,
    pub archive_url: Option<String>,
    pub note: Option<String>,
    /// `quote`, `quote2`, ... in order.
    pub quotes: Vec<String>,
}
