//! `/compare`'s board as the server draws it for the relay: one set of controls acting in
//! both modes at once, the table that lines their answers up, and a column for each.

use leptos::prelude::*;

use super::{
    lab_board::{due_marker, step_error, Relayed, COMPARE_FEED_PATHS, FEED_URL},
    CompareColumn, CompareControls, ComparisonTable, BOARD_ID,
};
use crate::{
    lang,
    model::{Lab, Mode},
};

#[component]
pub fn CompareBoard(session: Lab, token: Lab, due: Vec<i64>) -> impl IntoView {
    provide_context(Relayed);
    let locale = lang::current();
    view! {
        <div id=BOARD_ID class="lab-board" data-relay-browser="" data-relay-start=""
            data-relay-feed=FEED_URL data-relay-feed-paths=COMPARE_FEED_PATHS>
            {step_error(locale)}
            <CompareControls session token/>
            <ComparisonTable session token/>
            <div class="compare">
                <CompareColumn lab=session mode=Mode::Session/>
                <CompareColumn lab=token mode=Mode::Token/>
            </div>
            {due_marker(&due)}
        </div>
    }
}
