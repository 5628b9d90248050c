//! What the lab's buttons do: a closed set of [`Action`]s, each a real request through the
//! typed [`lab_client`]. After each one the page asks the server for its trace of that
//! request and for its store, and words the outcome from what the server said.

use std::future::Future;

use leptos::prelude::*;

use super::{
    lab_client::{self, Answered, Reason, Refusal},
    present::{self, IdleChange},
    Banner, Lab, Mode, RequestRow, SessionTimes, Tone,
};
use crate::{
    api::{
        LoginRequest, ReplayBody, ReplayResult, ReplaySessionRequest, RequestTrace, StepKind,
        TokenLogoutRequest,
    },
    client,
};

/// Everything a learner can make the lab do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    SessionLogin(LoginRequest),
    SessionMe,
    SessionLogout,
    /// Replay the session ID the server revealed at logout, as its thief would.
    ReplayDeadCookie,
    /// Replay a copy of the session cookie the browser holds now.
    ReplayLiveCookie,
    TokenLogin(LoginRequest),
    TokenMe,
    TokenLogout {
        revoke: bool,
    },
    /// Send the copy of the token the page kept, as an injected script could.
    ReplayCopiedToken,
}

/// Runs one action to the end: the request, its row in the inspector, the refreshed panes
/// and the sentence that says what happened.
pub async fn run(lab: Lab, action: Action) {
    match action {
        Action::SessionLogin(login) => session_login(lab, login).await,
        Action::SessionMe => session_me(lab).await,
        Action::SessionLogout => session_logout(lab).await,
        Action::ReplayDeadCookie => replay_cookie(lab, Theft::DeadCookie).await,
        Action::ReplayLiveCookie => replay_cookie(lab, Theft::LiveCookie).await,
        Action::TokenLogin(login) => token_login(lab, login).await,
        Action::TokenMe => token_me(lab).await,
        Action::TokenLogout { revoke } => token_logout(lab, revoke).await,
        Action::ReplayCopiedToken => token_replay(lab).await,
    }
}

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
    let store = lab_client::store().await;
    if lab.store_generation.get_value() == generation {
        lab.store.set(store);
    }
}

/// Adds a row to the inspector, numbered in arrival order.
fn push_row(lab: Lab, row: RequestRow) {
    lab.requests.update(|rows| {
        let seq = rows.len() + 1;
        rows.push(RequestRow { seq, ..row });
    });
}

/// What this page learns from the server's trace of one of its own requests: whether a
/// cookie came, the `Set-Cookie` it answered with, and the ID hints of its own rows.
fn learn_from(lab: Lab, mode: Mode, trace: &RequestTrace) {
    if mode == Mode::Session {
        lab.cookie_seen.set(Some(trace.cookie_bytes.is_some()));
    }
    if let Some(step) = trace.steps.iter().find(|s| s.step == StepKind::SetCookie) {
        lab.last_set_cookie.set(Some(step.detail.clone()));
        lab.cookie_from_page_load.set(false);
    }
    lab.my_hints.update(|mine| {
        for hint in trace.steps.iter().filter_map(|s| s.hint.as_ref()) {
            if !mine.contains(hint) {
                mine.push(hint.clone());
            }
        }
    });
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

/// One request of this page: what it is called in the inspector and how it was sent.
struct Ask<'a> {
    mode: Mode,
    label: &'a str,
    method: &'a str,
    path: &'a str,
    bearer: Option<&'a str>,
}

