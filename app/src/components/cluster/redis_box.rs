//! The cluster's Redis, shown while sessions live there, with its own stop and start.

use leptos::{either::Either, prelude::*, task::spawn_local};

use crate::{
    api::cluster::ClusterStore,
    components::ServerErased,
    i18n::{td, td_string},
    lang,
    model::{
        cluster_lab::{run, ClusterAction, ClusterLab},
        lab_client::Switch,
    },
};

#[component]
pub fn RedisBox(lab: ClusterLab) -> impl IntoView {
    let locale = lang::current();
    let redis = Memo::new(move |_| {
        lab.view
            .with(|v| (v.store == ClusterStore::Redis).then(|| v.redis.clone()))
    });
    let idle = move || lab.busy.get() || !lab.hydrated.get();
    move || {
        redis.get().map(|redis| {
            let up = redis.up;
            view! {
                <section class="card redis-box" class:node--down=!up data-testid="redis">
                    <header class="node__head">
                        <h3>{td!(locale, cluster.redis.title)}</h3>
                        <span class="badge" class:badge--ok=up class:badge--off=!up data-testid="redis-state">
                            {if up { td_string!(locale, cluster.redis.up) } else { td_string!(locale, cluster.redis.down) }}
                        </span>
                        {redis.pid.map(|pid| view! { <span class="node__meta">{td_string!(locale, cluster.node.pid, pid = pid).to_string()}</span> })}
                    </header>
                    {if redis.managed {
                        Either::Left(view! {
                            <p class="note">{td!(locale, cluster.redis.note)}</p>
                            <button type="button" class="button button--quiet" disabled=idle data-testid="redis-switch"
                                on:click=move |_| spawn_local(run(lab, ClusterAction::Switch(Switch::Redis, !up)))>
                                {if up { td_string!(locale, cluster.redis.stop) } else { td_string!(locale, cluster.redis.start) }}
                            </button>
                        })
                    } else {
                        Either::Right(view! { <p class="note">{td!(locale, cluster.redis.external)}</p> })
                    }}
                </section>
            }
            .server_erased()
        })
    }
}
