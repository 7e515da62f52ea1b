//! `icelist package`: the npm and Python packages of a release, written from a build.
//!
//! Both carry the build's `companies.json`, `domains.json`, `redirects.json`, `manifest.json`
//! and the entry schema byte for byte (a company looked up by an id that was merged or renamed
//! is found under the id it now has, as `Dataset::get` finds it), types generated from the schemas, and the documented domain rule
//! (`matchDomain` / `match_domain`). Their version is the dataset version
//! (`v2026.12.04` → `2026.12.4`, which npm's semver and Python's PEP 440 both read as
//! three numbers). The release script packs them (`npm pack`, a wheel) and the release
//! workflow publishes them.

mod schema_types;

use crate::error::{Error, Result};
use crate::export::write_error;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// The packages' names: the one place they are set.
pub const NPM_PACKAGE: &str = "icelist-data";
pub const PYTHON_PACKAGE: &str = "icelist-data";
/// The Python package's import name.
pub const PYTHON_MODULE: &str = "icelist_data";

/// The build's files the packages carry as they are.
const DATA_FILES: &[&str] = &[
    "companies.json",
    "domains.json",
    "redirects.json",
    "manifest.json",
];
const SCHEMA_IN_BUILD: &str = "schema/company.schema.json";
const MANIFEST_SCHEMA: &str = include_str!("../../schema/outputs/manifest.schema.json");

/// What `package` wrote.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PackageSummary {
    pub version: String,
    /// Package folders, relative to the output: `npm`, `python`.
    pub folders: Vec<String>,
    /// What a reader should know (no licence declared).
    pub warnings: Vec<String>,
}

/// The package version of a dataset version: `v2026.12.04` → `2026.12.4`. `None` for any
/// other form (a package needs a release's date version).
pub fn package_version(dataset_version: &str) -> Option<String> {
    let rest = dataset_version.strip_prefix('v')?;
    let parts: Vec<&str> = rest.split('.').collect();
    let [year, month, day] = parts.as_slice() else {
        return None;
    };
    let number = |text: &str, digits: usize| {
        (text.len() == digits && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.parse::<u32>().ok())
            .flatten()
    };
    let (year, month, day) = (number(year, 4)?, number(month, 2)?, number(day, 2)?);
    crate::model::Date::new(i32::try_from(year).ok()?, u8::try_from(month).ok()?, u8::try_from(day).ok()?)?;
    Some(format!("{year}.{month}.{day}"))
}

