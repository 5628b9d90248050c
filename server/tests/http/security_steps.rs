//! `POST /api/lab/security/step`, driven the way the page's relay drives it: each step's
//! answer names a request, the test sends that request to the same server and reports its
//! answer back, and the next step's board shows the result. Bad steps get JSON refusals.

use axum::http::{header, StatusCode};
use serde_json::{json, Value};

use crate::common::{
    assert_step_refusals, body_text, post_step, relayed_request, trace_id, TestApp,
};

const LAB: &str = "labCCCCCCCCCCCCCCCCCC";

/// A first state, written out as JSON: the wire shape a step takes, checked here field by
/// field (the page renders its own, under a lab ID of its own).
async fn fresh_state(app: &TestApp) -> Value {
    let html = body_text(app.get("/security").await).await;
    assert!(html.contains("id=\"security-board\""), "the board is drawn");
    serde_json::from_value(json!({
        "lab_id": LAB, "form": {"http_only": true, "persistent": true, "same_site": "lax",
        "payload": "steal", "csp": false, "channel": "form", "target": "session", "guard": true,
        "header": "", "claims": ""}, "cookie": null, "login_error": null, "frame": null,
        "csrf_opened": null, "no_report": false, "fixation": {"planted": null,
        "cycled_from": null, "issued": null, "replay": null}, "loaded": null, "tampered": null,
        "weak": null, "mine": null, "doing": null
    }))
    .unwrap()
}

async fn step(app: &TestApp, lang: &str, body: Value) -> (StatusCode, Value) {
    post_step(app, &format!("/api/lab/security/step?lang={lang}"), body).await
}

/// Sends what a step asked for, as the relay would, and describes the answer.
async fn relay(app: &TestApp, send: &Value) -> Value {
    let bearer = send["bearer_token"].as_str().map(|t| format!("Bearer {t}"));
    let mut headers = Vec::new();
    if let Some(bearer) = &bearer {
        headers.push((header::AUTHORIZATION.as_str(), bearer.as_str()));
    }
    let response = app.send(relayed_request(send, &headers)).await;
    let status = response.status().as_u16();
    let trace = trace_id(&response);
    json!({ "status": status, "body": body_text(response).await, "trace_id": trace })
}

/// Runs an action to its end; the last answer.
async fn run(app: &TestApp, state: Value, action: &str, extra: Value) -> Value {
    let mut body = json!({ "state": state, "action": action });
    if let Value::Object(extra) = extra {
        body.as_object_mut().unwrap().extend(extra);
    }
    loop {
        let (status, answer) = step(app, "ko", body).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        if answer["send"].is_null() {
            return answer;
        }
        let report = relay(app, &answer["send"]).await;
        body = json!({ "state": answer["state"], "report": report });
    }
}

#[tokio::test]
async fn a_weak_token_is_fetched_and_cracked_and_the_board_says_so_in_korean() {
    let app = TestApp::new();
    let state = fresh_state(&app).await;
    let (status, first) = step(&app, "ko", json!({ "state": state, "action": "weak" })).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(first["send"]["path"], "/api/lab/weak-token");
    let done = run(&app, state, "weak", Value::Null).await;
    let word = done["state"]["weak"]["found"]["word"].as_str().unwrap();
    assert!(app::weak_keys::WORDS.contains(&word));
    let html = done["html"].as_str().unwrap();
    assert!(html.contains("data-testid=\"weak-result\""));
    assert!(
        html.contains("크랙했습니다"),
        "drawn in the page's language"
    );
}

#[tokio::test]
async fn a_token_login_is_stored_loaded_tampered_and_refused_for_its_signature() {
    let app = TestApp::new();
    let state = fresh_state(&app).await;
    let login = run(&app, state, "login-token", Value::Null).await;
    let token = login["store_token"].as_str().unwrap().to_owned();
    assert_eq!(token.matches('.').count(), 2);
    let extra = json!({ "token": token, "has_token": true });
    let loaded = run(&app, login["state"].clone(), "tamper-load", extra).await;
    assert!(loaded["state"]["form"]["claims"]
        .as_str()
        .unwrap()
        .contains("\"sub\": \"bob\""));
    let edited = run(&app, loaded["state"].clone(), "tamper-admin", json!({})).await;
    let sent = run(&app, edited["state"].clone(), "tamper-send", json!({})).await;
    let tampered = &sent["state"]["tampered"];
    assert_eq!(tampered["status"], 401);
    assert_eq!(tampered["code"], "bad_signature");
    // The server's own trace of the request, step by step.
    assert!(tampered["steps"].as_array().is_some_and(|s| !s.is_empty()));
    assert!(sent["html"]
        .as_str()
        .unwrap()
        .contains("data-code=\"bad_signature\""));
}

#[tokio::test]
async fn a_session_login_applies_the_chosen_flags() {
    let app = TestApp::new();
    let state = fresh_state(&app).await;
    let fields =
        json!({ "fields": { "http_only": false, "same_site": "strict", "persistent": false } });
    let done = run(&app, state, "login-session", fields).await;
    assert_eq!(
        done["state"]["cookie"],
        json!({"http_only": false, "same_site": "strict", "secure": false, "persistent": false})
    );
    assert!(done["html"]
        .as_str()
        .unwrap()
        .contains("data-same-site=\"Strict\""));
}

#[tokio::test]
async fn bad_steps_get_json_refusals_and_a_good_one_still_works() {
    let app = TestApp::new();
    let state = fresh_state(&app).await;
    assert_step_refusals(&app, "/api/lab/security/step", &state, "form").await;
    let cases = [
        (
            "en",
            json!({ "state": state, "action": "form", "fields": {"colour": "red"} }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_fields",
        ),
        (
            "en",
            json!({ "action": "form" }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_fields",
        ),
    ];
    for (lang, body, status, code) in cases {
        let (got, answer) = step(&app, lang, body.clone()).await;
        assert_eq!(
            (got, answer["error"].as_str()),
            (status, Some(code)),
            "{body}"
        );
    }
    let mut bad_id = state.clone();
    bad_id["lab_id"] = json!("../../etc");
    let (got, answer) = step(&app, "en", json!({ "state": bad_id, "action": "form" })).await;
    assert_eq!(
        (got, answer["error"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_lab_id"))
    );
    // An action while another waits for its report.
    let (_, started) = step(&app, "en", json!({ "state": state, "action": "weak" })).await;
    let (got, answer) = step(
        &app,
        "en",
        json!({ "state": started["state"], "action": "form" }),
    )
    .await;
    assert_eq!(
        (got, answer["error"].as_str()),
        (StatusCode::CONFLICT, Some("busy"))
    );
    // Too big.
    let body = json!({ "state": state, "action": "form" });
    let mut huge = state.clone();
    huge["form"]["claims"] = json!("x".repeat(70 * 1024));
    let (got, answer) = step(&app, "en", json!({ "state": huge, "action": "form" })).await;
    assert_eq!(
        (got, answer["error"].as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("payload_too_large"))
    );
    let (got, answer) = step(&app, "en", body).await;
    assert_eq!(got, StatusCode::OK);
    assert!(answer["html"]
        .as_str()
        .unwrap()
        .contains("id=\"security-board\""));
}
