//! The work behind `POST /api/lab/session/step`, for the server crate: one step of the
//! `/session` lab, and its board drawn as it stands after it.

use leptos::prelude::*;
use serde::Serialize;

use crate::{
    components::lab::LabBoard,
    model::{
        lab_relay::{due_times, step, LabState, Step, StepRequest, World},
        relay_wire::{Outgoing, StepError},
        Lab,
    },
};

pub use crate::components::lab::BOARD_ID;

/// The step's answer as the relay reads it.
#[derive(Debug, Serialize)]
pub struct StepAnswer {
    pub state: LabState,
    /// The board, drawn again (its regions replace those of the element `BOARD_ID`).
    pub html: String,
    /// The next request to send; `null` when the action is done.
    pub send: Option<Outgoing>,
}

/// Runs the step against what the server knows (`world`) and draws the board.
pub fn run(request: StepRequest, world: &World) -> Result<StepAnswer, StepError> {
    // The lab's signals live only for this step.
    let owner = Owner::new();
    owner.with(|| {
        provide_context(world.locale);
        let Step { lab, state, send } = step(request, world)?;
        let html = draw(lab, &state).to_html();
        Ok(StepAnswer { state, html, send })
    })
}

/// The board for a lab and its state.
pub fn draw(lab: Lab, state: &LabState) -> impl IntoView {
    let due = due_times(lab);
    view! { <LabBoard lab page=state.page.clone() due/> }
}
