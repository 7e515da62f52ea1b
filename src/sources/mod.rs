//! `icelist sources check`: is every source still there? Each `url` and `archive_url` is
//! fetched politely (per host: a few requests at once, an interval between starts), retried
//! only when the failure may pass (5xx, 408, 429, timeouts; capped exponential backoff that
//! honours `Retry-After`), and judged as lychee and InternetArchiveBot judge links: a link is
//! `dead` only after failed checks on three distinct days with no success between them;
//! `blocked` and `rate-limited` answers never count against it.

pub mod archive;
pub mod fetch;

pub use crate::html_text::document_text;
pub use crate::link_history::{LinkHistory, LinkState, Outcome};
use crate::model::Entry;
use crate::rules::quote_invalid;
use fetch::{Answer, Fetch};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// One link of one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub company: String,
    pub source: u64,
    /// `url` or `archive_url`.
    pub field: &'static str,
    pub url: String,
    /// The source's quotes, which `--quotes` looks for in the document.
    pub quotes: Vec<String>,
}

/// Every link of the dataset, in entry and source order.
pub fn links(entries: &[Entry]) -> Vec<Link> {
    let mut links = Vec::new();
    for entry in entries {
        for source in &entry.sources {
            for (field, url) in [("url", &source.url), ("archive_url", &source.archive_url)] {
                if let Some(url) = url {
                    links.push(Link {
                        company: entry.id.clone(),
                        source: source.id,
                        field,
                        url: url.clone(),
                        quotes: source.quotes.clone().unwrap_or_default(),
                    });
                }
            }
        }
    }
    links
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Alive,
    Suspect,
    Dead,
    Unknown,
}

/// One link's line of the report (`--format json` writes these).
#[derive(Debug, Clone, Serialize)]
pub struct LinkResult {
    pub company: String,
    pub source: u64,
    pub field: &'static str,
    pub url: String,
    pub outcome: Outcome,
    pub status: Option<u16>,
    pub final_url: Option<String>,
    pub verdict: Verdict,
    pub failures: usize,
    /// Why, in words, when the outcome is not `ok`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// With `--quotes`, on the link a source's quotes were looked for in: each quote and
    /// whether the document holds it (`null`: not checked, e.g. a PDF or no readable copy).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quotes: Option<Vec<QuoteCheck>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteCheck {
    pub quote: String,
    pub found: Option<bool>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub alive: usize,
    pub suspect: usize,
    pub dead: usize,
    pub unknown: usize,
    /// Links among the four verdicts that were not fetched.
    pub skipped: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    pub version: u32,
    pub checked_on: String,
    pub links: Vec<LinkResult>,
    pub summary: Summary,
}

impl CheckReport {
    /// Whether this machine looks offline: links were fetched and not one request got an
    /// HTTP answer (each failed at DNS, connect, TLS or by a timeout). Such a run says
    /// nothing about the links, and must not count as a failed check of each.
    pub fn looks_offline(&self) -> bool {
        let mut fetched = self
            .links
            .iter()
            .filter(|link| link.outcome != Outcome::Skipped)
            .peekable();
        fetched.peek().is_some() && fetched.all(|link| link.status.is_none())
    }
}

/// How the check behaves.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub host_concurrency: usize,
    pub host_interval: Duration,
    /// Retries after the first attempt, on 5xx, 408, 429 and timeouts.
    pub retries: u32,
    pub max_redirects: usize,
    /// The longest backoff or `Retry-After` honoured.
    pub max_wait: Duration,
    pub today: time::Date,
    /// Look for each source's quotes in its document (its archive when the original fails).
    pub quotes: bool,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            host_concurrency: 2,
            host_interval: Duration::from_millis(1000),
            retries: 3,
            max_redirects: 10,
            max_wait: Duration::from_secs(120),
            today: time::Date::MIN,
            quotes: false,
        }
    }
}

/// Waiting, injectable: tests wait on a clock that only counts.
pub trait Waits: Sync {
    fn now(&self) -> Instant;
    fn sleep(&self, duration: Duration);
}

/// The real clock.
pub struct RealWaits;

impl Waits for RealWaits {
    fn now(&self) -> Instant {
        Instant::now()
    }
    fn sleep(&self, duration: Duration) {
        std::thread::sleep(duration);
    }
}

/// How many hosts are checked at once.
const PARALLEL_HOSTS: usize = 16;

