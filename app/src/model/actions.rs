//! What the lab's buttons do. Every action is a real request to the real server; the page
//! then asks the server for its trace of that request and for its store, and words the
//! outcome from what the server said.

use leptos::prelude::*;
use serde_json::{json, Value};

use super::{present, Banner, Lab, Mode, RequestRow, SessionTimes, Tone};
use crate::{
    api::{RequestTrace, SessionLoginResponse, SessionMe, StepKind, StoreView, TokenLoginResponse},
    client::{self, Exchange},
    model::present::IdleChange,
};

/// Says what just happened, about the page's own newest request.
fn banner(lab: Lab, tone: Tone, text: impl Into<String>) {
    let about = lab
        .requests
        .with_untracked(|rows| rows.iter().rev().find(|r| !r.foreign).map(|r| r.seq));
    lab.banner.set(Some(Banner {
        tone,
        text: text.into(),
        about,
    }));
}

/// Reads what scripts can see in this browser: `document.cookie` and localStorage.
pub fn read_browser_state(lab: Lab) {
    lab.document_cookie.set(client::document_cookie());
    let token = client::load_token();
    lab.token_exp.set(
        token
            .as_deref()
            .and_then(present::decode_jwt)
            .and_then(|jwt| jwt.claim_i64("exp")),
    );
    lab.token.set(token);
    lab.raw_token_entry.set(client::raw_token_entry());
}

/// Re-reads the server's store. Refreshes overlap (page actions, the event feed, expiry
/// ticks), so an answer that arrives after a newer request was sent is dropped: an old
/// listing must never bring back a row the server has since deleted.
pub async fn refresh_store(lab: Lab) {
    let generation = lab.store_generation.get_value() + 1;
    lab.store_generation.set_value(generation);
    if let Ok(exchange) = client::fetch_json("GET", "/api/inspect/store", None, None).await {
        if lab.store_generation.get_value() == generation {
            lab.store
                .set(serde_json::from_value::<StoreView>(exchange.body).ok());
        }
    }
}

async fn fetch_trace(id: &str) -> Option<RequestTrace> {
    let exchange = client::fetch_json("GET", &format!("/api/inspect/trace/{id}"), None, None)
        .await
        .ok()?;
    serde_json::from_value(exchange.body).ok()
}

fn reason(exchange: &Exchange) -> String {
    exchange.body["reason"]
        .as_str()
        .or(exchange.body["error"].as_str())
        .unwrap_or("unknown")
        .to_owned()
}

