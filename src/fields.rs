//! The field table: one row for every field of an [`Entry`](crate::model::Entry), beside the
//! model. A row says what the field is (its JSON Pointer, its description, its properties)
//! and, for every reader and writer outside the model, whether that place carries the field
//! or deliberately leaves it out. The rules' field lists (set-like lists, trimmed text,
//! personal-data text, one-line text, whole numbers) are derived from it, and so are the
//! import's default infobox parameters and `icelist new`'s template.
//!
//! Adding a field is: the schema, the model, one row here. A test fails while the model has a
//! field without a row, and the tests beside it hold each place to what its row says (the
//! import, the CSV and SQLite columns, the Data Package, the intake and correction forms, the
//! `new` template, the site, the wikitext export, `--update`, and the tables of
//! `docs/formats.md`): the compiler and those tests list everything else to do
//! (CONTRIBUTING.md, "Adding a field").

use std::sync::LazyLock;

/// Whether one reader or writer carries a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carried {
    /// Carried, under this name (an infobox parameter, a column, a form field, a heading).
    As(&'static str),
    /// Carried, with no name of its own (inside a JSON column, a page's text, a citation).
    Yes,
    /// Deliberately left out, and why.
    LeftOut(&'static str),
}

impl Carried {
    pub fn carries(self) -> bool {
        !matches!(self, Carried::LeftOut(_))
    }

    /// The name the place gives the field, when it has one.
    pub fn name(self) -> Option<&'static str> {
        match self {
            Carried::As(name) => Some(name),
            _ => None,
        }
    }
}

/// What the lint and `fmt` do with a field's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Properties {
    /// A list whose order carries no meaning: a reordering is no change (`diff`, review).
    pub set_like: bool,
    /// Text that must not start or end with white space (`text-whitespace`; `--fix` trims).
    pub trimmed: bool,
    /// Text that is one line by nature (`text-invisible` refuses a line break).
    pub one_line: bool,
    /// Text `personal-data` reads for e-mail addresses, phone numbers and the like.
    pub personal_data: bool,
    /// A number that must be written as an integer (`integer-literal`; `fmt` rewrites `1e3`).
    pub whole_number: bool,
    /// Part of the entry's identity (`entry-duplicate`, `domain-duplicate`).
    pub identity_key: bool,
}

impl Properties {
    pub const NONE: Properties = Properties {
        set_like: false,
        trimmed: false,
        one_line: false,
        personal_data: false,
        whole_number: false,
        identity_key: false,
    };
}

/// Every reader and writer outside the model, each saying whether it carries the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Places {
    /// `icelist import`: the default mapping's infobox parameter (or the heading, or a part
    /// of a citation).
    pub import: Carried,
    /// `icelist import --update`: whether what the page states replaces the entry's value.
    pub update: Carried,
    /// The issue form (`propose-company.yml`): its field id.
    pub intake: Carried,
    /// The correction form (`correct-entry.yml`): the option of "What is wrong" that sets the
    /// field from the corrected text (the others are corrected by a maintainer by hand).
    pub correct: Carried,
    /// `icelist new`'s template: the placeholder (or fixed value) it writes (`As`), or a value
    /// the command fills in itself (`Yes`: the id, the name, the first source's number). A
    /// list is written with the text as its one item, a source's field in the first source.
    pub new: Carried,
    /// `companies.csv` / `sources.csv`: the column.
    pub csv: Carried,
    /// `icelist.sqlite`: the column (or table).
    pub sqlite: Carried,
    /// `datapackage.json`, which describes the CSV files: the field.
    pub datapackage: Carried,
    /// The site's company page.
    pub site: Carried,
    /// The wikitext export: the infobox parameter (or the heading, or a part of a citation).
    pub wikitext: Carried,
}

/// One field of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldRow {
    /// Its JSON Pointer; `*` stands for each source. A list of strings is one row.
    pub pointer: &'static str,
    /// A list of strings: its items are its values.
    pub list: bool,
    pub description: &'static str,
    pub properties: Properties,
    pub places: Places,
}

impl FieldRow {
    /// The pointer of its values: the list's items (`/aliases/*`), or the field itself.
    pub fn value_pointer(&self) -> String {
        if self.list {
            format!("{}/*", self.pointer)
        } else {
            self.pointer.to_owned()
        }
    }

    /// The field as the README and the import mapping spell it: `verification.status`,
    /// `sources[].title`.
    pub fn dotted(&self) -> String {
        self.pointer
            .trim_start_matches('/')
            .replace("/*/", "[].")
            .replace('/', ".")
    }
}

const NOT_ON_PAGES: Carried = Carried::LeftOut("the editor hint is the file's, not the company's");
const FORM_NEVER_VERIFIES: Carried =
    Carried::LeftOut("a submission is never verified at intake: a maintainer verifies it");
