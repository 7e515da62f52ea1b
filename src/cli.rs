//! Argument parsing and dispatch for the `icelist` binary.

use clap::{Parser, Subcommand, ValueEnum};
use icelist::config;
use icelist::diagnostic::{Report, Tally};
use icelist::error::Error;
use icelist::lint::{Selection, lint_dataset_streaming};
use icelist::render;
use icelist::rules::RULES;
use icelist::{TempArea, Workspace};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "icelist",
    version,
    about = "Lint, review and export the icelist dataset"
)]
struct Cli {
    /// The dataset's root: the directory that holds schema/ and dataset/.
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check entries: syntax, schema, citations, sources, verification, identity.
    Lint(LintArgs),
    /// Rewrite entries and the redirect table in canonical form (key order, indentation, no BOM).
    Fmt {
        /// Entries to format; all of dataset/ when none are given.
        paths: Vec<PathBuf>,
        /// Only list the files that would change (exit 1 if any).
        #[arg(long)]
        check: bool,
    },
    /// Show what changed in the data between two revisions (or a revision and the working tree).
    Diff {
        /// `A B`, `A..B`, `REV` (against the working tree) or nothing (HEAD against the working tree).
        revisions: Vec<String>,
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
    },
    /// Export the dataset (JSON, NDJSON, CSV, SQLite, Data Package, static site); refuses a
    /// dataset with lint errors.
    Build {
        /// Output folder, replaced whole (default: dist/ under the root).
        #[arg(long)]
        out: Option<PathBuf>,
        /// The release's version in manifest.json (default: the tag on HEAD, else none).
        #[arg(long, value_name = "VERSION")]
        dataset_version: Option<String>,
        /// The release notes (`icelist changelog --format json`), shown as changes.html.
        #[arg(long, value_name = "FILE")]
        release_notes: Option<PathBuf>,
        /// Earlier releases' notes (`icelist changelog --format json`), for the feed; repeatable.
        #[arg(long, value_name = "FILE")]
        earlier_notes: Vec<PathBuf>,
        /// The repository the site links to (https://github.com/owner/name), instead of
        /// `repository` in icelist.toml.
        #[arg(long, value_name = "URL")]
        repository: Option<String>,
    },
    /// Write the npm and Python packages of a release (`out/npm`, `out/python`) from its build.
    Package {
        /// The build to package (default: dist/ under the root); built with --dataset-version.
        #[arg(long)]
        from: Option<PathBuf>,
        /// Output folder: must not exist or be empty.
        #[arg(long)]
        out: PathBuf,
    },
    /// Create dataset/<id>.json for a new company, with placeholders to fill in from sources.
    New {
        /// The company's name, e.g. "Acme Widgets".
        name: String,
    },
    /// Import wiki pages (a MediaWiki XML export, one page's wikitext, or the page as text)
    /// into dataset/<id>.json, checked with the full lint.
    Import(ImportArgs),
    /// Read an issue-form submission (the body GitHub renders) into an entry, and check it.
    Intake(IntakeArgs),
    /// Check the sources' links (online; never part of lint).
    #[cfg(feature = "online")]
    #[command(subcommand)]
    Sources(SourcesCommand),
    /// Check the claims' federal award records against USAspending, or find candidates
    /// (online; never part of lint).
    #[cfg(feature = "online")]
    #[command(subcommand)]
    Awards(AwardsCommand),
    /// What changed in the data between two revisions (A..B), or since nothing (TAG): release notes.
    Changelog {
        /// `A..B`, or one revision for the first release.
        range: String,
        #[arg(long, value_enum, default_value_t = ChangelogFormat::Markdown)]
        format: ChangelogFormat,
    },
    /// When each entry first appeared and last changed, from the git history (the
    /// `history.json` a build writes), on stdout.
    History,
    /// Classify every change between two versions of the schema as additive or breaking.
    SchemaDiff {
        /// OLD NEW: two schema files, or with --rev two revisions.
        #[arg(num_args = 2, required = true)]
        sides: Vec<String>,
        /// Read schema/company.schema.json at two git revisions.
        #[arg(long)]
        rev: bool,
        #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
        format: ReportFormat,
    },
    /// For the dataset workflow: the base commit of a pull_request event and which approval
    /// labels hold for the commit under review (`key=value` lines; reasons on stderr).
    #[command(hide = true)]
    ReviewEvent {
        /// The event payload (GITHUB_EVENT_PATH).
        #[arg(long, value_name = "FILE")]
        event: PathBuf,
        /// The pull request's timeline, as `gh api --paginate .../issues/N/timeline` writes it.
        /// Without it no approval holds.
        #[arg(long, value_name = "FILE")]
        timeline: Option<PathBuf>,
    },
    /// For the intake workflow: what its script needs of an issues event, as `key=value` lines,
    /// and the issue's body, exactly as sent, written to a file.
    #[command(hide = true)]
    IntakeEvent {
        /// The event payload (GITHUB_EVENT_PATH).
        #[arg(long, value_name = "FILE")]
        event: PathBuf,
        /// Where to write the issue's body.
        #[arg(long, value_name = "FILE")]
        body_out: PathBuf,
    },
    /// For the workflows: Markdown cut at a line boundary to fit a GitHub comment, issue or
    /// step summary (65,536 characters), saying how much was left out.
    #[command(hide = true)]
    FitComment {
        /// The whole Markdown report.
        #[arg(long, value_name = "FILE")]
        input: PathBuf,
    },
    /// Print shell completions.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// List every rule: code, default severity, whether --fix repairs it.
    Rules,
    /// Print a rule's documentation.
    Explain {
        /// A rule code, e.g. citation-undefined.
        code: String,
    },
}

