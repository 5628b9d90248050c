//! The `/security` page's board, all rendered by the server: the two sites, the victim's
//! login, the XSS and CSRF runs, the loot the server filed, token tampering, session
//! fixation, weak keys, and the findings table that sums them up. The step endpoint draws
//! it again after every step; the browser's only part is the relay island.
//!
//! Each card is a region (`data-relay-region`): the relay replaces only the regions whose
//! drawing changed, so the frame an XSS run loaded is never loaded a second time.
//! Controls carry `data-relay-action`, form fields `data-relay-field`, and a control the
//! state rules out `data-relay-off` (the relay leaves it disabled).

mod csrf_run;
mod findings_table;
mod fixation_run;
mod loot_pane;
mod security_board;
mod sites_card;
mod tamper_run;
mod victim_login;
mod weak_key_run;
mod xss_run;

use csrf_run::CsrfRun;
use findings_table::FindingsTable;
use fixation_run::FixationRun;
use loot_pane::LootPane;
pub use security_board::{render_board, SecurityBoard, BOARD_ID};
use sites_card::SitesCard;
use tamper_run::TamperRun;
use victim_login::VictimLogin;
use weak_key_run::WeakKeyRun;
use xss_run::XssRun;

use leptos::prelude::*;

use crate::{
    api::security::{AttackerSite, LootEntry},
    model::security_relay::{self, Action, LabState},
};

/// Everything one drawing of the board shows.
#[derive(Debug, Clone)]
pub struct Board {
    pub state: LabState,
    /// Where the attacker's site is for this page's host.
    pub site: AttackerSite,
    /// What the server filed under the state's lab ID, oldest first.
    pub loot: Vec<LootEntry>,
    /// Whether the browser holds a token in localStorage.
    pub has_token: bool,
    /// Whether the controls take clicks: not before the relay runs, nor while an action
    /// still has requests to send.
    pub ready: bool,
}

impl Board {
    /// Whether the attacks can run at all (an attacker site that is another site).
    pub fn attacks(&self) -> bool {
        security_relay::ready(&self.site)
    }
}

/// A button that starts `action`, with `id` as its id and test hook. `allowed` is what the
/// state says: a button it rules out stays disabled (`data-relay-off`) when the relay
/// enables the rest. The relay sends the stored token along only for the actions that read
/// it (`data-relay-token`).
pub(crate) fn relay_button(
    board: &Board,
    action: Action,
    allowed: bool,
    id: &'static str,
    class: &'static str,
    label: &'static str,
) -> AnyView {
    let token = matches!(action, Action::TamperLoad | Action::WeakMine).then_some("");
    view! {
        <button type="button" class=class id=id data-testid=id data-relay-action=action.name()
            disabled=!(board.ready && allowed) data-relay-off=(!allowed).then_some("")
            data-relay-token=token>
            {label}
        </button>
    }
    .into_any()
}
