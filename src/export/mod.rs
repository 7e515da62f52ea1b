//! `icelist build`: the dataset in the formats downstream projects use. Every output is a pure
//! function of the entries (no timestamps), so two builds of one dataset are byte-identical.
//! Entries are streamed in id order: memory stays bounded whatever the dataset's size.

mod csv_tables;
mod datapackage;
mod feed;
mod output;
pub mod packages;
mod site;
mod sqlite;
pub(crate) mod wikitext;

use crate::dataset::{DatasetFiles, SCHEMA_PATH};
use crate::diagnostic::Report;
use crate::error::{Error, Result};
use crate::lint::{self, Selection};
use crate::model::Entry;
use crate::rules::schema::EntrySchema;
use crate::settings::Settings;
use crate::temp_area::TempArea;
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What a build wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct BuildSummary {
    pub companies: usize,
    pub sources: usize,
    pub aliases: usize,
    pub files: Vec<String>,
    /// What the build wrote but a reader should know (no licence declared).
    pub warnings: Vec<String>,
}

/// Entries are rendered in parallel a chunk at a time and written in order.
const CHUNK: usize = 2048;

/// What `build` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildOutcome {
    Built(BuildSummary),
    /// The lint found errors: nothing was written (the staged output is discarded).
    NotBuilt {
        errors: usize,
    },
}

/// Lints the dataset and writes every export into `out`, replacing it whole, in one pass: each
/// file is read and parsed once, the lint's parse is read through the model and written while
/// the next files are linted. `report` receives the lint's findings a batch at a time.
///
/// The build goes to a staging folder (in the run's [`TempArea`] when it is on the same file
/// system), which takes the place of the old output in one atomic exchange, and only when the
/// lint found no error. `out` is checked first (see `output::check`): a build never replaces
/// the root, the data, or a folder it did not write.
/// What a release adds to a build: its version (`manifest.json`; default: the tag on HEAD,
/// else `null`) and its notes (`changes.html`, from `icelist changelog --format json`).
#[derive(Debug, Clone, Default)]
pub struct Release {
    pub dataset_version: Option<String>,
    pub notes: Option<crate::changelog::Changelog>,
    /// The notes' file as given, written unchanged as `changes.json` (the release uploads it,
    /// and the downloads page lists its sum).
    pub notes_json: Option<Vec<u8>>,
    /// Earlier releases' notes, for the feed (`feed.xml`).
    pub earlier_notes: Vec<crate::changelog::Changelog>,
}

/// `release` says what the build is a release of.
#[allow(clippy::too_many_arguments)]
pub fn build(
    files: &DatasetFiles,
    schema: &EntrySchema,
    settings: &Settings,
    out: &Path,
    area: &TempArea,
    release: &Release,
    report: &mut dyn FnMut(Report) -> Result<()>,
) -> Result<BuildOutcome> {
    let target = output::resolve(out)?;
    let parent = target
        .parent()
        .ok_or_else(|| output::refuse(out, "it is the file system's root"))?
        .to_owned();
    // Folders created for the output are removed again when nothing is built.
    let created = create_folders(&parent)?;
    let outcome = build_into(
        files, schema, settings, out, &target, &parent, area, release, report,
    );
    if !matches!(outcome, Ok(BuildOutcome::Built(_))) {
        for dir in created.iter().rev() {
            let _ = std::fs::remove_dir(dir);
        }
    }
    outcome
}

/// Creates `dir` and its missing ancestors; returns those it created, outermost first.
fn create_folders(dir: &Path) -> Result<Vec<PathBuf>> {
    let missing: Vec<PathBuf> = dir
        .ancestors()
        .take_while(|d| !d.as_os_str().is_empty() && std::fs::symlink_metadata(d).is_err())
        .map(Path::to_owned)
        .collect();
    std::fs::create_dir_all(dir).map_err(write_error(dir))?;
    Ok(missing.into_iter().rev().collect())
}

