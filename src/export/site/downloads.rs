//! `downloads.html`: every file of a release with its size, SHA-256, format, licence and
//! stable address (`<repository>/releases/download/<version>/<file>`, and `latest`), and the
//! packages. Written last, once every file it describes is complete, so the sums are those of
//! the bytes the release uploads (`.github/scripts/release.sh` copies them unchanged, and its
//! `SHA256SUMS` must agree). The site archive and `SHA256SUMS` itself are named without a sum:
//! the archive holds this page, and the sums file lists the archive.

use super::{Chrome, Depth};
use crate::error::{Error, Result};
use crate::export::OutFile;
use maud::html;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::Path;

/// Which licence a file is under: the data's, or the code's (the schemas are code).
#[derive(Clone, Copy)]
enum Licence {
    Data,
    Code,
}

/// A file of the release: its path in the build, its name as a release asset, its format and
/// what it holds.
struct Asset {
    path: String,
    name: String,
    format: &'static str,
    holds: String,
    licence: Licence,
}

fn asset(path: &str, format: &'static str, holds: &str) -> Asset {
    Asset {
        name: path.rsplit('/').next().unwrap_or(path).to_owned(),
        path: path.to_owned(),
        format,
        holds: holds.to_owned(),
        licence: Licence::Data,
    }
}

/// The files of this build that a release uploads, in the order a reader wants them.
fn assets(dir: &Path) -> Vec<Asset> {
    let mut list = vec![
        asset("companies.json", "JSON", "Every entry, as one array"),
        asset("companies.ndjson", "NDJSON", "Every entry, one per line"),
        asset("companies.csv", "CSV", "One row per company"),
        asset("claims.csv", "CSV", "One row per claim, with its evidence tier"),
        asset("awards.csv", "CSV", "One row per federal award record"),
        asset("sources.csv", "CSV", "One row per cited source"),
        asset(
            "responses.csv",
            "CSV",
            "One row per contact with a company and its answer, with the claims it disputes",
        ),
        asset("icelist.sqlite", "SQLite", "Every table above, for Datasette or SQL"),
        asset("datapackage.json", "Data Package", "The CSV files described for Frictionless tools"),
        asset("metadata.json", "JSON", "Datasette's metadata for icelist.sqlite"),
        asset("domains.json", "JSON", "Each web domain and the company that owns it"),
        asset(
            "history.json",
            "JSON",
            "When each entry first appeared and last changed, from the git history",
        ),
        asset(
            "redirects.json",
            "JSON",
            "Old ids of merged and renamed entries, each with the id it now points to",
        ),
        asset("manifest.json", "JSON", "This release's version, schema, licence and files"),
        asset("changes.json", "JSON", "What this release changed (the release notes)"),
    ];
    let mut schema = asset(
        crate::dataset::SCHEMA_PATH,
        "JSON Schema",
        "The schema every entry is valid against",
    );
    schema.licence = Licence::Code;
    list.push(schema);
    let mut redirects_schema = asset(
        crate::rules::redirect_invalid::SCHEMA_PATH,
        "JSON Schema",
        "The schema of redirects.json",
    );
    redirects_schema.licence = Licence::Code;
    list.push(redirects_schema);
    list.retain(|a| dir.join(&a.path).is_file());
    list
}

/// The schemas of the JSON outputs (`schema/outputs/`), uploaded under their own names.
fn output_schemas(root: &Path) -> Vec<Asset> {
    let mut names: Vec<String> = std::fs::read_dir(root.join("schema/outputs"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".schema.json"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let mut schema = asset(
                &format!("schema/outputs/{name}"),
                "JSON Schema",
                "The schema of an output",
            );
            schema.licence = Licence::Code;
            schema
        })
        .collect()
}

/// A file's size and SHA-256 (lower-case hex, as `sha256sum` writes it).
fn measure(path: &Path) -> Result<(u64, String)> {
    let error = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(error)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        let read = file.read(&mut buffer).map_err(error)?;
        if read == 0 {
            break;
        }
        size += read as u64;
        hasher.update(buffer.get(..read).unwrap_or_default());
    }
    let hex: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok((size, hex))
}

