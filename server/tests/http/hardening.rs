//! CSRF, failed-login limits, security headers and CORS, over HTTP.

use crate::common::{body_json, cookie_pair, json_request, set_cookie, TestApp};
use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};
use serde_json::json;

const HOST: &str = "127.0.0.1:3000";

async fn logged_in(app: &TestApp) -> String {
    let response = app
        .post_json(
            "/api/session/login",
            json!({"username": "alice", "password": "wonderland"}),
        )
        .await;
    cookie_pair(&set_cookie(&response).unwrap())
}

#[tokio::test]
async fn a_cross_site_form_post_cannot_log_the_user_out() {
    let app = TestApp::new();
    let cookie = logged_in(&app).await;
    let forged = Request::post("/api/session/logout")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, "http://evil.example")
        .header("sec-fetch-site", "cross-site")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, &cookie)
        .body(Body::from("x=1"))
        .unwrap();
    let response = app.send(forged).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(body_json(response).await["error"], "cross_site_request");
    assert_eq!(app.session_count().await, 1, "the session survived");
}

#[tokio::test]
async fn a_foreign_origin_is_refused_even_with_a_json_body() {
    let app = TestApp::new();
    let cookie = logged_in(&app).await;
    let request = json_request(
        "POST",
        "/api/session/logout",
        &json!({}),
        &[
            ("cookie", &cookie),
            ("host", HOST),
            ("origin", "http://evil.example"),
        ],
    );
    assert_eq!(app.send(request).await.status(), StatusCode::FORBIDDEN);
    let login = json_request(
        "POST",
        "/api/session/login",
        &json!({"username": "alice", "password": "wonderland"}),
        &[("sec-fetch-site", "cross-site")],
    );
    assert_eq!(
        app.send(login).await.status(),
        StatusCode::FORBIDDEN,
        "login CSRF too"
    );
    assert_eq!(app.session_count().await, 1);
}

#[tokio::test]
async fn a_same_origin_logout_without_json_is_415_and_with_json_succeeds() {
    let app = TestApp::new();
    let cookie = logged_in(&app).await;
    let plain = Request::post("/api/session/logout")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::COOKIE, &cookie)
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        app.send(plain).await.status(),
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    assert_eq!(app.session_count().await, 1);

    let good = json_request(
        "POST",
        "/api/session/logout",
        &json!({}),
        &[
            ("cookie", &cookie),
            ("host", HOST),
            ("origin", "http://127.0.0.1:3000"),
            ("sec-fetch-site", "same-origin"),
        ],
    );
    assert_eq!(app.send(good).await.status(), StatusCode::OK);
    assert_eq!(app.session_count().await, 0);
}

#[tokio::test]
async fn ten_failed_logins_then_429_with_retry_after_and_the_window_frees_itself() {
    let app = TestApp::new();
    let wrong = json!({"username": "alice", "password": "guess"});
    for attempt in 1..=10 {
        let response = app.post_json("/api/token/login", wrong.clone()).await;
        assert_eq!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "attempt {attempt}"
        );
    }
    let blocked = app
        .post_json(
            "/api/token/login",
            json!({"username": "alice", "password": "wonderland"}),
        )
        .await;
    assert_eq!(
        blocked.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    let retry_after: i64 = blocked.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    assert_eq!(body_json(blocked).await["error"], "too_many_attempts");

    // Another user is not affected, and the blocked one is free after the window.
    let bob = app
        .post_json(
            "/api/session/login",
            json!({"username": "bob", "password": "builder"}),
        )
        .await;
    assert_eq!(bob.status(), StatusCode::OK);
    app.clock.advance(retry_after);
    let again = app
        .post_json(
            "/api/token/login",
            json!({"username": "alice", "password": "wonderland"}),
        )
        .await;
    assert_eq!(again.status(), StatusCode::OK);
}

