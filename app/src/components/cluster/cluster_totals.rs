//! One line under the nodes: what the whole cluster keeps, and what it has copied between
//! its nodes (the cost session clustering pays on every write).

use leptos::prelude::*;

use crate::{
    components::ServerErased,
    i18n::td_string,
    lang,
    model::{cluster::totals, cluster_lab::ClusterLab},
};

#[component]
pub fn ClusterTotals(lab: ClusterLab) -> impl IntoView {
    let locale = lang::current();
    let sums = Memo::new(move |_| lab.view.with(totals));
    view! {
        <p class="cluster-totals" data-testid="cluster-totals">
            <span>{move || {
                let t = sums.get();
                td_string!(locale, cluster.totals.kept, records = t.records, bytes = t.bytes).to_string()
            }}</span>
            " "
            <span data-testid="cluster-copies">{move || {
                let t = sums.get();
                td_string!(locale, cluster.totals.copied, copies = t.copies_sent, bytes = t.copy_bytes_sent).to_string()
            }}</span>
        </p>
    }
    .server_erased()
}
