//! What makes session mode work without JavaScript: plain HTML form posts for login and
//! logout (same rules, same CSRF checks as the JSON API, answered with a 303 redirect), and
//! the server's view of the session cookie handed to the `/session` page as it renders.

use app::api::{LoginRequest, PageSession};
use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
    routing::post,
    Form, Router,
};
use serde::Deserialize;

use crate::{
    api::{client_ip::ClientIp, csrf, session},
    auth::Auth,
    core::trace::Trace,
    error::ApiError,
    AppState,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/session/login", post(form_login))
        .route("/session/logout", post(form_logout))
}

/// The login form's fields; `ttl_secs` arrives as text from a `<select>`.
#[derive(Deserialize)]
struct LoginForm {
    username: String,
    password: String,
    #[serde(default)]
    ttl_secs: Option<String>,
}

/// HTML forms are same-origin or refused, exactly like the JSON API's cookie endpoints.
fn refuse_cross_site(headers: &HeaderMap) -> Option<Response> {
    csrf::cross_site(headers).map(|why| {
        ApiError::new(
            StatusCode::FORBIDDEN,
            "cross_site_request",
            format!("Refused: {why}."),
        )
        .into_response()
    })
}

/// Redirects back to the page (303, so the browser follows with GET), keeping any
/// `Set-Cookie` the API logic produced.
fn back_to_session(result: &Response, query: &str) -> Response {
    let mut redirect = Redirect::to(&format!("/session{query}")).into_response();
    for cookie in result.headers().get_all(header::SET_COOKIE) {
        redirect
            .headers_mut()
            .append(header::SET_COOKIE, cookie.clone());
    }
    redirect
}

async fn form_login(
    State(auth): State<Auth>,
    client: ClientIp,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    if let Some(refusal) = refuse_cross_site(&headers) {
        return refusal;
    }
    let request = LoginRequest {
        username: form.username,
        password: form.password,
        ttl_secs: form.ttl_secs.and_then(|t| t.parse().ok()),
    };
    match session::login_inner(
        &auth,
        client,
        &headers,
        &request,
        &mut Trace::recording(false),
    )
    .await
    {
        Ok(response) => back_to_session(&response, ""),
        Err(err) => Redirect::to(&format!("/session?error={}", err.body.error)).into_response(),
    }
}

async fn form_logout(State(auth): State<Auth>, headers: HeaderMap) -> Response {
    if let Some(refusal) = refuse_cross_site(&headers) {
        return refusal;
    }
    match session::logout_inner(&auth, &headers, &mut Trace::recording(false)).await {
        Ok(response) => back_to_session(&response, "?logged_out=1"),
        Err(err) => err.into_response(),
    }
}

/// Before `GET /session` renders, asks the store who the cookie belongs to, exactly as
/// `/api/session/me` would (a page view is activity too), and leaves the answer in the
/// request's extensions, where the page reads it during server rendering.
pub async fn attach_page_session(
    State(auth): State<Auth>,
    mut request: Request,
    next: Next,
) -> Response {
    let mut clear_cookie = None;
    if request.method() == Method::GET && request.uri().path() == "/session" {
        // The page shows its own card; nobody reads a trace of this lookup.
        let mut trace = Trace::recording(false);
        let view = match session::lookup(&auth, request.headers(), &mut trace).await {
            Ok(me) => PageSession {
                me: Some(me),
                reason: None,
            },
            Err(err) => {
                // A dead cookie is cleared, as /api/session/me would.
                clear_cookie = err
                    .headers
                    .iter()
                    .find(|(name, _)| name == header::SET_COOKIE)
                    .map(|(_, v)| v.clone());
                PageSession {
                    me: None,
                    reason: err.body.reason.or(Some(err.body.error)).map(str::to_owned),
                }
            }
        };
        request.extensions_mut().insert(view);
    }
    let mut response = next.run(request).await;
    if let Some(cookie) = clear_cookie {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}
