//! What a rule reports: a [`Finding`] at a JSON Pointer (placed in the file later), the
//! [`Findings`] of one file with their per-rule cap, and the [`Fix`] a finding may offer.

use super::RuleCode;
use crate::json::Target;
use crate::settings::Severity;

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

/// What one repair did to an entry (each fixable rule's `fix` says, in its own file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Repair {
    Unchanged,
    /// Repaired: what was done, in a line for the person who ran `--fix`.
    Repaired(String),
    /// Not repaired, and why.
    NotRepaired(String),
}

/// A secondary place: in the same file (`file: None`) or in another entry's file.
#[derive(Debug, Clone)]
pub struct RelatedFinding {
    pub file: Option<String>,
    pub target: Target,
    pub message: String,
}
