//! The cluster's load balancer: `ANY /cluster/api/...` goes to one node's `/api/...`,
//! chosen by the routing rules. A node that refuses the connection is skipped; the answer
//! names its node in `x-served-by`, and the node's trace starts with the balancer's step.

use app::api::{Outcome, StepKind, TraceStep};
use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{header, request::Parts, HeaderName, HeaderValue, StatusCode, Uri},
    response::{IntoResponse, Response},
    routing::any,
    Router,
};

use super::{loopback::LoopbackError, Cluster, ROUTE_HEADER, SECRET_HEADER, SERVED_BY_HEADER};
use crate::{
    api::{cookie, trace_layer::TRACE_HEADER},
    core::cluster::{describe, node_index, Pick, NODE_IDS, STICKY_COOKIE},
    error::ApiError,
    AppState,
};

/// The balancer's public prefix; the rest of the path is the node's.
pub const PREFIX: &str = "/cluster";

/// Request bodies are buffered (a refused connection is retried on another node), so
/// they are capped like the API's own login bodies.
const BODY_LIMIT: usize = crate::api::LOGIN_BODY_LIMIT;

pub fn router() -> Router<AppState> {
    Router::new().route("/cluster/api/{*rest}", any(forward))
}

/// The part of a node's API the balancer serves: the auth contract and health.
fn forwarded(node_path: &str) -> bool {
    let path = node_path.split('?').next().unwrap_or(node_path);
    path == "/api/health" || path.starts_with("/api/session/") || path.starts_with("/api/token/")
}

/// Headers that describe one connection, not the message (RFC 9110, section 7.6.1).
fn hop_by_hop(name: &HeaderName) -> bool {
    matches!(
        name.as_str(),
        "connection"
            | "keep-alive"
            | "proxy-connection"
            | "proxy-authenticate"
            | "proxy-authorization"
            | "te"
            | "trailer"
            | "transfer-encoding"
            | "upgrade"
    )
}

fn no_node_available() -> Response {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "no_node_available",
        "No node of the cluster is up. Start one with POST /api/cluster/nodes/{id}/start.",
    )
    .into_response()
}

async fn forward(State(cluster): State<Cluster>, request: Request) -> Response {
    if let Err(err) = cluster.ensure_started().await {
        return super::control::refusal(err).into_response();
    }
    let (parts, body) = request.into_parts();
    let Some(node_path) = parts
        .uri
        .path_and_query()
        .and_then(|pq| pq.as_str().strip_prefix(PREFIX))
        .map(str::to_owned)
    else {
        return no_node_available();
    };
    let body = match axum::body::to_bytes(body, BODY_LIMIT).await {
        Ok(body) => body,
        Err(_) => {
            return ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                format!("The request body is over {BODY_LIMIT} bytes."),
            )
            .into_response()
        }
    };
    if let Some(rest) = node_path.strip_prefix("/api/inspect/") {
        return inspect(&cluster, &parts, rest).await;
    }
    if !forwarded(&node_path) {
        return ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "Through the cluster, only /cluster/api/session/*, /cluster/api/token/* and /cluster/api/health are served.",
        )
        .into_response();
    }

    let sticky = cookie::read(&parts.headers, STICKY_COOKIE);
    let mut unreachable = [false; 3];
    let mut unanswered = Vec::new();
    loop {
        let Some((pick, addr)) = cluster.pick(sticky.as_deref(), &unreachable) else {
            return no_node_available();
        };
        let step = balancer_step(&pick, &unanswered);
        let Some(outgoing) = node_request(&parts, &cluster, addr, &node_path, body.clone(), &step)
        else {
            return ApiError::internal("the forwarded request could not be built").into_response();
        };
        match cluster.loopback().send(outgoing).await {
            Ok(answer) => return answered(answer, &pick),
            Err(LoopbackError::Unreachable(why)) => {
                tracing::warn!(node = NODE_IDS[pick.node], %why, "node did not answer; trying another");
                unreachable[pick.node] = true;
                unanswered.push(pick.node);
            }
            Err(err) => {
                return ApiError::new(
                    StatusCode::BAD_GATEWAY,
                    "node_failed",
                    format!(
                        "{} took the request but did not answer it.",
                        NODE_IDS[pick.node]
                    ),
                )
                .with_cause(err.to_string())
                .into_response()
            }
        }
    }
}

fn balancer_step(pick: &Pick, unanswered: &[usize]) -> TraceStep {
    let mut detail = describe(pick);
    if !unanswered.is_empty() {
        let names: Vec<&str> = unanswered.iter().map(|i| NODE_IDS[*i]).collect();
        detail.push_str(&format!(" (did not answer: {})", names.join(", ")));
    }
    TraceStep {
        step: StepKind::Balancer,
        outcome: if pick.skipped.is_empty() && unanswered.is_empty() {
            Outcome::Info
        } else {
            Outcome::Failed
        },
        detail,
        hint: None,
    }
}