/// A size as people read it (`1.2 MB`), with the exact bytes for a tooltip.
fn human_size(bytes: u64) -> String {
    match bytes {
        b if b < 1_000 => format!("{b} B"),
        b if b < 1_000_000 => format!("{:.1} kB", b as f64 / 1e3),
        b if b < 1_000_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b => format!("{:.1} GB", b as f64 / 1e9),
    }
}

pub(crate) fn write(root: &Path, dir: &Path, chrome: &Chrome) -> Result<()> {
    let stamp = &chrome.stamp;
    let repository = stamp.repository.as_deref();
    let version = stamp.dataset_version.as_deref();
    let address = |name: &str| -> Option<String> {
        Some(format!(
            "{}/releases/download/{}/{name}",
            repository?,
            version?
        ))
    };
    let latest = |name: &str| repository.map(|r| format!("{r}/releases/latest/download/{name}"));
    let licence_text = |licence: Licence| match (licence, &stamp.data_licence) {
        (Licence::Data, Some(l)) => l.id.to_owned(),
        (Licence::Data, None) => "none declared".to_owned(),
        (Licence::Code, _) => "MIT OR Apache-2.0".to_owned(),
    };
    let mut files = assets(dir);
    let mut schemas = output_schemas(root);
    files.append(&mut schemas);
    let mut rows = Vec::with_capacity(files.len());
    for file in &files {
        // The output schemas are read from the repository, everything else from this build.
        let path = if file.path.starts_with("schema/outputs/") {
            root.join(&file.path)
        } else {
            dir.join(&file.path)
        };
        let (size, sum) = measure(&path)?;
        rows.push((file, size, sum));
    }
    let package_version = version.and_then(crate::export::packages::package_version);
    let body = html! {
        h1 { "Downloads" }
        p {
            @match version {
                Some(version) => { "The files of release " strong { (version) } ". " }
                None => { "The files of this build, which is not a release. " }
            }
            "Each is checked by its SHA-256 (" code { "sha256sum -c SHA256SUMS" }
            " in a folder of downloaded files). Entries keep their ids from release to release; "
            "the "
            a href="methodology.html" { "methodology" }
            " says what the fields mean."
        }
        @if repository.is_some() {
            p {
                "The newest release's files are always at "
                code { (latest("<file>").unwrap_or_default()) }
                "."
            }
        }
        table class="downloads" {
            thead { tr { th scope="col" { "File" } th scope="col" { "Format" } th scope="col" { "SHA-256" } th scope="col" { "Size" } th scope="col" { "Licence" } th scope="col" { "Holds" } } }
            tbody {
                @for (file, size, sum) in &rows {
                    tr {
                        td data-label="File" {
                            @match address(&file.name) {
                                Some(url) => a href=(url) { (file.name) },
                                None => code { (file.name) },
                            }
                        }
                        td data-label="Format" { (file.format) }
                        td data-label="SHA-256" { code { (sum) } }
                        td data-label="Size" { span title={ (size) " bytes" } { (human_size(*size)) } }
                        td data-label="Licence" { (licence_text(file.licence)) }
                        td data-label="Holds" { (file.holds) }
                    }
                }
            }
        }
        h2 { "Also in each release" }
        ul {
            li { code { "delta.ndjson" } ": the release's changes, one JSON object per changed entry (its sum is in SHA256SUMS)." }
            li { code { "site.tar.gz" } ": this site, for a mirror (its sum is in SHA256SUMS)." }
            li { code { "SHA256SUMS" } ": the SHA-256 of every file of the release." }
        }
        h2 { "Packages" }
        p { "The data as packages, each with the entries, the schema's types and a domain lookup:" }
        ul {
            li {
                "npm: " code { "npm install " (crate::export::packages::NPM_PACKAGE)
                    @if let Some(v) = &package_version { "@" (v) } }
            }
            li {
                "Python: " code { "pip install " (crate::export::packages::PYTHON_PACKAGE)
                    @if let Some(v) = &package_version { "==" (v) } }
            }
        }
    };
    let mut page = OutFile::create(dir, "downloads.html")?;
    page.write(
        chrome
            .page("icelist: downloads", Depth::Root, body, false)
            .as_bytes(),
    )?;
    page.finish()
}
