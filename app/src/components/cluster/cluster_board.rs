//! The whole cluster lab as one server-rendered board: the page draws it first, and the
//! step endpoint draws it again after every step for the relay to swap in.

use std::sync::Arc;

use leptos::prelude::*;

use super::{
    Board, CallLog, ClusterActions, ClusterControls, ClusterResults, ClusterTotals, NodeColumn,
    RedisBox,
};
use crate::lang::Locale;

/// The element the relay replaces after each step.
pub const BOARD_ID: &str = "cluster-board";

#[component]
pub fn ClusterBoard(board: Arc<Board>) -> impl IntoView {
    let busy = (!board.ready).to_string();
    view! {
        <div id=BOARD_ID class="cluster-lab" aria-busy=busy>
            <ClusterControls board=board.clone()/>
            <div class="cluster-nodes">
                <NodeColumn board=board.clone() index=0/>
                <NodeColumn board=board.clone() index=1/>
                <NodeColumn board=board.clone() index=2/>
            </div>
            <ClusterTotals board=board.clone()/>
            <RedisBox board=board.clone()/>
            <ClusterActions board=board.clone()/>
            <div class="cluster-lab__reports">
                <ClusterResults board=board.clone()/>
                <CallLog board/>
            </div>
        </div>
    }
}

/// The board's HTML in `locale`, outside any page render (for the step endpoint).
pub fn render_board(locale: Locale, board: Board) -> String {
    let owner = Owner::new();
    owner.with(|| {
        provide_context(locale);
        view! { <ClusterBoard board=Arc::new(board)/> }.to_html()
    })
}