#[allow(clippy::too_many_arguments)]
fn build_into(
    files: &DatasetFiles,
    schema: &EntrySchema,
    settings: &Settings,
    out: &Path,
    target: &Path,
    parent: &Path,
    area: &TempArea,
    release: &Release,
    report: &mut dyn FnMut(Report) -> Result<()>,
) -> Result<BuildOutcome> {
    // Two builds into one folder must never mix: the second one stops here.
    let _lock = output::lock(parent, out)?;
    output::check(&files.root, out, target)?;
    let staging_parent = if output::same_file_system(area.dir(), parent) {
        area.dir().to_owned()
    } else {
        parent.to_owned()
    };
    let staging = tempfile::Builder::new()
        .prefix(".icelist-build-")
        .tempdir_in(&staging_parent)
        .map_err(write_error(&staging_parent))?;
    // The exports list entries by id, which is not the order of file names
    // ("a-b.json" < "a.json"): the lint reads them in id order.
    let mut by_id = files.clone();
    by_id.entries.sort_by(|a, b| a.stem.cmp(&b.stem));
    let stamp = Stamp::new(&files.root, schema, settings, release);
    let history = std::sync::Arc::new(crate::history::of_checkout(
        &files.root,
        settings.max_file_size,
    )?);
    // A table that does not read is a lint error, and then nothing is built.
    let redirects = std::sync::Arc::new(files.redirect_table(settings.max_file_size));
    let mut writers = Writers::create(
        staging.path(),
        &stamp,
        release.notes.is_some(),
        std::sync::Arc::clone(&history),
        std::sync::Arc::clone(&redirects),
    )?;
    let tally = lint::lint_and_read(
        &by_id,
        schema,
        settings,
        &Selection::All,
        report,
        Some(&mut |entries| writers.add(entries)),
    );
    let tally = match tally {
        Ok(tally) => tally,
        Err(error) => {
            writers.abandon();
            return Err(error);
        }
    };
    if tally.errors > 0 {
        writers.abandon();
        return Ok(BuildOutcome::NotBuilt {
            errors: tally.errors,
        });
    }
    let summary = writers.finish(&files.root, &stamp, release)?;
    crate::failpoint::hit("build-before-exchange");
    let staged = staging.keep();
    output::replace(&staged, target)?;
    Ok(BuildOutcome::Built(summary))
}

/// Refuses a `--dataset-version` that is not a plain release name: it is written into the
/// manifest and the pages, and names a release downstream.
pub fn check_dataset_version(version: &str) -> Result<()> {
    let plain = !version.is_empty()
        && version.len() <= 64
        && version
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+'));
    if plain {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "--dataset-version {:?}: use letters, digits and . - _ + (a release is tagged vYYYY.MM.DD)",
        crate::text::escape_untrusted(version)
    )))
}

/// Checks, before anything else is done, that `build` may replace `out` (see
/// `output::check`); [`build`] checks again once it holds the output's lock.
pub fn check_output(root: &Path, out: &Path) -> Result<()> {
    output::check(root, out, &output::resolve(out)?)
}

/// A file in the output folder, written through a buffer.
pub(crate) struct OutFile {
    pub path: PathBuf,
    pub writer: std::io::BufWriter<std::fs::File>,
}

impl OutFile {
    pub(crate) fn create(dir: &Path, name: &str) -> Result<Self> {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| Error::Write {
                path: parent.to_owned(),
                source,
            })?;
        }
        let file = std::fs::File::create(&path).map_err(|source| Error::Write {
            path: path.clone(),
            source,
        })?;
        Ok(OutFile {
            path,
            writer: std::io::BufWriter::new(file),
        })
    }

    pub(crate) fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.writer.write_all(bytes).map_err(|source| Error::Write {
            path: self.path.clone(),
            source,
        })
    }

    /// Flushes the file. No fsync per file: the build is staged in a temporary folder that
    /// replaces the output only when complete, and an fsync per file made a build of 10,000
    /// entries 15 times slower than a lint of them.
    pub(crate) fn finish(mut self) -> Result<()> {
        self.writer.flush().map_err(|source| Error::Write {
            path: self.path.clone(),
            source,
        })
    }
}

