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

/// Total size of every value of a header (a browser may split cookies over lines).
fn header_bytes(request: &Request, name: header::HeaderName) -> Option<usize> {
    let mut values = request.headers().get_all(name).iter().peekable();
    values.peek()?;
    Some(values.map(|v| v.len()).sum())
}

fn describe(cookie: Option<usize>, authorization: Option<usize>) -> String {
    let cookie = match cookie {
        Some(bytes) => format!("Cookie header, {bytes} bytes (attached by the browser)"),
        None => "no Cookie header".into(),
    };
    let authorization = match authorization {
        Some(bytes) => format!("Authorization header, {bytes} bytes"),
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
    let cookie_bytes = header_bytes(&request, header::COOKIE);
    let authorization_bytes = header_bytes(&request, header::AUTHORIZATION);
    let mut steps = vec![TraceStep {
        step: StepKind::RequestReceived,
        outcome: Outcome::Info,
        detail: describe(cookie_bytes, authorization_bytes),
        hint: None,
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
        hint: None,
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
        cookie_bytes,
        authorization_bytes,
        steps,
    });
    response
}
