//! Helpers shared by the HTTP tests: the real router, driven with `oneshot`, over a clock
//! the test moves by hand.

use std::sync::Arc;

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    response::Response,
    Router,
};
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use serde_json::{json, Value};
use server::{
    app,
    auth_state::{Auth, AuthSettings},
    cluster::ClusterConfig,
    core::clock::{Clock, ManualClock, SystemClock},
    AppState,
};
use tower::ServiceExt;

/// A session login as the tests see it.
pub struct SessionLogin {
    /// `name=value`, as the browser sends it back.
    pub cookie: String,
    pub trace_id: Option<String>,
    pub body: Value,
}

impl SessionLogin {
    /// The session ID alone.
    pub fn id(&self) -> &str {
        self.cookie.split_once('=').expect("name=value").1
    }
}

/// The login body of a demo account, with an optional lifetime.
pub fn credentials(username: &str, ttl: Option<i64>) -> Value {
    let password = match username {
        "alice" => "wonderland",
        "bob" => "builder",
        other => panic!("no demo account {other}"),
    };
    let mut body = serde_json::json!({ "username": username, "password": password });
    if let Some(ttl) = ttl {
        body["ttl_secs"] = serde_json::json!(ttl);
    }
    body
}

/// The `x-trace-id` a traced answer carries.
pub fn trace_id(response: &Response) -> Option<String> {
    response
        .headers()
        .get("x-trace-id")
        .map(|v| v.to_str().expect("ASCII").to_owned())
}

/// The first step of `kind` in a trace; a test names the step it means, never a position.
pub fn step<'a>(trace: &'a Value, kind: &str) -> &'a Value {
    trace["steps"]
        .as_array()
        .expect("a trace has steps")
        .iter()
        .find(|s| s["step"] == kind)
        .unwrap_or_else(|| panic!("no {kind} step in {trace}"))
}

pub struct TestApp {
    pub router: Router,
    pub clock: ManualClock,
    pub auth: Auth,
    /// The state behind `router`, for the listeners a test builds beside it.
    pub state: AppState,
}

impl TestApp {
    /// The application exactly as `main` builds it, minus the listener, with a manual clock
    /// that starts at the real time (store expiry dates stay in the future).
    pub fn new() -> Self {
        Self::with_settings(AuthSettings::default())
    }

    pub fn with_settings(settings: AuthSettings) -> Self {
        let clock = ManualClock::starting_at(SystemClock.now());
        let auth = Auth::with_clock(settings, Arc::new(clock.clone()));
        Self::from_auth(auth, clock)
    }

    /// Wraps auth state built elsewhere (for example on a Redis store).
    pub fn from_auth(auth: Auth, clock: ManualClock) -> Self {
        Self::serving(auth, clock, "target/site")
    }

    /// The default lab, serving the built site from `site_root` instead of target/site.
    pub fn with_site_root(site_root: &str) -> Self {
        let clock = ManualClock::starting_at(SystemClock.now());
        let auth = Auth::with_clock(AuthSettings::default(), Arc::new(clock.clone()));
        Self::serving(auth, clock, site_root)
    }

    fn serving(auth: Auth, clock: ManualClock, site_root: &str) -> Self {
        let leptos_options = LeptosOptions::builder()
            .output_name(app::OUTPUT_NAME)
            .site_root(site_root)
            .build();
        // The security lab's attacker as `main` would name it for a lab on port 3000.
        // The cluster's nodes are the server binary itself; by default that is the running
        // executable, which here is this test harness.
        let state = AppState::new(leptos_options, auth.clone())
            .with_attacker(3000, Some(3002))
            .with_cluster(ClusterConfig {
                binary: env!("CARGO_BIN_EXE_server").into(),
                ..ClusterConfig::default()
            });
        let router = app(state.clone());
        Self {
            router,
            clock,
            auth,
            state,
        }
    }

    pub async fn send(&self, request: Request<Body>) -> Response {
        self.router
            .clone()
            .oneshot(request)
            .await
            .expect("the router is infallible")
    }