const ONLY_MAINTAINERS_VERIFY: Carried = Carried::LeftOut("only a maintainer verifies an entry");
const BY_HAND_IN_REGISTRIES: Carried = Carried::LeftOut(
    "\"Identifiers or web domains\": a maintainer checks each in its registry and corrects it",
);
const NOT_IN_TEMPLATE: Carried =
    Carried::LeftOut("optional: the contributor adds it when a source gives it");
const NOT_A_TABLE_COLUMN: Carried =
    Carried::LeftOut("the flat tables keep one value per company; the JSON and SQLite have it");

/// Every field of an entry, in the model's order.
pub const FIELDS: &[FieldRow] = &[
    FieldRow {
        pointer: "/$schema",
        list: false,
        description: "Editor hint, \"../schema/company.schema.json\".",
        properties: Properties::NONE,
        places: Places {
            import: NOT_ON_PAGES,
            update: Carried::LeftOut("the entry's own hint is kept"),
            intake: Carried::Yes,
            correct: NOT_ON_PAGES,
            new: Carried::As("../schema/company.schema.json"),
            csv: NOT_ON_PAGES,
            sqlite: NOT_ON_PAGES,
            datapackage: NOT_ON_PAGES,
            site: NOT_ON_PAGES,
            wikitext: NOT_ON_PAGES,
        },
    },
    FieldRow {
        pointer: "/id",
        list: false,
        description: "Stable key; equals the file's stem; never changes.",
        properties: Properties::NONE,
        places: Places {
            import: Carried::As("id"),
            update: Carried::LeftOut("an id never changes: the page updates the entry it names"),
            intake: Carried::LeftOut("made from the name"),
            correct: Carried::LeftOut("an id never changes; a rename is a maintainer's, with a redirect"),
            new: Carried::Yes,
            csv: Carried::As("id"),
            sqlite: Carried::As("id"),
            datapackage: Carried::As("id"),
            site: Carried::Yes,
            wikitext: Carried::As("id"),
        },
    },
    FieldRow {
        pointer: "/name",
        list: false,
        description: "The name the company is best known by.",
        properties: Properties {
            trimmed: true,
            one_line: true,
            personal_data: true,
            identity_key: true,
            ..Properties::NONE
        },
        places: Places {
            import: Carried::As("name"),
            update: Carried::Yes,
            intake: Carried::As("name"),
            correct: Carried::As("Company name"),
            new: Carried::Yes,
            csv: Carried::As("name"),
            sqlite: Carried::As("name"),
            datapackage: Carried::As("name"),
            site: Carried::Yes,
            wikitext: Carried::As("name"),
        },
    },
    FieldRow {
        pointer: "/aliases",
        list: true,
        description: "Other names (legal, former, brands).",
        properties: Properties {
            set_like: true,
            trimmed: true,
            one_line: true,
            personal_data: true,
            identity_key: true,
            ..Properties::NONE
        },
        places: Places {
            import: Carried::As("aliases"),
            update: Carried::Yes,
            intake: Carried::As("aliases"),
            correct: Carried::As("Other names"),
            new: NOT_IN_TEMPLATE,
            csv: Carried::As("aliases"),
            sqlite: Carried::As("aliases"),
            datapackage: Carried::As("aliases"),
            site: Carried::Yes,
            wikitext: Carried::As("aliases"),
        },
    },
    FieldRow {
        pointer: "/industry",
        list: true,
        description: "Industries, as the sources describe them.",
        properties: Properties {
            set_like: true,
            trimmed: true,
            personal_data: true,
            ..Properties::NONE
        },
        places: Places {
            import: Carried::As("industry"),
            update: Carried::Yes,
            intake: Carried::As("industry"),
            correct: Carried::As("Industry"),
            new: Carried::As("TODO: the industry, as the sources describe it"),
            csv: Carried::As("industry"),
            sqlite: Carried::As("industry"),
            datapackage: Carried::As("industry"),
            site: Carried::Yes,
            wikitext: Carried::As("industry"),
        },
    },
    FieldRow {
        pointer: "/country",
        list: false,
        description: "ISO 3166-1 alpha-2 code of the headquarters' country.",
        properties: Properties::NONE,
        places: Places {
            import: Carried::As("country"),
            update: Carried::Yes,
            intake: Carried::As("country"),
            correct: Carried::As("Country"),
            new: NOT_IN_TEMPLATE,
            csv: Carried::As("country"),
            sqlite: Carried::As("country"),
            datapackage: Carried::As("country"),
            site: Carried::Yes,
            wikitext: Carried::As("country"),
        },
    },
    FieldRow {
        pointer: "/founded",
        list: false,
        description: "The year the company was founded.",
        properties: Properties {
            whole_number: true,
            ..Properties::NONE
        },
        places: Places {
            import: Carried::As("founded"),
            update: Carried::Yes,
            intake: Carried::As("founded"),
            correct: Carried::As("Year founded"),
            new: NOT_IN_TEMPLATE,
            csv: Carried::As("founded"),
            sqlite: Carried::As("founded"),
            datapackage: Carried::As("founded"),
            site: Carried::Yes,
            wikitext: Carried::As("founded"),
        },
    },
    FieldRow {
        pointer: "/headquarters",
        list: false,
        description: "Where the company has its headquarters.",
        properties: Properties {
            trimmed: true,
            ..Properties::NONE
        },
        places: Places {
            import: Carried::As("headquarters"),
            update: Carried::Yes,
            intake: Carried::As("headquarters"),
            correct: Carried::As("Headquarters"),
            new: Carried::As("TODO: city, state, country, as the sources give it"),
            csv: Carried::As("headquarters"),
            sqlite: Carried::As("headquarters"),
            datapackage: Carried::As("headquarters"),
            site: Carried::Yes,
            wikitext: Carried::As("headquarters"),
        },
    },
    FieldRow {
        pointer: "/parent_company",
        list: false,
        description: "The parent company; null when the entry states there is none.",
        properties: Properties {
            trimmed: true,
            personal_data: true,
            ..Properties::NONE
        },
        places: Places {
            import: Carried::As("parent"),
            update: Carried::Yes,
            intake: Carried::As("parent_company"),
            correct: Carried::As("Parent company"),
            new: NOT_IN_TEMPLATE,
            csv: Carried::As("parent_company"),
            sqlite: Carried::As("parent_company"),
            datapackage: Carried::As("parent_company"),
            site: Carried::Yes,
            wikitext: Carried::As("parent"),
        },
    },
    FieldRow {
        pointer: "/status",
        list: false,
        description: "Whether the company still operates: active, defunct or acquired.",
        properties: Properties::NONE,
        places: Places {
            import: Carried::As("status"),
            update: Carried::Yes,
            intake: Carried::As("status"),
            correct: Carried::As("Status"),
            new: NOT_IN_TEMPLATE,
            csv: Carried::As("status"),
            sqlite: Carried::As("status"),
            datapackage: Carried::As("status"),
            site: Carried::Yes,
            wikitext: Carried::As("status"),
        },
    },
    FieldRow {
        pointer: "/verification/status",
        list: false,
        description: "How far the claims were checked: verified, partially-verified or unverified.",
        properties: Properties::NONE,
        places: Places {
            import: Carried::As("verification"),
            update: Carried::Yes,
            intake: FORM_NEVER_VERIFIES,
            correct: ONLY_MAINTAINERS_VERIFY,
            new: Carried::As("unverified"),
            csv: Carried::As("verification_status"),
            sqlite: Carried::As("verification_status"),
            datapackage: Carried::As("verification_status"),
            site: Carried::Yes,
            wikitext: Carried::As("verification"),
        },
    },
    FieldRow {
        pointer: "/verification/date",
        list: false,
        description: "When the claims were last verified.",
        properties: Properties::NONE,
        places: Places {
            import: Carried::As("verification date"),
            update: Carried::Yes,
            intake: FORM_NEVER_VERIFIES,
            correct: ONLY_MAINTAINERS_VERIFY,
            new: Carried::LeftOut("a new entry is unverified"),
            csv: Carried::As("verification_date"),
            sqlite: Carried::As("verification_date"),
            datapackage: Carried::As("verification_date"),
            site: Carried::Yes,
            wikitext: Carried::As("verification date"),
        },
    },
    FieldRow {
        pointer: "/verification/notes",
        list: false,
        description: "Which claims are verified.",
        properties: Properties {
            personal_data: true,
            ..Properties::NONE
        },
        places: Places {
            import: Carried::As("verification notes"),
            update: Carried::Yes,
            intake: FORM_NEVER_VERIFIES,
            correct: ONLY_MAINTAINERS_VERIFY,
            new: Carried::LeftOut("a new entry is unverified"),
            csv: NOT_A_TABLE_COLUMN,
            sqlite: Carried::As("verification_notes"),
            datapackage: NOT_A_TABLE_COLUMN,
            site: Carried::Yes,
            wikitext: Carried::As("verification notes"),
        },
    },
    FieldRow {
        pointer: "/identifiers/wikidata",
        list: false,
        description: "The company's Wikidata item.",
        properties: Properties {
            identity_key: true,
            ..Properties::NONE
        },
        places: identifier_places("wikidata"),
    },
    FieldRow {
        pointer: "/identifiers/lei",
        list: false,
        description: "The company's Legal Entity Identifier (ISO 17442).",
        properties: Properties {
            identity_key: true,
            ..Properties::NONE
        },
        places: identifier_places("lei"),
    },
    FieldRow {
        pointer: "/identifiers/website",
        list: false,
        description: "The company's website.",
        properties: Properties {
            identity_key: true,
            ..Properties::NONE
        },
        places: identifier_places("website"),
    },
    FieldRow {
        pointer: "/identifiers/tickers",
        list: true,
        description: "Stock tickers, EXCHANGE:SYMBOL.",
        properties: Properties {
            set_like: true,
            identity_key: true,
            ..Properties::NONE
        },
        places: identifier_places("tickers"),
    },
    FieldRow {
        pointer: "/identifiers/uei",
        list: false,
        description: "The company's SAM.gov Unique Entity ID.",
        properties: Properties {
            identity_key: true,
            ..Properties::NONE
        },
        places: identifier_places("uei"),
    },
    FieldRow {
        pointer: "/identifiers/cage",
        list: false,
        description: "The company's CAGE (or NCAGE) code.",
        properties: Properties {
            identity_key: true,
            ..Properties::NONE
        },
        places: identifier_places("cage"),
    },
    FieldRow {
        pointer: "/identifiers/cik",
        list: false,
        description: "The company's SEC Central Index Key.",
        properties: Properties {
            identity_key: true,
            ..Properties::NONE
        },
        places: identifier_places("cik"),
    },
    FieldRow {
        pointer: "/identifiers/opencorporates",
        list: false,
        description: "The company's OpenCorporates id, jurisdiction/number.",
        properties: Properties {
            identity_key: true,
            ..Properties::NONE
        },
        places: identifier_places("opencorporates"),
    },
    FieldRow {
        pointer: "/domains",
        list: true,
        description: "Exact host names the company operates.",
        properties: Properties {
            set_like: true,
            identity_key: true,
            ..Properties::NONE
        },
        places: Places {
            import: Carried::As("domains"),
            update: Carried::Yes,
            intake: Carried::LeftOut("a maintainer adds them once the company is listed"),
            correct: BY_HAND_IN_REGISTRIES,
            new: NOT_IN_TEMPLATE,
            csv: Carried::As("domains"),
            sqlite: Carried::As("domains"),
            datapackage: Carried::As("domains"),
            site: Carried::Yes,
            wikitext: Carried::As("domains"),
        },
    },
    FieldRow {
        pointer: "/boycott/status",
        list: false,
        description: "listed, under-review or delisted.",
        properties: Properties::NONE,
        places: Places {
            import: Carried::As("boycott"),
            update: Carried::Yes,
            intake: Carried::LeftOut("a submission is under review until a maintainer decides"),
            correct: Carried::LeftOut("a delisting is proposed with propose-delisting.yml"),
            new: Carried::As("under-review"),
            csv: Carried::As("boycott_status"),
            sqlite: Carried::As("boycott_status"),
            datapackage: Carried::As("boycott_status"),
            site: Carried::Yes,
            wikitext: Carried::As("boycott"),
        },
    },
    FieldRow {
        pointer: "/boycott/agencies",
        list: true,
        description: "The agencies the company's work supports: DHS, ICE, CBP, USCIS.",
        properties: Properties {
            set_like: true,
            ..Properties::NONE
        },
        places: Places {
            import: Carried::As("agencies"),
            update: Carried::Yes,
            intake: Carried::As("agencies"),
            correct: Carried::As("Agencies supported"),
            new: Carried::As("TODO: DHS, ICE, CBP or USCIS"),
            csv: Carried::As("boycott_agencies"),
            sqlite: Carried::As("agencies"),
            datapackage: Carried::As("boycott_agencies"),
            site: Carried::Yes,
            wikitext: Carried::As("agencies"),
        },
    },
    FieldRow {
        pointer: "/boycott/since",
        list: false,
        description: "When the company was listed.",
        properties: Properties::NONE,
        places: Places {
            import: Carried::As("boycott since"),
            update: Carried::Yes,
            intake: Carried::LeftOut("set when a maintainer lists the company"),
            correct: Carried::LeftOut("set by a maintainer when the company is listed"),
            new: NOT_IN_TEMPLATE,
            csv: NOT_A_TABLE_COLUMN,
            sqlite: Carried::As("boycott_since"),
            datapackage: NOT_A_TABLE_COLUMN,
            site: Carried::Yes,
            wikitext: Carried::As("boycott since"),
        },
    },
    FieldRow {
        pointer: "/boycott/reason",
        list: false,
        description: "Why the company was delisted.",
        properties: Properties {
            personal_data: true,
            ..Properties::NONE
        },
        places: Places {
            import: Carried::As("boycott reason"),
            update: Carried::Yes,
            intake: Carried::LeftOut("only a delisted entry has a reason"),
            correct: Carried::LeftOut("a delisting's reason comes with propose-delisting.yml"),
            new: NOT_IN_TEMPLATE,
            csv: NOT_A_TABLE_COLUMN,
            sqlite: Carried::As("boycott_reason"),
            datapackage: NOT_A_TABLE_COLUMN,
            site: Carried::Yes,
            wikitext: Carried::As("boycott reason"),
        },
    },
    section_row(
        "/sections/overview",
        "What the company is and does, with citation markers.",
        "Overview",
        "overview",
        "Overview",
        Carried::As(
            "TODO: what the company is and what it does for DHS, each claim followed by its source marker.[1]",
        ),
    ),
    section_row(
        "/sections/boycott",
        "The documented work that supports immigration enforcement, with citation markers.",
        "Boycott",
        "boycott",
        "Why it is listed",
        Carried::As("TODO: the documented work that supports immigration enforcement.[1]"),
    ),
    section_row(
        "/sections/background",
        "Further context, with citation markers.",
        "Background",
        "background",
        "Background",
        NOT_IN_TEMPLATE,
    ),
    FieldRow {
        pointer: "/claims/*/id",
        list: false,
        description: "The claim's id, unique within the entry and stable.",
        properties: Properties::NONE,
        places: claim_places(Carried::As("claim_id"), Carried::As("claim_id"), Carried::LeftOut("made from the agency and the kind: <agency>-<kind>, -2 for a repeat")),
    },
    FieldRow {
        pointer: "/claims/*/agency",
        list: false,
        description: "The DHS agency of the involvement.",
        properties: Properties::NONE,
        places: claim_places(Carried::As("agency"), Carried::As("agency"), Carried::Yes),
    },
    FieldRow {
        pointer: "/claims/*/kind",
        list: false,
        description: "The kind of involvement.",
        properties: Properties::NONE,
        places: claim_places(Carried::As("kind"), Carried::As("kind"), Carried::Yes),
    },
    FieldRow {
        pointer: "/claims/*/summary",
        list: false,
        description: "What the company does or did, with citation markers.",
        properties: Properties {
            personal_data: true,
            ..Properties::NONE
        },
        places: claim_places(Carried::LeftOut("claims.csv keeps the facts of each claim; the JSON and SQLite have its text"), Carried::As("summary"), Carried::Yes),
    },
    FieldRow {
        pointer: "/claims/*/period/from",
        list: false,
        description: "When the involvement began: YYYY, YYYY-MM or YYYY-MM-DD.",
        properties: Properties::NONE,
        places: claim_places(Carried::As("from"), Carried::As("period_from"), Carried::Yes),
    },
    FieldRow {
        pointer: "/claims/*/period/to",
        list: false,
        description: "When the involvement ended: YYYY, YYYY-MM or YYYY-MM-DD.",
        properties: Properties::NONE,
        places: claim_places(Carried::As("to"), Carried::As("period_to"), Carried::Yes),
    },
    FieldRow {
        pointer: "/claims/*/status",
        list: false,
        description: "current, ended or unknown.",
        properties: Properties::NONE,
        places: claim_places(Carried::As("status"), Carried::As("status"), Carried::Yes),
    },
    FieldRow {
        pointer: "/claims/*/disputed_by",
        list: true,
        description: "The ids of the entry's responses that dispute the claim.",
        properties: Properties::NONE,
        places: Places {
            import: Carried::LeftOut("the wiki's pages have no responses"),
            update: Carried::LeftOut("the wiki's pages have no responses; an update keeps the claim's"),
            intake: Carried::LeftOut("company-response.yml is recorded by a maintainer"),
            correct: Carried::LeftOut("a response comes with company-response.yml"),
            new: NOT_IN_TEMPLATE,
            csv: Carried::LeftOut("responses.csv lists the claims each response disputes"),
            sqlite: Carried::As("disputes"),
            datapackage: Carried::LeftOut("responses.csv lists the claims each response disputes"),
            site: Carried::Yes,
            wikitext: Carried::LeftOut("the wiki's pages have no responses"),
        },
    },
    FieldRow {
        pointer: "/claims/*/awards/*/id",
        list: false,
        description: "USAspending's generated unique award id (CONT_AWD_..., CONT_IDV_...).",
        properties: Properties {
            trimmed: true,
            one_line: true,
            ..Properties::NONE
        },
        places: award_places(Carried::Yes, Carried::As("award_id"), Carried::As("award_id")),
    },
    FieldRow {
        pointer: "/claims/*/awards/*/role",
        list: false,
        description: "prime, sub or via: how the company stands to the award.",
        properties: Properties::NONE,
        places: award_places(AWARD_NOT_ON_FORM, Carried::As("role"), Carried::As("role")),
    },
    FieldRow {
        pointer: "/claims/*/awards/*/via",
        list: false,
        description: "With role via: the recipient as the record files it.",
        properties: Properties {
            trimmed: true,
            one_line: true,
            personal_data: true,
            ..Properties::NONE
        },
        places: award_places(AWARD_NOT_ON_FORM, Carried::LeftOut("awards.csv gives the record's recipient; the JSON and SQLite keep via"), Carried::As("via")),
    },
    FieldRow {
        pointer: "/claims/*/awards/*/recipient",
        list: false,
        description: "From the record: the recipient's name as filed.",
        properties: Properties {
            trimmed: true,
            one_line: true,
            ..Properties::NONE
        },
        places: award_places(AWARD_NOT_ON_FORM, Carried::As("recipient"), Carried::As("recipient")),
    },
    FieldRow {
        pointer: "/claims/*/awards/*/recipient_uei",
        list: false,
        description: "From the record: the recipient's Unique Entity ID.",
        properties: Properties {
            trimmed: true,
            one_line: true,
            ..Properties::NONE
        },
        places: award_places(AWARD_NOT_ON_FORM, Carried::As("recipient_uei"), Carried::As("recipient_uei")),
    },
    FieldRow {
        pointer: "/claims/*/awards/*/awarding_agency/name",
        list: false,
        description: "From the record: the awarding sub-tier agency's name.",
        properties: Properties {
            trimmed: true,
            one_line: true,
            ..Properties::NONE
        },
        places: award_places(AWARD_NOT_ON_FORM, Carried::As("agency"), Carried::As("agency_name")),
    },
    FieldRow {
        pointer: "/claims/*/awards/*/awarding_agency/code",
        list: false,
        description: "From the record: the awarding sub-tier agency's code.",
        properties: Properties {
            trimmed: true,
            one_line: true,
            ..Properties::NONE
        },
        places: award_places(AWARD_NOT_ON_FORM, Carried::LeftOut("awards.csv names the agency; the JSON and SQLite keep its code"), Carried::As("agency_code")),
    },
    FieldRow {
        pointer: "/claims/*/awards/*/obligated",
        list: false,
        description: "From the record: the total obligation in US dollars.",
        properties: Properties::NONE,
        places: award_places(AWARD_NOT_ON_FORM, Carried::As("obligated"), Carried::As("obligated")),
    },
    FieldRow {
        pointer: "/claims/*/awards/*/period/from",
        list: false,
        description: "From the record: the start of the period of performance.",
        properties: Properties::NONE,
        places: award_places(AWARD_NOT_ON_FORM, Carried::As("from"), Carried::As("period_from")),
    },
    FieldRow {
        pointer: "/claims/*/awards/*/period/to",
        list: false,
        description: "From the record: the current end of the period of performance.",
        properties: Properties::NONE,
        places: award_places(AWARD_NOT_ON_FORM, Carried::As("to"), Carried::As("period_to")),
    },
    FieldRow {
        pointer: "/claims/*/awards/*/as_of",
        list: false,
        description: "When the record's facts were read (YYYY-MM-DD).",
        properties: Properties::NONE,
        places: award_places(AWARD_NOT_ON_FORM, Carried::As("as_of"), Carried::As("as_of")),
    },
    FieldRow {
        pointer: "/responses/*/id",
        list: false,
        description: "The response's id, unique within the entry and stable: claims name it in disputed_by.",
        properties: Properties::NONE,
        places: response_places(Carried::As("response_id"), Carried::As("response_id")),
    },
    FieldRow {
        pointer: "/responses/*/date",
        list: false,
        description: "When the company was contacted or answered (YYYY-MM-DD).",
        properties: Properties::NONE,
        places: response_places(Carried::As("date"), Carried::As("date")),
    },
    FieldRow {
        pointer: "/responses/*/kind",
        list: false,
        description: "contacted, reply, no-reply or declined.",
        properties: Properties::NONE,
        places: response_places(Carried::As("kind"), Carried::As("kind")),
    },
    FieldRow {
        pointer: "/responses/*/by",
        list: false,
        description: "company or maintainers: who made the record.",
        properties: Properties::NONE,
        places: response_places(Carried::As("by"), Carried::As("by")),
    },
    FieldRow {
        pointer: "/responses/*/confirmed",
        list: false,
        description: "Whether a maintainer confirmed the company's response through its published channel.",
        properties: Properties::NONE,
        places: response_places(Carried::As("confirmed"), Carried::As("confirmed")),
    },
    FieldRow {
        pointer: "/responses/*/summary",
        list: false,
        description: "A reply's public statement, restated with citation markers; for a contact, only the channel.",
        properties: Properties {
            personal_data: true,
            ..Properties::NONE
        },
        places: response_places(Carried::As("summary"), Carried::As("summary")),
    },
    FieldRow {
        pointer: "/responses/*/url",
        list: false,
        description: "Where the company's statement is published.",
        properties: Properties {
            trimmed: true,
            one_line: true,
            ..Properties::NONE
        },
        places: response_places(Carried::As("url"), Carried::As("url")),
    },
    FieldRow {
        pointer: "/sources/*/id",
        list: false,
        description: "The number citation markers [n] use.",
        properties: Properties {
            whole_number: true,
            ..Properties::NONE
        },
        places: source_places(
            Carried::Yes,
            Carried::As("source_id"),
            Carried::As("source_id"),
            Carried::Yes,
        ),
    },
    FieldRow {
        pointer: "/sources/*/title",
        list: false,
        description: "The document's title.",
        properties: Properties {
            trimmed: true,
            one_line: true,
            personal_data: true,
            ..Properties::NONE
        },
        places: source_places(
            Carried::Yes,
            Carried::As("title"),
            Carried::As("title"),
            Carried::As("TODO: the document's title"),
        ),
    },
    FieldRow {
        pointer: "/sources/*/publisher",
        list: false,
        description: "Who published the document.",
        properties: Properties {
            trimmed: true,
            one_line: true,
            personal_data: true,
            ..Properties::NONE
        },
        places: source_places(
            Carried::Yes,
            Carried::As("publisher"),
            Carried::As("publisher"),
            Carried::As("TODO: who published it"),
        ),
    },
    FieldRow {
        pointer: "/sources/*/type",
        list: false,
        description: "Kind of document.",
        properties: Properties::NONE,
        places: source_places(
            Carried::Yes,
            Carried::As("type"),
            Carried::As("type"),
            NOT_IN_TEMPLATE,
        ),
    },
    FieldRow {
        pointer: "/sources/*/date",
        list: false,
        description: "Publication date: YYYY, YYYY-MM or YYYY-MM-DD.",
        properties: Properties::NONE,
        places: source_places(
            Carried::Yes,
            Carried::As("date"),
            Carried::As("date"),
            NOT_IN_TEMPLATE,
        ),
    },
    FieldRow {
        pointer: "/sources/*/url",
        list: false,
        description: "Where the document can be read.",
        properties: Properties::NONE,
        places: source_places(
            Carried::Yes,
            Carried::As("url"),
            Carried::As("url"),
            Carried::As("TODO: https://... where the document can be read"),
        ),
    },
    FieldRow {
        pointer: "/sources/*/archive_url",
        list: false,
        description: "An archived copy of the document.",
        properties: Properties::NONE,
        places: source_places(
            Carried::LeftOut("the form asks for one link; `sources archive` adds the copy"),
            Carried::As("archive_url"),
            Carried::As("archive_url"),
            NOT_IN_TEMPLATE,
        ),
    },
    FieldRow {
        pointer: "/sources/*/note",
        list: false,
        description: "A note on the source.",
        properties: Properties {
            personal_data: true,
            ..Properties::NONE
        },
        places: source_places(
            Carried::LeftOut("the form's source line has no note"),
            Carried::LeftOut("a note for readers of the entry; the JSON and SQLite have it"),
            Carried::As("note"),
            NOT_IN_TEMPLATE,
        ),
    },
    FieldRow {
        pointer: "/sources/*/quotes",
        list: true,
        description: "Excerpts of the document the entry relies on, word for word.",
        properties: Properties {
            personal_data: true,
            ..Properties::NONE
        },
        places: source_places(
            Carried::LeftOut("the form's source line has no quotes"),
            Carried::As("quotes"),
            Carried::As("quotes"),
            NOT_IN_TEMPLATE,
        ),
    },
];

