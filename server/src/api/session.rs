//! Session mode: `/api/session/{login,me,logout}`. The state lives in the server's store;
//! the browser holds only an HttpOnly cookie with the session ID.

use app::api::{LoginRequest, LogoutResponse, SessionLoginResponse, SessionMe};
use axum::{
    extract::{DefaultBodyLimit, State},
    http::{header, HeaderMap},
    middleware,
    response::{IntoResponse, Response},
    routing::{get, post},
    Json, Router,
};
use time::OffsetDateTime;
use tower_sessions::{session::Id, Expiry, Session};

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
            "/login",
            post(login).layer(DefaultBodyLimit::max(LOGIN_BODY_LIMIT)),
        )
        .route("/me", get(get_me))
        .route("/logout", post(logout))
        // Every POST here either sets or uses the session cookie.
        .route_layer(middleware::from_fn(csrf::same_origin_json))
}

fn store_expiry(record: &SessionRecord) -> Expiry {
    let at = record.absolute_expires_at + EXPIRED_RECORD_GRACE_SECS;
    Expiry::AtDateTime(OffsetDateTime::from_unix_timestamp(at).unwrap_or(OffsetDateTime::now_utc()))
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
            trace.ok(
                StepKind::CookieReceived,
                format!("session cookie <id {}>", hint("sid", &raw)),
            );
            trace.about(hint("sid", &raw));
            Ok(id)
        }
        Err(_) => {
            trace.failed(
                StepKind::CookieReceived,
                format!(
                    "cookie <{}> is not a session ID this server could have issued",
                    hint("sid", &raw)
                ),
            );
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
    let mut trace = Trace::default();
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

    // Whatever ID the browser held before login stops working: tower-sessions deletes it
    // and the record is saved under a fresh random ID (session fixation defence).
    let previous =
        cookie::read(headers, auth.settings.cookie_name()).and_then(|raw| raw.parse::<Id>().ok());
    let session = Session::new(previous, auth.sessions.clone(), Some(store_expiry(&record)));
    if let Some(old) = previous {
        session
            .cycle_id()
            .await
            .map_err(ApiError::store_unavailable)?;
        trace.ok(
            StepKind::SessionIdCycled,
            format!(
                "old ID <id {}> deleted; a new ID replaces it",
                hint("sid", &old.to_string())
            ),
        );
    }
    session
        .insert(SessionRecord::KEY, &record)
        .await
        .map_err(ApiError::store_unavailable)?;
    session.save().await.map_err(ApiError::store_unavailable)?;
    let id = session
        .id()
        .ok_or_else(|| ApiError::store_unavailable("saved session has no ID"))?
        .to_string();
    trace.ok(
        StepKind::SessionCreated,
        format!(
            "stored <id {}> for {} (idle {}s, absolute {}s)",
            hint("sid", &id),
            user.username,
            ttl.secs,
            auth.settings.session_absolute_secs
        ),
    );
    trace.about(hint("sid", &id));

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

async fn get_me(State(auth): State<Auth>, headers: HeaderMap) -> Response {
    let mut trace = Trace::default();
    let result = lookup(&auth, &headers, &mut trace)
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
    let session = Session::new(Some(id), auth.sessions.clone(), None);
    let Some(mut record) = session
        .get::<SessionRecord>(SessionRecord::KEY)
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
            trace.failed(
                StepKind::StoreLookup,
                format!("expired: the {which} lifetime ended"),
            );
            session
                .delete()
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
    trace.ok(
        StepKind::StoreLookup,
        format!(
            "hit: {} ({}s of idle time left)",
            record.username,
            record.idle_expires_at - now
        ),
    );

    // tower-sessions does not treat a read as activity, so the sliding window is moved and
    // saved explicitly.
    let previous = record.touch(now);
    session
        .insert(SessionRecord::KEY, &record)
        .await
        .map_err(ApiError::store_unavailable)?;
    session.set_expiry(Some(store_expiry(&record)));
    session.save().await.map_err(ApiError::store_unavailable)?;
    trace.ok(
        StepKind::IdleExtended,
        format!(
            "idle expiry moved {}s later, to {} (Unix time)",
            record.idle_expires_at - previous,
            record.idle_expires_at
        ),
    );

    Ok(SessionMe {
        username: record.username,
        role: record.role,
        idle_expires_at: record.idle_expires_at,
        absolute_expires_at: record.absolute_expires_at,
    })
}

async fn logout(State(auth): State<Auth>, headers: HeaderMap) -> Response {
    let mut trace = Trace::default();
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
                trace.ok(
                    StepKind::SessionDestroyed,
                    format!(
                        "record <id {}> deleted from the store",
                        hint("sid", &id.to_string())
                    ),
                );
                trace.about(hint("sid", &id.to_string()));
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
