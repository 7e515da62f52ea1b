//! Which names can be entry ids and entry file names (the `file-name` rule reports the rest).

/// Whether `name` is an acceptable entry file name.
pub fn is_entry_file_name(name: &str) -> bool {
    name.strip_suffix(".json").is_some_and(is_entry_id)
}

/// Whether `id` can name an entry: a slug that is not a Windows device name nor the reserved
/// `redirects` (`dataset/redirects.json` is the redirect table).
pub fn is_entry_id(id: &str) -> bool {
    is_slug(id) && !is_device_name(id) && id != crate::model::RESERVED_ID
}

/// The names Windows reserves for devices, in any case (Microsoft's "Naming Files, Paths, and
/// Namespaces": CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9).
pub fn is_device_name(id: &str) -> bool {
    if !(3..=4).contains(&id.len()) {
        return false;
    }
    let lower = id.to_ascii_lowercase();
    matches!(lower.as_str(), "con" | "prn" | "aux" | "nul")
        || ["com", "lpt"].iter().any(|prefix| {
            lower
                .strip_prefix(prefix)
                .is_some_and(|n| n.len() == 1 && matches!(n.as_bytes()[0], b'1'..=b'9'))
        })
}

/// `^[a-z0-9]+(-[a-z0-9]+)*$`
pub fn is_slug(s: &str) -> bool {
    // One pass, a byte at a time: the schema's check of every id and slug comes here
    // (`contains("--")` built a substring searcher per call).
    let mut previous = b'-';
    for b in s.bytes() {
        match b {
            b'a'..=b'z' | b'0'..=b'9' => {}
            b'-' if previous != b'-' => {}
            _ => return false,
        }
        previous = b;
    }
    previous != b'-'
}
