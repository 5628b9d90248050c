//! What the lab's requests are and what the page makes of their answers: each request
//! (`*_ask`, sent by the browser through the relay) and the rules that word its outcome
//! from the answer and the server's trace (`*_done`). Pure: no request is sent here.

use leptos::prelude::*;

use super::{
    lab_client::{Answered, Reason, Refusal},
    present::{self, IdleChange},
    Banner, Lab, Mode, RequestRow, RowKind, SessionTimes, Tone,
};
use crate::{
    api::{
        LogoutResponse, ReplayBody, ReplayResult, ReplaySessionRequest, RequestTrace,
        SessionLoginResponse, SessionMe, StepKind, TokenLogoutRequest,
    },
    i18n::{td_string, Locale},
};

/// A catalog sentence as an owned string (the macro gives `&'static str` or a `Display`).
macro_rules! say {
    ($($args:tt)*) => {
        td_string!($($args)*).to_string()
    };
}

/// Says what just happened, about the page's own newest request.
pub(super) fn banner(lab: Lab, tone: Tone, text: impl Into<String>) {
    let about = lab
        .requests
        .with_untracked(|rows| rows.iter().rev().find(|r| !r.foreign()).map(|r| r.seq));
    lab.banner.set(Some(Banner {
        tone,
        text: text.into(),
        about,
    }));
}

/// What a script sees in this browser, as the page shows it: `document.cookie`, and the
/// token's localStorage entry as stored (gloo-storage writes JSON, so the token is the
/// entry read as a JSON string).
pub(crate) fn browser_state(lab: Lab, cookie: String, raw_entry: Option<String>) {
    lab.document_cookie.set(cookie);
    let token = raw_entry
        .as_deref()
        .and_then(|raw| serde_json::from_str::<String>(raw).ok());
    lab.token_exp.set(
        token
            .as_deref()
            .and_then(present::decode_jwt)
            .and_then(|jwt| jwt.claim_i64("exp")),
    );
    lab.token.set(token);
    lab.raw_token_entry.set(raw_entry);
}

/// Adds a row to the inspector, numbered in arrival order.
pub(super) fn push_row(lab: Lab, row: RequestRow) {
    lab.requests.update(|rows| {
        // Numbered after the newest row, not by count: the relay's page keeps only the
        // newest rows in its state.
        let seq = rows.last().map_or(1, |r| r.seq + 1);
        rows.push(RequestRow { seq, ..row });
    });
}

/// What this page learns from the server's trace of one of its own requests: whether a
/// cookie came, the `Set-Cookie` it answered with, and the ID hints of its own rows.
pub(super) fn learn_from(lab: Lab, mode: Mode, trace: &RequestTrace) {
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
    locale: Locale,
    mode: Mode,
    bearer: Option<&str>,
    trace: Option<&RequestTrace>,
) -> (String, Option<usize>) {
    match mode {
        Mode::Session => match trace.and_then(|t| t.cookie_bytes) {
            Some(n) => (
                say!(
                    locale,
                    outcome.sent.cookie,
                    bytes = present::bytes(locale, n)
                ),
                Some(n),
            ),
            None => (say!(locale, outcome.sent.no_cookie), None),
        },
        Mode::Token => match bearer {
            Some(token) => {
                let shown: String = token.chars().take(16).collect();
                let n = "Bearer ".len() + token.len();
                (
                    say!(
                        locale,
                        outcome.sent.bearer,
                        shown,
                        bytes = present::bytes(locale, n)
                    ),
                    Some(n),
                )
            }
            None => (say!(locale, outcome.sent.no_bearer), None),
        },
    }
}

/// One request of this page: what it is called in the inspector and how it was sent.
pub(crate) struct Ask<'a> {
    pub mode: Mode,
    pub kind: RowKind,
    pub label: String,
    pub method: &'static str,
    pub path: &'static str,
    pub bearer: Option<&'a str>,
}

/// Says that a request never got an answer.
pub(crate) fn not_sent(lab: Lab, err: &str) {
    banner(lab, Tone::Bad, say!(lab.locale, outcome.not_sent, err));
}

