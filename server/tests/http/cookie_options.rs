//! The lab's per-login cookie options on a session login: each one changes the real
//! `Set-Cookie`, the answer echoes what applied, bad values are 422, and a server started
//! with `--no-lab-cookie-options` refuses them with 403.

use axum::http::StatusCode;
use serde_json::{json, Value};
use server::auth_state::AuthSettings;

use crate::common::{body_json, cookie_pair, credentials, set_cookie, TestApp};

fn login_with(cookie: Value) -> Value {
    let mut body = credentials("alice", None);
    body["cookie"] = cookie;
    body
}

#[tokio::test]
async fn each_option_changes_the_set_cookie_line_and_the_answer_says_what_applied() {
    let app = TestApp::new();
    let cases = [
        (
            json!({}),
            "; HttpOnly; SameSite=Lax; Path=/; Max-Age=28800",
            json!({ "http_only": true, "same_site": "lax", "secure": false, "persistent": true }),
        ),
        (
            json!({ "http_only": false }),
            "; SameSite=Lax; Path=/; Max-Age=28800",
            json!({ "http_only": false, "same_site": "lax", "secure": false, "persistent": true }),
        ),
        (
            json!({ "same_site": "strict" }),
            "; HttpOnly; SameSite=Strict; Path=/; Max-Age=28800",
            json!({ "http_only": true, "same_site": "strict", "secure": false, "persistent": true }),
        ),
        (
            json!({ "same_site": "none", "secure": true }),
            "; HttpOnly; SameSite=None; Path=/; Max-Age=28800; Secure",
            json!({ "http_only": true, "same_site": "none", "secure": true, "persistent": true }),
        ),
        (
            json!({ "persistent": false }),
            "; HttpOnly; SameSite=Lax; Path=/",
            json!({ "http_only": true, "same_site": "lax", "secure": false, "persistent": false }),
        ),
    ];
    for (options, attributes, applied) in cases {
        let response = app
            .post_json("/api/session/login", login_with(options.clone()))
            .await;
        assert_eq!(response.status(), StatusCode::OK, "{options}");
        let line = set_cookie(&response).unwrap();
        let (pair, attrs) = line.split_at(line.find(';').unwrap());
        assert_eq!(attrs, attributes, "{options}");
        let body = body_json(response).await;
        assert_eq!(body["cookie"], applied, "{options}");
        // The cookie still logs in, whatever its attributes.
        let me = app.session_me(&cookie_pair(pair)).await;
        assert_eq!(me.status(), StatusCode::OK, "{options}");
    }
}

#[tokio::test]
async fn unknown_or_malformed_options_are_422_and_store_nothing() {
    let app = TestApp::new();
    for bad in [
        json!({ "same_site": "sideways" }),
        json!({ "same_site": "Lax" }),
        json!({ "http_only": "no" }),
        json!({ "domain": "example.com" }),
        json!("HttpOnly"),
        json!(1),
    ] {
        let response = app
            .post_json("/api/session/login", login_with(bad.clone()))
            .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert!(set_cookie(&response).is_none());
        assert_eq!(
            body_json(response).await["error"],
            "invalid_fields",
            "{bad}"
        );
    }
    assert_eq!(app.session_count().await, 0);
}

#[tokio::test]
async fn a_server_without_lab_cookie_options_refuses_them_but_logs_in_plainly() {
    let app = TestApp::with_settings(AuthSettings {
        lab_cookie_options: false,
        ..AuthSettings::default()
    });
    let response = app
        .post_json(
            "/api/session/login",
            login_with(json!({ "http_only": false })),
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        body_json(response).await["error"],
        "cookie_options_disabled"
    );
    assert_eq!(app.session_count().await, 0);
    let login = app.session_login(None).await;
    assert_eq!(login.body["cookie"]["http_only"], true);
}
