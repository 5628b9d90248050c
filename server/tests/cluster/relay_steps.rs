//! `POST /api/cluster/step`, driven as the `/cluster` page's relay drives it: start an
//! action, send each request the steps ask for through the real balancer or control API,
//! report its answer, until the step asks for nothing more; and its refusals of bad input.

use app::api::cluster::{ClusterStore, Routing};
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::harness::{serial, Lab};

/// One action run to its end as the relay runs it; returns the last step's answer and how
/// many requests the steps asked for.
async fn act(lab: &mut Lab, state: &Value, action: &str, lang: &str) -> (Value, usize) {
    let endpoint = format!("/api/cluster/step?lang={lang}");
    let mut step = json!({ "state": state, "action": action, "has_token": lab.token.is_some() });
    let mut sent = 0;
    loop {
        let answer = lab.call(Method::POST, &endpoint, Some(step)).await;
        assert_eq!(answer.status, StatusCode::OK, "{action}: {answer:?}");
        let body = answer.body;
        if let Some(token) = body["store_token"].as_str() {
            lab.token = Some(token.to_owned());
        }
        if body["delete_token"] == json!(true) {
            lab.token = None;
        }
        let send = body["send"].clone();
        if send.is_null() {
            return (body, sent);
        }
        sent += 1;
        // The relay adds the stored token only where the step asks for it.
        let kept = if send["bearer"] == json!(true) {
            None
        } else {
            lab.token.take()
        };
        let method = Method::from_bytes(send["method"].as_str().unwrap().as_bytes()).unwrap();
        let payload = send["body"]
            .as_str()
            .map(|b| serde_json::from_str(b).unwrap());
        let reply = lab
            .call(method, send["path"].as_str().unwrap(), payload)
            .await;
        if kept.is_some() {
            lab.token = kept;
        }
        let served_by = reply
            .headers
            .get("x-served-by")
            .map(|v| v.to_str().unwrap().to_owned());
        let report = json!({ "status": reply.status.as_u16(), "served_by": served_by, "body": reply.body.to_string() });
        step =
            json!({ "state": body["state"], "report": report, "has_token": lab.token.is_some() });
    }
}

fn html(answer: &Value) -> &str {
    answer["html"].as_str().expect("the board's HTML")
}

fn hangul(text: &str) -> bool {
    text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_login_and_a_call_through_the_balancer_land_on_the_board_in_either_language() {
    let _turn = serial();
    let mut lab = Lab::new();
    lab.configure(Routing::Sticky, ClusterStore::Local).await;

    let (answer, sent) = act(&mut lab, &null_state(), "preset:round-robin-local", "en").await;
    assert_eq!(sent, 1, "the preset is one PUT to the control API");
    assert_eq!(lab.view().await.routing, Routing::RoundRobin);
    assert!(html(&answer).contains(r#"id="cluster-board""#));
    assert!(
        !html(&answer).contains("disabled"),
        "a finished action leaves the controls enabled"
    );

    let (answer, _) = act(&mut lab, &answer["state"], "login", "en").await;
    let home = answer["state"]["calls"][0]["node"]
        .as_str()
        .expect("the login's node")
        .to_owned();
    assert!(
        html(&answer).contains(&format!(r#"data-node="{home}" data-status="200""#)),
        "{}",
        html(&answer)
    );

    // Round robin on local memory: the next node has never heard of the session the
    // browser's cookie names.
    let (answer, sent) = act(&mut lab, &answer["state"], "me", "ko").await;
    assert_eq!(sent, 1);
    let call = &answer["state"]["calls"][1];
    assert_eq!(call["status"], json!(401));
    assert_ne!(call["node"].as_str(), Some(home.as_str()));
    assert_eq!(call["code"], json!("unknown_session"));
    assert!(hangul(html(&answer)), "the Korean board is in Korean");
    let (english, _) = act(&mut lab, &answer["state"], "mode:session", "en").await;
    assert!(!hangul(html(&english)), "the English board has no Korean");
}

/// The state a fresh page starts from.
fn null_state() -> Value {
    serde_json::from_str(&app::cluster_step::first_state()).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_steps_get_a_json_error_and_the_next_good_one_still_works() {
    let _turn = serial();
    let mut lab = Lab::new();
    let state = null_state();
    // A step that asks for a request, left unanswered: the page is now busy.
    let started = json!({ "state": state, "action": "me" });
    let answer = lab
        .call(Method::POST, "/api/cluster/step?lang=en", Some(started))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{answer:?}");
    let waiting = answer.body["state"].clone();
    let report = json!({ "status": 200, "body": "{}" });
    let cases = [
        (
            "en",
            json!({ "state": state, "action": "dance" }),
            400,
            "unknown_action",
        ),
        (
            "en",
            json!({ "state": state, "action": "node:node-9:stop" }),
            400,
            "unknown_action",
        ),
        (
            "en",
            json!({ "state": waiting, "action": "login" }),
            409,
            "busy",
        ),
        (
            "en",
            json!({ "state": state, "report": report }),
            400,
            "nothing_asked",
        ),
        ("en", json!({ "state": state }), 400, "nothing_asked"),
        (
            "fr",
            json!({ "state": state, "action": "me" }),
            400,
            "unknown_language",
        ),
        (
            "en",
            json!({ "state": { "mode": "carrier_pigeon" }, "action": "me" }),
            422,
            "invalid_fields",
        ),
        (
            "en",
            json!({ "state": state, "action": "me", "admin": true }),
            422,
            "invalid_fields",
        ),
    ];
    for (lang, body, status, error) in cases {
        let answer = lab
            .call(
                Method::POST,
                &format!("/api/cluster/step?lang={lang}"),
                Some(body.clone()),
            )
            .await;
        assert_eq!(answer.status.as_u16(), status, "{body}: {answer:?}");
        assert_eq!(answer.error(), error, "{body}: {answer:?}");
    }
    let unlabelled = lab.call(Method::POST, "/api/cluster/step", None).await;
    assert_eq!(
        unlabelled.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "{unlabelled:?}"
    );

    let (answer, sent) = act(&mut lab, &state, "mode:token", "en").await;
    assert_eq!((sent, answer["state"]["mode"].clone()), (0, json!("token")));
}