/// Records one answered request of this page: what it learns from the server's trace, and
/// the request's row in the inspector.
pub(crate) fn record<T>(
    lab: Lab,
    ask: &Ask<'_>,
    answered: &Answered<T>,
    trace: Option<&RequestTrace>,
) {
    if let Some(trace) = trace {
        learn_from(lab, ask.mode, trace);
    }
    let (sent_auth, auth_bytes) = describe_sent(lab.locale, ask.mode, ask.bearer, trace);
    push_row(
        lab,
        RequestRow {
            seq: 0,
            mode: ask.mode,
            kind: ask.kind,
            action: ask.label.clone(),
            method: ask.method.into(),
            path: ask.path.into(),
            status: answered.status,
            duration_ms: answered.duration_ms,
            sent_auth,
            auth_bytes,
            response_body: answered.shown.clone(),
            refusal_code: answered.answer.as_ref().err().map(|r| r.code.clone()),
            trace: trace.cloned(),
        },
    );
}

/// Lists a request someone else sent in the inspector of the mode it concerns; whether it
/// did concern it.
pub(crate) fn add_foreign(lab: Lab, mode: Mode, trace: RequestTrace) -> bool {
    let concerns = match mode {
        Mode::Session => {
            trace.path.starts_with("/api/session/") || trace.path.starts_with("/api/lab/")
        }
        Mode::Token => trace.path.starts_with("/api/token/"),
    };
    if !concerns {
        return false;
    }
    push_row(
        lab,
        RequestRow {
            seq: 0,
            mode,
            kind: RowKind::Foreign,
            action: say!(lab.locale, outcome.action.someone_else),
            method: trace.method.clone(),
            path: trace.path.clone(),
            status: trace.status,
            duration_ms: trace.duration_ms,
            sent_auth: present::credentials_received(lab.locale, &trace),
            auth_bytes: match mode {
                Mode::Session => trace.cookie_bytes,
                Mode::Token => trace.authorization_bytes,
            },
            response_body: String::new(),
            refusal_code: None,
            trace: Some(trace),
        },
    );
    true
}

/// A refusal in the reader's language: what failed, the status and code as sent, and the
/// code worded from the catalog (the server's own English `message` for a code it lacks).
pub(super) fn refused(locale: Locale, what: &str, refusal: &Refusal) -> String {
    let why = present::reason(locale, &refusal.code).unwrap_or(&refusal.message);
    say!(
        locale,
        outcome.refused,
        what,
        status = refusal.status,
        code = &refusal.code,
        why
    )
}

// ---- Session mode ----
// Each action is its request (`*_ask`) and what the page makes of the answer (`*_done`):
// the island sends the request itself, the relay has the browser send it.

pub(crate) fn session_login_ask(lab: Lab) -> Ask<'static> {
    Ask {
        mode: Mode::Session,
        kind: RowKind::LogIn,
        label: say!(lab.locale, outcome.action.log_in),
        method: "POST",
        path: "/api/session/login",
        bearer: None,
    }
}

pub(crate) fn session_login_done(lab: Lab, answered: Answered<SessionLoginResponse>) {
    match answered.answer {
        Ok(login) => {
            lab.session_times.set(Some(SessionTimes {
                idle_expires_at: login.idle_expires_at,
                absolute_expires_at: login.absolute_expires_at,
            }));
            lab.dead_session_id.set(None);
            let text = say!(
                lab.locale,
                outcome.session.logged_in,
                user = &login.username
            );
            banner(lab, Tone::Good, text);
        }
        Err(refusal) => {
            let what = say!(lab.locale, outcome.what.login_refused);
            banner(lab, Tone::Bad, refused(lab.locale, &what, &refusal));
        }
    }
}

pub(crate) fn session_me_ask(lab: Lab) -> Ask<'static> {
    Ask {
        mode: Mode::Session,
        kind: RowKind::CallMe,
        label: say!(lab.locale, outcome.action.call_me),
        method: "GET",
        path: "/api/session/me",
        bearer: None,
    }
}

