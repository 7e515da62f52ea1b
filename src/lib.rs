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

// Every system call goes through std or rustix: no hand-written `unsafe`.
#![forbid(unsafe_code)]

pub mod changed_since;
pub mod changelog;
mod checkout;
pub mod config;
pub mod dataset;
pub mod diagnostic;
pub mod error;
pub mod export;
mod failpoint;
pub mod fields;
pub mod fix;
pub mod format;
#[doc(hidden)]
pub mod fuzzing;
pub mod git;
#[cfg(feature = "html")]
mod html_text;
mod identity;
mod identity_index;
pub mod import;
pub mod intake;
mod issue_event;
mod json;
pub mod link_history;
pub mod lint;
pub mod model;
mod outside_values;
pub mod publication;
pub mod pull_request;
pub mod render;
pub mod review;
pub mod rules;
pub mod scaffold;
pub mod schema_diff;
pub mod settings;
#[cfg(feature = "online")]
pub mod sources;
mod temp_area;
mod text;
mod write;

#[cfg(test)]
mod property_tests;

pub use checkout::require_real_folder;
pub use dataset::Dataset;
pub use diagnostic::{Diagnostic, Report, Severity};
pub use error::Error;
pub use model::Entry;
pub use temp_area::TempArea;
pub use text::escape_untrusted;
pub use write::write_atomic;
