//! # response-invalid
//!
//! ## What it catches
//! A `responses` record that cannot be true or cannot be read as the company's answer:
//! - two responses with one `id`;
//! - a claim whose `disputed_by` names no response of the entry, or one that is not the
//!   company's answer (a `contacted` or `no-reply` record);
//! - a `no-reply` with no earlier `contacted`, recorded sooner than `reply_window_days`
//!   (`icelist.toml`, 30 by default) after the contact it follows, or after the company
//!   answered that contact (a `reply` or `declined` between them);
//! - a `contacted` or `no-reply` with a `url` (a contact is private correspondence: only its
//!   date and channel are published);
//! - a `reply` or `declined` without a `summary`, or whose summary cites no source (the
//!   company's public statement is restated and cited like any claim);
//! - a response dated after today.
//!
//! ## Why it matters
//! The company's answer is published next to the claims it disputes. A dispute that points at
//! nothing, a "no reply" recorded the day after writing, or a reply nobody can read at its
//! source would tell readers something the record does not show.
//!
//! ## Example
//! ```json
//! "responses": [{ "id": "no-reply-2026", "date": "2026-05-02", "kind": "no-reply", "by": "maintainers" }]
//! ```
//!
//! ## Use instead
//! ```json
//! "responses": [
//!   { "id": "contact-2026", "date": "2026-04-01", "kind": "contacted", "by": "maintainers", "summary": "press office e-mail" },
//!   { "id": "no-reply-2026", "date": "2026-05-02", "kind": "no-reply", "by": "maintainers" }
//! ]
//! ```
//!
//! ## Fix
//! Not automatic: record the contact, wait for the window, or cite the company's statement.

use super::{EntryContext, Finding, Findings};
use super::view::{self, ClaimView, ResponseView};
use crate::json::{Node, Target};
use crate::text::quoted;

pub(crate) const CODE: super::RuleCode = super::RuleCode::ResponseInvalid;