#[derive(clap::Args)]
struct LintArgs {
    /// Entries (or folders) to report on; all of dataset/ when none are given.
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Treat warnings as errors (exit 1).
    #[arg(long)]
    strict: bool,
    /// Lint only what changed since the merge base of REV and HEAD, plus the history rules,
    /// judged with REV's icelist.toml and schema; a change to those (or to .github/) is
    /// reported as policy-changed.
    #[arg(long, value_name = "REV")]
    changed_since: Option<String>,
    /// With --changed-since: a maintainer approved this change of policy; judge it with the
    /// working tree's own icelist.toml and schema, and do not report policy-changed.
    #[arg(long)]
    allow_policy_change: bool,
    /// With --changed-since: a maintainer approved that entries become verified or get a new
    /// verification date; do not report verification-changed.
    #[arg(long)]
    allow_verification_change: bool,
    /// With --changed-since: a maintainer approved the merges and renames in
    /// dataset/redirects.json; do not report redirect-added for them.
    #[arg(long)]
    allow_redirect: bool,
    /// Apply the mechanical fixes (citation numbering), one atomic write per file.
    #[arg(long)]
    fix: bool,
    /// The date to check verification against (YYYY-MM-DD); default: ICELIST_TODAY, else the clock.
    #[arg(long)]
    today: Option<String>,
}

#[derive(clap::Args)]
struct ImportArgs {
    /// Files to import.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The input's form; auto decides from the content.
    #[arg(long, value_enum, default_value_t = InputFormArg::Auto)]
    from: InputFormArg,
    /// The mapping of infobox parameters, headings, publishers and categories (default:
    /// import.toml at the root if present, else the built-in mapping).
    #[arg(long, value_name = "FILE")]
    map: Option<PathBuf>,
    /// Check and report; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Merge pages into existing entries (the page's fields replace; what it cannot carry is kept).
    #[arg(long)]
    update: bool,
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    report: ReportFormat,
}

#[cfg(feature = "online")]
#[derive(Subcommand)]
enum SourcesCommand {
    /// Fetch every source's url and archive_url, politely, and judge each link from its history.
    Check(SourcesCheckArgs),
    /// Find the Wayback Machine's snapshot of each source that has a url and no archive_url.
    Archive(SourcesArchiveArgs),
}

/// How `sources` commands go online.
#[cfg(feature = "online")]
#[derive(clap::Args)]
struct NetArgs {
    /// Milliseconds between two request starts on one host.
    #[arg(long, default_value_t = 1000)]
    host_interval: u64,
    /// Seconds per request.
    #[arg(long, default_value_t = 20)]
    timeout: u64,
    #[arg(long, default_value = concat!("icelist/", env!("CARGO_PKG_VERSION"), " (source link check)"))]
    user_agent: String,
    /// Fetch loopback, private and link-local addresses too (tests against a local server).
    #[arg(long)]
    allow_private_addresses: bool,
    /// Fetch this one address even though it is not public (repeatable; tests).
    #[arg(long, value_name = "IP")]
    allow_address: Vec<std::net::IpAddr>,
}

#[cfg(feature = "online")]
impl NetArgs {
    fn fetcher(&self) -> icelist::sources::fetch::HttpFetch {
        icelist::sources::fetch::HttpFetch::new(
            &self.user_agent,
            std::time::Duration::from_secs(self.timeout.max(1)),
            1024 * 1024,
            icelist::sources::fetch::AddressPolicy {
                allow_private: self.allow_private_addresses,
                allowed: self.allow_address.clone(),
            },
        )
    }
}

#[cfg(feature = "online")]
#[derive(Subcommand)]
enum AwardsCommand {
    /// Read each award's record and judge it against its claim: confirmed, mismatch,
    /// not-found or unreachable, and changed since the last run.
    Check(AwardsCheckArgs),
    /// List candidate awards of a recipient (by name or UEI) to cite. Never writes.
    Find(AwardsFindArgs),
}

#[cfg(feature = "online")]
#[derive(clap::Args)]
struct AwardsCheckArgs {
    /// Write the facts and as_of of each confirmed award into its entry (nothing else).
    #[arg(long)]
    write: bool,
    /// Read USAspending's Prime Award Summaries download (CSV) instead of the API.
    #[arg(long, value_name = "FILE")]
    from_file: Option<PathBuf>,
    /// Only the awards the working tree adds or changes since this revision (the dataset
    /// review: a pull request's awards).
    #[arg(long, value_name = "REV")]
    changed_since: Option<String>,
    /// Refuse to run over more awards than this (one request a second: a pull request that
    /// adds thousands of awards must not hold the review for hours).
    #[arg(long, default_value_t = 500)]
    max_awards: usize,
    /// The records' history (default: .icelist/awards.json under the root).
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = SourcesFormat::Human)]
    format: SourcesFormat,
    /// Exit 1 when an award is not confirmed (mismatch, not-found, unreachable, or facts that
    /// differ from the record); with changed, also when a record changed since the last run.
    #[arg(long, value_enum)]
    fail_on: Option<AwardsFailOn>,
    /// The day the check counts as (YYYY-MM-DD); default: ICELIST_TODAY, else the clock.
    #[arg(long)]
    today: Option<String>,
    #[command(flatten)]
    api: ApiArgs,
}

#[cfg(feature = "online")]
#[derive(clap::Args)]
struct AwardsFindArgs {
    /// The recipient's name as filed (or part of it).
    #[arg(long, required_unless_present = "uei", conflicts_with = "uei")]
    recipient: Option<String>,
    /// The recipient's Unique Entity ID.
    #[arg(long)]
    uei: Option<String>,
    /// Only awards awarded or funded by this agency (DHS, ICE, CBP, USCIS).
    #[arg(long)]
    agency: Option<String>,
    /// Only awards with activity since this day (YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    format: ReportFormat,
    /// The day the search ends (YYYY-MM-DD); default: ICELIST_TODAY, else the clock.
    #[arg(long)]
    today: Option<String>,
    #[command(flatten)]
    api: ApiArgs,
}

