//! `icelist sources check` against a mock server on 127.0.0.1: every outcome, politeness,
//! retries on an injected clock, the verdict over days, and the JSON contract. No test touches
//! the internet.
#![allow(clippy::unwrap_used, clippy::expect_used)]
#![cfg(feature = "online")]

mod common;

#[path = "common/mock_http.rs"]
mod mock_http;

use common::{Tree, named_entry};
use icelist::sources::fetch::{AddressPolicy, HttpFetch};
use icelist::sources::{CheckOptions, Link, LinkState, Outcome, Verdict, Waits, check};
use mock_http::MockServer;
use serde_json::{Value, json};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A clock that only counts: backoff waits cost no time.
struct CountingClock {
    start: Instant,
    waited: Mutex<Duration>,
}

impl CountingClock {
    fn new() -> Self {
        CountingClock {
            start: Instant::now(),
            waited: Mutex::new(Duration::ZERO),
        }
    }
}

impl Waits for CountingClock {
    fn now(&self) -> Instant {
        self.start + *self.waited.lock().unwrap()
    }
    fn sleep(&self, duration: Duration) {
        *self.waited.lock().unwrap() += duration;
    }
}

fn loopback_only() -> AddressPolicy {
    AddressPolicy {
        allow_private: false,
        allowed: vec!["127.0.0.1".parse().unwrap()],
    }
}

fn link(url: String) -> Link {
    Link {
        company: "acme-widgets".into(),
        source: 1,
        field: "url",
        url,
        quotes: Vec::new(),
    }
}

fn options() -> CheckOptions {
    CheckOptions {
        host_interval: Duration::ZERO,
        today: time::macros::date!(2026 - 06 - 01),
        ..CheckOptions::default()
    }
}

#[test]
fn every_answer_gets_its_outcome() {
    let server = MockServer::start();
    let cases = [
        ("/ok", Outcome::Ok, Verdict::Alive),
        ("/moved/3", Outcome::Redirected, Verdict::Alive),
        ("/loop", Outcome::Invalid, Verdict::Suspect),
        ("/missing", Outcome::NotFound, Verdict::Suspect),
        ("/gone", Outcome::Gone, Verdict::Suspect),
        ("/forbidden", Outcome::Blocked, Verdict::Unknown),
        ("/busy", Outcome::RateLimited, Verdict::Unknown),
        ("/flaky", Outcome::Ok, Verdict::Alive),
        ("/challenge", Outcome::Blocked, Verdict::Unknown),
        ("/big", Outcome::Ok, Verdict::Alive),
        ("/to-private", Outcome::Skipped, Verdict::Unknown),
        ("/to-ftp", Outcome::Invalid, Verdict::Suspect),
    ];
    let links: Vec<Link> = cases
        .iter()
        .map(|(path, ..)| link(server.url(path)))
        .collect();
    let fetcher = HttpFetch::new(
        "icelist-test",
        Duration::from_secs(5),
        1024 * 1024,
        loopback_only(),
    );
    let clock = CountingClock::new();
    let mut state = LinkState::default();
    let started = Instant::now();
    let report = check(&links, &fetcher, &clock, &options(), &mut state);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "the big body was read whole?"
    );
    for ((path, outcome, verdict), result) in cases.iter().zip(&report.links) {
        assert_eq!(
            (result.outcome, result.verdict),
            (*outcome, *verdict),
            "{path}: {result:?}"
        );
    }
    let moved = &report.links[1];
    assert_eq!(
        moved.final_url.as_deref(),
        Some(server.url("/ok/final").as_str())
    );
    assert_eq!(report.links[6].status, Some(429));
    // 429 with Retry-After: 30, retried three times on the counting clock.
    assert!(*clock.waited.lock().unwrap() >= Duration::from_secs(90));
    // The private address was never asked for: the only requests are to the mock server.
    assert_eq!(report.summary.skipped, 1);
    let s = &report.summary;
    assert_eq!(s.alive + s.suspect + s.dead + s.unknown, report.links.len());
}