/// Writes `out/npm` and `out/python` from the build in `dist`. `out` must not exist or be an empty folder; it is written in a
/// staging folder beside it and moved into place whole, so it is complete or absent.
pub fn package(dist: &Path, out: &Path) -> Result<PackageSummary> {
    let read = |name: &str| -> Result<Vec<u8>> {
        let path = dist.join(name);
        crate::checkout::read_regular_file(&path, u64::MAX)
            .map(|file| file.bytes)
            .map_err(|source| Error::Unreadable { path, source })
    };
    let manifest_bytes = read("manifest.json")?;
    let manifest: Value = serde_json::from_slice(&manifest_bytes).map_err(|e| Error::Config {
        path: dist.join("manifest.json"),
        message: format!("not a build's manifest: {e}"),
    })?;
    let dataset_version = manifest["dataset_version"].as_str().ok_or_else(|| {
        Error::Usage(format!(
            "{} has no dataset_version: build with --dataset-version vYYYY.MM.DD (a package's version is the release's)",
            dist.join("manifest.json").display()
        ))
    })?;
    let version = package_version(dataset_version).ok_or_else(|| {
        Error::Usage(format!(
            "the dataset version {:?} is not vYYYY.MM.DD, so it gives no package version",
            crate::text::escape_untrusted(dataset_version)
        ))
    })?;
    let entry_schema: Value = serde_json::from_slice(&read(SCHEMA_IN_BUILD)?).map_err(|e| {
        Error::SchemaInvalid {
            path: dist.join(SCHEMA_IN_BUILD),
            message: e.to_string(),
        }
    })?;
    // The manifest is this tool's own output: its schema is the one the tool was built with.
    let manifest_schema: Value = serde_json::from_str(MANIFEST_SCHEMA).unwrap_or(Value::Null);
    let mut types = schema_types::SchemaTypes::default();
    types.add(&entry_schema, "Entry");
    types.add(&manifest_schema, "Manifest");
    let licence = manifest["licence"]["id"].as_str().map(str::to_owned);
    let mut warnings = Vec::new();
    if licence.is_none() {
        warnings.push(crate::publication::NO_LICENCE_WARNING.to_owned());
    }
    let package = Package {
        version,
        dataset_version: dataset_version.to_owned(),
        licence,
        attribution: manifest["attribution"]
            .as_str()
            .unwrap_or(crate::publication::ATTRIBUTION)
            .to_owned(),
        typescript: types.typescript(),
        python: types.python(),
    };

    let target = prepare_output(out)?;
    let parent = target
        .parent()
        .ok_or_else(|| Error::Usage(format!("{}: not a folder to write into", out.display())))?;
    std::fs::create_dir_all(parent).map_err(write_error(parent))?;
    let staging = tempfile::Builder::new()
        .prefix(".icelist-package-")
        .tempdir_in(parent)
        .map_err(write_error(parent))?;
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for name in DATA_FILES {
        let bytes = read(name)?;
        files.push((PathBuf::from("npm").join(name), bytes.clone()));
        files.push((
            PathBuf::from("python")
                .join(PYTHON_MODULE)
                .join("data")
                .join(name),
            bytes,
        ));
    }
    let schema_bytes = read(SCHEMA_IN_BUILD)?;
    files.push(("npm/company.schema.json".into(), schema_bytes.clone()));
    files.push((
        PathBuf::from("python")
            .join(PYTHON_MODULE)
            .join("data/company.schema.json"),
        schema_bytes,
    ));
    for (name, text) in package.npm_files().into_iter().chain(package.python_files()) {
        files.push((name, text.into_bytes()));
    }
    for (relative, bytes) in &files {
        let path = staging.path().join(relative);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(write_error(dir))?;
        }
        std::fs::write(&path, bytes).map_err(write_error(&path))?;
    }
    let staged = staging.keep();
    // An empty folder left where the packages go is replaced; anything else was refused above.
    if target.is_dir() {
        std::fs::remove_dir(&target).map_err(write_error(&target))?;
    }
    std::fs::rename(&staged, &target).map_err(|source| {
        let _ = std::fs::remove_dir_all(&staged);
        Error::Write {
            path: target.clone(),
            source,
        }
    })?;
    Ok(PackageSummary {
        version: package.version,
        folders: vec!["npm".into(), "python".into()],
        warnings,
    })
}

/// The absolute output folder, refused unless it is absent or an empty real folder (the
/// packages never replace someone's files).
fn prepare_output(out: &Path) -> Result<PathBuf> {
    let absolute = std::path::absolute(out).map_err(write_error(out))?;
    match std::fs::symlink_metadata(&absolute) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(absolute),
        Err(source) => Err(Error::Io {
            path: absolute,
            source,
        }),
        Ok(meta) if meta.is_dir() => {
            let empty = std::fs::read_dir(&absolute)
                .map_err(write_error(&absolute))?
                .next()
                .is_none();
            if empty {
                Ok(absolute)
            } else {
                Err(Error::Refused {
                    path: absolute,
                    reason: "the folder is not empty: package writes a new folder (remove it first)"
                        .into(),
                })
            }
        }
        Ok(_) => Err(Error::Refused {
            path: absolute,
            reason: "it is not a folder".into(),
        }),
    }
}