/// How `awards` commands reach USAspending.
#[cfg(feature = "online")]
#[derive(clap::Args)]
struct ApiArgs {
    /// The API's address (tests point it at a local server).
    #[arg(long, value_name = "URL", default_value = icelist::awards::check::API_BASE)]
    api_base: String,
    /// Requests at once.
    #[arg(long, default_value_t = 2)]
    concurrency: usize,
    /// Retries after the first attempt, on 5xx, 408, 429 and timeouts.
    #[arg(long, default_value_t = 3)]
    retries: u32,
    #[command(flatten)]
    net: NetArgs,
}

#[cfg(feature = "online")]
impl ApiArgs {
    fn options(&self, today: time::Date) -> Result<icelist::awards::check::CheckOptions, Error> {
        Ok(icelist::awards::check::CheckOptions {
            api_base: self.api_base.clone(),
            concurrency: self.concurrency,
            interval: std::time::Duration::from_millis(self.net.host_interval),
            retries: self.retries,
            today: icelist::model::Date::try_from(today).map_err(|_| Error::BadDate {
                value: today.to_string(),
            })?,
            ..icelist::awards::check::CheckOptions::default()
        })
    }
}

#[cfg(feature = "online")]
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum AwardsFailOn {
    Mismatch,
    Changed,
}

#[cfg(feature = "online")]
#[derive(clap::Args)]
struct SourcesArchiveArgs {
    /// Add each snapshot found as the source's archive_url (never replacing url or an
    /// existing archive_url).
    #[arg(long)]
    write: bool,
    /// Ask Save Page Now to capture each page the archive holds no snapshot of (keys from
    /// SPN_ACCESS_KEY and SPN_SECRET_KEY; for maintainers).
    #[arg(long)]
    save: bool,
    /// Milliseconds between two status requests of one capture.
    #[arg(long, default_value_t = 5000, requires = "save")]
    save_poll_interval: u64,
    /// Status requests before a capture is reported pending.
    #[arg(long, default_value_t = 24, requires = "save")]
    save_polls: u32,
    /// The Wayback Machine's address (tests point it at a local server).
    #[arg(long, value_name = "URL", default_value = icelist::sources::archive::WAYBACK)]
    wayback_base: String,
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    format: ReportFormat,
    /// The day to look from when a source has no date (YYYY-MM-DD).
    #[arg(long)]
    today: Option<String>,
    #[command(flatten)]
    net: NetArgs,
}

#[cfg(feature = "online")]
#[derive(clap::Args)]
struct SourcesCheckArgs {
    /// The links' history (default: .icelist/links.json under the root).
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = SourcesFormat::Human)]
    format: SourcesFormat,
    /// Requests at once per host.
    #[arg(long, default_value_t = 2)]
    host_concurrency: usize,
    /// The day the check counts as (YYYY-MM-DD); default: ICELIST_TODAY, else the clock.
    #[arg(long)]
    today: Option<String>,
    /// Exit 1 when a link is dead (or, with suspect, suspect or dead).
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Also look for each source's quotes in its document (its archive when the original fails).
    #[arg(long)]
    quotes: bool,
    #[command(flatten)]
    net: NetArgs,
}

#[cfg(feature = "online")]
#[derive(Clone, Copy, ValueEnum)]
enum SourcesFormat {
    Human,
    Json,
    Markdown,
}

#[cfg(feature = "online")]
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum FailOn {
    Dead,
    Suspect,
}

