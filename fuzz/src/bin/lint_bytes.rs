//! Coverage-guided fuzzing (AFL++ through `cargo afl`, which works on stable Rust) of the
//! function that lints one file's bytes: encoding, parsing, spans, schema and every entry rule,
//! then every renderer. Any panic, abort or hang is a bug.
//!
//! cargo afl build --release --manifest-path fuzz/Cargo.toml
//! cargo afl fuzz -i fuzz/seeds -o fuzz/artifacts fuzz/target/release/lint_bytes

use icelist::config::Settings;
use icelist::diagnostic::Report;
use icelist::rules::schema::EntrySchema;

fn main() {
    let schema_text = include_str!("../../../schema/company.schema.json");
    let Ok(document) = serde_json::from_str(schema_text) else {
        return;
    };
    let Ok(schema) = EntrySchema::from_value(document) else {
        return;
    };
    let Some(today) = icelist::config::parse_date("2026-06-01") else {
        return;
    };
    let settings = Settings::new(today);
    // The schema and settings are read-only here; a panic leaves nothing half-updated.
    let shared = std::panic::AssertUnwindSafe((&schema, &settings));
    afl::fuzz!(|data: &[u8]| {
        let (schema, settings) = *shared;
        let outcome = icelist::lint::analyze_entry(
            "dataset/fuzz.json",
            "fuzz",
            data,
            schema,
            settings,
            false,
        );
        let mut report = Report {
            files: 1,
            ..Report::default()
        };
        if let Some(text) = outcome.text {
            report.sources.insert("dataset/fuzz.json".into(), text);
        }
        report.diagnostics = outcome.diagnostics;
        let _ = icelist::render::human(&report, icelist::render::HumanOptions::default());
        let _ = icelist::render::github(&report);
        let _ = icelist::render::sarif(&report);
        let _ = icelist::format::format_entry(data);
    });
}