pub(crate) fn session_me_done(
    lab: Lab,
    answered: Answered<SessionMe>,
    trace: Option<&RequestTrace>,
) {
    let refusal = match answered.answer {
        Ok(me) => {
            lab.session_times.set(Some(SessionTimes {
                idle_expires_at: me.idle_expires_at,
                absolute_expires_at: me.absolute_expires_at,
            }));
            let locale = lab.locale;
            let idle = lab.clock_time_now(me.idle_expires_at);
            let change = match present::idle_change(trace, &me) {
                IdleChange::Moved => say!(locale, outcome.session.idle_moved, idle),
                IdleChange::Unchanged => say!(locale, outcome.session.idle_unchanged, idle),
                IdleChange::Capped => say!(locale, outcome.session.idle_capped, idle),
                IdleChange::Unknown => say!(locale, outcome.session.idle_unknown, idle),
            };
            let text = say!(locale, outcome.session.me, user = &me.username, change);
            banner(lab, Tone::Good, text);
            return;
        }
        Err(refusal) => refusal,
    };
    lab.session_times.set(None);
    let locale = lab.locale;
    let text = match refusal.reason {
        Reason::Expired => say!(locale, outcome.session.expired),
        Reason::NoCookie => say!(locale, outcome.session.no_cookie),
        Reason::UnknownSession => say!(locale, outcome.session.unknown_session),
        _ => refused(
            locale,
            &say!(locale, outcome.what.request_refused),
            &refusal,
        ),
    };
    banner(lab, Tone::Warning, text);
}

pub(crate) fn session_logout_ask(lab: Lab) -> Ask<'static> {
    Ask {
        mode: Mode::Session,
        kind: RowKind::LogOut,
        label: say!(lab.locale, outcome.action.log_out),
        method: "POST",
        path: "/api/session/logout",
        bearer: None,
    }
}

pub(crate) fn session_logout_done(lab: Lab, answered: Answered<LogoutResponse>) {
    let logout = match answered.answer {
        Ok(logout) => logout,
        Err(refusal) => {
            let what = say!(lab.locale, outcome.what.logout_failed);
            banner(lab, Tone::Bad, refused(lab.locale, &what, &refusal));
            return;
        }
    };
    lab.session_times.set(None);
    lab.dead_session_id.set(logout.dead_session_id);
    let (tone, text) = if logout.server_state_changed {
        (Tone::Good, say!(lab.locale, outcome.session.logged_out))
    } else {
        (
            Tone::Warning,
            say!(lab.locale, outcome.session.nothing_to_delete),
        )
    };
    banner(lab, tone, text);
}

/// Which copy of the session cookie the attacker replays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theft {
    DeadCookie,
    LiveCookie,
}

/// The page's order to the lab endpoint that replays the cookie; `None` when there is
/// nothing to replay (no session ID revealed by a logout).
pub(crate) fn replay_ask(lab: Lab, theft: Theft) -> Option<(Ask<'static>, Option<String>)> {
    let (label, path, body) = match theft {
        Theft::DeadCookie => {
            let session_id = lab.dead_session_id.get_untracked()?;
            let body = serde_json::to_string(&ReplaySessionRequest { session_id }).ok();
            (
                say!(lab.locale, outcome.action.replay_dead_cookie),
                "/api/lab/replay-session",
                body,
            )
        }
        Theft::LiveCookie => (
            say!(lab.locale, outcome.action.replay_live_cookie),
            "/api/lab/replay-live-cookie",
            None,
        ),
    };
    let ask = Ask {
        mode: Mode::Session,
        kind: RowKind::ReplayOrder,
        label,
        method: "POST",
        path,
        bearer: None,
    };
    Some((ask, body))
}

/// What the replay showed: the replayed request's row (with `replayed`, the server's trace
/// of it) and the sentence.
pub(crate) fn replay_done(
    lab: Lab,
    theft: Theft,
    answered: Answered<ReplayResult>,
    replayed: Option<RequestTrace>,
) {
    let locale = lab.locale;
    let replay = match answered.answer {
        Ok(replay) => replay,
        Err(refusal) => {
            banner(
                lab,
                Tone::Warning,
                refused(locale, &say!(locale, outcome.what.replay_failed), &refusal),
            );
            return;
        }
    };
    let which = match theft {
        Theft::DeadCookie => say!(locale, outcome.which.dead_id),
        Theft::LiveCookie => say!(locale, outcome.which.live_copy),
    };
    record_replay(lab, &replay, theft, &which, answered.duration_ms, replayed);
    let status = replay.status;
    let (tone, text) = match (theft, &replay.body) {
        (Theft::DeadCookie, ReplayBody::Refused(error)) if status == 401 => {
            let reason = error.reason.as_deref().unwrap_or(&error.error);
            (
                Tone::Good,
                say!(locale, outcome.session.dead_refused, reason),
            )
        }
        (Theft::DeadCookie, _) => (Tone::Bad, say!(locale, outcome.session.dead_other, status)),
        (Theft::LiveCookie, ReplayBody::Me(me)) => (
            Tone::Bad,
            say!(
                locale,
                outcome.session.live_works,
                status,
                user = &me.username
            ),
        ),
        (Theft::LiveCookie, ReplayBody::Refused(error)) => {
            let reason = error.reason.as_deref().unwrap_or(&error.error);
            (
                Tone::Warning,
                say!(locale, outcome.session.live_refused, status, reason),
            )
        }
    };
    banner(lab, tone, text);
}

