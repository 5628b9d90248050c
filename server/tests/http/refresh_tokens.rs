//! Refresh tokens through the real router: a token login with `"refresh": true` starts a
//! family, each refresh rotates the cookie, a replayed old token revokes the family (the
//! thief's answer is `refresh_reused`, the holder's next one `refresh_revoked`), logout
//! revokes it too, and every refusal is a 401 with the lab's challenge.

use axum::{
    http::{header, StatusCode},
    response::Response,
};
use serde_json::{json, Value};

use crate::common::{body_json, cookie_pair, credentials, json_request, set_cookie, step, TestApp};

/// A login that asked for a refresh token: the access token and the cookie pair.
struct Refreshable {
    access: String,
    cookie: String,
    body: Value,
}

async fn login(app: &TestApp) -> Refreshable {
    let mut body = credentials("bob", None);
    body["refresh"] = json!(true);
    let response = app.post_json("/api/token/login", body).await;
    assert_eq!(response.status(), StatusCode::OK);
    let line = set_cookie(&response).expect("a refresh login sets the refresh cookie");
    assert!(
        line.starts_with("auth_lab_refresh=")
            && line.contains("; HttpOnly; SameSite=Strict; Path=/api/token/refresh; Max-Age="),
        "{line}"
    );
    let body = body_json(response).await;
    Refreshable {
        access: body["access_token"].as_str().unwrap().to_owned(),
        cookie: cookie_pair(&line),
        body,
    }
}

async fn refresh(app: &TestApp, cookie: Option<&str>) -> Response {
    let headers: Vec<(&str, &str)> = cookie.map(|c| ("cookie", c)).into_iter().collect();
    app.send(json_request(
        "POST",
        "/api/token/refresh",
        &json!({}),
        &headers,
    ))
    .await
}

/// The new cookie pair of a successful refresh, and its body.
async fn rotated(response: Response) -> (String, Value) {
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = cookie_pair(&set_cookie(&response).expect("a refresh rotates the cookie"));
    (cookie, body_json(response).await)
}

/// Asserts a refused refresh: 401, its reason, the challenge, and a cleared cookie.
async fn assert_refused(response: Response, reason: &str) -> Value {
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let challenge = response.headers()[header::WWW_AUTHENTICATE]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        challenge,
        "Cookie realm=\"auth-lab\", cookie-name=\"auth_lab_refresh\""
    );
    let cleared = set_cookie(&response).expect("a refused refresh clears the cookie");
    assert!(cleared.starts_with("auth_lab_refresh=;") && cleared.contains("Max-Age=0"));
    let body = body_json(response).await;
    assert_eq!(body["reason"], reason, "{body}");
    body
}

async fn families(app: &TestApp) -> Vec<Value> {
    let store = body_json(app.get("/api/inspect/store").await).await;
    store["refresh_families"].as_array().unwrap().clone()
}

fn states(family: &Value) -> Vec<String> {
    family["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["state"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_refresh_login_gets_a_short_access_token_and_a_family_of_one() {
    let app = TestApp::new();
    let plain = app.token_login(None).await;
    assert!(plain.get("refresh").is_none(), "no refresh unless asked");
    assert_eq!(plain["ttl"]["secs"], 900);

    let login = login(&app).await;
    assert_eq!(
        login.body["ttl"]["secs"], 60,
        "short access token by default"
    );
    assert_eq!(login.body["refresh"]["generation"], 1);
    assert_eq!(login.body["refresh"]["cookie_name"], "auth_lab_refresh");
    assert!(
        !login
            .body
            .to_string()
            .contains(login.cookie.split_once('=').unwrap().1),
        "the body never carries the refresh token"
    );
    let me = app.token_me(&format!("Bearer {}", login.access)).await;
    assert_eq!(me.status(), StatusCode::OK);

    let families = families(&app).await;
    assert_eq!(families.len(), 1);
    assert_eq!(families[0]["username"], "bob");
    assert_eq!(states(&families[0]), ["active"]);
    assert_eq!(
        families[0]["family_hint"],
        login.body["refresh"]["family_hint"]
    );
    let listed = families[0].to_string();
    let secret = login.cookie.rsplit('.').next().unwrap();
    assert!(!listed.contains(secret), "the store view shows no token");
}

#[tokio::test]
async fn each_refresh_rotates_the_cookie_and_issues_a_new_access_token() {
    let app = TestApp::new();
    let login = login(&app).await;
    app.clock.advance(30);
    let (second, body) = rotated(refresh(&app, Some(&login.cookie)).await).await;
    assert_ne!(second, login.cookie);
    assert_eq!(body["refresh"]["generation"], 2);
    assert_eq!(body["expires_in"], 60);
    let access = body["access_token"].as_str().unwrap();
    assert_ne!(access, login.access);
    let me = app.token_me(&format!("Bearer {access}")).await;
    assert_eq!(me.status(), StatusCode::OK);

    let (third, body) = rotated(refresh(&app, Some(&second)).await).await;
    assert_eq!(body["refresh"]["generation"], 3);
    assert_ne!(third, second);
    assert_eq!(states(&families(&app).await[0]), ["used", "used", "active"]);
}

#[tokio::test]
async fn a_replayed_token_revokes_the_family_for_the_thief_and_the_holder() {
    let app = TestApp::new();
    let login = login(&app).await;
    let stolen = login.cookie.clone();
    // The user refreshes: the stolen copy is now an old token.
    let (current, body) = rotated(refresh(&app, Some(&login.cookie)).await).await;
    let newest_access = body["access_token"].as_str().unwrap().to_owned();

    let thief = refresh(&app, Some(&stolen)).await;
    let trace = app.trace_of(&thief).await;
    assert_refused(thief, "refresh_reused").await;
    assert_eq!(step(&trace, "refresh_checked")["outcome"], "failed");
    assert_eq!(step(&trace, "family_revoked")["outcome"], "ok");
    assert_eq!(step(&trace, "denylist_added")["outcome"], "ok");

    // The holder's current token is refused now too, and so is the access token it got.
    assert_refused(refresh(&app, Some(&current)).await, "refresh_revoked").await;
    let me = app.token_me(&format!("Bearer {newest_access}")).await;
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED);

    let family = &families(&app).await[0];
    assert_eq!(family["revoked_by"], "reuse");
    assert_eq!(states(family), ["used", "revoked"]);
}

