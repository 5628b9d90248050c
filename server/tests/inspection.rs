//! The lab's evidence: per-request traces (by ID and live over SSE), the store view, and
//! the attacker replay. None of it may leak a live session ID, a signature or a password.

mod common;

use std::time::Duration;

use axum::{
    http::{header, StatusCode},
    response::Response,
};
use common::{body_json, cookie_pair, json_request, set_cookie, TestApp};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use server::auth::AuthSettings;

fn trace_id(response: &Response) -> String {
    response.headers()["x-trace-id"]
        .to_str()
        .unwrap()
        .to_owned()
}

async fn trace(app: &TestApp, id: &str) -> Value {
    let response = app.get(&format!("/api/inspect/trace/{id}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    body_json(response).await
}

fn step_names(trace: &Value) -> Vec<String> {
    trace["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["step"].as_str().unwrap().to_owned())
        .collect()
}

async fn session_login(app: &TestApp) -> (String, Response) {
    let response = app
        .post_json(
            "/api/session/login",
            json!({"username": "alice", "password": "wonderland"}),
        )
        .await;
    (cookie_pair(&set_cookie(&response).unwrap()), response)
}

#[tokio::test]
async fn a_session_request_trace_shows_each_step_without_the_id_or_password() {
    let app = TestApp::new();
    let (cookie, login) = session_login(&app).await;
    let session_id = cookie.split_once('=').unwrap().1.to_owned();
    let login_trace = trace(&app, &trace_id(&login)).await;
    assert_eq!(login_trace["method"], "POST");
    assert_eq!(login_trace["path"], "/api/session/login");
    assert_eq!(login_trace["status"], 200);
    assert_eq!(
        step_names(&login_trace),
        [
            "request_received",
            "credentials_checked",
            "session_created",
            "set_cookie",
            "responded"
        ]
    );

    let me = app.session_me(&cookie).await;
    let me_trace = trace(&app, &trace_id(&me)).await;
    assert_eq!(
        step_names(&me_trace),
        [
            "request_received",
            "cookie_received",
            "store_lookup",
            "idle_extended",
            "responded"
        ]
    );
    assert!(me_trace["steps"][0]["detail"]
        .as_str()
        .unwrap()
        .contains("attached by the browser"));

    for text in [login_trace.to_string(), me_trace.to_string()] {
        assert!(
            !text.contains(&session_id),
            "a live session ID leaked into a trace"
        );
        assert!(
            !text.contains("wonderland"),
            "the password leaked into a trace"
        );
    }
}

#[tokio::test]
async fn a_token_request_trace_shows_the_checks_without_the_signature() {
    let app = TestApp::new();
    let token = app.token_for("bob", "builder").await;
    let me = app.token_me(&format!("Bearer {token}")).await;
    let me_trace = trace(&app, &trace_id(&me)).await;
    assert_eq!(
        step_names(&me_trace),
        [
            "request_received",
            "bearer_received",
            "signature_checked",
            "header_checked",
            "claims_checked",
            "exp_checked",
            "denylist_checked",
            "responded"
        ]
    );
    let signature = token.rsplit('.').next().unwrap();
    assert!(!me_trace.to_string().contains(signature));
    assert_eq!(
        me_trace["authorization_bytes"].as_u64().unwrap() as usize,
        "Bearer ".len() + token.len()
    );
    assert!(me_trace["cookie_bytes"].is_null());
}

#[tokio::test]
async fn a_failed_request_is_traced_with_its_reason() {
    let app = TestApp::new();
    let response = app.get("/api/session/me").await;
    let failed = trace(&app, &trace_id(&response)).await;
    assert_eq!(failed["status"], 401);
    assert_eq!(failed["steps"][1]["outcome"], "failed");
    assert_eq!(
        failed["steps"].as_array().unwrap().last().unwrap()["outcome"],
        "failed"
    );
    let unknown = app.get("/api/inspect/trace/t999999").await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    assert_eq!(body_json(unknown).await["error"], "unknown_trace");
}

#[tokio::test]
async fn the_store_view_grows_with_sessions_and_not_with_tokens() {
    let app = TestApp::new();
    let empty = body_json(app.get("/api/inspect/store").await).await;
    assert_eq!(
        empty,
        json!({"backend": "memory", "sessions": [], "denylist": [], "count": 0, "total_bytes": 0})
    );

    let (cookie, _) = session_login(&app).await;
    let view = body_json(app.get("/api/inspect/store").await).await;
    assert_eq!(view["count"], 1);
    let row = &view["sessions"][0];
    assert_eq!(row["username"], "alice");
    assert_eq!(row["id_hint"].as_str().unwrap().len(), 8);
    assert!(!view.to_string().contains(cookie.split_once('=').unwrap().1));
    assert!(row["bytes"].as_u64().unwrap() > 50);
    assert_eq!(view["total_bytes"], row["bytes"]);

    let token = app.token_for("bob", "builder").await;
    assert_eq!(
        body_json(app.get("/api/inspect/store").await).await["count"],
        1,
        "a token adds nothing"
    );

    app.send(json_request(
        "POST",
        "/api/token/logout",
        &json!({"revoke": true}),
        &[("authorization", &format!("Bearer {token}"))],
    ))
    .await;
    let view = body_json(app.get("/api/inspect/store").await).await;
    assert_eq!(view["denylist"].as_array().unwrap().len(), 1);
    assert_eq!(view["denylist"][0]["jti_hint"].as_str().unwrap().len(), 8);
    assert_eq!(view["denylist"][0]["bytes"], 22 + 8);
    // A deny-list entry costs its 22-character jti plus an 8-byte expiry.
    let session_bytes = view["sessions"][0]["bytes"].as_u64().unwrap();
    assert_eq!(
        view["total_bytes"].as_u64().unwrap(),
        session_bytes + 22 + 8
    );
}

#[tokio::test]
async fn no_inspect_turns_the_inspection_endpoints_off() {
    let app = TestApp::with_settings(AuthSettings {
        inspect: false,
        ..AuthSettings::default()
    });
    for uri in [
        "/api/inspect/store",
        "/api/inspect/trace/t1",
        "/api/inspect/events",
    ] {
        let response = app.get(uri).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(body_json(response).await["error"], "not_found");
    }
    // The auth endpoints still work, and no trace is built or kept for them.
    let (cookie, login) = session_login(&app).await;
    assert_eq!(login.status(), StatusCode::OK);
    assert!(login.headers().get("x-trace-id").is_none());
    let me = app.session_me(&cookie).await;
    assert_eq!(me.status(), StatusCode::OK);
    assert!(me.headers().get("x-trace-id").is_none());
    assert!(app.auth.traces.get("t1").is_none(), "a trace was kept");
}

#[tokio::test]
async fn the_event_stream_delivers_each_trace_live() {
    let app = TestApp::new();
    let stream = app.get("/api/inspect/events").await;
    assert_eq!(stream.status(), StatusCode::OK);
    assert_eq!(stream.headers()[header::CONTENT_TYPE], "text/event-stream");
    let mut body = stream.into_body();

    let login = app
        .post_json(
            "/api/token/login",
            json!({"username": "bob", "password": "builder"}),
        )
        .await;
    let id = trace_id(&login);

    let mut received = String::new();
    while !received.contains("\n\n") {
        let frame = tokio::time::timeout(Duration::from_secs(5), body.frame())
            .await
            .expect("an event arrives")
            .expect("the stream stays open")
            .expect("a frame");
        if let Ok(data) = frame.into_data() {
            received.push_str(std::str::from_utf8(&data).unwrap());
        }
    }
    assert!(received.starts_with("event: trace\ndata: "), "{received}");
    let data = received
        .lines()
        .find_map(|l| l.strip_prefix("data: "))
        .unwrap();
    let event: Value = serde_json::from_str(data).unwrap();
    assert_eq!(event["id"], id.as_str());
    assert_eq!(event["path"], "/api/token/login");
}

#[tokio::test]
async fn replaying_a_dead_session_id_really_gets_401_unknown_session() {
    let app = TestApp::new();
    let (cookie, _) = session_login(&app).await;
    let logout = app.session_logout(&cookie).await;
    let dead = body_json(logout).await["dead_session_id"]
        .as_str()
        .unwrap()
        .to_owned();

    let replay = app
        .post_json("/api/lab/replay-session", json!({"session_id": dead}))
        .await;
    assert_eq!(replay.status(), StatusCode::OK);
    let result = body_json(replay).await;
    assert_eq!(result["status"], 401);
    assert_eq!(result["body"]["reason"], "unknown_session");
    let replay_trace = trace(&app, result["trace_id"].as_str().unwrap()).await;
    assert_eq!(replay_trace["path"], "/api/session/me");
    assert_eq!(replay_trace["status"], 401);
    assert_eq!(app.session_count().await, 0, "the replay created nothing");
}

#[tokio::test]
async fn replaying_a_live_session_id_shows_that_a_stolen_cookie_works() {
    let app = TestApp::new();
    let (cookie, _) = session_login(&app).await;
    let live = cookie.split_once('=').unwrap().1;
    let result = body_json(
        app.post_json("/api/lab/replay-session", json!({"session_id": live}))
            .await,
    )
    .await;
    assert_eq!(result["status"], 200);
    assert_eq!(result["body"]["username"], "alice");
}

/// The idle expiry is whole seconds: a second request within the same second has nothing to
/// move, and the trace says the store was not written. A second later it slides again.
#[tokio::test]
async fn a_request_in_the_same_second_moves_nothing_and_says_so() {
    let app = TestApp::new();
    let (cookie, _) = session_login(&app).await;
    app.clock.advance(3);
    let first = app.session_me(&cookie).await;
    let first_trace = trace(&app, &trace_id(&first)).await;
    let slid_to = body_json(first).await["idle_expires_at"].as_i64().unwrap();
    assert_eq!(first_trace["steps"][3]["outcome"], "ok");
    assert!(first_trace["steps"][3]["detail"]
        .as_str()
        .unwrap()
        .starts_with("idle expiry moved 3s later"));

    let again = app.session_me(&cookie).await;
    let again_trace = trace(&app, &trace_id(&again)).await;
    assert_eq!(body_json(again).await["idle_expires_at"], slid_to);
    assert_eq!(again_trace["steps"][3]["step"], "idle_extended");
    assert_eq!(again_trace["steps"][3]["outcome"], "info");
    assert_eq!(
        again_trace["steps"][3]["detail"],
        format!("idle expiry already {slid_to} (Unix time); nothing to write")
    );

    app.clock.advance(1);
    let later = body_json(app.session_me(&cookie).await).await;
    assert_eq!(later["idle_expires_at"].as_i64().unwrap(), slid_to + 1);
    // The store holds the moved expiry, not just the answer.
    let store = body_json(app.get("/api/inspect/store").await).await;
    let rows = store["sessions"].as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["idle_expires_at"], slid_to + 1, "{store}");
}

#[tokio::test]
async fn seeding_saves_live_sessions_as_a_login_would() {
    let app = TestApp::new();
    server::api::seed_sessions(&app.auth, "bob", "user", 25)
        .await
        .expect("memory store accepts");
    assert_eq!(app.session_count().await, 25);
    let store = body_json(app.get("/api/inspect/store").await).await;
    let rows = store["sessions"].as_array().unwrap();
    assert_eq!(rows.len(), 25);
    for row in rows {
        assert_eq!(row["username"], "bob", "{row}");
        assert!(row["idle_expires_at"].as_i64().unwrap() > app.clock_now());
    }
    let (cookie, _) = session_login(&app).await;
    assert_eq!(app.session_me(&cookie).await.status(), StatusCode::OK);
    assert_eq!(app.session_count().await, 26);
}
