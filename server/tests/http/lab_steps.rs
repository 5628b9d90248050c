//! `POST /api/lab/session/step`, driven the way the `/session` page's relay drives it:
//! each step names a request, the test sends it to the same server with the cookie a
//! browser would hold, reports the answer, and the next board shows what the server said.

use axum::http::{header, StatusCode};
use serde_json::{json, Value};

use crate::common::{
    assert_step_refusals, body_text, cookie_pair, post_step, relayed_request, set_cookie, trace_id,
    TestApp,
};

/// What the relay reports a browser knows: its jar as scripts see it (empty: the session
/// cookie is HttpOnly), and Seoul's offset from UTC.
fn browser() -> Value {
    json!({ "cookie": "", "storage": null, "offset_min": 540 })
}

async fn step(app: &TestApp, lang: &str, body: Value) -> (StatusCode, Value) {
    post_step(app, &format!("/api/lab/session/step?lang={lang}"), body).await
}

/// Sends what a step asked for with the browser's cookie, keeps any cookie it sets, and
/// describes the answer as the relay does.
async fn relay(app: &TestApp, send: &Value, jar: &mut Option<String>) -> Value {
    let mut headers = Vec::new();
    if let Some(cookie) = jar.as_deref() {
        headers.push((header::COOKIE.as_str(), cookie));
    }
    let response = app.send(relayed_request(send, &headers)).await;
    if let Some(line) = set_cookie(&response) {
        *jar = (!line.contains("Max-Age=0")).then(|| cookie_pair(&line));
    }
    let status = response.status().as_u16();
    let trace = trace_id(&response);
    json!({ "status": status, "body": body_text(response).await, "trace_id": trace,
            "duration_ms": 3.0 })
}

/// Runs an action to its end in Korean; the last answer.
async fn run(
    app: &TestApp,
    state: Value,
    action: &str,
    fields: Value,
    jar: &mut Option<String>,
) -> Value {
    let mut body =
        json!({ "state": state, "action": action, "fields": fields, "browser": browser() });
    loop {
        let (status, answer) = step(app, "ko", body).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        if answer["send"].is_null() {
            return answer;
        }
        let report = relay(app, &answer["send"], jar).await;
        body = json!({ "state": answer["state"], "report": report, "browser": browser() });
    }
}

fn html(answer: &Value) -> &str {
    answer["html"].as_str().unwrap()
}

#[tokio::test]
async fn a_session_is_logged_in_checked_logged_out_and_its_dead_id_refused() {
    let app = TestApp::new();
    let page = body_text(app.get("/ko/session").await).await;
    assert!(
        page.contains("id=\"lab-board\""),
        "the page draws the board"
    );
    let mut jar = None;
    let fields = json!({ "username": "alice", "password": "wonderland", "ttl_secs": "30" });
    let login = run(
        &app,
        json!({ "mode": "session" }),
        "login",
        fields,
        &mut jar,
    )
    .await;
    assert!(jar.is_some(), "the browser holds the session cookie");
    let state = &login["state"];
    assert_eq!(state["rows"][0]["status"], 200);
    assert_eq!(state["rows"][0]["kind"], "log_in");
    assert!(
        state["rows"][0]["trace"]["id"].is_string(),
        "the server's trace is attached"
    );
    assert!(state["last_set_cookie"]
        .as_str()
        .unwrap()
        .contains("HttpOnly"));
    assert_eq!(state["banner"]["tone"], "good");
    // The board in Korean: the new row as a region of its own, the countdowns the relay
    // ticks, and the expiries at which it asks for a redraw.
    assert!(html(&login).contains("id=\"Session-request-1\""));
    assert!(html(&login).contains("data-countdown-words=\"만료됨|{s}초 남음"));
    let idle = state["session_times"]["idle_expires_at"].as_i64().unwrap();
    assert!(html(&login).contains(&format!("data-countdown-to=\"{idle}\"")));
    let due = format!("data-relay-due=\"{idle} ");
    assert!(
        html(&login).contains(&due),
        "the idle expiry is due for a redraw"
    );

    let me = run(&app, login["state"].clone(), "me", Value::Null, &mut jar).await;
    assert_eq!(me["state"]["rows"][1]["status"], 200);
    // Written in the reader's zone, as the relay reported it: no UTC mark.
    let said = me["state"]["banner"]["text"].as_str().unwrap();
    assert!(said.contains("alice") && !said.contains("UTC"), "{said}");

    let out = run(&app, me["state"].clone(), "logout", Value::Null, &mut jar).await;
    assert!(jar.is_none(), "logout clears the cookie");
    assert!(out["state"]["dead_session_id"].is_string());
    assert!(out["state"]["session_times"].is_null());

    let replay = run(
        &app,
        out["state"].clone(),
        "replay_dead",
        Value::Null,
        &mut jar,
    )
    .await;
    let rows = replay["state"]["rows"].as_array().unwrap();
    let stolen = rows
        .iter()
        .find(|r| r["kind"] == "stolen_dead_cookie")
        .unwrap();
    assert_eq!(stolen["status"], 401);
    assert_eq!(stolen["refusal_code"], "unknown_session");
    assert_eq!(
        replay["state"]["banner"]["tone"], "good",
        "the dead ID is refused"
    );
}

#[tokio::test]
async fn the_feed_lists_a_request_sent_elsewhere_as_someone_elses() {
    let app = TestApp::new();
    let elsewhere = app.get("/api/session/me").await;
    let id = trace_id(&elsewhere).unwrap();
    let mut jar = None;
    let fed = run(
        &app,
        json!({ "mode": "session" }),
        "feed",
        json!({ "trace_id": id }),
        &mut jar,
    )
    .await;
    assert_eq!(fed["state"]["feed_live"], true);
    assert_eq!(fed["state"]["rows"][0]["kind"], "foreign");
    assert_eq!(fed["state"]["rows"][0]["status"], 401);
    assert!(html(&fed).contains("data-testid=\"foreign-request-row\""));
}

#[tokio::test]
async fn bad_steps_get_json_refusals_and_a_good_one_still_works() {
    let app = TestApp::new();
    let state = json!({ "mode": "session" });
    assert_step_refusals(&app, "/api/lab/session/step", &state, "me").await;
    let cases = [
        (
            "en",
            json!({ "state": state, "action": "login", "fields": { "colour": "red" } }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_fields",
        ),
        (
            "en",
            json!({ "state": { "mode": "cookies" }, "action": "me" }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_fields",
        ),
        (
            "en",
            json!({ "state": state, "report": { "status": 200, "body": "{}" } }),
            StatusCode::BAD_REQUEST,
            "nothing_asked",
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
    // An action while another waits for its report.
    let (_, started) = step(&app, "en", json!({ "state": state, "action": "me" })).await;
    let (got, answer) = step(
        &app,
        "en",
        json!({ "state": started["state"], "action": "logout" }),
    )
    .await;
    assert_eq!(
        (got, answer["error"].as_str()),
        (StatusCode::CONFLICT, Some("busy"))
    );
    // Too big.
    let mut huge = state.clone();
    huge["banner"] = json!({ "tone": "good", "text": "x".repeat(1100 * 1024), "about": null });
    let (got, answer) = step(&app, "en", json!({ "state": huge, "action": "me" })).await;
    assert_eq!(
        (got, answer["error"].as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("payload_too_large"))
    );
    let body = json!({ "state": state, "action": "resume", "browser": browser() });
    let (got, answer) = step(&app, "en", body).await;
    assert_eq!(got, StatusCode::OK);
    assert!(html(&answer).contains("id=\"lab-board\""));
}
