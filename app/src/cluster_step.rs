//! The work behind `POST /api/cluster/step`, for the server crate: one step of the cluster
//! lab, and the board drawn as it stands after it.

use serde::Serialize;

use crate::{
    api::cluster::ClusterView,
    components::cluster::{render_board, Board},
    lang::Locale,
    model::cluster_relay::{step, LabState, Outgoing, StepError, StepRequest},
};

pub use crate::components::cluster::BOARD_ID;

/// The step's answer as the relay reads it.
#[derive(Debug, Serialize)]
pub struct StepAnswer {
    pub state: LabState,
    /// The board, drawn again (replaces the element `BOARD_ID`).
    pub html: String,
    /// The next request to send; `null` when the action is done.
    pub send: Option<Outgoing>,
    /// A token for the browser to keep in localStorage.
    pub store_token: Option<String>,
    /// Whether the browser drops the token it keeps.
    pub delete_token: bool,
}

/// Runs the step on the cluster as the server reads it now, and draws the board.
pub fn run(
    locale: Locale,
    request: StepRequest,
    view: ClusterView,
) -> Result<StepAnswer, StepError> {
    let had_token = request.has_token;
    let step = step(request, &view)?;
    let token = step.token.effect(had_token);
    let board = Board {
        view,
        state: step.state.clone(),
        ready: step.send.is_none(),
        has_token: token.has_token,
    };
    Ok(StepAnswer {
        html: render_board(locale, board),
        state: step.state,
        send: step.send,
        store_token: token.store_token,
        delete_token: token.delete_token,
    })
}

/// The state a fresh page starts from, as the relay's prop.
pub fn first_state() -> String {
    serde_json::to_string(&LabState::default()).unwrap_or_default()
}
