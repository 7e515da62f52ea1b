//! Diagnostics are plain data: every check produces them, every renderer consumes them.

pub(crate) use crate::rules::SHOWN_PER_RULE_AND_FILE;
pub use crate::settings::Severity;
pub use crate::text::{LineColumn, Location};
use serde::Serialize;

/// A secondary place that explains a diagnostic (the first of two duplicates, say).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedLocation {
    /// Path relative to the root, `/`-separated.
    pub file: String,
    pub location: Option<Location>,
    pub message: String,
}

/// One finding, located in one file. Serializes as an element of the JSON report's
/// `diagnostics` (the version-1 contract): `code, severity, message, file, line, column,
/// end_line, end_column, pointer, help`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's code (`citation-undefined`).
    pub code: crate::rules::RuleCode,
    pub severity: Severity,
    /// What is wrong and why it matters.
    pub message: String,
    /// What to do about this finding (the human, GitHub and SARIF reports show it; the JSON
    /// report's `help` is the rule's one line, not this).
    pub help: Option<String>,
    /// Path relative to the root, `/`-separated.
    pub file: String,
    /// Where in the file; line 1, column 1 (an empty range) when the finding is about the
    /// file as a whole (its name, kind or size).
    pub location: Location,
    /// JSON Pointer of the value the finding is about (empty for the whole document).
    pub pointer: String,
    /// The label drawn under the span.
    pub label: String,
    pub related: Vec<RelatedLocation>,
    /// The repair `icelist lint --fix` applies, if any.
    pub fix: Option<crate::rules::Fix>,
}

/// An element of the JSON report's `diagnostics`. `help` is the rule's one-line help (what
/// `icelist rules` prints for the code): it was added to version 1 after the other keys, which
/// keep their order.
impl Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        // Every field named, none with `..`: a new field fails to compile here until it is
        // decided whether the contract shows it.
        let Diagnostic {
            code,
            severity,
            message,
            help: _,
            file,
            location,
            pointer,
            label: _,
            related: _,
            fix: _,
        } = self;
        let mut map = serializer.serialize_map(Some(10))?;
        map.serialize_entry("code", code)?;
        map.serialize_entry("severity", severity)?;
        map.serialize_entry("message", message)?;
        map.serialize_entry("file", file)?;
        location.serialize_entries(&mut map)?;
        map.serialize_entry("pointer", pointer)?;
        map.serialize_entry("help", code.rule().summary)?;
        map.end()
    }
}

impl Diagnostic {
    /// The id of the entry the finding is in, as its file's name promises it
    /// (`dataset/acme-widgets.json` → `acme-widgets`; `file-name` holds the entry's `id` to
    /// it), or `""` when the file is not an entry file (`dataset/notes.txt`, `icelist.toml`).
    pub fn entry_id(&self) -> &str {
        // `crate::dataset::DATASET_DIR`, spelled out so that diagnostics (plain data) do not
        // depend on the module that reads files; a test holds the two equal.
        const ENTRY_FOLDER: &str = "dataset/";
        match self.file.strip_prefix(ENTRY_FOLDER) {
            Some(name) if !name.contains('/') => name.strip_suffix(".json").unwrap_or(""),
            _ => "",
        }
    }

    /// The order in which reports list diagnostics: by file, then position, then code.
    pub fn sort_key(&self) -> (&str, usize, usize, &'static str, &str) {
        let start = self.location.start;
        (
            &self.file,
            start.line,
            start.column,
            self.code.as_str(),
            &self.message,
        )
    }
}

/// Everything one run found, plus what the renderers need to draw it.
#[derive(Debug, Default)]
pub struct Report {
    /// Sorted by [`Diagnostic::sort_key`].
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were examined.
    pub files: usize,
    /// The text of each file that has a diagnostic, for snippets (keyed by relative path).
    pub sources: std::collections::BTreeMap<String, std::sync::Arc<str>>,
    /// Findings counted but not listed (past `SHOWN_PER_RULE_AND_FILE` of one rule in one
    /// file), by severity: the totals and the exit code include them.
    pub hidden: HiddenCounts,
}

/// Findings counted but not listed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct HiddenCounts {
    pub errors: usize,
    pub warnings: usize,
}

impl HiddenCounts {
    pub fn add(&mut self, severity: Severity, count: usize) {
        match severity {
            Severity::Error => self.errors += count,
            Severity::Warning => self.warnings += count,
        }
    }

    pub fn merge(&mut self, other: HiddenCounts) {
        self.errors += other.errors;
        self.warnings += other.warnings;
    }
}

/// A run's totals: files examined, and findings by severity (listed or not).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Tally {
    pub fn add(&mut self, other: Tally) {
        self.files += other.files;
        self.errors += other.errors;
        self.warnings += other.warnings;
    }
}

impl Report {
    pub fn tally(&self) -> Tally {
        Tally {
            files: self.files,
            errors: self.errors(),
            warnings: self.warnings(),
        }
    }

    /// Findings of a severity, listed or not.
    pub fn count(&self, severity: Severity) -> usize {
        let hidden = match severity {
            Severity::Error => self.hidden.errors,
            Severity::Warning => self.hidden.warnings,
        };
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
            + hidden
    }

    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    pub fn sort(&mut self) {
        self.diagnostics
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
}
