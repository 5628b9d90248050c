//! A JSON body extractor whose every failure is a clear JSON error with the right status.

use app::model::relay_wire::StepError;
use axum::{
    extract::{rejection::JsonRejection, FromRequest, Request},
    http::{header, HeaderMap, StatusCode},
    Json,
};
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// Like `axum::Json`, but refusals use the API's error shape:
/// 415 without `Content-Type: application/json`, 413 over the body limit, 400 for broken
/// JSON, 422 for JSON of the wrong shape.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(Self(value)),
            Err(rejection) => Err(json_error(&rejection)),
        }
    }
}

/// Parses a body that may be left out: empty means `T::default()`; anything else must be
/// JSON with the JSON content type, refused as [`ApiJson`] would refuse it.
pub fn optional_body<T: DeserializeOwned + Default>(
    headers: &HeaderMap,
    body: &[u8],
) -> Result<T, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"));
    if !is_json {
        return Err(unsupported_media_type());
    }
    serde_json::from_slice(body).map_err(|err| {
        if err.is_data() {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_fields",
                format!("The JSON does not have the expected fields: {err}"),
            )
        } else {
            malformed_json()
        }
    })
}

fn unsupported_media_type() -> ApiError {
    ApiError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        "Send the body as JSON with Content-Type: application/json.",
    )
}

fn malformed_json() -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "malformed_json",
        "The body is not valid JSON.",
    )
}

fn json_error(rejection: &JsonRejection) -> ApiError {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => unsupported_media_type(),
        JsonRejection::JsonSyntaxError(_) => malformed_json(),
        JsonRejection::JsonDataError(err) => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_fields",
            format!(
                "The JSON does not have the expected fields: {}",
                err.body_text()
            ),
        ),
        other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            "The body is larger than this endpoint accepts.",
        ),
        other => ApiError::new(other.status(), "bad_request", other.body_text()),
    }
}

/// The page language a relay step names in its query (`lang=en|ko`; English when absent).
/// Read by hand: axum's `Query` would refuse in plain text, and the API answers in JSON.
pub fn lang_query(query: Option<&str>) -> Result<app::lang::Locale, ApiError> {
    let code = query
        .unwrap_or_default()
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang="))
        .unwrap_or("en");
    app::lang::parse(code).ok_or_else(|| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "unknown_language",
            "lang must be en or ko.",
        )
    })
}

/// A relay step the `lab`'s rules refused, as the API's error.
pub fn step_refusal(lab: &str, err: StepError) -> ApiError {
    match err {
        StepError::UnknownAction(name) => ApiError::new(
            StatusCode::BAD_REQUEST,
            "unknown_action",
            format!("The {lab} lab has no action {name:?}."),
        ),
        StepError::Busy => ApiError::new(
            StatusCode::CONFLICT,
            "busy",
            "An action is still under way; report its request before starting another.",
        ),
        StepError::NothingAsked => ApiError::new(
            StatusCode::BAD_REQUEST,
            "nothing_asked",
            "Send either an action to start or the report of the request the last step asked for.",
        ),
        StepError::WrongLab => ApiError::new(
            StatusCode::BAD_REQUEST,
            "wrong_lab",
            format!("The state was not kept by the {lab} lab's page."),
        ),
    }
}
