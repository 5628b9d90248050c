//! `POST /api/lab/{session,token,compare}/step`, driven the way the lab pages' relay
//! drives them: each step names a request, the test sends it to the same server with the
//! cookies and token a browser would hold, reports the answer, and the next board shows
//! what the server said.

use axum::http::{header, StatusCode};
use serde_json::{json, Value};

use crate::common::{
    assert_step_refusals, body_text, cookie_pair, post_step, relayed_request, trace_id, TestApp,
};

/// What a browser holds for the relay: its cookie jar (name, `name=value`, path) and the
/// token in localStorage.
#[derive(Default)]
struct Browser {
    jar: Vec<(String, String, String)>,
    storage: Option<String>,
}

impl Browser {
    /// What the relay reports the browser knows: its jar as scripts see it (empty: the
    /// lab's cookies are HttpOnly), the token's entry as gloo-storage writes it (JSON), and
    /// Seoul's offset from UTC.
    fn report(&self) -> Value {
        let storage = self.storage.as_ref().map(|t| format!("\"{t}\""));
        json!({ "cookie": "", "storage": storage, "offset_min": 540 })
    }

    fn cookies_for(&self, path: &str) -> Option<String> {
        let sent: Vec<&str> = self
            .jar
            .iter()
            .filter(|(_, _, scope)| path.starts_with(scope.as_str()))
            .map(|(_, pair, _)| pair.as_str())
            .collect();
        (!sent.is_empty()).then(|| sent.join("; "))
    }

    /// Keeps or drops each cookie an answer sets, as a browser does.
    fn keep(&mut self, response: &axum::response::Response) {
        for line in response.headers().get_all(header::SET_COOKIE) {
            let line = line.to_str().unwrap();
            let pair = cookie_pair(line);
            let name = pair.split('=').next().unwrap().to_owned();
            let path = line
                .split(';')
                .find_map(|a| a.trim().strip_prefix("Path="))
                .unwrap_or("/")
                .to_owned();
            self.jar.retain(|(n, _, _)| *n != name);
            if !line.contains("Max-Age=0") {
                self.jar.push((name, pair, path));
            }
        }
    }

    fn has(&self, name: &str) -> bool {
        self.jar.iter().any(|(n, _, _)| n == name)
    }
}

async fn step(app: &TestApp, page: &str, lang: &str, body: Value) -> (StatusCode, Value) {
    post_step(app, &format!("/api/lab/{page}/step?lang={lang}"), body).await
}

/// Sends what a step asked for as the relay does (the browser's cookies, the stored token
/// when the step says `bearer`, or the token it names) and describes the answer.
async fn relay(app: &TestApp, send: &Value, browser: &mut Browser) -> Value {
    let path = send["path"].as_str().unwrap();
    let cookie = browser.cookies_for(path);
    let bearer = match send["bearer_token"].as_str() {
        Some(token) => Some(format!("Bearer {token}")),
        None if send["bearer"] == true => browser.storage.as_ref().map(|t| format!("Bearer {t}")),
        None => None,
    };
    let mut headers = Vec::new();
    if let Some(cookie) = cookie.as_deref() {
        headers.push((header::COOKIE.as_str(), cookie));
    }
    if let Some(bearer) = bearer.as_deref() {
        headers.push((header::AUTHORIZATION.as_str(), bearer));
    }
    let response = app.send(relayed_request(send, &headers)).await;
    browser.keep(&response);
    let status = response.status().as_u16();
    let trace = trace_id(&response);
    json!({ "status": status, "body": body_text(response).await, "trace_id": trace,
            "duration_ms": 3.0 })
}

/// Runs an action of `page` to its end in Korean, doing what each answer asks of the
/// browser; the last answer.
async fn run_on(
    app: &TestApp,
    page: &str,
    state: Value,
    action: &str,
    fields: Value,
    browser: &mut Browser,
) -> Value {
    let mut body =
        json!({ "state": state, "action": action, "fields": fields, "browser": browser.report() });
    loop {
        let (status, answer) = step(app, page, "ko", body).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        if let Some(token) = answer["store_token"].as_str() {
            browser.storage = Some(token.to_owned());
        }
        if answer["delete_token"] == true {
            browser.storage = None;
        }
        let send = &answer["send"];
        if send.is_null() {
            return answer;
        }
        let (name, report) = match send.as_array() {
            Some(sends) => {
                let mut reports = Vec::new();
                for one in sends {
                    reports.push(relay(app, one, browser).await);
                }
                ("reports", Value::from(reports))
            }
            None => ("report", relay(app, send, browser).await),
        };
        body = json!({ "state": answer["state"], name: report, "browser": browser.report() });
    }
}

