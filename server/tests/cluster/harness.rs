//! A lab server built by `server::app` (driven with `oneshot`) whose cluster runs this
//! package's real `server` binary, and a browser-like cookie jar for the `/cluster` paths.

use std::{collections::BTreeMap, sync::Mutex};

use app::api::cluster::{ClusterStore, ClusterView, Routing};
use axum::{
    body::Body,
    http::{header, HeaderMap, Method, Request, StatusCode},
    Router,
};
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use serde_json::{json, Value};
use server::{
    app,
    auth_state::{Auth, AuthSettings},
    cluster::ClusterConfig,
    AppState,
};
use tower::ServiceExt;

/// One test at a time: each starts three node processes (and maybe a Redis).
pub fn serial() -> std::sync::MutexGuard<'static, ()> {
    static TURN: Mutex<()> = Mutex::new(());
    TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub fn config() -> ClusterConfig {
    ClusterConfig {
        binary: env!("CARGO_BIN_EXE_server").into(),
        ..ClusterConfig::default()
    }
}

/// One answer, read whole.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Answer {
    /// The node that served it.
    pub fn node(&self) -> &str {
        self.headers
            .get("x-served-by")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_else(|| panic!("no x-served-by on {self:?}"))
    }

    pub fn error(&self) -> &str {
        self.body["error"].as_str().unwrap_or("")
    }

    pub fn reason(&self) -> &str {
        self.body["reason"].as_str().unwrap_or("")
    }
}

/// The lab server and one browser's cookies (and localStorage token).
pub struct Lab {
    router: Router,
    pub state: AppState,
    jar: BTreeMap<String, String>,
    pub token: Option<String>,
}

impl Lab {
    pub fn new() -> Self {
        let options = LeptosOptions::builder()
            .output_name(app::OUTPUT_NAME)
            .build();
        let state =
            AppState::new(options, Auth::new(AuthSettings::default())).with_cluster(config());
        Self {
            router: app(state.clone()),
            state,
            jar: BTreeMap::new(),
            token: None,
        }
    }

    /// Another browser on the same lab: no cookies, no token.
    pub fn fresh_browser(&self) -> Self {
        Self {
            router: self.router.clone(),
            state: self.state.clone(),
            jar: BTreeMap::new(),
            token: None,
        }
    }

    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.jar.get(name).map(String::as_str)
    }

    pub async fn call(&mut self, method: Method, path: &str, body: Option<Value>) -> Answer {
        let mut request = Request::builder().method(method).uri(path);
        if !self.jar.is_empty() && path.starts_with("/cluster") {
            let pairs: Vec<String> = self.jar.iter().map(|(k, v)| format!("{k}={v}")).collect();
            request = request.header(header::COOKIE, pairs.join("; "));
        }
        if let (Some(token), true) = (&self.token, path.starts_with("/cluster/api/token")) {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let body = match body {
            Some(json) => {
                request = request.header(header::CONTENT_TYPE, "application/json");
                Body::from(json.to_string())
            }
            None => Body::empty(),
        };
        let response = self
            .router
            .clone()
            .oneshot(request.body(body).unwrap())
            .await
            .expect("the router is infallible");
        let status = response.status();
        let headers = response.headers().clone();
        for line in headers.get_all(header::SET_COOKIE) {
            let line = line.to_str().unwrap();
            let (pair, attributes) = line.split_once(';').unwrap_or((line, ""));
            let (name, value) = pair.split_once('=').unwrap();
            if value.is_empty() || attributes.contains("Max-Age=0") {
                self.jar.remove(name);
            } else {
                self.jar.insert(name.to_owned(), value.to_owned());
            }
        }
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Answer {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&mut self, path: &str) -> Answer {
        self.call(Method::GET, path, None).await
    }

    /// A control call that must succeed; returns the cluster view it answered with.
    pub async fn control(
        &mut self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> ClusterView {
        let answer = self.call(method, path, body.or(Some(json!({})))).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}: {answer:?}");
        serde_json::from_value(answer.body).expect("a cluster view")
    }

    pub async fn configure(&mut self, routing: Routing, store: ClusterStore) -> ClusterView {
        let view = self
            .control(
                Method::PUT,
                "/api/cluster",
                Some(json!({ "routing": routing, "store": store })),
            )
            .await;
        assert_eq!((view.routing, view.store), (routing, store));
        assert!(view.nodes.iter().all(|n| n.up), "all nodes up: {view:?}");
        view
    }

    pub async fn view(&mut self) -> ClusterView {
        self.control(Method::GET, "/api/cluster", None).await
    }

    pub async fn stop(&mut self, node: &str) -> ClusterView {
        self.control(
            Method::POST,
            &format!("/api/cluster/nodes/{node}/stop"),
            None,
        )
        .await
    }

    pub async fn start(&mut self, node: &str) -> ClusterView {
        self.control(
            Method::POST,
            &format!("/api/cluster/nodes/{node}/start"),
            None,
        )
        .await
    }

    /// Logs alice in through the balancer: `session` or `token` mode.
    pub async fn log_in(&mut self, mode: &str) -> Answer {
        let answer = self
            .call(
                Method::POST,
                &format!("/cluster/api/{mode}/login"),
                Some(json!({ "username": "alice", "password": "wonderland" })),
            )
            .await;
        assert_eq!(answer.status, StatusCode::OK, "login: {answer:?}");
        if mode == "token" {
            self.token = Some(
                answer.body["access_token"]
                    .as_str()
                    .expect("a token")
                    .to_owned(),
            );
        }
        answer
    }

    pub async fn me(&mut self, mode: &str) -> Answer {
        self.get(&format!("/cluster/api/{mode}/me")).await
    }

    /// `n` calls to `/me`: each one's node and status.
    pub async fn spread(&mut self, mode: &str, n: usize) -> Vec<(String, u16)> {
        let mut seen = Vec::with_capacity(n);
        for _ in 0..n {
            let answer = self.me(mode).await;
            seen.push((answer.node().to_owned(), answer.status.as_u16()));
        }
        seen
    }

    pub async fn shutdown(self) {
        self.state.cluster.shutdown().await;
    }
}

/// The sessions each node reports, in node order.
pub fn sessions(view: &ClusterView) -> Vec<usize> {
    view.nodes.iter().map(|n| n.status.sessions).collect()
}
