//! The requests a learner sends through the balancer: log in, call /me once or many
//! times, log out (revoking a token), and replay a revoked token.

use std::sync::Arc;

use leptos::prelude::*;

use super::Board;
use crate::{
    i18n::{td, td_string, Locale},
    lang,
    model::{
        cluster_relay::{Action, MANY, REPLAYS},
        Mode,
    },
};

fn error_text(locale: Locale, code: &str) -> String {
    match code {
        "cluster_unavailable" => td_string!(locale, cluster.errors.cluster_unavailable).to_string(),
        "redis_not_in_use" => td_string!(locale, cluster.errors.redis_not_in_use).to_string(),
        "network" => td_string!(locale, cluster.errors.network).to_string(),
        other => td_string!(locale, cluster.errors.other, code = other).to_string(),
    }
}

#[component]
pub fn ClusterActions(board: Arc<Board>) -> impl IntoView {
    let locale = lang::current();
    let token = board.state.mode == Mode::Token;
    let can_replay = token && board.state.tracker.has_revoked_token() && board.has_token;
    let where_logged_in = match board.state.tracker.logged_in_at() {
        Some(node) => td_string!(locale, cluster.actions.logged_in_at, node = node).to_string(),
        None => td_string!(locale, cluster.actions.not_logged_in).to_string(),
    };
    let error = board
        .state
        .control_error
        .as_deref()
        .map(|code| error_text(locale, code));
    let no_error = error.is_none();
    let button = |class: &'static str, action: Action, label: String| {
        let name = action.name();
        let id = format!("cluster-{name}");
        view! {
            <button type="button" class=class disabled=!board.ready id=id.clone() data-testid=id
                data-relay-action=name>{label}</button>
        }
    };
    let log_out = if token {
        td_string!(locale, cluster.actions.log_out_revoke)
    } else {
        td_string!(locale, cluster.actions.log_out)
    };
    view! {
        <section class="card actions" aria-labelledby="cluster-requests">
            <h2 id="cluster-requests">{td!(locale, cluster.actions.title)}</h2>
            <div class="button-row">
                {button("button", Action::LogIn, td_string!(locale, cluster.actions.log_in).to_string())}
                {button("button", Action::Me(1), td_string!(locale, cluster.actions.me).to_string())}
                {button("button", Action::Me(MANY), td_string!(locale, cluster.actions.me_many, count = MANY).to_string())}
                {button("button button--quiet", Action::LogOut, log_out.to_string())}
                {can_replay.then(|| button("button button--danger", Action::ReplayRevoked,
                    td_string!(locale, cluster.actions.replay, count = REPLAYS).to_string()))}
            </div>
            <p class="note" data-testid="cluster-login-node">{where_logged_in}</p>
            // The relay shows this banner, with the text it carries, when a step itself fails.
            <p class="banner banner--bad" role="alert" hidden=no_error
                data-relay-error=td_string!(locale, cluster.errors.step_failed)>{error}</p>
        </section>
    }
    .into_any()
}
