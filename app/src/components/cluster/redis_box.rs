//! The cluster's Redis, shown while sessions live there, with its own stop and start.

use std::sync::Arc;

use leptos::{either::Either, prelude::*};

use super::Board;
use crate::{
    api::cluster::ClusterStore,
    i18n::{td, td_string},
    lang,
    model::cluster_relay::{Action, Switch},
};

#[component]
pub fn RedisBox(board: Arc<Board>) -> impl IntoView {
    let locale = lang::current();
    let redis = (board.view.store == ClusterStore::Redis).then(|| board.view.redis.clone());
    redis.map(|redis| {
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
                        <button type="button" class="button button--quiet" disabled=!board.ready id="redis-switch"
                            data-testid="redis-switch" data-relay-action=Action::Switch(Switch::Redis, !up).name()>
                            {if up { td_string!(locale, cluster.redis.stop) } else { td_string!(locale, cluster.redis.start) }}
                        </button>
                    })
                } else {
                    Either::Right(view! { <p class="note">{td!(locale, cluster.redis.external)}</p> })
                }}
            </section>
        }
        .into_any()
    })
}
