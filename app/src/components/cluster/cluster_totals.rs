//! One line under the nodes: what the whole cluster keeps, and what it has copied between
//! its nodes (the cost session clustering pays on every write).

use std::sync::Arc;

use leptos::prelude::*;

use super::Board;
use crate::{i18n::td_string, lang, model::cluster::totals};

#[component]
pub fn ClusterTotals(board: Arc<Board>) -> impl IntoView {
    let locale = lang::current();
    let t = totals(&board.view);
    view! {
        <p class="cluster-totals" data-testid="cluster-totals">
            <span>{td_string!(locale, cluster.totals.kept, records = t.records, bytes = t.bytes).to_string()}</span>
            " "
            <span data-testid="cluster-copies">
                {td_string!(locale, cluster.totals.copied, copies = t.copies_sent, bytes = t.copy_bytes_sent).to_string()}
            </span>
        </p>
    }
    .into_any()
}