/// Checks every link; updates `state` with today's outcomes.
pub fn check(
    links: &[Link],
    fetcher: &dyn Fetch,
    waits: &dyn Waits,
    options: &CheckOptions,
    state: &mut LinkState,
) -> CheckReport {
    // One fetch per distinct URL; entries that share a URL share its outcome.
    let mut by_host: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut seen = std::collections::HashSet::new();
    let mut outcomes: HashMap<String, Checked> = HashMap::new();
    for link in links {
        if !seen.insert(link.url.clone()) {
            continue;
        }
        match host_key(&link.url) {
            Some(host) => by_host.entry(host).or_default().push(link.url.clone()),
            None => {
                outcomes.insert(
                    link.url.clone(),
                    (
                        Outcome::Skipped,
                        None,
                        None,
                        Some("not an http(s) URL".into()),
                    ),
                );
            }
        }
    }
    let want_body: std::collections::HashSet<&str> = links
        .iter()
        .filter(|l| options.quotes && !l.quotes.is_empty())
        .map(|l| l.url.as_str())
        .collect();
    let bodies: Mutex<HashMap<String, Body>> = Mutex::new(HashMap::new());
    let results = Mutex::new(outcomes);
    let hosts: Vec<(String, Vec<String>)> = by_host.into_iter().collect();
    for wave in hosts.chunks(PARALLEL_HOSTS) {
        std::thread::scope(|scope| {
            for (_, urls) in wave {
                let (results, bodies, want_body) = (&results, &bodies, &want_body);
                scope.spawn(move || {
                    let queue = Mutex::new(urls.iter().cloned().collect::<VecDeque<String>>());
                    let next_start = Mutex::new(waits.now());
                    let workers = options.host_concurrency.max(1).min(urls.len());
                    let (queue, next_start) = (&queue, &next_start);
                    std::thread::scope(|inner| {
                        for _ in 0..workers {
                            inner.spawn(|| {
                                loop {
                                    let Some(url) =
                                        queue.lock().ok().and_then(|mut q| q.pop_front())
                                    else {
                                        return;
                                    };
                                    let (outcome, body) = check_one(
                                        &url,
                                        fetcher,
                                        waits,
                                        options,
                                        want_body.contains(url.as_str()),
                                        &|| wait_turn(next_start, waits, options.host_interval),
                                    );
                                    if let (Some(body), Ok(mut bodies)) = (body, bodies.lock()) {
                                        bodies.insert(url.clone(), body);
                                    }
                                    if let Ok(mut results) = results.lock() {
                                        results.insert(url, outcome);
                                    }
                                }
                            });
                        }
                    });
                });
            }
        });
    }
    let outcomes = results.into_inner().unwrap_or_default();
    let today = crate::model::Date::try_from(options.today)
        .map(|date| date.to_string())
        .unwrap_or_default();
    let mut report = CheckReport {
        version: 1,
        checked_on: today.clone(),
        links: Vec::new(),
        summary: Summary::default(),
    };
    let mut judged: HashMap<String, (Verdict, usize)> = HashMap::new();
    for (url, (outcome, ..)) in &outcomes {
        let history = state.links.entry(url.clone()).or_default();
        let verdict = judge(history, *outcome, &today);
        judged.insert(url.clone(), (verdict, history.failure_days.len()));
    }
    state.version = 1;
    for link in links {
        let Some((outcome, status, final_url, detail)) = outcomes.get(&link.url).cloned() else {
            continue;
        };
        let (verdict, failures) = judged
            .get(&link.url)
            .copied()
            .unwrap_or((Verdict::Unknown, 0));
        match verdict {
            Verdict::Alive => report.summary.alive += 1,
            Verdict::Suspect => report.summary.suspect += 1,
            Verdict::Dead => report.summary.dead += 1,
            Verdict::Unknown => report.summary.unknown += 1,
        }
        if outcome == Outcome::Skipped {
            report.summary.skipped += 1;
        }
        report.links.push(LinkResult {
            company: link.company.clone(),
            source: link.source,
            field: link.field,
            url: link.url.clone(),
            outcome,
            status,
            final_url,
            verdict,
            failures,
            detail,
            quotes: None,
        });
    }
    if options.quotes {
        let bodies = bodies.into_inner().unwrap_or_default();
        check_quotes(links, &mut report.links, &bodies);
    }
    report
}

