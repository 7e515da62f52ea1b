//! `icelist build`: the dataset in the formats downstream projects use. Every output is a pure
//! function of the entries (no timestamps), so two builds of one dataset are byte-identical.
//! Entries are streamed in id order: memory stays bounded whatever the dataset's size.

mod csv_tables;
mod datapackage;
mod output;
mod site;
mod sqlite;

use crate::dataset::{DatasetFiles, SCHEMA_PATH};
use crate::error::{Error, Result};
use crate::model::Entry;
use crate::rules::schema::EntrySchema;
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
}

/// Entries are parsed in parallel a chunk at a time and written in order.
const CHUNK: usize = 2048;

/// Writes every export into `out`, replacing it whole: the build goes to a staging folder
/// (in the run's [`TempArea`] when it is on the same file system), which takes the place of the
/// old output in one atomic exchange. `out` is checked first (see [`output::check`]): a build
/// never replaces the root, the data, or a folder it did not write.
pub fn build(
    files: &DatasetFiles,
    schema: &EntrySchema,
    out: &Path,
    max_file_size: u64,
    area: &TempArea,
) -> Result<BuildSummary> {
    let target = output::resolve(out)?;
    let parent = target
        .parent()
        .ok_or_else(|| output::refuse(out, "it is the file system's root"))?
        .to_owned();
    std::fs::create_dir_all(&parent).map_err(write_error(&parent))?;
    // Two builds into one folder must never mix: the second one stops here.
    let _lock = output::lock(&parent, out)?;
    output::check(&files.root, out, &target)?;
    let staging_parent = if output::same_file_system(area.dir(), &parent) {
        area.dir().to_owned()
    } else {
        parent.clone()
    };
    let staging = tempfile::Builder::new()
        .prefix(".icelist-build-")
        .tempdir_in(&staging_parent)
        .map_err(write_error(&staging_parent))?;
    let summary = write_all(files, schema, staging.path(), max_file_size)?;
    crate::failpoint::hit("build-before-exchange");
    let staged = staging.keep();
    output::replace(&staged, &target)?;
    Ok(summary)
}

/// Checks, before anything else is done, that `build` may replace `out` (see
/// [`output::check`]); [`build`] checks again once it holds the output's lock.
pub fn check_output(root: &Path, out: &Path) -> Result<()> {
    output::check(root, out, &output::resolve(out)?)
}

/// A file in the output folder, written through a buffer.
pub(crate) struct OutFile {
    pub path: PathBuf,
    pub writer: std::io::BufWriter<std::fs::File>,
}

impl OutFile {
    pub fn create(dir: &Path, name: &str) -> Result<Self> {
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

    pub fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.writer.write_all(bytes).map_err(|source| Error::Write {
            path: self.path.clone(),
            source,
        })
    }

