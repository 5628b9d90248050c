//! `/cluster`: the same login on three real server processes behind a load balancer.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::cluster::BalancerConfigs,
    i18n::{td, td_string},
    islands::ClusterLab,
    lang,
};

/// The cluster as the server found it for this render; the server always attaches it.
fn cluster_view() -> Option<crate::api::cluster::ClusterView> {
    #[cfg(feature = "ssr")]
    {
        crate::components::lab::request_extension::<crate::api::cluster::ClusterView>()
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

#[component]
pub fn ClusterPage() -> impl IntoView {
    let locale = lang::current();
    view! {
        <Title text=td_string!(locale, cluster.title)/>
        <header class="page-head">
            <p class="eyebrow">{td!(locale, cluster.eyebrow)}</p>
            <h1>{td!(locale, cluster.title)}</h1>
            <p class="lead">{td!(locale, cluster.lead)}</p>
        </header>
        {cluster_view().map(|view| view! { <ClusterLab locale view/> })}
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
