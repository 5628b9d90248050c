//! `server node`: one node of the cluster lab. It serves the same `/api` as the lab server
//! (sessions, tokens, traces) from its own memory, from a replicated memory or from Redis,
//! plus `/node/*`, which only the lab server may call. Started by the lab server, it exits
//! when its stdin closes, so it never outlives the lab server.

use std::{
    net::SocketAddr,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc,
    },
};

use app::api::{
    cluster::{NodeRow, NodeStatus},
    TraceStep,
};
use axum::{
    extract::{Path, Request, State},
    http::StatusCode,
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::{delete, get, post, put},
    Extension, Json, Router,
};
use tokio::io::AsyncReadExt;
use tower_sessions::session::{Id, Record};

use super::{
    loopback::Loopback, replica::Replicas, supervisor::SyncRequest, READY_LINE, ROUTE_HEADER,
    SECRET_ENV, SECRET_HEADER, TOKEN_KEY_ENV,
};
use crate::{
    api::trace_layer::BalancerStep,
    auth_state::{Auth, AuthSettings},
    core::{cluster::node_index, hint::hint, session::SessionRecord, token::TokenKey},
    store::SessionBackend,
    AppState,
};

/// Where a node keeps its sessions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeStore {
    Memory,
    Replicated,
    Redis(String),
}

fn parse_store(value: &str) -> Result<NodeStore, String> {
    match value {
        "memory" => Ok(NodeStore::Memory),
        "replicated" => Ok(NodeStore::Replicated),
        url if url.starts_with("redis://") || url.starts_with("rediss://") => {
            Ok(NodeStore::Redis(url.to_owned()))
        }
        _ => Err("expected `memory`, `replicated` or a redis:// URL".into()),
    }
}

fn parse_id(value: &str) -> Result<String, String> {
    node_index(value)
        .map(|_| value.to_owned())
        .ok_or_else(|| "expected node-1, node-2 or node-3".into())
}

#[derive(Debug, Clone, clap::Args)]
pub struct NodeArgs {
    /// `node-1`, `node-2` or `node-3`.
    #[arg(long, value_parser = parse_id)]
    pub id: String,
    /// `memory` (this process), `replicated` (this process, every write copied to the
    /// peers the lab server names) or a redis:// URL.
    #[arg(long, default_value = "memory", value_parser = parse_store)]
    pub store: NodeStore,
    /// Address to listen on; port 0 lets the system pick, and the node prints the result.
    #[arg(long, default_value = "127.0.0.1:0")]
    pub addr: SocketAddr,
    /// The HMAC key every node shares, base64url.
    #[arg(long, env = TOKEN_KEY_ENV, hide_env_values = true, value_parser = crate::config::parse_token_key)]
    pub token_key: TokenKey,
    /// The secret the lab server proves itself with on `/node/*`.
    #[arg(long, env = SECRET_ENV, hide_env_values = true)]
    pub secret: String,
    /// Clock leeway for token `exp` and `nbf`, as the lab server's own (0 to 5).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(i64).range(0..=5))]
    pub token_leeway_secs: i64,
    /// The session cookie gets `Secure` and the `__Secure-` prefix, as the lab server's does.
    #[arg(long)]
    pub secure_cookies: bool,
    /// Exit when stdin closes. The lab server starts its nodes with a pipe there, so the
    /// kernel ends them with it, however it ends.
    #[arg(long)]
    pub exit_with_stdin: bool,
}

/// What the node's own endpoints share.
#[derive(Clone, Debug)]
struct NodeContext(Arc<NodeInner>);

#[derive(Debug)]
struct NodeInner {
    secret: String,
    requests: AtomicU64,
}

