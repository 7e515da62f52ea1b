//! What the dataset workflow needs to know about the pull request it judges: its base commit,
//! and which maintainer approvals (labels such as `policy-approved`) hold for the commit under
//! review.
//!
//! A GitHub label is not tied to a commit: a maintainer labels a pull request after reading one
//! commit, and a push after that keeps the label. So a label is an approval only when all of
//! these hold:
//! - the run was started by the `labeled` event for that very label (the label list of any other
//!   event, `synchronize` above all, may predate the push);
//! - the event was made for the commit under review (its `pull_request.head.sha`, which GitHub
//!   fills in when the label is added, equals the reviewed `HEAD`);
//! - the pull request's timeline, read from the API when the review runs, shows the label still
//!   on (the last `labeled`/`unlabeled` event for it is `labeled`), shows the reviewed commit
//!   before that `labeled` event, and shows no other commit or force-push after it.
//!
//! The event file and the timeline are read here, by the base revision's tool, so the review
//! script runs no interpreter in the pull request's checkout.

use serde::Deserialize;
use thiserror::Error;

/// The labels by which a maintainer approves what a pull request cannot approve for itself.
pub const APPROVAL_LABELS: [&str; 3] = [
    "policy-approved",
    "verification-approved",
    "redirect-approved",
];

/// A `pull_request` event payload, as far as the review reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PullRequestEvent {
    /// `opened`, `synchronize`, `labeled`, ...
    pub action: String,
    /// The label of a `labeled` or `unlabeled` event.
    pub label: Option<String>,
    pub number: u64,
    /// The base commit (40 hex digits, checked).
    pub base_sha: String,
    /// The head commit when the event was made (40 hex digits, checked).
    pub head_sha: String,
    /// The labels the event lists: shown, never trusted on their own.
    pub labels: Vec<String>,
}

/// Why an event or a timeline could not be read.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum EventError {
    #[error("the event is not JSON a pull_request event has: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the event's {field} is not a commit id (40 hexadecimal digits)")]
    NotACommit { field: &'static str },
    #[error("the timeline is not a list of timeline events (or pages of them): {0}")]
    Timeline(serde_json::Error),
}

#[derive(Deserialize)]
struct RawEvent {
    #[serde(default)]
    action: String,
    #[serde(default)]
    label: Option<RawLabel>,
    pull_request: RawPullRequest,
}

#[derive(Deserialize)]
struct RawPullRequest {
    number: u64,
    #[serde(default)]
    labels: Vec<RawLabel>,
    base: RawRef,
    head: RawRef,
}

#[derive(Deserialize)]
struct RawRef {
    sha: String,
}

#[derive(Deserialize)]
struct RawLabel {
    name: String,
}

fn is_commit_id(text: &str) -> bool {
    text.len() == 40
        && text
            .bytes()
            .all(|byte| matches!(byte, b'0'..=b'9' | b'a'..=b'f'))
}

impl PullRequestEvent {
    /// Reads a `pull_request` (or `pull_request_target`) event payload.
    pub fn from_json(bytes: &[u8]) -> Result<Self, EventError> {
        let raw: RawEvent = serde_json::from_slice(bytes)?;
        if !is_commit_id(&raw.pull_request.base.sha) {
            return Err(EventError::NotACommit {
                field: "pull_request.base.sha",
            });
        }
        if !is_commit_id(&raw.pull_request.head.sha) {
            return Err(EventError::NotACommit {
                field: "pull_request.head.sha",
            });
        }
        Ok(Self {
            action: raw.action,
            label: raw.label.map(|label| label.name),
            number: raw.pull_request.number,
            base_sha: raw.pull_request.base.sha,
            head_sha: raw.pull_request.head.sha,
            labels: raw
                .pull_request
                .labels
                .into_iter()
                .map(|label| label.name)
                .collect(),
        })
    }
}

