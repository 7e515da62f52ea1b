//! `icelist lint --fix`: applies, file by file, the repairs the report's findings offer. Each
//! repair lives in its rule's file (`fix` beside `check`); this module reads the file without
//! loss, dispatches every `Fix` to its rule (matched without a wildcard, so a new repair does
//! not compile until it is dispatched) and writes the result atomically.

/// What `--fix` did to one file, or why it could not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileFix {
    Unchanged,
    /// One line per kind of repair.
    Fixed(Vec<String>),
    NotFixable(String),
}

/// Applies the fixes to every file the report flags as fixable. Files that do not parse, or
/// would lose anything by being rewritten, are never touched.
pub fn fix_files(
    files: &crate::dataset::DatasetFiles,
    report: &crate::diagnostic::Report,
    settings: &crate::config::Settings,
    area: &crate::temp_area::TempArea,
) -> crate::error::Result<Vec<(String, FileFix)>> {
    use crate::rules::{Fix, Repair};
    // The repairs each file's findings offer.
    let mut flagged: std::collections::BTreeMap<&str, std::collections::BTreeSet<Fix>> =
        Default::default();
    for d in &report.diagnostics {
        if let Some(fix) = d.fix {
            flagged.entry(d.file.as_str()).or_default().insert(fix);
        }
    }
    let mut outcomes = Vec::new();
    for candidate in &files.entries {
        let Some(codes) = flagged.get(candidate.file.as_str()) else {
            continue;
        };
        let Ok(bytes) = candidate.read(settings.max_file_size) else {
            continue;
        };
        let mut entry = match crate::format::parse_for_rewrite(&bytes) {
            Ok(entry) => entry,
            Err(why) => {
                outcomes.push((candidate.file.clone(), FileFix::NotFixable(why.to_string())));
                continue;
            }
        };
        let mut repairs = Vec::new();
        let mut refusals = Vec::new();
        // In the order of `Fix` (renumbering first).
        for fix in codes {
            let repair = match fix {
                Fix::RenumberSources => crate::rules::citation_order::fix(&mut entry),
                Fix::TrimWhitespace => crate::rules::text_whitespace::fix(&mut entry),
                Fix::IntegerLiterals => crate::rules::integer_literal::fix(&mut entry),
            };
            match repair {
                Repair::Repaired(line) => repairs.push(line),
                Repair::NotRepaired(why) => refusals.push(why),
                Repair::Unchanged => {}
            }
        }
        let outcome = if repairs.is_empty() {
            refusals
                .into_iter()
                .next()
                .map_or(FileFix::Unchanged, FileFix::NotFixable)
        } else {
            let text = crate::format::to_canonical_text(&entry);
            match crate::write::write_atomic(area, &candidate.path, text.as_bytes()) {
                Ok(()) => {
                    repairs.extend(
                        refusals
                            .into_iter()
                            .map(|why| format!("not renumbered: {why}")),
                    );
                    FileFix::Fixed(repairs)
                }
                Err(crate::error::Error::Refused { reason, .. }) => FileFix::NotFixable(reason),
                Err(e) => return Err(e),
            }
        };
        outcomes.push((candidate.file.clone(), outcome));
    }
    Ok(outcomes)
}
