//! The one JSON error shape every `/api` failure uses:
//! `{"error": <code>, "reason": <code or null>, "message": <human text>}`.
//! A server-side failure carries its cause for the log, never for the client: the
//! [`log_failures`] middleware writes it, so converting an error has no side effects.

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
    /// What really went wrong, for the server's log only (5xx answers).
    pub cause: Option<String>,
}

/// The cause of a 5xx answer, carried in the response's extensions to [`log_failures`].
#[derive(Debug, Clone)]
pub struct FailureCause(pub String);

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
            cause: None,
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

    /// Records what really went wrong, for the server's log.
    pub fn with_cause(mut self, cause: impl Into<String>) -> Self {
        self.cause = Some(cause.into());
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

    /// Adds the `WWW-Authenticate` challenge every 401 must carry (RFC 9110 §11.6.1).
    pub fn with_challenge(self, challenge: &str) -> Self {
        self.with_header(header::WWW_AUTHENTICATE, challenge)
    }

    /// Adds `challenge` if this is a 401: the shared password check does not know which
    /// mode's login it serves.
    pub fn challenged_by(self, challenge: &str) -> Self {
        if self.status == StatusCode::UNAUTHORIZED {
            self.with_challenge(challenge)
        } else {
            self
        }
    }

    /// The session store (memory or Redis) did not answer: 503, and only for that.
    pub fn store_unavailable(cause: impl std::fmt::Display) -> Self {
        let mut err = Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "store_unavailable",
            crate::core::session::SessionRejection::StoreUnavailable.message(),
        );
        err.cause = Some(format!("session store failed: {cause}"));
        err
    }

    /// A fault of this server's own (a task that died, a value that would not encode): 500.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        let mut err = Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "The server failed to answer this request. It has logged why.",
        );
        err.cause = Some(cause.to_string());
        err
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body)).into_response();
        for (name, value) in self.headers {
            response.headers_mut().append(name, value);
        }
        if let Some(cause) = self.cause {
            response.extensions_mut().insert(FailureCause(cause));
        }
        response
    }
}

/// Logs every 5xx answer once, with the cause its error recorded. It runs inside the
/// request's trace span, which names the method and path.
pub async fn log_failures(response: Response) -> Response {
    let status = response.status();
    if status.is_server_error() {
        let cause = response
            .extensions()
            .get::<FailureCause>()
            .map_or("no cause recorded", |c| c.0.as_str());
        tracing::error!(%status, cause, "request failed");
    }
    response
}
