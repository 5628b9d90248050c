//! A lab page's board as the server draws it for the relay: the workbench in regions, and
//! the moments at which it changes by itself (an expiry), for the relay to ask again.

use leptos::prelude::*;

use super::{LabWorkbench, PageSessionCard, SessionActions};
use crate::{
    i18n::td_string,
    lang,
    model::{lab_relay::PageCard, Lab, Mode},
};

/// The element each step's drawing replaces, region by region.
pub const BOARD_ID: &str = "lab-board";

/// Present while the server draws a board for the relay: the components then draw the
/// controls the relay runs (`data-relay-action`) instead of the island's own handlers.
#[derive(Debug, Clone, Copy)]
pub struct Relayed;

#[component]
pub fn LabBoard(lab: Lab, page: Option<PageCard>, due: Vec<i64>) -> impl IntoView {
    provide_context(Relayed);
    let locale = lang::current();
    let due = due.iter().map(i64::to_string).collect::<Vec<_>>().join(" ");
    let PageCard {
        view,
        form_error,
        logged_out,
    } = page.unwrap_or(PageCard {
        view: None,
        form_error: None,
        logged_out: false,
    });
    // The event feed lists requests sent elsewhere (another tab, curl); the relay reports
    // what only the browser knows (`document.cookie`, its time zone) with every step.
    view! {
        <div id=BOARD_ID class="lab-board" data-relay-browser="" data-relay-start=""
            data-relay-feed="/api/inspect/events" data-relay-feed-paths="/api/session/ /api/lab/">
            <p class="banner banner--bad" id="lab-step-error" role="alert" hidden
                data-relay-region="" data-relay-error=td_string!(locale, lab.step_failed)></p>
            <LabWorkbench lab mode=Mode::Session>
                <PageSessionCard lab view form_error logged_out/>
                <SessionActions lab/>
            </LabWorkbench>
            <span id="lab-due" hidden data-relay-region="" data-relay-due=due></span>
        </div>
    }
}
