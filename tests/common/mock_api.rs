//! A mock of USAspending's API on 127.0.0.1 for the award tests: each path answers its canned
//! replies in turn, in the documented response shapes
//! (`usaspending_api/api_contracts/contracts/v2/awards/award_id.md`). Every company and award
//! is fictional. No test touches the internet.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// One canned answer.
#[derive(Clone)]
pub struct Reply {
    pub status: u16,
    pub retry_after: Option<&'static str>,
    pub body: String,
}

pub fn ok(body: Value) -> Reply {
    Reply {
        status: 200,
        retry_after: None,
        body: body.to_string(),
    }
}

pub fn status(status: u16, body: Value) -> Reply {
    Reply {
        status,
        retry_after: None,
        body: body.to_string(),
    }
}

/// A mock API: each path answers its replies in turn (the last one again and again), and
/// every request is logged as (method, path, body).
pub struct Api {
    port: u16,
    routes: Arc<Mutex<HashMap<String, Vec<Reply>>>>,
    log: Arc<Mutex<Vec<(String, String, String)>>>,
}

impl Api {
    pub fn start() -> Api {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let routes: Arc<Mutex<HashMap<String, Vec<Reply>>>> = Arc::default();
        let log: Arc<Mutex<Vec<(String, String, String)>>> = Arc::default();
        let (r, l) = (routes.clone(), log.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let (routes, log) = (r.clone(), l.clone());
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    let mut line = String::new();
                    if reader.read_line(&mut line).is_err() {
                        return;
                    }
                    let mut parts = line.split_whitespace();
                    let method = parts.next().unwrap_or("").to_owned();
                    let path = parts.next().unwrap_or("").to_owned();
                    let mut length = 0;
                    loop {
                        let mut header = String::new();
                        if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                            break;
                        }
                        if let Some((name, value)) = header.trim_end().split_once(':')
                            && name.eq_ignore_ascii_case("content-length")
                        {
                            length = value.trim().parse().unwrap_or(0);
                        }
                    }
                    let mut body = vec![0; length];
                    reader.read_exact(&mut body).unwrap();
                    let body = String::from_utf8_lossy(&body).into_owned();
                    log.lock().unwrap().push((method, path.clone(), body));
                    let reply = {
                        let mut routes = routes.lock().unwrap();
                        match routes.get_mut(&path) {
                            Some(replies) if replies.len() > 1 => Some(replies.remove(0)),
                            Some(replies) => replies.first().cloned(),
                            None => None,
                        }
                    }
                    .unwrap_or_else(|| status(404, json!({"detail": "No Award found"})));
                    let mut head = format!(
                        "HTTP/1.1 {} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n",
                        reply.status,
                        reply.body.len()
                    );
                    if let Some(after) = reply.retry_after {
                        head.push_str(&format!("retry-after: {after}\r\n"));
                    }
                    head.push_str("\r\n");
                    let _ = stream.write_all(head.as_bytes());
                    let _ = stream.write_all(reply.body.as_bytes());
                });
            }
        });
        Api { port, routes, log }
    }

    pub fn on(&self, path: &str, replies: Vec<Reply>) -> &Self {
        self.routes.lock().unwrap().insert(path.to_owned(), replies);
        self
    }

    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn requests(&self) -> Vec<(String, String, String)> {
        self.log.lock().unwrap().clone()
    }
}

/// An award record in the shape `GET /api/v2/awards/<id>/` answers.
pub fn record(id: &str, recipient: &str, subtier: &str, obligated: f64, end: &str) -> Value {
    json!({
        "id": 1,
        "generated_unique_award_id": id,
        "category": "contract",
        "type": "D",
        "description": "FICTIONAL SERVICES",
        "total_obligation": obligated,
        "recipient": {
            "recipient_hash": "00000000-0000-0000-0000-000000000000-C",
            "recipient_name": recipient,
            "recipient_uei": "ACMEWIDGET12",
            "parent_recipient_name": null,
            "parent_recipient_uei": null
        },
        "awarding_agency": {
            "id": 1,
            "toptier_agency": {"name": "Department of Homeland Security", "code": "070"},
            "subtier_agency": {"name": subtier, "code": "ZZ01"},
            "office_agency_name": "FICTIONAL OFFICE"
        },
        "funding_agency": null,
        "period_of_performance": {
            "start_date": "2024-10-01",
            "end_date": end,
            "last_modified_date": "2026-01-05",
            "potential_end_date": null
        }
    })
}

/// The path of an award's record.
pub fn award_path(id: &str) -> String {
    format!("/api/v2/awards/{id}/")
}
