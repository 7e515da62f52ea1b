//! A small HTTP/1.1 server on 127.0.0.1 for the link check's tests: every endpoint a real
//! site can answer with, and a log of what was asked when. No test touches the internet.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct Request {
    pub at: Instant,
    pub method: String,
    pub path: String,
    /// Requests of this server in flight when this one arrived (this one included).
    pub in_flight: usize,
    /// The `Authorization` header, when sent.
    pub authorization: Option<String>,
    /// The body (POST).
    pub body: String,
}

/// The Save Page Now keys the mock archive accepts.
pub const SPN_ACCESS: &str = "test-access";
pub const SPN_SECRET: &str = "test-secret";

pub struct MockServer {
    pub port: u16,
    pub log: Arc<Mutex<Vec<Request>>>,
}

impl MockServer {
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let log = Arc::new(Mutex::new(Vec::new()));
        let hits = Arc::new(Mutex::new(HashMap::<String, usize>::new()));
        let in_flight = Arc::new(Mutex::new(0usize));
        let (server_log, server_hits) = (log.clone(), hits.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (log, hits, in_flight) =
                    (server_log.clone(), server_hits.clone(), in_flight.clone());
                std::thread::spawn(move || serve(stream, port, &log, &hits, &in_flight));
            }
        });
        MockServer { port, log }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.log.lock().unwrap().clone()
    }
}

fn serve(
    stream: TcpStream,
    port: u16,
    log: &Mutex<Vec<Request>>,
    hits: &Mutex<HashMap<String, usize>>,
    in_flight: &Mutex<usize>,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let (mut authorization, mut length) = (None, 0usize);
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
            break;
        }
        if let Some((name, value)) = header.trim_end().split_once(':') {
            match name.to_ascii_lowercase().as_str() {
                "authorization" => authorization = Some(value.trim().to_owned()),
                "content-length" => length = value.trim().parse().unwrap_or(0),
                _ => {}
            }
        }
    }
    let mut body = vec![0; length.min(1 << 20)];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    let body = String::from_utf8_lossy(&body).into_owned();
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_owned();
    let path = parts.next().unwrap_or("").to_owned();
    let current = {
        let mut n = in_flight.lock().unwrap();
        *n += 1;
        *n
    };
    log.lock().unwrap().push(Request {
        at: Instant::now(),
        method: method.clone(),
        path: path.clone(),
        in_flight: current,
        authorization: authorization.clone(),
        body: body.clone(),
    });
    let hit = {
        let mut hits = hits.lock().unwrap();
        let n = hits.entry(path.clone()).or_default();
        *n += 1;
        *n
    };
    let mut stream = stream;
    if path == "/save" || path.starts_with("/save/") {
        save_page_now(&mut stream, &path, authorization.as_deref(), &body, hit);
    } else {
        respond(&mut stream, port, &method, &path, hit);
    }
    *in_flight.lock().unwrap() -= 1;
}

fn send(stream: &mut TcpStream, status: &str, headers: &[(&str, String)], body: &str, head: bool) {
    let mut response = format!(
        "HTTP/1.1 {status}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        response.push_str(&format!("{name}: {value}\r\n"));
    }
    response.push_str("\r\n");
    if !head {
        response.push_str(body);
    }
    let _ = stream.write_all(response.as_bytes());
}

