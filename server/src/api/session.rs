//! Session mode: `/api/session/{login,me,logout}`. The state lives in the server's store;
//! the browser holds only an HttpOnly cookie with the session ID.

use std::collections::HashMap;

use app::api::{LoginRequest, LogoutResponse, SessionLoginResponse, SessionMe};
use axum::{
    extract::{DefaultBodyLimit, Request, State},
    http::{header, HeaderMap},
    middleware,
    response::{IntoResponse, Response},
    routing::{get, post},
    Json, Router,
};
use time::OffsetDateTime;
use tower_sessions::{
    session::{Id, Record},
    Expiry, Session, SessionStore,
};

use super::{
    client_ip::ClientIp, cookie, credentials, csrf, json::ApiJson, respond, LOGIN_BODY_LIMIT,
};
use crate::{
    auth::Auth,
    core::{
        hint::hint,
        session::{SessionRecord, SessionState},
        trace::{StepKind, Trace},
        ttl::apply_ttl,
    },
    error::ApiError,
    AppState,
};

/// How long the store keeps a record past its absolute expiry, so that a late request
/// can still be told `expired` instead of `unknown_session`.
const EXPIRED_RECORD_GRACE_SECS: i64 = 300;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/session/login",
            post(login).layer(DefaultBodyLimit::max(LOGIN_BODY_LIMIT)),
        )
        .route("/session/logout", post(logout))
        // Every POST here either sets or uses the session cookie.
        .route_layer(middleware::from_fn(csrf::same_origin_json))
        // A GET changes nothing a forged request could want, so it skips that check.
        .route("/session/me", get(get_me))
}

fn store_expires_at(record: &SessionRecord) -> OffsetDateTime {
    let at = record.absolute_expires_at + EXPIRED_RECORD_GRACE_SECS;
    OffsetDateTime::from_unix_timestamp(at).unwrap_or(OffsetDateTime::now_utc())
}

fn store_expiry(record: &SessionRecord) -> Expiry {
    Expiry::AtDateTime(store_expires_at(record))
}

/// The session ID the browser sent, with the trace step that says what arrived.
fn cookie_id(auth: &Auth, headers: &HeaderMap, trace: &mut Trace) -> Result<Id, ApiError> {
    let Some(raw) = cookie::read(headers, auth.settings.cookie_name()) else {
        trace.failed(StepKind::CookieReceived, "no session cookie on the request");
        return Err(ApiError::unauthenticated(
            "no_cookie",
            "No session cookie was sent.",
        ));
    };
    match raw.parse::<Id>() {
        Ok(id) => {
            trace.ok(StepKind::CookieReceived, || {
                format!("session cookie <id {}>", hint("sid", &raw))
            });
            trace.about(|| hint("sid", &raw));
            Ok(id)
        }
        Err(_) => {
            trace.failed(StepKind::CookieReceived, || {
                format!(
                    "cookie <{}> is not a session ID this server could have issued",
                    hint("sid", &raw)
                )
            });
            Err(unknown_session(auth))
        }
    }
}

fn unknown_session(auth: &Auth) -> ApiError {
    ApiError::unauthenticated(
        "unknown_session",
        "The server has no session for this cookie.",
    )
    .with_set_cookie(&cookie::clear(&auth.settings).header)
}

async fn login(
    State(auth): State<Auth>,
    client: ClientIp,
    headers: HeaderMap,
    ApiJson(request): ApiJson<LoginRequest>,
) -> Response {
    let mut trace = auth.trace();
    let result = login_inner(&auth, client, &headers, &request, &mut trace).await;
    respond(trace, result)
}