#[derive(clap::Args)]
struct IntakeArgs {
    /// The issue form (labels map to field ids through it).
    #[arg(long, value_name = "FILE")]
    form: PathBuf,
    /// The issue's body, as GitHub renders the form.
    #[arg(long, value_name = "FILE")]
    body_file: PathBuf,
    /// Write dataset/<id>.json: a new entry never over an existing file; a correction, a
    /// response or a delisting over the entry it changes.
    #[arg(long)]
    write: bool,
    /// The day the issue was opened (YYYY-MM-DD): a company's response is dated with it.
    /// Default: today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    issue_date: Option<String>,
    /// Markdown is the bot's comment, cut to fit a GitHub comment; JSON is never cut.
    #[arg(long, value_enum, default_value_t = IntakeFormat::Markdown)]
    format: IntakeFormat,
    /// Also write the whole markdown report, uncut, to FILE (the workflow attaches it to its
    /// run, and the comment says so when it had to be cut).
    #[arg(long, value_name = "FILE")]
    full_report: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum ChangelogFormat {
    Markdown,
    Json,
    /// The change feed: one line per entry added, modified, removed or renamed (delta.ndjson).
    Delta,
}

#[derive(Clone, Copy, ValueEnum)]
enum IntakeFormat {
    Markdown,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum InputFormArg {
    Auto,
    MediawikiXml,
    Wikitext,
    Text,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
    Concise,
    Github,
    Sarif,
}

pub fn run() -> Result<ExitCode, Error> {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return Ok(ExitCode::from(if e.use_stderr() { 2 } else { 0 }));
        }
    };
    match cli.command {
        Command::Lint(args) => lint(&cli.root, args),
        Command::Fmt { paths, check } => fmt(&cli.root, &paths, check),
        Command::Diff { revisions, format } => diff(&cli.root, &revisions, format),
        Command::Build {
            out,
            dataset_version,
            release_notes,
            earlier_notes,
            repository,
        } => build(
            &cli.root,
            out,
            dataset_version,
            release_notes,
            &earlier_notes,
            repository.as_deref(),
        ),
        Command::Package { from, out } => {
            let from = from.unwrap_or_else(|| cli.root.join("dist"));
            let summary = icelist::export::packages::package(&from, &out)?;
            for warning in &summary.warnings {
                note(&format!("warning: {warning}\n"));
            }
            emit(&format!(
                "packaged version {} into {} ({})\n",
                summary.version,
                icelist::escape_untrusted(&out.display().to_string()),
                summary.folders.join(", ")
            ))
        }
        Command::Import(args) => import(&cli.root, args),
        Command::Intake(args) => intake(&cli.root, args),
        Command::SchemaDiff { sides, rev, format } => schema_diff(&cli.root, &sides, rev, format),
        Command::History => {
            let workspace = Workspace::open(&cli.root, config::today(None)?)?;
            let history =
                icelist::history::of_checkout(&cli.root, workspace.settings().max_file_size)?;
            emit(&(serde_json::to_string_pretty(&history).unwrap_or_default() + "\n"))
        }
        Command::Changelog { range, format } => {
            use icelist::git::RevisionRange;
            let (from, to) = match RevisionRange::parse(&range)
                .map_err(|e| Error::Usage(format!("{e} (or one revision for the first release)")))?
            {
                RevisionRange::Between(from, to) => (Some(from), to),
                RevisionRange::One(to) => (None, to),
            };
            let repo = icelist::git::DatasetRepo::open(&cli.root)?;
            let limit = Workspace::open(&cli.root, config::today(None)?)?
                .settings()
                .max_file_size;
            match format {
                ChangelogFormat::Markdown => emit(&icelist::changelog::markdown(
                    &icelist::changelog::changelog(&repo, from, to, limit)?,
                )),
                ChangelogFormat::Json => {
                    let log = icelist::changelog::changelog(&repo, from, to, limit)?;
                    emit(&(serde_json::to_string(&log).unwrap_or_default() + "\n"))
                }
                ChangelogFormat::Delta => {
                    let mut text = String::new();
                    for line in icelist::changelog::delta(&repo, from, to, limit)? {
                        text.push_str(&serde_json::to_string(&line).unwrap_or_default());
                        text.push('\n');
                    }
                    emit(&text)
                }
            }
        }
        #[cfg(feature = "online")]
        Command::Sources(SourcesCommand::Check(args)) => sources_check(&cli.root, args),
        #[cfg(feature = "online")]
        Command::Sources(SourcesCommand::Archive(args)) => sources_archive(&cli.root, args),
        #[cfg(feature = "online")]
        Command::Awards(AwardsCommand::Check(args)) => awards_check(&cli.root, args),
        #[cfg(feature = "online")]
        Command::Awards(AwardsCommand::Find(args)) => awards_find(args),
        Command::New { name } => {
            let workspace = Workspace::open(&cli.root, config::today(None)?)?;
            // As for fmt: no new entries in a dataset whose schema is missing or broken.
            workspace.schema()?;
            let path = icelist::scaffold::new_entry(
                workspace.files()?,
                &name,
                workspace.settings().max_file_size,
                workspace.temp_area()?,
            )?;
            let shown = path
                .strip_prefix(&cli.root)
                .unwrap_or(&path)
                .display()
                .to_string();
            emit(&format!(
                "created {shown}\nfill in every TODO placeholder from your sources; `icelist lint` lists what is left\n"
            ))
        }
        Command::ReviewEvent { event, timeline } => review_event(&cli.root, &event, timeline),
        Command::FitComment { input } => {
            let text = std::fs::read_to_string(&input).map_err(|source| Error::Io {
                path: input.clone(),
                source,
            })?;
            emit(&icelist::intake::fit_to_comment(&text, true))
        }
        Command::IntakeEvent { event, body_out } => intake_event(&event, &body_out),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut command, "icelist", &mut out);
            emit(&String::from_utf8_lossy(&out))
        }
        Command::Rules => {
            let mut out = String::new();
            for rule in RULES {
                out.push_str(&format!(
                    "{:<22} {:<8} {:<8} {}\n",
                    rule.code,
                    rule.severity.as_str(),
                    if rule.fixable { "fixable" } else { "" },
                    rule.summary
                ));
            }
            emit(&out)
        }
        Command::Explain { code } => match icelist::rules::rule(&code) {
            Some(rule) => emit(&rule.documentation()),
            None => Err(Error::Usage(format!(
                "unknown rule code {:?}; `icelist rules` lists them",
                icelist::escape_untrusted(&code)
            ))),
        },
    }
}

fn review_event(root: &Path, event: &Path, timeline: Option<PathBuf>) -> Result<ExitCode, Error> {
    use icelist::pull_request::{APPROVAL_LABELS, PullRequestEvent, approval, read_timeline};
    let read = |path: &Path| {
        std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })
    };
    let bad = |path: &Path, source: icelist::pull_request::EventError| Error::Event {
        path: path.to_owned(),
        source,
    };
    let parsed = PullRequestEvent::from_json(&read(event)?).map_err(|e| bad(event, e))?;
    let timeline = match &timeline {
        Some(path) => Some(read_timeline(&read(path)?).map_err(|e| bad(path, e))?),
        None => None,
    };
    let head = icelist::git::DatasetRepo::open(root)?.head()?.to_string();
    let mut out = format!("base={}\nhead={head}\n", parsed.base_sha);
    for label in APPROVAL_LABELS {
        let verdict = approval(&parsed, timeline.as_deref(), label, &head);
        out.push_str(&format!(
            "{label}={}\n",
            if verdict.approved { "yes" } else { "no" }
        ));
        eprintln!("{label}: {}", verdict.reason);
    }
    emit(&out)
}

fn intake_event(event: &Path, body_out: &Path) -> Result<ExitCode, Error> {
    let bytes = std::fs::read(event).map_err(|source| Error::Io {
        path: event.to_owned(),
        source,
    })?;
    let parsed =
        icelist::intake::IssueEvent::from_json(&bytes).map_err(|source| Error::IssueEvent {
            path: event.to_owned(),
            source,
        })?;
    std::fs::write(body_out, parsed.body.as_bytes()).map_err(|source| Error::Write {
        path: body_out.to_owned(),
        source,
    })?;
    emit(&parsed.to_lines())
}

