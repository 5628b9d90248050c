//! `POST /api/lab/session/step?lang=en|ko`: one step of the `/session` page (see
//! `app::model::lab_relay`), answered with the board drawn in that language. The server
//! supplies what the rules read: the trace of the reported request, its store, its clock.

use app::{
    lab_step::{self, StepAnswer},
    model::lab_relay::{StepRequest, World},
};
use axum::{
    extract::{DefaultBodyLimit, RawQuery, State},
    routing::post,
    Json, Router,
};

use super::{
    csrf, inspect,
    json::{self, ApiJson},
};
use crate::{error::ApiError, AppState};

/// A step carries the lab's state back, request log and traces included: a long session
/// of clicking stays well under this.
const STEP_BODY_LIMIT: usize = 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/lab/session/step",
            post(step).layer(DefaultBodyLimit::max(STEP_BODY_LIMIT)),
        )
        .route_layer(axum::middleware::from_fn(csrf::same_origin_json))
}

async fn step(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    ApiJson(request): ApiJson<StepRequest>,
) -> Result<Json<StepAnswer>, ApiError> {
    let locale = json::lang_query(query.as_deref())?;
    let auth = &state.auth;
    // With inspection off the page can see neither traces nor the store: nor can its steps.
    let store = if auth.settings.inspect {
        inspect::store_view(auth).await.ok()
    } else {
        None
    };
    let trace = |id: &str| auth.traces.get(id).map(|recorded| recorded.view());
    let world = World {
        locale,
        now: auth.now(),
        trace: &trace,
        store,
    };
    lab_step::run(request, &world)
        .map(Json)
        .map_err(|err| json::step_refusal("session", err))
}
