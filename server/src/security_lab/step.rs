//! `POST /api/lab/security/step?lang=en|ko`: one step of the `/security` page (see
//! `app::model::security_relay`), answered with the board drawn in that language. The
//! server supplies what the rules read: the attacker's address, the visitor's loot, the
//! trace of the reported request, and the offline key guesser.

use app::{
    model::security_relay::{StepRequest, World},
    security_step::{self, StepAnswer},
};
use axum::{
    extract::{DefaultBodyLimit, RawQuery, State},
    http::{HeaderMap, StatusCode},
    routing::post,
    Json, Router,
};

use super::loot::valid_lab_id;
use crate::{
    api::{
        csrf,
        json::{self, ApiJson},
    },
    core::weak_key,
    error::ApiError,
    AppState,
};

/// A step carries the page's choices, results and the token editor's text: a few KB.
const STEP_BODY_LIMIT: usize = 64 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/lab/security/step",
            post(step).layer(DefaultBodyLimit::max(STEP_BODY_LIMIT)),
        )
        .route_layer(axum::middleware::from_fn(csrf::same_origin_json))
}

async fn step(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    ApiJson(request): ApiJson<StepRequest>,
) -> Result<Json<StepAnswer>, ApiError> {
    let locale = json::lang_query(query.as_deref())?;
    if !valid_lab_id(&request.state.lab_id) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_lab_id",
            "state.lab_id must be the 16 to 64 characters of base64url the page was given.",
        ));
    }
    let lab = &state.security;
    let site = lab.site(&headers);
    let trace = request
        .report
        .as_ref()
        .and_then(|r| r.trace_id.as_deref())
        .and_then(|id| state.auth.traces.get(id))
        .map(|recorded| recorded.view());
    let crack = |token: &str| weak_key::crack(token, &app::weak_keys::WORDS);
    let (filed, loot) = lab.loot.read(&request.state.lab_id);
    let world = World {
        locale,
        site: &site,
        filed,
        trace: trace.as_ref(),
        crack: &crack,
    };
    security_step::run(request, &world, loot)
        .map(Json)
        .map_err(|err| json::step_refusal("security", err))
}
