//! Every (routing, store) pair, as the interview answers tell it: where the session lives,
//! what a node stop loses, what a Redis stop does, how far logout and revocation reach,
//! and that sticky routing re-pins after a failover.

use app::api::cluster::{ClusterStore, Routing};
use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::harness::{serial, sessions, Lab};

const STORES: [ClusterStore; 3] = [
    ClusterStore::Local,
    ClusterStore::Replicated,
    ClusterStore::Redis,
];

fn others(node: &str) -> Vec<&'static str> {
    ["node-1", "node-2", "node-3"]
        .into_iter()
        .filter(|n| *n != node)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn round_robin_on_local_memory_loses_the_session_at_the_first_request_to_another_node() {
    let _turn = serial();
    let mut lab = Lab::new();
    lab.configure(Routing::RoundRobin, ClusterStore::Local)
        .await;
    let login = lab.log_in("session").await;
    let home = login.node().to_owned();
    assert_eq!(
        lab.cookie("auth_lab_node"),
        None,
        "round robin pins nothing"
    );
    let view = lab.view().await;
    assert_eq!(
        sessions(&view).iter().sum::<usize>(),
        1,
        "one node holds it"
    );
    let holder = view.nodes.iter().find(|n| n.status.sessions == 1).unwrap();
    assert_eq!(
        (holder.id.as_str(), holder.status.rows[0].username.as_str()),
        (home.as_str(), "alice")
    );
    assert!(!holder.status.rows[0].copy);

    // The next request lands on another node, which has never heard of the session and
    // tells the browser to drop the cookie: one hop, and the login is gone everywhere.
    let miss = lab.me("session").await;
    assert_ne!(miss.node(), home);
    assert_eq!(
        (miss.status, miss.reason()),
        (StatusCode::UNAUTHORIZED, "unknown_session")
    );
    assert_eq!(
        lab.cookie("auth_lab_cluster_sid"),
        None,
        "the cookie was cleared"
    );
    let spread = lab.spread("session", 3).await;
    let nodes: std::collections::BTreeSet<&str> = spread.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(nodes.len(), 3, "round robin visits every node: {spread:?}");
    assert!(spread.iter().all(|(_, s)| *s == 401), "{spread:?}");
    // The record itself still sits on its node, unreachable, until it expires.
    assert_eq!(sessions(&lab.view().await).iter().sum::<usize>(), 1);
    lab.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sticky_on_local_memory_works_until_its_node_dies_then_repins_to_an_empty_node() {
    let _turn = serial();
    let mut lab = Lab::new();
    lab.configure(Routing::Sticky, ClusterStore::Local).await;
    let login = lab.log_in("session").await;
    let home = login.node().to_owned();
    assert_eq!(
        lab.cookie("auth_lab_node"),
        Some(home.as_str()),
        "pinned at login"
    );

    let spread = lab.spread("session", 5).await;
    assert!(
        spread.iter().all(|(n, s)| *n == home && *s == 200),
        "{spread:?}"
    );
    let view = lab.view().await;
    let hot = view.nodes.iter().find(|n| n.id == home).unwrap();
    assert_eq!(hot.status.requests, 6, "the pinned node took every request");
    assert!(view
        .nodes
        .iter()
        .filter(|n| n.id != home)
        .all(|n| n.status.requests == 0));

    let view = lab.stop(&home).await;
    assert!(!view.nodes.iter().find(|n| n.id == home).unwrap().up);
    let after = lab.me("session").await;
    assert_ne!(after.node(), home);
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        after.reason(),
        "unknown_session",
        "the session died with its node"
    );
    assert_eq!(
        lab.cookie("auth_lab_node"),
        Some(after.node()),
        "the balancer moved the pin to the node that took over"
    );
    let again = lab.me("session").await;
    assert_eq!(again.node(), after.node(), "and keeps the browser there");
    lab.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_clustering_copies_every_write_and_survives_a_node_stop_and_restart() {
    let _turn = serial();
    let mut lab = Lab::new();
    lab.configure(Routing::RoundRobin, ClusterStore::Replicated)
        .await;
    let login = lab.log_in("session").await;
    let home = login.node().to_owned();

    let view = lab.view().await;
    assert_eq!(sessions(&view), [1, 1, 1], "a copy on every node");
    for node in &view.nodes {
        assert_eq!(node.status.copies == 1, node.id != home, "{node:?}");
        assert_eq!(node.status.rows[0].copy, node.id != home);
    }
    let writer = view.nodes.iter().find(|n| n.id == home).unwrap();
    assert!(
        writer.status.copies_sent >= 2,
        "the login was copied to both peers: {writer:?}"
    );
    assert!(
        writer.status.copy_bytes_sent >= 2 * writer.status.bytes as u64,
        "{writer:?}"
    );

    let spread = lab.spread("session", 6).await;
    assert!(spread.iter().all(|(_, s)| *s == 200), "{spread:?}");

    lab.stop(&home).await;
    let spread = lab.spread("session", 4).await;
    assert!(
        spread.iter().all(|(n, s)| *n != home && *s == 200),
        "{spread:?}"
    );

    // A node that comes back copies the sessions of a live peer before it serves.
    let view = lab.start(&home).await;
    let back = view.nodes.iter().find(|n| n.id == home).unwrap();
    assert_eq!(
        (back.up, back.status.sessions, back.status.copies),
        (true, 1, 1),
        "{back:?}"
    );
    let spread = lab.spread("session", 3).await;
    assert!(spread.iter().any(|(n, _)| *n == home), "{spread:?}");
    assert!(spread.iter().all(|(_, s)| *s == 200), "{spread:?}");

    // Logout on one node deletes the copies on the others.
    let logout = lab
        .call(Method::POST, "/cluster/api/session/logout", Some(json!({})))
        .await;
    assert_eq!(logout.status, StatusCode::OK, "{logout:?}");
    assert_eq!(sessions(&lab.view().await), [0, 0, 0]);
    lab.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn central_redis_survives_node_stops_but_a_redis_stop_fails_every_node() {
    let _turn = serial();
    let mut lab = Lab::new();
    let view = lab.configure(Routing::Sticky, ClusterStore::Redis).await;
    assert!(
        view.redis.up && view.redis.managed && view.redis.pid.is_some(),
        "{view:?}"
    );
    let login = lab.log_in("session").await;
    let home = login.node().to_owned();
    assert_eq!(
        sessions(&lab.view().await),
        [1, 1, 1],
        "every node reads the one Redis"
    );

    lab.stop(&home).await;
    let after = lab.me("session").await;
    assert_eq!(
        (after.status, after.node() != home),
        (StatusCode::OK, true),
        "{after:?}"
    );
    assert_eq!(lab.cookie("auth_lab_node"), Some(after.node()), "re-pinned");
    lab.start(&home).await;

    let view = lab
        .control(Method::POST, "/api/cluster/redis/stop", None)
        .await;
    assert!(!view.redis.up && view.redis.pid.is_none(), "{view:?}");
    // Round robin, so that every node gets asked: all three have lost their store.
    lab.control(
        Method::PUT,
        "/api/cluster",
        Some(json!({ "routing": "round_robin" })),
    )
    .await;
    let mut nodes = std::collections::BTreeSet::new();
    for _ in 0..3 {
        let answer = lab.me("session").await;
        assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE, "{answer:?}");
        assert_eq!(answer.error(), "store_unavailable");
        nodes.insert(answer.node().to_owned());
    }
    assert_eq!(nodes.len(), 3);
    assert!(
        lab.cookie("auth_lab_cluster_sid").is_some(),
        "an outage keeps the cookie"
    );
    let view = lab
        .control(Method::POST, "/api/cluster/redis/start", None)
        .await;
    assert!(view.redis.up, "{view:?}");
    // This Redis keeps nothing on disk: the restart emptied it, and the nodes reconnect.
    let mut answer = lab.me("session").await;
    for _ in 0..40 {
        if answer.status != StatusCode::SERVICE_UNAVAILABLE {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        answer = lab.me("session").await;
    }
    assert_eq!(
        (answer.status, answer.reason()),
        (StatusCode::UNAUTHORIZED, "unknown_session")
    );
    lab.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_work_on_every_node_under_every_store_and_revocation_reaches_only_what_shares_the_deny_list(
) {
    let _turn = serial();
    let mut lab = Lab::new();
    for store in STORES {
        lab.configure(Routing::RoundRobin, store).await;
        let login = lab.log_in("token").await;
        let issuer = login.node().to_owned();
        let spread = lab.spread("token", 3).await;
        assert!(
            spread.iter().all(|(_, s)| *s == 200),
            "{store:?}: {spread:?}"
        );

        // Even with two nodes down, the signature is all a node needs.
        for node in others(&issuer) {
            lab.stop(node).await;
        }
        assert_eq!(lab.me("token").await.status, StatusCode::OK, "{store:?}");
        for node in others(&issuer) {
            lab.start(node).await;
        }

        // Revoke on one node, then replay the same token through the others.
        let revoked = lab
            .call(
                Method::POST,
                "/cluster/api/token/logout",
                Some(json!({ "revoke": true })),
            )
            .await;
        assert_eq!(revoked.status, StatusCode::OK, "{revoked:?}");
        let revoker = revoked.node().to_owned();
        let replays = lab.spread("token", 3).await;
        for (node, status) in &replays {
            let shared = store == ClusterStore::Redis || *node == revoker;
            let expected = if shared { 401 } else { 200 };
            assert_eq!(
                *status, expected,
                "{store:?}: revoked on {revoker}, replayed on {node}"
            );
        }
        lab.token = None;
    }
    lab.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_the_store_restarts_the_nodes_empty_and_changing_the_routing_does_not() {
    let _turn = serial();
    let mut lab = Lab::new();
    let before = lab
        .configure(Routing::RoundRobin, ClusterStore::Replicated)
        .await;
    lab.log_in("session").await;
    let pids: Vec<Option<u32>> = before.nodes.iter().map(|n| n.pid).collect();

    let view = lab
        .control(
            Method::PUT,
            "/api/cluster",
            Some(json!({ "routing": "sticky" })),
        )
        .await;
    assert_eq!(view.routing, Routing::Sticky);
    assert_eq!(view.nodes.iter().map(|n| n.pid).collect::<Vec<_>>(), pids);
    assert_eq!(sessions(&view), [1, 1, 1]);

    let view = lab
        .control(
            Method::PUT,
            "/api/cluster",
            Some(json!({ "store": "local" })),
        )
        .await;
    assert_eq!(view.store, ClusterStore::Local);
    assert!(
        view.nodes.iter().zip(&pids).all(|(n, old)| n.pid != *old),
        "new processes"
    );
    assert_eq!(sessions(&view), [0, 0, 0]);
    lab.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_routing_and_store_pair_after_a_stop_of_the_logins_node() {
    let _turn = serial();
    let mut lab = Lab::new();
    for store in STORES {
        for routing in [Routing::RoundRobin, Routing::Sticky] {
            let mut browser = lab.fresh_browser();
            lab.configure(routing, store).await;
            let home = browser.log_in("session").await.node().to_owned();
            let pinned = browser.cookie("auth_lab_node").map(str::to_owned);
            assert_eq!(
                pinned.is_some(),
                routing == Routing::Sticky,
                "{routing:?}/{store:?}"
            );

            lab.stop(&home).await;
            let after = browser.me("session").await;
            assert_ne!(after.node(), home);
            // Only a store that every node reads keeps the login past its node's death.
            let survives = store != ClusterStore::Local;
            assert_eq!(
                after.status == StatusCode::OK,
                survives,
                "{routing:?}/{store:?}: {after:?}"
            );
            if routing == Routing::Sticky {
                assert_eq!(
                    browser.cookie("auth_lab_node"),
                    Some(after.node()),
                    "re-pinned"
                );
            }
            lab.start(&home).await;
        }
    }
    lab.shutdown().await;
}
