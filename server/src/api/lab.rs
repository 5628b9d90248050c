//! `/api/lab/*`: real requests the lab makes on the learner's behalf, playing an attacker
//! who copied the session cookie: replaying the dead ID after logout, or the live one the
//! browser holds right now.

use super::json::ApiJson;
use crate::{error::ApiError, AppState};
use app::api::{ReplayBody, ReplayResult, ReplaySessionRequest};
use axum::{
    body::Body,
    extract::State,
    http::{header, HeaderMap, Request},
    response::{IntoResponse, Response},
    routing::post,
    Json, Router,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/lab/replay-session", post(replay_session))
        .route("/lab/replay-live-cookie", post(replay_live_cookie))
        .route_layer(axum::middleware::from_fn(super::csrf::same_origin_json))
}

/// Replays a session ID the page learned at logout.
async fn replay_session(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<ReplaySessionRequest>,
) -> Response {
    replay(
        &state,
        &request.session_id,
        page_of(&headers),
        "GET /api/session/me with the old cookie",
    )
    .await
}

/// The lab page that asked for a replay: the replayed request carries its tag, so that
/// page, which shows the replay itself, does not list it a second time as someone else's.
fn page_of(headers: &HeaderMap) -> Option<&axum::http::HeaderValue> {
    headers.get(app::api::PAGE_HEADER)
}

/// Copies the session cookie this very request carried (the browser attached it; no
/// script could read it) and replays it as a separate request that shares nothing else
/// with the browser: what an attacker holding a stolen live cookie gets.
async fn replay_live_cookie(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match super::cookie::read(&headers, state.auth.settings.cookie_name()) {
        Some(id) => {
            replay(
                &state,
                &id,
                page_of(&headers),
                "GET /api/session/me with a copy of the live cookie",
            )
            .await
        }
        None => ApiError::new(
            axum::http::StatusCode::BAD_REQUEST,
            "no_cookie",
            "This browser holds no session cookie to copy. Log in first.",
        )
        .into_response(),
    }
}

/// Sends `GET /api/session/me` with `Cookie: <name>=<id>` and nothing else through the
/// same API router the browser talks to, and reports exactly what came back.
async fn replay(
    state: &AppState,
    session_id: &str,
    page: Option<&axum::http::HeaderValue>,
    label: &str,
) -> Response {
    let cookie = format!("{}={}", state.auth.settings.cookie_name(), session_id);
    let mut replay = Request::get("/api/session/me").header(header::COOKIE, &cookie);
    if let Some(page) = page {
        replay = replay.header(app::api::PAGE_HEADER, page);
    }
    let Ok(replay) = replay.body(Body::empty()) else {
        return ApiError::new(
            axum::http::StatusCode::BAD_REQUEST,
            "bad_request",
            "That session ID cannot be sent as a cookie.",
        )
        .into_response();
    };
    let answer = super::through_api(state, replay).await;
    let (status, trace_id) = (answer.status, answer.trace_id);
    let Ok(body) = serde_json::from_slice::<ReplayBody>(&answer.body) else {
        return ApiError::internal("the replayed /api/session/me answered something unreadable")
            .into_response();
    };
    Json(ReplayResult {
        request: label.into(),
        status,
        body,
        trace_id,
    })
    .into_response()
}