    /// Flushes the file. No fsync per file: the build is staged in a temporary folder that
    /// replaces the output only when complete, and an fsync per file made a build of 10,000
    /// entries 15 times slower than a lint of them.
    pub fn finish(mut self) -> Result<()> {
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

/// The entry as exported: read through the typed model, without the editor hint `$schema`,
/// so every export writes the canonical form (and whole numbers as integers). An entry that
/// does not fit the model (possible only with `schema` turned off) stops the build: nothing
/// is dropped silently.
fn exported(bytes: &[u8]) -> std::result::Result<Entry, String> {
    use crate::model::EntryReadError;
    let mut entry = Entry::from_json_bytes(bytes).map_err(|e| match e {
        EntryReadError::DoesNotFit(why) => format!(
            "it does not fit the schema's model of an entry ({why}); run `icelist lint` with the schema rule on"
        ),
        other => other.to_string(),
    })?;
    entry.schema = None;
    Ok(entry)
}

fn write_all(
    files: &DatasetFiles,
    schema: &EntrySchema,
    dir: &Path,
    max_file_size: u64,
) -> Result<BuildSummary> {
    let mut entries: Vec<_> = files.entries.iter().collect();
    // Sorted by id (the stem), which is not the order of file names: "a-b.json" < "a.json".
    entries.sort_by(|a, b| a.stem.cmp(&b.stem));

    let mut json = OutFile::create(dir, "companies.json")?;
    let mut ndjson = OutFile::create(dir, "companies.ndjson")?;
    let mut tables = csv_tables::CsvTables::create(dir)?;
    let mut pages = site::Site::create(dir)?;
    std::fs::create_dir_all(dir.join("companies")).map_err(write_error(dir))?;
    // SQLite takes one writer: it gets its own thread, fed chunk by chunk, while this thread
    // writes the other files and rayon renders the pages.
    let database_path = dir.join("icelist.sqlite");
    let (to_database, chunks) = std::sync::mpsc::sync_channel::<std::sync::Arc<Vec<Entry>>>(2);
    let database = std::thread::spawn(move || -> Result<()> {
        let mut database = sqlite::Database::create(&database_path)?;
        for chunk in chunks {
            for entry in chunk.iter() {
                database.add(entry)?;
            }
        }
        database.finish()
    });
    // Company pages are created by one thread of their own: file creation is the costliest
    // step of a build, and two threads creating files in one folder mostly wait on its lock
    // (the profile showed the kernel spinning on it).
    let pages_dir = dir.join("companies");
    let (to_page_writer, page_chunks) = std::sync::mpsc::sync_channel::<Vec<(String, String)>>(2);
    let page_writer = {
        let pages_dir = pages_dir.clone();
        std::thread::spawn(move || -> Result<()> {
            for chunk in page_chunks {
                for (name, html) in chunk {
                    let path = pages_dir.join(name);
                    std::fs::write(&path, html).map_err(|source| Error::Write { path, source })?;
                }
            }
            Ok(())
        })
    };
    let mut summary = BuildSummary::default();
    json.write(b"[")?;
    for chunk in entries.chunks(CHUNK) {
        // Everything that depends on one entry alone is rendered on the pool; this thread only
        // appends the pieces in order.
        let rendered: Vec<Rendered> = chunk
            .par_iter()
            .map(|candidate| {
                let bytes = candidate
                    .read(max_file_size)
                    .map_err(|f| Error::NotAnEntry {
                        path: candidate.file.clone(),
                        reason: f.message,
                    })?;
                let entry = exported(&bytes).map_err(|reason| Error::NotAnEntry {
                    path: candidate.file.clone(),
                    reason,
                })?;
                Ok(Rendered {
                    page: site::Site::render_page(&entry)?,
                    pretty: indent(&serde_json::to_string_pretty(&entry).unwrap_or_default()),
                    line: serde_json::to_string(&entry).unwrap_or_default(),
                    entry,
                })
            })
            .collect::<Result<_>>()?;
        let mut parsed = Vec::with_capacity(rendered.len());
        let mut chunk_pages = Vec::with_capacity(rendered.len());
        for piece in rendered {
            chunk_pages.push(piece.page);
            json.write(if summary.companies == 0 {
                b"\n"
            } else {
                b",\n"
            })?;
            json.write(piece.pretty.as_bytes())?;
            ndjson.write(piece.line.as_bytes())?;
            ndjson.write(b"\n")?;
            let entry = piece.entry;
            tables.add(&entry)?;
            pages.add(&entry)?;
            summary.companies += 1;
            summary.sources += entry.sources.len();
            summary.aliases += entry.aliases().len();
            parsed.push(entry);
        }
        // A closed channel means that thread stopped: its error is reported below.
        let _ = to_database.send(std::sync::Arc::new(parsed));
        let _ = to_page_writer.send(chunk_pages);
    }
    drop(to_page_writer);
    page_writer.join().map_err(|_| Error::Write {
        path: pages_dir.clone(),
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
    pages.finish()?;
    database.join().map_err(|_| Error::Write {
        path: dir.join("icelist.sqlite"),
        source: std::io::Error::other("the database writer stopped unexpectedly"),
    })??;

    let schema_path = files.root.join(SCHEMA_PATH);
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

    let mut datapackage_file = OutFile::create(dir, "datapackage.json")?;
    datapackage_file.write(datapackage::describe().as_bytes())?;
    datapackage_file.finish()?;

    summary.files = vec![
        "companies.json".into(),
        "companies.ndjson".into(),
        "companies.csv".into(),
        "sources.csv".into(),
        "icelist.sqlite".into(),
        "datapackage.json".into(),
        SCHEMA_PATH.into(),
        "index.html".into(),
        "companies/<id>.html".into(),
        "manifest.json".into(),
    ];
    let commit = crate::git::DatasetRepo::open(&files.root)
        .ok()
        .and_then(|repo| repo.head().ok())
        .map(|oid| oid.to_string());
    let manifest = serde_json::json!({
        "version": 1,
        "schema_id": schema.id(),
        "source_commit": commit,
        "counts": { "companies": summary.companies, "sources": summary.sources, "aliases": summary.aliases },
        "files": summary.files,
    });
    let mut manifest_file = OutFile::create(dir, "manifest.json")?;
    manifest_file
        .write((serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n").as_bytes())?;
    manifest_file.finish()?;
    Ok(summary)
}

/// One entry's pieces of the single-file exports, rendered on the pool.
struct Rendered {
    entry: Entry,
    /// File name under `companies/` and HTML.
    page: (String, String),
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
