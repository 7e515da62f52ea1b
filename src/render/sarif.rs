//! SARIF 2.1.0: one run, every rule in `tool.driver.rules` with its documentation as help.

use crate::diagnostic::{Diagnostic, Location, Report, Severity, Tally};
use crate::rules::RULES;
use serde_json::{Value, json};
use std::io::{self, Write};

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn region(location: &Location) -> Value {
    json!({
        "startLine": location.start.line,
        "startColumn": location.start.column,
        "endLine": location.end.line,
        "endColumn": location.end.column,
        "charOffset": location.chars.start,
        "charLength": location.chars.len(),
    })
}

/// A root-relative path as a URI reference: every byte outside RFC 3986's unreserved set
/// (and the `/` separators) is percent-encoded, so `c #%20d.json` is `c%20%23%2520d.json`.
pub(crate) fn uri_reference(file: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~')
        .remove(b'/');
    percent_encoding::utf8_percent_encode(file, KEEP).to_string()
}

/// The base every artifact's `uri` is relative to. GitHub's code scanning reads a relative
/// `uri` as relative to the repository's root, and its docs show `%SRCROOT%` (the name the
/// SARIF spec uses in its examples) declared in `originalUriBaseIds`.
const SOURCE_ROOT: &str = "%SRCROOT%";

fn physical(file: &str, location: Option<&Location>) -> Value {
    let mut physical =
        json!({ "artifactLocation": { "uri": uri_reference(file), "uriBaseId": SOURCE_ROOT } });
    if let Some(location) = location {
        physical["region"] = region(location);
    }
    physical
}

/// The key of [`fingerprint`] in `partialFingerprints`: a changed recipe gets a new version.
const FINGERPRINT_KEY: &str = "icelist/v1";

/// A result's identity across runs, whatever lines move above it: the FNV-1a 64-bit hash
/// (offset basis `0xcbf29ce484222325`, prime `0x100000001b3`) of the UTF-8 bytes of
///
/// `code` NUL `file` NUL `entry id` NUL `pointer`
///
/// written as 16 lowercase hex digits. `code` is the rule's code (`schema`), `file` the path
/// as the report writes it (`dataset/acme-widgets.json`), `entry id` the id the file's name
/// promises ([`Diagnostic::entry_id`]; empty for a file that is not an entry) and `pointer`
/// the JSON Pointer (empty for the whole document). Only the pointer can hold a NUL (a JSON
/// key may), and it comes last, so the text names one finding. No line, column or message goes
/// in: lines inserted above a finding, or a reworded message, keep it; the same rule at another
/// pointer is another finding. The id is the file name's rather than the `id` the entry
/// declares, so that correcting a wrong `id` does not give every other finding of the file a
/// new identity.
///
/// GitHub's code scanning reads only `primaryLocationLineHash`, which its upload action
/// computes from the text of the finding's line when it is absent. It is left to the action:
/// that key stands for a hash of the line's text, and the action warns about every result whose
/// given value differs from the one it computes.
fn fingerprint(d: &Diagnostic) -> String {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let parts = [d.code.as_str(), &d.file, d.entry_id(), &d.pointer];
    let mut hash = OFFSET_BASIS;
    for (i, part) in parts.iter().enumerate() {
        let separator: &[u8] = if i == 0 { b"" } else { b"\0" };
        for &byte in separator.iter().chain(part.as_bytes()) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    format!("{hash:016x}")
}

fn result(d: &Diagnostic) -> Value {
    let mut text = d.message.clone();
    if let Some(help) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    let mut result = json!({
        "ruleId": d.code,
        "level": level(d.severity),
        "message": { "text": text },
        "locations": [{
            "physicalLocation": physical(&d.file, Some(&d.location)),
            "logicalLocations": [{ "fullyQualifiedName": d.pointer, "kind": "member" }],
        }],
        "partialFingerprints": { FINGERPRINT_KEY: fingerprint(d) },
        // The rule's one-line help, as the JSON report's `help` (the rule's `shortDescription`
        // says the same, a lookup away).
        "properties": { "help": d.code.rule().summary },
    });
    if let Some(index) = RULES.iter().position(|r| r.code == d.code) {
        result["ruleIndex"] = json!(index);
    }
    if !d.related.is_empty() {
        result["relatedLocations"] = d
            .related
            .iter()
            .enumerate()
            .map(|(id, r)| {
                json!({
                    "id": id,
                    "physicalLocation": physical(&r.file, r.location.as_ref()),
                    "message": { "text": r.message },
                })
            })
            .collect();
    }
    result
}

pub fn render(report: &Report) -> String {
    super::render_string(report, super::Format::Sarif)
}

/// Stands where the results go while the rest of the document is laid out.
const RESULTS_PLACE: &str = "icelist:results";

/// The document, written as a stream: everything but the results is laid out once, and the
/// results are written into their place as batches arrive.
#[derive(Default)]
pub(crate) struct SarifStream {
    /// What follows the results array.
    after: String,
    any: bool,
}

impl super::StreamRenderer for SarifStream {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let layout = serde_json::to_string_pretty(&document())?;
        let place = format!("\"{RESULTS_PLACE}\"");
        let (before, after) = layout
            .split_once(&place)
            .ok_or_else(|| io::Error::other("the SARIF layout lost its results"))?;
        self.after = after.to_owned();
        out.write_all(before.as_bytes())?;
        out.write_all(b"[")
    }

    fn batch(&mut self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        super::json::write_elements(
            out,
            report.diagnostics.iter().map(result),
            "        ",
            &mut self.any,
        )
    }

    fn finish(&mut self, _: Tally, out: &mut dyn Write) -> io::Result<()> {
        super::json::close_elements(out, "      ", self.any)?;
        out.write_all(b"]")?;
        out.write_all(self.after.as_bytes())?;
        out.write_all(b"\n")
    }
}

