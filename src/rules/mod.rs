//! The rules: one file each, one row each in [`RULES`].
//!
//! Every rule file starts with a doc comment under fixed headings (What it catches / Why it
//! matters / Example / Use instead / Fix). That text is what `icelist explain CODE` prints and
//! what SARIF carries as the rule's help, so it is written once, beside the check.

mod context;
mod finding;
mod registry;
pub(crate) use crate::view;

pub(crate) use context::{
    EntryContext, FastMap, FastSet, SourceFacts, claims, company_names, describe_claim,
    describe_source, title_or_source,
};
pub(crate) use finding::{Findings, Repair, SHOWN_PER_RULE_AND_FILE};
pub use finding::{Finding, Fix, RelatedFinding};
pub(crate) use registry::EntryPoint;
pub use registry::{RULES, Rule, RuleCode, Scope, rule};


pub(crate) mod award_invalid;
pub(crate) mod award_unchecked;
pub(crate) mod redirect_added;
pub(crate) mod redirect_invalid;
pub(crate) mod response_invalid;
pub(crate) mod boycott_unsupported;
pub(crate) mod citation_malformed;
pub(crate) mod citation_missing;
pub(crate) mod citation_numbering;
pub(crate) mod citation_order;
pub(crate) mod citation_undefined;
pub(crate) mod citation_unused;
pub(crate) mod citations;
pub(crate) mod claim_agency_unlisted;
pub(crate) mod claim_evidence_weak;
pub(crate) mod claim_period_invalid;
pub(crate) mod claim_unsourced;
pub(crate) mod domain_duplicate;
pub(crate) mod domain_invalid;
pub(crate) mod entry_duplicate;
pub mod evidence;
pub(crate) mod entry_placeholder;
pub(crate) mod entry_removed;
pub(crate) mod file_name;
pub(crate) mod file_size;
pub(crate) mod file_type;
pub(crate) mod id_changed;
pub(crate) mod identifier_invalid;
pub(crate) mod integer_literal;
pub(crate) mod links;
pub(crate) mod json_duplicate_key;
pub(crate) mod json_encoding;
pub(crate) mod json_number;
pub(crate) mod json_syntax;
pub(crate) mod name_mixed_script;
pub(crate) mod name_not_nfc;
pub(crate) mod personal_data;
pub(crate) mod policy_changed;
pub(crate) mod quote_invalid;
pub mod schema;
pub(crate) mod schema_breaking;
mod schema_patterns;
pub(crate) mod source_duplicate;
pub(crate) mod source_url_missing;
pub(crate) mod string_fields;
pub(crate) mod text_invisible;
pub(crate) mod text_whitespace;
pub(crate) mod url_invalid;
pub(crate) mod verification_changed;
pub(crate) mod verification_date;
pub(crate) mod verification_notes;
pub(crate) mod verification_sources;
pub(crate) mod verification_stale;
pub(crate) mod verification_undated;

/// Runs every entry rule over one entry: each rule whose registry row names an entry
/// function, then the one walk of the text fields.
pub(crate) fn check_entry(ctx: &EntryContext<'_>, out: &mut Findings) {
    registry::run_entry_rules(ctx, out);
    check_text_fields(ctx, out);
}

/// The dataset stage: every rule whose registry row names a dataset function, over the
/// identity keys of `entries`, reporting on the files `report_for` accepts. Lint,
/// `--changed-since` and intake run it; each says which entries it hands in.
pub(crate) fn check_dataset(
    entries: &[(String, crate::identity::IdentityKeys)],
    report_for: &dyn Fn(&str) -> bool,
) -> Vec<(String, Finding)> {
    let mut findings = Vec::new();
    for rule in RULES {
        if let EntryPoint::Dataset(check) = rule.entry_point {
            findings.extend(check(entries, report_for));
        }
    }
    findings
}

/// The rules whose rows name a field-table list (`personal_data`, `one_line`, `trimmed`,
/// `whole_number`), in one walk of the entry: one walk per rule cost a full lint several
/// percent.
fn check_text_fields(ctx: &EntryContext<'_>, out: &mut Findings) {
    string_fields::TEXT_FIELDS.each_value(ctx.value, &mut |node, lists, pointer| {
        registry::run_text_field_rules(node, lists, pointer, out);
    });
}
