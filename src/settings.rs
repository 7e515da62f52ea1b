//! What a run's checks depend on besides the data: "today", limits and per-rule severities.
//! A leaf module: the rules read it, and `config` (which parses `icelist.toml` against the
//! rule registry) fills it.

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use time::Date;

/// How serious a finding is. `Error` fails the run (exit 1); `Warning` is shown but does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

pub(crate) const DEFAULT_STALE_AFTER_DAYS: u32 = 365;
/// Award records change (obligations grow, end dates move): facts are re-read twice a year.
pub(crate) const DEFAULT_AWARD_MAX_AGE_DAYS: u32 = 180;
/// A company gets a month to answer before its silence is recorded as `no-reply`.
pub(crate) const DEFAULT_REPLY_WINDOW_DAYS: u32 = 30;
pub(crate) const DEFAULT_MAX_FILE_SIZE: u64 = crate::dataset::MAX_ENTRY_FILE_SIZE;

/// Everything a run's checks depend on besides the data.
#[derive(Debug, Clone)]
pub struct Settings {
    /// "Today", for verification dates.
    pub today: Date,
    pub stale_after_days: u32,
    /// An award's facts older than this many days are reported (`award-unchecked`).
    pub award_max_age_days: u32,
    /// How long after contacting a company a `no-reply` may be recorded
    /// (`reply_window_days`).
    pub reply_window_days: u32,
    /// Files larger than this are not read.
    pub max_file_size: u64,
    /// Per-rule overrides; `None` turns a rule off.
    overrides: BTreeMap<String, Option<Severity>>,
    /// The licence of the data, carried into every output (`None`: none declared).
    pub data_licence: Option<crate::publication::DataLicence>,
    /// Where the site is published (`https://example.org/icelist/`), for absolute links.
    pub site_url: Option<String>,
    /// The repository the site links to: its issue forms, an entry's history, the source
    /// (`https://github.com/owner/name`). `None`: the site has no such links.
    pub repository: Option<String>,
}

/// `repository` as the site links to it: the https address of a repository on a GitHub host,
/// `https://<host>/<owner>/<name>` (a trailing `/` or `.git` is dropped), since the site opens
/// its issue forms by GitHub's URL parameters.
pub fn repository_setting(text: &str) -> std::result::Result<String, String> {
    let problem = || {
        format!(
            "repository {} is not the https address of a repository (like https://github.com/owner/name)",
            crate::text::quoted(text)
        )
    };
    let url = url::Url::parse(text.trim_end_matches('/')).map_err(|_| problem())?;
    if url.scheme() != "https"
        || url.host_str().is_none()
        || url.query().is_some()
        || url.fragment().is_some()
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return Err(problem());
    }
    let segments: Vec<&str> = url.path_segments().map(Iterator::collect).unwrap_or_default();
    let [owner, name] = segments.as_slice() else {
        return Err(problem());
    };
    let name = name.strip_suffix(".git").unwrap_or(name);
    let plain = |s: &str| {
        !s.is_empty()
            && s != "."
            && s != ".."
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    };
    if !plain(owner) || !plain(name) {
        return Err(problem());
    }
    Ok(format!("{}://{}/{owner}/{name}", url.scheme(), url.authority()))
}

/// The issue forms the site and the bot's comment open (`.github/ISSUE_TEMPLATE/`).
use crate::issue_event::FormKind;
pub(crate) const PROPOSE_FORM: &str = FormKind::ProposeCompany.template();
pub(crate) const CORRECT_FORM: &str = FormKind::CorrectEntry.template();
pub(crate) const RESPOND_FORM: &str = FormKind::CompanyResponse.template();

/// The address that opens the issue form `template` of `repository`, with its title and its
/// `entry` field filled in when given (GitHub's issue-form URL parameters: a field's id is its
/// parameter).
pub(crate) fn issue_form_url(
    repository: &str,
    template: &str,
    title: Option<&str>,
    entry: Option<&str>,
) -> Option<String> {
    let mut url = url::Url::parse(repository).ok()?;
    url.path_segments_mut().ok()?.extend(["issues", "new"]);
    {
        let mut query = url.query_pairs_mut();
        query.append_pair("template", template);
        if let Some(title) = title {
            query.append_pair("title", title);
        }
        if let Some(entry) = entry {
            query.append_pair("entry", entry);
        }
    }
    Some(url.to_string())
}

/// The crate's own `repository` (Cargo.toml), when it names one the site can link to.
fn default_repository() -> Option<String> {
    let declared = option_env!("CARGO_PKG_REPOSITORY").filter(|r| !r.is_empty())?;
    repository_setting(declared).ok()
}

impl Settings {
    pub fn new(today: Date) -> Self {
        Settings {
            today,
            stale_after_days: DEFAULT_STALE_AFTER_DAYS,
            award_max_age_days: DEFAULT_AWARD_MAX_AGE_DAYS,
            reply_window_days: DEFAULT_REPLY_WINDOW_DAYS,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            overrides: BTreeMap::new(),
            data_licence: None,
            site_url: None,
            repository: default_repository(),
        }
    }

    /// This run's setting for a rule: `Some(None)` turns it off, `None` leaves its default.
    pub(crate) fn override_for(&self, code: &str) -> Option<Option<Severity>> {
        self.overrides.get(code).copied()
    }

    pub(crate) fn set_override(&mut self, code: String, severity: Option<Severity>) {
        self.overrides.insert(code, severity);
    }
}