    pub async fn get(&self, uri: &str) -> Response {
        self.send(Request::get(uri).body(Body::empty()).unwrap())
            .await
    }

    /// `GET /api/session/me` with `Cookie: <cookie>`, as the browser would send it.
    pub async fn session_me(&self, cookie: &str) -> Response {
        self.get_with("/api/session/me", header::COOKIE, cookie)
            .await
    }

    /// `GET /api/token/me` with the given `Authorization` value.
    pub async fn token_me(&self, authorization: &str) -> Response {
        self.get_with("/api/token/me", header::AUTHORIZATION, authorization)
            .await
    }

    /// Logs alice in through session mode (idle timeout `ttl`, or the default) and returns
    /// what a browser would keep and what the page would read.
    pub async fn session_login(&self, ttl: Option<i64>) -> SessionLogin {
        let response = self
            .post_json("/api/session/login", credentials("alice", ttl))
            .await;
        assert_eq!(response.status(), StatusCode::OK, "session login");
        let cookie = cookie_pair(&set_cookie(&response).expect("a session login sets a cookie"));
        let trace_id = trace_id(&response);
        SessionLogin {
            cookie,
            trace_id,
            body: body_json(response).await,
        }
    }

    /// Logs bob in through token mode (lifetime `ttl`, or the default); the login answer.
    pub async fn token_login(&self, ttl: Option<i64>) -> Value {
        let response = self
            .post_json("/api/token/login", credentials("bob", ttl))
            .await;
        assert_eq!(response.status(), StatusCode::OK, "token login");
        assert!(set_cookie(&response).is_none(), "token mode sets no cookie");
        body_json(response).await
    }

    /// Logs `username` in through token mode and returns the access token.
    pub async fn token_for(&self, username: &str, password: &str) -> String {
        let body = serde_json::json!({ "username": username, "password": password });
        let response = self.post_json("/api/token/login", body).await;
        assert_eq!(response.status(), StatusCode::OK, "token login");
        body_json(response).await["access_token"]
            .as_str()
            .expect("a login answer carries access_token")
            .to_owned()
    }

    /// The server's trace of the request that got `response`.
    pub async fn trace_of(&self, response: &Response) -> Value {
        let id = trace_id(response).expect("a traced answer names its trace");
        self.trace(&id).await
    }

    /// The server's trace with this ID, from `/api/inspect/trace/{id}`.
    pub async fn trace(&self, id: &str) -> Value {
        let trace = self.get(&format!("/api/inspect/trace/{id}")).await;
        assert_eq!(trace.status(), StatusCode::OK);
        body_json(trace).await
    }

    /// `POST /api/session/logout` with `Cookie: <cookie>`, as the lab page sends it.
    pub async fn session_logout(&self, cookie: &str) -> Response {
        let body = serde_json::json!({});
        self.send(json_request(
            "POST",
            "/api/session/logout",
            &body,
            &[("cookie", cookie)],
        ))
        .await
    }

    /// `POST /api/token/logout` with `{"revoke": true}` and the given `Authorization` value:
    /// the token goes on the deny-list.
    pub async fn token_revoke(&self, authorization: &str) -> Response {
        let body = serde_json::json!({ "revoke": true });
        self.send(json_request(
            "POST",
            "/api/token/logout",
            &body,
            &[("authorization", authorization)],
        ))
        .await
    }

