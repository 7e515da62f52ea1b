//! The Cite extension's bookkeeping of footnotes, as mediawiki-extensions-Cite keeps it
//! (`src/Cite.php`, `src/Validator.php`, `src/ReferenceStack.php`; the message keys are those
//! of its `i18n/en.json`): which `<ref>` Cite shows as an error and under which key, which
//! footnote takes a new number and which reuses one by name, what `follow=` does, where a
//! `<references>` list ends the numbering of its group, and how `group=` keeps footnotes
//! apart. The reader hands it every tag; it hands back the footnote a marker stands for.

use super::markup::{Attributes, php_trim, short};
use std::collections::{HashMap, HashSet};

/// The group of a `<ref>` that names none (`Cite::DEFAULT_GROUP`).
const MAIN_GROUP: &str = "";

/// The attributes Cite reads on a `<ref>` (`Validator::filterRefArguments`; `details` only
/// where sub-referencing is switched on, which it is not by default).
const REF_ATTRIBUTES: [&str; 4] = ["group", "name", "follow", "dir"];
/// The attributes Cite reads on `<references>`.
const REFERENCES_ATTRIBUTES: [&str; 2] = ["group", "responsive"];

/// One numbered footnote: what a marker in the prose stands for.
#[derive(Debug)]
pub(super) struct Footnote {
    pub group: String,
    pub name: Option<String>,
    /// Its content as written, with any `follow=` text appended; `None` while it is only
    /// reused by name.
    pub text: Option<String>,
    /// Where it is first used.
    pub line: Option<usize>,
}

/// What Cite shows as an error or warning (its message key), or what the import says about
/// the footnotes.
#[derive(Debug)]
pub(super) struct Notice {
    pub key: Option<&'static str>,
    pub line: Option<usize>,
    pub text: String,
    /// The page cannot be imported as it shows its footnotes: it fails.
    pub fails: bool,
}

impl Notice {
    /// The report line: the message key first, so that it can be searched for.
    pub fn line_text(&self) -> String {
        match self.key {
            Some(key) => format!("{key}{}: {}", at(self.line), self.text),
            // Lines without a key name their place in their text.
            None => self.text.clone(),
        }
    }
}

/// The lists of one group: Cite numbers each list from 1.
#[derive(Debug, Default)]
struct GroupLists {
    /// How many lists of the group a `<references>` has ended.
    ended: usize,
    /// Footnotes in the list still open.
    open: usize,
    /// The line of the `<references>` that ended a list with footnotes, until the next
    /// footnote of the group starts another.
    ended_at: Option<Option<usize>>,
}

/// A footnote list ended part way down the page, and another started after it.
#[derive(Debug)]
struct Restart {
    group: String,
    line: Option<usize>,
    first: usize,
}

#[derive(Debug, Default)]
pub(super) struct Footnotes {
    pub notes: Vec<Footnote>,
    /// (group, list, name) -> footnote: a name is known within its group's open list only.
    names: HashMap<(String, usize, String), usize>,
    lists: HashMap<String, GroupLists>,
    /// The groups in the order of their first footnote.
    group_order: Vec<String>,
    seen_groups: HashSet<String>,
    restarts: Vec<Restart>,
    pub notices: Vec<Notice>,
}

/// The entry's numbering of the footnotes: the main group's first, in order of first use (on
/// across every list of the page), then each other group's, in the order the groups appear.
pub(super) struct Numbering {
    /// The footnotes in that order.
    pub order: Vec<usize>,
    /// Each footnote's number, by its index in [`Footnotes::notes`].
    pub numbers: Vec<usize>,
}

