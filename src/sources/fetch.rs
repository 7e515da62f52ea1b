//! One HTTP exchange, as the link check needs it: HEAD (then GET when HEAD is refused), no
//! redirect followed here (the checker follows them, re-checking each hop), no cookies, no
//! proxy, a timeout, a cap on the body read, and a resolver that refuses addresses that are not
//! public (loopback, private, link-local such as cloud metadata) before any connection.

use std::io::Read;
use std::net::IpAddr;
use std::time::Duration;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};

/// What one request gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Status {
        status: u16,
        location: Option<String>,
        retry_after: Option<String>,
        /// The start of the body (GET only), for challenge pages and quotes.
        body: Vec<u8>,
        /// The body was cut (at the size cap, or by a timeout or a broken connection part
        /// way): what is missing may hold what was looked for.
        truncated: bool,
        /// The server marked the answer as a bot challenge (`cf-mitigated: challenge`).
        challenge: bool,
    },
    /// The host resolved only to addresses that are not public.
    NotPublic,
    Timeout,
    /// No such host, refused connection, bad TLS, a broken response.
    Invalid(String),
}

/// Fetches a URL; the checker's only way out to the network (tests give it a mock server).
pub trait Fetch: Sync {
    /// A request with these headers and, for POST, this form body
    /// (`application/x-www-form-urlencoded`).
    fn send(&self, method: &str, url: &str, headers: &[(&str, &str)], form: Option<&str>)
    -> Answer;

    /// A plain HEAD or GET.
    fn fetch(&self, url: &str, method: &str) -> Answer {
        self.send(method, url, &[], None)
    }

    /// A POST of a JSON body (`application/json`), as USAspending's search endpoints take.
    fn post_json(&self, url: &str, body: &str) -> Answer {
        let _ = (url, body);
        Answer::Invalid("this fetcher does not send JSON".into())
    }
}

/// Which addresses a run may connect to.
#[derive(Debug, Clone, Default)]
pub struct AddressPolicy {
    /// Every address (tests against a local server).
    pub allow_private: bool,
    /// These addresses even though not public (a test's mock server), others still refused.
    pub allowed: Vec<IpAddr>,
}

impl AddressPolicy {
    pub fn permits(&self, ip: IpAddr) -> bool {
        self.allow_private || self.allowed.contains(&ip) || is_public(ip)
    }
}

/// Whether an address is on the public internet.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
                || (a == 198 && (b == 18 || b == 19)) // benchmarking
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let segments = v6.segments();
            let embedded = |high: u16, low: u16| {
                let [a, b] = high.to_be_bytes();
                let [c, d] = low.to_be_bytes();
                is_public(IpAddr::V4(std::net::Ipv4Addr::new(a, b, c, d)))
            };
            // Addresses that carry an IPv4 address reach it: NAT64 (64:ff9b::/96) and 6to4
            // (2002::/16) are as public as the address they carry.
            if segments[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
                return embedded(segments[6], segments[7]);
            }
            if segments[0] == 0x2002 {
                return embedded(segments[1], segments[2]);
            }
            // The deprecated IPv4-compatible ::a.b.c.d (::/96, with :: and ::1) and the discard
            // prefix 100::/64 are never a public host.
            if segments[..6] == [0; 6] || segments[..4] == [0x100, 0, 0, 0] {
                return false;
            }
            let first = segments[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link-local
                || first == 0x2001 && v6.segments()[1] == 0x0db8) // documentation
        }
    }
}

/// The standard resolver, with every address checked against the policy: the connection can
/// only go to an address that was checked (no second lookup an attacker's DNS could change).
#[derive(Debug)]
struct CheckedResolver {
    policy: AddressPolicy,
}

impl Resolver for CheckedResolver {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: ureq::unversioned::transport::NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let resolved = DefaultResolver::default().resolve(uri, config, timeout)?;
        let mut kept = self.empty();
        for addr in resolved.iter() {
            if self.policy.permits(addr.ip()) {
                kept.push(*addr);
            }
        }
        if kept.is_empty() {
            // Marked so the fetcher can tell a refused address from a missing host.
            return Err(ureq::Error::BadUri(NOT_PUBLIC.into()));
        }
        Ok(kept)
    }
}

