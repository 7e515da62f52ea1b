//! `icelist sources archive`: for each source with a `url` and no `archive_url`, the Wayback
//! Machine's snapshot nearest the source's date. The Wayback Machine answers
//! `/web/<timestamp>/<url>` with a redirect whose `Location` is that snapshot; the redirect is
//! read, not followed. An `archive_url` is only ever added: never replacing `url` or an
//! existing `archive_url`, as InternetArchiveBot does.

use super::Waits;
use super::fetch::{Answer, Fetch};
use crate::model::{Entry, PartialDate};
use serde::Serialize;
use std::time::Duration;

pub const WAYBACK: &str = "https://web.archive.org";

/// One source looked up.
#[derive(Debug, Clone, Serialize)]
pub struct Snapshot {
    pub company: String,
    pub source: u64,
    pub url: String,
    /// The snapshot, when the archive holds one.
    pub archive_url: Option<String>,
    /// Why there is none, in a few words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArchiveReport {
    pub version: u32,
    pub snapshots: Vec<Snapshot>,
}

/// Looks up every source that has a `url` and no `archive_url`, one request at a time,
/// `interval` apart (the Wayback Machine is one host).
pub fn find_snapshots(
    entries: &[Entry],
    fetcher: &dyn Fetch,
    waits: &dyn Waits,
    wayback_base: &str,
    interval: Duration,
    today: time::Date,
) -> ArchiveReport {
    let base = wayback_base.trim_end_matches('/');
    let mut snapshots = Vec::new();
    let mut first = true;
    for entry in entries {
        for source in &entry.sources {
            let (Some(url), None) = (&source.url, &source.archive_url) else {
                continue;
            };
            if !first {
                waits.sleep(interval);
            }
            first = false;
            let timestamp = match source.date {
                Some(PartialDate::Year(y)) => format!("{y:04}"),
                Some(PartialDate::Month(y, m)) => format!("{y:04}{:02}", u8::from(m)),
                Some(PartialDate::Day(d)) => {
                    format!("{:04}{:02}{:02}", d.year(), u8::from(d.month()), d.day())
                }
                None => format!(
                    "{:04}{:02}{:02}",
                    today.year(),
                    u8::from(today.month()),
                    today.day()
                ),
            };
            let lookup = format!("{base}/web/{timestamp}/{url}");
            let (archive_url, detail) = match fetcher.fetch(&lookup, "GET") {
                Answer::Status {
                    status: 301 | 302 | 303 | 307 | 308,
                    location: Some(location),
                    ..
                } => match url::Url::parse(&lookup).and_then(|l| l.join(&location)) {
                    Ok(snapshot) if snapshot.as_str().contains("/web/") => {
                        (Some(snapshot.to_string()), None)
                    }
                    _ => (None, Some("the archive answered with no snapshot".into())),
                },
                Answer::Status { status: 404, .. } => {
                    (None, Some("the archive holds no snapshot".into()))
                }
                Answer::Status { status, .. } => {
                    (None, Some(format!("the archive answered {status}")))
                }
                Answer::NotPublic => (None, Some("the archive's address is not public".into())),
                Answer::Timeout => (None, Some("the archive did not answer in time".into())),
                Answer::Invalid(why) => (None, Some(why)),
            };
            snapshots.push(Snapshot {
                company: entry.id.clone(),
                source: source.id,
                url: url.clone(),
                archive_url,
                detail,
            });
        }
    }
    ArchiveReport {
        version: 1,
        snapshots,
    }
}

/// Adds the snapshots found to `entry` (only where it has no `archive_url`); returns how many.
pub fn add_snapshots(entry: &mut Entry, report: &ArchiveReport) -> usize {
    let mut added = 0;
    for snapshot in report.snapshots.iter().filter(|s| s.company == entry.id) {
        let Some(found) = &snapshot.archive_url else {
            continue;
        };
        if let Some(source) = entry.sources.iter_mut().find(|s| {
            s.id == snapshot.source
                && s.url.as_deref() == Some(&snapshot.url)
                && s.archive_url.is_none()
        }) {
            source.archive_url = Some(found.clone());
            added += 1;
        }
    }
    added
}
