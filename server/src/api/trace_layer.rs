//! Middleware that turns each `/api` request into a [`RequestTrace`]: what arrived (never
//! the values of credentials), the handler's own steps, and the status that went out.

use std::time::Instant;

use app::api::{Outcome, RequestTrace, StepKind, TraceStep};
use axum::{
    extract::{OriginalUri, Request, State},
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};

use super::TraceSteps;
use crate::auth::Auth;

pub const TRACE_HEADER: &str = "x-trace-id";

fn describe_request(request: &Request) -> String {
    let headers = request.headers();
    let cookie = if headers.contains_key(header::COOKIE) {
        "Cookie header present (attached by the browser)"
    } else {
        "no Cookie header"
    };
    let authorization = match headers.get(header::AUTHORIZATION) {
        Some(value) => format!("Authorization header ({} bytes)", value.len()),
        None => "no Authorization header".into(),
    };
    format!("{cookie}; {authorization}")
}

pub async fn record_trace(State(auth): State<Auth>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = auth.traces.next_id();
    let at = auth.now();
    let method = request.method().to_string();
    // Nesting strips the `/api` prefix from the URI the middleware sees; report the path the
    // client really requested.
    let path = request.extensions().get::<OriginalUri>().map_or_else(
        || request.uri().path().to_owned(),
        |uri| uri.path().to_owned(),
    );
    let mut steps = vec![TraceStep {
        step: StepKind::RequestReceived,
        outcome: Outcome::Info,
        detail: describe_request(&request),
    }];

    let mut response = next.run(request).await;

    if let Some(TraceSteps(handler_steps)) = response.extensions_mut().remove::<TraceSteps>() {
        steps.extend(handler_steps);
    }
    let status = response.status();
    if status.is_server_error() {
        tracing::warn!(trace_id = %id, %status, %path, "request failed");
    }
    steps.push(TraceStep {
        step: StepKind::Responded,
        outcome: if status.is_success() {
            Outcome::Ok
        } else {
            Outcome::Failed
        },
        detail: status.to_string(),
    });
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(TRACE_HEADER, value);
    }
    auth.traces.record(RequestTrace {
        id,
        method,
        path,
        status: status.as_u16(),
        duration_ms: started.elapsed().as_secs_f64() * 1000.0,
        at,
        steps,
    });
    response
}
