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
    let busy = Signal::derive(move || lab.busy.get());
    // Each action is a form, so it also works as plain HTML; with JavaScript the relay
    // sends the request itself (`data-relay-action`) and the server words what happened.
    view! {
        <div class="card actions" role="group" aria-label=td_string!(locale, lab.actions.session_label)
            id="session-actions" data-relay-region="">
            <h2>{td!(locale, lab.actions.title)}</h2>
            <div class="button-row">
                <form method="get" action=lang::href(locale, "/session") data-relay-action="me">
                    <button type="submit" class="button" disabled=move || busy.get() id="session-call-me">{td!(locale, lab.actions.call_me)}</button>
                </form>
                <form method="post" action=lang::href(locale, "/session/logout") data-relay-action="logout">
                    <button type="submit" class="button button--quiet" disabled=move || busy.get() id="session-log-out">{td!(locale, lab.actions.logout)}</button>
                </form>
            </div>
            // The relay runs these: the boxes have no handler of their own here.
            <AttackerBox
                when=Signal::derive(move || lab.hydrated.get() && lab.session_times.get().is_some())
                busy
                why=td_string!(locale, lab.actions.live_cookie_why)
                button=td_string!(locale, lab.actions.live_cookie_replay)
                action="replay_live"
                run=|| ()
            />
            <AttackerBox
                when=Signal::derive(move || lab.dead_session_id.get().is_some())
                busy
                why=td_string!(locale, lab.actions.dead_cookie_why)
                button=td_string!(locale, lab.actions.dead_cookie_replay)
                action="replay_dead"
                run=|| ()
            />
        </div>
    }
    .server_erased()
}
