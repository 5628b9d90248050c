//! Bad input gets a clear JSON error with the right 4xx, never a panic or an HTML page.

use crate::common::{body_json, TestApp};
use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};

async fn post_raw(
    app: &TestApp,
    uri: &str,
    content_type: Option<&str>,
    body: impl Into<Body>,
) -> (StatusCode, serde_json::Value) {
    let mut request = Request::post(uri);
    if let Some(content_type) = content_type {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    let response = app.send(request.body(body.into()).unwrap()).await;
    (response.status(), body_json(response).await)
}

#[tokio::test]
async fn malformed_json_is_400_for_both_logins() {
    let app = TestApp::new();
    for uri in ["/api/session/login", "/api/token/login"] {
        let (status, body) = post_raw(&app, uri, Some("application/json"), "{\"username\": ").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        assert_eq!(body["error"], "malformed_json");
        assert!(body["message"].as_str().is_some());
    }
}

#[tokio::test]
async fn a_body_without_the_json_content_type_is_415() {
    let app = TestApp::new();
    let login = r#"{"username":"alice","password":"wonderland"}"#;
    for content_type in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
    ] {
        let (status, body) = post_raw(&app, "/api/session/login", content_type, login).await;
        assert_eq!(
            status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{content_type:?}"
        );
        assert_eq!(body["error"], "unsupported_media_type");
    }
    assert_eq!(app.session_count().await, 0);
}

#[tokio::test]
async fn wrong_field_types_are_422() {
    let app = TestApp::new();
    for bad in [
        r#"{"username":"alice"}"#,
        r#"{"username":1,"password":"x"}"#,
        r#"{"username":"a","password":"b","ttl_secs":"ten"}"#,
    ] {
        let (status, body) =
            post_raw(&app, "/api/token/login", Some("application/json"), bad).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert_eq!(body["error"], "invalid_fields");
    }
}

#[tokio::test]
async fn login_bodies_over_4_kib_are_413() {
    let app = TestApp::new();
    let padding = "x".repeat(5000);
    let big = format!(r#"{{"username":"alice","password":"{padding}"}}"#);
    for uri in ["/api/session/login", "/api/token/login"] {
        let (status, body) = post_raw(&app, uri, Some("application/json"), big.clone()).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{uri}");
        assert_eq!(body["error"], "payload_too_large");
    }
}

#[tokio::test]
async fn token_logout_with_a_non_json_body_is_refused() {
    let app = TestApp::new();
    let (status, _) = post_raw(&app, "/api/token/logout", Some("text/plain"), "revoke=true").await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let (status, body) = post_raw(
        &app,
        "/api/token/logout",
        Some("application/json"),
        "{revoke",
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "malformed_json");
}