#[test]
fn a_response_slower_than_the_timeout_is_a_timeout() {
    let server = MockServer::start();
    let fetcher = HttpFetch::new(
        "icelist-test",
        Duration::from_secs(1),
        1024,
        loopback_only(),
    );
    let options = CheckOptions {
        retries: 1,
        ..options()
    };
    let report = check(
        &[link(server.url("/slow"))],
        &fetcher,
        &CountingClock::new(),
        &options,
        &mut LinkState::default(),
    );
    assert_eq!(report.links[0].outcome, Outcome::Timeout);
    assert_eq!(report.links[0].verdict, Verdict::Suspect);
}

#[test]
fn private_addresses_are_skipped_unless_allowed() {
    let server = MockServer::start();
    let fetcher = HttpFetch::new(
        "icelist-test",
        Duration::from_secs(5),
        1024,
        AddressPolicy::default(),
    );
    let report = check(
        &[link(server.url("/ok"))],
        &fetcher,
        &CountingClock::new(),
        &options(),
        &mut LinkState::default(),
    );
    assert_eq!(report.links[0].outcome, Outcome::Skipped);
    assert!(
        server.requests().is_empty(),
        "a refused address is never connected to"
    );
}

#[test]
fn a_thousand_links_on_fifty_hosts_keep_the_per_host_limits() {
    let servers: Vec<MockServer> = (0..50).map(|_| MockServer::start()).collect();
    let mut links = Vec::new();
    for (h, server) in servers.iter().enumerate() {
        for i in 0..20 {
            let path = if (h + i) % 5 == 0 {
                format!("/missing/{i}")
            } else {
                format!("/ok/{i}")
            };
            links.push(link(server.url(&path)));
        }
    }
    let interval = Duration::from_millis(20);
    let options = CheckOptions {
        host_interval: interval,
        host_concurrency: 2,
        ..options()
    };
    let fetcher = HttpFetch::new(
        "icelist-test",
        Duration::from_secs(5),
        1024,
        loopback_only(),
    );
    let report = check(
        &links,
        &fetcher,
        &icelist::sources::RealWaits,
        &options,
        &mut LinkState::default(),
    );
    assert_eq!(report.links.len(), 1000);
    for result in &report.links {
        let expected = if result.url.contains("/missing/") {
            Outcome::NotFound
        } else {
            Outcome::Ok
        };
        assert_eq!(result.outcome, expected, "{}", result.url);
    }
    for server in &servers {
        let requests = server.requests();
        // HEAD for every link, and GET after a refused HEAD.
        assert!(requests.len() >= 20);
        assert!(
            requests.iter().all(|r| r.in_flight <= 2),
            "more than 2 at once on one host"
        );
        let mut starts: Vec<Instant> = requests.iter().map(|r| r.at).collect();
        starts.sort();
        // Starts are booked `interval` apart; the server sees them with the jitter of thread
        // scheduling on two cores, so the rate is checked over the whole run of each host.
        let span = *starts.last().unwrap() - starts[0];
        let booked = interval * (starts.len() as u32 - 1);
        // Without the interval the span would be a few milliseconds; the first and last
        // arrivals may each be late by a scheduling slice.
        assert!(
            span * 5 >= booked * 4,
            "{span:?} for {} requests",
            starts.len()
        );
    }
}

