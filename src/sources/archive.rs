//! `icelist sources archive`: for each source with a `url` and no `archive_url`, the Wayback
//! Machine's snapshot nearest the source's date. The Wayback Machine answers
//! `/web/<timestamp>/<url>` with a redirect whose `Location` is that snapshot; the redirect is
//! read, not followed. An `archive_url` is only ever added: never replacing `url` or an
//! existing `archive_url`, as InternetArchiveBot does.
//!
//! With keys (`save_missing`), a page the archive holds no snapshot of is given to Save Page
//! Now (SPN2: `POST /save`, then `GET /save/status/<job>` until the capture is done), one page
//! at a time, so a maintainer can archive a new source before it rots.

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
    /// What Save Page Now did, when it was asked (`--save`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub save: Option<Save>,
    /// The archive answered that it holds no snapshot (the only case worth a capture: an
    /// archive that failed to answer may well hold one).
    #[serde(skip)]
    pub none_held: bool,
}

/// One Save Page Now request.
#[derive(Debug, Clone, Serialize)]
pub struct Save {
    pub outcome: SaveOutcome,
    /// The archive's job, to look it up later when the capture was still pending.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SaveOutcome {
    /// Captured: the snapshot is the entry's `archive_url`.
    Saved,
    /// Accepted but not finished within the wait; a later `sources archive` finds it.
    Pending,
    /// Refused or failed; `detail` says why.
    Failed,
}

/// A maintainer's Save Page Now keys (<https://archive.org/account/s3.php>), never printed.
#[derive(Clone)]
pub struct SaveKeys {
    access: String,
    secret: String,
}

impl std::fmt::Debug for SaveKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SaveKeys(..)")
    }
}

impl SaveKeys {
    /// The environment variables the keys are read from (those of the `spn` command).
    pub const ACCESS_VAR: &str = "SPN_ACCESS_KEY";
    pub const SECRET_VAR: &str = "SPN_SECRET_KEY";

    pub fn new(access: String, secret: String) -> Option<Self> {
        let usable = |k: &str| !k.trim().is_empty() && !k.chars().any(char::is_control);
        (usable(&access) && usable(&secret)).then_some(SaveKeys { access, secret })
    }

    /// Both keys from the environment, or `None` when either is missing or empty.
    pub fn from_env() -> Option<Self> {
        Self::new(
            std::env::var(Self::ACCESS_VAR).ok()?,
            std::env::var(Self::SECRET_VAR).ok()?,
        )
    }

    fn authorization(&self) -> String {
        format!("LOW {}:{}", self.access.trim(), self.secret.trim())
    }
}

/// How long to wait for each capture.
#[derive(Debug, Clone, Copy)]
pub struct SavePolling {
    /// Between two status requests of one job.
    pub interval: Duration,
    /// Status requests before the job is reported `pending`.
    pub attempts: u32,
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
                Some(PartialDate::Month(y, m)) => format!("{y:04}{m:02}"),
                Some(PartialDate::Day(d)) => {
                    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
                }
                None => format!(
                    "{:04}{:02}{:02}",
                    today.year(),
                    u8::from(today.month()),
                    today.day()
                ),
            };
            let lookup = format!("{base}/web/{timestamp}/{url}");
            let answer = fetcher.fetch(&lookup, "GET");
            let none_held = matches!(answer, Answer::Status { status: 404, .. });
            let (archive_url, detail) = match answer {
                Answer::Status {
                    status: 301 | 302 | 303 | 307 | 308,
                    location: Some(location),
                    ..
                } => match snapshot_of(base, &lookup, &location, url) {
                    Ok(snapshot) => (Some(snapshot), None),
                    Err(why) => (None, Some(why)),
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
                save: None,
                none_held,
            });
        }
    }
    ArchiveReport {
        version: 1,
        snapshots,
    }
}