/// Where links point until Cargo.toml names the project's `repository`. No URL of the project is
/// written in the repository (the README writes `https://github.com/<owner>/icelist`), and none
/// is guessed: an address on a shared host under a guessed owner could be anyone's, and would
/// serve their pages as icelist's documentation. A name under `.invalid` (RFC 2606) never
/// resolves, and is plainly a placeholder.
const UNKNOWN_REPOSITORY: &str = "https://icelist.invalid";

/// The project's repository (Cargo.toml's `repository`, read when icelist is built), or
/// [`UNKNOWN_REPOSITORY`].
fn repository() -> &'static str {
    let url = env!("CARGO_PKG_REPOSITORY");
    let url = url
        .strip_suffix(".git")
        .unwrap_or(url)
        .trim_end_matches('/');
    if url.is_empty() {
        UNKNOWN_REPOSITORY
    } else {
        url
    }
}

/// The SARIF document with every rule, and [`RESULTS_PLACE`] where the results go.
fn document() -> Value {
    let repository = repository();
    let rules: Vec<Value> = RULES
        .iter()
        .map(|rule| {
            let doc = rule.documentation();
            json!({
                "id": rule.code,
                "name": rule.name(),
                "shortDescription": { "text": rule.summary },
                "fullDescription": { "text": fit_description(&rule.description()) },
                // The rule's file, whose leading comment is its documentation (the same text
                // as `help` and `icelist explain`), on the main branch.
                "helpUri": format!("{repository}/blob/main/{}", rule.source_path()),
                "help": { "text": doc, "markdown": doc },
                "defaultConfiguration": { "level": level(rule.severity) },
                "properties": { "fixable": rule.fixable, "scope": rule.scope.as_str() },
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "icelist",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": repository,
                "rules": rules,
            }},
            // No `uri`: where the root lies on the machine that ran the lint is not part of
            // the report (the output stays the same on every machine). SARIF allows a base
            // without one, and code scanning needs none: it resolves relative paths against
            // the repository's root.
            "originalUriBaseIds": { SOURCE_ROOT: { "description": {
                "text": "The dataset's root (`--root`, by default the current directory): the top of the repository when the report is uploaded to code scanning."
            } } },
            "columnKind": "unicodeCodePoints",
            "results": RESULTS_PLACE,
        }],
    })
}

