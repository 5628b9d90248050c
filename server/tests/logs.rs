//! Checklist item 9: no session ID, token or password ever reaches the server's logs.
//!
//! A binary of its own: it captures logs with a thread-local subscriber, and tracing caches
//! per call site whether anyone listens. Beside the other HTTP tests, their threads hit the
//! same call sites first and the capture came back nearly empty.

// The shared helpers of the HTTP tests; this binary uses only some of them.
#[allow(dead_code)]
#[path = "http/common.rs"]
mod common;

use std::{
    io::Write,
    sync::{Arc, Mutex},
};

use common::{cookie_pair, set_cookie, TestApp};
use serde_json::json;

/// Collects everything the fmt subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_full_round_trip_logs_no_secret_even_at_trace_level() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let app = TestApp::new();
    let login = app
        .post_json(
            "/api/session/login",
            json!({"username": "alice", "password": "wonderland"}),
        )
        .await;
    let cookie = cookie_pair(&set_cookie(&login).unwrap());
    let session_id = cookie.split_once('=').unwrap().1.to_owned();
    app.session_me(&cookie).await;
    app.session_logout(&cookie).await;
    app.get("/api/session/me").await;

    let token = app.token_for("bob", "builder").await;
    app.token_me(&format!("Bearer {token}")).await;
    app.token_me("Bearer a.b.c").await;

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("/api/session/me"),
        "the capture works: {logs}"
    );
    assert!(!logs.contains(&session_id), "a session ID reached the logs");
    let signature = token.rsplit('.').next().unwrap();
    assert!(
        !logs.contains(signature),
        "a token signature reached the logs"
    );
    for password in ["wonderland", "builder"] {
        assert!(!logs.contains(password), "a password reached the logs");
    }
}
