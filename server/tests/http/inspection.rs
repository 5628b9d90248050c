//! The lab's evidence: per-request traces (by ID and live over SSE), the store view, and
//! the attacker replay. None of it may leak a live session ID, a signature or a password.

use std::time::Duration;

use crate::common::{body_json, json_request, step, TestApp};
use axum::http::{header, StatusCode};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use server::auth_state::AuthSettings;

fn step_names(trace: &Value) -> Vec<String> {
    trace["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["step"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_session_request_trace_shows_each_step_without_the_id_or_password() {
    let app = TestApp::new();
    let login = app.session_login(None).await;
    let (cookie, session_id) = (login.cookie.clone(), login.id().to_owned());
    let id = login.trace_id.expect("traced");
    let login_trace = app.trace(&id).await;
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
    let me_trace = app.trace_of(&me).await;
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
    assert!(step(&me_trace, "request_received")["detail"]
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
    let me_trace = app.trace_of(&me).await;
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
    let failed = app.trace_of(&response).await;
    assert_eq!(failed["status"], 401);
    assert_eq!(step(&failed, "cookie_received")["outcome"], "failed");
    assert_eq!(step(&failed, "responded")["outcome"], "failed");
    let unknown = app.get("/api/inspect/trace/t999999").await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    assert_eq!(body_json(unknown).await["error"], "unknown_trace");
}

#[tokio::test]
async fn a_query_string_is_never_kept_in_the_trace_log() {
    let app = TestApp::new();
    let secret = "eyJhbGciOiJIUzI1NiJ9.not-a-real-token.sig";
    let response = app
        .get(&format!("/api/token/me?access_token={secret}"))
        .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let id = crate::common::trace_id(&response).expect("traced");
    // What the log holds, not only what it shows: RFC 6750 tokens may ride in a query.
    let kept = app.auth.traces.get(&id).expect("kept");
    assert_eq!(&*kept.arrival.path, "/api/token/me");
    let shown = app.trace(&id).await;
    assert_eq!(shown["path"], "/api/token/me");
    assert!(!shown.to_string().contains("not-a-real-token"));
}

#[tokio::test]
async fn the_store_view_grows_with_sessions_and_not_with_tokens() {
    let app = TestApp::new();
    let empty = body_json(app.get("/api/inspect/store").await).await;
    assert_eq!(
        empty,
        json!({"backend": "memory", "sessions": [], "denylist": [], "refresh_families": [], "count": 0, "total_bytes": 0})
    );

    let cookie = app.session_login(None).await.cookie;
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

    app.token_revoke(&format!("Bearer {token}")).await;
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
    let login = app.session_login(None).await;
    assert!(login.trace_id.is_none());
    let me = app.session_me(&login.cookie).await;
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
    let id = crate::common::trace_id(&login).expect("traced");

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
    let cookie = app.session_login(None).await.cookie;
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
    let replay_trace = app.trace(result["trace_id"].as_str().unwrap()).await;
    assert_eq!(replay_trace["path"], "/api/session/me");
    assert_eq!(replay_trace["status"], 401);
    assert_eq!(app.session_count().await, 0, "the replay created nothing");
}

#[tokio::test]
async fn replaying_a_live_session_id_shows_that_a_stolen_cookie_works() {
    let app = TestApp::new();
    let login = app.session_login(None).await;
    let result = body_json(
        app.post_json("/api/lab/replay-session", json!({"session_id": login.id()}))
            .await,
    )
    .await;
    assert_eq!(result["status"], 200);
    assert_eq!(result["body"]["username"], "alice");
}

#[tokio::test]
async fn the_live_cookie_replay_copies_the_cookie_the_browser_sent() {
    let app = TestApp::new();
    let none = app
        .post_json("/api/lab/replay-live-cookie", json!({}))
        .await;
    assert_eq!(none.status(), StatusCode::BAD_REQUEST);
    assert_eq!(body_json(none).await["error"], "no_cookie");

    let login = app.session_login(None).await;
    let replay = app
        .send(json_request(
            "POST",
            "/api/lab/replay-live-cookie",
            &json!({}),
            &[("cookie", &login.cookie), ("x-auth-lab-page", "p1234")],
        ))
        .await;
    assert_eq!(replay.status(), StatusCode::OK);
    let result = body_json(replay).await;
    assert_eq!(result["status"], 200, "{result}");
    assert_eq!(result["body"]["username"], "alice");
    // The replayed request is traced as the asking page's, so its feed does not list it twice.
    let inner = app.trace(result["trace_id"].as_str().unwrap()).await;
    assert_eq!(inner["page"], "p1234");
    assert!(!inner.to_string().contains(login.id()));
}

#[tokio::test]
async fn a_trace_shows_the_lesson_headers_with_the_id_hidden() {
    let app = TestApp::new();
    let login = app
        .post_json(
            "/api/session/login",
            crate::common::credentials("alice", None),
        )
        .await;
    let sent = crate::common::set_cookie(&login).expect("a cookie");
    let id = crate::common::cookie_pair(&sent)
        .split_once('=')
        .unwrap()
        .1
        .to_owned();
    let trace = app.trace_of(&login).await;
    let headers = trace["response_headers"].as_array().unwrap();
    let line = |name: &str| {
        headers
            .iter()
            .find(|h| h["name"] == name)
            .unwrap_or_else(|| panic!("no {name} in {trace}"))["value"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(line("cache-control"), "no-store");
    let set_cookie = line("set-cookie");
    assert!(!set_cookie.contains(&id), "{set_cookie}");
    assert!(
        set_cookie.ends_with(sent.split_once(';').unwrap().1),
        "{set_cookie}"
    );

    let refused = app.get("/api/session/me").await;
    let trace = app.trace_of(&refused).await;
    assert!(trace["response_headers"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["name"] == "www-authenticate"
            && h["value"].as_str().unwrap().starts_with("Cookie ")));
    assert!(trace["page"].is_null(), "no page tag was sent");
}

/// The idle expiry is whole seconds: a second request within the same second has nothing to
/// move, and the trace says the store was not written. A second later it slides again.
#[tokio::test]
async fn a_request_in_the_same_second_moves_nothing_and_says_so() {
    let app = TestApp::new();
    let cookie = app.session_login(None).await.cookie;
    app.clock.advance(3);
    let first = app.session_me(&cookie).await;
    let first_trace = app.trace_of(&first).await;
    let slid_to = body_json(first).await["idle_expires_at"].as_i64().unwrap();
    let moved = step(&first_trace, "idle_extended");
    assert_eq!(moved["outcome"], "ok");
    assert!(moved["detail"]
        .as_str()
        .unwrap()
        .starts_with("idle expiry moved 3s later"));

    let again = app.session_me(&cookie).await;
    let again_trace = app.trace_of(&again).await;
    assert_eq!(body_json(again).await["idle_expires_at"], slid_to);
    let kept = step(&again_trace, "idle_extended");
    assert_eq!(kept["outcome"], "info");
    assert!(kept["detail"]
        .as_str()
        .unwrap()
        .contains("would not move it later (same second as the last request), nothing written"));

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
    let cookie = app.session_login(None).await.cookie;
    assert_eq!(app.session_me(&cookie).await.status(), StatusCode::OK);
    assert_eq!(app.session_count().await, 26);
}

/// Near the end of the absolute lifetime the idle expiry cannot move, and the trace (which
/// the page words its banner from) says it was held, not moved.
#[tokio::test]
async fn a_capped_idle_expiry_is_traced_as_not_written() {
    let app = TestApp::with_settings(AuthSettings {
        session_absolute_secs: 100,
        ..AuthSettings::default()
    });
    let cookie = app.session_login(Some(60)).await.cookie;
    app.clock.advance(50);
    let me = app.session_me(&cookie).await;
    let trace = app.trace_of(&me).await;
    let body = body_json(me).await;
    assert_eq!(body["idle_expires_at"], body["absolute_expires_at"]);
    app.clock.advance(1);
    let capped = app.session_me(&cookie).await;
    let trace_capped = app.trace_of(&capped).await;
    assert_eq!(step(&trace, "idle_extended")["outcome"], "ok");
    let held = step(&trace_capped, "idle_extended");
    assert_eq!(held["outcome"], "info");
    assert!(held["detail"]
        .as_str()
        .unwrap()
        .contains("capped by the absolute lifetime"));
}

/// The store reads the same clock as every rule: a record past its store expiry is gone
/// from the listing when the server's clock says so, not when the wall clock does.
#[tokio::test]
async fn the_store_forgets_expired_records_by_the_servers_clock() {
    let app = TestApp::with_settings(AuthSettings {
        session_absolute_secs: 100,
        ..AuthSettings::default()
    });
    let login = app.session_login(None).await;
    assert_eq!(app.session_count().await, 1);
    // The store keeps a record 300 s past its absolute expiry, to say `expired` rather
    // than `unknown_session`; after that the record is gone.
    app.clock.advance(100 + 300);
    assert_eq!(app.session_count().await, 0, "the store used another clock");
    let me = app.session_me(&login.cookie).await;
    assert_eq!(body_json(me).await["reason"], "unknown_session");
}