/// Through the binary: the JSON contract, the state file, and a 404 that becomes dead only on
/// the third distinct day.
#[test]
fn three_runs_a_day_apart_turn_a_404_from_suspect_into_dead() {
    let server = MockServer::start();
    let tree = Tree::new();
    let mut entry = named_entry("acme-widgets", "Acme Widgets");
    entry["sources"][0]["url"] = json!(server.url("/missing/page"));
    entry["sources"][1]["url"] = json!(server.url("/ok/page"));
    entry["sources"][2]["url"] = json!("ftp://files.example.com/record");
    tree.write_entry(&entry);
    let check = |today: &str| -> (Option<i32>, String) {
        let output = tree
            .command()
            .args([
                "sources",
                "check",
                "--format",
                "json",
                "--host-interval",
                "0",
                "--allow-address",
                "127.0.0.1",
            ])
            .args(["--today", today, "--fail-on", "dead"])
            .output()
            .unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(
            text.ends_with("}\n"),
            "{text:?} {}",
            String::from_utf8_lossy(&output.stderr)
        );
        (output.status.code(), text)
    };
    let run = |today: &str| -> Value {
        let (code, text) = check(today);
        let report: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            code,
            Some(if report["summary"]["dead"] == 0 { 0 } else { 1 })
        );
        report
    };
    let verdicts = |report: &Value| -> Vec<(String, String, u64)> {
        report["links"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                (
                    l["outcome"].as_str().unwrap().to_owned(),
                    l["verdict"].as_str().unwrap().to_owned(),
                    l["failures"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let first = run("2026-06-01");
    assert_eq!(first["version"], 1);
    assert_eq!(first["checked_on"], "2026-06-01");
    assert_eq!(first["links"][0]["company"], "acme-widgets");
    assert_eq!(first["links"][0]["source"], 1);
    assert_eq!(first["links"][0]["field"], "url");
    assert_eq!(first["links"][0]["status"], 404);
    assert_eq!(first["links"][0]["final_url"], Value::Null);
    assert_eq!(
        verdicts(&first)[..3],
        [
            ("not-found".into(), "suspect".into(), 1),
            ("ok".into(), "alive".into(), 0),
            ("skipped".into(), "unknown".into(), 0)
        ]
    );
    assert_eq!(
        first["summary"],
        json!({"alive": 1, "suspect": 1, "dead": 0, "unknown": 1, "skipped": 1})
    );
    // The same day again counts once.
    assert_eq!(
        verdicts(&run("2026-06-01"))[0],
        ("not-found".into(), "suspect".into(), 1)
    );
    assert_eq!(
        verdicts(&run("2026-06-02"))[0],
        ("not-found".into(), "suspect".into(), 2)
    );
    let third = run("2026-06-03");
    assert_eq!(verdicts(&third)[0], ("not-found".into(), "dead".into(), 3));
    // The contract's bytes (the same day again changes nothing); the mock server's port is
    // the one part that differs between runs.
    let (_, text) = check("2026-06-03");
    insta::assert_snapshot!(
        "sources_check_json",
        text.replace(&server.url(""), "http://127.0.0.1:<port>")
    );
    let state: Value = serde_json::from_str(&tree.read(".icelist/links.json")).unwrap();
    assert_eq!(
        state["links"][server.url("/missing/page")]["failure_days"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    // The source is corrected: its old link leaves the history.
    entry["sources"][0]["url"] = json!(server.url("/ok/other"));
    tree.write_entry(&entry);
    run("2026-06-04");
    let state: Value = serde_json::from_str(&tree.read(".icelist/links.json")).unwrap();
    assert!(
        state["links"].get(server.url("/missing/page")).is_none(),
        "{state:#}"
    );
    assert!(state["links"].get(server.url("/ok/other")).is_some());
}

/// A `--state` that is not a regular file (a FIFO would block the run, a link could point
/// anywhere) is refused before any request is made.
#[test]
#[cfg(unix)]
fn a_state_that_is_not_a_regular_file_is_refused_before_any_request() {
    let server = MockServer::start();
    let tree = Tree::new();
    let mut entry = named_entry("acme-widgets", "Acme Widgets");
    entry["sources"][0]["url"] = json!(server.url("/ok/page"));
    tree.write_entry(&entry);
    let fifo = tree.root().join("state.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    tree.write("real.json", "{\"version\":1,\"links\":{}}");
    std::os::unix::fs::symlink(tree.root().join("real.json"), tree.root().join("link.json"))
        .unwrap();
    for state in [
        fifo.clone(),
        tree.root().join("link.json"),
        std::path::PathBuf::from("/dev/zero"),
        tree.root().join("dataset"),
    ] {
        let output = tree
            .command()
            .args(["sources", "check", "--host-interval", "0"])
            .args(["--allow-address", "127.0.0.1", "--state"])
            .arg(&state)
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(2),
            "{}: {}",
            state.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("cannot read"),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert!(
        server.requests().is_empty(),
        "{:?}",
        server.requests().len()
    );
    assert_eq!(tree.read("real.json"), "{\"version\":1,\"links\":{}}");
}

/// `sources archive`: the snapshot nearest each source's date, read from the archive's redirect
/// and added only where there is no archive_url.
#[test]
fn snapshots_are_found_and_only_ever_added() {
    let server = MockServer::start();
    let tree = Tree::new();
    let mut entry = named_entry("acme-widgets", "Acme Widgets");
    entry["sources"][0]["url"] = json!("https://news.example.com/archived-profile");
    entry["sources"][0]["date"] = json!("2018-03-06");
    entry["sources"][1]["url"] = json!("https://gazette.example.org/missing");
    entry["sources"][2]["archive_url"] = json!("https://archive.example.org/kept");
    tree.write_entry(&entry);
    let output = tree
        .command()
        .args([
            "sources",
            "archive",
            "--format",
            "json",
            "--write",
            "--host-interval",
            "0",
        ])
        .args([
            "--allow-address",
            "127.0.0.1",
            "--wayback-base",
            &server.url(""),
        ])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.ends_with("}\n"), "{text:?}");
    insta::assert_snapshot!(
        "sources_archive_json",
        text.replace(&server.url(""), "http://127.0.0.1:<port>")
    );
    let report: Value = serde_json::from_str(&text).unwrap();
    let snapshots = report["snapshots"].as_array().unwrap();
    assert_eq!(
        snapshots.len(),
        2,
        "the source with an archive_url is not looked up: {report:#}"
    );
    let expected = server.url("/web/20180306101500/https://news.example.com/archived-profile");
    assert_eq!(snapshots[0]["archive_url"], expected.as_str());
    assert_eq!(snapshots[1]["archive_url"], Value::Null);
    // The lookup asked for the snapshot nearest the source's date.
    assert!(
        server
            .requests()
            .iter()
            .any(|r| r.path == "/web/20180306/https://news.example.com/archived-profile")
    );
    let written: Value = serde_json::from_str(&tree.read("dataset/acme-widgets.json")).unwrap();
    assert_eq!(written["sources"][0]["archive_url"], expected.as_str());
    assert_eq!(
        written["sources"][0]["url"],
        "https://news.example.com/archived-profile"
    );
    assert!(written["sources"][1].get("archive_url").is_none());
    assert_eq!(
        written["sources"][2]["archive_url"],
        "https://archive.example.org/kept"
    );
}

fn with_urls(urls: &[&str]) -> Value {
    let mut entry = named_entry("acme-widgets", "Acme Widgets");
    let template = entry["sources"][0].clone();
    entry["sources"] = urls
        .iter()
        .enumerate()
        .map(|(i, url)| {
            let mut source = template.clone();
            source["id"] = json!(i + 1);
            source["url"] = json!(url);
            source.as_object_mut().unwrap().remove("archive_url");
            source
        })
        .collect();
    entry
}

fn mock_fetcher() -> HttpFetch {
    HttpFetch::new(
        "icelist-test",
        Duration::from_secs(5),
        1 << 20,
        loopback_only(),
    )
}

/// `sources archive`'s lookups for one entry with these source URLs, against the mock archive.
fn look_up(
    server: &MockServer,
    clock: &CountingClock,
    urls: &[&str],
) -> icelist::sources::archive::ArchiveReport {
    let entries: Vec<icelist::model::Entry> =
        vec![serde_json::from_value(with_urls(urls)).unwrap()];
    icelist::sources::archive::find_snapshots(
        &entries,
        &mock_fetcher(),
        clock,
        &server.url(""),
        Duration::ZERO,
        time::macros::date!(2026 - 11 - 29),
    )
}

/// `--save`: Save Page Now is asked only for pages the archive holds no snapshot of, with the
/// keys; a finished capture becomes the snapshot, a refused or failed one says why, and one
/// still running after every status request is pending with its job id.
#[test]
fn save_page_now_captures_only_what_the_archive_lacks() {
    use icelist::sources::archive::{self, SaveKeys, SaveOutcome, SavePolling};
    let server = MockServer::start();
    let (clock, fetcher, base) = (CountingClock::new(), mock_fetcher(), server.url(""));
    let mut report = look_up(
        &server,
        &clock,
        &[
            "https://news.example.com/archived-profile",
            "https://news.example.com/fresh?a=1&b=x%20y",
            "https://news.example.com/excluded",
            "https://news.example.com/unfinished",
            "https://news.example.com/failing",
        ],
    );
    let keys = SaveKeys::new(mock_http::SPN_ACCESS.into(), mock_http::SPN_SECRET.into()).unwrap();
    let polling = SavePolling {
        interval: Duration::from_secs(5),
        attempts: 3,
    };
    archive::save_missing(
        &mut report,
        &fetcher,
        &clock,
        &base,
        &keys,
        Duration::from_secs(1),
        polling,
    );
    let by_url = |tail: &str| {
        report
            .snapshots
            .iter()
            .find(|s| s.url.ends_with(tail))
            .unwrap()
            .clone()
    };
    let archived = by_url("archived-profile");
    assert!(
        archived.save.is_none(),
        "a page with a snapshot is not saved again"
    );
    assert!(archived.archive_url.is_some());

    let fresh = by_url("x%20y");
    let save = fresh.save.unwrap();
    assert_eq!(save.outcome, SaveOutcome::Saved);
    assert_eq!(
        fresh.archive_url.as_deref(),
        Some(
            server
                .url("/web/20261129120000/https://news.example.com/fresh?a=1&b=x%20y")
                .as_str()
        )
    );

    let excluded = by_url("excluded").save.unwrap();
    assert_eq!(excluded.outcome, SaveOutcome::Failed);
    assert!(excluded.detail.unwrap().contains("exclusion list"));

    let unfinished = by_url("unfinished");
    let save = unfinished.save.unwrap();
    assert_eq!(save.outcome, SaveOutcome::Pending);
    assert!(save.job_id.unwrap().starts_with("spn2-"));
    assert!(unfinished.archive_url.is_none());

    let failing = by_url("failing").save.unwrap();
    assert_eq!(failing.outcome, SaveOutcome::Failed);
    assert!(failing.detail.unwrap().contains("cannot find"));

    let requests = server.requests();
    let posts: Vec<_> = requests.iter().filter(|r| r.method == "POST").collect();
    assert_eq!(posts.len(), 4, "one capture per page without a snapshot");
    for post in &posts {
        assert_eq!(post.path, "/save");
        assert_eq!(
            post.authorization.as_deref(),
            Some("LOW test-access:test-secret")
        );
    }
    // The page's address is form-encoded whole, query included.
    assert!(
        posts
            .iter()
            .any(|p| p.body == "url=https%3A%2F%2Fnews.example.com%2Ffresh%3Fa%3D1%26b%3Dx%2520y")
    );
    // Status requests carry the keys too, and stop at the first answer that settles the job:
    // fresh 2, unfinished 3 (every attempt), failing 1.
    let statuses: Vec<_> = requests
        .iter()
        .filter(|r| r.path.starts_with("/save/status/"))
        .collect();
    assert_eq!(statuses.len(), 6);
    assert!(statuses.iter().all(|r| r.authorization.is_some()));
    // Waits: 3 seconds between the 4 captures, 5 before each status request.
    assert_eq!(clock.now() - clock.start, Duration::from_secs(3 + 6 * 5));
}

/// Keys the archive refuses (or an archive that says it is busy) stop the captures after the
/// first answer: every later one would be refused the same way.
#[test]
fn refused_keys_stop_the_captures_at_the_first_answer() {
    use icelist::sources::archive::{self, SaveKeys, SaveOutcome, SavePolling};
    let server = MockServer::start();
    let (clock, fetcher, base) = (CountingClock::new(), mock_fetcher(), server.url(""));
    let mut report = look_up(
        &server,
        &clock,
        &[
            "https://news.example.com/one",
            "https://news.example.com/two",
            "https://news.example.com/three",
        ],
    );
    let wrong = SaveKeys::new("test-access".into(), "not-the-secret".into()).unwrap();
    archive::save_missing(
        &mut report,
        &fetcher,
        &clock,
        &base,
        &wrong,
        Duration::ZERO,
        SavePolling {
            interval: Duration::ZERO,
            attempts: 1,
        },
    );
    let saves: Vec<_> = report
        .snapshots
        .iter()
        .map(|s| s.save.clone().unwrap())
        .collect();
    assert!(saves.iter().all(|s| s.outcome == SaveOutcome::Failed));
    assert!(
        saves[0]
            .detail
            .as_deref()
            .unwrap()
            .contains("refused the keys (401)")
    );
    assert!(saves[1].detail.as_deref().unwrap().starts_with("not asked"));
    let posts = server
        .requests()
        .iter()
        .filter(|r| r.method == "POST")
        .count();
    assert_eq!(posts, 1);
    assert!(SaveKeys::new(String::new(), "secret".into()).is_none());
    assert!(SaveKeys::new("access".into(), "se\ncret".into()).is_none());
    assert_eq!(
        format!("{wrong:?}"),
        "SaveKeys(..)",
        "keys are never printed"
    );
}

/// A capture reported done without its snapshot's timestamp is a failure, not an archive_url
/// made up from nothing.
#[test]
fn a_capture_without_a_timestamp_writes_no_archive_url() {
    use icelist::sources::archive::{self, SaveKeys, SaveOutcome, SavePolling};
    let server = MockServer::start();
    let clock = CountingClock::new();
    let mut report = look_up(&server, &clock, &["https://news.example.com/nameless"]);
    let keys = SaveKeys::new(mock_http::SPN_ACCESS.into(), mock_http::SPN_SECRET.into()).unwrap();
    archive::save_missing(
        &mut report,
        &mock_fetcher(),
        &clock,
        &server.url(""),
        &keys,
        Duration::ZERO,
        SavePolling {
            interval: Duration::ZERO,
            attempts: 3,
        },
    );
    let snapshot = &report.snapshots[0];
    let save = snapshot.save.clone().unwrap();
    assert_eq!(save.outcome, SaveOutcome::Failed);
    assert_eq!(
        save.detail.as_deref(),
        Some("the archive's answer names no snapshot")
    );
    assert_eq!(snapshot.archive_url, None);
}

/// Through the binary: `--save` needs both keys and sends them only over https (or to this
/// machine), checked before anything is fetched; with them, the capture is written as the
/// source's archive_url and the keys appear in no output.
#[test]
fn the_binary_saves_with_keys_from_the_environment() {
    let server = MockServer::start();
    let tree = Tree::new();
    tree.write_entry(&with_urls(&["https://news.example.com/fresh"]));
    let run = |envs: &[(&str, &str)], base: &str| {
        let mut command = tree.command();
        command
            .args([
                "sources", "archive", "--save", "--write", "--format", "json",
            ])
            .args(["--host-interval", "0", "--save-poll-interval", "0"])
            .args(["--allow-address", "127.0.0.1", "--wayback-base", base])
            .env_remove("SPN_ACCESS_KEY")
            .env_remove("SPN_SECRET_KEY");
        for (k, v) in envs {
            command.env(k, v);
        }
        command.output().unwrap()
    };
    let keys = [
        ("SPN_ACCESS_KEY", mock_http::SPN_ACCESS),
        ("SPN_SECRET_KEY", mock_http::SPN_SECRET),
    ];

    let missing = run(&keys[..1], &server.url(""));
    assert_eq!(missing.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(stderr.contains("SPN_SECRET_KEY"), "{stderr}");

    let plain = run(&keys, "http://archive.example.org");
    assert_eq!(plain.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&plain.stderr);
    assert!(stderr.contains("only over https"), "{stderr}");
    assert!(!stderr.contains(mock_http::SPN_SECRET), "{stderr}");
    assert!(
        server.requests().is_empty(),
        "nothing fetched before the checks"
    );

    let saved = run(&keys, &server.url(""));
    assert_eq!(
        saved.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&saved.stderr)
    );
    let stdout = String::from_utf8_lossy(&saved.stdout);
    assert!(!stdout.contains(mock_http::SPN_SECRET));
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let snapshot = &report["snapshots"][0];
    assert_eq!(snapshot["save"]["outcome"], "saved");
    let expected = server.url("/web/20261129120000/https://news.example.com/fresh");
    assert_eq!(snapshot["archive_url"], expected.as_str());
    let written: Value = serde_json::from_str(&tree.read("dataset/acme-widgets.json")).unwrap();
    assert_eq!(written["sources"][0]["archive_url"], expected.as_str());
    assert_eq!(
        written["sources"][0]["url"],
        "https://news.example.com/fresh"
    );
}

/// `--quotes`: each quote is looked for in the document's text (markup, scripts and entities
/// removed; white space, case, curly quotes and dashes normalised), in the archive when the
/// original is dead, and a PDF is reported as not checked.
#[test]
fn quotes_are_looked_for_in_the_document_or_its_archive() {
    let server = MockServer::start();
    let tree = Tree::new();
    let mut entry = named_entry("acme-widgets", "Acme Widgets");
    entry["sources"][0]["url"] = json!(server.url("/article"));
    entry["sources"][0]["quotes"] = json!([
        "CBP awarded the \"fictional\" drone contract - in 2025",
        "hidden words",
        "a sentence the page does not hold"
    ]);
    entry["sources"][1]["url"] = json!(server.url("/missing/original"));
    entry["sources"][1]["archive_url"] = json!(server.url("/article"));
    entry["sources"][1]["quotes"] = json!(["cbp awarded the “fictional” drone contract"]);
    entry["sources"][2]["url"] = json!(server.url("/doc.pdf"));
    entry["sources"][2]["quotes"] = json!(["anything"]);
    tree.write_entry(&entry);
    let output = tree
        .command()
        .args([
            "sources",
            "check",
            "--quotes",
            "--format",
            "json",
            "--host-interval",
            "0",
            "--allow-address",
            "127.0.0.1",
        ])
        .args(["--today", "2026-06-01"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&output.stderr)));
    let quotes = |i: usize| report["links"][i]["quotes"].clone();
    assert_eq!(
        quotes(0),
        json!([
            {"quote": "CBP awarded the \"fictional\" drone contract - in 2025", "found": true},
            {"quote": "hidden words", "found": false},
            {"quote": "a sentence the page does not hold", "found": false}
        ])
    );
    // The original is dead: the quote is found in the archive, and reported on the url.
    assert_eq!(report["links"][1]["outcome"], "not-found");
    assert_eq!(
        quotes(1),
        json!([{"quote": "cbp awarded the “fictional” drone contract", "found": true}])
    );
    assert_eq!(
        report["links"][2]["quotes"],
        Value::Null,
        "quotes are reported once per source"
    );
    assert_eq!(quotes(3), json!([{"quote": "anything", "found": null}]));
}

/// Quotes are looked for in the text a reader sees (inline elements join words, block
/// elements separate them), and a document cut at the size limit cannot prove a quote absent.
#[test]
fn quotes_read_html_as_a_browser_and_a_cut_document_cannot_prove_absence() {
    let server = MockServer::start();
    let tree = Tree::new();
    let mut entry = named_entry("acme-widgets", "Acme Widgets");
    entry["sources"][0]["url"] = json!(server.url("/article-inline"));
    entry["sources"][0]["quotes"] =
        json!(["best known for drones", "widgets gadgets", "widgetsgadgets"]);
    entry["sources"][1]["url"] = json!(server.url("/long-document"));
    entry["sources"][1]["quotes"] = json!([
        "Acme opens with this sentence.",
        "Acme closes with this sentence."
    ]);
    entry["sources"][1]
        .as_object_mut()
        .unwrap()
        .remove("archive_url");
    tree.write_entry(&entry);
    let output = tree
        .command()
        .args(["sources", "check", "--quotes", "--format", "json"])
        .args(["--host-interval", "0", "--allow-address", "127.0.0.1"])
        .args(["--today", "2026-06-01"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&output.stderr)));
    let quotes_of = |url: &str| {
        report["links"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["url"] == url)
            .map(|l| l["quotes"].clone())
            .unwrap()
    };
    assert_eq!(
        quotes_of(&server.url("/article-inline")),
        json!([
            {"quote": "best known for drones", "found": true},
            {"quote": "widgets gadgets", "found": true},
            {"quote": "widgetsgadgets", "found": false}
        ])
    );
    assert_eq!(
        quotes_of(&server.url("/long-document")),
        json!([
            {"quote": "Acme opens with this sentence.", "found": true},
            {"quote": "Acme closes with this sentence.", "found": null}
        ])
    );
}

/// Challenge pages are known by the platforms' own markers, not by a word an article may use.
#[test]
fn challenge_pages_are_known_by_platform_markers_not_by_the_word_captcha() {
    let server = MockServer::start();
    let tree = Tree::new();
    let entry = with_urls(&[
        &server.url("/about-captchas"),
        &server.url("/cf-mitigated"),
        &server.url("/challenge"),
    ]);
    tree.write_entry(&entry);
    let output = tree
        .command()
        .args(["sources", "check", "--format", "json"])
        .args(["--host-interval", "0", "--allow-address", "127.0.0.1"])
        .args(["--today", "2026-06-01"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&output.stderr)));
    let outcomes: Vec<&str> = report["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(outcomes, ["ok", "blocked", "blocked"], "{report:#}");
}

/// When not one request gets an HTTP answer, the machine is offline, not every link dead: no
/// history is written (no link gets a failed day) and the run exits 2.
#[test]
fn a_run_with_no_http_answer_at_all_looks_offline_and_keeps_no_history() {
    let closed_port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let tree = Tree::new();
    let entry = with_urls(&[
        &format!("http://127.0.0.1:{closed_port}/a"),
        &format!("http://127.0.0.1:{closed_port}/b"),
        "ftp://files.example.com/skipped",
    ]);
    tree.write_entry(&entry);
    let output = tree
        .command()
        .args(["sources", "check", "--format", "json", "--timeout", "2"])
        .args(["--host-interval", "0", "--allow-address", "127.0.0.1"])
        .args(["--today", "2026-06-01"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("looks offline"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!tree.root().join(".icelist/links.json").exists());
}

/// `sources archive --write` keeps only what is a snapshot on the archive's own host: a
/// redirect elsewhere (another host, javascript:, data:, another path) is said, not written.
#[test]
fn an_archive_redirect_that_is_no_snapshot_is_never_written() {
    let server = MockServer::start();
    let tree = Tree::new();
    let entry = with_urls(&[
        "https://news.example.com/redirects-away-js",
        "https://news.example.com/redirects-away-data",
        "https://news.example.com/redirects-away-host",
        "https://news.example.com/redirects-away-path",
    ]);
    tree.write_entry(&entry);
    let before = tree.read("dataset/acme-widgets.json");
    let output = tree
        .command()
        .args(["sources", "archive", "--format", "json", "--write"])
        .args(["--host-interval", "0", "--allow-address", "127.0.0.1"])
        .args(["--wayback-base", &server.url("")])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&output.stderr)));
    for snapshot in report["snapshots"].as_array().unwrap() {
        assert_eq!(snapshot["archive_url"], Value::Null, "{report:#}");
        assert!(
            snapshot["detail"]
                .as_str()
                .unwrap()
                .contains("not a snapshot on the archive's host"),
            "{report:#}"
        );
    }
    assert_eq!(tree.read("dataset/acme-widgets.json"), before);
}
