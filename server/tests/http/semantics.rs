//! HTTP semantics the lab teaches: every 401 names its challenge (RFC 9110 §11.6.1, and
//! RFC 6750 §3 for bearer tokens), and nothing that depends on who is logged in may be
//! stored by a cache, the server-rendered pages included.

use axum::{
    http::{header, StatusCode},
    response::Response,
};
use serde_json::json;
use server::auth_state::AuthSettings;

use crate::common::{body_json, credentials, json_request, TestApp};

fn challenge(response: &Response) -> String {
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let values: Vec<_> = response
        .headers()
        .get_all(header::WWW_AUTHENTICATE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    assert_eq!(values.len(), 1, "exactly one challenge: {values:?}");
    values[0].clone()
}

fn cache_control(response: &Response) -> &str {
    response
        .headers()
        .get(header::CACHE_CONTROL)
        .map_or("(none)", |v| v.to_str().unwrap())
}

/// The no-JS logout form, posted with one extra header.
async fn form_logout(app: &TestApp, (name, value): (&str, &str)) -> Response {
    app.send(
        axum::http::Request::post("/session/logout")
            .header(name, value)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await
}

const COOKIE_CHALLENGE: &str = r#"Cookie realm="auth-lab", cookie-name="auth_lab_sid""#;

#[tokio::test]
async fn every_session_401_carries_the_cookie_challenge() {
    let app = TestApp::with_settings(AuthSettings {
        session_absolute_secs: 100,
        ..AuthSettings::default()
    });
    let no_cookie = app.get("/api/session/me").await;
    assert_eq!(challenge(&no_cookie), COOKIE_CHALLENGE);

    let unknown = app.session_me("auth_lab_sid=AAAAAAAAAAAAAAAAAAAAAA").await;
    assert_eq!(challenge(&unknown), COOKIE_CHALLENGE);
    let not_an_id = app.session_me("auth_lab_sid=%%%").await;
    assert_eq!(challenge(&not_an_id), COOKIE_CHALLENGE);

    let login = app.session_login(Some(5)).await;
    app.clock.advance(5);
    let idle = app.session_me(&login.cookie).await;
    assert_eq!(challenge(&idle), COOKIE_CHALLENGE);
    assert_eq!(
        body_json(idle).await["message"],
        "The session's idle lifetime ended."
    );

    let busy = app.session_login(Some(60)).await;
    app.clock.advance(50);
    assert_eq!(app.session_me(&busy.cookie).await.status(), StatusCode::OK);
    app.clock.advance(50);
    let absolute = app.session_me(&busy.cookie).await;
    assert_eq!(challenge(&absolute), COOKIE_CHALLENGE);
    assert_eq!(
        body_json(absolute).await["message"],
        "The session's absolute lifetime ended."
    );

    let mut wrong = credentials("alice", None);
    wrong["password"] = json!("nope");
    let refused = app.post_json("/api/session/login", wrong).await;
    assert_eq!(challenge(&refused), COOKIE_CHALLENGE);
    assert_eq!(body_json(refused).await["error"], "invalid_credentials");
}

#[tokio::test]
async fn the_secure_cookie_challenge_names_the_host_prefixed_cookie() {
    let app = TestApp::with_settings(AuthSettings {
        secure_cookies: true,
        ..AuthSettings::default()
    });
    let response = app.get("/api/session/me").await;
    assert_eq!(
        challenge(&response),
        r#"Cookie realm="auth-lab", cookie-name="__Host-auth_lab_sid""#
    );
}

#[tokio::test]
async fn every_bearer_401_follows_rfc_6750() {
    let app = TestApp::new();
    // No token at all: the bare challenge, with no error code (§3.1).
    let missing = app.get("/api/token/me").await;
    assert_eq!(challenge(&missing), r#"Bearer realm="auth-lab""#);

    let token = app.token_for("bob", "builder").await;
    let mut tampered = token.clone();
    tampered.pop();
    tampered.push(if token.ends_with('A') { 'B' } else { 'A' });
    for (authorization, reason) in [
        ("Bearer not-a-jwt".to_owned(), "malformed"),
        (format!("Bearer {tampered}"), "bad_signature"),
    ] {
        let response = app.token_me(&authorization).await;
        let value = challenge(&response);
        assert!(
            value.starts_with(
                r#"Bearer realm="auth-lab", error="invalid_token", error_description=""#
            ),
            "{reason}: {value}"
        );
        assert_eq!(body_json(response).await["reason"], reason);
    }

    let revoke = app.token_revoke(&format!("Bearer {token}")).await;
    assert_eq!(revoke.status(), StatusCode::OK);
    let revoked = app.token_me(&format!("Bearer {token}")).await;
    assert!(challenge(&revoked).contains(r#"error="invalid_token""#));
    let logout_again = app
        .send(json_request(
            "POST",
            "/api/token/logout",
            &json!({}),
            &[("authorization", &format!("Bearer {token}"))],
        ))
        .await;
    assert!(challenge(&logout_again).contains("revoked"));

    let short = app.token_login(Some(2)).await;
    app.clock.advance(2 + 5 + 1);
    let expired = app
        .token_me(&format!(
            "Bearer {}",
            short["access_token"].as_str().unwrap()
        ))
        .await;
    assert!(challenge(&expired).contains(r#"error_description="The token has expired.""#));

    let mut wrong = credentials("bob", None);
    wrong["password"] = json!("nope");
    let refused = app.post_json("/api/token/login", wrong).await;
    assert_eq!(challenge(&refused), r#"Bearer realm="auth-lab""#);
}

#[tokio::test]
async fn answers_that_depend_on_the_visitor_are_never_stored() {
    let app = TestApp::new();
    let login = app.session_login(None).await;
    for response in [
        app.session_me(&login.cookie).await,
        app.get("/api/session/me").await,
        app.get("/api/inspect/store").await,
        app.get("/api/health").await,
        app.get("/api/nowhere").await,
    ] {
        assert_eq!(cache_control(&response), "no-store");
    }
    // Server-rendered pages: /session names you; every page carries a fresh CSP nonce.
    for path in ["/", "/session", "/token", "/compare", "/no-such-page"] {
        let page = app
            .send(
                axum::http::Request::get(path)
                    .header(header::COOKIE, &login.cookie)
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(cache_control(&page), "no-store", "{path}");
    }
    // The no-JS form answers set or clear the cookie: never stored either.
    let form = form_logout(&app, (header::COOKIE.as_str(), &login.cookie)).await;
    assert_eq!(form.status(), StatusCode::SEE_OTHER);
    assert_eq!(cache_control(&form), "no-store");
    // A refused form post answers with a JSON error: not to be kept either.
    let refused = form_logout(&app, ("sec-fetch-site", "cross-site")).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(cache_control(&refused), "no-store");
}