/// Asks Save Page Now to capture each page the archive holds no snapshot of, one at a time
/// (`interval` between captures), and records the snapshot of each capture that finished.
/// Stops asking once the archive refuses the keys or says it is busy: every later request
/// would be refused the same way.
pub fn save_missing(
    report: &mut ArchiveReport,
    fetcher: &dyn Fetch,
    waits: &dyn Waits,
    wayback_base: &str,
    keys: &SaveKeys,
    interval: Duration,
    polling: SavePolling,
) {
    let base = wayback_base.trim_end_matches('/');
    let authorization = keys.authorization();
    let headers = [
        ("Accept", "application/json"),
        ("Authorization", authorization.as_str()),
    ];
    let mut stopped: Option<String> = None;
    let mut first = true;
    for snapshot in report.snapshots.iter_mut().filter(|s| s.none_held) {
        if let Some(why) = &stopped {
            snapshot.save = Some(Save {
                outcome: SaveOutcome::Failed,
                job_id: None,
                detail: Some(format!("not asked: {why}")),
            });
            continue;
        }
        if !first {
            waits.sleep(interval);
        }
        first = false;
        let form = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("url", &snapshot.url)
            .finish();
        let save = match fetcher.send("POST", &format!("{base}/save"), &headers, Some(&form)) {
            Answer::Status {
                status: 200, body, ..
            } => match job_of(&body) {
                Ok(job_id) => poll(fetcher, waits, base, &headers, &job_id, polling, snapshot),
                Err(why) => failed(why),
            },
            Answer::Status {
                status: status @ (401 | 403),
                ..
            } => {
                let why = format!("the archive refused the keys ({status})");
                stopped = Some(why.clone());
                failed(why)
            }
            Answer::Status { status: 429, .. } => {
                let why = "the archive is busy (429): try again later".to_owned();
                stopped = Some(why.clone());
                failed(why)
            }
            Answer::Status { status, body, .. } => failed(
                message_of(&body).unwrap_or_else(|| format!("the archive answered {status}")),
            ),
            Answer::NotPublic => failed("the archive's address is not public".into()),
            Answer::Timeout => failed("the archive did not answer in time".into()),
            Answer::Invalid(why) => failed(why),
        };
        snapshot.save = Some(save);
    }
}

fn failed(detail: String) -> Save {
    Save {
        outcome: SaveOutcome::Failed,
        job_id: None,
        detail: Some(detail),
    }
}

/// Waits for one capture: `success` gives the snapshot, `error` the archive's reason, and a job
/// still running after every attempt is `pending`.
fn poll(
    fetcher: &dyn Fetch,
    waits: &dyn Waits,
    base: &str,
    headers: &[(&str, &str)],
    job_id: &str,
    polling: SavePolling,
    snapshot: &mut Snapshot,
) -> Save {
    let status_url = format!(
        "{base}/save/status/{}",
        url::form_urlencoded::byte_serialize(job_id.as_bytes()).collect::<String>()
    );
    let with = |outcome, detail| Save {
        outcome,
        job_id: Some(job_id.to_owned()),
        detail,
    };
    for _ in 0..polling.attempts.max(1) {
        waits.sleep(polling.interval);
        let Answer::Status {
            status: 200, body, ..
        } = fetcher.send("GET", &status_url, headers, None)
        else {
            continue;
        };
        let Ok(status) = serde_json::from_slice::<serde_json::Value>(&body) else {
            continue;
        };
        match status["status"].as_str() {
            Some("success") => {
                // The snapshot is named by the archive's timestamp and the source's own URL (not
                // the archive's spelling of it), so the archive_url written is of this source.
                let timestamp = status["timestamp"].as_str().unwrap_or_default();
                if !(4..=14).contains(&timestamp.len())
                    || !timestamp.bytes().all(|b| b.is_ascii_digit())
                {
                    return with(
                        SaveOutcome::Failed,
                        Some("the archive's answer names no snapshot".into()),
                    );
                }
                snapshot.archive_url = Some(format!("{base}/web/{timestamp}/{}", snapshot.url));
                snapshot.detail = None;
                return with(SaveOutcome::Saved, None);
            }
            Some("error") => {
                return with(
                    SaveOutcome::Failed,
                    Some(message_of(&body).unwrap_or_else(|| "the capture failed".into())),
                );
            }
            _ => {}
        }
    }
    with(
        SaveOutcome::Pending,
        Some("the capture had not finished; a later run finds its snapshot".into()),
    )
}

