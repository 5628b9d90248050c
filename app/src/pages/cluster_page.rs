//! `/cluster`: the same login on three real server processes behind a load balancer.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    client::CLUSTER_TOKEN_KEY,
    cluster_step::{first_state, BOARD_ID},
    components::cluster::{BalancerConfigs, Board, ClusterBoard},
    i18n::{td, td_string},
    islands::Relay,
    lang,
    model::cluster_relay::LabState,
};

/// The cluster as the server found it for this render; the server always attaches it.
fn cluster_view() -> Option<crate::api::cluster::ClusterView> {
    crate::components::lab::request_extension::<crate::api::cluster::ClusterView>()
}

#[component]
pub fn ClusterPage() -> impl IntoView {
    let locale = lang::current();
    // The board waits, disabled, for the relay to start; every later drawing comes from
    // the step endpoint, in the page's language.
    let lab = cluster_view().map(|view| {
        let board = Board {
            view,
            state: LabState::default(),
            ready: false,
            has_token: false,
        };
        let endpoint = format!("/api/cluster/step?lang={}", lang::tag(locale));
        view! {
            <ClusterBoard board=Arc::new(board)/>
            <Relay endpoint board=BOARD_ID.to_owned() state=first_state()
                token_key=CLUSTER_TOKEN_KEY.to_owned()/>
        }
    });
    view! {
        <Title text=td_string!(locale, cluster.title)/>
        <header class="page-head">
            <p class="eyebrow">{td!(locale, cluster.eyebrow)}</p>
            <h1>{td!(locale, cluster.title)}</h1>
            <p class="lead">{td!(locale, cluster.lead)}</p>
        </header>
        {lab}
        <section class="flow" aria-labelledby="cluster-stories">
            <h2 id="cluster-stories">{td!(locale, cluster.stories.title)}</h2>
            <ol class="steps">
                <li>{td!(locale, cluster.stories.round_robin_local, <strong> = <strong/>, <code> = <code/>)}</li>
                <li>{td!(locale, cluster.stories.sticky, <strong> = <strong/>)}</li>
                <li>{td!(locale, cluster.stories.clustering, <strong> = <strong/>)}</li>
                <li>{td!(locale, cluster.stories.central_redis, <strong> = <strong/>)}</li>
                <li>{td!(locale, cluster.stories.jwt, <strong> = <strong/>)}</li>
            </ol>
        </section>
        <BalancerConfigs/>
    }
    .into_any()
}
