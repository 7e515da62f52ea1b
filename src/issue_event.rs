//! What the intake workflow needs to know about the `issues` event it runs on, read here so that
//! its script runs no interpreter over the event file: the issue's number, its labels, the
//! action and label of the event, the default branch, and the body as the exact text GitHub
//! sent.

use serde::Deserialize;
use thiserror::Error;

/// Which of the repository's issue forms a form is, told by the label it gives its issues:
/// one proposes a new entry, the others change an entry already listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FormKind {
    /// `propose-company.yml`: a new company.
    ProposeCompany,
    /// `correct-entry.yml` (label `correction`): a correction of one part of an entry.
    CorrectEntry,
    /// `company-response.yml` (label `company-response`): the company's answer.
    CompanyResponse,
    /// `propose-delisting.yml` (label `delisting`): why a company should be delisted.
    ProposeDelisting,
}

impl FormKind {
    /// The kind a set of issue labels names (an issue a form opened carries the form's labels).
    pub fn from_labels<S: AsRef<str>>(labels: &[S]) -> FormKind {
        let has = |name: &str| labels.iter().any(|l| l.as_ref() == name);
        if has("company-response") {
            FormKind::CompanyResponse
        } else if has("correction") {
            FormKind::CorrectEntry
        } else if has("delisting") {
            FormKind::ProposeDelisting
        } else {
            FormKind::ProposeCompany
        }
    }

    /// The form's file under `.github/ISSUE_TEMPLATE/`.
    pub const fn template(self) -> &'static str {
        match self {
            FormKind::ProposeCompany => "propose-company.yml",
            FormKind::CorrectEntry => "correct-entry.yml",
            FormKind::CompanyResponse => "company-response.yml",
            FormKind::ProposeDelisting => "propose-delisting.yml",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FormKind::ProposeCompany => "propose-company",
            FormKind::CorrectEntry => "correct-entry",
            FormKind::CompanyResponse => "company-response",
            FormKind::ProposeDelisting => "propose-delisting",
        }
    }
}

/// The label by which a maintainer approves a submission.
pub const APPROVAL_LABEL: &str = "intake:approved";

/// An `issues` event payload, as far as intake reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueEvent {
    /// `opened`, `edited`, `labeled`, ...
    pub action: String,
    pub number: u64,
    /// The label of a `labeled` or `unlabeled` event.
    pub label: Option<String>,
    /// The labels the issue has in the event.
    pub labels: Vec<String>,
    /// The issue's body (empty when GitHub sends none).
    pub body: String,
    /// The repository's default branch (checked to be a plain branch name).
    pub default_branch: String,
    /// The day the issue was opened (`YYYY-MM-DD` of its `created_at`), when the event says.
    pub opened: Option<String>,
}

/// Why an event could not be read.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum IssueEventError {
    #[error("the event is not JSON an issues event has: {0}")]
    Json(#[from] serde_json::Error),
    /// The value is printed as a `key=value` line for the script: a line break or a control
    /// character in it could make a line of its own.
    #[error("the event's {field} holds a control character")]
    ControlCharacter { field: &'static str },
    #[error("the event's repository.default_branch is not a plain branch name")]
    BranchName,
}

#[derive(Deserialize)]
struct RawEvent {
    #[serde(default)]
    action: String,
    #[serde(default)]
    label: Option<RawLabel>,
    issue: RawIssue,
    repository: RawRepository,
}

#[derive(Deserialize)]
struct RawIssue {
    number: u64,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    labels: Vec<RawLabel>,
    #[serde(default)]
    created_at: Option<String>,
}

#[derive(Deserialize)]
struct RawLabel {
    name: String,
}

#[derive(Deserialize)]
struct RawRepository {
    default_branch: String,
}

impl IssueEvent {
    /// Reads an `issues` event payload.
    pub fn from_json(bytes: &[u8]) -> Result<Self, IssueEventError> {
        let raw: RawEvent = serde_json::from_slice(bytes)?;
        let printable = |field: &'static str, text: &str| {
            if text.chars().any(char::is_control) {
                Err(IssueEventError::ControlCharacter { field })
            } else {
                Ok(())
            }
        };
        printable("action", &raw.action)?;
        if let Some(label) = &raw.label {
            printable("label.name", &label.name)?;
        }
        let branch = &raw.repository.default_branch;
        // A name git and gh take as a branch, never as an option.
        if branch.is_empty()
            || branch.starts_with('-')
            || !branch
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'/' | b'-'))
        {
            return Err(IssueEventError::BranchName);
        }
        Ok(Self {
            action: raw.action,
            number: raw.issue.number,
            label: raw.label.map(|label| label.name),
            labels: raw
                .issue
                .labels
                .into_iter()
                .map(|label| label.name)
                .collect(),
            body: raw.issue.body.unwrap_or_default(),
            default_branch: raw.repository.default_branch,
            // `2026-06-01T10:00:00Z`: only a real date is passed on.
            opened: raw
                .issue
                .created_at
                .as_deref()
                .and_then(|t| t.get(..10))
                .filter(|day| crate::model::Date::parse(day).is_some())
                .map(str::to_owned),
        })
    }

    /// The event as `key=value` lines for the workflow's script (the body is not among them):
    /// `form` is the issue form the issue's labels name (its file under
    /// `.github/ISSUE_TEMPLATE/`), `opened` the day the issue was opened.
    pub fn to_lines(&self) -> String {
        format!(
            "number={}\naction={}\nlabel={}\napproved={}\ndefault_branch={}\nform={}\nopened={}\n",
            self.number,
            self.action,
            self.label.as_deref().unwrap_or(""),
            if self.labels.iter().any(|l| l == APPROVAL_LABEL) {
                "yes"
            } else {
                "no"
            },
            self.default_branch,
            FormKind::from_labels(&self.labels).template(),
            self.opened.as_deref().unwrap_or(""),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(action: &str, label: &str, body: serde_json::Value, branch: &str) -> Vec<u8> {
        serde_json::json!({
            "action": action,
            "label": { "name": label },
            "issue": {
                "number": 7,
                "body": body,
                "labels": [{ "name": "intake" }, { "name": APPROVAL_LABEL }],
            },
            "repository": { "default_branch": branch },
        })
        .to_string()
        .into_bytes()
    }

    #[test]
    fn reads_what_the_script_needs_and_the_body_as_sent() {
        let body = "### Company name\r\n\r\nAcme `x` $(id)\n";
        let read =
            IssueEvent::from_json(&event("labeled", APPROVAL_LABEL, body.into(), "main")).unwrap();
        assert_eq!(read.body, body);
        assert_eq!(
            read.to_lines(),
            "number=7\naction=labeled\nlabel=intake:approved\napproved=yes\ndefault_branch=main\nform=propose-company.yml\nopened=\n"
        );
        let empty =
            IssueEvent::from_json(&event("opened", "x", serde_json::Value::Null, "main")).unwrap();
        assert_eq!(empty.body, "");
    }

    #[test]
    fn a_value_that_would_make_a_line_of_its_own_is_refused() {
        assert!(matches!(
            IssueEvent::from_json(&event("labeled", "a\napproved=yes", "".into(), "main")),
            Err(IssueEventError::ControlCharacter { .. })
        ));
        for branch in ["", "-main", "main\napproved=yes", "ma in", "$(id)"] {
            assert!(
                matches!(
                    IssueEvent::from_json(&event("opened", "x", "".into(), branch)),
                    Err(IssueEventError::BranchName)
                ),
                "{branch:?}"
            );
        }
        assert!(IssueEvent::from_json(b"{\"issue\":{}}").is_err());
    }
}
