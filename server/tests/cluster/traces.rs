//! The balancer's decision is the first step of the node's own trace, which is read back
//! through the balancer from the node that holds it, and which dies with that node.

use app::api::cluster::{ClusterStore, Routing};
use axum::http::{Method, Request, StatusCode};
use serde_json::json;

use crate::harness::{serial, Lab};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_answer_names_its_node_and_its_trace_starts_with_the_balancer_step() {
    let _turn = serial();
    let mut lab = Lab::new();
    lab.configure(Routing::Sticky, ClusterStore::Local).await;
    let login = lab.log_in("session").await;
    let node = login.node().to_owned();
    let trace_id = login.headers["x-trace-id"].to_str().unwrap().to_owned();
    assert!(trace_id.starts_with(&format!("{node}.")), "{trace_id}");

    let trace = lab
        .get(&format!("/cluster/api/inspect/trace/{trace_id}"))
        .await;
    assert_eq!(trace.status, StatusCode::OK, "{trace:?}");
    assert_eq!(trace.node(), node);
    let steps = trace.body["steps"].as_array().unwrap();
    assert_eq!(steps[0]["step"], "balancer");
    assert_eq!(
        steps[0]["detail"],
        format!("sticky: no auth_lab_node cookie yet; {node} is next in turn and gets pinned")
    );
    assert!(
        steps.iter().any(|s| s["step"] == "session_created"),
        "{steps:?}"
    );

    // Stop the pinned node: the failover is in the next trace, and the old trace is gone.
    lab.stop(&node).await;
    let after = lab.me("session").await;
    let id = after.headers["x-trace-id"].to_str().unwrap().to_owned();
    let failover = lab.get(&format!("/cluster/api/inspect/trace/{id}")).await;
    let first = &failover.body["steps"][0];
    assert_eq!(first["outcome"], "failed", "{first}");
    assert!(
        first["detail"].as_str().unwrap().starts_with(&format!(
            "sticky: cookie auth_lab_node={node} but that node is down"
        )),
        "{first}"
    );
    let gone = lab
        .get(&format!("/cluster/api/inspect/trace/{trace_id}"))
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert!(gone.body["message"]
        .as_str()
        .unwrap()
        .contains("went with it"));
    lab.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_cannot_forge_the_balancer_step_or_reach_a_nodes_internal_endpoints() {
    let _turn = serial();
    let lab = Lab::new();
    lab.state.cluster.ensure_started().await.unwrap();
    let forged = json!({ "step": "balancer", "outcome": "ok", "detail": "forged" }).to_string();
    let request = Request::builder()
        .uri("/cluster/api/session/me")
        .header("x-auth-lab-route", forged)
        .header("x-auth-lab-cluster", "guessed")
        .body(axum::body::Body::empty())
        .unwrap();
    let response = tower::ServiceExt::oneshot(server::app(lab.state.clone()), request)
        .await
        .unwrap();
    let id = response.headers()["x-trace-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let mut lab = lab;
    let trace = lab.get(&format!("/cluster/api/inspect/trace/{id}")).await;
    let details: Vec<&str> = trace.body["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["step"] == "balancer")
        .map(|s| s["detail"].as_str().unwrap())
        .collect();
    assert_eq!(details.len(), 1, "{details:?}");
    assert!(
        details[0].starts_with("round robin: next in turn is"),
        "{details:?}"
    );

    // Only the lab server's own requests reach /node/*; nothing routes there from outside.
    let outside = lab.call(Method::GET, "/cluster/node/status", None).await;
    assert_eq!(outside.status, StatusCode::NOT_FOUND);
    // Nor does a node's own API beyond the auth contract: the cluster has one controller.
    for path in [
        "/cluster/api/cluster",
        "/cluster/api/lab/replay-live-cookie",
    ] {
        let answer = lab.call(Method::GET, path, None).await;
        assert_eq!(
            (answer.status, answer.error()),
            (StatusCode::NOT_FOUND, "not_found"),
            "{path}"
        );
    }
    assert_eq!(lab.view().await.nodes.iter().filter(|n| n.up).count(), 3);
    lab.shutdown().await;
}
