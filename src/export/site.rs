//! The static site: `index.html` (every company in a table, filterable by typing) and
//! `companies/<id>.html` (infobox, sections whose markers link to their footnotes, and a Sources
//! list with back-links to every place each source is cited, like `↑ 1.0 1.1` on the wiki).
//! Every string from the data is HTML-escaped; a URL becomes a link only if it is http(s).
//! No external scripts, styles or fonts.

use super::OutFile;
use crate::error::Result;
use crate::model::{Boycott, Entry, Sections, Source, Verification, format_date};
use std::collections::HashMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A link if the URL is a plain http(s) URL, else the escaped text.
fn link(url: &str, label: &str) -> String {
    if crate::rules::url_invalid::problem(url).is_none() {
        format!(
            "<a href=\"{}\" rel=\"nofollow noopener\">{}</a>",
            escape(url),
            escape(label)
        )
    } else {
        escape(label)
    }
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}\
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}\
.infobox{float:right;width:auto;margin:0 0 1rem 1rem;max-width:22rem}.references li{margin:.3rem 0}\
sup a{text-decoration:none}input{font-size:1rem;padding:.3rem;width:100%;margin:1rem 0}";

fn page(title: &str, body: &str, script: Option<&str>) -> String {
    let csp = if script.is_some() {
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
    } else {
        "default-src 'none'; style-src 'unsafe-inline'"
    };
    let script = script
        .map(|s| format!("<script>{s}</script>\n"))
        .unwrap_or_default();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}{script}</body>\n</html>\n",
        escape(title)
    )
}

const FILTER_SCRIPT: &str = "const input=document.getElementById('filter');\
const rows=Array.from(document.querySelectorAll('#companies tbody tr'));\
input.addEventListener('input',()=>{const q=input.value.trim().toLowerCase();\
for(const row of rows){row.hidden=q!==''&&!row.textContent.toLowerCase().includes(q);}});";

pub(crate) struct Site {
    dir: PathBuf,
    rows: String,
    count: usize,
}

impl Site {
    pub fn create(dir: &Path) -> Result<Self> {
        Ok(Site {
            dir: dir.to_owned(),
            rows: String::new(),
            count: 0,
        })
    }

    pub fn add(&mut self, entry: &Entry) -> Result<()> {
        let _ = writeln!(
            self.rows,
            "<tr><td><a href=\"companies/{}.html\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&entry.id),
            escape(&entry.name),
            escape(entry.boycott.status.as_str()),
            escape(&agencies(entry)),
            escape(entry.verification.status.as_str()),
            entry.sources.len(),
        );
        self.count += 1;
        Ok(())
    }

    /// The entry's own page: its file name under `companies/` and its HTML. Independent of
    /// every other page, so pages are rendered in parallel; [`Site::add`] keeps the index in
    /// order.
    ///
    /// The file name comes from the entry's id, which configuration can stop lint from
    /// checking (`schema` and `file-name` off): it is checked here, whatever the configuration
    /// says, to be a plain name that stays inside `companies/`.
    pub fn render_page(entry: &Entry) -> Result<(String, String)> {
        let id = entry.id.as_str();
        if !crate::rules::file_name::is_slug(id) {
            return Err(crate::error::Error::UnsafeOutput {
                path: std::path::PathBuf::from(format!(
                    "companies/{}.html",
                    crate::text::escape_untrusted(id)
                )),
                reason: "an entry's id is not a plain name (a–z, 0–9 and single dashes), so no page is written for it; run `icelist lint`".into(),
            });
        }
        Ok((format!("{id}.html"), company_page(entry)))
    }

    pub fn finish(self) -> Result<()> {
        let body = format!(
            "<h1>icelist</h1>\n<p>{} companies that support U.S. DHS immigration enforcement. Every claim on a company's page links to its source.</p>\n\
<label for=\"filter\">Filter</label>\n<input id=\"filter\" type=\"search\" placeholder=\"Type a name, status or agency\" autocomplete=\"off\">\n\
<table id=\"companies\">\n<thead><tr><th>Company</th><th>Boycott status</th><th>Agencies</th><th>Verification</th><th>Sources</th></tr></thead>\n<tbody>\n{}</tbody>\n</table>\n",
            self.count, self.rows
        );
        let mut index = OutFile::create(&self.dir, "index.html")?;
        index.write(page("icelist", &body, Some(FILTER_SCRIPT)).as_bytes())?;
        index.finish()
    }
}

