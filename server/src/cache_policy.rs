//! Who may keep a copy of each response. Anything that depends on who is logged in, sets a
//! cookie, or carries a per-response CSP nonce (every HTML page) is `no-store`; `/api`
//! sets its own `no-store`. The bundle under `/pkg` may be cached but is revalidated on
//! each use, because its file names do not change between builds.

use axum::{
    extract::Request,
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};

pub const NO_STORE: &str = "no-store";
/// Cached, revalidated with `Last-Modified` before each use.
pub const REVALIDATE: &str = "no-cache";
/// Other public files (the favicon): an hour is plenty.
pub const PUBLIC_FILE: &str = "public, max-age=3600";

/// The policy for a response that set none itself.
pub fn choose(path: &str, content_type: Option<&str>, sets_cookie: bool) -> &'static str {
    let html = content_type.is_some_and(|t| t.starts_with("text/html"));
    if sets_cookie || html {
        NO_STORE
    } else if path.starts_with("/pkg/") {
        REVALIDATE
    } else if content_type.is_some() {
        PUBLIC_FILE
    } else {
        // A redirect or an empty answer: nothing worth keeping.
        NO_STORE
    }
}

pub async fn apply(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let headers = response.headers();
    if headers.contains_key(header::CACHE_CONTROL) {
        return response;
    }
    let policy = choose(
        &path,
        headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok()),
        headers.contains_key(header::SET_COOKIE),
    );
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_cookies_are_never_stored_and_the_bundle_is_revalidated() {
        assert_eq!(
            choose("/session", Some("text/html; charset=utf-8"), false),
            NO_STORE
        );
        assert_eq!(choose("/nowhere", Some("text/html"), false), NO_STORE);
        assert_eq!(choose("/session/login", None, true), NO_STORE);
        assert_eq!(
            choose("/pkg/auth-lab.wasm", Some("application/wasm"), false),
            REVALIDATE
        );
        assert_eq!(
            choose("/pkg/auth-lab.css", Some("text/css"), false),
            REVALIDATE
        );
        assert_eq!(
            choose("/favicon.svg", Some("image/svg+xml"), false),
            PUBLIC_FILE
        );
        assert_eq!(choose("/pkg/x.js", Some("text/javascript"), true), NO_STORE);
    }
}