impl Footnotes {
    /// A `<ref>` in the text (not inside a references list): the footnote its marker stands
    /// for, or `None` when Cite shows an error in its place, or no marker (`follow=`).
    pub fn reference(
        &mut self,
        attributes: &Attributes,
        body: Option<&str>,
        line: Option<usize>,
    ) -> Option<usize> {
        self.unknown_attributes(attributes, &REF_ATTRIBUTES, line);
        let group = attributes.get("group").unwrap_or(MAIN_GROUP).to_owned();
        let (name, mut fatal) = self.name_and_follow(attributes, line);
        let follow = attributes.get("follow").unwrap_or_default();
        if let Some(dir) = attributes.get("dir")
            && !["ltr", "rtl", "auto"].contains(&dir.to_ascii_lowercase().as_str())
        {
            self.notice(
                Some("cite_error_ref_invalid_dir"),
                line,
                format!("dir={dir:?} is not ltr, rtl or auto; ignored"),
                false,
            );
        }
        // Validator::validateRefBeforeReferenceList.
        if name.is_empty() {
            match body {
                None => {
                    fatal = true;
                    self.notice(
                        Some("cite_error_ref_no_key"),
                        line,
                        "a <ref/> with neither a name nor content: Cite shows this error in \
                         its place; no source"
                            .into(),
                        false,
                    );
                }
                Some(body) if php_trim(body).is_empty() => {
                    fatal = true;
                    self.notice(
                        Some("cite_error_ref_no_input"),
                        line,
                        "a <ref> with no name and no content: Cite shows this error in its \
                         place; no source"
                            .into(),
                        false,
                    );
                }
                Some(_) => {}
            }
        }
        if body.is_some_and(holds_ref_opener) {
            fatal = true;
            self.notice(
                Some("cite_error_included_ref"),
                line,
                format!(
                    "a <ref> whose content holds another <ref> (a </ref> is missing): Cite \
                     shows this error in its place; no source: {}",
                    short(body.unwrap_or_default())
                ),
                false,
            );
        }
        if fatal {
            return None;
        }
        // Cite::guardedRef: content of nothing but spaces is no content.
        let text = body.filter(|b| !php_trim(b).is_empty()).map(str::to_owned);
        let list = self.lists.get(&group).map_or(0, |g| g.ended);
        if !follow.is_empty() {
            self.follow(&group, list, follow, text, line);
            return None;
        }
        if !name.is_empty()
            && let Some(&index) = self.names.get(&(group.clone(), list, name.clone()))
        {
            self.define(index, text, line);
            return Some(index);
        }
        Some(self.new_footnote(group, (!name.is_empty()).then_some(name), text, line))
    }

    /// A `<ref>` inside `<references>` of `list_group` (a list-defined footnote): it gives the
    /// content of a footnote used before by name, and places no marker.
    pub fn list_defined(
        &mut self,
        list_group: &str,
        attributes: &Attributes,
        body: Option<&str>,
        line: Option<usize>,
    ) {
        self.unknown_attributes(attributes, &REF_ATTRIBUTES, line);
        let (name, fatal) = self.name_and_follow(attributes, line);
        // Validator::validateRefInReferenceList.
        if let Some(group) = attributes.get("group")
            && group != list_group
        {
            self.notice(
                Some("cite_error_references_group_mismatch"),
                line,
                format!(
                    "a <ref group={group:?}> inside <references group={list_group:?}>: Cite \
                     takes the list's group"
                ),
                false,
            );
        }
        if name.is_empty() {
            self.notice(
                Some("cite_error_references_no_key"),
                line,
                format!(
                    "a footnote in the references list without a name: Cite lists it with \
                     no marker in the text; not imported: {}",
                    short(body.unwrap_or_default())
                ),
                false,
            );
        }
        let Some(text) = body.filter(|b| !php_trim(b).is_empty()) else {
            self.notice(
                Some("cite_error_empty_references_define"),
                line,
                format!("the footnote {name:?} in the references list has no content"),
                false,
            );
            return;
        };
        if fatal || name.is_empty() {
            return;
        }
        let list = self.lists.get(list_group).map_or(0, |g| g.ended);
        match self.names.get(&(list_group.to_owned(), list, name.clone())) {
            Some(&index) => self.define(index, Some(text.to_owned()), line),
            None => self.notice(
                Some("cite_error_references_missing_key"),
                line,
                format!(
                    "the footnote {name:?}, defined in the references list, is not used \
                     before it: Cite lists it with no marker in the text; not imported"
                ),
                false,
            ),
        }
    }

    /// A `<references>` tag: whether it ends its group's list. Cite shows an error instead
    /// of the list when the tag has an attribute it does not read, or holds another
    /// `<references>`; the footnotes then stay in the open list.
    pub fn references(
        &mut self,
        attributes: &Attributes,
        body: Option<&str>,
        line: Option<usize>,
    ) -> bool {
        let mut good = !self.unknown_attributes(attributes, &REFERENCES_ATTRIBUTES, line);
        if body.is_some_and(|b| holds_opener(b, &["references"])) {
            good = false;
            self.notice(
                Some("cite_error_included_references"),
                line,
                "a <references> inside <references>: Cite shows this error instead of the \
                 list"
                    .into(),
                false,
            );
        }
        good
    }

