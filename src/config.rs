//! Run settings: `icelist.toml` at the root, `--today` / `ICELIST_TODAY`, and defaults.

use crate::diagnostic::Severity;
use crate::error::{Error, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use time::Date;

/// Parses a full date `YYYY-MM-DD` as the tool's date type, for arithmetic on days.
pub fn parse_date(text: &str) -> Option<Date> {
    crate::model::Date::parse(text).map(Date::from)
}
pub use crate::settings::Settings;

pub(crate) const CONFIG_FILE: &str = "icelist.toml";

impl Settings {
    /// Reads `icelist.toml` under `root` if there is one. Unknown keys and rule codes are errors.
    /// The file is read as any file of a checkout is (no link followed, regular files only,
    /// at most `crate::checkout::CONFIG_LIMIT` bytes).
    pub fn load(root: &Path, today: Date) -> Result<Self> {
        let path = root.join(CONFIG_FILE);
        let bytes = crate::checkout::read_optional(&path, crate::checkout::CONFIG_LIMIT).map_err(
            |source| Error::Unreadable {
                path: path.clone(),
                source,
            },
        )?;
        match bytes {
            None => Ok(Settings::new(today)),
            Some(bytes) => Self::from_toml(&bytes, today).map_err(|message| Error::Config {
                path: path.clone(),
                message,
            }),
        }
    }

    /// Settings from the text of an `icelist.toml` (from a file, or a blob of another
    /// revision). The error names the line and column and never quotes the file: a file that
    /// is not meant as configuration must not be printed into a log.
    pub(crate) fn from_toml(bytes: &[u8], today: Date) -> std::result::Result<Self, String> {
        let mut settings = Settings::new(today);
        let text = std::str::from_utf8(bytes).map_err(|e| {
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.valid_up_to()
            )
        })?;
        let file: ConfigFile = toml::from_str(text).map_err(|e| describe_toml_error(text, &e))?;
        if let Some(id) = &file.data_licence {
            let licence = crate::publication::DataLicence::from_id(id).ok_or_else(|| {
                format!(
                    "data_licence {} is not a licence this tool knows; write one of {}",
                    crate::text::quoted(id),
                    crate::publication::DATA_LICENCES
                        .iter()
                        .map(|l| l.id)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?;
            settings.data_licence = Some(licence);
        }
        if let Some(site_url) = &file.site_url {
            settings.site_url = Some(site_url_setting(site_url)?);
        }
        if let Some(repository) = &file.repository {
            settings.repository = Some(crate::settings::repository_setting(repository)?);
        }
        if let Some(days) = file.stale_after_days {
            settings.stale_after_days = days;
        }
        if let Some(days) = file.award_max_age_days {
            settings.award_max_age_days = days;
        }
        if let Some(days) = file.reply_window_days {
            settings.reply_window_days = days;
        }
        if let Some(size) = file.max_file_size {
            settings.max_file_size = size;
        }
        for (code, level) in file.rules {
            let Some(rule) = crate::rules::rule(&code) else {
                return Err(format!(
                    "unknown rule code {} in [rules]; `icelist rules` lists them",
                    crate::text::quoted(&code)
                ));
            };
            if !rule.configurable() {
                return Err(format!(
                    "the rule {} cannot be configured: it guards the configuration itself",
                    crate::text::quoted(&code)
                ));
            }
            let severity = match level {
                RuleLevel::Error => Some(Severity::Error),
                RuleLevel::Warning => Some(Severity::Warning),
                RuleLevel::Off => None,
            };
            settings.set_override(code, severity);
        }
        Ok(settings)
    }
}

/// `site_url` as links are built from it: an http(s) URL of a folder, ending in `/`.
fn site_url_setting(text: &str) -> std::result::Result<String, String> {
    let url = url::Url::parse(text)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
        .filter(|u| u.query().is_none() && u.fragment().is_none())
        // A user name or password would be published in every link.
        .filter(|u| u.username().is_empty() && u.password().is_none())
        .ok_or_else(|| {
            format!(
                "site_url {} is not an http(s) URL of the site's folder (like https://example.org/icelist/)",
                crate::text::quoted(text)
            )
        })?;
    let mut url = url.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    Ok(url)
}

/// A TOML error as `line L, column C: message`, without the snippet the toml crate draws.
fn describe_toml_error(text: &str, error: &toml::de::Error) -> String {
    let message: String = error
        .message()
        .lines()
        .next()
        .unwrap_or("invalid TOML")
        .chars()
        .take(200)
        .collect();
    let message = crate::text::escape_untrusted(&message);
    match error.span() {
        Some(span) => {
            let at = crate::text::LineIndex::new(text).line_column(span.start);
            format!(
                "invalid TOML at line {}, column {}: {message}",
                at.line, at.column
            )
        }
        None => format!("invalid TOML: {message}"),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    /// The SPDX id of the data's licence.
    data_licence: Option<String>,
    /// Where the site is published, for absolute links in the feed.
    site_url: Option<String>,
    /// The repository the site links to (issue forms, history, source), by default the
    /// crate's `repository`.
    repository: Option<String>,
    stale_after_days: Option<u32>,
    award_max_age_days: Option<u32>,
    reply_window_days: Option<u32>,
    max_file_size: Option<u64>,
    #[serde(default)]
    rules: BTreeMap<String, RuleLevel>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum RuleLevel {
    Error,
    Warning,
    Off,
}

/// "Today": `--today` if given, else `ICELIST_TODAY`, else the clock (UTC).
pub fn today(flag: Option<&str>) -> Result<Date> {
    let from_env = std::env::var("ICELIST_TODAY")
        .ok()
        .filter(|s| !s.is_empty());
    match flag.map(str::to_owned).or(from_env) {
        Some(value) => parse_date(&value).ok_or(Error::BadDate { value }),
        None => Ok(time::OffsetDateTime::now_utc().date()),
    }
}