/// What both packages say about themselves.
struct Package {
    version: String,
    dataset_version: String,
    /// The data licence's SPDX id, if one is declared.
    licence: Option<String>,
    attribution: String,
    typescript: String,
    python: String,
}

/// The code in both packages (`matchDomain`, the readers) is the tool's: MIT OR Apache-2.0.
const CODE_LICENCE: &str = "MIT OR Apache-2.0";
const DESCRIPTION: &str =
    "The icelist dataset of companies that support U.S. DHS immigration enforcement";

impl Package {
    /// The SPDX expression of a package holding the data and the code (none when the data's
    /// licence is not declared: never a guessed one).
    fn licence_expression(&self) -> Option<String> {
        self.licence
            .as_ref()
            .map(|data| format!("{data} AND ({CODE_LICENCE})"))
    }

    fn readme(&self, name: &str, install: &str, usage: &str) -> String {
        let licence = match &self.licence {
            Some(data) => format!(
                "The data is licensed {data}; the package's code {CODE_LICENCE}. {}",
                self.attribution
            ),
            None => format!(
                "The dataset declares no data licence. The package's code is {CODE_LICENCE}. {}",
                self.attribution
            ),
        };
        format!(
            "# {name}\n\n{DESCRIPTION}, release {version} (package version {package}).\n\n\
             {install}\n\n{usage}\n\n\
             A host matches a domain when it equals it or ends with `.` + the domain; the longest \
             matching domain wins.\n\n## Licence\n\n{licence}\n",
            version = self.dataset_version,
            package = self.version,
        )
    }

    fn npm_files(&self) -> Vec<(PathBuf, String)> {
        let mut package = json!({
            "name": NPM_PACKAGE,
            "version": self.version,
            "description": DESCRIPTION,
            "keywords": ["icelist", "dataset", "ice", "cbp", "boycott"],
            "main": "index.js",
            "types": "index.d.ts",
            "exports": {
                ".": {"types": "./index.d.ts", "default": "./index.js"},
                "./companies.json": "./companies.json",
                "./domains.json": "./domains.json",
                "./redirects.json": "./redirects.json",
                "./manifest.json": "./manifest.json",
                "./company.schema.json": "./company.schema.json",
                "./package.json": "./package.json"
            },
            "files": ["index.js", "index.d.ts", "companies.json", "domains.json",
                      "redirects.json", "manifest.json", "company.schema.json", "README.md",
                      "NOTICE"],
            "sideEffects": false,
            "icelist": {"dataset_version": self.dataset_version}
        });
        if let (Some(expression), Some(object)) = (self.licence_expression(), package.as_object_mut())
        {
            object.insert("license".into(), json!(expression));
        }
        let index_js = format!(
            r#""use strict";
// {NPM_PACKAGE} {version}: generated by `icelist package` from release {dataset_version}.
const companies = require("./companies.json");
const domains = require("./domains.json").domains;
const redirects = require("./redirects.json");
const manifest = require("./manifest.json");

const byId = new Map(companies.map((company) => [company.id, company]));

/** The id of the company that operates `host`, or null (the documented domain rule). */
function matchDomain(host) {{
  if (typeof host !== "string") return null;
  let candidate = host.trim().toLowerCase().replace(/\.$/, "");
  while (candidate !== "") {{
    if (Object.prototype.hasOwnProperty.call(domains, candidate)) return domains[candidate];
    const dot = candidate.indexOf(".");
    if (dot < 0) return null;
    candidate = candidate.slice(dot + 1);
  }}
  return null;
}}

/** The company with this id, or the one an old id was merged into or renamed to, or undefined. */
function getCompany(id) {{
  if (byId.has(id)) return byId.get(id);
  const redirect = Object.prototype.hasOwnProperty.call(redirects, id) ? redirects[id] : undefined;
  return redirect ? byId.get(redirect.to) : undefined;
}}

exports.companies = companies;
exports.domains = domains;
exports.redirects = redirects;
exports.manifest = manifest;
exports.datasetVersion = {dataset_version_json};
exports.matchDomain = matchDomain;
exports.getCompany = getCompany;
"#,
            version = self.version,
            dataset_version = self.dataset_version,
            dataset_version_json = json!(self.dataset_version),
        );
        let index_d_ts = format!(
            "// {NPM_PACKAGE} {version}: generated by `icelist package` from the schemas of release {dataset_version}.\n\n{types}\
             /** Every company of the release, sorted by id (`companies.json`). */\n\
             export declare const companies: Entry[];\n\
             /** Host name to company id (`domains.json`). */\n\
             export declare const domains: {{ [host: string]: string }};\n\
             /** Old ids of merged or renamed entries and the id each now has (`redirects.json`). */\n\
             export declare const redirects: {{ [oldId: string]: {{ to: string; reason: string; date: string; note?: string }} }};\n\
             export declare const manifest: Manifest;\n\
             /** The release: `vYYYY.MM.DD`. */\n\
             export declare const datasetVersion: string;\n\
             /** The id of the company that operates `host`, or null. */\n\
             export declare function matchDomain(host: string): string | null;\n\
             /** The company with this id, or the one an old id now names. */\n\
             export declare function getCompany(id: string): Entry | undefined;\n",
            version = self.version,
            dataset_version = self.dataset_version,
            types = self.typescript,
        );
        let readme = self.readme(
            NPM_PACKAGE,
            &format!("```sh\nnpm install {NPM_PACKAGE}\n```"),
            &format!(
                "```js\nconst {{ companies, matchDomain }} = require(\"{NPM_PACKAGE}\");\nmatchDomain(\"www.acme.example\"); // a company id, or null\n```\n\nTypes (`Entry`, `Source`, ...) come from the entry schema."
            ),
        );
        vec![
            (
                "npm/package.json".into(),
                serde_json::to_string_pretty(&package).unwrap_or_default() + "\n",
            ),
            ("npm/index.js".into(), index_js),
            ("npm/index.d.ts".into(), index_d_ts),
            ("npm/README.md".into(), readme),
            ("npm/NOTICE".into(), self.notice()),
        ]
    }