    /// A `<references>` list of `group` ends here (`ReferenceStack::popGroup`): the group's
    /// next footnote starts a new list, numbered from 1 again by Cite, and the names used so
    /// far are forgotten.
    pub fn end_list(&mut self, group: &str, line: Option<usize>) {
        let lists = self.lists.entry(group.to_owned()).or_default();
        if lists.open > 0 {
            lists.ended_at = Some(line);
        }
        lists.ended += 1;
        lists.open = 0;
    }

    /// The end of the page (`Cite::checkRefsNoReferences`), and the numbering.
    pub fn finish(&mut self) -> Numbering {
        let open_groups: Vec<String> = self
            .group_order
            .iter()
            .filter(|g| {
                g.as_str() != MAIN_GROUP && self.lists.get(g.as_str()).is_some_and(|l| l.open > 0)
            })
            .cloned()
            .collect();
        for group in open_groups {
            self.notice(
                Some("cite_error_group_refs_without_references"),
                None,
                format!(
                    "footnotes of group {group:?} and no <references group={group:?}/> after \
                     them: Cite shows this error at the end of the page (the footnotes are \
                     imported)"
                ),
                false,
            );
        }
        let undefined: Vec<(Option<String>, Option<usize>)> = self
            .notes
            .iter()
            .filter(|n| n.text.is_none())
            .map(|n| (n.name.clone(), n.line))
            .collect();
        for (name, line) in undefined {
            self.notice(
                Some("cite_error_references_no_text"),
                line,
                format!(
                    "the footnote {:?} is used but never defined",
                    name.unwrap_or_default()
                ),
                true,
            );
        }

        let mut by_group: HashMap<&str, Vec<usize>> = HashMap::new();
        for (index, note) in self.notes.iter().enumerate() {
            by_group.entry(note.group.as_str()).or_default().push(index);
        }
        let mut order: Vec<usize> = Vec::with_capacity(self.notes.len());
        // (group, first number, last number) of each group but the main one.
        let mut spans: Vec<(String, usize, usize)> = Vec::new();
        for group in std::iter::once(MAIN_GROUP).chain(
            self.group_order
                .iter()
                .map(String::as_str)
                .filter(|g| *g != MAIN_GROUP),
        ) {
            let Some(indices) = by_group.remove(group) else {
                continue;
            };
            if group != MAIN_GROUP {
                spans.push((
                    group.to_owned(),
                    order.len() + 1,
                    order.len() + indices.len(),
                ));
            }
            order.extend(indices);
        }
        let mut numbers = vec![0; self.notes.len()];
        for (position, &index) in order.iter().enumerate() {
            if let Some(number) = numbers.get_mut(index) {
                *number = position + 1;
            }
        }

        let restarts = std::mem::take(&mut self.restarts);
        for restart in restarts {
            let number = numbers.get(restart.first).copied().unwrap_or_default();
            let list = if restart.group.is_empty() {
                "footnote list".to_owned()
            } else {
                format!("list of group {:?}", restart.group)
            };
            self.notice(
                None,
                restart.line,
                format!(
                    "the page ends its {list} with the <references>{} and starts another \
                     after it: Cite numbers the footnotes after it from 1 again; the import \
                     numbers on (the first of them is source {number}), so sources stay 1..N",
                    at(restart.line)
                ),
                false,
            );
        }
        for (group, first, last) in spans {
            let range = if first == last {
                format!("source {first}")
            } else {
                format!("sources {first}–{last}")
            };
            self.notice(
                None,
                None,
                format!(
                    "the footnotes of group {group:?} (Cite numbers them apart, as [{group} 1], \
                     [{group} 2], …): imported as {range}, after the main list's"
                ),
                false,
            );
        }
        Numbering { order, numbers }
    }

