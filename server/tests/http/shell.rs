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

/// A site folder of its own for one test, so what the last build left in target/site
/// cannot decide which bundle a page names.
fn site_folder(name: &str, manifest: Option<&str>) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("auth-lab-site-{name}-{}", std::process::id()));
    let pages = dir.join("pkg/pages");
    std::fs::create_dir_all(&pages).unwrap();
    if let Some(text) = manifest {
        std::fs::write(pages.join("bundles.txt"), text).unwrap();
    }
    dir
}

/// The module script and the wasm a page's head names (preloads and the boot script).
fn bundle_names(html: &str) -> Vec<&str> {
    let mut found: Vec<&str> = html
        .match_indices("/pkg/")
        .map(|(at, _)| {
            let rest = &html[at..];
            &rest[..rest.find(['"', '\\']).unwrap_or(rest.len())]
        })
        .filter(|path| path.ends_with(".js") || path.ends_with(".wasm"))
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

#[tokio::test]
async fn only_pages_with_an_island_load_the_wasm() {
    let site = site_folder("plain", None);
    let lab = TestApp::with_site_root(site.to_str().unwrap());
    for path in ["/session", "/token", "/compare", "/interview/quiz"] {
        let html = body_text(lab.get(path).await).await;
        // No page bundles were built: the site-wide bundle cargo-leptos builds.
        assert_eq!(
            bundle_names(&html),
            ["/pkg/auth-lab.js", "/pkg/auth-lab.wasm"],
            "{path}"
        );
        assert!(html.contains("<leptos-island"), "{path}: no island");
        // There the marker is set by the browser once the islands run, never by the server.
        assert!(!html.contains("data-hydrated"), "{path}");
    }
    for path in ["/", "/no/such/page"] {
        let html = body_text(lab.get(path).await).await;
        assert!(!html.contains("<leptos-island"), "{path}");
        assert!(bundle_names(&html).is_empty(), "{path}");
    }
    std::fs::remove_dir_all(site).unwrap();
}

#[tokio::test]
async fn each_island_page_loads_its_own_page_bundle() {
    let manifest = "relay.js: relay.CCCCCCCCCCCCCCCCCCCCCC.js\n\
        relay.wasm: relay.DDDDDDDDDDDDDDDDDDDDDD.wasm\n";
    let site = site_folder("bundles", Some(manifest));
    let lab = TestApp::with_site_root(site.to_str().unwrap());
    let html = body_text(lab.get("/cluster").await).await;
    // Rendering /cluster started the cluster, so its page bundle is shown beside real nodes.
    let nodes = lab.state.cluster.view().await.nodes;
    assert!(
        nodes.iter().all(|node| node.up),
        "the page started nodes that did not come up: {nodes:?}"
    );
    // Every lab page shares the relay's bundle: the server draws each board.
    let relay_bundle = [
        "/pkg/pages/relay.CCCCCCCCCCCCCCCCCCCCCC.js",
        "/pkg/pages/relay.DDDDDDDDDDDDDDDDDDDDDD.wasm",
    ];
    assert_eq!(bundle_names(&html), relay_bundle);
    for path in [
        "/security",
        "/session",
        "/ko/session",
        "/token",
        "/compare",
        "/ko/token",
    ] {
        let html = body_text(lab.get(path).await).await;
        assert_eq!(bundle_names(&html), relay_bundle, "{path}");
    }
    // The manifest names no quiz bundle: that page falls back to the site-wide one rather
    // than to a file that is not there.
    let html = body_text(lab.get("/interview/quiz").await).await;
    assert_eq!(
        bundle_names(&html),
        ["/pkg/auth-lab.js", "/pkg/auth-lab.wasm"]
    );
    let html = body_text(lab.get("/").await).await;
    assert!(bundle_names(&html).is_empty());
    std::fs::remove_dir_all(site).unwrap();
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
