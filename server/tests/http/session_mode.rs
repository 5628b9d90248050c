//! Session mode over HTTP: the cookie round trip, ID cycling, forged cookies, sliding and
//! absolute expiry, and the shape of every answer.

use crate::common::{body_json, cookie_pair, credentials, json_request, set_cookie, TestApp};
use axum::http::{header, StatusCode};
use serde_json::{json, Value};
use server::auth_state::AuthSettings;

fn alice(ttl: Option<i64>) -> Value {
    credentials("alice", ttl)
}

/// Logs alice in and returns the `name=value` cookie pair and the login body.
async fn login(app: &TestApp, ttl: Option<i64>) -> (String, Value) {
    let login = app.session_login(ttl).await;
    (login.cookie, login.body)
}

#[tokio::test]
async fn login_me_logout_and_replaying_the_old_cookie_gets_unknown_session() {
    let app = TestApp::new();

    let response = app.post_json("/api/session/login", alice(None)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let header = set_cookie(&response).expect("Set-Cookie on login");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age="] {
        assert!(
            header.contains(attribute),
            "{attribute} missing from {header}"
        );
    }
    assert!(!header.contains("Domain"), "{header}");
    assert!(
        !header.contains("Secure"),
        "plain-http demo mode has no Secure: {header}"
    );
    let cookie = cookie_pair(&header);
    let body = body_json(response).await;
    assert_eq!(body["username"], "alice");
    assert_eq!(body["role"], "admin");
    assert_eq!(body["mode"], "session");
    assert_eq!(app.session_count().await, 1);

    let response = app.session_me(&cookie).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
    assert_eq!(body_json(response).await["username"], "alice");

    let response = app.session_logout(&cookie).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        set_cookie(&response).unwrap().contains("Max-Age=0"),
        "logout clears the cookie"
    );
    let body = body_json(response).await;
    assert_eq!(body["server_state_changed"], true);
    assert_eq!(
        format!("auth_lab_sid={}", body["dead_session_id"].as_str().unwrap()),
        cookie
    );
    assert_eq!(
        app.session_count().await,
        0,
        "the server record is destroyed"
    );

    let response = app.session_me(&cookie).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let body = body_json(response).await;
    assert_eq!(body["error"], "unauthenticated");
    assert_eq!(body["reason"], "unknown_session");
}