/// Runs the node until its stdin closes.
pub async fn run(args: NodeArgs) {
    let settings = AuthSettings {
        cluster_node: true,
        secure_cookies: args.secure_cookies,
        ..AuthSettings::default()
    };
    let mut auth = Auth::new(settings)
        .with_token_key(args.token_key)
        .with_token_leeway(args.token_leeway_secs);
    match &args.store {
        NodeStore::Memory => {}
        NodeStore::Replicated => {
            let replicas = Replicas::new(Loopback::new(&args.secret));
            let backend = SessionBackend::replicated(auth.clock.clone(), replicas);
            auth = auth.with_sessions(backend);
        }
        NodeStore::Redis(url) => {
            let pool = crate::store::connect_redis(url)
                .await
                .unwrap_or_else(|err| panic!("invalid --store {url}: {err}"));
            auth = auth.with_redis(pool);
        }
    }
    let options = leptos::config::LeptosOptions::builder()
        .output_name(app::OUTPUT_NAME)
        .build();
    let state = AppState::new(options, auth);
    let context = NodeContext(Arc::new(NodeInner {
        secret: args.secret,
        requests: AtomicU64::new(0),
    }));
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .unwrap_or_else(|err| panic!("cannot listen on {}: {err}", args.addr));
    let local = listener
        .local_addr()
        .expect("a bound listener has an address");
    // The lab server waits for this line; logs go to stderr.
    println!("{READY_LINE} {local}");

    if args.exit_with_stdin {
        tokio::spawn(exit_when_stdin_closes());
    }
    let service = router(state, context).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
        .await
        .expect("the node stopped with an I/O error");
}

async fn exit_when_stdin_closes() {
    {
        let mut stdin = tokio::io::stdin();
        let mut buf = [0u8; 64];
        while matches!(stdin.read(&mut buf).await, Ok(n) if n > 0) {}
        std::process::exit(0);
    }
}

fn router(state: AppState, context: NodeContext) -> Router {
    let internal = Router::new()
        .route("/status", get(status))
        .route("/peers", put(set_peers))
        .route("/replica", get(all_records).put(take_copy))
        .route("/replica/{id}", delete(drop_copy))
        .route("/sync", post(sync))
        .route_layer(middleware::from_fn_with_state(
            context.clone(),
            require_secret,
        ));
    let api = crate::api::router(&state).layer(middleware::from_fn_with_state(
        context.clone(),
        count_and_route,
    ));
    Router::new()
        .nest("/api", api)
        .nest("/node", internal)
        .layer(Extension(context))
        .with_state(state)
}

