//! One node of the cluster: whether its process runs, what it holds and serves, and its
//! stop or start button.

use leptos::{either::Either, prelude::*, task::spawn_local};

use crate::{
    api::cluster::{ClusterStore, NodeView},
    components::ServerErased,
    i18n::{td, td_string},
    lang,
    model::{
        cluster_lab::{run, ClusterAction, ClusterLab},
        lab_client::Switch,
    },
};

#[component]
pub fn NodeColumn(lab: ClusterLab, index: usize) -> impl IntoView {
    let locale = lang::current();
    let node = Memo::new(move |_| lab.view.with(|v| v.nodes.get(index).cloned()));
    let idle = move || lab.busy.get() || !lab.hydrated.get();
    let shared = move || lab.view.with(|v| v.store == ClusterStore::Redis);
    let column = move |node: NodeView| {
        let id = node.id.clone();
        let up = node.up;
        let rows = node.status.rows.clone();
        let requests = node.status.requests;
        let denylist = node.status.denylist;
        let unreachable = node.status.store_unreachable;
        let switch_id = id.clone();
        view! {
            <header class="node__head">
                <h3>{id.clone()}</h3>
                <span class="badge" class:badge--ok=up class:badge--off=!up data-testid="node-state">
                    {if up { td_string!(locale, cluster.node.up) } else { td_string!(locale, cluster.node.down) }}
                </span>
            </header>
            <p class="node__meta">
                {node.pid.map(|pid| format!("{} · ", td_string!(locale, cluster.node.pid, pid = pid)))}
                <span data-testid="node-requests">{td_string!(locale, cluster.node.requests, count = requests).to_string()}</span>
            </p>
            <h4>{td!(locale, cluster.node.sessions)}</h4>
            {unreachable.then(|| view! { <p class="badge badge--off" data-testid="node-store-down">{td!(locale, cluster.node.store_down)}</p> })}
            {move || shared().then(|| view! { <p class="note">{td!(locale, cluster.node.in_redis)}</p> })}
            <ul class="node__rows" data-testid="node-sessions">
                {if rows.is_empty() {
                    Either::Left(view! { <li class="note">{td!(locale, cluster.node.no_sessions)}</li> })
                } else {
                    Either::Right(rows.into_iter().map(|row| view! {
                        <li class="node__row" class:node__row--copy=row.copy data-copy=row.copy.to_string()>
                            <span>{row.username}</span>
                            <code>{row.id_hint}</code>
                            <span class="node__bytes">{format!("{} B", row.bytes)}</span>
                            {row.copy.then(|| view! { <span class="badge">{td!(locale, cluster.node.copy)}</span> })}
                        </li>
                    }).collect_view())
                }}
            </ul>
            {(denylist > 0).then(|| view! { <p class="note">{td_string!(locale, cluster.node.denylist, count = denylist).to_string()}</p> })}
            <button type="button" class="button button--quiet" disabled=idle data-testid="node-switch"
                on:click=move |_| spawn_local(run(lab, ClusterAction::Switch(Switch::Node(switch_id.clone()), !up)))>
                {if up {
                    td_string!(locale, cluster.node.stop, id = id.clone()).to_string()
                } else {
                    td_string!(locale, cluster.node.start, id = id.clone()).to_string()
                }}
            </button>
        }
    };
    view! {
        <article class="node card" class:node--down=move || node.with(|n| n.as_ref().is_some_and(|n| !n.up))
            data-testid=format!("node-{}", index + 1)>
            {move || node.get().map(column)}
        </article>
    }
    .server_erased()
}
