//! # json-encoding
//!
//! ## What it catches
//! A file that starts with a UTF-8 byte order mark (BOM), or that is not valid UTF-8.
//!
//! ## Why it matters
//! JSON exchanged between systems must be UTF-8 without a BOM (RFC 8259 §8.1). Many parsers
//! reject a BOM, and invalid bytes turn into replacement characters or errors downstream.
//!
//! ## Example
//! A file saved by an editor as "UTF-8 with BOM", or in Latin-1.
//!
//! ## Use instead
//! Save the file as UTF-8 without BOM.
//!
//! ## Fix
//! `icelist fmt` removes a BOM. Invalid UTF-8 must be corrected by hand at the byte offset shown.

use super::Finding;
use crate::json::Target;

pub(crate) const CODE: super::RuleCode = super::RuleCode::JsonEncoding;

pub(crate) fn byte_order_mark() -> Finding {
    Finding::new(
        CODE,
        Target::bytes(0..3),
        "the file starts with a UTF-8 byte order mark (BOM)",
    )
    .label("byte order mark")
    .help("remove the BOM: save the file as UTF-8 without BOM, or run `icelist fmt`")
}

pub(crate) fn invalid_utf8(valid_up_to: usize) -> Finding {
    Finding::new(
        CODE,
        Target::bytes(valid_up_to..valid_up_to),
        format!("the file is not valid UTF-8: invalid byte sequence at byte offset {valid_up_to}"),
    )
    .label("invalid UTF-8 here")
    .help("save the file as UTF-8")
}
