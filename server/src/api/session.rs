//! Session mode: `/api/session/{login,me,logout}`. The state lives in the server's store;
//! the browser holds only an HttpOnly cookie with the session ID.

use std::collections::HashMap;

use app::api::{LoginRequest, LogoutResponse, SessionLoginResponse, SessionMe};
use axum::{
    extract::{DefaultBodyLimit, Request, State},
    http::{header, HeaderMap, StatusCode},
    middleware,
    response::{IntoResponse, Response},
    routing::{get, post},
    Json, Router,
};
use time::OffsetDateTime;
use tower_sessions::{
    session::{Id, Record},
    session_store, Expiry, Session, SessionStore,
};

use super::{
    client_ip::ClientIp, cookie, credentials, csrf, json::ApiJson, respond, LOGIN_BODY_LIMIT,
};
use crate::{
    auth_state::Auth,
    core::{
        hint::{hint, Hint},
        session::{self, SessionRecord, SessionRejection, Slide},
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
        // GETs skip that check. A GET /me does change one thing, it slides the idle expiry
        // (never past the absolute lifetime), and a cross-site top-level GET carries the
        // Lax cookie, so another site can keep a session alive; it cannot read the answer
        // (no CORS) or change anything else.
        .route("/session/me", get(get_me))
}

fn store_expires_at(record: &SessionRecord) -> OffsetDateTime {
    let at = record.absolute_expires_at + EXPIRED_RECORD_GRACE_SECS;
    OffsetDateTime::from_unix_timestamp(at).unwrap_or(OffsetDateTime::now_utc())
}

fn store_expiry(record: &SessionRecord) -> Expiry {
    Expiry::AtDateTime(store_expires_at(record))
}

/// The challenge on every session-mode 401: the session cookie, in the lab's scheme.
pub(crate) fn challenge(auth: &Auth) -> String {
    cookie::challenge(auth.settings.cookie_name())
}

/// Why a lookup produced no session, on its way to an HTTP answer: a rule of the core,
/// or a failure (with its cause, for the log).
#[derive(Debug)]
pub(crate) enum Refusal {
    Rule(SessionRejection),
    /// The store did not answer.
    Store(String),
    /// This server's own fault, such as a record that would not encode.
    Internal(String),
}

impl From<SessionRejection> for Refusal {
    fn from(rejection: SessionRejection) -> Self {
        Self::Rule(rejection)
    }
}

impl Refusal {
    /// Sorted by [`is_outage`].
    fn store(err: session_store::Error) -> Self {
        if is_outage(&err) {
            Self::Store(err.to_string())
        } else {
            Self::Internal(err.to_string())
        }
    }

    /// The code a page shows for this refusal (the API's `reason`, or its `error`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::Rule(rejection) => rejection.reason(),
            Self::Store(_) => SessionRejection::StoreUnavailable.reason(),
            Self::Internal(_) => "internal_error",
        }
    }

    /// The one mapping from a session rule to HTTP: 401 with the challenge (and a cleared
    /// cookie when it can never work again), 503 when the store did not answer, 500 for a
    /// fault of this server's.
    pub fn into_api_error(self, auth: &Auth) -> ApiError {
        let rejection = match self {
            Self::Rule(SessionRejection::StoreUnavailable) => {
                return ApiError::store_unavailable("no answer")
            }
            Self::Rule(rejection) => rejection,
            Self::Store(cause) => return ApiError::store_unavailable(cause),
            Self::Internal(cause) => return ApiError::internal(cause),
        };
        let err = ApiError::unauthenticated(rejection.reason(), rejection.message())
            .with_challenge(&challenge(auth));
        if rejection.clears_cookie() {
            err.with_set_cookie(&cookie::clear(&auth.settings).header)
        } else {
            err
        }
    }
}

/// Store errors split by whose fault they are: a backend that did not answer is an outage
/// (503); a record that would not encode or decode is this server's bug (500).
fn is_outage(err: &session_store::Error) -> bool {
    matches!(err, session_store::Error::Backend(_))
}

