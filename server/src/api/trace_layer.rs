//! Middleware that turns each `/api` request into a [`RequestTrace`]: what arrived (never
//! the values of credentials), the handler's own steps, and the status that went out.

use std::time::Instant;

use app::api::{HeaderLine, Outcome, RequestTrace, StepKind, TraceStep};
use axum::{
    extract::{OriginalUri, Request, State},
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};

use super::TraceSteps;
use crate::auth_state::Auth;

pub const TRACE_HEADER: &str = "x-trace-id";

/// The cluster balancer's decision for this request, set on a node by its own middleware
/// (only when the lab server sent it); it becomes the trace's first step.
#[derive(Debug, Clone)]
pub struct BalancerStep(pub TraceStep);

/// Response headers a learner should see in the inspector.
const LESSON_HEADERS: [header::HeaderName; 4] = [
    header::SET_COOKIE,
    header::CACHE_CONTROL,
    header::WWW_AUTHENTICATE,
    header::RETRY_AFTER,
];

/// The lesson headers of a response, in order, with session IDs replaced by hints.
fn lesson_headers(headers: &header::HeaderMap) -> Vec<HeaderLine> {
    LESSON_HEADERS
        .iter()
        .flat_map(|name| {
            headers.get_all(name).iter().map(move |value| {
                let value = value.to_str().unwrap_or("(not text)");
                HeaderLine {
                    name: name.to_string(),
                    value: if *name == header::SET_COOKIE {
                        super::cookie::redact(value)
                    } else {
                        value.to_owned()
                    },
                }
            })
        })
        .collect()
}

/// Total size of every value of a header (a browser may split cookies over lines).
fn header_bytes(request: &Request, name: header::HeaderName) -> Option<usize> {
    let mut values = request.headers().get_all(name).iter().peekable();
    values.peek()?;
    Some(values.map(|v| v.len()).sum())
}

fn describe(cookie: Option<usize>, authorization: Option<usize>) -> String {
    use std::fmt::Write;
    // One string for the whole line: this runs on every traced request.
    let mut line = String::with_capacity(96);
    match cookie {
        Some(bytes) => {
            let _ = write!(
                line,
                "Cookie header, {bytes} bytes (attached by the browser)"
            );
        }
        None => line.push_str("no Cookie header"),
    }
    line.push_str("; ");
    match authorization {
        Some(bytes) => {
            let _ = write!(line, "Authorization header, {bytes} bytes");
        }
        None => line.push_str("no Authorization header"),
    }
    line
}

pub async fn record_trace(State(auth): State<Auth>, mut request: Request, next: Next) -> Response {
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
    // A page's own tag: short and plain, or ignored.
    let page = request
        .headers()
        .get(app::api::PAGE_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.len() <= 64 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        .map(str::to_owned);
    let cookie_bytes = header_bytes(&request, header::COOKIE);
    let authorization_bytes = header_bytes(&request, header::AUTHORIZATION);
    let mut steps = Vec::with_capacity(8);
    if let Some(BalancerStep(step)) = request.extensions_mut().remove::<BalancerStep>() {
        steps.push(step);
    }
    steps.push(TraceStep {
        step: StepKind::RequestReceived,
        outcome: Outcome::Info,
        detail: describe(cookie_bytes, authorization_bytes),
        hint: None,
    });

    let mut response = next.run(request).await;

    if let Some(TraceSteps(handler_steps)) = response.extensions_mut().remove::<TraceSteps>() {
        steps.extend(handler_steps);
    }
    let status = response.status();
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
        response_headers: lesson_headers(response.headers()),
        page,
    });
    response
}
