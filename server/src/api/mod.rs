//! The JSON API under `/api`. Each area exposes `router()`; unknown paths get a JSON 404
//! instead of the HTML page. Every answer carries `Cache-Control: no-store`.

pub(crate) mod client_ip;
pub(crate) mod cookie;
mod credentials;
pub(crate) mod csrf;
mod health;
pub(crate) mod inspect;
pub(crate) mod json;
mod lab;
mod lab_step;
mod refresh;
pub mod refresh_thief;
pub(crate) mod session;
pub(crate) mod token;
pub mod trace_layer;

pub use session::seed as seed_sessions;

use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Router,
};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::{core::trace::Trace, error::ApiError, AppState};

/// Login bodies are a username, a password and a number: 4 KiB is plenty.
pub const LOGIN_BODY_LIMIT: usize = 4 * 1024;

pub fn router(state: &AppState) -> Router<AppState> {
    // Requests that touch auth state are traced; health and inspection are not, so the
    // inspector does not fill up with its own polling.
    // Merged, not nested: each level of nesting costs every request a prefix strip and a
    // service clone, which `make bench` could see.
    let traced = Router::new()
        .merge(session::router())
        .merge(token::router())
        .merge(refresh::router())
        .merge(refresh_thief::router())
        .merge(crate::security_lab::targets::api_router())
        .merge(lab::router());
    // Auth answers must never be cached by the browser or a proxy.
    let no_store = SetResponseHeaderLayer::overriding(
        header::CACHE_CONTROL,
        HeaderValue::from_static(crate::cache_policy::NO_STORE),
    );
    // Set inside the trace, so that the trace's response headers show it.
    let traced = traced.layer(no_store.clone());
    // Without inspection nobody can read a trace, so the middleware is not even installed.
    let traced = if state.auth.settings.inspect {
        traced.route_layer(trace_layer::RecordTraceLayer::new(state.auth.clone()))
    } else {
        traced
    };
    let router = Router::new().merge(health::router());
    // The cluster is the lab server's to run: a node has no cluster of its own to control,
    // and no lab pages whose steps to run. The steps are not traced: the inspector shows
    // the requests they ask for, which the browser sends itself.
    let router = if state.auth.settings.cluster_node {
        router
    } else {
        router
            .merge(crate::cluster::control::router())
            .merge(crate::security_lab::step::router())
            .merge(lab_step::router())
    };
    // The traced routes already carry `no-store`: a second layer over them would be one
    // more boxed service to clone per request.
    router
        .nest("/inspect", inspect::router(state))
        .fallback(unknown_endpoint)
        .layer(no_store)
        .merge(traced)
}

async fn unknown_endpoint() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "There is no API endpoint at this path.",
    )
}

/// An answer of the API router to a request the lab made on someone's behalf.
pub(crate) struct Replayed {
    pub status: u16,
    pub headers: axum::http::HeaderMap,
    pub body: axum::body::Bytes,
    pub trace_id: Option<String>,
}

/// Sends `request` through the same `/api` router the browser talks to (a real request,
/// traced like any other) and collects the whole answer.
pub(crate) async fn through_api(
    state: &AppState,
    request: axum::http::Request<axum::body::Body>,
) -> Replayed {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let api = Router::new()
        .nest("/api", router(state))
        .with_state(state.clone());
    let Ok(response) = api.oneshot(request).await;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let trace_id = headers
        .get(trace_layer::TRACE_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = response
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    Replayed {
        status,
        headers,
        body,
        trace_id,
    }
}

/// The steps a handler recorded, carried in the response's extensions to the trace log.
#[derive(Debug, Clone, Default)]
pub struct TraceSteps(pub Trace);

/// Turns a handler's outcome into a response that carries its trace, success or failure.
pub fn respond(trace: Trace, result: Result<Response, ApiError>) -> Response {
    let mut response = match result {
        Ok(response) => response,
        Err(err) => err.into_response(),
    };
    // A trace that recorded nothing (inspection off) costs the response no extension map.
    if !trace.is_empty() {
        response.extensions_mut().insert(TraceSteps(trace));
    }
    response
}
