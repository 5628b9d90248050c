//! The whole security lab as one server-rendered board: the page draws it first, and the
//! step endpoint draws it again after every step for the relay to swap in, region by region.

use std::sync::Arc;

use leptos::prelude::*;

use super::{
    Board, CsrfRun, FindingsTable, FixationRun, LootPane, SitesCard, TamperRun, VictimLogin,
    WeakKeyRun, XssRun,
};
use crate::{
    i18n::td_string,
    lang::{self, Locale},
};

/// The element whose regions the relay replaces after each step.
pub const BOARD_ID: &str = "security-board";

#[component]
pub fn SecurityBoard(board: Arc<Board>) -> impl IntoView {
    let locale = lang::current();
    let busy = (!board.ready).to_string();
    view! {
        // `data-relay-resume`: a reload draws the state this tab kept, with its loot.
        <div id=BOARD_ID class="security-lab" aria-busy=busy data-relay-resume="">
            <p class="banner banner--bad" id="security-step-error" role="alert" hidden
                data-relay-region="" data-relay-error=td_string!(locale, security.step_failed)></p>
            <SitesCard board=board.clone()/>
            <VictimLogin board=board.clone()/>
            <div class="security-lab__runs">
                <XssRun board=board.clone()/>
                <CsrfRun board=board.clone()/>
            </div>
            <LootPane board=board.clone()/>
            <div class="security-lab__runs">
                <TamperRun board=board.clone()/>
                <FixationRun board=board.clone()/>
            </div>
            <WeakKeyRun board=board.clone()/>
            <FindingsTable board/>
        </div>
    }
    .into_any()
}

/// The board's HTML in `locale`, outside any page render (for the step endpoint).
pub fn render_board(locale: Locale, board: Board) -> String {
    let owner = Owner::new();
    owner.with(|| {
        provide_context(locale);
        view! { <SecurityBoard board=Arc::new(board)/> }.to_html()
    })
}
