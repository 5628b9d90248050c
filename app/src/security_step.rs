//! The work behind `POST /api/lab/security/step`, for the server crate: one step of the
//! security lab, and the board drawn as it stands after it.

use serde::Serialize;

use crate::{
    api::security::{AttackerSite, LootEntry},
    components::security::{render_board, Board},
    model::security_relay::{step, LabState, Outgoing, Step, StepError, StepRequest, World},
};

pub use crate::components::security::BOARD_ID;

/// The step's answer as the relay reads it.
#[derive(Debug, Serialize)]
pub struct StepAnswer {
    pub state: LabState,
    /// The board, drawn again (its regions replace those of the element `BOARD_ID`).
    pub html: String,
    /// The next request to send (or wait); `null` when the action is done.
    pub send: Option<Outgoing>,
    /// A token for the browser to keep in localStorage.
    pub store_token: Option<String>,
    /// Whether the browser drops the token it keeps.
    pub delete_token: bool,
    /// A page for the browser to open in a new tab (the attacker's).
    pub open: Option<String>,
    /// A line for the browser to write to `document.cookie`, as a script would.
    pub cookie: Option<String>,
}

/// Runs the step against what the server read (`world`, and `loot`, the entries filed
/// under the state's lab ID, read together with `world.filed`), and draws the board.
pub fn run(
    request: StepRequest,
    world: &World,
    loot: Vec<LootEntry>,
) -> Result<StepAnswer, StepError> {
    let had_token = request.has_token;
    let Step {
        state,
        send,
        token,
        open,
        cookie,
    } = step(request, world)?;
    let token = token.effect(had_token);
    let board = Board {
        loot,
        site: world.site.clone(),
        state: state.clone(),
        ready: send.is_none(),
        has_token: token.has_token,
    };
    Ok(StepAnswer {
        html: render_board(world.locale, board),
        state,
        send,
        store_token: token.store_token,
        delete_token: token.delete_token,
        open,
        cookie,
    })
}

/// The state a fresh page starts from, under the lab ID the server gave it.
pub fn first_state(site: &AttackerSite) -> LabState {
    LabState::new(site.new_lab_id.clone())
}