pub(crate) fn check(ctx: &EntryContext<'_>, out: &mut Findings) {
    let entry = ctx.entry();
    let responses = entry.responses();
    let id_of = |r: &Node<'_>| ResponseView(r).id().map(str::to_owned);
    let date_of = |r: &Node<'_>| {
        ResponseView(r)
            .date()
            .and_then(crate::model::parse_date)
            .map(time::Date::from)
    };
    let kind_of = |r: &Node<'_>| ResponseView(r).kind().unwrap_or_default().to_owned();
    let mut ids: Vec<String> = Vec::with_capacity(responses.len());
    let window = i64::from(ctx.settings.reply_window_days);
    for (i, response) in responses.iter().enumerate() {
        let at = |field: &str| view::pointer(ResponseView::AT, &[i], field);
        let id = id_of(response);
        let label = id.as_deref().map_or_else(|| format!("#{}", i + 1), quoted);
        if let Some(id) = &id {
            if ids.contains(id) {
                out.push(
                    Finding::new(CODE, Target::value(at(ResponseView::ID)), format!("two responses have the id {}", quoted(id)))
                        .label("used before")
                        .help("give each response its own id: claims name responses by it in disputed_by"),
                );
            }
            ids.push(id.clone());
        }
        let kind = kind_of(response);
        let date = date_of(response);
        if let Some(date) = date.filter(|d| *d > ctx.settings.today) {
            out.push(
                Finding::new(CODE, Target::value(at(ResponseView::DATE)), format!("the response {label} is dated {date}, after today"))
                    .label("in the future")
                    .help("date a response on the day the company was contacted or answered"),
            );
        }
        match kind.as_str() {
            "contacted" | "no-reply" if ResponseView(response).url().is_some() => out.push(
                Finding::new(
                    CODE,
                    Target::value(at(ResponseView::URL)),
                    format!("the response {label} ({kind}) has a url: a contact is private correspondence, published without a link"),
                )
                .label("not published")
                .help("remove the url; the summary may name the channel only (e.g. press office e-mail)"),
            ),
            "reply" | "declined" => match ResponseView(response).summary() {
                None => out.push(
                    Finding::new(
                        CODE,
                        Target::value(view::pointer(ResponseView::AT, &[i], "")),
                        format!("the response {label} ({kind}) has no summary of the company's statement"),
                    )
                    .label("no summary")
                    .help("restate the company's public statement in summary and cite it with a marker [n]"),
                ),
                Some(summary) if super::citations::markers(summary).is_empty() => out.push(
                    Finding::new(
                        CODE,
                        Target::value(at(ResponseView::SUMMARY)),
                        format!("the response {label} cites no source for the company's statement"),
                    )
                    .label("no citation marker")
                    .help("cite where the company published the statement with a marker [n]"),
                ),
                Some(_) => {}
            },
            _ => {}
        }
        if kind == "no-reply" {
            let Some(date) = date else { continue };
            // The latest contact before this record: the one it answers for.
            let contact = responses
                .iter()
                .filter(|r| kind_of(r) == "contacted")
                .filter_map(date_of)
                .filter(|d| *d <= date)
                .max();
            match contact {
                None => out.push(
                    Finding::new(
                        CODE,
                        Target::value(at(ResponseView::KIND)),
                        format!("the response {label} records no reply, but no earlier response records a contact"),
                    )
                    .label("no contact before it")
                    .help("record the contact first: a contacted response with its date and channel"),
                ),
                Some(contacted) => {
                    let answered = responses
                        .iter()
                        .filter(|r| matches!(kind_of(r).as_str(), "reply" | "declined"))
                        .filter_map(date_of)
                        .find(|d| *d >= contacted && *d <= date);
                    if let Some(answered) = answered {
                        out.push(
                            Finding::new(
                                CODE,
                                Target::value(at(ResponseView::KIND)),
                                format!(
                                    "the response {label} records no reply to the contact of {contacted}, but the company answered on {answered}"
                                ),
                            )
                            .label("answered")
                            .help("remove the no-reply, or record the new contact it follows"),
                        );
                        continue;
                    }
                    let waited = (date - contacted).whole_days();
                    if waited < window {
                        out.push(
                            Finding::new(
                                CODE,
                                Target::value(at(ResponseView::DATE)),
                                format!(
                                    "the response {label} records no reply {waited} days after the contact of {contacted}: sooner than reply_window_days ({window})"
                                ),
                            )
                            .label("too soon")
                            .help("wait for the reply window to pass before recording no reply"),
                        );
                    }
                }
            }
        }
    }
    for (c, claim) in entry.claims().iter().enumerate() {
        let Some(named) = ClaimView(claim).disputed_by().and_then(Node::as_array) else {
            continue;
        };
        for (k, name) in named.iter().enumerate() {
            let Some(name) = name.as_str() else { continue };
            let named_kind = responses
                .iter()
                .find(|r| id_of(r).as_deref() == Some(name))
                .map(kind_of);
            if let Some(kind @ ("contacted" | "no-reply")) = named_kind.as_deref() {
                out.push(
                    Finding::new(
                        CODE,
                        Target::value(format!(
                            "{}/{k}",
                            view::pointer(ClaimView::AT, &[c], ClaimView::DISPUTED_BY)
                        )),
                        format!(
                            "the claim {} is disputed by {}, a {kind} record: only the company's reply or refusal can dispute a claim",
                            super::describe_claim(claim, c),
                            quoted(name)
                        ),
                    )
                    .label("not an answer")
                    .help("name the reply that disputes the claim"),
                );
                continue;
            }
            if !ids.iter().any(|id| id == name) {
                out.push(
                    Finding::new(
                        CODE,
                        Target::value(format!(
                            "{}/{k}",
                            view::pointer(ClaimView::AT, &[c], ClaimView::DISPUTED_BY)
                        )),
                        format!(
                            "the claim {} is disputed by {}, which is no response of this entry",
                            super::describe_claim(claim, c),
                            quoted(name)
                        ),
                    )
                    .label("no such response")
                    .help("name the id of a response in responses, or add the response"),
                );
            }
        }
    }
}