/// Looks for each source's quotes in the document: the `url`'s copy, else the archive's.
fn check_quotes(links: &[Link], results: &mut [LinkResult], bodies: &HashMap<String, Body>) {
    // The text, and whether it is the whole document.
    let readable = |result: &LinkResult| -> Option<(String, bool)> {
        if !result.outcome.is_success() {
            return None;
        }
        let body = bodies.get(&result.url)?;
        document_text(&body.bytes).map(|text| (text, !body.truncated))
    };
    for i in 0..results.len() {
        let link = &links[i];
        if link.quotes.is_empty() {
            continue;
        }
        let has_url = links
            .iter()
            .any(|l| l.company == link.company && l.source == link.source && l.field == "url");
        // Quotes are reported once per source: on its url, or on the archive when it has none.
        if link.field == "archive_url" && has_url {
            continue;
        }
        let text = readable(&results[i]).or_else(|| {
            results
                .iter()
                .zip(links)
                .find(|(_, l)| {
                    l.company == link.company && l.source == link.source && l.field == "archive_url"
                })
                .and_then(|(r, _)| readable(r))
        });
        let text = text.map(|(t, whole)| (quote_invalid::normalized(&t), whole));
        results[i].quotes = Some(
            link.quotes
                .iter()
                .map(|quote| QuoteCheck {
                    quote: quote.clone(),
                    // Not found in a document that was cut (at the size cap, by a timeout)
                    // is "could not check": the quote may stand in the part not read.
                    found: text.as_ref().and_then(|(t, whole)| {
                        let found = t.contains(&quote_invalid::normalized(quote));
                        (found || *whole).then_some(found)
                    }),
                })
                .collect(),
        );
    }
}

/// Forgets the links no source of the dataset holds any more, so the history (and the
/// workflow's issue built from it) does not keep them.
pub fn prune(state: &mut LinkState, links: &[Link]) {
    let current: std::collections::HashSet<&str> =
        links.iter().map(|link| link.url.as_str()).collect();
    state.links.retain(|url, _| current.contains(url.as_str()));
}

/// Records today's outcome in a link's history and gives its verdict.
pub fn judge(history: &mut LinkHistory, outcome: Outcome, today: &str) -> Verdict {
    history.last_outcome = Some(outcome);
    history.last_checked = Some(today.to_owned());
    if outcome.is_success() {
        history.failure_days.clear();
        return Verdict::Alive;
    }
    if !outcome.is_failure() {
        return Verdict::Unknown;
    }
    if !history.failure_days.iter().any(|d| d == today) {
        history.failure_days.push(today.to_owned());
    }
    if history.failure_days.len() >= 3 {
        Verdict::Dead
    } else {
        Verdict::Suspect
    }
}

/// Waits until this host may start another request, and books the next start.
pub(crate) fn wait_turn(next_start: &Mutex<Instant>, waits: &dyn Waits, interval: Duration) {
    let start = {
        let Ok(mut next) = next_start.lock() else {
            return;
        };
        let start = (*next).max(waits.now());
        *next = start + interval;
        start
    };
    let now = waits.now();
    if start > now {
        waits.sleep(start - now);
    }
}

/// `scheme://host:port`: what politeness limits apply to.
fn host_key(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    Some(format!(
        "{}:{}",
        parsed.host_str()?,
        parsed.port_or_known_default()?
    ))
}

type Checked = (Outcome, Option<u16>, Option<String>, Option<String>);

/// One link: requests (with retries) and redirects followed, each hop checked again.
fn check_one(
    url: &str,
    fetcher: &dyn Fetch,
    waits: &dyn Waits,
    options: &CheckOptions,
    want_body: bool,
    turn: &dyn Fn(),
) -> (Checked, Option<Body>) {
    let mut body = None;
    let checked = follow(url, fetcher, waits, options, want_body, turn, &mut body);
    (checked, body)
}

/// A document's body as read, and whether it was cut.
#[derive(Debug, Clone)]
struct Body {
    bytes: Vec<u8>,
    truncated: bool,
}