fn lint(root: &Path, args: LintArgs) -> Result<ExitCode, Error> {
    let today = config::today(args.today.as_deref())?;
    if let Some(rev) = &args.changed_since {
        return lint_changed_since(root, &args, rev, today);
    }
    if args.allow_policy_change || args.allow_verification_change || args.allow_redirect {
        return Err(Error::Usage(
            "--allow-policy-change, --allow-verification-change and --allow-redirect go with --changed-since".into(),
        ));
    }
    let mut workspace = Workspace::open(root, today)?;
    let schema = workspace.schema()?;
    let selection = workspace.select(&args.paths)?;
    if !args.fix {
        // The common case, streamed: findings are written a batch of files at a time.
        let files = workspace.files()?;
        let mut out = Stdout::new();
        let mut renderer = render::renderer(render_format(args.format));
        renderer.start(&mut out).map_err(stdout_error)?;
        let tally = lint_dataset_streaming(
            files,
            schema,
            workspace.settings(),
            &selection,
            &mut |batch| renderer.batch(&batch, &mut out).map_err(stdout_error),
        )?;
        renderer.finish(tally, &mut out).map_err(stdout_error)?;
        out.flush().map_err(stdout_error)?;
        return Ok(exit_code(tally, args.strict));
    }
    let report = workspace.lint(&selection)?;
    let report = apply_fixes(&mut workspace, report, &selection)?;
    write_report(&report, args.format)?;
    Ok(exit_code(report.tally(), args.strict))
}

/// `lint --changed-since REV`: judged with the base revision's configuration and schema unless
/// a maintainer approved a policy change (`--allow-policy-change`).
fn lint_changed_since(
    root: &Path,
    args: &LintArgs,
    rev: &str,
    today: time::Date,
) -> Result<ExitCode, Error> {
    use icelist::changed_since::{Approvals, PolicyCheck, RedirectCheck, VerificationCheck};
    // A missing or linked dataset/ is reported before a usage error, as every command does.
    if !icelist::require_real_folder(root, icelist::dataset::DATASET_DIR)? {
        return Err(Error::DatasetMissing {
            root: root.to_owned(),
        });
    }
    if !args.paths.is_empty() {
        return Err(Error::Usage(
            "--changed-since lints what changed; it takes no paths".into(),
        ));
    }
    let approvals = Approvals {
        policy: if args.allow_policy_change {
            PolicyCheck::Approved
        } else {
            PolicyCheck::Report
        },
        verification: if args.allow_verification_change {
            VerificationCheck::Approved
        } else {
            VerificationCheck::Report
        },
        redirect: if args.allow_redirect {
            RedirectCheck::Approved
        } else {
            RedirectCheck::Report
        },
    };
    let run = icelist::changed_since::run(root, rev, today, approvals)?;
    let report = if args.fix {
        // Repaired with the settings and schema the change was judged by.
        let mut workspace = Workspace::with_policy(root, run.settings, run.schema);
        apply_fixes(&mut workspace, run.report, &Selection::All)?
    } else {
        run.report
    };
    write_report(&report, args.format)?;
    Ok(exit_code(report.tally(), args.strict))
}

/// `--fix`: repairs what the report marks fixable, says what it did, and lints again.
fn apply_fixes(
    workspace: &mut Workspace,
    report: Report,
    selection: &Selection,
) -> Result<Report, Error> {
    let fixed = workspace.fix(&report)?;
    let mut notes = String::new();
    for (file, outcome) in &fixed {
        let line = match outcome {
            icelist::fix::FileFix::Fixed(repairs) => {
                format!("fixed {file}: {}\n", repairs.join("; "))
            }
            icelist::fix::FileFix::NotFixable(why) => format!("not fixed {file}: {why}\n"),
            icelist::fix::FileFix::Unchanged => continue,
        };
        notes.push_str(&line);
    }
    note(&notes);
    if fixed
        .iter()
        .any(|(_, o)| matches!(o, icelist::fix::FileFix::Fixed(_)))
    {
        return workspace.lint(selection);
    }
    Ok(report)
}

/// Release notes read back from `icelist changelog --format json`'s file.
/// Release notes (`icelist changelog --format json`) and the file's bytes.
fn read_release_notes(path: &Path) -> Result<(icelist::changelog::Changelog, Vec<u8>), Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    let notes = icelist::changelog::Changelog::from_json(&bytes).map_err(|e| Error::Config {
        path: path.to_owned(),
        message: e.to_string(),
    })?;
    Ok((notes, bytes))
}

fn build(
    root: &Path,
    out: Option<PathBuf>,
    dataset_version: Option<String>,
    release_notes: Option<PathBuf>,
    earlier_notes: &[PathBuf],
    repository: Option<&str>,
) -> Result<ExitCode, Error> {
    let notes = release_notes
        .as_deref()
        .map(read_release_notes)
        .transpose()?;
    let earlier_notes = earlier_notes
        .iter()
        .map(|path| read_release_notes(path).map(|(notes, _)| notes))
        .collect::<Result<Vec<_>, Error>>()?;
    if let Some(version) = &dataset_version {
        icelist::export::check_dataset_version(version)?;
    }
    let out = out.unwrap_or_else(|| root.join("dist"));
    icelist::export::check_output(root, &out)?;
    let mut workspace = Workspace::open(root, config::today(None)?)?;
    if let Some(repository) = repository {
        workspace.settings_mut().repository = Some(
            icelist::settings::repository_setting(repository)
                .map_err(|message| Error::Usage(format!("--repository: {message}")))?,
        );
    }
    let (schema, files, area) = (
        workspace.schema()?,
        workspace.files()?,
        workspace.temp_area()?,
    );
    let settings = workspace.settings();
    // Whether the dataset has errors is decided from the report's tally, not from rendered
    // text; each error is shown as one line on stderr as the lint finds it.
    let outcome = icelist::export::build(
        files,
        schema,
        settings,
        &out,
        area,
        &icelist::export::Release {
            dataset_version,
            notes_json: notes.as_ref().map(|(_, bytes)| bytes.clone()),
            notes: notes.map(|(notes, _)| notes),
            earlier_notes,
        },
        &mut |mut batch| {
            batch
                .diagnostics
                .retain(|d| d.severity == icelist::diagnostic::Severity::Error);
            note(&render::concise(&batch));
            Ok(())
        },
    )?;
    let summary = match outcome {
        icelist::export::BuildOutcome::Built(summary) => summary,
        icelist::export::BuildOutcome::NotBuilt { errors } => {
            note(&format!(
                "not built: {} error{} (run `icelist lint`); nothing was written\n",
                errors,
                if errors == 1 { "" } else { "s" }
            ));
            return Ok(ExitCode::from(1));
        }
    };
    for warning in &summary.warnings {
        note(&format!("warning: {warning}\n"));
    }
    emit(&format!(
        "built {} compan{}, {} source{} into {}\n",
        summary.companies,
        if summary.companies == 1 { "y" } else { "ies" },
        summary.sources,
        if summary.sources == 1 { "" } else { "s" },
        icelist::escape_untrusted(&out.display().to_string())
    ))
}

