//! Token mode over HTTP: issue, verify, every refusal reason, and what logout can and
//! cannot do to a token.

use crate::common::{body_json, json_request, TestApp};
use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    response::Response,
};
use serde_json::{json, Value};

async fn login(app: &TestApp, ttl: Option<i64>) -> Value {
    app.token_login(ttl).await
}

async fn reason(response: Response) -> Value {
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    body_json(response).await["reason"].clone()
}

async fn logout(app: &TestApp, token: &str, body: Option<Value>) -> Response {
    let bearer = format!("Bearer {token}");
    let request = match body {
        Some(body) => json_request(
            "POST",
            "/api/token/logout",
            &body,
            &[("authorization", &bearer)],
        ),
        None => Request::post("/api/token/logout")
            .header(header::AUTHORIZATION, &bearer)
            .body(Body::empty())
            .unwrap(),
    };
    app.send(request).await
}

#[tokio::test]
async fn login_returns_a_bearer_token_that_me_accepts() {
    let app = TestApp::new();
    let body = login(&app, None).await;
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 900);
    assert_eq!(body["leeway_secs"], 5);
    let token = body["access_token"].as_str().unwrap();
    assert_eq!(token.split('.').count(), 3);

    let response = app.token_me(&format!("Bearer {token}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
    let me = body_json(response).await;
    assert_eq!(me["username"], "bob");
    assert_eq!(me["role"], "user");
    assert_eq!(me["exp"], body["expires_at"]);
    assert_eq!(
        app.session_count().await,
        0,
        "the server stores no record for a token"
    );
}

#[tokio::test]
async fn refusals_name_their_reason() {
    let app = TestApp::new();
    let token = login(&app, None).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();

    assert_eq!(reason(app.get("/api/token/me").await).await, "missing");
    assert_eq!(
        reason(app.token_me("Basic Ym9iOmJ1aWxkZXI=").await).await,
        "malformed"
    );
    assert_eq!(
        reason(app.token_me("Bearer not-a-jwt").await).await,
        "malformed"
    );

    let mut tampered = token.clone();
    let last = tampered.pop().unwrap();
    tampered.push(if last == 'A' { 'B' } else { 'A' });
    assert_eq!(
        reason(app.token_me(&format!("Bearer {tampered}")).await).await,
        "bad_signature"
    );

    let (_, payload_and_sig) = token.split_once('.').unwrap();
    let payload = payload_and_sig.split('.').next().unwrap();
    let alg_none = format!("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{payload}.");
    assert_eq!(
        reason(app.token_me(&format!("Bearer {alg_none}")).await).await,
        "wrong_algorithm"
    );
}

#[tokio::test]
async fn an_expired_token_is_refused_as_expired() {
    let app = TestApp::new();
    let token = login(&app, Some(3)).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let bearer = format!("Bearer {token}");
    app.clock.advance(3 + 4); // inside the 5 s leeway
    assert_eq!(app.token_me(&bearer).await.status(), StatusCode::OK);
    app.clock.advance(1);
    assert_eq!(reason(app.token_me(&bearer).await).await, "expired");
}

#[tokio::test]
async fn logout_without_revoke_leaves_the_token_valid() {
    let app = TestApp::new();
    let body = login(&app, None).await;
    let token = body["access_token"].as_str().unwrap();

    for request_body in [None, Some(json!({"revoke": false}))] {
        let response = logout(&app, token, request_body).await;
        assert_eq!(response.status(), StatusCode::OK);
        let answer = body_json(response).await;
        assert_eq!(answer["server_state_changed"], false);
        // Accepted until exp plus the default 5 s of clock leeway.
        assert_eq!(
            answer["still_valid_until"],
            body["expires_at"].as_i64().unwrap() + 5
        );
        assert!(answer["message"]
            .as_str()
            .unwrap()
            .contains("Nothing changed on the server"));
    }
    // The lesson: a copy of the token still works after logout.
    assert_eq!(
        app.token_me(&format!("Bearer {token}")).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn logout_with_revoke_puts_the_token_on_the_deny_list_until_it_expires() {
    let app = TestApp::new();
    let token = login(&app, Some(60)).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let response = logout(&app, &token, Some(json!({"revoke": true}))).await;
    assert_eq!(body_json(response).await["server_state_changed"], true);

    assert_eq!(
        reason(app.token_me(&format!("Bearer {token}")).await).await,
        "revoked"
    );
    let now = app.clock_now();
    assert_eq!(app.auth.denylist.entries(now).await.unwrap().len(), 1);
    // Past exp but inside the 5 s leeway the token would still verify, so the entry must
    // still be there: a revoked token never works again.
    app.clock.advance(61);
    assert_eq!(
        reason(app.token_me(&format!("Bearer {token}")).await).await,
        "revoked"
    );
    app.clock.advance(5);
    assert!(
        app.auth
            .denylist
            .entries(app.clock_now())
            .await
            .unwrap()
            .is_empty(),
        "entries end at exp plus the leeway"
    );
    assert_eq!(
        reason(app.token_me(&format!("Bearer {token}")).await).await,
        "expired"
    );
}

#[tokio::test]
async fn a_fresh_login_is_unaffected_by_an_earlier_revocation() {
    let app = TestApp::new();
    let old = login(&app, None).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    logout(&app, &old, Some(json!({"revoke": true}))).await;
    let new = login(&app, None).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        app.token_me(&format!("Bearer {new}")).await.status(),
        StatusCode::OK
    );
}
