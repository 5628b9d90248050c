//! The requests a learner sends through the balancer: log in, call /me once or many
//! times, log out (revoking a token), and replay a revoked token.

use leptos::{prelude::*, task::spawn_local};

use crate::{
    components::ServerErased,
    i18n::{td, td_string},
    lang,
    model::{
        cluster_lab::{run, ClusterAction, ClusterLab, MANY, REPLAYS},
        Mode,
    },
};

#[component]
pub fn ClusterActions(lab: ClusterLab) -> impl IntoView {
    let locale = lang::current();
    let idle = move || lab.busy.get() || !lab.hydrated.get();
    let act = move |action: ClusterAction| spawn_local(run(lab, action));
    let token = move || lab.mode.get() == Mode::Token;
    let can_replay =
        move || token() && lab.tracker.with(|t| t.has_revoked_token()) && lab.has_token.get();
    let where_logged_in = move || {
        lab.tracker.with(|t| match t.logged_in_at() {
            Some(node) => td_string!(locale, cluster.actions.logged_in_at, node = node).to_string(),
            None => td_string!(locale, cluster.actions.not_logged_in).to_string(),
        })
    };
    let error = move || {
        lab.control_error.get().map(|code| match code.as_str() {
            "cluster_unavailable" => {
                td_string!(locale, cluster.errors.cluster_unavailable).to_string()
            }
            "redis_not_in_use" => td_string!(locale, cluster.errors.redis_not_in_use).to_string(),
            "network" => td_string!(locale, cluster.errors.network).to_string(),
            other => td_string!(locale, cluster.errors.other, code = other).to_string(),
        })
    };
    view! {
        <section class="card actions" aria-labelledby="cluster-requests">
            <h2 id="cluster-requests">{td!(locale, cluster.actions.title)}</h2>
            <div class="button-row">
                <button type="button" class="button" disabled=idle data-testid="cluster-login"
                    on:click=move |_| act(ClusterAction::LogIn)>{td!(locale, cluster.actions.log_in)}</button>
                <button type="button" class="button" disabled=idle data-testid="cluster-me"
                    on:click=move |_| act(ClusterAction::Me(1))>{td!(locale, cluster.actions.me)}</button>
                <button type="button" class="button" disabled=idle data-testid="cluster-me-many"
                    on:click=move |_| act(ClusterAction::Me(MANY))>{td_string!(locale, cluster.actions.me_many, count = MANY).to_string()}</button>
                <button type="button" class="button button--quiet" disabled=idle data-testid="cluster-logout"
                    on:click=move |_| act(ClusterAction::LogOut)>
                    {move || if token() { td_string!(locale, cluster.actions.log_out_revoke) } else { td_string!(locale, cluster.actions.log_out) }}
                </button>
                {move || can_replay().then(|| view! {
                    <button type="button" class="button button--danger" disabled=idle data-testid="cluster-replay"
                        on:click=move |_| act(ClusterAction::ReplayRevoked)>{td_string!(locale, cluster.actions.replay, count = REPLAYS).to_string()}</button>
                })}
            </div>
            <p class="note" data-testid="cluster-login-node">{where_logged_in}</p>
            <p class="banner banner--bad" role="alert" hidden=move || error().is_none()>{error}</p>
        </section>
    }
    .server_erased()
}