fn import(root: &Path, args: ImportArgs) -> Result<ExitCode, Error> {
    use icelist::import::{ImportOptions, InputForm, Mapping};
    let workspace = Workspace::open(root, config::today(None)?)?;
    let schema = workspace.schema()?;
    let mapping = Mapping::load(root, args.map.as_deref())?;
    let options = ImportOptions {
        form: match args.from {
            InputFormArg::Auto => InputForm::Auto,
            InputFormArg::MediawikiXml => InputForm::MediawikiXml,
            InputFormArg::Wikitext => InputForm::Wikitext,
            InputFormArg::Text => InputForm::Text,
        },
        mapping,
        dry_run: args.dry_run,
        update: args.update,
    };
    // The report is written page by page, as the import goes.
    let json = matches!(args.report, ReportFormat::Json);
    let mut report =
        icelist::import::ReportWriter::start(Stdout::new(), json).map_err(stdout_error)?;
    let summary = icelist::import::import(
        root,
        &args.files,
        &options,
        schema,
        workspace.settings(),
        &mut |page| report.page(page).map_err(stdout_error),
    )?;
    report.finish(&summary).map_err(stdout_error)?;
    Ok(ExitCode::from(u8::from(
        summary.failures > 0 || !summary.broken_inputs.is_empty(),
    )))
}

#[cfg(feature = "online")]
fn sources_check(root: &Path, args: SourcesCheckArgs) -> Result<ExitCode, Error> {
    use icelist::sources::{self, CheckOptions, LinkState};
    let today = config::today(args.today.as_deref())?;
    let dataset = icelist::Dataset::load(root)?;
    let state_path = args
        .state
        .clone()
        .unwrap_or_else(|| root.join(".icelist/links.json"));
    let mut state = LinkState::load(&state_path)?;
    let options = CheckOptions {
        host_concurrency: args.host_concurrency,
        host_interval: std::time::Duration::from_millis(args.net.host_interval),
        today,
        quotes: args.quotes,
        ..CheckOptions::default()
    };
    let fetcher = args.net.fetcher();
    let links = sources::links(dataset.entries());
    sources::prune(&mut state, &links);
    let report = sources::check(&links, &fetcher, &sources::RealWaits, &options, &mut state);
    if report.looks_offline() {
        return Err(Error::LooksOffline { links: links.len() });
    }
    icelist::write_json_state(&TempArea::open(root)?, &state_path, &state)?;
    match args.format {
        SourcesFormat::Human => emit(&sources::human(&report))?,
        SourcesFormat::Json => emit(&(serde_json::to_string(&report).unwrap_or_default() + "\n"))?,
        SourcesFormat::Markdown => emit(&sources::markdown(&report))?,
    };
    let failed = match args.fail_on {
        Some(FailOn::Dead) => report.summary.dead > 0,
        Some(FailOn::Suspect) => report.summary.dead + report.summary.suspect > 0,
        None => false,
    };
    Ok(ExitCode::from(u8::from(failed)))
}

#[cfg(feature = "online")]
fn awards_check(root: &Path, args: AwardsCheckArgs) -> Result<ExitCode, Error> {
    use icelist::awards::check::{self, AwardState, Records};
    let today = config::today(args.today.as_deref())?;
    let options = args.api.options(today)?;
    let dataset = icelist::Dataset::load(root)?;
    let state_path = args
        .state
        .clone()
        .unwrap_or_else(|| root.join(".icelist/awards.json"));
    let mut state = AwardState::load(&state_path)?;
    let rows = match &args.from_file {
        Some(path) => Some(icelist::awards::download::read_file(path)?),
        None => None,
    };
    let fetcher = args.api.net.fetcher();
    let records = match &rows {
        Some(rows) => Records::File(rows),
        None => Records::Api {
            fetcher: &fetcher,
            waits: &icelist::sources::RealWaits,
        },
    };
    let mut awards = check::awards(dataset.entries());
    if let Some(rev) = &args.changed_since {
        awards = check::changed_since(root, rev, awards)?;
    }
    if awards.len() > args.max_awards {
        return Err(Error::Online {
            message: format!(
                "{} awards to check, more than --max-awards {}: a maintainer checks them in parts",
                awards.len(),
                args.max_awards
            ),
        });
    }
    let report = check::check(&awards, &records, &options, &mut state);
    let area = TempArea::open(root)?;
    icelist::write_json_state(&area, &state_path, &state)?;
    let written = if args.write {
        check::write_checked_facts(&area, root, dataset.entries(), &report, &awards)?
    } else {
        Vec::new()
    };
    match args.format {
        SourcesFormat::Human => {
            let mut out = check::human(&report);
            for id in &written {
                out.push_str(&format!("wrote the awards' facts into dataset/{id}.json\n"));
            }
            emit(&out)?
        }
        SourcesFormat::Json => emit(&(serde_json::to_string(&report).unwrap_or_default() + "\n"))?,
        SourcesFormat::Markdown => emit(&check::markdown(&report))?,
    };
    // An award whose record could not be read is not confirmed: the review must not pass it.
    let s = &report.summary;
    let not_confirmed = s.mismatch + s.not_found + s.unreachable + s.facts_differ;
    let failed = match args.fail_on {
        Some(AwardsFailOn::Mismatch) => not_confirmed > 0,
        Some(AwardsFailOn::Changed) => not_confirmed + s.changed > 0,
        None => false,
    };
    Ok(ExitCode::from(u8::from(failed)))
}