fn follow(
    url: &str,
    fetcher: &dyn Fetch,
    waits: &dyn Waits,
    options: &CheckOptions,
    want_body: bool,
    turn: &dyn Fn(),
    kept_body: &mut Option<Body>,
) -> Checked {
    let mut current = url.to_owned();
    let mut visited = vec![current.clone()];
    loop {
        let (answer, status) = with_retries(&current, fetcher, waits, options, want_body, turn);
        let final_url = (current != url).then(|| current.clone());
        let Some(status) = status else {
            return match answer {
                Answer::NotPublic => (
                    Outcome::Skipped,
                    None,
                    final_url,
                    Some("not a public address: not fetched".into()),
                ),
                Answer::Timeout => (Outcome::Timeout, None, final_url, None),
                Answer::Invalid(why) => (Outcome::Invalid, None, final_url, Some(why)),
                Answer::Status { .. } => (Outcome::Invalid, None, final_url, None),
            };
        };
        let Answer::Status {
            location,
            body,
            truncated,
            challenge,
            ..
        } = answer
        else {
            return (Outcome::Invalid, Some(status), final_url, None);
        };
        if matches!(status, 301 | 302 | 303 | 307 | 308) {
            let next = location
                .as_deref()
                .and_then(|l| url::Url::parse(&current).ok()?.join(l).ok());
            let Some(next) = next.filter(|n| matches!(n.scheme(), "http" | "https")) else {
                return (
                    Outcome::Invalid,
                    Some(status),
                    final_url,
                    Some("a redirect to no http(s) URL".into()),
                );
            };
            let next = next.to_string();
            if visited.contains(&next) {
                return (
                    Outcome::Invalid,
                    Some(status),
                    Some(next),
                    Some("a redirect loop".into()),
                );
            }
            if visited.len() > options.max_redirects {
                return (
                    Outcome::Invalid,
                    Some(status),
                    Some(next),
                    Some(format!("more than {} redirects", options.max_redirects)),
                );
            }
            visited.push(next.clone());
            current = next;
            continue;
        }
        let challenge = challenge || is_challenge(&body);
        if want_body && (200..300).contains(&status) {
            *kept_body = Some(Body {
                bytes: body,
                truncated,
            });
        }
        let outcome = match status {
            200..=299 if challenge => Outcome::Blocked,
            200..=299 if current != url => Outcome::Redirected,
            200..=299 => Outcome::Ok,
            404 => Outcome::NotFound,
            410 => Outcome::Gone,
            401 | 403 | 999 => Outcome::Blocked,
            429 => Outcome::RateLimited,
            408 => Outcome::Timeout,
            503 if challenge => Outcome::Blocked,
            500..=599 => Outcome::ServerError,
            _ => Outcome::Invalid,
        };
        return (outcome, Some(status), final_url, None);
    }
}

/// A request with HEAD, then GET when HEAD is refused, retried when the failure may pass.
fn with_retries(
    url: &str,
    fetcher: &dyn Fetch,
    waits: &dyn Waits,
    options: &CheckOptions,
    want_body: bool,
    turn: &dyn Fn(),
) -> (Answer, Option<u16>) {
    let mut attempt = 0;
    loop {
        turn();
        let mut answer = fetcher.fetch(url, if want_body { "GET" } else { "HEAD" });
        if let Answer::Status { status, .. } = answer
            && (status >= 400 && status != 429)
        {
            turn();
            answer = fetcher.fetch(url, "GET");
        }
        let status = match &answer {
            Answer::Status { status, .. } => Some(*status),
            _ => None,
        };
        match retry_wait(&answer, attempt, options.retries, options.max_wait) {
            Some(wait) => waits.sleep(wait),
            None => return (answer, status),
        }
        attempt += 1;
    }
}

/// How long to wait before asking again after `answer` (attempt `attempt`, from 0), or `None`
/// when it is final: only 5xx, 408, 429 and timeouts are asked again, `retries` times at most,
/// after an exponential backoff or the server's longer `Retry-After`, within `max_wait`.
pub(crate) fn retry_wait(
    answer: &Answer,
    attempt: u32,
    retries: u32,
    max_wait: Duration,
) -> Option<Duration> {
    let retry = match answer {
        Answer::Timeout => true,
        Answer::Status { status, .. } => *status >= 500 || *status == 408 || *status == 429,
        _ => false,
    };
    if !retry || attempt >= retries {
        return None;
    }
    let backoff = Duration::from_secs(1 << attempt.min(6));
    let asked = match answer {
        Answer::Status {
            retry_after: Some(value),
            ..
        } => retry_after(value),
        _ => None,
    };
    Some(asked.unwrap_or(backoff).max(backoff).min(max_wait))
}

/// `Retry-After`: seconds, or an HTTP date.
fn retry_after(value: &str) -> Option<Duration> {
    if let Ok(seconds) = value.trim().parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date =
        time::OffsetDateTime::parse(value.trim(), &time::format_description::well_known::Rfc2822)
            .ok()?;
    let wait = date - time::OffsetDateTime::now_utc();
    Some(Duration::from_secs(wait.whole_seconds().max(0) as u64))
}

/// A bot-challenge page stands for "blocked", not for the page. Recognised by the markup the
/// challenge platforms put in their pages, never by a word an article may use ("captcha"):
/// Cloudflare's challenge (`/cdn-cgi/challenge-platform/`, `window._cf_chl_opt`, its "Just a
/// moment..." title), Turnstile's and hCaptcha's widgets and scripts. The header
/// `cf-mitigated: challenge` is read by the fetcher.
fn is_challenge(body: &[u8]) -> bool {
    let head = String::from_utf8_lossy(body.get(..16 * 1024).unwrap_or(body)).to_lowercase();
    [
        "/cdn-cgi/challenge-platform/",
        "window._cf_chl_opt",
        "<title>just a moment...</title>",
        "challenges.cloudflare.com/turnstile",
        "class=\"cf-turnstile\"",
        "hcaptcha.com/1/api.js",
        "class=\"h-captcha\"",
    ]
    .iter()
    .any(|marker| head.contains(marker))
}

