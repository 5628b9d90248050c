//! Middleware that records each `/api` request for the trace log: what arrived (never the
//! values of credentials), the handler's own steps, and the status that went out.

use std::{
    future::Future,
    pin::Pin,
    task::{ready, Context, Poll},
    time::Instant,
};

use app::api::TraceStep;
use axum::{
    extract::{OriginalUri, Request},
    http::{header, HeaderValue},
    response::Response,
};
use pin_project_lite::pin_project;
use tower::{Layer, Service};

use super::TraceSteps;
use crate::{
    auth_state::Auth,
    core::trace::Trace,
    trace_log::{trace_id, Arrival, Recorded},
};

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

/// The lesson headers of a response, in order, with session IDs replaced by hints. The
/// values are shared with the response, except a redacted `Set-Cookie`.
fn lesson_headers(headers: &header::HeaderMap) -> Vec<(header::HeaderName, HeaderValue)> {
    LESSON_HEADERS
        .iter()
        .flat_map(|name| {
            headers.get_all(name).iter().map(move |value| {
                let value = if *name == header::SET_COOKIE {
                    value
                        .to_str()
                        .ok()
                        .and_then(|text| HeaderValue::from_str(&super::cookie::redact(text)).ok())
                        .unwrap_or_else(|| HeaderValue::from_static("(not text)"))
                } else {
                    value.clone()
                };
                (name.clone(), value)
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

/// What the layer notes before the handler runs; the rest comes from the response.
struct Arrived {
    auth: Auth,
    started: Instant,
    arrival: Arrival,
}

impl Arrived {
    fn note(auth: &Auth, request: &mut Request) -> Self {
        let cookie_bytes = header_bytes(request, header::COOKIE);
        let authorization_bytes = header_bytes(request, header::AUTHORIZATION);
        // A page's own tag: short and plain, or ignored.
        let page = request
            .headers()
            .get(app::api::PAGE_HEADER)
            .and_then(|v| v.to_str().ok())
            .filter(|v| v.len() <= 64 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
            .map(str::to_owned);
        let balancer = request
            .extensions_mut()
            .remove::<BalancerStep>()
            .map(|BalancerStep(step)| step);
        // Nesting strips the `/api` prefix from the URI the layer sees; report the path the
        // client really requested. Copied, never shared: hyper's `Uri` is a slice of the
        // connection's read buffer, which holds the request's `Cookie` and `Authorization`
        // values and often its body (a login's password). Sharing it would keep all of that
        // alive for as long as the trace is kept.
        let path = request
            .extensions()
            .get::<OriginalUri>()
            .map_or_else(|| request.uri().path(), |original| original.0.path())
            .into();
        Self {
            auth: auth.clone(),
            started: Instant::now(),
            arrival: Arrival {
                id: auth.traces.next_id(),
                at: auth.now(),
                method: request.method().clone(),
                path,
                page,
                cookie_bytes,
                authorization_bytes,
                balancer,
            },
        }
    }

    /// Logs the finished request as values (sizes, the status, the handler's typed
    /// steps): no text is written for it unless someone reads the trace.
    fn finish(self, mut response: Response) -> Response {
        let steps = response
            .extensions_mut()
            .remove::<TraceSteps>()
            .map_or_else(|| Trace::recording(false), |TraceSteps(steps)| steps);
        if let Ok(value) = HeaderValue::from_str(&trace_id(self.arrival.id)) {
            response.headers_mut().insert(TRACE_HEADER, value);
        }
        self.auth.traces.record(Recorded {
            arrival: self.arrival,
            status: response.status(),
            duration_ms: self.started.elapsed().as_secs_f64() * 1000.0,
            steps,
            response_headers: lesson_headers(response.headers()),
        });
        response
    }
}

/// Records a trace of every request through the routes it wraps. A plain tower layer, not
/// `middleware::from_fn`: that one boxes a clone of the inner service and the future for
/// every request, which the traced hot path could measure.
#[derive(Clone)]
pub struct RecordTraceLayer {
    auth: Auth,
}

impl RecordTraceLayer {
    pub fn new(auth: Auth) -> Self {
        Self { auth }
    }
}

impl<S> Layer<S> for RecordTraceLayer {
    type Service = RecordTrace<S>;

    fn layer(&self, inner: S) -> Self::Service {
        RecordTrace {
            inner,
            auth: self.auth.clone(),
        }
    }
}

#[derive(Clone)]
pub struct RecordTrace<S> {
    inner: S,
    auth: Auth,
}

impl<S> Service<Request> for RecordTrace<S>
where
    S: Service<Request, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = Recording<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request) -> Self::Future {
        let arrived = Arrived::note(&self.auth, &mut request);
        Recording {
            inner: self.inner.call(request),
            arrived: Some(arrived),
        }
    }
}

pin_project! {
    /// The handler's future, and what arrived, until the response is there to record.
    pub struct Recording<F> {
        #[pin]
        inner: F,
        arrived: Option<Arrived>,
    }
}

impl<F, E> Future for Recording<F>
where
    F: Future<Output = Result<Response, E>>,
{
    type Output = Result<Response, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let response = ready!(this.inner.poll(cx))?;
        Poll::Ready(Ok(match this.arrived.take() {
            Some(arrived) => arrived.finish(response),
            // Only if the handler's future answered twice, which a future may not do.
            None => response,
        }))
    }
}
