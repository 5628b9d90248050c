//! `/api/cluster`: the cluster lab's control API. Reading the cluster starts it; the
//! writes change routing or store, and stop or start a node or the Redis. Beside them,
//! `/api/cluster/step` runs the lab page's steps and draws its board.

use app::{
    api::cluster::{ClusterUpdate, ClusterView},
    cluster_step::{self, StepAnswer},
    model::cluster_relay::{needs_fresh_view, StepRequest},
};
use axum::{
    extract::{DefaultBodyLimit, Path, RawQuery, State},
    http::StatusCode,
    routing::{get, post},
    Json, Router,
};

use super::{supervisor::ClusterError, Cluster};
use crate::{
    api::json::{self, ApiJson},
    error::ApiError,
    AppState,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cluster", get(view).put(update))
        .route("/cluster/nodes/{id}/stop", post(stop_node))
        .route("/cluster/nodes/{id}/start", post(start_node))
        .route("/cluster/redis/stop", post(stop_redis))
        .route("/cluster/redis/start", post(start_redis))
        .route(
            "/cluster/step",
            post(step).layer(DefaultBodyLimit::max(STEP_BODY_LIMIT)),
        )
        // Writes need a same-origin JSON request, like every other state change.
        .route_layer(axum::middleware::from_fn(
            crate::api::csrf::same_origin_json,
        ))
}

/// A refused or failed change as the API's error shape.
pub fn refusal(err: ClusterError) -> ApiError {
    match err {
        ClusterError::UnknownNode(id) => ApiError::new(
            StatusCode::NOT_FOUND,
            "unknown_node",
            format!("There is no node {id:?}; the nodes are node-1, node-2 and node-3."),
        ),
        ClusterError::RedisNotInUse => ApiError::new(
            StatusCode::CONFLICT,
            "redis_not_in_use",
            "The cluster uses Redis only under the redis store; switch to it first.",
        ),
        ClusterError::RedisNotManaged => ApiError::new(
            StatusCode::CONFLICT,
            "redis_not_managed",
            "This lab uses a Redis it did not start (--cluster-redis), so it will not stop or start it.",
        ),
        ClusterError::Start(cause) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "cluster_unavailable",
            "A cluster process would not start. The server has logged why.",
        )
        .with_cause(cause),
    }
}

type Answer = Result<Json<ClusterView>, ApiError>;

async fn view(State(cluster): State<Cluster>) -> Answer {
    cluster.ensure_started().await.map_err(refusal)?;
    Ok(Json(cluster.view().await))
}

async fn update(State(cluster): State<Cluster>, ApiJson(change): ApiJson<ClusterUpdate>) -> Answer {
    cluster.update(change).await.map(Json).map_err(refusal)
}

async fn stop_node(State(cluster): State<Cluster>, Path(id): Path<String>) -> Answer {
    cluster.stop_node(&id).await.map(Json).map_err(refusal)
}

async fn start_node(State(cluster): State<Cluster>, Path(id): Path<String>) -> Answer {
    cluster.start_node(&id).await.map(Json).map_err(refusal)
}

async fn stop_redis(State(cluster): State<Cluster>) -> Answer {
    cluster.stop_redis().await.map(Json).map_err(refusal)
}

async fn start_redis(State(cluster): State<Cluster>) -> Answer {
    cluster.start_redis().await.map(Json).map_err(refusal)
}

/// A step carries the page's log (at most 24 calls, some 3 KB) and, during a login, the
/// session hints the cluster held before it (about 13 bytes each). A cluster holding some
/// 18,000 sessions would push a login's report past this: it gets 413, and the page says
/// the action stopped.
const STEP_BODY_LIMIT: usize = 256 * 1024;

/// `POST /api/cluster/step?lang=en|ko`: one step of the `/cluster` page (see
/// `app::model::cluster_relay`), answered with the board drawn in that language.
async fn step(
    State(cluster): State<Cluster>,
    RawQuery(query): RawQuery,
    ApiJson(request): ApiJson<StepRequest>,
) -> Result<Json<StepAnswer>, ApiError> {
    let locale = crate::api::json::lang_query(query.as_deref())?;
    if request.action.is_some() {
        // As the old page's first read of /api/cluster did: a lab server restarted under an
        // open page starts its nodes again.
        cluster.ensure_started().await.map_err(refusal)?;
    }
    let view = if needs_fresh_view(&request) {
        cluster.view().await
    } else {
        cluster.last_view().await
    };
    cluster_step::run(locale, request, view)
        .map(Json)
        .map_err(|err| json::step_refusal("cluster", err))
}
