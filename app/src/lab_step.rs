//! The work behind `POST /api/lab/{session,token,compare}/step`, for the server crate: one
//! step of a lab page, and its board drawn as it stands after it.

use leptos::prelude::*;
use serde::Serialize;

use crate::{
    components::lab::{CompareBoard, LabBoard},
    model::{
        lab_relay::{
            compare_step, due_times, step, CompareState, CompareStep, LabState, Page, Step,
            StepRequest, World,
        },
        relay_wire::{Outgoing, StepError, TokenChange},
        Lab,
    },
};

pub use crate::components::lab::BOARD_ID;

/// The step's answer as the relay reads it.
#[derive(Debug, Serialize)]
pub struct StepAnswer<S, O> {
    pub state: S,
    /// The board, drawn again (its regions replace those of the element `BOARD_ID`).
    pub html: String,
    /// The next request to send (`/compare`: the requests); `null` when the action is done.
    pub send: Option<O>,
    /// A token for the browser to keep in localStorage.
    pub store_token: Option<String>,
    /// Whether the browser drops the token it keeps.
    pub delete_token: bool,
}

fn answer<S, O>(state: S, html: String, send: Option<O>, token: TokenChange) -> StepAnswer<S, O> {
    // Whether the browser held a token does not matter here: the board reads it anyway.
    let token = token.effect(false);
    StepAnswer {
        state,
        html,
        send,
        store_token: token.store_token,
        delete_token: token.delete_token,
    }
}

/// Runs a `/session` or `/token` step against what the server knows (`world`) and draws
/// the board.
pub fn run(
    page: Page,
    request: StepRequest,
    world: &World,
) -> Result<StepAnswer<LabState, Outgoing>, StepError> {
    // The lab's signals live only for this step.
    let owner = Owner::new();
    owner.with(|| {
        provide_context(world.locale);
        let Step {
            lab,
            state,
            send,
            token,
        } = step(page, request, world)?;
        let html = draw(lab, &state).to_html();
        Ok(answer(state, html, send, token))
    })
}

/// Runs a `/compare` step and draws its board.
pub fn run_compare(
    request: StepRequest<CompareState>,
    world: &World,
) -> Result<StepAnswer<CompareState, Vec<Outgoing>>, StepError> {
    let owner = Owner::new();
    owner.with(|| {
        provide_context(world.locale);
        let CompareStep {
            session,
            token,
            state,
            send,
            token_change,
        } = compare_step(request, world)?;
        let html = draw_compare(session, token).to_html();
        Ok(answer(state, html, send, token_change))
    })
}

/// The board of `/session` or `/token` for a lab and its state.
pub fn draw(lab: Lab, state: &LabState) -> impl IntoView {
    let due = due_times(lab);
    view! { <LabBoard lab mode=state.mode page=state.page.clone() due/> }
}

/// The board of `/compare` for its two labs.
pub fn draw_compare(session: Lab, token: Lab) -> impl IntoView {
    let mut due = due_times(session);
    due.extend(due_times(token));
    due.sort_unstable();
    due.dedup();
    view! { <CompareBoard session token due/> }
}
