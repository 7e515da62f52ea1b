//! icelist: the dataset of companies that support U.S. DHS immigration enforcement, and the
//! tool that keeps it trustworthy.
//!
//! The binary is a thin shell over this library: every command runs the same pipeline
//! (load → parse with spans → check → report), and nothing here prints or exits.
//!
//! A downstream project reads the dataset through the typed model:
//!
//! ```
//! let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
//! let dataset = icelist::Dataset::load(root)?;
//! for entry in dataset.entries() {
//!     println!("{}: {}", entry.name, entry.verification.status.as_str());
//! }
//! assert!(dataset.get("salesforce").is_some());
//! # Ok::<(), icelist::Error>(())
//! ```
//!
//! A release's `companies.json` needs no checkout: it deserializes as `Vec<icelist::model::Entry>`
//! with serde alone.
//!
//! With `default-features = false` the crate is [`model`] and [`Dataset::load`] only, on
//! serde, serde_json, thiserror and libc. The `tool` feature (on by default, through `cli`)
//! adds everything else: lint, fix, review, exports, import and intake; `online` adds the
//! link and quote checks.

// Every system call goes through std or rustix: no hand-written `unsafe`.
#![forbid(unsafe_code)]

/// Modules of the `tool` feature.
macro_rules! tool_modules {
    ($($(#[$meta:meta])* $vis:vis mod $name:ident;)*) => {
        $(#[cfg(feature = "tool")] $(#[$meta])* $vis mod $name;)*
    };
}

// The documented surface: the model and `Dataset` (the light library), errors, and with
// `tool` the lint's entry points (`lint`, `fix`, `Workspace`, `config`/`settings`), its rules,
// diagnostics and reports, their renderers, the field table and the exports. The modules
// marked `#[doc(hidden)]` are public only for the `icelist` binary (review, import, intake,
// git, the online checks, ...): no stability is promised for them.

// The light library: what `Dataset::load` and the model need.
mod checkout;
pub mod dataset;
pub mod error;
mod json;
pub mod model;
mod untrusted;

tool_modules! {
    #[doc(hidden)]
    pub mod awards;
    #[doc(hidden)]
    pub mod changed_since;
    #[doc(hidden)]
    pub mod changelog;
    pub mod config;
    pub mod diagnostic;
    pub mod export;
    mod failpoint;
    pub mod fields;
    pub mod fix;
    #[doc(hidden)]
    pub mod format;
    #[doc(hidden)]
    pub mod fuzzing;
    #[doc(hidden)]
    pub mod git;
    #[doc(hidden)]
    pub mod history;
    mod identity;
    mod identity_index;
    #[doc(hidden)]
    pub mod import;
    #[doc(hidden)]
    pub mod intake;
    mod issue_event;
    #[doc(hidden)]
    pub mod link_history;
    pub mod lint;
    mod load;
    mod outside_values;
    #[doc(hidden)]
    pub mod publication;
    #[doc(hidden)]
    pub mod pull_request;
    pub mod render;
    #[doc(hidden)]
    pub mod review;
    pub mod rules;
    #[doc(hidden)]
    pub mod scaffold;
    #[doc(hidden)]
    pub mod schema_diff;
    pub mod settings;
    mod temp_area;
    mod text;
    mod view;
    mod write;
    pub mod workspace;
}

#[cfg(feature = "html")]
mod html_text;
#[cfg(feature = "online")]
#[doc(hidden)]
pub mod sources;

#[cfg(all(test, feature = "tool"))]
mod property_tests;

#[cfg(feature = "tool")]
pub use crate::diagnostic::{Diagnostic, Report, Severity};
#[cfg(feature = "tool")]
pub use crate::temp_area::TempArea;
#[cfg(feature = "tool")]
pub use crate::workspace::Workspace;
#[cfg(feature = "tool")]
pub use crate::write::{write_atomic, write_json_state};
pub use checkout::require_real_folder;
pub use dataset::Dataset;
pub use error::Error;
pub use model::Entry;
pub use untrusted::escape_untrusted;