#[tokio::test]
async fn a_thief_who_refreshes_first_is_caught_when_the_holder_refreshes() {
    let app = TestApp::new();
    let login = login(&app).await;
    let (thief_cookie, _) = rotated(refresh(&app, Some(&login.cookie)).await).await;
    // The real holder still has the first token, which the thief already used.
    assert_refused(refresh(&app, Some(&login.cookie)).await, "refresh_reused").await;
    assert_refused(refresh(&app, Some(&thief_cookie)).await, "refresh_revoked").await;
}

#[tokio::test]
async fn logout_revokes_the_family_and_clears_its_cookie() {
    let app = TestApp::new();
    let login = login(&app).await;
    let response = app
        .send(json_request(
            "POST",
            "/api/token/logout",
            &json!({}),
            &[("authorization", &format!("Bearer {}", login.access))],
        ))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let cleared = set_cookie(&response).expect("logout clears the refresh cookie");
    assert!(
        cleared.starts_with("auth_lab_refresh=;") && cleared.contains("Path=/api/token/refresh")
    );
    let body = body_json(response).await;
    assert_eq!(body["refresh_family_revoked"], true);
    assert_eq!(body["server_state_changed"], true);

    assert_refused(refresh(&app, Some(&login.cookie)).await, "refresh_revoked").await;
    assert_eq!(families(&app).await[0]["revoked_by"], "logout");

    // A logout without a family changes nothing, as before.
    let plain = app.token_for("alice", "wonderland").await;
    let response = app
        .send(json_request(
            "POST",
            "/api/token/logout",
            &json!({}),
            &[("authorization", &format!("Bearer {plain}"))],
        ))
        .await;
    assert!(set_cookie(&response).is_none());
    let body = body_json(response).await;
    assert_eq!(body["server_state_changed"], false);
    assert!(body.get("refresh_family_revoked").is_none());
}

#[tokio::test]
async fn missing_forged_and_expired_refresh_tokens_are_refused() {
    let app = TestApp::new();
    assert_refused(refresh(&app, None).await, "no_refresh_token").await;
    for forged in [
        "auth_lab_refresh=garbage",
        "auth_lab_refresh=AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ] {
        assert_refused(refresh(&app, Some(forged)).await, "invalid_refresh_token").await;
    }
    // A real family with a made-up secret is no better.
    let login = login(&app).await;
    let family = login
        .cookie
        .split_once('=')
        .unwrap()
        .1
        .split('.')
        .next()
        .unwrap();
    let guessed = format!("auth_lab_refresh={family}.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB");
    assert_refused(refresh(&app, Some(&guessed)).await, "invalid_refresh_token").await;
    assert_eq!(
        states(&families(&app).await[0]),
        ["active"],
        "a guess does not revoke the family"
    );

    // Eight hours later the family has ended.
    app.clock.advance(8 * 60 * 60);
    assert_refused(refresh(&app, Some(&login.cookie)).await, "refresh_expired").await;
}

#[tokio::test]
async fn a_refresh_from_another_site_is_refused_before_the_cookie_is_read() {
    let app = TestApp::new();
    let login = login(&app).await;
    let response = app
        .send(json_request(
            "POST",
            "/api/token/refresh",
            &json!({}),
            &[("cookie", &login.cookie), ("sec-fetch-site", "cross-site")],
        ))
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(body_json(response).await["error"], "cross_site_request");
    // Nothing was used up: the token still rotates.
    rotated(refresh(&app, Some(&login.cookie)).await).await;
}