fn message(exchange: &Exchange) -> String {
    exchange.body["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// What the page can say about the credential it sent.
fn describe_sent(
    mode: Mode,
    bearer: Option<&str>,
    trace: Option<&RequestTrace>,
) -> (String, Option<usize>) {
    match mode {
        Mode::Session => match trace.and_then(|t| t.cookie_bytes) {
            Some(bytes) => (format!("Cookie: (attached by the browser, hidden from scripts; {} as the server received it)", present::bytes(bytes)), Some(bytes)),
            None => ("No Cookie header: the browser had no cookie for this site".into(), None),
        },
        Mode::Token => match bearer {
            Some(token) => {
                let shown: String = token.chars().take(16).collect();
                let bytes = "Bearer ".len() + token.len();
                (format!("Authorization: Bearer {shown}… ({}, added by the page's script)", present::bytes(bytes)), Some(bytes))
            }
            None => ("No Authorization header: the page had no token to send".into(), None),
        },
    }
}

/// Sends one request and records it with the server's trace.
async fn send(
    lab: Lab,
    mode: Mode,
    action: &str,
    method: &str,
    path: &str,
    body: Option<Value>,
    bearer: Option<String>,
) -> Option<Exchange> {
    lab.busy.set(true);
    let result = client::fetch_json(method, path, body.as_ref(), bearer.as_deref()).await;
    let exchange = match result {
        Ok(exchange) => exchange,
        Err(err) => {
            lab.busy.set(false);
            banner(
                lab,
                Tone::Bad,
                format!("The request could not be sent: {err}"),
            );
            return None;
        }
    };
    let trace = match &exchange.trace_id {
        Some(id) => fetch_trace(id).await,
        None => None,
    };
    let sent = describe_sent(mode, bearer.as_deref(), trace.as_ref());
    record(lab, mode, action, method, path, &exchange, sent, trace);
    read_browser_state(lab);
    refresh_store(lab).await;
    lab.busy.set(false);
    Some(exchange)
}

#[allow(clippy::too_many_arguments)]
fn record(
    lab: Lab,
    mode: Mode,
    action: &str,
    method: &str,
    path: &str,
    exchange: &Exchange,
    sent: (String, Option<usize>),
    trace: Option<RequestTrace>,
) {
    if let Some(trace) = &trace {
        if mode == Mode::Session {
            lab.cookie_seen.set(Some(trace.cookie_bytes.is_some()));
        }
        if let Some(step) = trace.steps.iter().find(|s| s.step == StepKind::SetCookie) {
            lab.last_set_cookie.set(Some(step.detail.clone()));
            lab.cookie_from_page_load.set(false);
        }
        let hints: Vec<String> = trace.steps.iter().filter_map(|s| s.hint.clone()).collect();
        lab.my_hints.update(|mine| {
            for hint in hints {
                if !mine.contains(&hint) {
                    mine.push(hint);
                }
            }
        });
    }
    let (sent_auth, auth_bytes) = sent;
    lab.requests.update(|rows| {
        let seq = rows.len() + 1;
        rows.push(RequestRow {
            seq,
            mode,
            action: action.into(),
            method: method.into(),
            path: path.into(),
            status: exchange.status,
            duration_ms: exchange.duration_ms,
            sent_auth,
            auth_bytes,
            response_body: serde_json::to_string_pretty(&exchange.body).unwrap_or_default(),
            trace,
            foreign: false,
        });
    });
}

/// A request the server's event feed reported that this page did not send: listed in the
/// inspector of the mode it concerns, marked as someone else's, and the store re-read.
pub fn foreign_request(lab: Lab, mode: Mode, trace: RequestTrace) {
    if trace.page.as_deref() == Some(client::page_id().as_str()) {
        return;
    }
    let concerns = match mode {
        Mode::Session => {
            trace.path.starts_with("/api/session/") || trace.path.starts_with("/api/lab/")
        }
        Mode::Token => trace.path.starts_with("/api/token/"),
    };
    if !concerns {
        return;
    }
    let sent = present::credentials_received(&trace);
    lab.requests.update(|rows| {
        let seq = rows.len() + 1;
        rows.push(RequestRow {
            seq,
            mode,
            action: "Someone else's request (not this page)".into(),
            method: trace.method.clone(),
            path: trace.path.clone(),
            status: trace.status,
            duration_ms: trace.duration_ms,
            sent_auth: sent,
            auth_bytes: match mode {
                Mode::Session => trace.cookie_bytes,
                Mode::Token => trace.authorization_bytes,
            },
            response_body: String::new(),
            trace: Some(trace),
            foreign: true,
        });
    });
    leptos::task::spawn_local(refresh_store(lab));
}

fn login_body(username: &str, password: &str, ttl_secs: Option<i64>) -> Value {
    let mut body = json!({ "username": username, "password": password });
    if let Some(ttl) = ttl_secs {
        body["ttl_secs"] = json!(ttl);
    }
    body
}

// ---- Session mode ----

pub async fn session_login(lab: Lab, username: String, password: String, ttl_secs: Option<i64>) {
    let body = login_body(&username, &password, ttl_secs);
    let Some(exchange) = send(
        lab,
        Mode::Session,
        "Log in",
        "POST",
        "/api/session/login",
        Some(body),
        None,
    )
    .await
    else {
        return;
    };
    match serde_json::from_value::<SessionLoginResponse>(exchange.body.clone()) {
        Ok(login) if exchange.status == 200 => {
            lab.session_times.set(Some(SessionTimes {
                idle_expires_at: login.idle_expires_at,
                absolute_expires_at: login.absolute_expires_at,
            }));
            lab.dead_session_id.set(None);
            banner(lab, Tone::Good, format!(
                "Logged in as {}. The server stored your session in its store and sent your browser only a cookie with the session ID. It is HttpOnly, so no script on this page can read the ID, though any script here can still send requests that carry it.",
                login.username
            ));
        }
        _ => banner(
            lab,
            Tone::Bad,
            format!(
                "Login refused ({}): {}",
                exchange.status,
                message(&exchange)
            ),
        ),
    }
}

pub async fn session_me(lab: Lab) {
    let Some(exchange) = send(
        lab,
        Mode::Session,
        "Call /me",
        "GET",
        "/api/session/me",
        None,
        None,
    )
    .await
    else {
        return;
    };
    if let (200, Ok(me)) = (
        exchange.status,
        serde_json::from_value::<SessionMe>(exchange.body.clone()),
    ) {
        lab.session_times.set(Some(SessionTimes {
            idle_expires_at: me.idle_expires_at,
            absolute_expires_at: me.absolute_expires_at,
        }));
        // This page's own newest row: the event feed may have added others since.
        let trace = lab.requests.with_untracked(|rows| {
            rows.iter()
                .rev()
                .find(|row| !row.foreign)
                .and_then(|row| row.trace.clone())
        });
        let idle = client::local_time(me.idle_expires_at);
        let change = match present::idle_change(trace.as_ref(), &me) {
            IdleChange::Moved => format!("That request counted as activity, so the server moved the idle expiry to {idle} and saved the record."),
            IdleChange::Unchanged => format!("The idle expiry stays at {idle}: this came in the same second as the last request, so there was nothing to move and the server wrote nothing."),
            IdleChange::Capped => format!("The idle expiry stays at {idle}: it has reached the absolute lifetime, which no activity extends, so the server wrote nothing."),
            IdleChange::Unknown => format!("The idle expiry is now {idle}."),
        };
        banner(
            lab,
            Tone::Good,
            format!(
                "The server looked up your session ID in its store: you are {}. {change}",
                me.username
            ),
        );
        return;
    }
    lab.session_times.set(None);
    let text = match reason(&exchange).as_str() {
        "expired" => "Your session expired: the server found the record past its lifetime, deleted it, and answered 401 expired. The server decided that, not your browser.".to_owned(),
        "no_cookie" => "Your browser sent no session cookie, so the server has no way to know who you are (401 no_cookie).".to_owned(),
        "unknown_session" => "The server has no record for the cookie your browser sent (401 unknown_session).".to_owned(),
        other => format!("The server refused the request ({}, {other}): {}", exchange.status, message(&exchange)),
    };
    banner(lab, Tone::Warning, text);
}

pub async fn session_logout(lab: Lab) {
    let Some(exchange) = send(
        lab,
        Mode::Session,
        "Log out",
        "POST",
        "/api/session/logout",
        Some(json!({})),
        None,
    )
    .await
    else {
        return;
    };
    if exchange.status != 200 {
        banner(
            lab,
            Tone::Bad,
            format!(
                "Logout failed ({}): {}",
                exchange.status,
                message(&exchange)
            ),
        );
        return;
    }
    lab.session_times.set(None);
    lab.dead_session_id
        .set(exchange.body["dead_session_id"].as_str().map(str::to_owned));
    let changed = exchange.body["server_state_changed"]
        .as_bool()
        .unwrap_or(false);
    let text = if changed {
        "You are logged out. The server deleted your session record, and your browser dropped the cookie. Even a copy of the old session ID is now worthless: try replaying it."
    } else {
        "There was no live session to delete; the server asked your browser to drop the cookie anyway."
    };
    banner(lab, if changed { Tone::Good } else { Tone::Warning }, text);
}

/// Plays the attacker who copied the dead session ID before logout.
pub async fn session_replay(lab: Lab) {
    let Some(dead) = lab.dead_session_id.get_untracked() else {
        return;
    };
    let body = json!({ "session_id": dead });
    replay_as_attacker(lab, ReplayKind::DeadCookie, "/api/lab/replay-session", body).await;
}

/// Plays the attacker who holds a copy of the cookie the browser has right now.
pub async fn session_replay_live(lab: Lab) {
    replay_as_attacker(
        lab,
        ReplayKind::LiveCookie,
        "/api/lab/replay-live-cookie",
        json!({}),
    )
    .await;
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ReplayKind {
    DeadCookie,
    LiveCookie,
}

async fn replay_as_attacker(lab: Lab, kind: ReplayKind, path: &str, body: Value) {
    let (ask, label, which) = match kind {
        ReplayKind::DeadCookie => (
            "Replay the old cookie (lab request)",
            "Attacker replays the old cookie",
            "the dead session ID",
        ),
        ReplayKind::LiveCookie => (
            "Copy the live cookie (lab request)",
            "Attacker replays a copy of the live cookie",
            "a copy of your live session ID",
        ),
    };
    let Some(exchange) = send(lab, Mode::Session, ask, "POST", path, Some(body), None).await else {
        return;
    };
    if exchange.status != 200 {
        banner(
            lab,
            Tone::Warning,
            format!(
                "The lab could not replay the cookie ({}): {}",
                exchange.status,
                message(&exchange)
            ),
        );
        return;
    }
    let status = exchange.body["status"].as_u64().unwrap_or(0) as u16;
    let trace_id = exchange.body["trace_id"].as_str().map(str::to_owned);
    let trace = match &trace_id {
        Some(id) => fetch_trace(id).await,
        None => None,
    };
    // The server timed the replayed request itself; fall back to the whole lab round trip.
    let inner = Exchange {
        status,
        duration_ms: trace
            .as_ref()
            .map_or(exchange.duration_ms, |t| t.duration_ms),
        body: exchange.body["body"].clone(),
        trace_id,
    };
    let sent = (
        format!(
            "Cookie: {}=<{which}> (sent by the lab's server, playing the attacker; {} as received)",
            lab.last_set_cookie
                .get_untracked()
                .map(|line| present::CookieAttributes::parse(&line).name)
                .unwrap_or_else(|| "auth_lab_sid".into()),
            trace
                .as_ref()
                .and_then(|t| t.cookie_bytes)
                .map(present::bytes)
                .unwrap_or_else(|| "size unknown".into())
        ),
        trace.as_ref().and_then(|t| t.cookie_bytes),
    );
    record(
        lab,
        Mode::Session,
        label,
        "GET",
        "/api/session/me",
        &inner,
        sent,
        trace,
    );
    let text = match (kind, status) {
        (ReplayKind::DeadCookie, 401) => format!("The attacker's request with the old cookie got 401 {}: the server deleted the record at logout, so the stolen ID opens nothing.", reason(&inner)),
        (ReplayKind::DeadCookie, _) => format!("The attacker's request with the old cookie got {status}."),
        (ReplayKind::LiveCookie, 200) => format!(
            "The attacker's copy of your live cookie works (200): the server sees the same session ID and answers as if it were you, {}. HttpOnly kept scripts from reading the ID; it does nothing once the ID is copied some other way. Only logout or expiry ends it, which is why short lifetimes matter.",
            inner.body["username"].as_str().unwrap_or("?")
        ),
        (ReplayKind::LiveCookie, _) => format!("The attacker's copy of your cookie got {status} {}: the session was no longer live.", reason(&inner)),
    };
    let tone = match (kind, status) {
        (ReplayKind::DeadCookie, 401) => Tone::Good,
        (ReplayKind::LiveCookie, 200) | (ReplayKind::DeadCookie, _) => Tone::Bad,
        (ReplayKind::LiveCookie, _) => Tone::Warning,
    };
    banner(lab, tone, text);
}

// ---- Token mode ----

pub async fn token_login(lab: Lab, username: String, password: String, ttl_secs: Option<i64>) {
    let body = login_body(&username, &password, ttl_secs);
    let Some(exchange) = send(
        lab,
        Mode::Token,
        "Log in",
        "POST",
        "/api/token/login",
        Some(body),
        None,
    )
    .await
    else {
        return;
    };
    match serde_json::from_value::<TokenLoginResponse>(exchange.body.clone()) {
        Ok(login) if exchange.status == 200 => {
            if let Err(err) = client::store_token(&login.access_token) {
                banner(
                    lab,
                    Tone::Bad,
                    format!("The server issued a token, but localStorage refused it: {err}"),
                );
                return;
            }
            lab.kept_token.set(Some(login.access_token));
            lab.token_leeway.set(Some(login.leeway_secs));
            read_browser_state(lab);
            banner(lab, Tone::Good, format!(
                "Logged in as {username}. The server signed a token and stored no record of it. The token now sits in localStorage, where any script on this page can read it; this page kept a copy, as a thief would."
            ));
        }
        _ => banner(
            lab,
            Tone::Bad,
            format!(
                "Login refused ({}): {}",
                exchange.status,
                message(&exchange)
            ),
        ),
    }
}

pub async fn token_me(lab: Lab) {
    let bearer = client::load_token();
    let Some(exchange) = send(
        lab,
        Mode::Token,
        "Call /me",
        "GET",
        "/api/token/me",
        None,
        bearer,
    )
    .await
    else {
        return;
    };
    if exchange.status == 200 {
        banner(lab, Tone::Good, format!(
            "The server checked the token's signature, claims and expiry, then looked its ID up on the deny-list and did not find it: you are {}. It keeps no record of your login; that deny-list lookup was its one trip to the store.",
            exchange.body["username"].as_str().unwrap_or("?")
        ));
        return;
    }
    let text = match reason(&exchange).as_str() {
        "expired" => format!(
            "Your token expired at {}; the server refuses it (401 expired). The expiry is written inside the token itself, so the server refused it from the token alone, before any store lookup.",
            lab.token_exp.get_untracked().map(client::local_time).unwrap_or_else(|| "its exp".into())
        ),
        "missing" => "The page had no token to send, so the server cannot know who you are (401 missing).".to_owned(),
        "revoked" => "The server refused the token: its ID is on the deny-list (401 revoked).".to_owned(),
        other => format!("The server refused the token ({}, {other}): {}", exchange.status, message(&exchange)),
    };
    banner(lab, Tone::Warning, text);
}

pub async fn token_logout(lab: Lab, revoke: bool) {
    let bearer = client::load_token();
    let exp = lab.token_exp.get_untracked();
    let exchange = send(
        lab,
        Mode::Token,
        if revoke {
            "Log out and revoke"
        } else {
            "Log out"
        },
        "POST",
        "/api/token/logout",
        Some(json!({ "revoke": revoke })),
        bearer,
    )
    .await;
    // Logging out in token mode is the page forgetting its token, whatever the server says.
    client::delete_token();
    read_browser_state(lab);
    let until = exp
        .map(client::local_time)
        .unwrap_or_else(|| "its expiry".into());
    let Some(exchange) = exchange else { return };
    let text = match (exchange.status, exchange.body["server_state_changed"].as_bool()) {
        (200, Some(true)) => (Tone::Good, format!(
            "Your token was removed from this browser, and the server put its ID on the deny-list until {until}: copies of it are refused."
        )),
        (200, _) => (Tone::Warning, format!(
            "Your token was removed from this browser, but the server still accepts it until {until}: it keeps no record to delete. Try replaying the copy."
        )),
        (status, _) => (Tone::Warning, format!(
            "The token was removed from this browser. The server did not accept it for logout ({status}, {}).", reason(&exchange)
        )),
    };
    banner(lab, text.0, text.1);
}

pub async fn token_replay(lab: Lab) {
    let Some(copy) = lab.kept_token.get_untracked() else {
        return;
    };
    let Some(exchange) = send(
        lab,
        Mode::Token,
        "Replay the old token",
        "GET",
        "/api/token/me",
        None,
        Some(copy),
    )
    .await
    else {
        return;
    };
    let text = match exchange.status {
        200 => (Tone::Bad, "The copied token still works (200): logging out only deleted the browser's copy, and the server keeps no record of the token that it could delete.".to_owned()),
        _ => (Tone::Good, format!("The copied token is refused (401 {}).", reason(&exchange))),
    };
    banner(lab, text.0, text.1);
}
