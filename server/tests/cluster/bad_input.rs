//! Bad input to the control API and the balancer: a clear JSON error with the right 4xx,
//! and the cluster keeps running.

use app::api::cluster::{ClusterStore, Routing};
use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::harness::{serial, Lab};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_settings_nodes_and_redis_switches_are_refused_and_nothing_breaks() {
    let _turn = serial();
    let mut lab = Lab::new();
    lab.configure(Routing::RoundRobin, ClusterStore::Local)
        .await;
    let cases = [
        (
            Method::PUT,
            "/api/cluster",
            Some(json!({ "routing": "random" })),
            422,
            "invalid_fields",
        ),
        (
            Method::PUT,
            "/api/cluster",
            Some(json!({ "store": "postgres" })),
            422,
            "invalid_fields",
        ),
        (
            Method::PUT,
            "/api/cluster",
            Some(json!({ "nodes": 5 })),
            422,
            "invalid_fields",
        ),
        (
            Method::POST,
            "/api/cluster/nodes/node-9/stop",
            Some(json!({})),
            404,
            "unknown_node",
        ),
        (
            Method::POST,
            "/api/cluster/nodes/node-01/start",
            Some(json!({})),
            404,
            "unknown_node",
        ),
        (
            Method::POST,
            "/api/cluster/redis/stop",
            Some(json!({})),
            409,
            "redis_not_in_use",
        ),
        (
            Method::POST,
            "/api/cluster/nodes/node-1/reboot",
            Some(json!({})),
            404,
            "not_found",
        ),
    ];
    for (method, path, body, status, error) in cases {
        let answer = lab.call(method, path, body).await;
        assert_eq!(answer.status.as_u16(), status, "{path}: {answer:?}");
        assert_eq!(answer.error(), error, "{path}: {answer:?}");
    }
    let broken = lab.call(Method::PUT, "/api/cluster", None).await;
    assert_eq!(
        broken.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "{broken:?}"
    );

    let view = lab.view().await;
    assert_eq!(
        (view.routing, view.store),
        (Routing::RoundRobin, ClusterStore::Local)
    );
    assert!(view.nodes.iter().all(|n| n.up));
    lab.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_every_node_stopped_the_balancer_answers_503_no_node_available() {
    let _turn = serial();
    let mut lab = Lab::new();
    lab.configure(Routing::Sticky, ClusterStore::Local).await;
    for node in ["node-1", "node-2", "node-3"] {
        lab.stop(node).await;
    }
    let answer = lab.me("session").await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(answer.error(), "no_node_available");
    lab.start("node-2").await;
    assert_eq!(lab.me("session").await.node(), "node-2");
    lab.shutdown().await;
}
