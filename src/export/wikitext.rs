//! An entry as wikitext in the default import mapping (`wiki/<id>.wiki` in the build), so the
//! wiki can be regenerated from the dataset: the infobox, one `== heading ==` per section, a
//! `<ref>` holding a citation template at each marker's first use and `<ref name=... />` at
//! each later one, and `<references/>`. `icelist import` reads the page back to the same entry.

use crate::import::mapping::{
    CLAIM_TEMPLATE, DEFAULT_SECTIONS, DEFAULT_TEMPLATE, Field, Section, default_parameters,
};
use crate::model::{
    Boycott, Entry, Identifiers, Sections, Source, SourceKind, Verification, format_date,
};

/// The page of one entry.
pub(crate) fn page(entry: &Entry) -> String {
    let Entry {
        unknown: _,
        schema: _,
        id,
        name,
        aliases,
        industry,
        country,
        founded,
        headquarters,
        parent_company,
        status,
        verification:
            Verification {
                unknown: _,
                status: verification_status,
                date: verification_date,
                notes: verification_notes,
            },
        identifiers,
        domains,
        boycott:
            Boycott {
                unknown: _,
                status: boycott_status,
                agencies,
                since,
                reason,
            },
        sections:
            Sections {
                unknown: _,
                overview,
                boycott,
                background,
            },
        claims,
        // The wiki's pages have no responses (see the field table): the company's replies are
        // kept in the repository and shown on the site.
        responses: _,
        sources,
    } = entry;
    let Identifiers {
        unknown: _,
        wikidata,
        lei,
        website,
        tickers,
        uei,
        cage,
        cik,
        opencorporates,
    } = identifiers.clone().unwrap_or_default();

    let mut out = format!("{{{{{DEFAULT_TEMPLATE}\n");
    let mut row = |field: Field, value: Option<String>| {
        if let Some(value) = value {
            let parameter = default_parameters()
                .iter()
                .find(|(_, f)| *f == field)
                .map_or("", |(p, _)| p);
            out.push_str(&format!("| {parameter} = {value}\n"));
        }
    };
    row(Field::Id, Some(escape(id)));
    row(Field::Name, Some(escape(name)));
    row(Field::Aliases, aliases.as_deref().map(|a| list(a, ";")));
    row(Field::Industry, Some(list(industry, ";")));
    row(Field::Country, country.as_deref().map(escape));
    row(Field::Founded, founded.map(|y| y.to_string()));
    row(Field::Headquarters, headquarters.as_deref().map(escape));
    row(
        Field::ParentCompany,
        parent_company
            .as_ref()
            .map(|p| p.as_deref().map(escape).unwrap_or_default()),
    );
    row(Field::Status, status.as_ref().map(|s| escape(s.as_str())));
    row(
        Field::VerificationStatus,
        Some(verification_status.as_str().to_owned()),
    );
    row(Field::VerificationDate, verification_date.map(format_date));
    row(
        Field::VerificationNotes,
        verification_notes.as_deref().map(escape),
    );
    row(Field::Wikidata, wikidata.as_deref().map(escape));
    row(Field::Lei, lei.as_deref().map(escape));
    row(Field::Website, website.as_deref().map(escape));
    row(Field::Tickers, tickers.as_deref().map(|t| list(t, ";,")));
    row(Field::Uei, uei.as_deref().map(escape));
    row(Field::Cage, cage.as_deref().map(escape));
    row(Field::Cik, cik.as_deref().map(escape));
    row(Field::OpenCorporates, opencorporates.as_deref().map(escape));
    row(Field::Domains, domains.as_deref().map(|d| list(d, ";,")));
    row(
        Field::BoycottStatus,
        Some(boycott_status.as_str().to_owned()),
    );
    row(
        Field::BoycottAgencies,
        agencies
            .as_deref()
            .map(|a| a.iter().map(|a| a.as_str()).collect::<Vec<_>>().join("; ")),
    );
    row(Field::BoycottSince, since.map(format_date));
    row(Field::BoycottReason, reason.as_deref().map(escape));
    out.push_str("}}\n");

    let mut cited = vec![false; sources.len()];
    for (section, prose) in [
        (Section::Overview, Some(overview)),
        (Section::Boycott, Some(boycott)),
        (Section::Background, background.as_ref()),
    ] {
        let Some(prose) = prose else {
            continue;
        };
        let heading = DEFAULT_SECTIONS
            .iter()
            .find(|(_, s)| *s == section)
            .map_or("", |(h, _)| h);
        out.push_str(&format!("\n== {heading} ==\n"));
        out.push_str(&prose_with_refs(prose, sources, &mut cited));
        out.push('\n');
    }
    // The claims after the prose, as the numbering of sources reads them: a `{{Claim}}` with
    // the facts, the summary after it on the same line.
    if let Some(claims) = claims.as_ref().filter(|c| !c.is_empty()) {
        let heading = DEFAULT_SECTIONS
            .iter()
            .find(|(_, s)| *s == Section::Claims)
            .map_or("", |(h, _)| h);
        out.push_str(&format!("\n== {heading} ==\n"));
        for claim in claims {
            let crate::model::Claim {
                unknown: _,
                id,
                agency,
                kind,
                summary,
                period,
                status,
                // The wiki's claims carry no award (see the field table): awards are kept in
                // the repository, where `awards check` reads their records.
                awards: _,
                // Responses are not on the wiki: nothing there to dispute a claim with.
                disputed_by: _,
            } = claim;
            let (from, to) = crate::model::Period::bounds(period.as_ref());
            out.push_str(&format!(
                "* {{{{{CLAIM_TEMPLATE} | id = {} | agency = {} | kind = {}",
                escape(id),
                escape(agency.as_str()),
                escape(kind.as_str())
            ));
            for (name, date) in [("from", from), ("to", to)] {
                if let Some(date) = date {
                    out.push_str(&format!(" | {name} = {date}"));
                }
            }
            out.push_str(&format!(
                " | status = {} }}}} {}\n",
                escape(status.as_str()),
                prose_with_refs(summary, sources, &mut cited)
            ));
        }
    }
    out.push_str("\n== References ==\n");
    let uncited: Vec<&Source> = sources
        .iter()
        .zip(&cited)
        .filter(|(_, cited)| !**cited)
        .map(|(s, _)| s)
        .collect();
    if uncited.is_empty() {
        out.push_str("<references/>\n");
    } else {
        // A source no marker cites is kept as a list-defined ref (Cite reports it unused).
        out.push_str("<references>\n");
        for source in uncited {
            out.push_str(&format!(
                "<ref name=\"s{}\">{}</ref>\n",
                source.id,
                citation(source)
            ));
        }
        out.push_str("</references>\n");
    }
    out
}