pub(crate) fn write_error(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Write {
        path: path.to_owned(),
        source,
    }
}

/// The entry as exported: the model's reading of the lint's parse, without the editor hint
/// `$schema`, so every export writes the canonical form (and whole numbers as integers). An
/// entry that does not fit the model (possible only with `schema` turned off) stops the build:
/// nothing is dropped silently.
fn exported(file: String, read: Option<std::result::Result<Entry, String>>) -> Result<Entry> {
    match read {
        Some(Ok(mut entry)) => {
            entry.schema = None;
            Ok(entry)
        }
        Some(Err(why)) => Err(Error::NotAnEntry {
            path: file,
            reason: format!(
                "it does not fit the schema's model of an entry ({why}); run `icelist lint` with the schema rule on"
            ),
        }),
        None => Err(Error::NotAnEntry {
            path: file,
            reason: "it was not read as JSON; run `icelist lint`".into(),
        }),
    }
}

/// The writers of one build's files, fed entries in id order.
struct Writers {
    dir: PathBuf,
    json: OutFile,
    ndjson: OutFile,
    tables: csv_tables::CsvTables,
    pages: site::Site,
    /// SQLite takes one writer: it gets its own thread, fed chunk by chunk, while this thread
    /// writes the other files and rayon renders the pages.
    to_database: std::sync::mpsc::SyncSender<std::sync::Arc<Vec<Entry>>>,
    database: std::thread::JoinHandle<Result<()>>,
    /// Company pages (HTML and wikitext) are created by one thread of their own: file creation
    /// is the costliest step of a build, and two threads creating files in one folder mostly
    /// wait on its lock (the profile showed the kernel spinning on it).
    to_page_writer: std::sync::mpsc::SyncSender<Vec<(String, String)>>,
    page_writer: std::thread::JoinHandle<Result<()>>,
    /// domain -> the id of the entry that lists it (`domains.json`).
    domains: std::collections::BTreeMap<String, String>,
    /// When each entry appeared and last changed (`history.json`).
    history: std::sync::Arc<crate::history::History>,
    /// Old ids and where they point (`redirects.json`).
    redirects: std::sync::Arc<crate::model::Redirects>,
    summary: BuildSummary,
}

impl Writers {
    fn create(
        dir: &Path,
        stamp: &Stamp,
        with_changes: bool,
        history: std::sync::Arc<crate::history::History>,
        redirects: std::sync::Arc<crate::model::Redirects>,
    ) -> Result<Self> {
        let mut json = OutFile::create(dir, "companies.json")?;
        json.write(b"[")?;
        let ndjson = OutFile::create(dir, "companies.ndjson")?;
        let tables = csv_tables::CsvTables::create(dir)?;
        let pages = site::Site::create(dir, stamp, with_changes, std::sync::Arc::clone(&history))?;
        std::fs::create_dir_all(dir.join("companies")).map_err(write_error(dir))?;
        std::fs::create_dir_all(dir.join("wiki")).map_err(write_error(dir))?;
        let database_path = dir.join("icelist.sqlite");
        let (to_database, chunks) = std::sync::mpsc::sync_channel::<std::sync::Arc<Vec<Entry>>>(2);
        let database_stamp = stamp.clone();
        let database_history = std::sync::Arc::clone(&history);
        let database_redirects = std::sync::Arc::clone(&redirects);
        let database = std::thread::spawn(move || -> Result<()> {
            let mut database = sqlite::Database::create(&database_path, &database_stamp)?;
            for chunk in chunks {
                for entry in chunk.iter() {
                    database.add(entry, database_history.get(&entry.id))?;
                }
            }
            database.add_redirects(&database_redirects)?;
            database.finish()
        });
        let pages_dir = dir.to_owned();
        let (to_page_writer, page_chunks) =
            std::sync::mpsc::sync_channel::<Vec<(String, String)>>(2);
        let page_writer = std::thread::spawn(move || -> Result<()> {
            for chunk in page_chunks {
                for (name, text) in chunk {
                    let path = pages_dir.join(name);
                    std::fs::write(&path, text).map_err(|source| Error::Write { path, source })?;
                }
            }
            Ok(())
        });
        Ok(Writers {
            dir: dir.to_owned(),
            json,
            ndjson,
            tables,
            pages,
            to_database,
            database,
            to_page_writer,
            page_writer,
            domains: Default::default(),
            history,
            redirects,
            summary: BuildSummary::default(),
        })
    }