/// GitHub's code scanning takes a rule's full description up to 1,024 characters: a longer one
/// is cut at the last paragraph or sentence that fits, and ends with an ellipsis.
fn fit_description(text: &str) -> String {
    const MAX: usize = 1024;
    if text.chars().count() <= MAX {
        return text.to_owned();
    }
    let head: String = text.chars().take(MAX - 1).collect();
    let cut = head
        .rfind("\n\n")
        .or_else(|| head.rfind(". ").map(|at| at + 1))
        .unwrap_or(head.len());
    format!("{}…", head[..cut].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_description_past_githubs_limit_is_cut_at_a_sentence() {
        let long = format!("{}\n\n{}", "One sentence. ".repeat(40), "x".repeat(600));
        let fitted = fit_description(&long);
        assert!(fitted.chars().count() <= 1024, "{}", fitted.len());
        assert!(fitted.ends_with("sentence.…"), "{fitted}");
        assert_eq!(fit_description("short"), "short");
    }
    use crate::rules::RuleCode;
    use crate::text::{LineColumn, Location};

    fn diagnostic(code: RuleCode, file: &str, pointer: &str, line: usize) -> Diagnostic {
        let at = LineColumn { line, column: 1 };
        Diagnostic {
            code,
            severity: Severity::Error,
            message: "message".into(),
            help: None,
            file: file.into(),
            location: Location {
                bytes: 0..0,
                chars: 0..0,
                start: at,
                end: at,
            },
            pointer: pointer.into(),
            label: String::new(),
            related: Vec::new(),
            fix: None,
        }
    }

    /// The documented recipe, worked by hand: FNV-1a 64 of
    /// `schema\0dataset/acme-widgets.json\0acme-widgets\0/country` (checked with an
    /// independent FNV-1a implementation).
    #[test]
    fn fingerprint_follows_the_documented_recipe() {
        let d = diagnostic(
            RuleCode::Schema,
            "dataset/acme-widgets.json",
            "/country",
            11,
        );
        assert_eq!(d.entry_id(), "acme-widgets");
        assert_eq!(fingerprint(&d), "79b64bc8606ca480");
    }

    #[test]
    fn fingerprint_ignores_the_place_and_names_the_rule_file_and_pointer() {
        let d = diagnostic(RuleCode::Schema, "dataset/a.json", "/country", 11);
        let moved = diagnostic(RuleCode::Schema, "dataset/a.json", "/country", 40);
        assert_eq!(fingerprint(&d), fingerprint(&moved));
        for other in [
            diagnostic(RuleCode::UrlInvalid, "dataset/a.json", "/country", 11),
            diagnostic(RuleCode::Schema, "dataset/b.json", "/country", 11),
            diagnostic(RuleCode::Schema, "dataset/a.json", "/founded", 11),
            diagnostic(RuleCode::Schema, "dataset/a.json", "", 11),
        ] {
            assert_ne!(fingerprint(&d), fingerprint(&other), "{other:?}");
        }
    }

    #[test]
    fn entry_id_is_the_entry_file_name_without_json() {
        let id = |file: &str| {
            diagnostic(RuleCode::Schema, file, "", 1)
                .entry_id()
                .to_owned()
        };
        assert_eq!(id("dataset/acme-widgets.json"), "acme-widgets");
        assert_eq!(id("dataset/notes.txt"), "");
        assert_eq!(id("icelist.toml"), "");
        assert_eq!(id("schema/company.schema.json"), "");
        assert_eq!(id("dataset/sub/x.json"), "");
        assert_eq!(
            id(&format!("{}/a.json", crate::dataset::DATASET_DIR)),
            "a",
            "entry_id knows the dataset's folder"
        );
    }
}