/// The replayed `GET /api/session/me` in the inspector, with the server's own trace and
/// timing of it (the lab request around it took longer).
fn record_replay(
    lab: Lab,
    replay: &ReplayResult,
    theft: Theft,
    which: &str,
    fallback_ms: f64,
    trace: Option<RequestTrace>,
) {
    let (kind, label) = match theft {
        Theft::DeadCookie => (
            RowKind::StolenDeadCookie,
            say!(lab.locale, outcome.action.attacker_dead_cookie),
        ),
        Theft::LiveCookie => (
            RowKind::StolenLiveCookie,
            say!(lab.locale, outcome.action.attacker_live_cookie),
        ),
    };
    let cookie_name = lab
        .last_set_cookie
        .get_untracked()
        .map(|line| present::CookieAttributes::parse(&line).name)
        .unwrap_or_else(|| "auth_lab_sid".into());
    let bytes = trace.as_ref().and_then(|t| t.cookie_bytes);
    let locale = lab.locale;
    let size = bytes
        .map(|n| present::bytes(locale, n))
        .unwrap_or_else(|| say!(locale, outcome.sent.size_unknown));
    let sent_auth = say!(
        locale,
        outcome.sent.replayed_cookie,
        name = cookie_name,
        which,
        bytes = size
    );
    if let Some(trace) = &trace {
        learn_from(lab, Mode::Session, trace);
    }
    push_row(
        lab,
        RequestRow {
            seq: 0,
            mode: Mode::Session,
            kind,
            action: label,
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
        },
    );
}

// ---- Token mode ----
// Split the same way: each request (`*_ask`) and what the page makes of its answer
// (`*_done`). A `*_done` that returns a token asks for it to be stored.

pub(crate) fn token_login_ask(lab: Lab) -> Ask<'static> {
    Ask {
        mode: Mode::Token,
        kind: RowKind::LogIn,
        label: say!(lab.locale, outcome.action.log_in),
        method: "POST",
        path: "/api/token/login",
        bearer: None,
    }
}

/// Says that the browser refused to store the token the server issued (storage full or
/// switched off): the page holds no token, whatever the login said.
pub(crate) fn storage_refused(lab: Lab, why: &str) {
    let text = say!(lab.locale, outcome.token.storage_refused, err = why);
    banner(lab, Tone::Bad, text);
}

/// What a token login's answer means for the page; the access token to store, if issued.
pub(crate) fn token_login_done(
    lab: Lab,
    answered: Answered<crate::api::TokenLoginResponse>,
) -> Option<String> {
    let issued = match answered.answer {
        Ok(issued) => issued,
        Err(refusal) => {
            let what = say!(lab.locale, outcome.what.login_refused);
            banner(lab, Tone::Bad, refused(lab.locale, &what, &refusal));
            return None;
        }
    };
    // Whose token it is, as the token itself says (its `sub`).
    let user = present::decode_jwt(&issued.access_token)
        .and_then(|jwt| jwt.payload.get("sub")?.as_str().map(str::to_owned))
        .unwrap_or_default();
    lab.kept_token.set(Some(issued.access_token.clone()));
    lab.token_leeway.set(Some(issued.leeway_secs));
    let with_refresh = issued.refresh.is_some();
    lab.refresh.set(issued.refresh);
    lab.thief_copy.set(None);
    let text = if with_refresh {
        say!(
            lab.locale,
            outcome.refresh.logged_in,
            user = &user,
            secs = issued.ttl.secs
        )
    } else {
        say!(lab.locale, outcome.token.logged_in, user = &user)
    };
    banner(lab, Tone::Good, text);
    Some(issued.access_token)
}

