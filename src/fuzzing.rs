//! Entry points for the fuzz targets in `fuzz/` (one per reader of outside text) and for the
//! test that replays the inputs they once crashed on (`tests/fuzz_regressions.rs`). Each takes
//! any bytes and must return, never panic: what a reader makes of the input is thrown away.
//!
//! Not part of the library's surface: the names and the set may change with the readers.

use crate::import::mapping::Mapping;

/// A reader of outside text, as a fuzz target runs it.
pub type Reader = fn(&[u8]);

/// The readers, by the name of their fuzz target.
pub const TARGETS: &[(&str, Reader)] = &[
    ("lint_bytes", lint_bytes),
    ("wikitext", wikitext),
    ("mediawiki_xml", mediawiki_xml),
    ("text_page", text_page),
    ("issue_body", issue_body),
    ("issue_form", issue_form),
    #[cfg(feature = "html")]
    ("html_text", html_text),
    ("link_state", link_state),
    ("config_toml", config_toml),
    ("schema_diff", schema_diff),
];

/// Runs the reader named `target` on `data`; `false` when there is no such target.
pub fn run(target: &str, data: &[u8]) -> bool {
    match TARGETS.iter().find(|(name, _)| *name == target) {
        Some((_, reader)) => {
            reader(data);
            true
        }
        None => false,
    }
}

/// One file's bytes linted as an entry (encoding, parsing, spans, schema, every entry rule),
/// then drawn by every renderer and formatted.
pub fn lint_bytes(data: &[u8]) {
    use crate::config::Settings;
    use crate::rules::schema::EntrySchema;
    static SETUP: std::sync::OnceLock<Option<(EntrySchema, Settings)>> = std::sync::OnceLock::new();
    let setup = SETUP.get_or_init(|| {
        let document = serde_json::from_str(COMPANY_SCHEMA).ok()?;
        let schema = EntrySchema::from_value(document).ok()?;
        let today = crate::config::parse_date("2026-06-01")?;
        Some((schema, Settings::new(today)))
    });
    let Some((schema, settings)) = setup else {
        return;
    };
    let outcome =
        crate::lint::analyze_entry("dataset/fuzz.json", "fuzz", data, schema, settings, false);
    let mut report = crate::diagnostic::Report {
        files: 1,
        ..crate::diagnostic::Report::default()
    };
    if let Some(text) = outcome.text {
        report.sources.insert("dataset/fuzz.json".into(), text);
    }
    report.diagnostics = outcome.diagnostics;
    let _ = crate::render::human(&report, crate::render::HumanOptions::default());
    let _ = crate::render::github(&report);
    let _ = crate::render::sarif(&report);
    let _ = crate::render::json(&report);
    let _ = crate::format::format_entry(data);
}

/// One page's wikitext (`icelist import --from wikitext`), then the entry it maps to.
pub fn wikitext(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = crate::import::entry_from_wikitext("Acme Widgets", &text, &Mapping::default());
}

/// A MediaWiki XML export, each page read as wikitext.
pub fn mediawiki_xml(data: &[u8]) {
    let mapping = Mapping::default();
    let _ = crate::import::mediawiki_xml::read_pages(data, &mut |page| {
        let _ = crate::import::wikitext::read_page(&page.title, &page.text, &mapping);
        Ok(())
    });
}

/// The page as text (copied from the rendered wiki page).
pub fn text_page(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = crate::import::text_page::read_page(&text, &Mapping::default());
}

/// An issue-form body as GitHub renders it, read against the project's own form.
pub fn issue_body(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(form) = crate::intake::Form::from_yaml(PROPOSE_COMPANY_FORM) {
        let _ = crate::intake::body::parse(&form, &text);
    }
}

/// The issue form's YAML (`.github/ISSUE_TEMPLATE/*.yml`).
pub fn issue_form(data: &[u8]) {
    let _ = crate::intake::Form::from_yaml(&String::from_utf8_lossy(data));
}

/// A fetched document's text, for the quote check.
#[cfg(feature = "html")]
pub fn html_text(data: &[u8]) {
    let _ = crate::html_text::document_text(data);
}

/// The link history (`sources check --state`).
pub fn link_state(data: &[u8]) {
    let _ = serde_json::from_slice::<crate::link_history::LinkState>(data);
}

/// `icelist.toml`.
pub fn config_toml(data: &[u8]) {
    if let Some(today) = crate::config::parse_date("2026-06-01") {
        let _ = crate::config::Settings::from_toml(data, today);
    }
}

/// `schema-diff`'s input: the bytes as a schema, against the project's schema both ways.
pub fn schema_diff(data: &[u8]) {
    let Ok(new) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let Ok(old) = serde_json::from_str::<serde_json::Value>(COMPANY_SCHEMA) else {
        return;
    };
    let _ = crate::schema_diff::diff(&old, &new);
    let _ = crate::schema_diff::diff(&new, &old);
    let _ = crate::schema_diff::major_version(&new);
}

const PROPOSE_COMPANY_FORM: &str = include_str!("../.github/ISSUE_TEMPLATE/propose-company.yml");
const COMPANY_SCHEMA: &str = include_str!("../schema/company.schema.json");
