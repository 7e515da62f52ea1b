//! The static site: `index.html` (every company in a table, filterable by typing) and
//! `companies/<id>.html` (infobox, sections whose markers link to their footnotes, and a Sources
//! list with back-links to every place each source is cited, like `↑ 1.0 1.1` on the wiki).
//! Every string from the data is HTML-escaped; a URL becomes a link only if it is http(s).
//! No external scripts, styles or fonts.

use super::{OutFile, joined, text};
use crate::error::Result;
use crate::rules::citations::{CitationIndex, SECTIONS};
use serde_json::Value;
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

    pub fn add(&mut self, entry: &Value) -> Result<()> {
        let id = text(entry, "/id").unwrap_or_default();
        let name = text(entry, "/name").unwrap_or_default();
        let sources = entry
            .get("sources")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        let _ = writeln!(
            self.rows,
            "<tr><td><a href=\"companies/{}.html\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{sources}</td></tr>",
            escape(id),
            escape(name),
            escape(text(entry, "/boycott/status").unwrap_or_default()),
            escape(&joined(entry, "/boycott/agencies")),
            escape(text(entry, "/verification/status").unwrap_or_default()),
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
    pub fn render_page(entry: &Value) -> Result<(String, String)> {
        let id = text(entry, "/id").unwrap_or_default();
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

fn company_page(entry: &Value) -> String {
    let name = text(entry, "/name").unwrap_or_default();
    let mut body = format!(
        "<p><a href=\"../index.html\">← All companies</a></p>\n<h1>{}</h1>\n",
        escape(name)
    );
    let parent = match entry.get("parent_company") {
        Some(Value::String(p)) => escape(p),
        Some(Value::Null) => "none".into(),
        _ => String::new(),
    };
    let founded = entry
        .get("founded")
        .and_then(Value::as_i64)
        .map(|y| y.to_string())
        .unwrap_or_default();
    let rows: [(&str, String); 13] = [
        ("Also known as", escape(&joined(entry, "/aliases"))),
        ("Industry", escape(&joined(entry, "/industry"))),
        (
            "Country",
            escape(text(entry, "/country").unwrap_or_default()),
        ),
        ("Founded", founded),
        (
            "Headquarters",
            escape(text(entry, "/headquarters").unwrap_or_default()),
        ),
        ("Parent company", parent),
        ("Status", escape(text(entry, "/status").unwrap_or_default())),
        (
            "Verification",
            escape(text(entry, "/verification/status").unwrap_or_default()),
        ),
        (
            "Verified on",
            escape(text(entry, "/verification/date").unwrap_or_default()),
        ),
        (
            "Boycott",
            escape(text(entry, "/boycott/status").unwrap_or_default()),
        ),
        ("Agencies", escape(&joined(entry, "/boycott/agencies"))),
        (
            "Listed since",
            escape(text(entry, "/boycott/since").unwrap_or_default()),
        ),
        (
            "Delisted because",
            escape(text(entry, "/boycott/reason").unwrap_or_default()),
        ),
    ];
    body.push_str("<table class=\"infobox\">\n");
    for (label, value) in rows.iter().filter(|(_, v)| !v.is_empty()) {
        let _ = writeln!(body, "<tr><th>{label}</th><td>{value}</td></tr>");
    }
    body.push_str("</table>\n");
    let citations = CitationIndex::new(entry);
    let mut seen: HashMap<u64, usize> = HashMap::new();
    for (section, title) in SECTIONS.iter().zip(["Overview", "Boycott", "Background"]) {
        let Some(section_text) = text(entry, &format!("/sections/{section}")) else {
            continue;
        };
        let pointer = format!("/sections/{section}");
        let markers: Vec<_> = citations
            .markers
            .iter()
            .filter(|m| m.pointer == pointer)
            .map(|m| (m.range.clone(), m.number))
            .collect();
        let _ = writeln!(
            body,
            "<h2>{title}</h2>\n{}",
            prose(section_text, &markers, &mut seen)
        );
    }
    body.push_str("<h2>Sources</h2>\n<ol class=\"references\">\n");
    for source in entry
        .get("sources")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice)
    {
        let number = source.get("id").and_then(Value::as_u64).unwrap_or_default();
        let times = seen.get(&number).copied().unwrap_or(0);
        let backlinks = match times {
            0 => String::new(),
            1 => format!("<a href=\"#cite-ref-{number}-0\" class=\"backlink\">↑</a> "),
            _ => {
                let links: Vec<String> = (0..times).map(|k| format!("<a href=\"#cite-ref-{number}-{k}\" class=\"backlink\"><sup>{number}.{k}</sup></a>")).collect();
                format!("↑ {} ", links.join(" "))
            }
        };
        let field = |name: &str| source.get(name).and_then(Value::as_str);
        let title = field("title").unwrap_or_default();
        let title_html = field("url").map_or_else(|| escape(title), |url| link(url, title));
        let mut line = format!(
            "{backlinks}{title_html} — {}",
            escape(field("publisher").unwrap_or_default())
        );
        if let Some(kind) = field("type") {
            let _ = write!(line, " ({})", escape(kind));
        }
        if let Some(date) = field("date") {
            let _ = write!(line, ", {}", escape(date));
        }
        if let Some(archive) = field("archive_url") {
            let _ = write!(line, " [{}]", link(archive, "archived"));
        }
        if let Some(note) = field("note") {
            let _ = write!(line, ". {}", escape(note));
        }
        let _ = writeln!(body, "<li id=\"cite-note-{number}\">{line}</li>");
    }
    body.push_str("</ol>\n");
    page(name, &body, None)
}