/// The snapshot a lookup's redirect names, as `<base>/web/<timestamp>[id_]/<source URL>`: only
/// its timestamp is taken from the archive's `Location`, which must lie on the archive's own
/// host under `/web/<digits>`; any other place (another host, `javascript:`, `data:`) is refused
/// and said, never written as an archive_url.
fn snapshot_of(
    base: &str,
    lookup: &str,
    location: &str,
    source_url: &str,
) -> Result<String, String> {
    let refused = || {
        format!(
            "the archive redirected to {}, which is not a snapshot on the archive's host",
            crate::text::quoted(location)
        )
    };
    let base_url = url::Url::parse(base).map_err(|_| refused())?;
    let target = url::Url::parse(lookup)
        .and_then(|l| l.join(location))
        .map_err(|_| refused())?;
    let same_host = target.scheme() == base_url.scheme()
        && target.host_str() == base_url.host_str()
        && target.port_or_known_default() == base_url.port_or_known_default();
    if !same_host {
        return Err(refused());
    }
    let prefix = format!("{}/web/", base_url.path().trim_end_matches('/'));
    let rest = target.path().strip_prefix(&prefix).ok_or_else(refused)?;
    let stamp = rest.split('/').next().unwrap_or_default();
    let digits = stamp.strip_suffix("id_").unwrap_or(stamp);
    if !(4..=14).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(refused());
    }
    Ok(format!(
        "{}/web/{stamp}/{source_url}",
        base.trim_end_matches('/')
    ))
}

fn job_of(body: &[u8]) -> Result<String, String> {
    let answer: serde_json::Value =
        serde_json::from_slice(body).map_err(|_| "the archive's answer is not JSON".to_owned())?;
    match answer["job_id"].as_str() {
        Some(job) if !job.is_empty() => Ok(job.to_owned()),
        _ => Err(message_of(body).unwrap_or_else(|| "the archive started no capture".into())),
    }
}

/// The archive's own explanation (`message`, else `status_ext`), kept short.
fn message_of(body: &[u8]) -> Option<String> {
    let answer: serde_json::Value = serde_json::from_slice(body).ok()?;
    let message = answer["message"]
        .as_str()
        .or_else(|| answer["status_ext"].as_str())?;
    Some(message.chars().take(300).collect())
}

/// `sources archive --write`: adds the snapshots found to every entry that lacks them and
/// writes each changed entry's file (canonical form, atomically); returns the ids written.
pub fn write_snapshots(
    area: &crate::TempArea,
    root: &std::path::Path,
    entries: &[Entry],
    report: &ArchiveReport,
) -> crate::error::Result<Vec<String>> {
    let mut written = Vec::new();
    for entry in entries {
        let mut updated = entry.clone();
        if add_snapshots(&mut updated, report) > 0 {
            crate::write::write_entry(area, root, &updated)?;
            written.push(entry.id.clone());
        }
    }
    Ok(written)
}

/// The report for a person: one line per source, the Save Page Now outcome below it, then the
/// entries written (`written`).
pub fn human(report: &ArchiveReport, written: &[String]) -> String {
    let esc = crate::escape_untrusted;
    let mut out = String::new();
    for s in &report.snapshots {
        out.push_str(&format!(
            "{} source [{}] {}: {}\n",
            s.company,
            s.source,
            esc(&s.url),
            match (&s.archive_url, &s.detail) {
                (Some(found), _) => esc(found),
                (None, Some(why)) => format!("no snapshot ({})", esc(why)),
                (None, None) => "no snapshot".into(),
            }
        ));
        if let Some(save) = &s.save {
            let said = match save.outcome {
                SaveOutcome::Saved => "saved now".to_owned(),
                SaveOutcome::Pending => format!(
                    "capture pending (job {})",
                    esc(save.job_id.as_deref().unwrap_or("?"))
                ),
                SaveOutcome::Failed => format!(
                    "not saved ({})",
                    esc(save.detail.as_deref().unwrap_or("failed"))
                ),
            };
            out.push_str(&format!("  Save Page Now: {said}\n"));
        }
    }
    for id in written {
        out.push_str(&format!("wrote archive links into dataset/{id}.json\n"));
    }
    out
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