/// Sends one request and records it with the server's trace; `None` if it never left.
/// Returns the answer with that trace, for wording the outcome from it.
async fn send<T>(
    lab: Lab,
    ask: Ask<'_>,
    request: impl Future<Output = Result<Answered<T>, String>>,
) -> Option<(Answered<T>, Option<RequestTrace>)> {
    lab.busy.set(true);
    let answered = match request.await {
        Ok(answered) => answered,
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
    let trace = match &answered.trace_id {
        Some(id) => lab_client::trace(id).await,
        None => None,
    };
    if let Some(trace) = &trace {
        learn_from(lab, ask.mode, trace);
    }
    let (sent_auth, auth_bytes) = describe_sent(ask.mode, ask.bearer, trace.as_ref());
    push_row(
        lab,
        RequestRow {
            seq: 0,
            mode: ask.mode,
            action: ask.label.into(),
            method: ask.method.into(),
            path: ask.path.into(),
            status: answered.status,
            duration_ms: answered.duration_ms,
            sent_auth,
            auth_bytes,
            response_body: answered.shown.clone(),
            refusal_code: answered.answer.as_ref().err().map(|r| r.code.clone()),
            trace: trace.clone(),
            foreign: false,
        },
    );
    read_browser_state(lab);
    refresh_store(lab).await;
    lab.busy.set(false);
    Some((answered, trace))
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
    push_row(
        lab,
        RequestRow {
            seq: 0,
            mode,
            action: "Someone else's request (not this page)".into(),
            method: trace.method.clone(),
            path: trace.path.clone(),
            status: trace.status,
            duration_ms: trace.duration_ms,
            sent_auth: present::credentials_received(&trace),
            auth_bytes: match mode {
                Mode::Session => trace.cookie_bytes,
                Mode::Token => trace.authorization_bytes,
            },
            response_body: String::new(),
            refusal_code: None,
            trace: Some(trace),
            foreign: true,
        },
    );
    leptos::task::spawn_local(refresh_store(lab));
}

fn refused(what: &str, refusal: &Refusal) -> String {
    format!(
        "{what} ({} {}): {}",
        refusal.status, refusal.code, refusal.message
    )
}

// ---- Session mode ----

async fn session_login(lab: Lab, login: LoginRequest) {
    let ask = Ask {
        mode: Mode::Session,
        label: "Log in",
        method: "POST",
        path: "/api/session/login",
        bearer: None,
    };
    let request = lab_client::session_login(&login.username, &login.password, login.ttl_secs);
    let Some((answered, _)) = send(lab, ask, request).await else {
        return;
    };
    match answered.answer {
        Ok(login) => {
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
        Err(refusal) => banner(lab, Tone::Bad, refused("Login refused", &refusal)),
    }
}

async fn session_me(lab: Lab) {
    let ask = Ask {
        mode: Mode::Session,
        label: "Call /me",
        method: "GET",
        path: "/api/session/me",
        bearer: None,
    };
    let Some((answered, trace)) = send(lab, ask, lab_client::session_me()).await else {
        return;
    };
    let refusal = match answered.answer {
        Ok(me) => {
            lab.session_times.set(Some(SessionTimes {
                idle_expires_at: me.idle_expires_at,
                absolute_expires_at: me.absolute_expires_at,
            }));
            let idle = client::local_time(me.idle_expires_at);
            let change = match present::idle_change(trace.as_ref(), &me) {
                IdleChange::Moved => format!("That request counted as activity, so the server moved the idle expiry to {idle} and saved the record."),
                IdleChange::Unchanged => format!("The idle expiry stays at {idle}: this came in the same second as the last request, so there was nothing to move and the server wrote nothing."),
                IdleChange::Capped => format!("The idle expiry stays at {idle}: it has reached the absolute lifetime, which no activity extends, so the server wrote nothing."),
                IdleChange::Unknown => format!("The idle expiry is now {idle}."),
            };
            let text = format!(
                "The server looked up your session ID in its store: you are {}. {change}",
                me.username
            );
            banner(lab, Tone::Good, text);
            return;
        }
        Err(refusal) => refusal,
    };
    lab.session_times.set(None);
    let text = match refusal.reason {
        Reason::Expired => "Your session expired: the server found the record past its lifetime, deleted it, and answered 401 expired. The server decided that, not your browser.".to_owned(),
        Reason::NoCookie => "Your browser sent no session cookie, so the server has no way to know who you are (401 no_cookie).".to_owned(),
        Reason::UnknownSession => "The server has no record for the cookie your browser sent (401 unknown_session).".to_owned(),
        _ => refused("The server refused the request", &refusal),
    };
    banner(lab, Tone::Warning, text);
}

async fn session_logout(lab: Lab) {
    let ask = Ask {
        mode: Mode::Session,
        label: "Log out",
        method: "POST",
        path: "/api/session/logout",
        bearer: None,
    };
    let Some((answered, _)) = send(lab, ask, lab_client::session_logout()).await else {
        return;
    };
    let logout = match answered.answer {
        Ok(logout) => logout,
        Err(refusal) => {
            banner(lab, Tone::Bad, refused("Logout failed", &refusal));
            return;
        }
    };
    lab.session_times.set(None);
    lab.dead_session_id.set(logout.dead_session_id);
    let (tone, text) = if logout.server_state_changed {
        (Tone::Good, "You are logged out. The server deleted your session record, and your browser dropped the cookie. Even a copy of the old session ID is now worthless: try replaying it.")
    } else {
        (Tone::Warning, "There was no live session to delete; the server asked your browser to drop the cookie anyway.")
    };
    banner(lab, tone, text);
}

/// Which copy of the session cookie the attacker replays.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Theft {
    DeadCookie,
    LiveCookie,
}

async fn replay_cookie(lab: Lab, theft: Theft) {
    let (ask_label, label, which, path) = match theft {
        Theft::DeadCookie => (
            "Replay the old cookie (lab request)",
            "Attacker replays the old cookie",
            "the dead session ID",
            "/api/lab/replay-session",
        ),
        Theft::LiveCookie => (
            "Copy the live cookie (lab request)",
            "Attacker replays a copy of the live cookie",
            "a copy of your live session ID",
            "/api/lab/replay-live-cookie",
        ),
    };
    let ask = Ask {
        mode: Mode::Session,
        label: ask_label,
        method: "POST",
        path,
        bearer: None,
    };
    let answered = match theft {
        Theft::DeadCookie => {
            let Some(dead) = lab.dead_session_id.get_untracked() else {
                return;
            };
            let request = ReplaySessionRequest { session_id: dead };
            send(lab, ask, lab_client::replay_session(&request)).await
        }
        Theft::LiveCookie => send(lab, ask, lab_client::replay_live_cookie()).await,
    };
    let Some((answered, _)) = answered else {
        return;
    };
    let replay = match answered.answer {
        Ok(replay) => replay,
        Err(refusal) => {
            banner(
                lab,
                Tone::Warning,
                refused("The lab could not replay the cookie", &refusal),
            );
            return;
        }
    };
    record_replay(lab, &replay, label, which, answered.duration_ms).await;
    let status = replay.status;
    let (tone, text) = match (theft, &replay.body) {
        (Theft::DeadCookie, ReplayBody::Refused(error)) if status == 401 => (Tone::Good, format!(
            "The attacker's request with the old cookie got 401 {}: the server deleted the record at logout, so the stolen ID opens nothing.",
            error.reason.as_deref().unwrap_or(&error.error)
        )),
        (Theft::DeadCookie, _) => (Tone::Bad, format!("The attacker's request with the old cookie got {status}.")),
        (Theft::LiveCookie, ReplayBody::Me(me)) => (Tone::Bad, format!(
            "The attacker's copy of your live cookie works ({status}): the server sees the same session ID and answers as if it were you, {}. HttpOnly kept scripts from reading the ID; it does nothing once the ID is copied some other way. Only logout or expiry ends it, which is why short lifetimes matter.",
            me.username
        )),
        (Theft::LiveCookie, ReplayBody::Refused(error)) => (Tone::Warning, format!(
            "The attacker's copy of your cookie got {status} {}: the session was no longer live.",
            error.reason.as_deref().unwrap_or(&error.error)
        )),
    };
    banner(lab, tone, text);
}

/// The replayed `GET /api/session/me` in the inspector, with the server's own trace and
/// timing of it (the lab request around it took longer).
async fn record_replay(
    lab: Lab,
    replay: &ReplayResult,
    label: &str,
    which: &str,
    fallback_ms: f64,
) {
    let trace = match &replay.trace_id {
        Some(id) => lab_client::trace(id).await,
        None => None,
    };
    let cookie_name = lab
        .last_set_cookie
        .get_untracked()
        .map(|line| present::CookieAttributes::parse(&line).name)
        .unwrap_or_else(|| "auth_lab_sid".into());
    let bytes = trace.as_ref().and_then(|t| t.cookie_bytes);
    let sent_auth = format!(
        "Cookie: {cookie_name}=<{which}> (sent by the lab's server, playing the attacker; {} as received)",
        bytes.map(present::bytes).unwrap_or_else(|| "size unknown".into())
    );
    if let Some(trace) = &trace {
        learn_from(lab, Mode::Session, trace);
    }
    push_row(
        lab,
        RequestRow {
            seq: 0,
            mode: Mode::Session,
            action: label.into(),
            method: "GET".into(),
            path: "/api/session/me".into(),
            status: replay.status,
            duration_ms: trace.as_ref().map_or(fallback_ms, |t| t.duration_ms),
            sent_auth,
            auth_bytes: bytes,
            response_body: serde_json::to_string_pretty(&replay.body).unwrap_or_default(),
            refusal_code: match &replay.body {
                ReplayBody::Refused(error) => {
                    Some(error.reason.clone().unwrap_or(error.error.clone()))
                }
                ReplayBody::Me(_) => None,
            },
            trace,
            foreign: false,
        },
    );
}

// ---- Token mode ----

async fn token_login(lab: Lab, login: LoginRequest) {
    let ask = Ask {
        mode: Mode::Token,
        label: "Log in",
        method: "POST",
        path: "/api/token/login",
        bearer: None,
    };
    let request = lab_client::token_login(&login.username, &login.password, login.ttl_secs);
    let Some((answered, _)) = send(lab, ask, request).await else {
        return;
    };
    let issued = match answered.answer {
        Ok(issued) => issued,
        Err(refusal) => {
            banner(lab, Tone::Bad, refused("Login refused", &refusal));
            return;
        }
    };
    if let Err(err) = client::store_token(&issued.access_token) {
        let text = format!("The server issued a token, but localStorage refused it: {err}");
        banner(lab, Tone::Bad, text);
        return;
    }
    lab.kept_token.set(Some(issued.access_token));
    lab.token_leeway.set(Some(issued.leeway_secs));
    read_browser_state(lab);
    banner(lab, Tone::Good, format!(
        "Logged in as {}. The server signed a token and stored no record of it. The token now sits in localStorage, where any script on this page can read it; this page kept a copy, as a thief would.",
        login.username
    ));
}

async fn token_me(lab: Lab) {
    let bearer = client::load_token();
    let ask = Ask {
        mode: Mode::Token,
        label: "Call /me",
        method: "GET",
        path: "/api/token/me",
        bearer: bearer.as_deref(),
    };
    let Some((answered, _)) = send(lab, ask, lab_client::token_me(bearer.as_deref())).await else {
        return;
    };
    let refusal = match answered.answer {
        Ok(me) => {
            banner(lab, Tone::Good, format!(
                "The server checked the token's signature, claims and expiry, then looked its ID up on the deny-list and did not find it: you are {}. It keeps no record of your login; that deny-list lookup was its one trip to the store.",
                me.username
            ));
            return;
        }
        Err(refusal) => refusal,
    };
    let text = match refusal.reason {
        Reason::Expired => format!(
            "Your token expired at {}; the server refuses it (401 expired). The expiry is written inside the token itself, so the server refused it from the token alone, before any store lookup.",
            lab.token_exp.get_untracked().map(client::local_time).unwrap_or_else(|| "its exp".into())
        ),
        Reason::Missing => "The page had no token to send, so the server cannot know who you are (401 missing).".to_owned(),
        Reason::Revoked => "The server refused the token: its ID is on the deny-list (401 revoked).".to_owned(),
        _ => refused("The server refused the token", &refusal),
    };
    banner(lab, Tone::Warning, text);
}

async fn token_logout(lab: Lab, revoke: bool) {
    let bearer = client::load_token();
    let ask = Ask {
        mode: Mode::Token,
        label: if revoke {
            "Log out and revoke"
        } else {
            "Log out"
        },
        method: "POST",
        path: "/api/token/logout",
        bearer: bearer.as_deref(),
    };
    let request = TokenLogoutRequest { revoke };
    let answered = send(
        lab,
        ask,
        lab_client::token_logout(bearer.as_deref(), &request),
    )
    .await;
    // Logging out in token mode is the page forgetting its token, whatever the server says.
    client::delete_token();
    read_browser_state(lab);
    let Some((answered, _)) = answered else {
        return;
    };
    let (tone, text) = match answered.answer {
        Ok(logout) if logout.server_state_changed => (Tone::Good, "Your token was removed from this browser, and the server put its ID on the deny-list until the token would have expired anyway: copies of it are refused.".to_owned()),
        Ok(logout) => {
            let until = logout
                .still_valid_until
                .map(client::local_time)
                .unwrap_or_else(|| "it expires".into());
            (Tone::Warning, format!(
                "Your token was removed from this browser, but the server still accepts it until {until}: it keeps no record to delete. Try replaying the copy."
            ))
        }
        Err(refusal) => (Tone::Warning, format!(
            "The token was removed from this browser. The server did not accept it for logout ({} {}).",
            refusal.status, refusal.code
        )),
    };
    banner(lab, tone, text);
}

async fn token_replay(lab: Lab) {
    let Some(copy) = lab.kept_token.get_untracked() else {
        return;
    };
    let ask = Ask {
        mode: Mode::Token,
        label: "Replay the old token",
        method: "GET",
        path: "/api/token/me",
        bearer: Some(&copy),
    };
    let Some((answered, _)) = send(lab, ask, lab_client::token_me(Some(&copy))).await else {
        return;
    };
    let (tone, text) = match answered.answer {
        Ok(_) => (Tone::Bad, "The copied token still works (200): logging out only deleted the browser's copy, and the server keeps no record of the token that it could delete.".to_owned()),
        Err(refusal) => (Tone::Good, format!("The copied token is refused ({} {}).", refusal.status, refusal.code)),
    };
    banner(lab, tone, text);
}
