//! `feed.xml`: the site's Atom feed (RFC 4287), one entry per release, written with
//! `atom_syndication` (a maintained writer of the format, so escaping and structure are not
//! hand-made).
//!
//! The entries come from the release notes of this build (`--release-notes`) and of earlier
//! releases (`--earlier-notes`); a build without notes has one entry for its dataset version.
//! A date comes from the version (`v2026.12.04` → `2026-12-04T00:00:00Z`), never from the
//! clock, so two builds of the same data are byte-identical; a version that names no date gives
//! no entry. Ids are `tag:` URIs (RFC 4151). Links are absolute under `site_url`
//! (`icelist.toml`) when it is set, relative to the feed otherwise.

use crate::changelog::Changelog;
use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person, Text};

/// The tag URIs' authority and date when no `site_url` names a host.
const TAG_AUTHORITY: &str = "icelist";
const TAG_DATE: &str = "2026";

/// The date a release name carries: `vYYYY.MM.DD` (as the release workflow tags).
pub(crate) fn version_date(version: &str) -> Option<time::Date> {
    let mut parts = version.strip_prefix('v')?.split('.');
    let year: i32 = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
    let month: u8 = parts.next().filter(|m| m.len() == 2)?.parse().ok()?;
    let day: u8 = parts.next().filter(|d| d.len() == 2)?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    time::Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()
}

fn midnight(date: time::Date) -> Option<FixedDateTime> {
    FixedDateTime::parse_from_rfc3339(&format!(
        "{}T00:00:00Z",
        crate::model::Date::try_from(date).ok()?
    ))
    .ok()
}

/// One release of the feed: its version, date and notes (none for a plain build).
struct Release<'a> {
    version: &'a str,
    updated: FixedDateTime,
    notes: Option<&'a Changelog>,
    /// This build's release, whose notes are `changes.html`.
    this_build: bool,
}

/// The feed's text. `current` is this build's notes; `earlier` those of releases before it.
pub(super) fn feed(
    stamp: &super::Stamp,
    site_url: Option<&str>,
    current: Option<&Changelog>,
    earlier: &[Changelog],
) -> String {
    let href = |path: &str| match site_url {
        Some(base) => format!("{base}{path}"),
        None => path.to_owned(),
    };
    let authority = site_url
        .and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| TAG_AUTHORITY.to_owned());
    let tag = |specific: &str| format!("tag:{authority},{TAG_DATE}:{specific}");

    let mut releases: Vec<Release> = Vec::new();
    let this_version = current
        .map(|n| n.to.as_str())
        .or(stamp.dataset_version.as_deref());
    for (version, notes, this_build) in this_version
        .map(|v| (v, current, true))
        .into_iter()
        .chain(earlier.iter().map(|n| (n.to.as_str(), Some(n), false)))
    {
        let Some(updated) = version_date(version).and_then(midnight) else {
            continue;
        };
        if releases.iter().any(|r| r.version == version) {
            continue;
        }
        releases.push(Release {
            version,
            updated,
            notes,
            this_build,
        });
    }
    releases.sort_by(|a, b| b.updated.cmp(&a.updated).then(a.version.cmp(b.version)));

    let entries: Vec<Entry> = releases
        .iter()
        .map(|release| {
            let mut entry = Entry::default();
            entry.set_id(tag(&format!("release/{}", release.version)));
            entry.set_updated(release.updated);
            entry.set_title(Text::plain(format!("icelist {}", release.version)));
            entry.set_summary(Some(Text::plain(summary(release.notes))));
            // Only this build's notes have a page.
            let page = if release.this_build && current.is_some() {
                "changes.html"
            } else {
                "index.html"
            };
            entry.set_links(vec![Link {
                href: href(page),
                ..Link::default()
            }]);
            entry
        })
        .collect();

    let mut feed = Feed::default();
    feed.set_id(tag("feed"));
    feed.set_title(Text::plain(
        "icelist: companies that support U.S. DHS immigration enforcement",
    ));
    feed.set_subtitle(Some(Text::plain(
        "Each release of the dataset, with what it changed.",
    )));
    feed.set_authors(vec![Person {
        name: "icelist contributors".into(),
        ..Person::default()
    }]);
    let rights = match stamp.data_licence {
        Some(licence) => format!(
            "The data is licensed under {} ({}). {}",
            licence.title,
            licence.id,
            crate::publication::ATTRIBUTION
        ),
        None => crate::publication::ATTRIBUTION.to_owned(),
    };
    feed.set_rights(Some(Text::plain(rights)));
    feed.set_links(vec![
        Link {
            href: href("feed.xml"),
            rel: "self".into(),
            mime_type: Some("application/atom+xml".into()),
            ..Link::default()
        },
        Link {
            href: href("index.html"),
            ..Link::default()
        },
    ]);
    if let Some(newest) = releases.first() {
        feed.set_updated(newest.updated);
    }
    feed.set_entries(entries);
    let mut text = feed.to_string();
    text.push('\n');
    text
}

/// One line on what a release changed.
fn summary(notes: Option<&Changelog>) -> String {
    let Some(notes) = notes else {
        return "The dataset at this version.".into();
    };
    let counts = &notes.summary;
    let mut text = counts.sentence();
    match &notes.from {
        Some(from) => text.push_str(&format!(" since {from}.")),
        None => text.push_str(" (the first release)."),
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_names_give_their_dates() {
        assert_eq!(
            version_date("v2026.12.04"),
            time::Date::from_calendar_date(2026, time::Month::December, 4).ok()
        );
        for not_dated in [
            "2026.12.04",
            "v2026.12.4",
            "v2026.13.01",
            "v2026.02.30",
            "v2026.12.04.1",
            "main",
        ] {
            assert_eq!(version_date(not_dated), None, "{not_dated}");
        }
    }
}