fn store_error(err: session_store::Error) -> ApiError {
    if is_outage(&err) {
        ApiError::store_unavailable(err)
    } else {
        ApiError::internal(err)
    }
}

fn session_error(err: tower_sessions::session::Error) -> ApiError {
    match err {
        tower_sessions::session::Error::Store(err) => store_error(err),
        other => ApiError::internal(other),
    }
}

/// The session ID the browser sent, with the trace step that says what arrived.
fn cookie_id(auth: &Auth, headers: &HeaderMap, trace: &mut Trace) -> Result<Id, Refusal> {
    let Some(raw) = cookie::read(headers, auth.settings.cookie_name()) else {
        trace.failed(StepKind::CookieReceived, "no session cookie on the request");
        return Err(SessionRejection::NoCookie.into());
    };
    match raw.parse::<Id>() {
        Ok(id) => {
            trace.ok_about(
                StepKind::CookieReceived,
                || Hint::of("sid", &raw),
                |sid| ("session cookie <id ", sid, ">"),
            );
            Ok(id)
        }
        Err(_) => {
            trace.failed(StepKind::CookieReceived, || {
                format!(
                    "cookie <{}> is not a session ID this server could have issued",
                    hint("sid", &raw)
                )
            });
            Err(SessionRejection::UnknownSession.into())
        }
    }
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
    if request.refresh {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_fields",
            "\"refresh\" belongs to a token login (/api/token/login); a session renews itself.",
        ));
    }
    if request.cookie.is_some() && !auth.settings.lab_cookie_options {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "cookie_options_disabled",
            "This server sets its own cookie attributes (--no-lab-cookie-options); send the login without \"cookie\".",
        ));
    }
    let applied = cookie::applied(&auth.settings, request.cookie.as_ref());
    let user = credentials::check(auth, client, request, trace)
        .await
        .map_err(|err| err.challenged_by(&challenge(auth)))?;
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
    trace.ok_about(
        StepKind::SessionCreated,
        || Hint::of("sid", &id),
        |sid| {
            format!(
                "stored <id {sid}> for {} (idle {}s, absolute {}s)",
                user.username, ttl.secs, auth.settings.session_absolute_secs
            )
        },
    );

    // The cookie lives exactly as long as the server-side session can.
    let set_cookie = cookie::session_with(
        &auth.settings,
        applied,
        &id,
        record.absolute_expires_at - now,
    );
    trace.info(StepKind::SetCookie, set_cookie.redacted);
    let body = SessionLoginResponse {
        username: record.username,
        role: record.role,
        mode: "session".into(),
        idle_expires_at: record.idle_expires_at,
        absolute_expires_at: record.absolute_expires_at,
        ttl,
        cookie: applied,
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
        session.cycle_id().await.map_err(session_error)?;
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
        .map_err(session_error)?;
    session.save().await.map_err(session_error)?;
    Ok(session
        .id()
        .ok_or_else(|| ApiError::internal("a saved session has no ID"))?
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

/// A live session for `username`, saved as a login saves it, minus the password check:
/// the security lab's attacker holding a session of their own. Returns its ID.
pub(crate) async fn start_for(auth: &Auth, username: &str, role: &str) -> Result<String, ApiError> {
    let record = SessionRecord::start(
        username,
        role,
        auth.now(),
        auth.settings.session_idle_secs,
        auth.settings.session_absolute_secs,
    );
    store_new_session(auth, None, &record, &mut Trace::recording(false)).await
}

/// Takes the whole request rather than a `HeaderMap`, which axum would clone.
async fn get_me(State(auth): State<Auth>, request: Request) -> Response {
    let mut trace = auth.trace();
    let result = match lookup(&auth, request.headers(), &mut trace).await {
        Ok(found) => Ok(Json(found.me()).into_response()),
        Err(refusal) => Err(refusal.into_api_error(&auth)),
    };
    respond(trace, result)
}

/// A live session, found for a request's cookie.
#[derive(Debug)]
pub(crate) struct Found {
    pub id: Id,
    pub record: SessionRecord,
    /// What this request did to the idle expiry.
    pub slide: Slide,
}

impl Found {
    pub fn me(&self) -> SessionMe {
        SessionMe {
            username: self.record.username.clone(),
            role: self.record.role.clone(),
            idle_expires_at: self.record.idle_expires_at,
            absolute_expires_at: self.record.absolute_expires_at,
            display_name: self.record.display_name.clone(),
        }
    }
}

/// Finds the live session for the request's cookie and records the activity (the idle
/// expiry slides). `/api/session/me` and the server-rendered `/session` page both adapt
/// this one function; the rule itself is [`session::admit`].
pub(crate) async fn lookup(
    auth: &Auth,
    headers: &HeaderMap,
    trace: &mut Trace,
) -> Result<Found, Refusal> {
    let id = cookie_id(auth, headers, trace)?;
    // Straight to the store and straight into the typed record: a tower-sessions
    // `Session` would build the record's JSON tree, clone it and then decode it, on every
    // request.
    let stored = auth
        .sessions
        .load_login(&id)
        .await
        .map_err(Refusal::store)?;
    let now = auth.now();
    let (record, slide) = match session::admit(stored, now) {
        Ok(found) => found,
        Err(rejection) => {
            if rejection == SessionRejection::UnknownSession {
                trace.failed(StepKind::StoreLookup, "miss: no record under this ID");
            } else {
                trace.failed(StepKind::StoreLookup, || {
                    format!("expired: {}", rejection.message())
                });
                auth.sessions.delete(&id).await.map_err(Refusal::store)?;
                trace.ok(StepKind::SessionDestroyed, "expired record deleted");
            }
            return Err(rejection.into());
        }
    };
    trace.ok(StepKind::StoreLookup, || {
        (
            "hit: ",
            record.username.clone(),
            " (",
            slide_from(slide) - now,
            "s of idle time were left)",
        )
    });

    // A read is not activity to the store, so the sliding window is saved explicitly, and
    // only when it really moved.
    match slide {
        Slide::Moved { from, to } => {
            save_record(auth, id, &record).await?;
            trace.ok(
                StepKind::IdleExtended,
                (
                    "idle expiry moved ",
                    to - from,
                    "s later, to ",
                    to,
                    " (Unix time); record saved",
                ),
            );
        }
        Slide::Unchanged { at } => trace.info(
            StepKind::IdleExtended,
            ("idle expiry stays ", at, " (Unix time): this request would not move it later (same second as the last request), nothing written"),
        ),
        Slide::Capped { at } => trace.info(
            StepKind::IdleExtended,
            ("idle expiry stays ", at, " (Unix time): capped by the absolute lifetime, nothing written"),
        ),
    }
    Ok(Found { id, record, slide })
}

/// Writes `record` under `id`, straight to the store.
pub(crate) async fn save_record(
    auth: &Auth,
    id: Id,
    record: &SessionRecord,
) -> Result<(), Refusal> {
    let value = serde_json::to_value(record)
        .map_err(|err| Refusal::Internal(format!("encoding the session record: {err}")))?;
    let stored = Record {
        id,
        data: HashMap::from([(SessionRecord::KEY.to_owned(), value)]),
        expiry_date: store_expires_at(record),
    };
    auth.sessions.save(&stored).await.map_err(Refusal::store)
}

/// The idle expiry before this request.
fn slide_from(slide: Slide) -> i64 {
    match slide {
        Slide::Moved { from, .. } => from,
        Slide::Unchanged { at } | Slide::Capped { at } => at,
    }
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
                .map_err(session_error)?
                .is_some();
            session.flush().await.map_err(session_error)?;
            if existed {
                trace.ok_about(
                    StepKind::SessionDestroyed,
                    || Hint::of("sid", &id.to_string()),
                    |sid| format!("record <id {sid}> deleted from the store"),
                );
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
        refresh_family_revoked: false,
    };
    Ok(([(header::SET_COOKIE, cleared.header)], Json(body)).into_response())
}