/// An identifier: carried as a parameter of its own by the wiki and a column of its own by
/// the flat tables, in the `identifiers` JSON column by SQLite, and not by the form.
const fn identifier_places(parameter: &'static str) -> Places {
    Places {
        import: Carried::As(parameter),
        update: Carried::Yes,
        intake: Carried::LeftOut("a maintainer adds identifiers"),
        correct: BY_HAND_IN_REGISTRIES,
        new: NOT_IN_TEMPLATE,
        csv: Carried::As(parameter),
        sqlite: Carried::As("identifiers"),
        datapackage: Carried::As(parameter),
        site: Carried::Yes,
        wikitext: Carried::As(parameter),
    }
}

/// A section of prose: a heading on the wiki, a field of the form, text on the page.
const fn section_row(
    pointer: &'static str,
    description: &'static str,
    heading: &'static str,
    form_field: &'static str,
    correction: &'static str,
    new: Carried,
) -> FieldRow {
    FieldRow {
        pointer,
        list: false,
        description,
        properties: Properties {
            personal_data: true,
            ..Properties::NONE
        },
        places: Places {
            import: Carried::As(heading),
            update: Carried::Yes,
            intake: Carried::As(form_field),
            correct: Carried::As(correction),
            new,
            csv: NOT_A_TABLE_COLUMN,
            sqlite: Carried::As(form_field),
            datapackage: NOT_A_TABLE_COLUMN,
            site: Carried::Yes,
            wikitext: Carried::As(heading),
        },
    }
}