#[tokio::test]
async fn successful_logins_are_not_limited() {
    let app = TestApp::new();
    for _ in 0..130 {
        let response = app
            .post_json(
                "/api/token/login",
                json!({"username": "bob", "password": "builder"}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::new();
    for uri in [
        "/",
        "/api/health",
        "/api/session/me",
        "/api/no/such/endpoint",
        "/no/such/page",
    ] {
        let response = app.get(uri).await;
        let headers = response.headers();
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{uri}");
        assert_eq!(headers[header::REFERRER_POLICY], "same-origin", "{uri}");
        assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY", "{uri}");
        assert_eq!(
            headers["cross-origin-opener-policy"], "same-origin",
            "{uri}"
        );
        for name in [
            header::X_CONTENT_TYPE_OPTIONS,
            header::REFERRER_POLICY,
            header::X_FRAME_OPTIONS,
            header::CONTENT_SECURITY_POLICY,
        ] {
            assert_eq!(
                headers.get_all(&name).iter().count(),
                1,
                "{uri}: one {name}"
            );
        }
        if uri.starts_with("/api/") {
            assert_eq!(headers[header::CACHE_CONTROL], "no-store", "{uri}");
            assert_eq!(headers.get_all(header::CACHE_CONTROL).iter().count(), 1);
        }
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{uri}: {csp}");
    }
}

#[tokio::test]
async fn pages_get_a_nonce_csp_that_matches_their_hydration_script() {
    let app = TestApp::new();
    let response = app.get("/").await;
    let csp = response.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("'wasm-unsafe-eval'")
            && csp.contains("object-src 'none'")
            && csp.contains("base-uri 'none'")
    );
    assert!(!csp.contains("unsafe-inline"));
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap()
        .to_owned();
    let html = crate::common::body_text(response).await;
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the hydration script carries the nonce"
    );
    let second = app.get("/").await;
    assert!(
        !second.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .contains(&nonce),
        "fresh nonce per page"
    );
}

#[tokio::test]
async fn no_cors_headers_are_sent_to_another_origin() {
    let app = TestApp::new();
    let request = Request::get("/api/session/me")
        .header(header::ORIGIN, "http://evil.example")
        .body(Body::empty())
        .unwrap();
    let response = app.send(request).await;
    assert!(response
        .headers()
        .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
        .is_none());
    assert!(response
        .headers()
        .get(header::ACCESS_CONTROL_ALLOW_CREDENTIALS)
        .is_none());
    let preflight = Request::options("/api/session/logout")
        .header(header::ORIGIN, "http://evil.example")
        .header("access-control-request-method", "POST")
        .body(Body::empty())
        .unwrap();
    let response = app.send(preflight).await;
    assert!(response
        .headers()
        .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
        .is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_logins_hashes_one_password_at_a_time_through_the_gate() {
    use server::core::clock::{Clock, ManualClock, SystemClock};
    let clock = ManualClock::starting_at(SystemClock.now());
    let auth = server::auth_state::Auth::with_clock(
        server::auth_state::AuthSettings::default(),
        std::sync::Arc::new(clock.clone()),
    )
    .with_hash_limit(1);
    let app = std::sync::Arc::new(TestApp::from_auth(auth, clock));
    let logins: Vec<_> = (0..4)
        .map(|i| {
            let app = app.clone();
            tokio::spawn(async move {
                // Both endpoints and a wrong password all wait for the same gate.
                let (path, password) = match i % 3 {
                    0 => ("/api/session/login", "wonderland"),
                    1 => ("/api/token/login", "wonderland"),
                    _ => ("/api/session/login", "not-the-password"),
                };
                app.post_json(path, json!({"username": "alice", "password": password}))
                    .await
                    .status()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for login in logins {
        statuses.push(login.await.unwrap());
    }
    assert_eq!(
        statuses,
        [
            StatusCode::OK,
            StatusCode::OK,
            StatusCode::UNAUTHORIZED,
            StatusCode::OK
        ]
    );
    assert_eq!(
        app.auth.hash_gate.peak(),
        1,
        "the checks ran one after another"
    );
}