pub(crate) fn token_me_ask(lab: Lab, bearer: Option<&str>) -> Ask<'_> {
    Ask {
        mode: Mode::Token,
        kind: RowKind::CallMe,
        label: say!(lab.locale, outcome.action.call_me),
        method: "GET",
        path: "/api/token/me",
        bearer,
    }
}

pub(crate) fn token_me_done(lab: Lab, answered: Answered<crate::api::TokenMe>) {
    let refusal = match answered.answer {
        Ok(me) => {
            let text = say!(lab.locale, outcome.token.me, user = &me.username);
            banner(lab, Tone::Good, text);
            return;
        }
        Err(refusal) => refusal,
    };
    let locale = lab.locale;
    let text = match refusal.reason {
        Reason::Expired => {
            let exp = lab
                .token_exp
                .get_untracked()
                .map(|t| lab.clock_time_now(t))
                .unwrap_or_else(|| say!(locale, outcome.token.its_exp));
            say!(locale, outcome.token.expired, exp)
        }
        Reason::Missing => say!(locale, outcome.token.missing),
        Reason::Revoked => say!(locale, outcome.token.revoked),
        _ => refused(locale, &say!(locale, outcome.what.token_refused), &refusal),
    };
    banner(lab, Tone::Warning, text);
}

/// A token logout: the request, and its body (`revoke` asks the server to deny-list the
/// token until it expires).
pub(crate) fn token_logout_ask(lab: Lab, revoke: bool, bearer: Option<&str>) -> (Ask<'_>, String) {
    let ask = Ask {
        mode: Mode::Token,
        kind: RowKind::LogOut,
        label: if revoke {
            say!(lab.locale, outcome.action.log_out_revoke)
        } else {
            say!(lab.locale, outcome.action.log_out)
        },
        method: "POST",
        path: "/api/token/logout",
        bearer,
    };
    let body = serde_json::to_string(&TokenLogoutRequest { revoke }).unwrap_or_default();
    (ask, body)
}

/// What a token logout's answer means. Whatever it says, the page forgets its token
/// (the caller drops it from storage).
pub(crate) fn token_logout_done(lab: Lab, revoke: bool, answered: Answered<LogoutResponse>) {
    let locale = lab.locale;
    if answered
        .answer
        .as_ref()
        .is_ok_and(|logout| logout.refresh_family_revoked)
    {
        lab.refresh.set(None);
    }
    let until = |at: Option<i64>| {
        at.map(|t| lab.clock_time_now(t))
            .unwrap_or_else(|| say!(locale, outcome.token.it_expires))
    };
    let (tone, text) = match answered.answer {
        Ok(logout) if logout.refresh_family_revoked && !revoke => (
            Tone::Warning,
            say!(
                locale,
                outcome.refresh.family_revoked_out,
                until = until(logout.still_valid_until)
            ),
        ),
        Ok(logout) if logout.server_state_changed => {
            (Tone::Good, say!(locale, outcome.token.revoked_out))
        }
        Ok(logout) => (
            Tone::Warning,
            say!(
                locale,
                outcome.token.still_valid,
                until = until(logout.still_valid_until)
            ),
        ),
        Err(refusal) => (
            Tone::Warning,
            say!(
                locale,
                outcome.token.logout_refused,
                status = refusal.status,
                code = &refusal.code
            ),
        ),
    };
    banner(lab, tone, text);
}

/// The copy of the token the page kept, sent as an injected script could.
pub(crate) fn token_replay_ask(lab: Lab, copy: &str) -> Ask<'_> {
    Ask {
        mode: Mode::Token,
        kind: RowKind::CopiedToken,
        label: say!(lab.locale, outcome.action.replay_token),
        method: "GET",
        path: "/api/token/me",
        bearer: Some(copy),
    }
}

pub(crate) fn token_replay_done(lab: Lab, answered: Answered<crate::api::TokenMe>) {
    let (tone, text) = match answered.answer {
        Ok(_) => (Tone::Bad, say!(lab.locale, outcome.token.copy_works)),
        Err(refusal) => (
            Tone::Good,
            say!(
                lab.locale,
                outcome.token.copy_refused,
                status = refusal.status,
                code = &refusal.code
            ),
        ),
    };
    banner(lab, tone, text);
}