#[tokio::test]
async fn login_options_of_the_other_mode_are_refused() {
    let app = TestApp::new();
    let mut token = credentials("bob", None);
    token["cookie"] = json!({ "http_only": false });
    let response = app.post_json("/api/token/login", token).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body_json(response).await["error"], "invalid_fields");

    let mut session = credentials("alice", None);
    session["refresh"] = json!(true);
    let response = app.post_json("/api/session/login", session).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.session_count().await, 0);

    let mut wrong_type = credentials("bob", None);
    wrong_type["refresh"] = json!("yes");
    let response = app.post_json("/api/token/login", wrong_type).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

/// Rotation, then a replay of the old token, then the holder refused: on any store (the
/// Redis tests run it too).
pub async fn rotation_and_reuse_story(app: &TestApp) {
    let login = login(app).await;
    let (current, _) = rotated(refresh(app, Some(&login.cookie)).await).await;
    assert_refused(refresh(app, Some(&login.cookie)).await, "refresh_reused").await;
    assert_refused(refresh(app, Some(&current)).await, "refresh_revoked").await;
    let families = families(app).await;
    assert_eq!(families.len(), 1);
    assert_eq!(families[0]["revoked_by"], "reuse");
    assert_eq!(states(&families[0]), ["used", "revoked"]);
}

/// Eight refreshes of one token at once: exactly one rotates, the next is caught as a
/// reuse, and the rest find the family revoked. Two tabs refreshing together look like
/// theft to this scheme; that is the price of detecting it.
pub async fn only_one_of_concurrent_refreshes_rotates(app: &TestApp) {
    let login = login(app).await;
    let answers =
        futures_util::future::join_all((0..8).map(|_| refresh(app, Some(&login.cookie)))).await;
    let mut reasons = Vec::new();
    for answer in answers {
        if answer.status() == StatusCode::OK {
            reasons.push("rotated".to_owned());
        } else {
            let body = body_json(answer).await;
            reasons.push(body["reason"].as_str().unwrap().to_owned());
        }
    }
    reasons.sort();
    let mut expected = vec!["refresh_revoked"; 6];
    expected.extend(["refresh_reused", "rotated"]);
    expected.sort();
    assert_eq!(reasons, expected);
}

#[tokio::test]
async fn the_story_and_the_race_on_the_memory_store() {
    rotation_and_reuse_story(&TestApp::new()).await;
    only_one_of_concurrent_refreshes_rotates(&TestApp::new()).await;
}

async fn thief_copies(app: &TestApp, cookie: &str) -> String {
    let response = app
        .send(json_request(
            "POST",
            "/api/token/refresh/lab-copy",
            &json!({}),
            &[("cookie", cookie)],
        ))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let body = body_json(response).await;
    assert!(
        !body.to_string().contains(cookie.split_once('=').unwrap().1),
        "the copy stays on the server"
    );
    body["copy_id"].as_str().unwrap().to_owned()
}

async fn thief_replays(app: &TestApp, copy_id: &str) -> Value {
    let response = app
        .post_json("/api/lab/replay-refresh", json!({ "copy_id": copy_id }))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    body_json(response).await
}

#[tokio::test]
async fn the_labs_thief_replays_its_copy_through_the_real_endpoint() {
    let app = TestApp::new();
    let login = login(&app).await;
    let copy = thief_copies(&app, &login.cookie).await;
    let (current, _) = rotated(refresh(&app, Some(&login.cookie)).await).await;
    let replayed = thief_replays(&app, &copy).await;
    assert_eq!(replayed["status"], 401);
    assert_eq!(replayed["reason"], "refresh_reused");
    let trace = app.trace(replayed["trace_id"].as_str().unwrap()).await;
    assert_eq!(step(&trace, "family_revoked")["outcome"], "ok");
    assert_refused(refresh(&app, Some(&current)).await, "refresh_revoked").await;
}

#[tokio::test]
async fn a_thief_who_refreshes_first_keeps_the_chain_until_the_user_returns() {
    let app = TestApp::new();
    let login = login(&app).await;
    let copy = thief_copies(&app, &login.cookie).await;
    let first = thief_replays(&app, &copy).await;
    assert_eq!(
        (first["status"].clone(), first["generation"].clone()),
        (json!(200), json!(2))
    );
    let second = thief_replays(&app, &copy).await;
    assert_eq!(second["generation"], 3, "the thief kept the rotated token");
    assert_refused(refresh(&app, Some(&login.cookie)).await, "refresh_reused").await;
    assert_eq!(
        thief_replays(&app, &copy).await["reason"],
        "refresh_revoked"
    );
}

#[tokio::test]
async fn the_thief_needs_a_cookie_and_a_copy_it_really_took() {
    let app = TestApp::new();
    let response = app
        .post_json("/api/token/refresh/lab-copy", json!({}))
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(body_json(response).await["error"], "no_cookie");
    let response = app
        .post_json("/api/lab/replay-refresh", json!({ "copy_id": "nope" }))
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(body_json(response).await["error"], "unknown_copy");
    let response = app.post_json("/api/lab/replay-refresh", json!({})).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
}