#[cfg(feature = "online")]
fn awards_find(args: AwardsFindArgs) -> Result<ExitCode, Error> {
    use icelist::awards::find;
    let today = config::today(args.today.as_deref())?;
    let options = args.api.options(today)?;
    if let Some(since) = &args.since
        && icelist::model::Date::parse(since).is_none()
    {
        return Err(Error::BadDate {
            value: since.clone(),
        });
    }
    let query = find::Query {
        recipient: args.recipient.or(args.uei).unwrap_or_default(),
        agency: args.agency.map(|a| a.to_ascii_uppercase()),
        since: args.since,
    };
    let fetcher = args.api.net.fetcher();
    let candidates = find::find(&query, &fetcher, &icelist::sources::RealWaits, &options)
        .map_err(|message| Error::Online { message })?;
    match args.format {
        ReportFormat::Human => emit(&find::human(&candidates)),
        ReportFormat::Json => {
            emit(&(serde_json::to_string(&candidates).unwrap_or_default() + "\n"))
        }
    }
}

#[cfg(feature = "online")]
fn sources_archive(root: &Path, args: SourcesArchiveArgs) -> Result<ExitCode, Error> {
    use icelist::sources::archive;
    let today = config::today(args.today.as_deref())?;
    let keys = if args.save {
        Some(save_keys(&args.wayback_base)?)
    } else {
        None
    };
    let dataset = icelist::Dataset::load(root)?;
    let fetcher = args.net.fetcher();
    let interval = std::time::Duration::from_millis(args.net.host_interval);
    let mut report = archive::find_snapshots(
        dataset.entries(),
        &fetcher,
        &icelist::sources::RealWaits,
        &args.wayback_base,
        interval,
        today,
    );
    if let Some(keys) = keys {
        archive::save_missing(
            &mut report,
            &fetcher,
            &icelist::sources::RealWaits,
            &args.wayback_base,
            &keys,
            interval,
            archive::SavePolling {
                interval: std::time::Duration::from_millis(args.save_poll_interval),
                attempts: args.save_polls,
            },
        );
    }
    let written = if args.write {
        archive::write_snapshots(&TempArea::open(root)?, root, dataset.entries(), &report)?
    } else {
        Vec::new()
    };
    match args.format {
        ReportFormat::Json => emit(&(serde_json::to_string(&report).unwrap_or_default() + "\n"))?,
        ReportFormat::Human => emit(&archive::human(&report, &written))?,
    };
    Ok(ExitCode::SUCCESS)
}

/// The Save Page Now keys, checked before anything is fetched: both must be set, and they are
/// only ever sent over https (or to a test server on this machine).
#[cfg(feature = "online")]
fn save_keys(wayback_base: &str) -> Result<icelist::sources::archive::SaveKeys, Error> {
    use icelist::sources::archive::SaveKeys;
    let keys = SaveKeys::from_env().ok_or_else(|| {
        Error::Usage(format!(
            "--save needs the Save Page Now keys in {} and {} (https://archive.org/account/s3.php)",
            SaveKeys::ACCESS_VAR,
            SaveKeys::SECRET_VAR
        ))
    })?;
    let base = url::Url::parse(wayback_base).map_err(|e| {
        Error::Usage(format!(
            "--wayback-base {}: {e}",
            icelist::escape_untrusted(wayback_base)
        ))
    })?;
    let loopback = match base.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        _ => false,
    };
    if base.scheme() != "https" && !loopback {
        return Err(Error::Usage(format!(
            "--save sends the keys only over https, not to {}",
            icelist::escape_untrusted(wayback_base)
        )));
    }
    Ok(keys)
}

fn schema_diff(
    root: &Path,
    sides: &[String],
    rev: bool,
    format: ReportFormat,
) -> Result<ExitCode, Error> {
    let read = |side: &str| icelist::workspace::schema_side(root, side, rev);
    let (old, new) = (read(&sides[0])?, read(&sides[1])?);
    let diff = icelist::schema_diff::diff(&old, &new);
    match format {
        ReportFormat::Human => emit(&icelist::schema_diff::human(&diff))?,
        ReportFormat::Json => emit(&(serde_json::to_string(&diff).unwrap_or_default() + "\n"))?,
    };
    Ok(ExitCode::from(u8::from(diff.breaking)))
}

fn intake(root: &Path, args: IntakeArgs) -> Result<ExitCode, Error> {
    let read = |path: &Path| {
        std::fs::read(path)
            .map_err(|source| Error::Io {
                path: path.to_owned(),
                source,
            })
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
    };
    let form =
        icelist::intake::Form::from_yaml(&read(&args.form)?).map_err(|error| Error::Config {
            path: args.form.clone(),
            message: error.to_string(),
        })?;
    let body = read_body(&args.body_file)?;
    let workspace = Workspace::open(root, config::today(None)?)?;
    let schema = workspace.schema()?;
    let settings = workspace.settings();
    let issue_date = icelist::intake::issue_date(args.issue_date.as_deref(), settings.today)?;
    let report = icelist::intake::intake(root, &form, &body, schema, settings, issue_date)?;
    if args.write && !report.has_errors() {
        icelist::intake::write(root, &report)?;
    }
    let markdown = icelist::intake::markdown(&report);
    if let Some(path) = &args.full_report {
        std::fs::write(path, &markdown).map_err(|source| Error::Write {
            path: path.clone(),
            source,
        })?;
    }
    match args.format {
        IntakeFormat::Markdown => emit(&icelist::intake::fit_to_comment(
            &markdown,
            args.full_report.is_some(),
        ))?,
        IntakeFormat::Json => emit(&(serde_json::to_string(&report).unwrap_or_default() + "\n"))?,
    };
    Ok(ExitCode::from(u8::from(report.has_errors())))
}