#[tokio::test]
async fn login_issues_a_new_id_and_the_previous_one_stops_working() {
    let app = TestApp::new();
    let (first, _) = login(&app, None).await;

    let response = app
        .send(json_request(
            "POST",
            "/api/session/login",
            &alice(None),
            &[("cookie", &first)],
        ))
        .await;
    let second = cookie_pair(&set_cookie(&response).unwrap());
    assert_ne!(first, second);
    assert_eq!(
        app.session_count().await,
        1,
        "the old record was deleted, not left behind"
    );
    assert_eq!(
        body_json(app.session_me(&first).await).await["reason"],
        "unknown_session"
    );
    assert_eq!(app.session_me(&second).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn forged_and_malformed_cookies_get_401_and_create_no_store_row() {
    let app = TestApp::new();
    // Well-formed (22 base64url characters) but never issued, then not an ID at all.
    for cookie in [
        "auth_lab_sid=AAAAAAAAAAAAAAAAAAAAAA",
        "auth_lab_sid=not-a-session-id",
        "auth_lab_sid=",
    ] {
        let response = app.session_me(cookie).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{cookie}");
        assert_eq!(
            body_json(response).await["reason"],
            "unknown_session",
            "{cookie}"
        );
        assert_eq!(app.session_count().await, 0, "{cookie}");
    }
    let response = app.get("/api/session/me").await;
    assert_eq!(body_json(response).await["reason"], "no_cookie");
}

#[tokio::test]
async fn each_authenticated_request_slides_the_idle_expiry() {
    let app = TestApp::new();
    let (cookie, login_body) = login(&app, Some(60)).await;
    let first_idle = login_body["idle_expires_at"].as_i64().unwrap();

    app.clock.advance(40);
    let body = body_json(app.session_me(&cookie).await).await;
    let slid = body["idle_expires_at"].as_i64().unwrap();
    assert_eq!(slid, first_idle + 40, "idle expiry moved to now + 60");

    app.clock.advance(40); // 80 s after login: past the first idle expiry, inside the new one
    assert_eq!(app.session_me(&cookie).await.status(), StatusCode::OK);

    app.clock.advance(60); // a full idle timeout without a request
    let response = app.session_me(&cookie).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(set_cookie(&response).unwrap().contains("Max-Age=0"));
    assert_eq!(body_json(response).await["reason"], "expired");
    assert_eq!(
        app.session_count().await,
        0,
        "the expired record is deleted"
    );
    assert_eq!(
        body_json(app.session_me(&cookie).await).await["reason"],
        "unknown_session"
    );
}

#[tokio::test]
async fn the_absolute_lifetime_ends_an_active_session_and_caps_the_cookie() {
    let app = TestApp::with_settings(AuthSettings {
        session_absolute_secs: 100,
        ..AuthSettings::default()
    });
    let response = app.post_json("/api/session/login", alice(Some(60))).await;
    let header = set_cookie(&response).unwrap();
    assert!(
        header.contains("Max-Age=100"),
        "cookie lives no longer than the session: {header}"
    );
    let cookie = cookie_pair(&header);
    let absolute = body_json(response).await["absolute_expires_at"]
        .as_i64()
        .unwrap();

    for _ in 0..3 {
        app.clock.advance(30);
        let body = body_json(app.session_me(&cookie).await).await;
        assert!(body["idle_expires_at"].as_i64().unwrap() <= absolute);
        assert_eq!(
            body["absolute_expires_at"].as_i64().unwrap(),
            absolute,
            "never extended"
        );
    }
    app.clock.advance(10); // 100 s after login, 10 s after the last request
    let response = app.session_me(&cookie).await;
    assert_eq!(body_json(response).await["reason"], "expired");
}

#[tokio::test]
async fn ttl_is_clamped_and_the_applied_value_is_reported() {
    let app = TestApp::new();
    let (_, body) = login(&app, Some(1)).await;
    assert_eq!(body["ttl"], json!({"secs": 2, "source": "clamped"}));
    let (_, body) = login(&app, Some(999_999)).await;
    assert_eq!(body["ttl"], json!({"secs": 86_400, "source": "clamped"}));
    let (_, body) = login(&app, None).await;
    assert_eq!(body["ttl"], json!({"secs": 900, "source": "default"}));
}

#[tokio::test]
async fn unknown_user_and_wrong_password_get_identical_answers() {
    let app = TestApp::new();
    let wrong_password = app
        .post_json(
            "/api/session/login",
            json!({"username": "alice", "password": "nope"}),
        )
        .await;
    let unknown_user = app
        .post_json(
            "/api/session/login",
            json!({"username": "mallory", "password": "nope"}),
        )
        .await;
    assert_eq!(wrong_password.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(unknown_user.status(), StatusCode::UNAUTHORIZED);
    assert!(set_cookie(&wrong_password).is_none() && set_cookie(&unknown_user).is_none());
    let (a, b) = (
        body_json(wrong_password).await,
        body_json(unknown_user).await,
    );
    assert_eq!(a, b);
    assert_eq!(a["error"], "invalid_credentials");
    assert_eq!(app.session_count().await, 0);
}

#[tokio::test]
async fn secure_mode_uses_the_host_prefix_and_secure() {
    let app = TestApp::with_settings(AuthSettings {
        secure_cookies: true,
        ..AuthSettings::default()
    });
    let response = app.post_json("/api/session/login", alice(None)).await;
    let header = set_cookie(&response).unwrap();
    assert!(header.starts_with("__Host-auth_lab_sid="), "{header}");
    assert!(header.contains("; Secure") && header.contains("Path=/") && !header.contains("Domain"));
    assert_eq!(
        app.session_me(&cookie_pair(&header)).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn logout_without_a_session_changes_nothing_but_still_clears_the_cookie() {
    let app = TestApp::new();
    let response = app
        .session_logout("auth_lab_sid=AAAAAAAAAAAAAAAAAAAAAA")
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(set_cookie(&response).unwrap().contains("Max-Age=0"));
    let body = body_json(response).await;
    assert_eq!(body["server_state_changed"], false);
    assert!(body.get("dead_session_id").is_none());
}

#[tokio::test]
async fn session_ids_are_128_random_bits_and_never_repeat() {
    let app = TestApp::new();
    let mut seen = std::collections::HashSet::new();
    for _ in 0..50 {
        let (cookie, _) = login(&app, None).await;
        let id = cookie.split_once('=').unwrap().1.to_owned();
        assert_eq!(id.len(), 22, "22 base64url characters carry 128 bits: {id}");
        assert!(id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert!(seen.insert(id), "an ID repeated");
    }
}
