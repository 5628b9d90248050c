//! Helpers shared by the HTTP tests: build the real router and drive it with `oneshot`.

#![allow(dead_code)]

use axum::{body::Body, http::Request, response::Response, Router};
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use server::{app, AppState};
use tower::ServiceExt;

/// The application exactly as `main` builds it, minus the listener.
pub fn test_app() -> Router {
    let leptos_options = LeptosOptions::builder()
        .output_name(app::OUTPUT_NAME)
        .site_root("target/site")
        .build();
    app(AppState { leptos_options })
}

pub async fn send(request: Request<Body>) -> Response {
    test_app()
        .oneshot(request)
        .await
        .expect("the router is infallible")
}

pub async fn get(uri: &str) -> Response {
    send(Request::get(uri).body(Body::empty()).unwrap()).await
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

pub async fn body_json(response: Response) -> serde_json::Value {
    let text = body_text(response).await;
    serde_json::from_str(&text).unwrap_or_else(|err| panic!("not JSON ({err}): {text}"))
}
