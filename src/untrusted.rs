//! Showing text that came from a file or a form without letting it hide or reorder what a
//! reader sees. Part of the light library: the model's read errors use it.

/// Characters that can hide or reorder text on a reviewer's screen: bidirectional
/// controls, zero-width characters, and every control character except `\n`.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}'..='\u{200F}'
        | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{061C}' | '\u{00AD}' | '\u{180E}'
        | '\u{2028}' | '\u{2029}')
        || (c.is_control() && c != '\n')
}

/// Renders an untrusted string so that no raw control or bidi character reaches a terminal
/// or a CI log: such characters become `\u{...}` escapes. Everything else is kept.
pub fn escape_untrusted(s: &str) -> String {
    // Printable ASCII is never escaped: most names are decided without decoding a char (a full
    // lint escapes 100,000 file names before it starts).
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '\n' {
            out.push_str("\\n");
        } else if is_invisible(c) {
            out.push_str(&format!("\\u{{{:04X}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}
