//! The two languages: which one a page speaks, how it says so, and the switch between them.

use crate::common::{body_json, body_text, form, heading_of, TestApp, ORIGIN};
use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    response::Response,
};

async fn page(uri: &str, headers: &[(header::HeaderName, &str)]) -> Response {
    let mut request = Request::get(uri);
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    TestApp::new()
        .send(request.body(Body::empty()).unwrap())
        .await
}

fn header_of(response: &Response, name: header::HeaderName) -> &str {
    response.headers()[name].to_str().unwrap()
}

#[tokio::test]
async fn the_ko_prefix_serves_the_same_pages_in_korean() {
    for (path, heading) in [("/ko/session", "세션 방식"), ("/ko/token", "토큰 방식")] {
        let response = page(path, &[]).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(header_of(&response, header::CONTENT_LANGUAGE), "ko");
        let html = body_text(response).await;
        assert!(html.contains(r#"<html lang="ko">"#), "{path}");
        assert!(heading_of(&html) == heading, "{path}: {html}");
        // The relay comes along, told its language by the step endpoint it calls.
        assert!(html.contains("<leptos-island"), "{path}");
        let mode = path.trim_start_matches("/ko/");
        assert!(
            html.contains(&format!("/api/lab/{mode}/step?lang=ko")),
            "{path}"
        );
        // Its links stay in Korean.
        assert!(html.contains(r#"href="/ko/compare""#), "{path}");
    }
    let home = page("/ko", &[]).await;
    assert_eq!(home.status(), StatusCode::OK);
    assert!(!body_text(home).await.contains("<leptos-island"));
}

#[tokio::test]
async fn without_a_prefix_the_cookie_then_accept_language_decide() {
    let korean_browser = [(header::ACCEPT_LANGUAGE, "ko-KR,ko;q=0.9,en;q=0.8")];
    let response = page("/session", &korean_browser).await;
    assert_eq!(header_of(&response, header::CONTENT_LANGUAGE), "ko");
    assert_eq!(
        header_of(&response, header::VARY),
        "Cookie, Accept-Language"
    );

    let chose_english = [
        (header::ACCEPT_LANGUAGE, "ko-KR,ko;q=0.9"),
        (header::COOKIE, "auth_lab_lang=en"),
    ];
    let response = page("/session", &chose_english).await;
    assert_eq!(header_of(&response, header::CONTENT_LANGUAGE), "en");
    assert!(body_text(response).await.contains(r#"<html lang="en">"#));

    let response = page("/ko/session", &[(header::COOKIE, "auth_lab_lang=en")]).await;
    assert_eq!(
        header_of(&response, header::CONTENT_LANGUAGE),
        "ko",
        "the URL wins"
    );

    let response = page("/session", &[]).await;
    assert_eq!(header_of(&response, header::CONTENT_LANGUAGE), "en");
}

#[tokio::test]
async fn the_switch_remembers_the_choice_and_returns_to_the_same_page() {
    let response = page("/lang/ko?next=/token", &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(header_of(&response, header::LOCATION), "/ko/token");
    let cookie = header_of(&response, header::SET_COOKIE);
    assert!(cookie.starts_with("auth_lab_lang=ko;"), "{cookie}");
    assert!(
        cookie.contains("SameSite=Lax") && cookie.contains("Path=/"),
        "{cookie}"
    );

    let response = page("/lang/en?next=/ko/token", &[]).await;
    assert_eq!(header_of(&response, header::LOCATION), "/token");
    let response = page("/lang/en?next=/ko", &[]).await;
    assert_eq!(header_of(&response, header::LOCATION), "/");
    let response = page("/ko/", &[]).await;
    assert_eq!(response.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(header_of(&response, header::LOCATION), "/ko");
}

#[tokio::test]
async fn the_switch_refuses_other_languages_and_other_sites_with_json() {
    let response = page("/lang/fr?next=/", &[]).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(response.headers().get(header::SET_COOKIE).is_none());
    assert_eq!(body_json(response).await["error"], "unknown_language");

    for next in [
        "//evil.example/",
        "https://evil.example/",
        "/%5Cevil.example",
    ] {
        let response = page(&format!("/lang/ko?next={next}"), &[]).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{next}");
        assert!(response.headers().get(header::LOCATION).is_none(), "{next}");
        assert_eq!(body_json(response).await["error"], "bad_next", "{next}");
    }
}

#[tokio::test]
async fn a_korean_form_login_comes_back_to_the_korean_page() {
    let app = TestApp::new();
    let body = "username=alice&password=wonderland";
    let response = app
        .send(form("/ko/session/login", body, None, ORIGIN))
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(header_of(&response, header::LOCATION), "/ko/session");

    let body = "username=alice&password=nope";
    let response = app
        .send(form("/ko/session/login", body, None, ORIGIN))
        .await;
    assert_eq!(
        header_of(&response, header::LOCATION),
        "/ko/session?error=invalid_credentials"
    );
}