/// Save Page Now (SPN2): `POST /save` with the keys starts a job whose id carries the page
/// (hex); its status is pending on the first look and done on the second. A page whose URL
/// says "excluded" is refused, "unfinished" never finishes, "failing" fails, and "nameless"
/// succeeds without naming its snapshot.
fn save_page_now(
    stream: &mut TcpStream,
    path: &str,
    authorization: Option<&str>,
    body: &str,
    hit: usize,
) {
    let json = |stream: &mut TcpStream, status: &str, body: String| {
        send(
            stream,
            status,
            &[("Content-Type", "application/json".into())],
            &body,
            false,
        )
    };
    if authorization != Some(&format!("LOW {SPN_ACCESS}:{SPN_SECRET}")) {
        return json(
            stream,
            "401 Unauthorized",
            r#"{"message":"You need to be logged in to use Save Page Now."}"#.into(),
        );
    }
    if path == "/save" {
        let url = body
            .split('&')
            .find_map(|pair| pair.strip_prefix("url="))
            .map(percent_decode)
            .unwrap_or_default();
        if url.contains("excluded") {
            return json(
                stream,
                "200 OK",
                r#"{"status":"error","status_ext":"error:blocked-url","message":"This URL is in the Wayback Machine's exclusion list."}"#.into(),
            );
        }
        let hex: String = url.bytes().map(|b| format!("{b:02x}")).collect();
        return json(
            stream,
            "200 OK",
            format!(r#"{{"url":"{url}","job_id":"spn2-{hex}"}}"#),
        );
    }
    let job = path.trim_start_matches("/save/status/");
    let url: String = job
        .trim_start_matches("spn2-")
        .as_bytes()
        .chunks(2)
        .filter_map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok())
        .map(char::from)
        .collect();
    let answer = if url.contains("failing") {
        format!(
            r#"{{"status":"error","status_ext":"error:not-found","job_id":"{job}","message":"The server cannot find the requested resource {url}"}}"#
        )
    } else if url.contains("nameless") {
        format!(r#"{{"status":"success","job_id":"{job}","original_url":"{url}"}}"#)
    } else if hit == 1 || url.contains("unfinished") {
        format!(r#"{{"status":"pending","job_id":"{job}","resources":[]}}"#)
    } else {
        format!(
            r#"{{"status":"success","job_id":"{job}","original_url":"{url}","timestamp":"20261129120000","duration_sec":6.2}}"#
        )
    };
    json(stream, "200 OK", answer)
}

fn percent_decode(text: &str) -> String {
    let bytes = text.replace('+', " ").into_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1..i + 3)) {
            (b'%', Some(hex)) => {
                out.push(u8::from_str_radix(std::str::from_utf8(hex).unwrap(), 16).unwrap());
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap()
}

fn respond(stream: &mut TcpStream, port: u16, method: &str, path: &str, hit: usize) {
    let head = method == "HEAD";
    let location = |to: &str| vec![("Location", to.to_owned())];
    match path {
        p if p.starts_with("/ok") => send(stream, "200 OK", &[], "fine", head),
        "/moved/0" => send(stream, "302 Found", &location("/ok/final"), "", head),
        p if p.starts_with("/moved/") => {
            let n: u32 = p["/moved/".len()..].parse().unwrap_or(0);
            send(
                stream,
                "301 Moved Permanently",
                &location(&format!("/moved/{}", n - 1)),
                "",
                head,
            )
        }
        "/loop" => send(
            stream,
            "301 Moved Permanently",
            &location("/loop"),
            "",
            head,
        ),
        p if p.starts_with("/missing") => send(stream, "404 Not Found", &[], "no", head),
        "/gone" => send(stream, "410 Gone", &[], "gone", head),
        "/forbidden" => send(stream, "403 Forbidden", &[], "no", head),
        "/busy" => send(
            stream,
            "429 Too Many Requests",
            &[("Retry-After", "30".into())],
            "",
            head,
        ),
        "/flaky" if hit == 1 => send(stream, "500 Internal Server Error", &[], "", head),
        "/flaky" => send(stream, "200 OK", &[], "fine", head),
        "/challenge" => send(
            stream,
            "503 Service Unavailable",
            &[],
            "<title>Just a moment...</title>",
            head,
        ),
        "/slow" => {
            std::thread::sleep(Duration::from_secs(3));
            send(stream, "200 OK", &[], "late", head)
        }
        "/big" if head => send(stream, "405 Method Not Allowed", &[], "", true),
        "/big" => {
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
            let chunk = vec![b'x'; 64 * 1024];
            // 64 MiB, unless the client stops reading first.
            for _ in 0..1024 {
                if stream.write_all(&chunk).is_err() {
                    return;
                }
            }
        }
        // A hostile archive: redirects to anything but a snapshot on its own host.
        p if p.starts_with("/web/") && p.contains("redirects-away") => {
            let target = if p.ends_with("-js") {
                "javascript:alert(1)".to_owned()
            } else if p.ends_with("-data") {
                "data:text/html,hi".to_owned()
            } else if p.ends_with("-host") {
                "https://evil.example.com/web/20180306101500/https://news.example.com/x".to_owned()
            } else {
                format!("http://127.0.0.1:{port}/not-web/20180306101500/x")
            };
            send(stream, "302 Found", &[("Location", target)], "", head)
        }
        // The Wayback Machine: a snapshot for pages whose URL says "archived".
        p if p.starts_with("/web/") && p.contains("archived") => {
            let (_, rest) = p["/web/".len()..].split_once('/').unwrap();
            send(
                stream,
                "302 Found",
                &location(&format!("/web/20180306101500/{rest}")),
                "",
                head,
            )
        }
        p if p.starts_with("/web/") => send(stream, "404 Not Found", &[], "", head),
        "/article" => send(
            stream,
            "200 OK",
            &[("Content-Type", "text/html".into())],
            "<html><head><style>p { color: red }</style><script>var q = \"hidden words\";</script></head>\
             <body><p>CBP   awarded the<br>\n \u{201c}fictional\u{201d} drone&nbsp;contract &#8212; in 2025.</p></body></html>",
            head,
        ),
        // Inline elements join words, block elements separate them.
        "/article-inline" => send(
            stream,
            "200 OK",
            &[("Content-Type", "text/html".into())],
            "<html><body><p>Acme is best <b>kno</b>wn for<span> drones</span>.</p><div>widgets</div><div>gadgets</div></body></html>",
            head,
        ),
        // An article that talks about captchas is not a challenge page.
        "/about-captchas" => send(
            stream,
            "200 OK",
            &[("Content-Type", "text/html".into())],
            "<html><body><p>A CAPTCHA asks a visitor to prove they are human.</p></body></html>",
            head,
        ),
        "/cf-mitigated" => send(
            stream,
            "200 OK",
            &[("cf-mitigated", "challenge".into())],
            "<html><body>Checking your browser</body></html>",
            head,
        ),
        // 2 MiB of text, past the 1 MiB the checker reads: a quote at its end cannot be checked.
        "/long-document" => {
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nAcme opens with this sentence. ",
            );
            if head {
                return;
            }
            let chunk = vec![b'y'; 64 * 1024];
            for _ in 0..32 {
                if stream.write_all(&chunk).is_err() {
                    return;
                }
            }
            let _ = stream.write_all(b" Acme closes with this sentence.");
        }
        "/doc.pdf" => send(
            stream,
            "200 OK",
            &[("Content-Type", "application/pdf".into())],
            "%PDF-1.4 binary",
            head,
        ),
        "/to-private" => send(
            stream,
            "302 Found",
            &location("http://169.254.169.254/latest/meta-data/"),
            "",
            head,
        ),
        "/to-ftp" => send(
            stream,
            "302 Found",
            &location("ftp://example.com/file"),
            "",
            head,
        ),
        _ => {
            let _ = port;
            send(stream, "404 Not Found", &[], "", head)
        }
    }
}
