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

/// The SARIF document with every rule, and [`RESULTS_PLACE`] where the results go.
fn document() -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|rule| {
            let doc = rule.documentation();
            json!({
                "id": rule.code,
                "name": rule.code,
                "shortDescription": { "text": rule.summary },
                "fullDescription": { "text": rule.summary },
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