    /// Writes a batch of entries (in id order) to every export.
    fn add(&mut self, batch: lint::ReadBatch) -> Result<()> {
        let mut batch = batch.into_iter();
        loop {
            let chunk: lint::ReadBatch = batch.by_ref().take(CHUNK).collect();
            if chunk.is_empty() {
                return Ok(());
            }
            self.add_chunk(chunk)?;
        }
    }

    fn add_chunk(&mut self, chunk: lint::ReadBatch) -> Result<()> {
        // Everything that depends on one entry alone is rendered on the pool; this thread only
        // appends the pieces in order.
        let rendered: Vec<Rendered> = chunk
            .into_par_iter()
            .map(|(file, read)| {
                let entry = exported(file, read)?;
                let (name, html) = self.pages.render_page(&entry)?;
                let own = serde_json::to_string_pretty(&entry).unwrap_or_default() + "\n";
                Ok(Rendered {
                    json_page: (format!("companies/{}.json", entry.id), own),
                    wiki: (format!("wiki/{}.wiki", entry.id), wikitext::page(&entry)),
                    page: (format!("companies/{name}"), html),
                    pretty: indent(&serde_json::to_string_pretty(&entry).unwrap_or_default()),
                    line: serde_json::to_string(&entry).unwrap_or_default(),
                    entry,
                })
            })
            .collect::<Result<_>>()?;
        let mut entries = Vec::with_capacity(rendered.len());
        let mut chunk_pages = Vec::with_capacity(rendered.len());
        for piece in rendered {
            chunk_pages.push(piece.page);
            chunk_pages.push(piece.json_page);
            chunk_pages.push(piece.wiki);
            self.json.write(if self.summary.companies == 0 {
                b"\n"
            } else {
                b",\n"
            })?;
            self.json.write(piece.pretty.as_bytes())?;
            self.ndjson.write(piece.line.as_bytes())?;
            self.ndjson.write(b"\n")?;
            let entry = piece.entry;
            self.tables.add(&entry, self.history.get(&entry.id))?;
            self.pages.add(&entry)?;
            self.summary.companies += 1;
            self.summary.sources += entry.sources.len();
            self.summary.aliases += entry.aliases().len();
            for domain in entry.domains.iter().flatten() {
                // `domain-duplicate` keeps a domain to one entry; should it be turned off,
                // the first entry in id order keeps it.
                self.domains
                    .entry(domain.clone())
                    .or_insert_with(|| entry.id.clone());
            }
            entries.push(entry);
        }
        // A closed channel means that thread stopped: its error is reported by `finish`.
        let _ = self.to_database.send(std::sync::Arc::new(entries));
        let _ = self.to_page_writer.send(chunk_pages);
        Ok(())
    }

    /// Stops the writer threads of a build that will not be used.
    fn abandon(self) {
        drop(self.to_database);
        drop(self.to_page_writer);
        let _ = self.database.join();
        let _ = self.page_writer.join();
    }

