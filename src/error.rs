//! The errors that stop a command from running at all (exit 2). Findings about the data are
//! not errors: they are [`crate::diagnostic::Diagnostic`]s.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("no schema at {}: run icelist from the dataset's root or pass --root", path.display())]
    SchemaMissing { path: PathBuf },
    #[error("the schema {} is not usable: {message}", path.display())]
    SchemaInvalid { path: PathBuf, message: String },
    #[error("no dataset/ directory under {}: run icelist from the dataset's root or pass --root", root.display())]
    DatasetMissing { root: PathBuf },
    #[error("{}: {message}", path.display())]
    Config { path: PathBuf, message: String },
    #[cfg(feature = "tool")]
    #[error("{}: {source}", path.display())]
    Event {
        path: PathBuf,
        #[source]
        source: crate::pull_request::EventError,
    },
    #[cfg(feature = "tool")]
    #[error("{}: {source}", path.display())]
    IssueEvent {
        path: PathBuf,
        #[source]
        source: crate::issue_event::IssueEventError,
    },
    #[error("{path} is not an entry of this dataset: {reason}")]
    NotAnEntry { path: String, reason: String },
    #[error("{file} cannot be loaded as an entry: {reason}")]
    EntryNotLoaded { file: String, reason: String },
    #[error("{file} cannot be loaded as the redirect table: {reason}")]
    RedirectsNotLoaded { file: String, reason: String },
    #[error(
        "no request of this run got an HTTP answer ({links} links: each failed at DNS, connect, TLS or timed out): this machine looks offline, so the link history was not written"
    )]
    LooksOffline { links: usize },
    #[error("{message}")]
    Online { message: String },
    #[error("invalid --today {value:?}: expected a date YYYY-MM-DD")]
    BadDate { value: String },
    #[error("cannot read {}: {source}", path.display())]
    Unreadable {
        path: PathBuf,
        #[source]
        source: ReadError,
    },
    #[error("{} is a symbolic link: icelist reads {folder}/ only as a real folder of the repository, never through a link", path.display())]
    LinkedFolder { path: PathBuf, folder: String },
    #[error("{} is not a folder", path.display())]
    NotAFolder { path: PathBuf, folder: String },
    #[error("{} was not changed: {reason}", path.display())]
    Refused { path: PathBuf, reason: String },
    #[error("not built into {}: {reason}", path.display())]
    UnsafeOutput { path: PathBuf, reason: String },
    #[error("{0}")]
    Git(String),
    #[cfg(feature = "tool")]
    /// A git operation that libgit2 refused.
    #[error("{what}: {}", source.message())]
    GitFailed {
        what: String,
        #[source]
        source: git2::Error,
    },
    #[cfg(feature = "tool")]
    #[error("cannot write the SQLite database {}: {source}", path.display())]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[cfg(feature = "tool")]
    #[error("cannot write the CSV file {}: {source}", path.display())]
    Csv {
        path: PathBuf,
        #[source]
        source: csv::Error,
    },
    /// An input of `icelist import` that cannot be read as the form it is read as.
    #[error("cannot import {}: {message}", path.display())]
    ImportInput { path: PathBuf, message: String },
    #[error("{0}")]
    Usage(String),
    /// `icelist new` made no entry.
    #[cfg(feature = "tool")]
    #[error("{0}")]
    NewEntryRefused(#[from] NewEntryRefusal),
}

/// Why `icelist new` made no entry, each with what to do instead.
#[cfg(feature = "tool")]
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NewEntryRefusal {
    #[error("give the company's name as plain text, e.g. icelist new \"Acme Widgets\"")]
    NameNotPlainText,
    #[error(
        "cannot make an id from {}: the id uses the letters a–z and digits; create the file by hand",
        crate::text::quoted(name)
    )]
    NoId { name: String },
    /// The id breaks the file-name rule (a Windows device name, ...).
    #[error("{reason}: create the file by hand under a longer id")]
    IdRefused { id: String, reason: String },
    /// The id was published for another entry (the redirect table).
    #[error(
        "the id {} redirects to {} (dataset/redirects.json): a published id is never given to another company; create the file by hand under another id",
        crate::text::quoted(id),
        crate::text::quoted(to)
    )]
    IdRedirected { id: String, to: String },
    #[error("dataset/{id}.json already exists: edit it instead")]
    Exists { id: String },
    /// The dataset stage finds the company in another entry (`entry-duplicate`: the template
    /// holds only a name), whose value there is `written`.
    #[error(
        "{} looks like the company in {file} ({}): edit that entry, or add this name to its aliases",
        crate::text::quoted(name),
        crate::text::quoted(written)
    )]
    Duplicate {
        name: String,
        file: String,
        written: String,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a file of the checkout was not read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    #[error("no such file")]
    NotFound,
    #[error("it is a symbolic link, which icelist never follows")]
    Link,
    #[error("it is not a regular file")]
    NotRegular,
    #[error("it has {size} bytes, over the limit of {limit}")]
    TooLarge { size: u64, limit: u64 },
    #[error("{0}")]
    Io(#[source] std::io::Error),
}
