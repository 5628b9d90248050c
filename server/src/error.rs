//! The one JSON error shape every `/api` failure uses:
//! `{"error": <code>, "reason": <code or null>, "message": <human text>}`.

use axum::{
    http::{header, HeaderName, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorBody {
    pub error: &'static str,
    pub reason: Option<&'static str>,
    pub message: String,
}

/// An error answer: a status, the JSON body, and any headers the failure needs
/// (a Set-Cookie that clears a dead session, a Retry-After).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: ErrorBody,
    pub headers: Vec<(HeaderName, HeaderValue)>,
}

impl ApiError {
    pub fn new(status: StatusCode, error: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            body: ErrorBody {
                error,
                reason: None,
                message: message.into(),
            },
            headers: Vec::new(),
        }
    }

    pub fn with_reason(mut self, reason: &'static str) -> Self {
        self.body.reason = Some(reason);
        self
    }

    pub fn with_set_cookie(self, cookie: &str) -> Self {
        self.with_header(header::SET_COOKIE, cookie)
    }

    pub fn with_header(mut self, name: HeaderName, value: &str) -> Self {
        if let Ok(value) = HeaderValue::from_str(value) {
            self.headers.push((name, value));
        }
        self
    }

    pub fn unauthenticated(reason: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthenticated", message).with_reason(reason)
    }

    /// The same answer for an unknown user and a wrong password.
    pub fn invalid_credentials() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "invalid_credentials",
            "The username or password is wrong.",
        )
    }

    pub fn store_unavailable(detail: impl std::fmt::Display) -> Self {
        tracing::error!(%detail, "session store failed");
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "store_unavailable",
            "The session store is not answering. Try again in a moment.",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body)).into_response();
        for (name, value) in self.headers {
            response.headers_mut().insert(name, value);
        }
        response
    }
}