    /// The name Cite goes by (`Validator::validateRef`): a name of digits only is dropped
    /// (`cite_error_ref_numeric_key`, a warning); a `follow=` of digits only, or a `follow=`
    /// with a name, is an error. Returns the name ("" for none) and whether there was an error.
    fn name_and_follow(&mut self, attributes: &Attributes, line: Option<usize>) -> (String, bool) {
        let written = attributes.get("name").unwrap_or_default();
        let follow = attributes.get("follow").unwrap_or_default();
        let mut name = written;
        let mut fatal = false;
        if is_number(written) {
            name = "";
            self.notice(
                Some("cite_error_ref_numeric_key"),
                line,
                format!(
                    "the footnote name {written:?} is a number, which Cite does not take as \
                     a name: the footnote is read as unnamed"
                ),
                false,
            );
        } else if is_number(follow) {
            fatal = true;
            self.notice(
                Some("cite_error_ref_numeric_key"),
                line,
                format!(
                    "follow={follow:?} is a number: Cite shows this error in its place; the \
                     text is not imported"
                ),
                false,
            );
        }
        if !follow.is_empty() && !written.is_empty() {
            fatal = true;
            self.notice(
                Some("cite_error_ref_follow_conflicts"),
                line,
                format!(
                    "a <ref> with both name={written:?} and follow={follow:?}: Cite shows this \
                     error in its place; the text is neither a source nor added to one"
                ),
                false,
            );
        }
        (name.to_owned(), fatal)
    }

    /// `follow=`: the text is added to the content of the footnote of that name, after a
    /// space (`ReferenceStack::resolveFollow`); it never has a marker of its own.
    fn follow(
        &mut self,
        group: &str,
        list: usize,
        follow: &str,
        text: Option<String>,
        line: Option<usize>,
    ) {
        let target = self
            .names
            .get(&(group.to_owned(), list, follow.to_owned()))
            .copied();
        match (target.and_then(|t| self.notes.get_mut(t)), text) {
            (Some(note), Some(text)) => {
                let mut joined = note.text.take().unwrap_or_default();
                joined.push(' ');
                joined.push_str(&text);
                note.text = Some(joined);
            }
            (Some(_), None) => self.notice(
                None,
                line,
                format!(
                    "a <ref follow={follow:?}/>{} with no content adds nothing",
                    at(line)
                ),
                false,
            ),
            (None, text) => self.notice(
                None,
                line,
                format!(
                    "a footnote{} follows {follow:?}, which names no earlier footnote of its \
                     list: Cite shows its text unnumbered at the top of the list; not \
                     imported: {}",
                    at(line),
                    short(text.as_deref().unwrap_or_default())
                ),
                false,
            ),
        }
    }

    /// Content for a footnote already numbered (`ReferenceStack::pushRef` on a reuse): the
    /// first content stays; different content is Cite's `cite_error_references_duplicate_key`.
    fn define(&mut self, index: usize, text: Option<String>, line: Option<usize>) {
        let Some(note) = self.notes.get_mut(index) else {
            return;
        };
        let Some(text) = text else {
            return;
        };
        match &note.text {
            None => note.text = Some(text),
            Some(old) if *old != text => {
                let name = note.name.clone().unwrap_or_default();
                // Cite shows the first content and a warning. Which of two documents backs the
                // claims is not for the import to pick: the page fails.
                self.notice(
                    Some("cite_error_references_duplicate_key"),
                    line,
                    format!("the footnote {name:?} is defined twice with different content"),
                    true,
                );
            }
            Some(_) => {}
        }
    }

    fn new_footnote(
        &mut self,
        group: String,
        name: Option<String>,
        text: Option<String>,
        line: Option<usize>,
    ) -> usize {
        let index = self.notes.len();
        let lists = self.lists.entry(group.clone()).or_default();
        if lists.open == 0
            && let Some(ended_at) = lists.ended_at.take()
        {
            self.restarts.push(Restart {
                group: group.clone(),
                line: ended_at,
                first: index,
            });
        }
        lists.open += 1;
        let list = lists.ended;
        if self.seen_groups.insert(group.clone()) {
            self.group_order.push(group.clone());
        }
        if let Some(name) = &name {
            self.names
                .insert((group.clone(), list, name.clone()), index);
        }
        self.notes.push(Footnote {
            group,
            name,
            text,
            line,
        });
        index
    }

    /// Reports the first attribute Cite does not read (`Validator::filterArguments`, a
    /// warning: the attribute is ignored). Returns whether there was one.
    fn unknown_attributes(
        &mut self,
        attributes: &Attributes,
        allowed: &[&str],
        line: Option<usize>,
    ) -> bool {
        let Some(bad) = attributes.names().find(|n| !allowed.contains(n)) else {
            return false;
        };
        let for_list = !allowed.contains(&"name");
        let (key, hint) = match closest_match(bad, allowed) {
            Some(close) if !for_list => (
                "cite_error_ref_parameter_suggestion",
                format!(" (did you mean {close:?}?)"),
            ),
            _ if for_list => ("cite_error_references_invalid_parameters", String::new()),
            _ => ("cite_error_ref_too_many_keys", String::new()),
        };
        let tag = if for_list { "<references>" } else { "<ref>" };
        self.notice(
            Some(key),
            line,
            format!(
                "{tag} has the attribute {bad:?}{hint}, which Cite does not read (it reads {})",
                allowed.join(", ")
            ),
            false,
        );
        true
    }

