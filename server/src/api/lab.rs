//! `/api/lab/*`: real requests the lab makes on the learner's behalf, such as replaying a
//! dead session cookie the way an attacker who copied it would.

use app::api::{ReplayResult, ReplaySessionRequest};
use axum::{
    body::Body,
    extract::State,
    http::{header, Request},
    response::{IntoResponse, Response},
    routing::post,
    Json, Router,
};
use http_body_util::BodyExt;
use tower::ServiceExt;

use super::{json::ApiJson, trace_layer::TRACE_HEADER};
use crate::{error::ApiError, AppState};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/lab/replay-session", post(replay_session))
        .route_layer(axum::middleware::from_fn(super::csrf::same_origin_json))
}

/// Sends `GET /api/session/me` with `Cookie: <name>=<id>` through the same API router
/// the browser talks to, and reports exactly what came back.
async fn replay_session(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<ReplaySessionRequest>,
) -> Response {
    let cookie = format!(
        "{}={}",
        state.auth.settings.cookie_name(),
        request.session_id
    );
    let Ok(replay) = Request::get("/api/session/me")
        .header(header::COOKIE, &cookie)
        .body(Body::empty())
    else {
        return ApiError::new(
            axum::http::StatusCode::BAD_REQUEST,
            "bad_request",
            "That session ID cannot be sent as a cookie.",
        )
        .into_response();
    };
    let api = Router::new()
        .nest("/api", super::router(&state))
        .with_state(state.clone());
    let Ok(response) = api.oneshot(replay).await;
    let status = response.status().as_u16();
    let trace_id = response
        .headers()
        .get(TRACE_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let bytes = response
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let body = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
    Json(ReplayResult {
        request: "GET /api/session/me with the old cookie".into(),
        status,
        body,
        trace_id,
    })
    .into_response()
}
