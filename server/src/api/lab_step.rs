//! `POST /api/lab/{session,token,compare}/step?lang=en|ko`: one step of a lab page (see
//! `app::model::lab_relay`), answered with the board drawn in that language. The server
//! supplies what the rules read: the trace of the reported request, its store, its clock.

use app::{
    lab_step::{self, StepAnswer},
    model::{
        lab_relay::{CompareState, LabState, Page, StepRequest, World},
        relay_wire::{Outgoing, StepError},
    },
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
    let limit = || DefaultBodyLimit::max(STEP_BODY_LIMIT);
    Router::new()
        .route("/lab/session/step", post(session_step).layer(limit()))
        .route("/lab/token/step", post(token_step).layer(limit()))
        .route("/lab/compare/step", post(compare_step).layer(limit()))
        .route_layer(axum::middleware::from_fn(csrf::same_origin_json))
}

type Answer<S, O> = Result<Json<StepAnswer<S, O>>, ApiError>;

async fn session_step(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    ApiJson(request): ApiJson<StepRequest>,
) -> Answer<LabState, Outgoing> {
    let run = |world: &World| lab_step::run(Page::Session, request, world);
    with_world(&state, query, "session", run).await
}

async fn token_step(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    ApiJson(request): ApiJson<StepRequest>,
) -> Answer<LabState, Outgoing> {
    let run = |world: &World| lab_step::run(Page::Token, request, world);
    with_world(&state, query, "token", run).await
}

async fn compare_step(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    ApiJson(request): ApiJson<StepRequest<CompareState>>,
) -> Answer<CompareState, Vec<Outgoing>> {
    let run = |world: &World| lab_step::run_compare(request, world);
    with_world(&state, query, "compare", run).await
}

/// Runs a step against what the server knows now, in the language the query names.
async fn with_world<T>(
    state: &AppState,
    query: Option<String>,
    lab: &str,
    run: impl FnOnce(&World) -> Result<T, StepError>,
) -> Result<Json<T>, ApiError> {
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
    run(&world)
        .map(Json)
        .map_err(|err| json::step_refusal(lab, err))
}
