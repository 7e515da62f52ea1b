//! What every output says about the data besides the entries: the data's licence and its
//! attribution. The licence is declared once (`data_licence` in `icelist.toml`) and carried
//! into `datapackage.json`, `manifest.json`, the SQLite file, Datasette's metadata and the
//! site; a tree that declares none builds with a warning and writes no licence, never a
//! guessed one.

/// A data licence this tool can name, by its SPDX id. Only these can be declared, so an output
/// never carries a misspelled licence or a link to the wrong text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct DataLicence {
    /// The SPDX identifier (`CC-BY-SA-4.0`), what Data Packages call `name`.
    pub id: &'static str,
    pub title: &'static str,
    /// The licence's text.
    pub url: &'static str,
}

/// The licences `data_licence` may name (identifiers and URLs from spdx.org/licenses).
pub const DATA_LICENCES: &[DataLicence] = &[
    DataLicence {
        id: "CC-BY-SA-4.0",
        title: "Creative Commons Attribution Share Alike 4.0 International",
        url: "https://creativecommons.org/licenses/by-sa/4.0/",
    },
    DataLicence {
        id: "CC-BY-4.0",
        title: "Creative Commons Attribution 4.0 International",
        url: "https://creativecommons.org/licenses/by/4.0/",
    },
    DataLicence {
        id: "CC0-1.0",
        title: "Creative Commons Zero v1.0 Universal",
        url: "https://creativecommons.org/publicdomain/zero/1.0/",
    },
    DataLicence {
        id: "ODbL-1.0",
        title: "Open Data Commons Open Database License v1.0",
        url: "https://opendatacommons.org/licenses/odbl/1-0/",
    },
];

impl DataLicence {
    /// The licence with this SPDX id, spelled exactly.
    pub fn from_id(id: &str) -> Option<DataLicence> {
        DATA_LICENCES.iter().find(|l| l.id == id).copied()
    }
}

/// Where the entries come from and whose words the quotes are: the same line in `NOTICE` and
/// in every output's metadata.
pub const ATTRIBUTION: &str = "Entries derive from the ICE List wiki's pages. Quotes in \
sources[].quotes remain their publishers' and are quoted as excerpts.";

/// The warning a build gives when the tree declares no data licence.
pub const NO_LICENCE_WARNING: &str = "no data licence is declared (`data_licence` in icelist.toml): \
the outputs carry no licence";