/// Compares without stopping at the first difference.
fn same_secret(sent: &[u8], secret: &str) -> bool {
    sent.len() == secret.len()
        && sent
            .iter()
            .zip(secret.as_bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

fn from_lab_server(request: &Request, context: &NodeContext) -> bool {
    request
        .headers()
        .get(SECRET_HEADER)
        .is_some_and(|v| same_secret(v.as_bytes(), &context.0.secret))
}

async fn require_secret(
    State(context): State<NodeContext>,
    request: Request,
    next: Next,
) -> Response {
    if from_lab_server(&request, &context) {
        next.run(request).await
    } else {
        crate::error::ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "Only the lab server may call a node's /node endpoints.",
        )
        .into_response()
    }
}

/// Counts the requests the node serves, and turns the balancer's decision (trusted only
/// with the secret) into the first step of the request's trace.
async fn count_and_route(
    State(context): State<NodeContext>,
    mut request: Request,
    next: Next,
) -> Response {
    if !request.uri().path().starts_with("/inspect") {
        context.0.requests.fetch_add(1, Ordering::Relaxed);
    }
    let trusted = from_lab_server(&request, &context);
    request.headers_mut().remove(SECRET_HEADER);
    if let Some(route) = request.headers_mut().remove(ROUTE_HEADER) {
        if let Some(step) = trusted
            .then(|| serde_json::from_slice::<TraceStep>(route.as_bytes()).ok())
            .flatten()
        {
            request.extensions_mut().insert(BalancerStep(step));
        }
    }
    next.run(request).await
}

fn store_failure(err: impl std::fmt::Display) -> (StatusCode, String) {
    (StatusCode::SERVICE_UNAVAILABLE, err.to_string())
}

async fn status(
    State(auth): State<Auth>,
    Extension(context): Extension<NodeContext>,
) -> Json<NodeStatus> {
    let requests = context.0.requests.load(Ordering::Relaxed);
    let replicas = auth.sessions.replicas();
    let (copies_sent, copy_bytes_sent) = replicas.map_or((0, 0), Replicas::sent);
    // A node whose store is down still runs and still answers: the page must show the
    // process up and the store unreachable, not the node stopped.
    let (Ok(records), Ok(denylist)) = (
        auth.sessions.rows().await,
        auth.denylist.entries(auth.now()).await,
    ) else {
        return Json(NodeStatus {
            requests,
            copies_sent,
            copy_bytes_sent,
            store_unreachable: true,
            ..NodeStatus::default()
        });
    };
    let rows: Vec<NodeRow> = records
        .iter()
        .map(|(id, record, bytes)| NodeRow {
            id_hint: hint("sid", &id.to_string()),
            username: record
                .data
                .get(SessionRecord::KEY)
                .and_then(|login| login.get("username"))
                .and_then(|name| name.as_str())
                .unwrap_or_default()
                .to_owned(),
            bytes: *bytes,
            copy: replicas.is_some_and(|r| r.is_copy(id)),
        })
        .collect();
    Json(NodeStatus {
        sessions: rows.len(),
        bytes: rows.iter().map(|r| r.bytes).sum(),
        requests,
        copies: rows.iter().filter(|r| r.copy).count(),
        copies_sent,
        copy_bytes_sent,
        denylist: denylist.len(),
        rows,
        store_unreachable: false,
    })
}

fn not_replicated() -> (StatusCode, String) {
    (
        StatusCode::CONFLICT,
        "this node does not replicate its sessions".into(),
    )
}

async fn set_peers(
    State(auth): State<Auth>,
    Json(peers): Json<Vec<SocketAddr>>,
) -> Result<Json<usize>, (StatusCode, String)> {
    let replicas = auth.sessions.replicas().ok_or_else(not_replicated)?;
    let count = peers.len();
    replicas.set_peers(peers);
    Ok(Json(count))
}

async fn all_records(State(auth): State<Auth>) -> Result<Json<Vec<Record>>, (StatusCode, String)> {
    let rows = auth.sessions.rows().await.map_err(store_failure)?;
    Ok(Json(
        rows.into_iter().map(|(_, record, _)| record).collect(),
    ))
}

async fn take_copy(
    State(auth): State<Auth>,
    Json(record): Json<Record>,
) -> Result<StatusCode, (StatusCode, String)> {
    auth.sessions
        .receive_copy(&record)
        .await
        .map_err(|_| not_replicated())?;
    Ok(StatusCode::NO_CONTENT)
}

async fn drop_copy(
    State(auth): State<Auth>,
    Path(id): Path<String>,
) -> Result<StatusCode, (StatusCode, String)> {
    let id: Id = id
        .parse()
        .map_err(|_| (StatusCode::BAD_REQUEST, "not a session ID".to_owned()))?;
    auth.sessions
        .drop_copy(&id)
        .await
        .map_err(|_| not_replicated())?;
    Ok(StatusCode::NO_CONTENT)
}

/// Copies every live session of a peer into this node, before it serves.
async fn sync(
    State(auth): State<Auth>,
    Json(request): Json<SyncRequest>,
) -> Result<Json<usize>, (StatusCode, String)> {
    let replicas = auth.sessions.replicas().ok_or_else(not_replicated)?;
    let records = replicas
        .fetch_all(request.from)
        .await
        .map_err(|e| (StatusCode::BAD_GATEWAY, e))?;
    for record in &records {
        auth.sessions
            .receive_copy(record)
            .await
            .map_err(store_failure)?;
    }
    Ok(Json(records.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_store_flag_takes_memory_replicated_or_a_redis_url() {
        assert_eq!(parse_store("memory"), Ok(NodeStore::Memory));
        assert_eq!(parse_store("replicated"), Ok(NodeStore::Replicated));
        assert_eq!(
            parse_store("redis://127.0.0.1:1"),
            Ok(NodeStore::Redis("redis://127.0.0.1:1".into()))
        );
        assert!(parse_store("postgres://x").is_err());
        assert!(parse_id("node-4").is_err());
    }

    #[test]
    fn the_secret_must_match_exactly() {
        assert!(same_secret(b"abc", "abc"));
        assert!(!same_secret(b"abd", "abc"));
        assert!(!same_secret(b"ab", "abc"));
        assert!(!same_secret(b"", "abc"));
    }
}
