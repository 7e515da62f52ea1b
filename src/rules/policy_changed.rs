//! # policy-changed
//!
//! ## What it catches
//! A change, since the base revision of `lint --changed-since`, to what decides how data is
//! judged: `icelist.toml` and `schema/` (under the dataset's root) and `.github/` (at the top of
//! the repository: the workflows that run the check). Reported at the changed file.
//!
//! ## Why it matters
//! A pull request could otherwise switch off its own check: turn every rule off in
//! `icelist.toml`, loosen the schema, or edit the workflow that runs the linter. So
//! `--changed-since` judges the data with the base revision's configuration and schema, and
//! reports the change itself as an error that `icelist.toml` cannot lower or turn off.
//!
//! ## Example
//! A pull request that adds `[rules] schema = "off"` to `icelist.toml`.
//!
//! ## Use instead
//! Propose policy changes in a pull request of their own. A maintainer who has read the change
//! approves it by adding the label `policy-approved`: the dataset workflow then passes
//! `--allow-policy-change`, and the pull request is judged with its own tool, schema and
//! configuration.
//!
//! ## Fix
//! Not automatic: a maintainer's review is the fix.

use super::Finding;
use crate::json::Target;
use crate::text::quoted;

pub(crate) const CODE: super::RuleCode = super::RuleCode::PolicyChanged;

/// `path` is relative to the repository, `/`-separated; `what` says how it changed.
pub(crate) fn finding(path: &str, what: &str, base: &str) -> Finding {
    Finding::new(
        CODE,
        Target::bytes(0..0),
        format!(
            "{} was {what} since {base}: this pull request changes how data is checked, so it is judged with the base revision's configuration and schema",
            quoted(path)
        ),
    )
    .help("a maintainer reviews the change and approves it with the label `policy-approved` (the workflow then runs with --allow-policy-change)")
}