/// One item of the issue timeline API (`GET /repos/{owner}/{repo}/issues/{n}/timeline`), as far
/// as approvals need it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TimelineEvent {
    #[serde(default)]
    pub event: String,
    #[serde(default)]
    pub label: Option<TimelineLabel>,
    /// The commit of a `committed` event.
    #[serde(default)]
    pub sha: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TimelineLabel {
    pub name: String,
}

/// Reads a timeline as `gh api --paginate` writes it: one JSON array per page, one after the
/// other (a single array is one page).
pub fn read_timeline(bytes: &[u8]) -> Result<Vec<TimelineEvent>, EventError> {
    let mut events = Vec::new();
    for page in serde_json::Deserializer::from_slice(bytes).into_iter::<Vec<TimelineEvent>>() {
        events.extend(page.map_err(EventError::Timeline)?);
    }
    Ok(events)
}

/// Whether one approval label holds for the reviewed commit, and why (or why not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    pub label: String,
    pub approved: bool,
    pub reason: String,
}

/// Judges the approval `label` for the commit `reviewed_head` (the checkout's `HEAD`).
/// Without a timeline nothing is approved.
pub fn approval(
    event: &PullRequestEvent,
    timeline: Option<&[TimelineEvent]>,
    label: &str,
    reviewed_head: &str,
) -> Approval {
    let verdict = |approved: bool, reason: String| Approval {
        label: label.to_owned(),
        approved,
        reason,
    };
    if event.action != "labeled" || event.label.as_deref() != Some(label) {
        let listed = event.labels.iter().any(|name| name == label);
        let why = if listed {
            format!(
                "the label {label} is listed, but this run was started by `{}`, not by adding it: a label counts only on the run its own `labeled` event starts, for the commit it was given on",
                event.action
            )
        } else {
            format!("the label {label} is not set")
        };
        return verdict(false, why);
    }
    if event.head_sha != reviewed_head {
        return verdict(
            false,
            format!(
                "the label {label} was given on commit {}, but the commit under review is {reviewed_head}",
                event.head_sha
            ),
        );
    }
    let Some(timeline) = timeline else {
        return verdict(
            false,
            format!(
                "no timeline of the pull request was given: the label {label} cannot be checked"
            ),
        );
    };
    let is_this_label = |item: &TimelineEvent| {
        matches!(item.event.as_str(), "labeled" | "unlabeled")
            && item.label.as_ref().is_some_and(|l| l.name == label)
    };
    let Some(last) = timeline.iter().rposition(is_this_label) else {
        return verdict(
            false,
            format!("the timeline shows no `labeled` event for {label}"),
        );
    };
    if timeline[last].event != "labeled" {
        return verdict(
            false,
            format!("the timeline shows the label {label} removed since"),
        );
    }
    let head_before = timeline[..last]
        .iter()
        .any(|item| item.event == "committed" && item.sha.as_deref() == Some(reviewed_head));
    if !head_before {
        return verdict(
            false,
            format!(
                "the timeline does not show commit {reviewed_head} pushed before the label {label} was added"
            ),
        );
    }
    let pushed_after = timeline[last + 1..].iter().any(|item| {
        item.event == "head_ref_force_pushed"
            || (item.event == "committed" && item.sha.as_deref() != Some(reviewed_head))
    });
    if pushed_after {
        return verdict(
            false,
            format!("the timeline shows a push after the label {label} was added"),
        );
    }
    verdict(
        true,
        format!("a maintainer added {label} on commit {reviewed_head}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "1111111111111111111111111111111111111111";
    const HEAD: &str = "2222222222222222222222222222222222222222";
    const LATER: &str = "3333333333333333333333333333333333333333";

    fn event(action: &str, label: Option<&str>, head: &str) -> PullRequestEvent {
        PullRequestEvent {
            action: action.to_owned(),
            label: label.map(str::to_owned),
            number: 7,
            base_sha: BASE.to_owned(),
            head_sha: head.to_owned(),
            labels: vec!["policy-approved".to_owned()],
        }
    }

    fn item(kind: &str, detail: &str) -> TimelineEvent {
        let (label, sha) = match kind {
            "committed" => (None, Some(detail.to_owned())),
            _ => (
                Some(TimelineLabel {
                    name: detail.to_owned(),
                }),
                None,
            ),
        };
        TimelineEvent {
            event: kind.to_owned(),
            label,
            sha,
        }
    }

    #[test]
    fn a_label_added_on_the_reviewed_commit_approves_it() {
        let timeline = [item("committed", HEAD), item("labeled", "policy-approved")];
        let got = approval(
            &event("labeled", Some("policy-approved"), HEAD),
            Some(&timeline),
            "policy-approved",
            HEAD,
        );
        assert!(got.approved, "{}", got.reason);
    }

    #[test]
    fn a_label_listed_on_a_push_event_is_not_an_approval() {
        let timeline = [item("committed", HEAD), item("labeled", "policy-approved")];
        let got = approval(
            &event("synchronize", None, HEAD),
            Some(&timeline),
            "policy-approved",
            HEAD,
        );
        assert!(!got.approved);
        assert!(got.reason.contains("synchronize"), "{}", got.reason);
    }

    #[test]
    fn labelled_then_pushed_is_not_approved() {
        // The labeled event's run, reviewing the new head.
        let timeline = [
            item("committed", HEAD),
            item("labeled", "policy-approved"),
            item("committed", LATER),
        ];
        let got = approval(
            &event("labeled", Some("policy-approved"), HEAD),
            Some(&timeline),
            "policy-approved",
            LATER,
        );
        assert!(!got.approved);
        // The labeled run of the old head, when the timeline shows a later push.
        let got = approval(
            &event("labeled", Some("policy-approved"), HEAD),
            Some(&timeline),
            "policy-approved",
            HEAD,
        );
        assert!(!got.approved);
        assert!(got.reason.contains("push after"), "{}", got.reason);
        // A commit dated before the label (commit dates are the author's to set) but not the
        // head the label was given on.
        let timeline = [
            item("committed", HEAD),
            item("committed", LATER),
            item("labeled", "policy-approved"),
        ];
        let got = approval(
            &event("labeled", Some("policy-approved"), HEAD),
            Some(&timeline),
            "policy-approved",
            LATER,
        );
        assert!(!got.approved);
    }

    #[test]
    fn a_removed_label_or_a_missing_timeline_approves_nothing() {
        let timeline = [
            item("committed", HEAD),
            item("labeled", "policy-approved"),
            item("unlabeled", "policy-approved"),
        ];
        let labeled = event("labeled", Some("policy-approved"), HEAD);
        assert!(!approval(&labeled, Some(&timeline), "policy-approved", HEAD).approved);
        assert!(!approval(&labeled, None, "policy-approved", HEAD).approved);
        let other = [item("committed", HEAD), item("labeled", "data")];
        assert!(!approval(&labeled, Some(&other), "policy-approved", HEAD).approved);
    }

    #[test]
    fn timelines_are_read_page_after_page() {
        let pages = br#"[{"event":"committed","sha":"2222222222222222222222222222222222222222"}]
[{"event":"labeled","label":{"name":"policy-approved"},"created_at":"2026-01-01T00:00:00Z"},{"event":"commented","body":"hi"}]"#;
        let timeline = read_timeline(pages).unwrap();
        assert_eq!(timeline.len(), 3);
        assert!(read_timeline(b"{\"event\":1}").is_err());
    }

    #[test]
    fn an_event_without_commit_ids_is_refused() {
        let bad = br#"{"action":"opened","pull_request":{"number":1,"base":{"sha":"main; rm -rf /"},"head":{"sha":"2222222222222222222222222222222222222222"}}}"#;
        assert!(matches!(
            PullRequestEvent::from_json(bad),
            Err(EventError::NotACommit { .. })
        ));
    }
}
