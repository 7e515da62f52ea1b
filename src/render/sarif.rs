//! SARIF 2.1.0: one run, every rule in `tool.driver.rules` with its documentation as help.

use crate::diagnostic::{Location, Report, Severity};
use crate::rules::RULES;
use serde_json::{Value, json};

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

fn physical(file: &str, location: Option<&Location>) -> Value {
    let mut physical =
        json!({ "artifactLocation": { "uri": uri_reference(file), "uriBaseId": "ROOT" } });
    if let Some(location) = location {
        physical["region"] = region(location);
    }
    physical
}

pub fn render(report: &Report) -> String {
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
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
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
        })
        .collect();
    let document = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "icelist",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "originalUriBaseIds": { "ROOT": { "description": { "text": "The dataset's root directory." } } },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