    async fn get_with(&self, uri: &str, name: header::HeaderName, value: &str) -> Response {
        self.send(
            Request::get(uri)
                .header(name, value)
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    pub async fn post_json(&self, uri: &str, body: Value) -> Response {
        self.send(json_request("POST", uri, &body, &[])).await
    }

    pub fn clock_now(&self) -> i64 {
        self.clock.now()
    }

    pub async fn session_count(&self) -> usize {
        self.auth
            .sessions
            .rows()
            .await
            .expect("store answers")
            .len()
    }
}

/// A JSON request with extra headers, as a same-origin page would send it.
pub fn json_request(
    method: &str,
    uri: &str,
    body: &Value,
    headers: &[(&str, &str)],
) -> Request<Body> {
    let mut builder = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::CONTENT_TYPE, "application/json");
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(Body::from(body.to_string())).unwrap()
}

/// The request a relay step names (`{"method","path","body"}`), as the page's relay sends
/// it, with `headers` added (the browser's cookie, a bearer token).
pub fn relayed_request(send: &Value, headers: &[(&str, &str)]) -> Request<Body> {
    let method = send["method"].as_str().unwrap();
    let path = send["path"].as_str().unwrap();
    if method == "GET" {
        let mut builder = Request::get(path);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        return builder.body(Body::empty()).unwrap();
    }
    let body: Value = send["body"]
        .as_str()
        .map_or(Value::Null, |b| serde_json::from_str(b).unwrap());
    json_request(method, path, &body, headers)
}

/// Posts one step to a lab's step endpoint; the status and the JSON answer.
pub async fn post_step(app: &TestApp, uri: &str, body: Value) -> (StatusCode, Value) {
    let response = app.post_json(uri, body).await;
    let status = response.status();
    (status, body_json(response).await)
}

/// The refusals every lab's step endpoint makes alike, whatever the lab: an action it does
/// not have, a step with neither action nor report, a language it does not speak, a body
/// that is not JSON, and JSON from another site. `action` is one the lab has.
pub async fn assert_step_refusals(app: &TestApp, endpoint: &str, state: &Value, action: &str) {
    let cases = [
        (
            "ko",
            json!({ "state": state, "action": "drop-tables" }),
            "unknown_action",
        ),
        ("ko", json!({ "state": state }), "nothing_asked"),
        (
            "fr",
            json!({ "state": state, "action": action }),
            "unknown_language",
        ),
    ];
    for (lang, body, code) in cases {
        let uri = format!("{endpoint}?lang={lang}");
        let (got, answer) = post_step(app, &uri, body.clone()).await;
        let refusal = (got, answer["error"].as_str());
        assert_eq!(refusal, (StatusCode::BAD_REQUEST, Some(code)), "{body}");
    }
    let plain = Request::post(format!("{endpoint}?lang=en"))
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from("{}"))
        .unwrap();
    let status = app.send(plain).await.status();
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let body = json!({ "state": state, "action": action });
    let origin = [("origin", "http://evil.example")];
    let cross = json_request("POST", &format!("{endpoint}?lang=en"), &body, &origin);
    assert_eq!(app.send(cross).await.status(), StatusCode::FORBIDDEN);
}

pub async fn body_text(response: Response) -> String {
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body collects")
        .to_bytes();
    String::from_utf8(bytes.to_vec()).expect("body is UTF-8")
}

pub async fn body_json(response: Response) -> Value {
    let text = body_text(response).await;
    serde_json::from_str(&text).unwrap_or_else(|err| panic!("not JSON ({err}): {text}"))
}

/// The single Set-Cookie header of a response.
pub fn set_cookie(response: &Response) -> Option<String> {
    response
        .headers()
        .get(header::SET_COOKIE)
        .map(|v| v.to_str().unwrap().to_owned())
}

/// Turns `name=value; attrs` into the `name=value` a browser would send back.
pub fn cookie_pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().trim().to_owned()
}

/// The text of a page's `<h1>`, without the empty comment Leptos leaves after text it may
/// later update (`<h1>Session mode<!></h1>`).
pub fn heading_of(html: &str) -> String {
    let start = html.find("<h1>").map(|i| i + 4).unwrap_or(0);
    let end = html[start..].find("</h1>").map_or(start, |i| start + i);
    html[start..end].replace("<!>", "")
}

/// The host the form tests address, and its own origin.
pub const HOST: &str = "127.0.0.1:3000";
pub const ORIGIN: &str = "http://127.0.0.1:3000";

/// A form post to `uri` as a browser sends it from a page with `origin`.
pub fn form(uri: &str, body: &str, cookie: Option<&str>, origin: &str) -> Request<Body> {
    let mut request = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, origin);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::from(body.to_owned())).unwrap()
}
