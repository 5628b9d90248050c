//! Session mode without JavaScript: plain form posts and the server-rendered `/session`.

use crate::common::{body_text, cookie_pair, form, set_cookie, TestApp, ORIGIN};
use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    response::Response,
};

fn location(response: &Response) -> &str {
    response.headers()[header::LOCATION].to_str().unwrap()
}

async fn session_page(app: &TestApp, cookie: Option<&str>) -> String {
    let mut request = Request::get("/session");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = app.send(request.body(Body::empty()).unwrap()).await;
    assert_eq!(response.status(), StatusCode::OK);
    body_text(response).await
}

#[tokio::test]
async fn a_form_login_redirects_back_with_the_cookie_and_the_page_names_you() {
    let app = TestApp::new();
    let response = app
        .send(form(
            "/session/login",
            "username=alice&password=wonderland&ttl_secs=30",
            None,
            ORIGIN,
        ))
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/session");
    let header = set_cookie(&response).expect("the redirect carries the session cookie");
    assert!(header.contains("HttpOnly"));
    let cookie = cookie_pair(&header);

    let html = session_page(&app, Some(&cookie)).await;
    assert!(html.contains("you are alice (role admin)"), "{html}");
    assert_eq!(app.session_count().await, 1);
}

#[tokio::test]
async fn without_a_cookie_the_page_says_the_server_does_not_know_you() {
    let app = TestApp::new();
    let html = session_page(&app, None).await;
    assert!(
        html.contains("Your browser sent no session cookie"),
        "{html}"
    );
}

#[tokio::test]
async fn a_wrong_password_redirects_with_the_error_and_no_cookie() {
    let app = TestApp::new();
    let response = app
        .send(form(
            "/session/login",
            "username=alice&password=nope",
            None,
            ORIGIN,
        ))
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/session?error=invalid_credentials");
    assert!(set_cookie(&response).is_none());
    let page = app.get("/session?error=invalid_credentials").await;
    assert!(body_text(page)
        .await
        .contains("the username or password is wrong"));
}

#[tokio::test]
async fn a_cross_site_form_cannot_log_in_or_out() {
    let app = TestApp::new();
    let response = app
        .send(form(
            "/session/login",
            "username=alice&password=wonderland",
            None,
            "http://evil.example",
        ))
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(set_cookie(&response).is_none());

    let ok = app
        .send(form(
            "/session/login",
            "username=alice&password=wonderland",
            None,
            ORIGIN,
        ))
        .await;
    let cookie = cookie_pair(&set_cookie(&ok).unwrap());
    let forged = app
        .send(form(
            "/session/logout",
            "",
            Some(&cookie),
            "http://evil.example",
        ))
        .await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.session_count().await, 1);
}

#[tokio::test]
async fn a_form_logout_deletes_the_record_and_clears_the_cookie() {
    let app = TestApp::new();
    let ok = app
        .send(form(
            "/session/login",
            "username=bob&password=builder",
            None,
            ORIGIN,
        ))
        .await;
    let cookie = cookie_pair(&set_cookie(&ok).unwrap());

    let response = app
        .send(form("/session/logout", "", Some(&cookie), ORIGIN))
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/session?logged_out=1");
    assert!(set_cookie(&response).unwrap().contains("Max-Age=0"));
    assert_eq!(app.session_count().await, 0);
    let html = session_page(&app, Some(&cookie)).await;
    assert!(
        html.contains("no live session for it (unknown_session)"),
        "{html}"
    );
}
