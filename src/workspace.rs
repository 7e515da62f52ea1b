//! The dataset a command works on, opened once: its root, its settings (`icelist.toml`, as of
//! a day), and, read the first time a command asks, its schema, its entry files and its
//! temporary area. Each is read once per command (the entry files again after `--fix` rewrote
//! some), in the order the command asks for them, so the first thing that is wrong is the one
//! reported.

use crate::config::Settings;
use crate::dataset::{DatasetFiles, SCHEMA_PATH};
use crate::diagnostic::Report;
use crate::error::{Error, Result};
use crate::fix::FileFix;
use crate::lint::Selection;
use crate::rules::schema::EntrySchema;
use crate::temp_area::TempArea;
use std::cell::OnceCell;
use std::path::{Path, PathBuf};

/// A dataset's checkout, as one command sees it.
pub struct Workspace {
    root: PathBuf,
    settings: Settings,
    schema: OnceCell<EntrySchema>,
    files: OnceCell<DatasetFiles>,
    area: OnceCell<TempArea>,
}

/// The value in `cell`, made by `make` the first time.
fn once<T>(cell: &OnceCell<T>, make: impl FnOnce() -> Result<T>) -> Result<&T> {
    if let Some(value) = cell.get() {
        return Ok(value);
    }
    let value = make()?;
    Ok(cell.get_or_init(|| value))
}

impl Workspace {
    /// Opens the dataset at `root` as of `today`: reads `icelist.toml` (its defaults when there
    /// is none).
    pub fn open(root: &Path, today: time::Date) -> Result<Self> {
        Ok(Workspace {
            root: root.to_owned(),
            settings: Settings::load(root, today)?,
            schema: OnceCell::new(),
            files: OnceCell::new(),
            area: OnceCell::new(),
        })
    }