pub(crate) async fn login_inner(
    auth: &Auth,
    client: ClientIp,
    headers: &HeaderMap,
    request: &LoginRequest,
    trace: &mut Trace,
) -> Result<Response, ApiError> {
    let user = credentials::check(auth, client, request, trace).await?;
    let ttl = apply_ttl(request.ttl_secs, auth.settings.session_idle_secs);
    let now = auth.now();
    let record = SessionRecord::start(
        &user.username,
        &user.role,
        now,
        ttl.secs,
        auth.settings.session_absolute_secs,
    );

    let previous =
        cookie::read(headers, auth.settings.cookie_name()).and_then(|raw| raw.parse::<Id>().ok());
    let id = store_new_session(auth, previous, &record, trace).await?;
    trace.ok(StepKind::SessionCreated, || {
        format!(
            "stored <id {}> for {} (idle {}s, absolute {}s)",
            hint("sid", &id),
            user.username,
            ttl.secs,
            auth.settings.session_absolute_secs
        )
    });
    trace.about(|| hint("sid", &id));

    // The cookie lives exactly as long as the server-side session can.
    let set_cookie = cookie::session(&auth.settings, &id, record.absolute_expires_at - now);
    trace.info(StepKind::SetCookie, set_cookie.redacted);
    let body = SessionLoginResponse {
        username: record.username,
        role: record.role,
        mode: "session".into(),
        idle_expires_at: record.idle_expires_at,
        absolute_expires_at: record.absolute_expires_at,
        ttl,
    };
    Ok(([(header::SET_COOKIE, set_cookie.header)], Json(body)).into_response())
}

/// Saves `record` under a fresh random ID and returns the ID. Whatever ID the browser held
/// before stops working: tower-sessions deletes it (session fixation defence).
async fn store_new_session(
    auth: &Auth,
    previous: Option<Id>,
    record: &SessionRecord,
    trace: &mut Trace,
) -> Result<String, ApiError> {
    let session = Session::new(previous, auth.sessions.clone(), Some(store_expiry(record)));
    if let Some(old) = previous {
        session
            .cycle_id()
            .await
            .map_err(ApiError::store_unavailable)?;
        trace.ok(StepKind::SessionIdCycled, || {
            format!(
                "old ID <id {}> deleted; a new ID replaces it",
                hint("sid", &old.to_string())
            )
        });
    }
    session
        .insert(SessionRecord::KEY, record)
        .await
        .map_err(ApiError::store_unavailable)?;
    session.save().await.map_err(ApiError::store_unavailable)?;
    Ok(session
        .id()
        .ok_or_else(|| ApiError::store_unavailable("saved session has no ID"))?
        .to_string())
}

/// Fills the store with `count` live sessions for `username`, each saved exactly as a login
/// saves it, minus the password check. Only `--seed-sessions` calls this: the benchmark
/// needs 100,000 sessions, and 100,000 Argon2 logins would take over half an hour.
pub async fn seed(auth: &Auth, username: &str, role: &str, count: usize) -> Result<(), ApiError> {
    let now = auth.now();
    for _ in 0..count {
        let record = SessionRecord::start(
            username,
            role,
            now,
            auth.settings.session_idle_secs,
            auth.settings.session_absolute_secs,
        );
        store_new_session(auth, None, &record, &mut Trace::recording(false)).await?;
    }
    Ok(())
}

/// Takes the whole request rather than a `HeaderMap`, which axum would clone.
async fn get_me(State(auth): State<Auth>, request: Request) -> Response {
    let mut trace = auth.trace();
    let result = lookup(&auth, request.headers(), &mut trace)
        .await
        .map(|me| Json(me).into_response());
    respond(trace, result)
}

