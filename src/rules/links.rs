//! What the rules accept as a link (http or https, a host, no user information, no white
//! space), and the plain shape nearly every source's link has, recognized without the URL
//! parser. `url-invalid` reports on it; the per-entry source facts, the site and the
//! identity keys read links through it.

/// Parses `raw` as a link, or says why it is not an acceptable one.
pub(crate) fn parse_link(raw: &str) -> Result<url::Url, &'static str> {
    let url = url::Url::parse(raw).map_err(|_| "it does not parse as a URL")?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("only http and https URLs are allowed");
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("it has no host");
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("it carries user information (user:password@)");
    }
    if raw.chars().any(char::is_whitespace) {
        return Err("it contains white space");
    }
    Ok(url)
}

/// Why `raw` is not an acceptable link, if it is not.
pub(crate) fn problem(raw: &str) -> Option<&'static str> {
    if PlainLink::of(raw).is_some() {
        return None;
    }
    parse_link(raw).err()
}

/// An http(s) link of the plain shape nearly every source has, recognized without the URL
/// parser: `http(s)://` + a lowercase domain + a path of unreserved characters. For such a
/// link [`parse_link`] succeeds and the parser changes nothing (no case, escapes, dot segments,
/// port, query, user information or IP address to normalize), so its normalized key is read
/// off the text. The URL parser was a tenth of a full lint's profile; anything else still
/// goes through it. A property test holds this to what the parser says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PlainLink<'a> {
    /// Without a leading `www.`.
    pub host: &'a str,
    /// Without trailing slashes.
    pub path: &'a str,
}

/// The bytes of a plain host label: lowercase letters, digits, `-`. A table, because the
/// chains of tests it replaced cost ten instructions a byte on every source's URL.
static PLAIN_HOST: [bool; 256] = byte_table!(b, matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-'));
/// The bytes of a plain path segment: letters, digits and the unreserved `-._~`.
static PLAIN_PATH: [bool; 256] = byte_table!(
    b,
    matches!(b, b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~')
);

/// A table of the 256 bytes, `true` for those `$test` accepts (computed at compile time).
macro_rules! byte_table {
    ($b:ident, $test:expr) => {{
        let mut table = [false; 256];
        let mut i = 0;
        while i < 256 {
            let $b = i as u8;
            table[i] = $test;
            i += 1;
        }
        table
    }};
}
use byte_table;

impl<'a> PlainLink<'a> {
    pub(crate) fn of(raw: &'a str) -> Option<Self> {
        let rest = raw
            .strip_prefix("https://")
            .or_else(|| raw.strip_prefix("http://"))?;
        // A byte loop: `find('/')`'s searcher cost more than the short hosts it searched.
        let slash = rest.bytes().position(|b| b == b'/').unwrap_or(rest.len());
        let (host, path) = (rest.get(..slash)?, rest.get(slash..)?);
        // One pass over each part, byte by byte (a profile showed the splitting version among
        // a lint's costs): every label of lowercase letters, digits and inner dashes, not
        // punycode; a last label that does not start with a digit (the host could be an IPv4
        // address); a path of unreserved characters without `.` or `..` segments.
        let mut labels_are_plain = true;
        let mut last_label_is_a_name = false;
        for label in host.as_bytes().split(|&b| b == b'.') {
            labels_are_plain &= matches!(
                (label.first(), label.last()),
                (Some(first), Some(last)) if first.is_ascii_alphanumeric() && last.is_ascii_alphanumeric()
            ) && !label.starts_with(b"xn--")
                && label.iter().all(|&b| PLAIN_HOST[usize::from(b)]);
            last_label_is_a_name = label.first().is_some_and(u8::is_ascii_lowercase);
        }
        let path_is_plain = path.as_bytes().split(|&b| b == b'/').all(|segment| {
            segment != b"."
                && segment != b".."
                && segment.iter().all(|&b| PLAIN_PATH[usize::from(b)])
        });
        (labels_are_plain && last_label_is_a_name && path_is_plain).then(|| PlainLink {
            host: host.strip_prefix("www.").unwrap_or(host),
            path: path.trim_end_matches('/'),
        })
    }

    /// The print [`crate::identity::normalized_url_print`] gives the parsed link.
    pub(crate) fn print(&self) -> u64 {
        crate::identity::print([self.host, self.path])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_links_skip_the_parser_and_others_do_not() {
        assert_eq!(
            PlainLink::of("https://www.example.com/a/b/"),
            Some(PlainLink {
                host: "example.com",
                path: "/a/b"
            })
        );
        for raw in [
            "http://1.2.3.4/",
            "http://a.0x1/",
            "http://example.123/",
            "http://a..b/",
            "http://a.b/./c",
            "http://a.b/x/..",
            "https://xn--nxasmq6b.com/",
            "https://Example.com/",
            "https://example.com:8080/",
            "https://user@example.com/",
            "https://example.com/a?b",
            "https://example.com/a#b",
            "https://example.com/a%2e",
            "https://-a.com/",
            "javascript://example.com/",
        ] {
            assert_eq!(PlainLink::of(raw), None, "{raw}");
        }
    }
}