/// Runs a `/session` action.
async fn run(
    app: &TestApp,
    state: Value,
    action: &str,
    fields: Value,
    browser: &mut Browser,
) -> Value {
    run_on(app, "session", state, action, fields, browser).await
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
    let mut jar = Browser::default();
    let fields = json!({ "username": "alice", "password": "wonderland", "ttl_secs": "30" });
    let login = run(
        &app,
        json!({ "mode": "session" }),
        "login",
        fields,
        &mut jar,
    )
    .await;
    assert!(
        jar.has("auth_lab_sid"),
        "the browser holds the session cookie"
    );
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
    assert!(!jar.has("auth_lab_sid"), "logout clears the cookie");
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
    let mut jar = Browser::default();
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
        let (got, answer) = step(&app, "session", lang, body.clone()).await;
        assert_eq!(
            (got, answer["error"].as_str()),
            (status, Some(code)),
            "{body}"
        );
    }
    // An action while another waits for its report.
    let (_, started) = step(
        &app,
        "session",
        "en",
        json!({ "state": state, "action": "me" }),
    )
    .await;
    let (got, answer) = step(
        &app,
        "session",
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
    let (got, answer) = step(
        &app,
        "session",
        "en",
        json!({ "state": huge, "action": "me" }),
    )
    .await;
    assert_eq!(
        (got, answer["error"].as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("payload_too_large"))
    );
    let body =
        json!({ "state": state, "action": "resume", "browser": Browser::default().report() });
    let (got, answer) = step(&app, "session", "en", body).await;
    assert_eq!(got, StatusCode::OK);
    assert!(html(&answer).contains("id=\"lab-board\""));
}

#[tokio::test]
async fn a_token_is_stored_sent_refreshed_stolen_and_dropped_at_logout() {
    let app = TestApp::new();
    let page = body_text(app.get("/ko/token").await).await;
    assert!(page.contains("id=\"lab-board\"") && page.contains("/api/lab/token/step?lang=ko"));
    let mut browser = Browser::default();
    let fields = json!({ "username": "bob", "password": "builder", "ttl_secs": "900",
                         "refresh": true, "revoke": false });
    let login = run_on(
        &app,
        "token",
        json!({ "mode": "token" }),
        "login",
        fields,
        &mut browser,
    )
    .await;
    let token = browser.storage.clone().expect("the step stored the token");
    assert!(browser.has("auth_lab_refresh"), "the refresh cookie came");
    let state = &login["state"];
    assert_eq!(state["kept_token"], token.as_str());
    assert_eq!(state["refresh"]["generation"], 1);
    assert!(!state.to_string().contains("builder"), "no password kept");
    // The board shows the stored token decoded, and the chain the store holds.
    assert!(html(&login).contains("data-testid=\"stored-token\""));
    assert!(html(&login).contains("data-testid=\"refresh-chain\""));

    let me = run_on(
        &app,
        "token",
        login["state"].clone(),
        "me",
        Value::Null,
        &mut browser,
    )
    .await;
    let row = &me["state"]["rows"][1];
    assert_eq!(
        (row["path"].as_str(), row["status"].as_u64()),
        (Some("/api/token/me"), Some(200))
    );
    assert_eq!(row["auth_bytes"], "Bearer ".len() + token.len());

    let refreshed = run_on(
        &app,
        "token",
        me["state"].clone(),
        "refresh",
        Value::Null,
        &mut browser,
    )
    .await;
    assert_eq!(refreshed["state"]["refresh"]["generation"], 2);
    let rotated = browser.storage.clone().unwrap();
    assert_ne!(rotated, token, "a new access token is stored");

    // The thief copies the live refresh cookie and replays it first: the server cannot tell
    // it from the user, and rotates the chain for the thief.
    let copied = run_on(
        &app,
        "token",
        refreshed["state"].clone(),
        "thief_copy",
        Value::Null,
        &mut browser,
    )
    .await;
    assert!(copied["state"]["thief_copy"]["copy_id"].is_string());
    let stolen = run_on(
        &app,
        "token",
        copied["state"].clone(),
        "thief_replay",
        Value::Null,
        &mut browser,
    )
    .await;
    let rows = stolen["state"]["rows"].as_array().unwrap();
    let thief = rows.iter().find(|r| r["kind"] == "stolen_refresh").unwrap();
    assert_eq!(
        thief["status"], 200,
        "a copy of the live token rotates it once"
    );

    // Log out with revocation: the browser drops its token, the server deny-lists it, and
    // the copy the page kept is refused.
    let out = run_on(
        &app,
        "token",
        stolen["state"].clone(),
        "logout",
        json!({ "revoke": true }),
        &mut browser,
    )
    .await;
    assert!(browser.storage.is_none(), "logout dropped the token");
    assert_eq!(out["state"]["banner"]["tone"], "good");
    let replay = run_on(
        &app,
        "token",
        out["state"].clone(),
        "replay_token",
        Value::Null,
        &mut browser,
    )
    .await;
    let last = replay["state"]["rows"].as_array().unwrap().last().unwrap();
    assert_eq!(
        (last["kind"].as_str(), last["refusal_code"].as_str()),
        (Some("copied_token"), Some("revoked"))
    );
}