/// Prose with each `[n]` marker replaced by its ref; text runs escaped.
fn prose_with_refs(prose: &str, sources: &[Source], cited: &mut [bool]) -> String {
    let mut out = String::new();
    for (p, paragraph) in prose.split("\n\n").enumerate() {
        if p > 0 {
            out.push_str("\n\n");
        }
        let mut text = String::new();
        let mut rest = paragraph;
        while let Some(open) = rest.find('[') {
            let marker = rest[open + 1..]
                .find(']')
                .map(|close| &rest[open + 1..open + 1 + close])
                .filter(|n| !n.is_empty() && n.len() <= 6 && n.bytes().all(|b| b.is_ascii_digit()));
            let index = marker
                .and_then(|n| n.parse::<u64>().ok())
                .and_then(|n| sources.iter().position(|s| s.id == n));
            match (marker, index) {
                (Some(number), Some(index)) => {
                    text.push_str(&rest[..open]);
                    out.push_str(&escape_run(&text, out.is_empty() || out.ends_with('\n')));
                    text.clear();
                    if cited[index] {
                        out.push_str(&format!("<ref name=\"s{number}\"/>"));
                    } else {
                        cited[index] = true;
                        out.push_str(&format!(
                            "<ref name=\"s{number}\">{}</ref>",
                            citation(&sources[index])
                        ));
                    }
                    rest = &rest[open + number.len() + 2..];
                }
                _ => {
                    text.push_str(&rest[..=open]);
                    rest = &rest[open + 1..];
                }
            }
        }
        text.push_str(rest);
        out.push_str(&escape_run(&text, out.is_empty() || out.ends_with('\n')));
    }
    out
}

fn citation(source: &Source) -> String {
    let Source {
        unknown: _,
        id: _,
        title,
        publisher,
        kind,
        date,
        url,
        archive_url,
        note,
        quotes,
    } = source;
    let template = match kind {
        Some(SourceKind::News) => "cite news",
        Some(SourceKind::PressRelease) => "cite press release",
        Some(SourceKind::CourtRecord) => "cite court",
        _ => "cite web",
    };
    let mut out = format!("{{{{{template}");
    let mut parameter = |name: &str, value: Option<String>| {
        if let Some(value) = value {
            out.push_str(&format!(" |{name}={value}"));
        }
    };
    parameter("title", Some(escape(title)));
    parameter("publisher", Some(escape(publisher)));
    parameter("type", kind.as_ref().map(|k| escape(k.as_str())));
    parameter("date", date.map(|d| d.to_string()));
    parameter("url", url.as_deref().map(escape));
    parameter("archive-url", archive_url.as_deref().map(escape));
    parameter("note", note.as_deref().map(escape));
    // CS1's `quote`, then `quote2`, `quote3`... for more than one.
    for (i, quote) in quotes.iter().flatten().enumerate() {
        let name = if i == 0 {
            "quote".to_owned()
        } else {
            format!("quote{}", i + 1)
        };
        parameter(&name, Some(escape(quote)));
    }
    out.push_str("}}");
    out
}

/// A list as one infobox value: `; ` between items, or, when an item holds a character the
/// import splits at (`separators`), `<br>` after every item.
fn list(items: &[impl AsRef<str>], separators: &str) -> String {
    let escaped = items.iter().map(|i| escape(i.as_ref()));
    if items
        .iter()
        .any(|i| i.as_ref().contains(|c| separators.contains(c)))
    {
        escaped.map(|i| i + "<br>").collect()
    } else {
        escaped.collect::<Vec<_>>().join("; ")
    }
}

/// A value as wikitext that reads back as the same text.
fn escape(text: &str) -> String {
    escape_run(text, true)
}

/// Escapes a run of text: `&`, `<`, `>` as entities, a line break as `<br>`, and each line in
/// `<nowiki>` when it holds anything wikitext would read as markup (brackets, braces, pipes,
/// quotes that make bold or italic, signatures, behaviour switches, a line-start list, heading
/// or preformatted character).
fn escape_run(text: &str, at_line_start: bool) -> String {
    text.split('\n')
        .enumerate()
        .map(|(i, line)| {
            let entities = line
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            let markup = ["[", "]", "{", "}", "|", "''", "~~~", "__"]
                .iter()
                .any(|m| line.contains(m))
                || (at_line_start
                    && i == 0
                    && line.starts_with(['*', '#', ':', ';', ' ', '-', '=']));
            if markup {
                format!("<nowiki>{entities}</nowiki>")
            } else {
                entities
            }
        })
        .collect::<Vec<_>>()
        .join("<br>")
}
