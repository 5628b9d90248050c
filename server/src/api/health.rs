//! `GET /api/health`: a liveness probe with no auth and no state.

use axum::{routing::get, Json, Router};
use serde::Serialize;

use crate::AppState;

#[derive(Debug, Serialize)]
pub struct Health {
    pub status: &'static str,
}

pub fn router() -> Router<AppState> {
    Router::new().route("/health", get(get_health))
}

async fn get_health() -> Json<Health> {
    Json(Health { status: "ok" })
}
