//! Every request sent through the balancer: which node served it and what it answered,
//! with the spread of the last click over the nodes.

use std::sync::Arc;

use leptos::{either::Either, prelude::*};

use super::Board;
use crate::{
    i18n::{td, td_string, Locale},
    lang,
    model::cluster::{spread, Call, CallKind},
};

fn kind_name(locale: Locale, kind: CallKind) -> &'static str {
    match kind {
        CallKind::LogIn => td_string!(locale, cluster.calls.kind.log_in),
        CallKind::Me => td_string!(locale, cluster.calls.kind.me),
        CallKind::LogOut => td_string!(locale, cluster.calls.kind.log_out),
        CallKind::Replay => td_string!(locale, cluster.calls.kind.replay),
    }
}

#[component]
pub fn CallLog(board: Arc<Board>) -> impl IntoView {
    let locale = lang::current();
    let calls = &board.state.calls;
    let ids: Vec<String> = board.view.nodes.iter().map(|n| n.id.clone()).collect();
    let bars = {
        let (per_node, nowhere) = spread(calls, &ids);
        let total = per_node.iter().sum::<usize>() + nowhere;
        let rows = ids.into_iter().zip(per_node).map(move |(id, count)| {
            let share = (count * 100).checked_div(total).unwrap_or(0);
            let testid = format!("spread-{id}");
            view! {
                <li class="spread__row" data-testid=testid data-count=count.to_string()>
                    <span class="spread__label">{id}</span>
                    <progress class="spread__bar" max="100" value=share.to_string()>{format!("{share}%")}</progress>
                    <span class="spread__count">{count}</span>
                </li>
            }
        }).collect_view();
        view! {
            {rows}
            {(nowhere > 0).then(|| view! { <li class="note">{td_string!(locale, cluster.calls.nowhere, count = nowhere).to_string()}</li> })}
        }
    };
    let row = move |call: Call| {
        let answer = match &call.code {
            Some(code) => format!("{} {code}", call.status),
            None => call.status.to_string(),
        };
        let ok = (200..300).contains(&call.status);
        let node_attr = call.node.clone().unwrap_or_default();
        view! {
            <tr data-testid="cluster-call" data-node=node_attr data-status=call.status.to_string()>
                <td>{call.seq}</td>
                <td>{kind_name(locale, call.kind)}</td>
                <td>{call.node.unwrap_or_else(|| td_string!(locale, cluster.calls.balancer).to_string())}</td>
                <td><span class="status" class:status--ok=ok class:status--bad=!ok>{answer}</span></td>
            </tr>
        }
    };
    view! {
        <section class="card call-log" aria-labelledby="cluster-calls">
            <h2 id="cluster-calls">{td!(locale, cluster.calls.title)}</h2>
            {if calls.is_empty() {
                Either::Left(view! { <p class="note">{td!(locale, cluster.calls.empty)}</p> })
            } else {
                Either::Right(view! {
                    <h3>{td!(locale, cluster.calls.spread)}</h3>
                    <ul class="spread">{bars}</ul>
                    <div class="table-scroll">
                        <table class="call-log__table">
                            <thead><tr>
                                <th scope="col">{td!(locale, cluster.calls.number)}</th>
                                <th scope="col">{td!(locale, cluster.calls.request)}</th>
                                <th scope="col">{td!(locale, cluster.calls.node)}</th>
                                <th scope="col">{td!(locale, cluster.calls.answer)}</th>
                            </tr></thead>
                            <tbody>
                                {calls.iter().rev().cloned().map(row).collect_view()}
                            </tbody>
                        </table>
                    </div>
                })
            }}
        </section>
    }
    .into_any()
}
