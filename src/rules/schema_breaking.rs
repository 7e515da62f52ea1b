//! # schema-breaking
//!
//! ## What it catches
//! In `lint --changed-since`: a change to `schema/company.schema.json` that `icelist
//! schema-diff` classifies as breaking (something the old schema accepted, the new one may
//! refuse), while the schema's major version (the last number of its `$id`) stays the same.
//!
//! ## Why it matters
//! Downstream projects read the data with the schema's major version as their promise: within
//! one major version, every release validates against what they built for. A breaking change
//! without a new major version breaks them silently.
//!
//! ## Example
//! `"enum": ["active", "defunct", "acquired"]` becomes `["active", "defunct"]` and `$id` stays
//! `urn:icelist:schema:company:1`.
//!
//! ## Use instead
//! Keep the change additive, or bump the major version (`urn:icelist:schema:company:2`) and say
//! why in `schema/CHANGELOG.md`.
//!
//! ## Fix
//! Not automatic. Reported on top of `policy-changed`, and not lifted by its approval.

use super::Finding;
use crate::json::Target;

pub(crate) const CODE: super::RuleCode = super::RuleCode::SchemaBreaking;

/// The finding for a schema changed from `old` to `new` (their bytes) in a way that breaks
/// entries or readers while its major version stays. A schema that does not parse is
/// reported elsewhere (the run stops on it).
pub(crate) fn check(old: &[u8], new: &[u8], base: &str) -> Option<Finding> {
    let old: serde_json::Value = serde_json::from_slice(old).ok()?;
    let new: serde_json::Value = serde_json::from_slice(new).ok()?;
    let diff = crate::schema_diff::diff(&old, &new);
    let major = crate::schema_diff::major_version(&new);
    if !diff.breaking || major != crate::schema_diff::major_version(&old) {
        return None;
    }
    let changes: Vec<String> = diff
        .changes
        .iter()
        .filter(|c| c.kind == crate::schema_diff::ChangeKind::Breaking)
        .map(|c| format!("{}: {}", c.pointer, c.what))
        .collect();
    Some(finding(&changes, major, base))
}

/// `changes` are the breaking changes, as `schema-diff` words them.
fn finding(changes: &[String], major: Option<u64>, base: &str) -> Finding {
    let shown: Vec<&str> = changes.iter().take(3).map(String::as_str).collect();
    let more = changes.len().saturating_sub(shown.len());
    Finding::new(
        CODE,
        Target::bytes(0..0),
        format!(
            "the schema changed in a breaking way since {base} ({}{}) but its major version is still {}",
            shown.join("; "),
            if more > 0 { format!("; {more} more") } else { String::new() },
            major.map_or("unknown".to_owned(), |m| m.to_string())
        ),
    )
    .help("make the change additive, or bump the last number of the schema's $id and record it in schema/CHANGELOG.md")
}