/// The report as text: one line per link that is not alive, then the counts.
pub fn human(report: &CheckReport) -> String {
    let mut out = String::new();
    for link in report.links.iter().filter(|l| l.verdict != Verdict::Alive) {
        out.push_str(&format!(
            "{:<8} {:<12} {} source [{}] {}: {}{}\n",
            format!("{:?}", link.verdict).to_lowercase(),
            link.outcome.as_str(),
            link.company,
            link.source,
            link.field,
            crate::text::escape_untrusted(&link.url),
            link.detail
                .as_deref()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default()
        ));
    }
    for link in &report.links {
        for quote in link.quotes.iter().flatten() {
            let what = match quote.found {
                Some(true) => continue,
                Some(false) => "quote-not-found",
                None => "quote-not-checked",
            };
            out.push_str(&format!(
                "{what} {} source [{}]: {}\n",
                link.company,
                link.source,
                crate::text::escape_untrusted(&quote.quote)
            ));
        }
    }
    let s = &report.summary;
    out.push_str(&format!(
        "{} links checked on {}: {} alive, {} suspect, {} dead, {} unknown ({} not fetched)\n",
        report.links.len(),
        report.checked_on,
        s.alive,
        s.suspect,
        s.dead,
        s.unknown,
        s.skipped
    ));
    out
}

/// The report as Markdown (the workflow's job summary and issue): dead and suspect links.
pub fn markdown(report: &CheckReport) -> String {
    let s = &report.summary;
    let mut out = format!(
        "## Source links checked on {}\n\n{} alive, {} suspect, {} dead, {} unknown ({} not fetched).\n\n",
        report.checked_on, s.alive, s.suspect, s.dead, s.unknown, s.skipped
    );
    let listed: Vec<&LinkResult> = report
        .links
        .iter()
        .filter(|l| matches!(l.verdict, Verdict::Dead | Verdict::Suspect))
        .collect();
    if listed.is_empty() {
        out.push_str("No dead or suspect links.\n");
        return out;
    }
    out.push_str("| verdict | company | source | outcome | failed days | link |\n| --- | --- | --- | --- | --- | --- |\n");
    for link in listed {
        out.push_str(&format!(
            "| {} | `{}` | [{}] {} | {} | {} | {} |\n",
            format!("{:?}", link.verdict).to_lowercase(),
            link.company.replace('`', ""),
            link.source,
            link.field,
            link.outcome.as_str(),
            link.failures,
            crate::text::escape_markdown(&link.url)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dead_only_after_three_distinct_days_and_a_success_resets() {
        let mut history = LinkHistory::default();
        assert_eq!(
            judge(&mut history, Outcome::NotFound, "2026-01-01"),
            Verdict::Suspect
        );
        assert_eq!(
            judge(&mut history, Outcome::NotFound, "2026-01-01"),
            Verdict::Suspect
        );
        assert_eq!(
            judge(&mut history, Outcome::Blocked, "2026-01-02"),
            Verdict::Unknown
        );
        assert_eq!(
            judge(&mut history, Outcome::Timeout, "2026-01-02"),
            Verdict::Suspect
        );
        assert_eq!(
            judge(&mut history, Outcome::Gone, "2026-01-03"),
            Verdict::Dead
        );
        assert_eq!(history.failure_days.len(), 3);
        assert_eq!(
            judge(&mut history, Outcome::Ok, "2026-01-04"),
            Verdict::Alive
        );
        assert_eq!(
            judge(&mut history, Outcome::NotFound, "2026-01-05"),
            Verdict::Suspect
        );
    }

    #[test]
    fn outcomes_print_as_the_json_spells_them() {
        for outcome in [
            Outcome::Ok,
            Outcome::Redirected,
            Outcome::NotFound,
            Outcome::Gone,
            Outcome::Blocked,
            Outcome::RateLimited,
            Outcome::ServerError,
            Outcome::Timeout,
            Outcome::Invalid,
            Outcome::Skipped,
        ] {
            assert_eq!(serde_json::to_value(outcome).unwrap(), outcome.as_str());
        }
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        assert_eq!(retry_after("7"), Some(Duration::from_secs(7)));
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon"), None);
    }
}
