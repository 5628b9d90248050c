//! Session mode's buttons: ask the server who you are, log out, and play the attacker who
//! copied the cookie, live or after logout. Drawn by the server for the relay.

use leptos::prelude::*;

use super::attacker_box::AttackerBox;
use crate::{
    components::ServerErased,
    i18n::{td, td_string},
    lang,
    model::Lab,
};

#[component]
pub fn SessionActions(lab: Lab) -> impl IntoView {
    let locale = lang::current();
    // Each action is a form, so it also works as plain HTML; with JavaScript the relay
    // sends the request itself (`data-relay-action`) and the server words what happened.
    view! {
        <div class="card actions" role="group" aria-label=td_string!(locale, lab.actions.session_label)
            id="session-actions" data-relay-region="">
            <h2>{td!(locale, lab.actions.title)}</h2>
            <div class="button-row">
                <form method="get" action=lang::href(locale, "/session") data-relay-action="me">
                    <button type="submit" class="button" id="session-call-me">{td!(locale, lab.actions.call_me)}</button>
                </form>
                <form method="post" action=lang::href(locale, "/session/logout") data-relay-action="logout">
                    <button type="submit" class="button button--quiet" id="session-log-out">{td!(locale, lab.actions.logout)}</button>
                </form>
            </div>
            <AttackerBox
                when=lab.hydrated.get_untracked() && lab.session_times.with_untracked(Option::is_some)
                disabled=false
                why=td_string!(locale, lab.actions.live_cookie_why)
                button=td_string!(locale, lab.actions.live_cookie_replay)
                action="replay_live"
            />
            <AttackerBox
                when=lab.dead_session_id.with_untracked(Option::is_some)
                disabled=!lab.hydrated.get_untracked()
                why=td_string!(locale, lab.actions.dead_cookie_why)
                button=td_string!(locale, lab.actions.dead_cookie_replay)
                action="replay_dead"
            />
        </div>
    }
    .server_erased()
}
