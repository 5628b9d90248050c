//! The `/cluster` workbench: set-up, the three nodes and Redis, requests, log, findings.

use leptos::prelude::*;

use crate::{
    api::cluster::ClusterView,
    components::cluster::{
        CallLog, ClusterActions, ClusterControls, ClusterResults, ClusterTotals, NodeColumn,
        RedisBox,
    },
    lang::Locale,
    model::cluster_lab::ClusterLab,
};

/// `view` is the cluster as the server found it while rendering the page (which started
/// the nodes if nothing had yet).
#[island]
pub fn ClusterLab(locale: Locale, view: ClusterView) -> impl IntoView {
    provide_context(locale);
    let lab = ClusterLab::new(view);
    lab.start_in_browser();
    view! {
        <div class="cluster-lab">
            <ClusterControls lab/>
            <div class="cluster-nodes">
                <NodeColumn lab index=0/>
                <NodeColumn lab index=1/>
                <NodeColumn lab index=2/>
            </div>
            <ClusterTotals lab/>
            <RedisBox lab/>
            <ClusterActions lab/>
            <div class="cluster-lab__reports">
                <ClusterResults lab/>
                <CallLog lab/>
            </div>
        </div>
    }
}
