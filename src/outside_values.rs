//! Values read from text written outside the dataset (a wiki infobox, a page's text, an
//! issue-form submission): the same words give the same value whichever door they came
//! through. Issue #24 found the doors disagreeing ("Parent company: -" was a parent named
//! `-` through the issue form and "none" through the wiki import).

/// Whether `text` says that there is no such thing (a parent company): `none`, `n/a`, or a
/// lone hyphen or dash, as wiki tables and forms write it. Case and surrounding spaces do not
/// matter.
pub(crate) fn says_none(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().as_str(),
        "none" | "n/a" | "-" | "\u{2013}" | "\u{2014}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn none_hyphens_and_dashes_say_none_and_names_do_not() {
        for text in ["none", " None ", "N/A", "-", "\u{2013}", "\u{2014}", "NONE"] {
            assert!(says_none(text), "{text:?}");
        }
        for text in ["", "Acme Widgets", "Nonesuch Ltd", "-Acme", "n/a n/a", "--"] {
            assert!(!says_none(text), "{text:?}");
        }
    }
}
