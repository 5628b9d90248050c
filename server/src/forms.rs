//! Session mode without JavaScript: plain HTML form posts for login and logout, answered
//! with a 303 redirect back to `/session` (or `/ko/session`). They run the JSON API's own login and logout
//! and its origin check (refused: a `Sec-Fetch-Site` other than `same-origin` or `none`,
//! or an `Origin` naming another host). The JSON API's other CSRF rule,
//! `Content-Type: application/json`, cannot apply: a form can only send form encoding.

use app::{
    api::LoginRequest,
    lang::{self, Locale, PathLocale},
};
use axum::{
    extract::State,
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::post,
    Extension, Form, Router,
};
use serde::Deserialize;

use crate::{
    api::{client_ip::ClientIp, csrf, session},
    auth_state::Auth,
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

/// HTML forms are same-origin or refused, by the same origin check as the JSON API's
/// cookie endpoints.
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
fn back_to_session(locale: Locale, result: &Response, query: &str) -> Response {
    let page = lang::href(locale, "/session");
    let mut redirect = Redirect::to(&format!("{page}{query}")).into_response();
    for cookie in result.headers().get_all(header::SET_COOKIE) {
        redirect
            .headers_mut()
            .append(header::SET_COOKIE, cookie.clone());
    }
    redirect
}

/// The language of the page the form was on: its action carries the page's prefix.
fn locale_of(path: Option<Extension<PathLocale>>) -> Locale {
    path.map(|Extension(PathLocale(locale))| locale)
        .unwrap_or_default()
}

async fn form_login(
    State(auth): State<Auth>,
    path_locale: Option<Extension<PathLocale>>,
    client: ClientIp,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    if let Some(refusal) = refuse_cross_site(&headers) {
        return refusal;
    }
    let request = LoginRequest {
        ttl_secs: form.ttl_secs.and_then(|t| t.parse().ok()),
        ..LoginRequest::new(form.username, form.password)
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
        Ok(response) => back_to_session(locale_of(path_locale), &response, ""),
        Err(err) => {
            let page = lang::href(locale_of(path_locale), "/session");
            Redirect::to(&format!("{page}?error={}", err.body.error)).into_response()
        }
    }
}

async fn form_logout(
    State(auth): State<Auth>,
    path_locale: Option<Extension<PathLocale>>,
    headers: HeaderMap,
) -> Response {
    if let Some(refusal) = refuse_cross_site(&headers) {
        return refusal;
    }
    match session::logout_inner(&auth, &headers, &mut Trace::recording(false)).await {
        Ok(response) => back_to_session(locale_of(path_locale), &response, "?logged_out=1"),
        Err(err) => err.into_response(),
    }
}