    fn notice(
        &mut self,
        key: Option<&'static str>,
        line: Option<usize>,
        text: String,
        fails: bool,
    ) {
        self.notices.push(Notice {
            key,
            line,
            text,
            fails,
        });
    }
}

/// " on line N", or nothing when the line is not known.
fn at(line: Option<usize>) -> String {
    line.map_or_else(String::new, |line| format!(" on line {line}"))
}

/// PHP's `ctype_digit`: not empty, ASCII digits only.
fn is_number(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a footnote's content holds a `<ref` opener outside a complete element
/// (`Validator::validateRefBeforeReferenceList`: the sign of a missing `</ref>`).
fn holds_ref_opener(text: &str) -> bool {
    holds_opener(text, &["ref", "references"])
}

/// Whether `text` holds an opening tag of one of `names` that is not part of a complete
/// element `<x ...>...</x>` (the elements are stepped over whole, as Cite's check removes them
/// before it looks).
fn holds_opener(text: &str, names: &[&str]) -> bool {
    let mut i = 0;
    while let Some(offset) = text.get(i..).and_then(|rest| rest.find('<')) {
        let at = i + offset;
        let rest = text.get(at..).unwrap_or_default();
        let name_length = rest
            .bytes()
            .skip(1)
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        let name = rest.get(1..1 + name_length).unwrap_or_default();
        if let Some(open_end) = rest.find('>').filter(|_| !name.is_empty()) {
            let after = rest.get(open_end + 1..).unwrap_or_default();
            if let Some((_, close_end)) = super::markup::closing_tag(after, name) {
                i = at + open_end + 1 + close_end;
                continue;
            }
            if names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                return true;
            }
        }
        i = at + 1;
    }
    false
}

/// Cite's suggestion for a misspelt attribute (`Validator::closestMatch`): the allowed name
/// at the least edit distance, when that distance is at most 1 or at most half its length.
fn closest_match(bad: &str, allowed: &[&str]) -> Option<String> {
    let bad = bad.trim().to_lowercase();
    if bad.len() > 20 {
        return None;
    }
    let mut best: Option<(&str, usize)> = None;
    for candidate in allowed {
        let distance = edit_distance(bad.as_bytes(), candidate.as_bytes());
        if distance <= 1 {
            return Some((*candidate).to_owned());
        }
        if best.is_none_or(|(_, d)| distance < d) {
            best = Some((candidate, distance));
        }
    }
    best.filter(|(candidate, distance)| 2 * distance <= candidate.len())
        .map(|(candidate, _)| candidate.to_owned())
}

/// Levenshtein distance over bytes, as PHP's `levenshtein` counts it.
fn edit_distance(a: &[u8], b: &[u8]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, &x) in a.iter().enumerate() {
        let mut current = Vec::with_capacity(b.len() + 1);
        current.push(i + 1);
        for (j, &y) in b.iter().enumerate() {
            let replace = previous.get(j).copied().unwrap_or_default() + usize::from(x != y);
            let delete = previous.get(j + 1).copied().unwrap_or_default() + 1;
            let insert = current.get(j).copied().unwrap_or_default() + 1;
            current.push(replace.min(delete).min(insert));
        }
        previous = current;
    }
    previous.last().copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_made_as_cite_makes_them() {
        assert_eq!(
            closest_match("nmae", &REF_ATTRIBUTES).as_deref(),
            Some("name")
        );
        assert_eq!(
            closest_match("grup", &REF_ATTRIBUTES).as_deref(),
            Some("group")
        );
        assert_eq!(closest_match("publisher", &REF_ATTRIBUTES), None);
        assert_eq!(edit_distance(b"kitten", b"sitting"), 3);
    }

    #[test]
    fn an_opener_inside_a_complete_element_is_not_a_missing_close() {
        assert!(holds_ref_opener("a <ref>b"));
        assert!(holds_ref_opener("a <ref name=x/> b"));
        assert!(!holds_ref_opener("a <nowiki><ref></nowiki> b"));
        assert!(!holds_ref_opener("a <span>x</span> <reference> b"));
    }
}
