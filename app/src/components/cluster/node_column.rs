//! One node of the cluster: whether its process runs, what it holds and serves, and its
//! stop or start button.

use std::sync::Arc;

use leptos::{either::Either, prelude::*};

use super::Board;
use crate::{
    api::cluster::{ClusterStore, NodeView},
    i18n::{td, td_string},
    lang,
    model::cluster_relay::{Action, Switch},
};

#[component]
pub fn NodeColumn(board: Arc<Board>, index: usize) -> impl IntoView {
    let locale = lang::current();
    let shared = board.view.store == ClusterStore::Redis;
    let ready = board.ready;
    let column = move |node: NodeView| {
        let NodeView {
            id,
            up,
            pid,
            status,
        } = node;
        let action = Action::Switch(Switch::Node(id.clone()), !up).name();
        let switch = if up {
            td_string!(locale, cluster.node.stop, id = id.clone()).to_string()
        } else {
            td_string!(locale, cluster.node.start, id = id.clone()).to_string()
        };
        view! {
            <header class="node__head">
                <h3>{id.clone()}</h3>
                <span class="badge" class:badge--ok=up class:badge--off=!up data-testid="node-state">
                    {if up { td_string!(locale, cluster.node.up) } else { td_string!(locale, cluster.node.down) }}
                </span>
            </header>
            <p class="node__meta">
                {pid.map(|pid| format!("{} · ", td_string!(locale, cluster.node.pid, pid = pid)))}
                <span data-testid="node-requests">{td_string!(locale, cluster.node.requests, count = status.requests).to_string()}</span>
            </p>
            <h4>{td!(locale, cluster.node.sessions)}</h4>
            {status.store_unreachable.then(|| view! { <p class="badge badge--off" data-testid="node-store-down">{td!(locale, cluster.node.store_down)}</p> })}
            {shared.then(|| view! { <p class="note">{td!(locale, cluster.node.in_redis)}</p> })}
            <ul class="node__rows" data-testid="node-sessions">
                {if status.rows.is_empty() {
                    Either::Left(view! { <li class="note">{td!(locale, cluster.node.no_sessions)}</li> })
                } else {
                    Either::Right(status.rows.into_iter().map(|row| view! {
                        <li class="node__row" class:node__row--copy=row.copy data-copy=row.copy.to_string()>
                            <span>{row.username}</span>
                            <code>{row.id_hint}</code>
                            <span class="node__bytes">{format!("{} B", row.bytes)}</span>
                            {row.copy.then(|| view! { <span class="badge">{td!(locale, cluster.node.copy)}</span> })}
                        </li>
                    }).collect_view())
                }}
            </ul>
            {(status.denylist > 0).then(|| view! { <p class="note">{td_string!(locale, cluster.node.denylist, count = status.denylist).to_string()}</p> })}
            <button type="button" class="button button--quiet" disabled=!ready id=format!("{id}-switch")
                data-testid="node-switch" data-relay-action=action>{switch}</button>
        }
    };
    let node = board.view.nodes.get(index).cloned();
    let down = node.as_ref().is_some_and(|n| !n.up);
    view! {
        <article class="node card" class:node--down=down data-testid=format!("node-{}", index + 1)>
            {node.map(column)}
        </article>
    }
    .into_any()
}
