//! Who may keep a copy of each response. Anything that depends on who is logged in, sets a
//! cookie, or carries a per-response CSP nonce (every HTML page) is `no-store`; `/api`
//! sets its own `no-store`. Bundle files whose names carry their content hash are
//! immutable for a year; a bundle file without one may be cached but is revalidated.

use axum::{
    extract::Request,
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};

pub const NO_STORE: &str = "no-store";
/// Cached, revalidated with `Last-Modified` before each use.
pub const REVALIDATE: &str = "no-cache";
/// A bundle file whose name carries its content hash never changes under that name.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// The favicon: an hour is plenty.
pub const PUBLIC_FILE: &str = "public, max-age=3600";

/// The policy for a successful response that set none itself. Only the static files the
/// site ships may be kept; everything else (pages, form answers, errors, redirects) may not.
pub fn choose(path: &str, content_type: Option<&str>, sets_cookie: bool, ok: bool) -> &'static str {
    let html = content_type.is_some_and(|t| t.starts_with("text/html"));
    if sets_cookie || html || !ok {
        NO_STORE
    } else if path.starts_with("/pkg/") && has_content_hash(path) {
        IMMUTABLE
    } else if path.starts_with("/pkg/") {
        REVALIDATE
    } else if path == "/favicon.svg" {
        PUBLIC_FILE
    } else {
        NO_STORE
    }
}

/// `auth-lab.<hash>.wasm` as cargo-leptos names files with `hash-files`: the hash is the
/// MD5 of the content in unpadded base64url, 22 characters.
pub fn has_content_hash(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 3
        && parts[1].len() == 22
        && parts[1]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
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
        response.status().is_success(),
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
        let html = Some("text/html; charset=utf-8");
        assert_eq!(choose("/session", html, false, true), NO_STORE);
        assert_eq!(choose("/nowhere", html, false, false), NO_STORE);
        assert_eq!(choose("/session/login", None, true, false), NO_STORE);
        let wasm = Some("application/wasm");
        assert_eq!(choose("/pkg/auth-lab.wasm", wasm, false, true), REVALIDATE);
        let css = Some("text/css");
        assert_eq!(choose("/pkg/auth-lab.css", css, false, true), REVALIDATE);
        let svg = Some("image/svg+xml");
        assert_eq!(choose("/favicon.svg", svg, false, true), PUBLIC_FILE);
        let js = Some("text/javascript");
        assert_eq!(choose("/pkg/x.js", js, true, true), NO_STORE);
    }

    #[test]
    fn hashed_bundle_files_are_immutable_and_others_revalidate() {
        let wasm = Some("application/wasm");
        let hashed = "/pkg/auth-lab.Wbh3vLMMb4Ovs-zZ-uK0Ug.wasm";
        assert!(has_content_hash(hashed));
        assert_eq!(choose(hashed, wasm, false, true), IMMUTABLE);
        // The precompressed copy the server picks by Accept-Encoding has the same name.
        assert!(has_content_hash("/pkg/auth-lab.Wbh3vLMMb4Ovs-zZ-uK0Ug.js"));
        assert!(!has_content_hash("/pkg/auth-lab.wasm"));
        assert!(!has_content_hash("/pkg/auth-lab.short.wasm"));
        assert!(!has_content_hash(
            "/pkg/auth-lab.Wbh3vLMMb4Ovs+zZ/uK0Ug.wasm"
        ));
        assert_eq!(choose("/pkg/auth-lab.wasm", wasm, false, true), REVALIDATE);
    }

    #[test]
    fn error_answers_outside_the_api_are_never_stored() {
        // A form post refused as cross-site answers with JSON; a cache must not keep it.
        let json = Some("application/json");
        assert_eq!(choose("/session/logout", json, false, false), NO_STORE);
        assert_eq!(choose("/session/logout", json, false, true), NO_STORE);
        assert_eq!(choose("/pkg/missing.js", json, false, false), NO_STORE);
    }
}
