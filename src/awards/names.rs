//! Whether a recipient's name as filed is the company's: both normalised for case,
//! punctuation and corporate suffixes (`ACME WIDGETS, INC.` is `Acme Widgets`).

/// Words that say what kind of company it is, not which: dropped from the end of a name.
const SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "llc",
    "lc",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "limited",
    "lp",
    "llp",
    "plc",
    "pllc",
    "pc",
    "sa",
    "ag",
    "gmbh",
    "nv",
    "bv",
];

/// The name in lower case, its punctuation read as spaces (`L.L.C.` as `llc`), without a
/// leading "the" and the corporate suffixes at its end.
pub fn normalized(name: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            word.push(c);
        } else if c == '.' || c == '\'' || c == '\u{2019}' {
            // `L.L.C.`, `Macy's`: the letters belong together.
        } else if c == '&' {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            words.push("and".into());
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    if words.first().is_some_and(|w| w == "the") && words.len() > 1 {
        words.remove(0);
    }
    while words.len() > 1 && words.last().is_some_and(|w| SUFFIXES.contains(&w.as_str())) {
        words.pop();
    }
    words.join(" ")
}

/// Whether two names are one company's.
pub fn same_company(a: &str, b: &str) -> bool {
    let (a, b) = (normalized(a), normalized(b));
    !a.is_empty() && a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_punctuation_and_suffixes_do_not_count() {
        assert!(same_company("Acme Widgets", "ACME WIDGETS, INC."));
        assert!(same_company("Acme Widgets", "Acme Widgets L.L.C."));
        assert!(same_company("The Acme Widgets Company", "ACME WIDGETS"));
        assert!(same_company("Acme & Sons", "ACME AND SONS LLC"));
        assert!(same_company("Example Holdings 00042", "EXAMPLE HOLDINGS 00042 CORP"));
        assert!(!same_company("Acme Widgets", "Acme Gadgets Inc"));
        assert!(!same_company("Example Holdings 00042", "Example Holdings 00043"));
        // A suffix alone is a name, not nothing; empty names never match.
        assert!(same_company("Inc", "INC."));
        assert!(!same_company("", ""));
        assert!(!same_company("...", "!!!"));
    }
}
