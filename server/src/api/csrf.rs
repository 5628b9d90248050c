//! CSRF defence for state-changing requests that a cookie authenticates. Browsers attach
//! cookies to cross-site requests, so such a request must prove it came from this origin:
//! a cross-site `Sec-Fetch-Site` or a foreign `Origin` gets 403, and a body that is not
//! declared JSON gets 415 (an HTML form cannot send `application/json`).

use axum::{
    extract::Request,
    http::{header, HeaderMap, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::error::ApiError;

pub(crate) fn cross_site(headers: &HeaderMap) -> Option<&'static str> {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        if !matches!(site, "same-origin" | "none") {
            return Some("Sec-Fetch-Site says the request came from another site");
        }
    }
    let origin = headers.get(header::ORIGIN)?;
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin_host = origin.to_str().ok().and_then(|o| {
        o.strip_prefix("http://")
            .or_else(|| o.strip_prefix("https://"))
    });
    match (origin_host, host) {
        (Some(origin_host), Some(host)) if origin_host.eq_ignore_ascii_case(host) => None,
        _ => Some("the Origin header names another site"),
    }
}

pub(crate) fn declares_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"))
}

/// The check for one state-changing request: 403 from another site, 415 unless declared
/// JSON. The middleware below applies it; a handler that must also report a refusal calls
/// it itself.
pub(crate) fn require_same_origin_json(headers: &HeaderMap) -> Result<(), ApiError> {
    if let Some(why) = cross_site(headers) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "cross_site_request",
            format!("Refused: {why}."),
        ));
    }
    if !declares_json(headers) {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Send this request with Content-Type: application/json.",
        ));
    }
    Ok(())
}

pub async fn same_origin_json(request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe {
        if let Err(refusal) = require_same_origin_json(request.headers()) {
            return refusal.into_response();
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn same_origin_requests_pass() {
        assert_eq!(cross_site(&headers(&[])), None);
        assert_eq!(
            cross_site(&headers(&[("sec-fetch-site", "same-origin")])),
            None
        );
        assert_eq!(
            cross_site(&headers(&[
                ("origin", "http://127.0.0.1:3000"),
                ("host", "127.0.0.1:3000")
            ])),
            None
        );
    }

    #[test]
    fn cross_site_signals_are_refused() {
        assert!(cross_site(&headers(&[("sec-fetch-site", "cross-site")])).is_some());
        assert!(cross_site(&headers(&[("sec-fetch-site", "same-site")])).is_some());
        assert!(cross_site(&headers(&[
            ("origin", "http://evil.example"),
            ("host", "127.0.0.1:3000")
        ]))
        .is_some());
        assert!(cross_site(&headers(&[("origin", "null"), ("host", "127.0.0.1:3000")])).is_some());
        assert!(
            cross_site(&headers(&[("origin", "http://127.0.0.1:3000")])).is_some(),
            "no Host to compare with"
        );
    }
}
