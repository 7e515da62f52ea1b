//! The link check's history between runs (`sources check --state`, default
//! `.icelist/links.json`) and the outcomes it records. Apart from the HTTP client so that its
//! reader builds (and is fuzzed) without the `online` feature.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Ok,
    Redirected,
    NotFound,
    Gone,
    Blocked,
    RateLimited,
    ServerError,
    Timeout,
    Invalid,
    Skipped,
}

impl Outcome {
    /// The outcome as the JSON report spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Redirected => "redirected",
            Outcome::NotFound => "not-found",
            Outcome::Gone => "gone",
            Outcome::Blocked => "blocked",
            Outcome::RateLimited => "rate-limited",
            Outcome::ServerError => "server-error",
            Outcome::Timeout => "timeout",
            Outcome::Invalid => "invalid",
            Outcome::Skipped => "skipped",
        }
    }

    /// A failed check: counts toward `dead`.
    pub fn is_failure(self) -> bool {
        matches!(
            self,
            Outcome::NotFound
                | Outcome::Gone
                | Outcome::ServerError
                | Outcome::Timeout
                | Outcome::Invalid
        )
    }

    pub fn is_success(self) -> bool {
        matches!(self, Outcome::Ok | Outcome::Redirected)
    }
}

/// The history kept between runs (`--state`, default `.icelist/links.json`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LinkState {
    pub version: u32,
    /// URL -> its history.
    pub links: BTreeMap<String, LinkHistory>,
}

/// The largest link history read (a history of 100,000 links is about 15 MiB).
const STATE_LIMIT: u64 = 64 * 1024 * 1024;

impl LinkState {
    /// Reads the history at `path` (empty when there is none), before any network work: a
    /// symbolic link, a FIFO, a device or a folder is refused, never opened for reading (a FIFO
    /// would block the run), and so is a file that is not a history icelist wrote.
    pub fn load(path: &std::path::Path) -> Result<Self, crate::Error> {
        load_state(path, "a link history")
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct LinkHistory {
    /// Distinct days (YYYY-MM-DD) of failed checks since the last success.
    pub failure_days: Vec<String>,
    pub last_outcome: Option<Outcome>,
    pub last_checked: Option<String>,
}

/// Reads a state file a check keeps between runs (empty when there is none), before any
/// network work: a symbolic link, a FIFO, a device or a folder is refused, never opened for
/// reading, and so is a file that is not `what` as icelist writes it.
pub(crate) fn load_state<T: serde::de::DeserializeOwned + Default>(
    path: &std::path::Path,
    what: &str,
) -> Result<T, crate::Error> {
    let bytes = crate::checkout::read_optional(path, STATE_LIMIT).map_err(|source| {
        crate::Error::Unreadable {
            path: path.to_owned(),
            source,
        }
    })?;
    match bytes {
        None => Ok(T::default()),
        Some(bytes) => serde_json::from_slice(&bytes).map_err(|e| crate::Error::Config {
            path: path.to_owned(),
            message: format!("not {what} icelist wrote: {e}"),
        }),
    }
}