/// A part of a claim: a parameter of its `{{Claim}}` line on the wiki (the summary is the rest
/// of the line), a column of `claims.csv` (which the Data Package describes) and of the SQLite
/// `claims` table, shown on the site, a part of the form's claim line (`intake`).
const fn claim_places(csv: Carried, sqlite: Carried, intake: Carried) -> Places {
    Places {
        import: Carried::Yes,
        update: Carried::Yes,
        intake,
        correct: Carried::LeftOut("\"A claim\": a maintainer corrects it by hand"),
        new: NOT_IN_TEMPLATE,
        csv,
        sqlite,
        datapackage: csv,
        site: Carried::Yes,
        wikitext: Carried::Yes,
    }
}

/// A part of a claim's award. Awards are added in the repository: the wiki's claims carry
/// none (`import --update` keeps an entry's awards by claim id), and their facts come only
/// from USAspending through `awards check --write`.
/// A column of `awards.csv` (which the Data Package describes) and of the SQLite `awards`
/// table.
const fn award_places(intake: Carried, csv: Carried, sqlite: Carried) -> Places {
    Places {
        import: Carried::LeftOut("the wiki's claims carry no award"),
        update: Carried::LeftOut("the wiki's claims carry no award; an update keeps the entry's"),
        intake,
        correct: Carried::LeftOut("an award's facts come from USAspending (`awards check --write`)"),
        new: NOT_IN_TEMPLATE,
        csv,
        sqlite,
        datapackage: csv,
        site: Carried::Yes,
        wikitext: Carried::LeftOut("the wiki's claims carry no award"),
    }
}