    /// Completes every file, then the schema copy, the Data Package and the manifest.
    fn finish(self, root: &Path, stamp: &Stamp, release: &Release) -> Result<BuildSummary> {
        let Writers {
            dir,
            mut json,
            ndjson,
            tables,
            pages,
            to_database,
            database,
            to_page_writer,
            page_writer,
            domains,
            history,
            redirects,
            mut summary,
        } = self;
        drop(to_page_writer);
        page_writer.join().map_err(|_| Error::Write {
            path: dir.clone(),
            source: std::io::Error::other("the page writer stopped unexpectedly"),
        })??;
        drop(to_database);
        json.write(if summary.companies == 0 {
            b"]\n"
        } else {
            b"\n]\n"
        })?;
        json.finish()?;
        ndjson.finish()?;
        tables.finish()?;
        let chrome = pages.finish(release.notes.as_ref())?;
        site::write_redirect_pages(&dir, &chrome, &redirects)?;
        let mut table = OutFile::create(&dir, "redirects.json")?;
        table.write(redirects.to_canonical_text().as_bytes())?;
        table.finish()?;
        if let Some(notes) = &release.notes_json {
            let mut file = OutFile::create(&dir, "changes.json")?;
            file.write(notes)?;
            file.finish()?;
        }
        let mut feed_file = OutFile::create(&dir, "feed.xml")?;
        feed_file.write(
            feed::feed(
                stamp,
                stamp.site_url.as_deref(),
                release.notes.as_ref(),
                &release.earlier_notes,
            )
            .as_bytes(),
        )?;
        feed_file.finish()?;
        database.join().map_err(|_| Error::Write {
            path: dir.join("icelist.sqlite"),
            source: std::io::Error::other("the database writer stopped unexpectedly"),
        })??;
        write_json(
            &dir,
            "domains.json",
            &serde_json::json!({ "version": 1, "domains": domains }),
        )?;
        write_json(
            &dir,
            "history.json",
            &serde_json::to_value(&*history).unwrap_or_default(),
        )?;
        if history.commit.is_some()
            && let Some(note) = &history.note
        {
            summary.warnings.push(format!("history.json is incomplete: {note}"));
        }
        write_metadata(root, stamp, &dir, release.notes.is_some(), &mut summary)?;
        // Last: it lists the sums of the files above.
        site::write_downloads(root, &dir, &chrome)?;
        Ok(summary)
    }
}

/// What the outputs of one build say about themselves: which data, which schema, under which
/// licence. Decided once, before the first file is written, so every output says the same.
#[derive(Debug, Clone)]
pub(crate) struct Stamp {
    pub(crate) dataset_version: Option<String>,
    pub(crate) source_commit: Option<String>,
    /// The schema's major version (the last number of its `$id`).
    pub(crate) schema_version: Option<u64>,
    pub(crate) schema_id: Option<String>,
    pub(crate) data_licence: Option<crate::publication::DataLicence>,
    /// Where the site is published (`site_url`), for absolute links in the feed.
    pub(crate) site_url: Option<String>,
    /// The repository the site links to (`repository`).
    pub(crate) repository: Option<String>,
    /// The day the source commit was made: the date of the data.
    pub(crate) source_date: Option<time::Date>,
}

impl Stamp {
    fn new(root: &Path, schema: &EntrySchema, settings: &Settings, release: &Release) -> Stamp {
        let repo = crate::git::DatasetRepo::open(root).ok();
        let head = repo.as_ref().and_then(|repo| repo.head().ok());
        let source_commit = head.map(|oid| oid.to_string());
        let source_date = repo
            .as_ref()
            .zip(head)
            .and_then(|(repo, oid)| repo.commit_date(oid));
        let dataset_version = release
            .dataset_version
            .clone()
            .or_else(|| repo.as_ref().and_then(|repo| repo.tag_on_head()));
        Stamp {
            dataset_version,
            source_commit,
            schema_version: crate::schema_diff::major_version(schema.document()),
            schema_id: schema.id().map(str::to_owned),
            data_licence: settings.data_licence,
            site_url: settings.site_url.clone(),
            repository: settings.repository.clone(),
            source_date,
        }
    }

    /// The licence as the manifest and Datasette's metadata write it (`null`: none declared).
    fn licence_json(&self) -> serde_json::Value {
        self.data_licence
            .map_or(serde_json::Value::Null, |l| serde_json::json!(l))
    }
}

/// Writes a JSON document as pretty text with a final newline.
fn write_json(dir: &Path, name: &str, document: &serde_json::Value) -> Result<()> {
    let mut file = OutFile::create(dir, name)?;
    file.write((serde_json::to_string_pretty(document).unwrap_or_default() + "\n").as_bytes())?;
    file.finish()
}