const NOT_PUBLIC: &str = "icelist: not a public address";

/// The real fetcher.
pub struct HttpFetch {
    agent: ureq::Agent,
    body_cap: u64,
}

impl HttpFetch {
    pub fn new(user_agent: &str, timeout: Duration, body_cap: u64, policy: AddressPolicy) -> Self {
        let config = ureq::Agent::config_builder()
            .user_agent(user_agent)
            .max_redirects(0)
            .http_status_as_error(false)
            .proxy(None)
            .timeout_global(Some(timeout))
            .build();
        let agent = ureq::Agent::with_parts(
            config,
            ureq::unversioned::transport::DefaultConnector::new(),
            CheckedResolver { policy },
        );
        HttpFetch { agent, body_cap }
    }
}

impl Fetch for HttpFetch {
    fn post_json(&self, url: &str, body: &str) -> Answer {
        let result = self
            .agent
            .post(url)
            .header("accept", "application/json")
            .content_type("application/json")
            .send(body);
        self.answer("POST", result)
    }

    fn send(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        form: Option<&str>,
    ) -> Answer {
        let result = match (method, form) {
            ("HEAD", _) => headers
                .iter()
                .fold(self.agent.head(url), |r, (k, v)| r.header(*k, *v))
                .call(),
            ("POST", form) => headers
                .iter()
                .fold(self.agent.post(url), |r, (k, v)| r.header(*k, *v))
                .content_type("application/x-www-form-urlencoded")
                .send(form.unwrap_or("")),
            _ => headers
                .iter()
                .fold(self.agent.get(url), |r, (k, v)| r.header(*k, *v))
                .call(),
        };
        self.answer(method, result)
    }
}

impl HttpFetch {
    /// What a request's result says, its body read up to the cap.
    fn answer(
        &self,
        method: &str,
        result: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Answer {
        match result {
            Ok(mut response) => {
                let header = |name: &str| {
                    response
                        .headers()
                        .get(name)
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_owned)
                };
                let location = header("location");
                let retry_after = header("retry-after");
                let challenge = header("cf-mitigated")
                    .is_some_and(|v| v.trim().eq_ignore_ascii_case("challenge"));
                let status = response.status().as_u16();
                let mut body = Vec::new();
                let mut truncated = false;
                if method != "HEAD" {
                    let reader = response.body_mut().as_reader();
                    // A body larger than the cap is cut, never read whole: one byte past the
                    // cap tells that there was more.
                    match reader
                        .take(self.body_cap.saturating_add(1))
                        .read_to_end(&mut body)
                    {
                        Err(e) if body.is_empty() => return classify_io(&e),
                        Err(_) => truncated = true,
                        Ok(_) => {}
                    }
                    let cap = usize::try_from(self.body_cap).unwrap_or(usize::MAX);
                    if body.len() > cap {
                        body.truncate(cap);
                        truncated = true;
                    }
                }
                Answer::Status {
                    status,
                    location,
                    retry_after,
                    body,
                    truncated,
                    challenge,
                }
            }
            Err(ureq::Error::BadUri(message)) if message == NOT_PUBLIC => Answer::NotPublic,
            Err(ureq::Error::Timeout(_)) => Answer::Timeout,
            Err(ureq::Error::Io(e)) => classify_io(&e),
            Err(ureq::Error::HostNotFound) => Answer::Invalid("no such host".into()),
            Err(e) => Answer::Invalid(e.to_string()),
        }
    }
}

fn classify_io(e: &std::io::Error) -> Answer {
    match e.kind() {
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => Answer::Timeout,
        std::io::ErrorKind::ConnectionRefused => Answer::Invalid("connection refused".into()),
        _ => Answer::Invalid(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_and_private_addresses() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
            "64:ff9b::7f00:1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::1",
            "2002:c0a8:101::",
            "100::1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in [
            "93.184.216.34",
            "8.8.8.8",
            "2606:4700::1111",
            "64:ff9b::808:808",
            "2002:808:808::1",
        ] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }
}
