//! The language switch: a plain link (`/lang/ko?next=/session`) that remembers the choice
//! in a cookie and comes back to the same page in the chosen language, with or without
//! JavaScript.

use app::lang::{self, Locale};
use axum::{
    extract::{Path, Query},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::get,
    Router,
};
use serde::Deserialize;

use crate::{error::ApiError, AppState};

/// A year: the choice is a preference, not a credential.
const MAX_AGE_SECS: u32 = 365 * 24 * 60 * 60;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/lang/{code}", get(switch))
        // The Korean home page is `/ko`; the trailing slash people type leads there too.
        .route("/ko/", get(|| async { Redirect::permanent("/ko") }))
}

#[derive(Deserialize)]
struct Next {
    next: Option<String>,
}

async fn switch(Path(code): Path<String>, Query(query): Query<Next>) -> Response {
    let Some(locale) = lang::parse(&code) else {
        return ApiError::new(
            StatusCode::NOT_FOUND,
            "unknown_language",
            format!("No language {code:?}: the lab speaks en and ko."),
        )
        .into_response();
    };
    let next = query.next.as_deref().unwrap_or("/");
    let Some(page) = page_path(next) else {
        return ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_next",
            "next must be a path on this site, such as /session.",
        )
        .into_response();
    };
    let mut response = Redirect::to(&lang::href(locale, &page)).into_response();
    let cookie = format!(
        "{}={}; Path=/; Max-Age={MAX_AGE_SECS}; SameSite=Lax; HttpOnly",
        lang::COOKIE,
        lang::tag(locale)
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// The page `next` names, without any language prefix; `None` for anything that would
/// leave the site (`//host`, `/\host`, a scheme) or is not a plain path.
pub fn page_path(next: &str) -> Option<String> {
    let plain = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && next
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/-_.".contains(&b));
    if !plain {
        return None;
    }
    let page = match next.strip_prefix(lang::prefix(Locale::ko)) {
        Some("") => "/",
        Some(rest) if rest.starts_with('/') => rest,
        _ => next,
    };
    Some(page.to_owned())
}

#[cfg(test)]
mod tests {
    use super::page_path;

    #[test]
    fn next_stays_on_this_site_and_loses_its_prefix() {
        assert_eq!(page_path("/session").as_deref(), Some("/session"));
        assert_eq!(page_path("/ko/token").as_deref(), Some("/token"));
        assert_eq!(page_path("/ko").as_deref(), Some("/"));
        assert_eq!(page_path("/korea").as_deref(), Some("/korea"));
        assert_eq!(page_path("/").as_deref(), Some("/"));
        for outside in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "",
            "/a?b",
            "/a b",
        ] {
            assert_eq!(page_path(outside), None, "{outside}");
        }
    }
}
