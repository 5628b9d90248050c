//! Fixtures for the criterion benches in `benches/`: a router wired like the real server,
//! logins through it, and a throwaway redis-server.

use std::{
    net::TcpListener,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    Router,
};
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use server::{auth_state::Auth, AppState};
use tower::ServiceExt;

/// The real application router around `auth`, as `main.rs` builds it.
pub fn router(auth: Auth) -> Router {
    let leptos_options = LeptosOptions::builder()
        .output_name(app::OUTPUT_NAME)
        .site_root("target/site")
        .build();
    server::app(AppState::new(leptos_options, auth))
}

/// Sends one request through the router and returns its status, reading the whole body.
pub async fn send(router: &Router, request: Request<Body>) -> StatusCode {
    let response = router
        .clone()
        .oneshot(request)
        .await
        .expect("the router is infallible");
    let status = response.status();
    response
        .into_body()
        .collect()
        .await
        .expect("the body is readable");
    status
}

/// A GET with one extra header.
pub fn get(uri: &str, header: Option<(header::HeaderName, &str)>) -> Request<Body> {
    let mut builder = Request::get(uri);
    if let Some((name, value)) = header {
        builder = builder.header(name, value);
    }
    builder.body(Body::empty()).expect("a valid request")
}

/// Logs `alice` in through the router; returns the response's `Set-Cookie` value (for
/// session mode) or its body (for token mode).
pub async fn login(router: &Router, mode: &str) -> (Option<String>, serde_json::Value) {
    let request = Request::post(format!("/api/{mode}/login"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            r#"{"username":"alice","password":"wonderland"}"#,
        ))
        .expect("a valid request");
    let response = router.clone().oneshot(request).await.expect("infallible");
    assert_eq!(response.status(), StatusCode::OK, "{mode} login failed");
    let cookie = response
        .headers()
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(str::to_owned);
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (cookie, serde_json::from_slice(&bytes).expect("JSON body"))
}

/// A redis-server on a free loopback port, with nothing saved to disk; killed on drop.
pub struct Redis {
    child: Child,
    pub url: String,
}

impl Redis {
    pub fn start() -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .spawn()
            .expect("redis-server is installed (make bench installs Debian's)");
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "redis-server did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        Self {
            child,
            url: format!("redis://127.0.0.1:{port}"),
        }
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
