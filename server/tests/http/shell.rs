//! The server's own surface: health probe, server-rendered pages and the 404 answers.

use crate::common::{body_json, body_text, heading_of, TestApp};
use axum::http::{header, StatusCode};

async fn get(uri: &str) -> axum::response::Response {
    TestApp::new().get(uri).await
}

#[tokio::test]
async fn health_reports_ok_as_json() {
    let response = get("/api/health").await;

    assert_eq!(response.status(), StatusCode::OK);
    let content_type = response.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
    assert_eq!(
        body_json(response).await,
        serde_json::json!({ "status": "ok" })
    );
}

#[tokio::test]
async fn home_page_is_server_rendered_with_the_lab_introduction() {
    let response = get("/").await;

    assert_eq!(response.status(), StatusCode::OK);
    let html = body_text(response).await;
    assert!(
        html.contains("See where your login actually lives."),
        "{html}"
    );
    assert!(html.contains("Auth Lab logs you in two ways against one real server"));
    // No island here: the page loads neither the bundle's script nor the wasm (Leptos
    // still writes its few bytes of inline bookkeeping), and is ready as sent.
    assert!(
        !html.contains("auth-lab.js") && !html.contains(".wasm"),
        "{html}"
    );
    assert!(
        !html.contains("<script src") && !html.contains("modulepreload"),
        "{html}"
    );
    assert!(html.contains(r#"<body data-hydrated="true">"#), "{html}");
}

#[tokio::test]
async fn only_pages_with_an_island_load_the_wasm() {
    for path in ["/session", "/token", "/compare"] {
        let html = body_text(get(path).await).await;
        // The hydration scripts point at the bundle cargo-leptos builds.
        assert!(
            html.contains("/pkg/auth-lab.js"),
            "{path}: no hydration script"
        );
        assert!(html.contains("<leptos-island"), "{path}: no island");
        // There the marker is set by the browser once the islands run, never by the server.
        assert!(!html.contains("data-hydrated"), "{path}");
    }
    for path in ["/", "/no/such/page"] {
        let html = body_text(get(path).await).await;
        assert!(!html.contains("<leptos-island"), "{path}");
        assert!(!html.contains("auth-lab.js"), "{path}");
    }
}

#[tokio::test]
async fn mode_pages_are_server_rendered() {
    for (path, heading) in [("/session", "Session mode"), ("/token", "Token mode")] {
        let response = get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let html = body_text(response).await;
        assert!(heading_of(&html) == heading, "{path}: {html}");
        assert!(
            html.contains(&format!("<title>{heading} · Auth Lab</title>")),
            "{path}"
        );
    }
}

#[tokio::test]
async fn unknown_page_renders_the_not_found_page_with_status_404() {
    let response = get("/no/such/page").await;

    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let html = body_text(response).await;
    assert!(html.contains("Page not found"), "{html}");
}

#[tokio::test]
async fn unknown_api_path_gets_a_json_404_not_html() {
    let response = get("/api/nope").await;

    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body = body_json(response).await;
    assert_eq!(body["error"], "not_found");
    assert!(body["reason"].is_null());
    assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
}