/// The schema copy, the Data Package descriptor, Datasette's metadata and the manifest.
fn write_metadata(
    root: &Path,
    stamp: &Stamp,
    dir: &Path,
    with_changes: bool,
    summary: &mut BuildSummary,
) -> Result<()> {
    let schema_path = root.join(SCHEMA_PATH);
    let schema_text =
        crate::checkout::read_regular_file(&schema_path, crate::checkout::SCHEMA_LIMIT)
            .map_err(|source| Error::Unreadable {
                path: schema_path.clone(),
                source,
            })?
            .bytes;
    let mut schema_copy = OutFile::create(dir, SCHEMA_PATH)?;
    schema_copy.write(&schema_text)?;
    schema_copy.finish()?;
    let mut redirects_schema = OutFile::create(dir, crate::rules::redirect_invalid::SCHEMA_PATH)?;
    redirects_schema.write(crate::rules::redirect_invalid::SCHEMA.as_bytes())?;
    redirects_schema.finish()?;

    write_json(
        dir,
        "datapackage.json",
        &datapackage::describe(stamp.data_licence),
    )?;
    write_json(dir, "metadata.json", &sqlite::datasette_metadata(stamp))?;

    summary.files = vec![
        "companies.json".into(),
        "companies.ndjson".into(),
        "companies.csv".into(),
        "sources.csv".into(),
        "claims.csv".into(),
        "awards.csv".into(),
        "responses.csv".into(),
        "icelist.sqlite".into(),
        "metadata.json".into(),
        "datapackage.json".into(),
        SCHEMA_PATH.into(),
        crate::rules::redirect_invalid::SCHEMA_PATH.into(),
        "index.html".into(),
        "site.js".into(),
        "search-index.js".into(),
        "methodology.html".into(),
        "downloads.html".into(),
        "feed.xml".into(),
        "companies/<id>.html".into(),
        "companies/<id>.json".into(),
        "wiki/<id>.wiki".into(),
        "domains.json".into(),
        "history.json".into(),
        "redirects.json".into(),
        "manifest.json".into(),
    ];
    if with_changes {
        summary.files.push("changes.html".into());
        summary.files.push("changes.json".into());
    }
    if stamp.data_licence.is_none() {
        summary
            .warnings
            .push(crate::publication::NO_LICENCE_WARNING.into());
    }
    let manifest = serde_json::json!({
        "version": 1,
        "dataset_version": stamp.dataset_version,
        "schema_version": stamp.schema_version,
        "schema_id": stamp.schema_id,
        "source_commit": stamp.source_commit,
        "licence": stamp.licence_json(),
        "attribution": crate::publication::ATTRIBUTION,
        "counts": { "companies": summary.companies, "sources": summary.sources, "aliases": summary.aliases },
        "files": summary.files,
    });
    write_json(dir, "manifest.json", &manifest)
}

/// One entry's pieces of the single-file exports, rendered on the pool.
struct Rendered {
    entry: Entry,
    /// Path in the output (`companies/<id>.html`) and HTML.
    page: (String, String),
    /// Path in the output (`wiki/<id>.wiki`) and wikitext.
    wiki: (String, String),
    /// `companies/<id>.json`: the entry alone, linked from its page.
    json_page: (String, String),
    /// Pretty JSON indented as an element of `companies.json`.
    pretty: String,
    /// One line of `companies.ndjson`, without its newline.
    line: String,
}

/// Indents a pretty-printed entry by two spaces, as an element of the top-level array.
fn indent(pretty: &str) -> String {
    let mut out = String::with_capacity(pretty.len() + pretty.len() / 8);
    for (i, line) in pretty.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("  ");
        out.push_str(line);
    }
    out
}

/// A list in one CSV cell or one row of a page: its items joined with "; ".
pub(crate) fn joined<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    let items: Vec<S> = items.into_iter().collect();
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<&str>>()
        .join("; ")
}
