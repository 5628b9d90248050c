//! The findings table: per set-up, what the learner has seen it survive, keep and cost.

use std::sync::Arc;

use leptos::{either::Either, prelude::*};

use super::{mode_name, preset_name, routing_name, store_name, Board};
use crate::{
    i18n::{td, td_string, Locale},
    lang,
    model::cluster::{Findings, Preset, Setup},
};

fn setup_name(locale: Locale, setup: Setup) -> String {
    match Preset::of(setup) {
        Some(preset) => preset_name(locale, preset).to_owned(),
        None => td_string!(
            locale,
            cluster.results.custom,
            routing = routing_name(locale, setup.routing),
            store = store_name(locale, setup.store),
            mode = mode_name(locale, setup.mode)
        )
        .to_string(),
    }
}

fn yes_no(locale: Locale, seen: Option<bool>) -> &'static str {
    match seen {
        Some(true) => td_string!(locale, cluster.results.yes),
        Some(false) => td_string!(locale, cluster.results.no),
        None => td_string!(locale, cluster.results.not_tried),
    }
}

fn seen(finding: Option<bool>) -> &'static str {
    match finding {
        Some(true) => "yes",
        Some(false) => "no",
        None => "untried",
    }
}

fn number(locale: Locale, seen: Option<usize>) -> String {
    seen.map_or_else(
        || td_string!(locale, cluster.results.not_tried).to_owned(),
        |n| n.to_string(),
    )
}

#[component]
pub fn ClusterResults(board: Arc<Board>) -> impl IntoView {
    let locale = lang::current();
    let row = move |(setup, found): (Setup, Findings)| {
        let key = Preset::of(setup).map_or("custom", Preset::key);
        view! {
            <tr data-testid=format!("result-{key}")>
                <th scope="row">{setup_name(locale, setup)}</th>
                // The finding as data too, for the interview walkthroughs that wait on it.
                <td data-testid="result-node-stop" data-seen=seen(found.survives_node_stop)>{yes_no(locale, found.survives_node_stop)}</td>
                <td data-testid="result-redis-stop">{yes_no(locale, found.survives_redis_stop)}</td>
                <td data-testid="result-copies">{number(locale, found.copies)}</td>
                <td data-testid="result-bytes">{number(locale, found.bytes)}</td>
                <td data-testid="result-logout">{yes_no(locale, found.logout_everywhere)}</td>
            </tr>
        }
    };
    view! {
        <section class="card cluster-results" aria-labelledby="cluster-results">
            <h2 id="cluster-results">{td!(locale, cluster.results.title)}</h2>
            <p class="note">{td!(locale, cluster.results.intro)}</p>
            {if board.state.tracker.rows.is_empty() {
                Either::Left(view! { <p class="note">{td!(locale, cluster.results.empty)}</p> })
            } else {
                Either::Right(view! {
                    <div class="table-scroll">
                        <table class="cluster-results__table">
                            <thead><tr>
                                <th scope="col">{td!(locale, cluster.results.setup)}</th>
                                <th scope="col">{td!(locale, cluster.results.node_stop)}</th>
                                <th scope="col">{td!(locale, cluster.results.redis_stop)}</th>
                                <th scope="col">{td!(locale, cluster.results.copies)}</th>
                                <th scope="col">{td!(locale, cluster.results.bytes)}</th>
                                <th scope="col">{td!(locale, cluster.results.logout)}</th>
                            </tr></thead>
                            <tbody>{board.state.tracker.rows.clone().into_iter().map(row).collect_view()}</tbody>
                        </table>
                    </div>
                })
            }}
        </section>
    }
    .into_any()
}