/// A part of an award the form does not ask for: a claim line names award ids only (role
/// prime; the facts come from the record).
const AWARD_NOT_ON_FORM: Carried =
    Carried::LeftOut("a claim line names award ids only: role prime, facts from `awards check --write`");

/// A part of a response. Responses are recorded in the repository: the wiki has none
/// (`import --update` keeps an entry's), and a response that comes through
/// `company-response.yml` is written by a maintainer. A column of `responses.csv` (which the
/// Data Package describes) and of the SQLite `responses` table.
const fn response_places(csv: Carried, sqlite: Carried) -> Places {
    Places {
        import: Carried::LeftOut("the wiki's pages have no responses"),
        update: Carried::LeftOut("the wiki's pages have no responses; an update keeps the entry's"),
        intake: Carried::LeftOut("company-response.yml is recorded by a maintainer"),
        correct: Carried::LeftOut("a response comes with company-response.yml"),
        new: NOT_IN_TEMPLATE,
        csv,
        sqlite,
        datapackage: csv,
        site: Carried::Yes,
        wikitext: Carried::LeftOut("the wiki's pages have no responses"),
    }
}

/// A part of a source: a part of a citation on the wiki, of the form's source line, a column
/// of `sources.csv` (which the Data Package describes) and of the SQLite `sources` table.
const fn source_places(intake: Carried, csv: Carried, sqlite: Carried, new: Carried) -> Places {
    Places {
        import: Carried::Yes,
        update: Carried::Yes,
        intake,
        correct: Carried::LeftOut("\"A source\": a maintainer corrects it by hand"),
        new,
        csv,
        sqlite,
        datapackage: csv,
        site: Carried::Yes,
        wikitext: Carried::Yes,
    }
}