    /// A workspace judged by `settings` and `schema` from elsewhere (`lint --changed-since`
    /// judges with the base revision's).
    pub fn with_policy(root: &Path, settings: Settings, schema: EntrySchema) -> Self {
        Workspace {
            root: root.to_owned(),
            settings,
            schema: OnceCell::from(schema),
            files: OnceCell::new(),
            area: OnceCell::new(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The settings, to change for this command only (`build --repository`).
    pub fn settings_mut(&mut self) -> &mut Settings {
        &mut self.settings
    }

    /// The entry schema (`schema/company.schema.json`): a command that writes entries asks for
    /// it too, so that a dataset whose schema is missing, linked or broken is never rewritten.
    pub fn schema(&self) -> Result<&EntrySchema> {
        once(&self.schema, || EntrySchema::load(&self.root.join(SCHEMA_PATH)))
    }

    /// The files under `dataset/`.
    pub fn files(&self) -> Result<&DatasetFiles> {
        once(&self.files, || DatasetFiles::discover(&self.root))
    }

    /// The temporary area every write of this command goes through (and its lock).
    pub fn temp_area(&self) -> Result<&TempArea> {
        once(&self.area, || TempArea::open(&self.root))
    }

    /// The files `paths` name (files or folders under `dataset/`, relative to the current
    /// directory), or every file when there are none.
    pub fn select(&self, paths: &[PathBuf]) -> Result<Selection> {
        Selection::of_paths(&self.root, paths)
    }

    /// Lints the dataset and returns the whole report, sorted.
    pub fn lint(&self, selection: &Selection) -> Result<Report> {
        crate::lint::lint_dataset(self.files()?, self.schema()?, &self.settings, selection)
    }

    /// `--fix`: repairs what `report` marks fixable; returns what happened to each file. When a
    /// file changed, the files are listed afresh the next time they are asked for: lint again
    /// ([`Self::lint`]) for the report to show.
    pub fn fix(&mut self, report: &Report) -> Result<Vec<(String, FileFix)>> {
        let fixed = crate::fix::fix_files(self.files()?, report, &self.settings, self.temp_area()?)?;
        if fixed.iter().any(|(_, o)| matches!(o, FileFix::Fixed(_))) {
            self.files = OnceCell::new();
        }
        Ok(fixed)
    }

    /// Writes `entry` as `dataset/<id>.json` in canonical form, atomically.
    pub fn write_entry(&self, entry: &crate::model::Entry) -> Result<()> {
        crate::write::write_entry(self.temp_area()?, &self.root, entry)
    }
}

/// One side of `icelist schema-diff`: the schema file at the path `side`, or, with `rev`, the
/// schema committed at the revision `side` of the checkout at `root`.
pub fn schema_side(root: &Path, side: &str, rev: bool) -> Result<serde_json::Value> {
    let (bytes, shown) = if rev {
        let repo = crate::git::DatasetRepo::open(root)?;
        let bytes = repo.schema_at(side)?;
        (
            bytes,
            format!(
                "{} at {}",
                crate::dataset::SCHEMA_PATH,
                crate::text::escape_untrusted(side)
            ),
        )
    } else {
        let path = std::path::Path::new(side);
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?;
        (bytes, crate::text::escape_untrusted(side))
    };
    serde_json::from_slice(&bytes).map_err(|e| Error::SchemaInvalid {
        path: std::path::PathBuf::from(shown),
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A checkout with the repository's schema and the given entry files.
    fn checkout(entries: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::create_dir_all(dir.path().join("schema")).unwrap();
        std::fs::copy(
            manifest.join(SCHEMA_PATH),
            dir.path().join(SCHEMA_PATH),
        )
        .unwrap();
        std::fs::create_dir_all(dir.path().join("dataset")).unwrap();
        for (name, text) in entries {
            std::fs::write(dir.path().join("dataset").join(name), text).unwrap();
        }
        dir
    }

    fn today() -> time::Date {
        crate::config::parse_date("2026-06-01").unwrap()
    }

    #[test]
    fn what_a_command_asks_for_is_read_once_and_in_its_order() {
        let dir = checkout(&[]);
        let workspace = Workspace::open(dir.path(), today()).unwrap();
        assert_eq!(workspace.settings().today, today());
        // The schema is read the first time it is asked for, not when the workspace opens.
        std::fs::remove_file(dir.path().join(SCHEMA_PATH)).unwrap();
        assert!(matches!(workspace.schema(), Err(Error::SchemaMissing { .. })));
        let files = workspace.files().unwrap();
        assert!(files.entries.is_empty());
        std::fs::write(dir.path().join("dataset/acme-widgets.json"), "{}").unwrap();
        assert!(
            std::ptr::eq(files, workspace.files().unwrap()),
            "the listing is kept for the command"
        );
    }

    #[test]
    fn a_broken_configuration_stops_the_workspace_from_opening() {
        let dir = checkout(&[]);
        std::fs::write(dir.path().join("icelist.toml"), "max_file_size = \"big\"\n").unwrap();
        assert!(matches!(
            Workspace::open(dir.path(), today()),
            Err(Error::Config { .. })
        ));
    }

    #[test]
    fn after_a_fix_the_lint_reads_the_files_listed_afresh() {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let valid = std::fs::read_to_string(
            manifest.join("tests/fixtures/schema/valid/acme-schema-ok.json"),
        )
        .unwrap();
        // A name with a leading space: `text-whitespace`, which `--fix` trims.
        let untrimmed = valid.replacen("\"name\": \"Acme Widgets\"", "\"name\": \" Acme Widgets\"", 1);
        assert_ne!(untrimmed, valid);
        let dir = checkout(&[("acme-schema-ok.json", &untrimmed)]);
        let mut workspace = Workspace::open(dir.path(), today()).unwrap();
        let report = workspace.lint(&Selection::All).unwrap();
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.code == crate::rules::RuleCode::TextWhitespace),
            "{:?}",
            report.diagnostics
        );
        let fixed = workspace.fix(&report).unwrap();
        let after = workspace.lint(&Selection::All).unwrap();
        assert!(matches!(fixed.as_slice(), [(_, FileFix::Fixed(_))]), "{fixed:?}");
        assert!(
            after
                .diagnostics
                .iter()
                .all(|d| d.code != crate::rules::RuleCode::TextWhitespace),
            "{:?}",
            after.diagnostics
        );
    }

    #[test]
    fn a_schema_side_that_is_not_json_names_the_side() {
        let dir = checkout(&[]);
        let side = dir.path().join("old.json");
        std::fs::write(&side, "{").unwrap();
        let error = schema_side(dir.path(), side.to_str().unwrap(), false).unwrap_err();
        assert!(matches!(error, Error::SchemaInvalid { .. }), "{error:?}");
        assert!(error.to_string().contains("old.json"), "{error}");
    }
}
