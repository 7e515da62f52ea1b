//! Evidence tiers: how strong the best evidence for a claim is, derived (never typed) from the
//! type and publisher of each source its summary cites. The table and what each tier means are
//! in `docs/methodology.md`; this is its one implementation, used by the rules
//! (`claim-evidence-weak`), the exports and the site.

use std::fmt;

/// The tiers, best first (`Ord`: `Primary` is the least, so `min` is the best).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceTier {
    /// A government, procurement or court record (also when an aggregator reproduces it).
    Primary,
    /// The company's own word: a filing, or a press release it published itself.
    Company,
    /// Reporting by others: news, an investigation, someone else's press release.
    Press,
    /// Anything else, or a source without a type.
    Other,
}

impl EvidenceTier {
    pub const ALL: [EvidenceTier; 4] = [
        EvidenceTier::Primary,
        EvidenceTier::Company,
        EvidenceTier::Press,
        EvidenceTier::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceTier::Primary => "primary",
            EvidenceTier::Company => "company",
            EvidenceTier::Press => "press",
            EvidenceTier::Other => "other",
        }
    }
}

impl fmt::Display for EvidenceTier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The tier of one source, from its `type` (the JSON spelling) and its publisher. A press
/// release is the company's own word when its publisher is the company, by name or alias
/// (compared as names are for duplicates: NFKC, case folded, white space collapsed).
pub fn source_tier(kind: Option<&str>, publisher: &str, company_names: &[&str]) -> EvidenceTier {
    match kind {
        Some("government-record" | "procurement-record" | "court-record") => EvidenceTier::Primary,
        Some("company-filing") => EvidenceTier::Company,
        Some("press-release") => {
            let publisher = crate::text::comparison_key(publisher);
            let by_the_company = !publisher.is_empty()
                && company_names
                    .iter()
                    .any(|name| crate::text::comparison_key(name) == publisher);
            if by_the_company {
                EvidenceTier::Company
            } else {
                EvidenceTier::Press
            }
        }
        Some("news" | "investigation") => EvidenceTier::Press,
        _ => EvidenceTier::Other,
    }
}

/// Whether an award's record was read (`as_of`). The dataset review runs `awards check` on
/// every award a pull request adds or changes and fails when a fact differs from the record,
/// so a merged award with `as_of` is one whose facts equal the record.
pub fn award_checked(award: &crate::model::Award) -> bool {
    award.facts.as_of.is_some()
}

/// The best of the tiers of the sources a claim cites; `None` when it cites none.
pub fn best(tiers: impl IntoIterator<Item = EvidenceTier>) -> Option<EvidenceTier> {
    tiers.into_iter().min()
}

/// The tier of each claim of a valid entry, in the entry's order, with the ids of the sources
/// it cites (in the order of first citation, each once); `None` for a claim that cites no
/// source of the entry.
pub fn claim_tiers(entry: &crate::model::Entry) -> Vec<(Option<EvidenceTier>, Vec<u64>)> {
    let mut names: Vec<&str> = vec![entry.name.as_str()];
    names.extend(entry.aliases().iter().map(String::as_str));
    entry
        .claims()
        .iter()
        .map(|claim| {
            let mut cited = Vec::new();
            for (_, number) in super::citations::markers(&claim.summary) {
                if !cited.contains(&number) {
                    cited.push(number);
                }
            }
            let tier = best(cited.iter().filter_map(|number| {
                let source = entry.sources.iter().find(|s| s.id == *number)?;
                Some(source_tier(
                    source.kind.as_ref().map(|k| k.as_str()),
                    &source.publisher,
                    &names,
                ))
            }));
            // The award record is itself the primary document, whatever the cited sources.
            let tier = if claim.awards.iter().any(award_checked) {
                Some(EvidenceTier::Primary)
            } else {
                tier
            };
            (tier, cited)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table() {
        let names = ["Acme Widgets", "Acme Widgets, Inc."];
        let tier = |kind: Option<&str>, publisher: &str| source_tier(kind, publisher, &names);
        assert_eq!(tier(Some("procurement-record"), "HigherGov"), EvidenceTier::Primary);
        assert_eq!(tier(Some("government-record"), "DHS"), EvidenceTier::Primary);
        assert_eq!(tier(Some("court-record"), "PACER"), EvidenceTier::Primary);
        assert_eq!(tier(Some("company-filing"), "SEC"), EvidenceTier::Company);
        assert_eq!(tier(Some("press-release"), "ACME WIDGETS"), EvidenceTier::Company);
        assert_eq!(
            tier(Some("press-release"), "Acme Widgets, Inc."),
            EvidenceTier::Company
        );
        assert_eq!(tier(Some("press-release"), "Example Gazette"), EvidenceTier::Press);
        assert_eq!(tier(Some("news"), "Example Gazette"), EvidenceTier::Press);
        assert_eq!(tier(Some("investigation"), "Example Watch"), EvidenceTier::Press);
        assert_eq!(tier(Some("other"), "Acme Widgets"), EvidenceTier::Other);
        assert_eq!(tier(None, "Acme Widgets"), EvidenceTier::Other);
        assert_eq!(tier(Some("a-later-type"), "x"), EvidenceTier::Other);
        assert_eq!(
            best([EvidenceTier::Press, EvidenceTier::Primary, EvidenceTier::Other]),
            Some(EvidenceTier::Primary)
        );
        assert_eq!(best([]), None);
    }
}
