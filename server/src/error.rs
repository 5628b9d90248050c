//! The one JSON error shape every `/api` failure uses:
//! `{"error": <code>, "reason": <code or null>, "message": <human text>}`.

use axum::{
    http::StatusCode,
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

/// An error answer: a status plus the JSON body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: ErrorBody,
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
        }
    }

    pub fn with_reason(mut self, reason: &'static str) -> Self {
        self.body.reason = Some(reason);
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}
