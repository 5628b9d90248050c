//! Headers every response carries. HTML pages set their own nonce-based CSP (see
//! `app::csp`); everything else (JSON, assets, errors) gets a policy that allows nothing.
//! No CORS headers are ever sent: other origins cannot read the API.

use axum::{
    http::{header, HeaderName, HeaderValue},
    response::Response,
    Router,
};
use tower::util::MapResponseLayer;

/// For responses that are not pages: nothing may load, frame or be framed.
pub const LOCKED_DOWN_CSP: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// Headers every response carries, whatever set before.
const FIXED: [(HeaderName, &str); 4] = [
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    // `same-origin`, not `no-referrer`: with no-referrer a browser sends `Origin: null` even
    // on same-origin form posts, which the CSRF check must refuse.
    (header::REFERRER_POLICY, "same-origin"),
    (header::X_FRAME_OPTIONS, "DENY"),
    (
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    ),
];

/// Sets the security headers on one response; a page's own CSP stays.
fn add(mut response: Response) -> Response {
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(LOCKED_DOWN_CSP),
        );
    }
    for (name, value) in FIXED {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// Adds the security headers to every response `router` produces. One layer, not one per
/// header: every layer is a boxed service that axum clones for each request.
pub fn apply<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    router.layer(MapResponseLayer::new(add as fn(Response) -> Response))
}
