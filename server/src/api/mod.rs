//! The JSON API under `/api`. Each area exposes `router()`; unknown paths get a JSON 404
//! instead of the HTML page.

mod health;

use axum::{http::StatusCode, Router};

use crate::{error::ApiError, AppState};

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(health::router())
        .fallback(unknown_endpoint)
}

async fn unknown_endpoint() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "There is no API endpoint at this path.",
    )
}
