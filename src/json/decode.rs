//! The first step of reading a file: the encoding. UTF-8 without a byte order mark; what
//! stands in the way is recorded for the lint to report (`json-encoding`), with the valid
//! prefix to point into.

use std::borrow::Cow;

/// A file's text, decoded as far as it goes, and what stood in the way.
// The light library reads only the parser's text; the rest is the lint's.
#[cfg_attr(not(feature = "tool"), allow(dead_code))]
pub(crate) struct DecodedText<'a> {
    /// The text to point into (the valid prefix when the bytes are not UTF-8).
    pub text: Cow<'a, str>,
    /// The file starts with a byte order mark.
    pub has_bom: bool,
    /// The byte offset where the bytes stop being UTF-8, if they do.
    pub invalid_utf8_at: Option<usize>,
    /// What the parser reads; `None` when the bytes are not UTF-8.
    parse_text: Option<Cow<'a, str>>,
}

impl DecodedText<'_> {
    /// The text handed to the parser, if the bytes are UTF-8: a BOM is blanked to three spaces
    /// so that byte offsets still hold.
    pub(crate) fn parse_text(&self) -> Option<&str> {
        self.parse_text.as_deref()
    }
}

/// Checks the encoding: no BOM, valid UTF-8. Valid text is borrowed, not copied (a BOM costs
/// one copy, with the mark blanked).
pub(crate) fn decode(bytes: &[u8]) -> DecodedText<'_> {
    let has_bom = bytes.starts_with(b"\xEF\xBB\xBF");
    match validate_utf8(bytes) {
        Ok(text) => DecodedText {
            text: Cow::Borrowed(text),
            has_bom,
            invalid_utf8_at: None,
            parse_text: Some(match text.strip_prefix('\u{feff}') {
                Some(rest) => Cow::Owned(format!("   {rest}")),
                None => Cow::Borrowed(text),
            }),
        },
        Err(e) => {
            let valid = e.valid_up_to();
            DecodedText {
                text: String::from_utf8_lossy(bytes.get(..valid).unwrap_or_default()),
                has_bom,
                invalid_utf8_at: Some(valid),
                parse_text: None,
            }
        }
    }
}

/// `std::str::from_utf8`, with SIMD validation first in the tool (a lint validates every
/// byte of the dataset): the standard library's answer, with its error position, only for
/// bytes that are not UTF-8.
fn validate_utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    #[cfg(feature = "tool")]
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(text);
    }
    std::str::from_utf8(bytes)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// The SIMD validation says what the standard library says: the same text, or an
        /// error at the same offset. Inputs are long enough for the vector loops and hold
        /// one stray byte somewhere in valid text.
        #[test]
        fn validation_agrees_with_the_standard_library(
            text in "\\PC{0,300}",
            stray in any::<u8>(),
            at in any::<prop::sample::Index>(),
        ) {
            let mut bytes = text.into_bytes();
            let clean = bytes.clone();
            bytes.insert(at.index(bytes.len() + 1), stray);
            for input in [&clean, &bytes] {
                prop_assert_eq!(
                    super::validate_utf8(input).map_err(|e| e.valid_up_to()),
                    std::str::from_utf8(input).map_err(|e| e.valid_up_to())
                );
            }
        }
    }
}