/// An issue's body, read only as far as intake can use it: a character is four bytes at most,
/// so the text cut here still has more characters than intake reads, and it is refused.
fn read_body(path: &Path) -> Result<String, Error> {
    use std::io::Read;
    let limit = icelist::intake::MAX_BODY_CHARS as u64 * 4 + 1;
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(io)?
        .take(limit)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn fmt(root: &Path, paths: &[PathBuf], check: bool) -> Result<ExitCode, Error> {
    let workspace = Workspace::open(root, config::today(None)?)?;
    // The canonical form comes from the model, but a dataset whose schema is missing, linked
    // or broken is not one to rewrite.
    workspace.schema()?;
    let files = workspace.files()?;
    let selection = workspace.select(paths)?;
    // `--check` writes nothing, so it creates no temporary area either.
    let area = if check {
        None
    } else {
        Some(workspace.temp_area()?)
    };
    let icelist::format::Formatted { changed, refused } = icelist::format::format_dataset(
        files,
        &|file| selection.includes(file),
        workspace.settings().max_file_size,
        area,
    )?;
    let mut out = String::new();
    for file in &changed {
        out.push_str(&if check {
            format!("would reformat {file}\n")
        } else {
            format!("formatted {file}\n")
        });
    }
    emit(&out)?;
    for (file, why) in &refused {
        note(&format!("{file}: {why}\n"));
    }
    let failed = !refused.is_empty() || (check && !changed.is_empty());
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn diff(root: &Path, revisions: &[String], format: DiffFormat) -> Result<ExitCode, Error> {
    use icelist::git::Side;
    let repo = icelist::git::DatasetRepo::open(root)?;
    let (old, new) = match revisions {
        [] => (repo.head()?, Side::WorkingTree),
        [one] => match icelist::git::RevisionRange::parse(one)
            .map_err(|e| Error::Usage(e.to_string()))?
        {
            icelist::git::RevisionRange::Between(a, b) => {
                (repo.commit(a)?, Side::Commit(repo.commit(b)?))
            }
            icelist::git::RevisionRange::One(one) => (repo.commit(one)?, Side::WorkingTree),
        },
        [a, b] => (repo.commit(a)?, Side::Commit(repo.commit(b)?)),
        _ => {
            return Err(Error::Usage(
                "icelist diff takes at most two revisions".into(),
            ));
        }
    };
    let workspace = Workspace::open(root, config::today(None)?)?;
    let entries = icelist::review::review(&repo, old, new, workspace.settings().max_file_size)?;
    let text = match format {
        DiffFormat::Text => icelist::review::text(
            &entries,
            icelist::review::TextOptions {
                color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            },
        ),
        DiffFormat::Markdown => icelist::review::markdown(&entries),
        DiffFormat::Json => icelist::review::json(&entries),
    };
    emit(&text)
}

/// Writes a whole report to stdout.
fn write_report(report: &Report, format: Format) -> Result<(), Error> {
    let mut out = Stdout::new();
    render::render_to(report, render_format(format), &mut out)
        .and_then(|()| out.flush())
        .map_err(stdout_error)
}

fn render_format(format: Format) -> render::Format {
    match format {
        Format::Human => render::Format::Human(render::HumanOptions {
            color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            ..Default::default()
        }),
        Format::Json => render::Format::Json,
        Format::Concise => render::Format::Concise,
        Format::Github => render::Format::Github,
        Format::Sarif => render::Format::Sarif,
    }
}

fn stdout_error(source: std::io::Error) -> Error {
    Error::Write {
        path: PathBuf::from("<stdout>"),
        source,
    }
}

/// Buffered stdout where a closed pipe (`icelist lint | head`) ends the output quietly: what
/// follows is dropped, and the run still ends with its own exit code.
struct Stdout {
    out: std::io::BufWriter<std::io::StdoutLock<'static>>,
    closed: bool,
}

impl Stdout {
    fn new() -> Self {
        Stdout {
            out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock()),
            closed: false,
        }
    }

    fn quietly(&mut self, result: std::io::Result<()>) -> std::io::Result<()> {
        match result {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

impl Write for Stdout {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.closed {
            return Ok(bytes.len());
        }
        let written = self.out.write_all(bytes);
        self.quietly(written).map(|()| bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let flushed = self.out.flush();
        self.quietly(flushed)
    }
}

fn exit_code(tally: Tally, strict: bool) -> ExitCode {
    if tally.errors > 0 || (strict && tally.warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// An error that stopped the run: one line on stderr, `icelist: error: ...` (as ripgrep does),
/// escaped so that nothing in a path or a message can drive the terminal or a CI log.
pub fn print_error(error: &Error) {
    let text = icelist::escape_untrusted(&error.to_string());
    note(&format!("icelist: error: {text}\n"));
}

/// Writes to stderr; a closed stderr (`icelist lint 2>&-`) is not an error of the run.
fn note(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(text.as_bytes());
    let _ = stderr.flush();
}

/// Writes to stdout; a closed pipe (`icelist lint | head`) ends quietly.
fn emit(text: &str) -> Result<ExitCode, Error> {
    let mut out = Stdout::new();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(stdout_error)?;
    Ok(ExitCode::SUCCESS)
}
