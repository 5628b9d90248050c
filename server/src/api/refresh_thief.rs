//! The refresh lab's thief: copies the refresh cookie the browser holds (no script can read
//! it, so the server keeps the copy, as a leaked backup or a malware dump would) and later
//! replays it through the real refresh endpoint. The copy follows the chain: when its
//! replay is answered with a new token, the thief keeps that one.

use std::{
    collections::VecDeque,
    sync::{Arc, Mutex},
};

use super::{cookie, json::ApiJson};
use crate::{core::hint::hint, error::ApiError, AppState};
use app::api::{RefreshCopied, RefreshReplayRequest, RefreshReplayResult};
use axum::{
    body::Body,
    extract::State,
    http::{header, HeaderMap, Request, StatusCode},
    response::{IntoResponse, Response},
    routing::post,
    Json, Router,
};

/// Copies kept at once; the oldest goes first. A copy is only worth anything while its
/// family lives, so a small bound loses nothing a learner would miss.
const POCKET_SIZE: usize = 256;

/// The thief's copies: (copy ID, refresh cookie value).
#[derive(Debug, Clone, Default)]
pub struct Pocket(Arc<Mutex<VecDeque<(String, String)>>>);

impl Pocket {
    fn put(&self, value: String) -> String {
        let id = crate::core::random::base64url(16);
        let mut copies = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if copies.len() >= POCKET_SIZE {
            copies.pop_front();
        }
        copies.push_back((id.clone(), value));
        id
    }

    fn get(&self, id: &str) -> Option<String> {
        let copies = self.0.lock().unwrap_or_else(|e| e.into_inner());
        copies.iter().find(|(k, _)| k == id).map(|(_, v)| v.clone())
    }

    fn replace(&self, id: &str, value: String) {
        let mut copies = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(entry) = copies.iter_mut().find(|(k, _)| k == id) {
            entry.1 = value;
        }
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        // Under the refresh path, because only there does the browser send the cookie.
        .route("/token/refresh/lab-copy", post(copy))
        .route("/lab/replay-refresh", post(replay))
        .route_layer(axum::middleware::from_fn(super::csrf::same_origin_json))
}

async fn copy(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let name = cookie::refresh_name(&state.auth.settings);
    let Some(value) = cookie::read(&headers, name) else {
        return ApiError::new(
            StatusCode::BAD_REQUEST,
            "no_cookie",
            "This browser holds no refresh cookie to copy. Log in with a refresh token first.",
        )
        .into_response();
    };
    let token_hint = hint("rt", &value);
    let copy_id = state.thief.put(value);
    Json(RefreshCopied {
        copy_id,
        token_hint,
    })
    .into_response()
}

/// Sends `POST /api/token/refresh` with the copied cookie and nothing else of the
/// browser's, through the same API router, and reports what came back.
async fn replay(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<RefreshReplayRequest>,
) -> Response {
    let Some(value) = state.thief.get(&request.copy_id) else {
        return ApiError::new(
            StatusCode::NOT_FOUND,
            "unknown_copy",
            "No copy with this ID is kept (the thief keeps the latest 256).",
        )
        .into_response();
    };
    let name = cookie::refresh_name(&state.auth.settings);
    let mut replay = Request::post("/api/token/refresh")
        .header(header::COOKIE, format!("{name}={value}"))
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(page) = headers.get(app::api::PAGE_HEADER) {
        replay = replay.header(app::api::PAGE_HEADER, page);
    }
    let Ok(replay) = replay.body(Body::from("{}")) else {
        return ApiError::internal("the copied cookie could not be sent").into_response();
    };
    let answer = super::through_api(&state, replay).await;
    // A rotation hands the thief the next token: it keeps that one.
    let rotated = answer
        .headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|line| line.split(';').next())
        .and_then(|pair| pair.split_once('='))
        .map(|(_, v)| v.to_owned())
        .filter(|v| !v.is_empty());
    if let Some(next) = rotated {
        state.thief.replace(&request.copy_id, next);
    }
    let body: serde_json::Value = serde_json::from_slice(&answer.body).unwrap_or_default();
    Json(RefreshReplayResult {
        request: "POST /api/token/refresh with the thief's copy of the refresh cookie".into(),
        status: answer.status,
        reason: body["reason"].as_str().map(str::to_owned),
        generation: body["refresh"]["generation"]
            .as_u64()
            .and_then(|g| usize::try_from(g).ok()),
        trace_id: answer.trace_id,
    })
    .into_response()
}