    fn notice(&self) -> String {
        match &self.licence {
            Some(data) => format!(
                "Data: {data}. Code: {CODE_LICENCE}.\n{}\n",
                self.attribution
            ),
            None => format!(
                "Data: no licence declared. Code: {CODE_LICENCE}.\n{}\n",
                self.attribution
            ),
        }
    }

    fn python_files(&self) -> Vec<(PathBuf, String)> {
        let licence = match self.licence_expression() {
            Some(expression) => format!("license = {{ text = {} }}\n", json!(expression)),
            None => String::new(),
        };
        let pyproject = format!(
            "# Generated by `icelist package` from release {dataset_version}.\n\
             [build-system]\n\
             requires = [\"flit_core>=3.4,<5\"]\n\
             build-backend = \"flit_core.buildapi\"\n\n\
             [project]\n\
             name = {name}\n\
             version = {version}\n\
             description = {description}\n\
             readme = \"README.md\"\n\
             requires-python = \">=3.11\"\n\
             {licence}\
             keywords = [\"icelist\", \"dataset\", \"ice\", \"cbp\", \"boycott\"]\n\
             classifiers = [\"Typing :: Typed\", \"Programming Language :: Python :: 3\"]\n\n\
             [tool.flit.module]\n\
             name = {module}\n",
            dataset_version = self.dataset_version,
            name = json!(PYTHON_PACKAGE),
            version = json!(self.version),
            description = json!(DESCRIPTION),
            module = json!(PYTHON_MODULE),
        );
        let init = format!(
            r#""""{DESCRIPTION}: release {dataset_version}.

Generated by `icelist package`. The data files are in the package (`importlib.resources`);
each reader parses its file once and returns the same object afterwards (do not modify it).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from .types import Entry, Manifest

__all__ = ["DATASET_VERSION", "Entry", "Manifest", "companies", "domains", "get_company", "manifest", "match_domain", "redirects"]

__version__ = {version}
DATASET_VERSION = {dataset_version_json}


def _read(name: str) -> Any:
    return json.loads(resources.files(__name__).joinpath("data", name).read_text(encoding="utf-8"))


@cache
def companies() -> list[Entry]:
    """Every company of the release, sorted by id (companies.json)."""
    return _read("companies.json")


@cache
def domains() -> dict[str, str]:
    """Host name to company id (domains.json)."""
    return _read("domains.json")["domains"]


@cache
def redirects() -> dict[str, dict[str, str]]:
    """Old ids of merged or renamed entries and where each points (redirects.json)."""
    return _read("redirects.json")


@cache
def manifest() -> Manifest:
    """What the release is: versions, licence, counts (manifest.json)."""
    return _read("manifest.json")


@cache
def _by_id() -> dict[str, Entry]:
    return {{company["id"]: company for company in companies()}}


def get_company(company_id: str) -> Entry | None:
    """The company with this id, or the one an old id was merged into or renamed to, or None."""
    found = _by_id().get(company_id)
    if found is None and company_id in redirects():
        found = _by_id().get(redirects()[company_id]["to"])
    return found


def match_domain(host: str) -> str | None:
    """The id of the company that operates `host`, or None.

    A host matches a domain when it equals it or ends with "." + the domain; the longest
    matching domain wins.
    """
    if not isinstance(host, str):
        return None
    candidate = host.strip().lower().removesuffix(".")
    table = domains()
    while candidate:
        if candidate in table:
            return table[candidate]
        _, dot, rest = candidate.partition(".")
        if not dot:
            return None
        candidate = rest
    return None
"#,
            version = json!(self.version),
            dataset_version = self.dataset_version,
            dataset_version_json = json!(self.dataset_version),
        );
        let types = format!(
            "\"\"\"The types of the release's documents, generated by `icelist package` from their schemas.\"\"\"\n\n\
             from __future__ import annotations\n\n\
             from typing import Any, Literal, NotRequired, TypedDict\n\n\
             __all__ = [\"Any\"]\n\n{}",
            self.python
        );
        let module = PathBuf::from("python").join(PYTHON_MODULE);
        let readme = self.readme(
            PYTHON_PACKAGE,
            &format!("```sh\npip install {PYTHON_PACKAGE}\n```"),
            &format!(
                "```python\nimport {PYTHON_MODULE}\n{PYTHON_MODULE}.match_domain(\"www.acme.example\")  # a company id, or None\n```\n\nTypes (`Entry`, `Source`, ...) are `TypedDict`s generated from the entry schema."
            ),
        );
        vec![
            ("python/pyproject.toml".into(), pyproject),
            ("python/README.md".into(), readme),
            (module.join("__init__.py"), init),
            (module.join("types.py"), types),
            (module.join("py.typed"), String::new()),
            (module.join("NOTICE"), self.notice()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_schema_is_built_in() {
        let schema: Value = serde_json::from_str(MANIFEST_SCHEMA).unwrap();
        assert_eq!(schema["title"], "manifest.json");
    }

    #[test]
    fn package_versions_follow_the_dataset_version() {
        assert_eq!(package_version("v2026.12.04").as_deref(), Some("2026.12.4"));
        assert_eq!(package_version("v2027.01.10").as_deref(), Some("2027.1.10"));
        for refused in [
            "2026.12.04",
            "v2026.12.4",
            "v2026.13.01",
            "v2026.02.30",
            "v2026.12.04.1",
            "v2026.12.04-rc1",
            "",
        ] {
            assert_eq!(package_version(refused), None, "{refused}");
        }
    }
}