#[tokio::test]
async fn compare_sends_each_action_in_both_modes_and_lines_up_the_answers() {
    let app = TestApp::new();
    let mut browser = Browser::default();
    let fields = json!({ "username": "alice", "password": "wonderland", "ttl_secs": "900",
                         "revoke": false });
    let state = json!({ "session": { "mode": "session" }, "token": { "mode": "token" } });
    let login = run_on(&app, "compare", state, "login", fields, &mut browser).await;
    assert!(browser.has("auth_lab_sid") && browser.storage.is_some());
    let me = run_on(
        &app,
        "compare",
        login["state"].clone(),
        "me",
        Value::Null,
        &mut browser,
    )
    .await;
    let session_me = &me["state"]["session"]["rows"][1];
    let token_me = &me["state"]["token"]["rows"][1];
    assert_eq!(
        (session_me["status"].as_u64(), token_me["status"].as_u64()),
        (Some(200), Some(200))
    );
    // The table's cells come from those rows: a bearer token is several times a cookie.
    let (cookie, bearer) = (
        session_me["auth_bytes"].as_u64().unwrap(),
        token_me["auth_bytes"].as_u64().unwrap(),
    );
    assert!(bearer > cookie * 3, "{bearer} vs {cookie}");
    // The table lines the two answers up, from those rows.
    for mode in ["session", "token"] {
        let marker = format!("data-testid=\"{mode}: Last /me answer\">");
        let cell = html(&me).split(&marker).nth(1).unwrap();
        let cell = &cell[..cell.find("</td>").unwrap()];
        assert!(cell.contains("200"), "{mode}: {cell}");
    }

    let out = run_on(
        &app,
        "compare",
        me["state"].clone(),
        "logout",
        Value::Null,
        &mut browser,
    )
    .await;
    assert!(!browser.has("auth_lab_sid") && browser.storage.is_none());
    assert!(
        html(&out).contains("id=\"compare-replay\""),
        "the replay is offered"
    );
    let replay = run_on(
        &app,
        "compare",
        out["state"].clone(),
        "replay",
        Value::Null,
        &mut browser,
    )
    .await;
    let session_rows = replay["state"]["session"]["rows"].as_array().unwrap();
    let dead = session_rows
        .iter()
        .find(|r| r["kind"] == "stolen_dead_cookie")
        .unwrap();
    assert_eq!(dead["refusal_code"], "unknown_session");
    let copy = replay["state"]["token"]["rows"]
        .as_array()
        .unwrap()
        .last()
        .unwrap();
    assert_eq!(
        (copy["kind"].as_str(), copy["status"].as_u64()),
        (Some("copied_token"), Some(200))
    );
}

#[tokio::test]
async fn token_and_compare_steps_refuse_what_is_not_theirs() {
    let app = TestApp::new();
    let token = json!({ "mode": "token" });
    assert_step_refusals(&app, "/api/lab/token/step", &token, "me").await;
    let compare = json!({ "session": { "mode": "session" }, "token": { "mode": "token" } });
    assert_step_refusals(&app, "/api/lab/compare/step", &compare, "me").await;
    let cases = [
        (
            "token",
            json!({ "state": { "mode": "session" }, "action": "me" }),
            StatusCode::BAD_REQUEST,
            "wrong_lab",
        ),
        (
            "session",
            json!({ "state": token, "action": "me" }),
            StatusCode::BAD_REQUEST,
            "wrong_lab",
        ),
        (
            "token",
            json!({ "state": token, "action": "replay_dead" }),
            StatusCode::BAD_REQUEST,
            "unknown_action",
        ),
        (
            "compare",
            json!({ "state": compare, "action": "thief_copy" }),
            StatusCode::BAD_REQUEST,
            "unknown_action",
        ),
        (
            "compare",
            json!({ "state": token, "action": "me" }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_fields",
        ),
        (
            "token",
            json!({ "state": token, "action": "logout", "fields": { "revoke": "yes" } }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_fields",
        ),
    ];
    for (page, body, status, code) in cases {
        let (got, answer) = step(&app, page, "en", body.clone()).await;
        assert_eq!(
            (got, answer["error"].as_str()),
            (status, Some(code)),
            "{page}: {body}"
        );
    }
    // A compare step reports one answer per request it asked for.
    let (_, started) = step(
        &app,
        "compare",
        "en",
        json!({ "state": compare, "action": "me" }),
    )
    .await;
    assert_eq!(started["send"].as_array().map(Vec::len), Some(2));
    let one = json!([{ "status": 200, "body": "{}" }]);
    let (got, answer) = step(
        &app,
        "compare",
        "en",
        json!({ "state": started["state"], "reports": one }),
    )
    .await;
    assert_eq!(
        (got, answer["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("nothing_asked"))
    );
}