/// The value pointers (`/aliases/*` for a list) of the rows whose properties `wanted` accepts:
/// `value_pointers(|p| p.trimmed)` are the fields `text-whitespace` checks and `--fix` trims.
pub(crate) fn value_pointers(wanted: fn(&Properties) -> bool) -> impl Iterator<Item = String> {
    FIELDS
        .iter()
        .filter(move |row| wanted(&row.properties))
        .map(FieldRow::value_pointer)
}

/// The lists whose order carries no meaning (JSON Pointers of the lists): a reordering is no
/// change, and the review compares them as sets.
pub fn set_like_lists() -> &'static [&'static str] {
    static LISTS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
        FIELDS
            .iter()
            .filter(|row| row.properties.set_like)
            .map(|row| row.pointer)
            .collect()
    });
    &LISTS
}
/// Calls `f` on every value a pattern such as `/sources/*/title` names.
pub(crate) fn for_each_value_mut(
    value: &mut serde_json::Value,
    pattern: &str,
    f: &mut dyn FnMut(&mut serde_json::Value),
) {
    match pattern.split_once("/*") {
        None => {
            if let Some(found) = value.pointer_mut(pattern) {
                f(found);
            }
        }
        Some((list, rest)) => {
            if let Some(serde_json::Value::Array(items)) = value.pointer_mut(list) {
                for item in items {
                    if rest.is_empty() {
                        f(item);
                    } else {
                        for_each_value_mut(item, rest, f);
                    }
                }
            }
        }
    }
}