/// The request as the node receives it: the same method, path, headers and body, minus
/// hop-by-hop headers and anything a client sent in the cluster's own header names.
fn node_request(
    parts: &Parts,
    cluster: &Cluster,
    addr: std::net::SocketAddr,
    node_path: &str,
    body: Bytes,
    step: &TraceStep,
) -> Option<Request> {
    // The path came from a URI that parsed, and the internal values are ASCII.
    let uri: Uri = format!("http://{addr}{node_path}").parse().ok()?;
    let mut request = Request::new(Body::from(body));
    *request.method_mut() = parts.method.clone();
    *request.uri_mut() = uri;
    let headers = request.headers_mut();
    for (name, value) in &parts.headers {
        if !hop_by_hop(name) && name != SECRET_HEADER && name != ROUTE_HEADER {
            headers.append(name, value.clone());
        }
    }
    headers.insert(
        SECRET_HEADER,
        HeaderValue::from_str(cluster.loopback().secret()).ok()?,
    );
    let step = serde_json::to_string(step).ok()?;
    headers.insert(ROUTE_HEADER, HeaderValue::from_str(&step).ok()?);
    Some(request)
}

/// The node's answer as the browser receives it, with the node's name, a trace ID that
/// names the node too, and the sticky cookie when the pin is new or moved.
fn answered(answer: Response, pick: &Pick) -> Response {
    let node = NODE_IDS[pick.node];
    let (mut parts, body) = answer.into_parts();
    // Removed by name, so a header sent several times (Set-Cookie) keeps every value.
    let hop: Vec<HeaderName> = parts
        .headers
        .keys()
        .filter(|n| hop_by_hop(n))
        .cloned()
        .collect();
    for name in hop {
        parts.headers.remove(name);
    }
    let headers = &mut parts.headers;
    headers.insert(SERVED_BY_HEADER, HeaderValue::from_static(node));
    if let Some(trace) = headers.get(TRACE_HEADER).and_then(|v| v.to_str().ok()) {
        if let Ok(value) = HeaderValue::from_str(&format!("{node}.{trace}")) {
            headers.insert(TRACE_HEADER, value);
        }
    }
    if pick.set_cookie {
        let pin = format!("{STICKY_COOKIE}={node}; Path={PREFIX}; HttpOnly; SameSite=Lax");
        if let Ok(value) = HeaderValue::from_str(&pin) {
            headers.append(header::SET_COOKIE, value);
        }
    }
    if parts.status.is_server_error() {
        // The lab server logs every 5xx it sends; this one is the node's, and so is its log.
        parts.extensions.insert(crate::error::FailureCause(format!(
            "{node} answered {}; its own log says why",
            parts.status
        )));
    }
    Response::from_parts(parts, body)
}

/// `/cluster/api/inspect/trace/node-2.t5` reads trace `t5` from node-2, whatever the
/// routing: a trace lives on the node that served the request, and dies with it.
async fn inspect(cluster: &Cluster, parts: &Parts, rest: &str) -> Response {
    let not_found = |message: &str| {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message.to_owned()).into_response()
    };
    let Some((node, trace)) = rest
        .strip_prefix("trace/")
        .and_then(|id| id.split_once('.'))
    else {
        return not_found("Through the cluster, only /inspect/trace/{node}.{id} is served; GET /api/cluster shows each node's store.");
    };
    let Some(index) = node_index(node) else {
        return not_found("There is no such node.");
    };
    let Some(addr) = cluster.node_addr(index) else {
        return not_found("That node is down, and its traces went with it.");
    };
    let Ok(uri) = format!("http://{addr}/api/inspect/trace/{trace}").parse::<Uri>() else {
        return not_found("There is no such trace.");
    };
    let mut request = Request::new(Body::empty());
    *request.uri_mut() = uri;
    if let Some(accept) = parts.headers.get(header::ACCEPT) {
        request.headers_mut().insert(header::ACCEPT, accept.clone());
    }
    match cluster.loopback().send(request).await {
        Ok(answer) => {
            let mut answer = answer;
            answer
                .headers_mut()
                .insert(SERVED_BY_HEADER, HeaderValue::from_static(NODE_IDS[index]));
            answer
        }
        Err(_) => not_found("That node is down, and its traces went with it."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_auth_contract_and_health_are_forwarded() {
        for path in ["/api/session/me", "/api/token/login?x=1", "/api/health"] {
            assert!(forwarded(path), "{path}");
        }
        for path in [
            "/api/cluster",
            "/api/cluster/nodes/node-1/stop",
            "/api/lab/replay-session",
            "/node/status",
            "/api/healthz",
        ] {
            assert!(!forwarded(path), "{path}");
        }
    }
}
