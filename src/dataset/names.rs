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
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