/// Section prose as paragraphs, each marker `[n]` a link to footnote n with its own anchor.
fn prose(
    text: &str,
    markers: &[(std::ops::Range<usize>, u64)],
    seen: &mut HashMap<u64, usize>,
) -> String {
    let mut html = String::from("<p>");
    let mut last = 0;
    let push_text = |html: &mut String, part: &str| {
        html.push_str(
            &escape(part)
                .replace("\n\n", "</p>\n<p>")
                .replace('\n', "<br>"),
        );
    };
    for (range, number) in markers {
        push_text(&mut html, &text[last..range.start]);
        let k = seen.entry(*number).or_insert(0);
        let _ = write!(
            html,
            "<sup id=\"cite-ref-{number}-{k}\"><a href=\"#cite-note-{number}\">[{number}]</a></sup>"
        );
        *k += 1;
        last = range.end;
    }
    push_text(&mut html, &text[last..]);
    html.push_str("</p>");
    html
}

fn agencies(entry: &Entry) -> String {
    entry
        .agencies()
        .iter()
        .map(|a| a.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// A company's page. The entry is taken apart field by field (no `..`): a new field does not
/// compile until it is shown here or named as left out.
fn company_page(entry: &Entry) -> String {
    let Entry {
        schema: _,
        id: _,
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
                status: verification_status,
                date: verification_date,
                notes: _,
            },
        identifiers: _,
        boycott:
            Boycott {
                status: boycott_status,
                agencies: _,
                since,
                reason,
            },
        sections:
            Sections {
                overview,
                boycott: boycott_prose,
                background,
            },
        sources,
    } = entry;
    let mut body = format!(
        "<p><a href=\"../index.html\">← All companies</a></p>\n<h1>{}</h1>\n",
        escape(name)
    );
    let parent = match parent_company {
        Some(Some(parent)) => escape(parent),
        Some(None) => "none".into(),
        None => String::new(),
    };
    let optional = |value: &Option<String>| escape(value.as_deref().unwrap_or_default());
    let rows: [(&str, String); 13] = [
        (
            "Also known as",
            escape(&aliases.as_deref().unwrap_or_default().join("; ")),
        ),
        ("Industry", escape(&industry.join("; "))),
        ("Country", optional(country)),
        (
            "Founded",
            founded.map(|y| y.to_string()).unwrap_or_default(),
        ),
        ("Headquarters", optional(headquarters)),
        ("Parent company", parent),
        (
            "Status",
            status.map(|s| s.as_str().to_owned()).unwrap_or_default(),
        ),
        ("Verification", verification_status.as_str().to_owned()),
        (
            "Verified on",
            verification_date.map(format_date).unwrap_or_default(),
        ),
        ("Boycott", boycott_status.as_str().to_owned()),
        ("Agencies", escape(&agencies(entry))),
        ("Listed since", since.map(format_date).unwrap_or_default()),
        ("Delisted because", optional(reason)),
    ];
    body.push_str("<table class=\"infobox\">\n");
    for (label, value) in rows.iter().filter(|(_, v)| !v.is_empty()) {
        let _ = writeln!(body, "<tr><th>{label}</th><td>{value}</td></tr>");
    }
    body.push_str("</table>\n");
    let mut seen: HashMap<u64, usize> = HashMap::new();
    for (section_text, title) in [
        (Some(overview), "Overview"),
        (Some(boycott_prose), "Boycott"),
        (background.as_ref(), "Background"),
    ] {
        let Some(section_text) = section_text else {
            continue;
        };
        let markers = crate::rules::citations::markers(section_text);
        let _ = writeln!(
            body,
            "<h2>{title}</h2>\n{}",
            prose(section_text, &markers, &mut seen)
        );
    }
    body.push_str("<h2>Sources</h2>\n<ol class=\"references\">\n");
    for source in sources {
        let Source {
            id: number,
            title,
            publisher,
            kind,
            date,
            url,
            archive_url,
            note,
        } = source;
        let number = *number;
        let times = seen.get(&number).copied().unwrap_or(0);
        let backlinks = match times {
            0 => String::new(),
            1 => format!("<a href=\"#cite-ref-{number}-0\" class=\"backlink\">↑</a> "),
            _ => {
                let links: Vec<String> = (0..times).map(|k| format!("<a href=\"#cite-ref-{number}-{k}\" class=\"backlink\"><sup>{number}.{k}</sup></a>")).collect();
                format!("↑ {} ", links.join(" "))
            }
        };
        let title_html = url
            .as_deref()
            .map_or_else(|| escape(title), |url| link(url, title));
        let mut line = format!("{backlinks}{title_html} — {}", escape(publisher));
        if let Some(kind) = kind {
            let _ = write!(line, " ({})", kind.as_str());
        }
        if let Some(date) = date {
            let _ = write!(line, ", {date}");
        }
        if let Some(archive) = archive_url {
            let _ = write!(line, " [{}]", link(archive, "archived"));
        }
        if let Some(note) = note {
            let _ = write!(line, ". {}", escape(note));
        }
        let _ = writeln!(body, "<li id=\"cite-note-{number}\">{line}</li>");
    }
    body.push_str("</ol>\n");
    page(name, &body, None)
}