/// Finds the live session for the request's cookie and records the activity (the idle
/// expiry slides). Shared by `/api/session/me` and the server-rendered `/session` page.
pub(crate) async fn lookup(
    auth: &Auth,
    headers: &HeaderMap,
    trace: &mut Trace,
) -> Result<SessionMe, ApiError> {
    let id = cookie_id(auth, headers, trace)?;
    // Straight to the store and straight into the typed record: a tower-sessions
    // `Session` would build the record's JSON tree, clone it and then decode it, on every
    // request.
    let Some(mut record) = auth
        .sessions
        .load_login(&id)
        .await
        .map_err(ApiError::store_unavailable)?
    else {
        trace.failed(StepKind::StoreLookup, "miss: no record under this ID");
        return Err(unknown_session(auth));
    };
    let now = auth.now();
    match record.state_at(now) {
        SessionState::Live => {}
        state => {
            let which = if state == SessionState::IdleExpired {
                "idle"
            } else {
                "absolute"
            };
            trace.failed(StepKind::StoreLookup, || {
                format!("expired: the {which} lifetime ended")
            });
            auth.sessions
                .delete(&id)
                .await
                .map_err(ApiError::store_unavailable)?;
            trace.ok(StepKind::SessionDestroyed, "expired record deleted");
            return Err(ApiError::unauthenticated(
                "expired",
                format!("The session's {which} lifetime ended."),
            )
            .with_set_cookie(&cookie::clear(&auth.settings).header));
        }
    }
    trace.ok(StepKind::StoreLookup, || {
        format!(
            "hit: {} ({}s of idle time left)",
            record.username,
            record.idle_expires_at - now
        )
    });

    // A read is not activity to the store, so the sliding window is moved and saved
    // explicitly, but only when it really moved: expiries are whole seconds, so a second
    // request within the same second (or one capped by the absolute lifetime) changes
    // nothing and costs no store write.
    let previous = record.touch(now);
    if record.idle_expires_at == previous {
        trace.info(StepKind::IdleExtended, || {
            format!(
                "idle expiry already {} (Unix time); nothing to write",
                record.idle_expires_at
            )
        });
    } else {
        let value = serde_json::to_value(&record).map_err(ApiError::store_unavailable)?;
        let stored = Record {
            id,
            data: HashMap::from([(SessionRecord::KEY.to_owned(), value)]),
            expiry_date: store_expires_at(&record),
        };
        auth.sessions
            .save(&stored)
            .await
            .map_err(ApiError::store_unavailable)?;
        trace.ok(StepKind::IdleExtended, || {
            format!(
                "idle expiry moved {}s later, to {} (Unix time)",
                record.idle_expires_at - previous,
                record.idle_expires_at
            )
        });
    }

    Ok(SessionMe {
        username: record.username,
        role: record.role,
        idle_expires_at: record.idle_expires_at,
        absolute_expires_at: record.absolute_expires_at,
    })
}

async fn logout(State(auth): State<Auth>, headers: HeaderMap) -> Response {
    let mut trace = auth.trace();
    let result = logout_inner(&auth, &headers, &mut trace).await;
    respond(trace, result)
}

pub(crate) async fn logout_inner(
    auth: &Auth,
    headers: &HeaderMap,
    trace: &mut Trace,
) -> Result<Response, ApiError> {
    let cleared = cookie::clear(&auth.settings);
    let (changed, dead_id) = match cookie_id(auth, headers, trace) {
        Ok(id) => {
            let session = Session::new(Some(id), auth.sessions.clone(), None);
            let existed = session
                .get::<SessionRecord>(SessionRecord::KEY)
                .await
                .map_err(ApiError::store_unavailable)?
                .is_some();
            session.flush().await.map_err(ApiError::store_unavailable)?;
            if existed {
                trace.ok(StepKind::SessionDestroyed, || {
                    format!(
                        "record <id {}> deleted from the store",
                        hint("sid", &id.to_string())
                    )
                });
                trace.about(|| hint("sid", &id.to_string()));
            } else {
                trace.info(StepKind::StoreLookup, "miss: nothing to delete");
            }
            (existed, existed.then(|| id.to_string()))
        }
        Err(_) => (false, None),
    };
    trace.info(StepKind::SetCookie, cleared.redacted);
    let message = if changed {
        "The server deleted your session. The old cookie value is now worthless, even to someone who copied it."
    } else {
        "There was no live session to delete; the cookie is cleared anyway."
    };
    let body = LogoutResponse {
        mode: "session".into(),
        server_state_changed: changed,
        message: message.into(),
        dead_session_id: dead_id,
        still_valid_until: None,
    };
    Ok(([(header::SET_COOKIE, cleared.header)], Json(body)).into_response())
}
