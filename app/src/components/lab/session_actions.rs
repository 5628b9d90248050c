//! Session mode's buttons: ask the server who you are, log out, and play the attacker who
//! copied the cookie, live or after logout.

use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};

use super::attacker_box::AttackerBox;
use crate::{
    components::ServerErased,
    i18n::{td, td_string},
    lang,
    model::{
        actions::{self, Action},
        Lab,
    },
};

#[component]
pub fn SessionActions(lab: Lab) -> impl IntoView {
    let locale = lang::current();
    let busy = Signal::derive(move || lab.busy.get());
    // Each action is a form, so it also works as plain HTML; with JavaScript the page sends
    // the request itself and shows what happened.
    view! {
        <div class="card actions" role="group" aria-label=td_string!(locale, lab.actions.session_label)>
            <h2>{td!(locale, lab.actions.title)}</h2>
            <div class="button-row">
                <form method="get" action=lang::href(locale, "/session") on:submit=move |ev: SubmitEvent| {
                    ev.prevent_default();
                    spawn_local(actions::run(lab, Action::SessionMe));
                }>
                    <button type="submit" class="button" disabled=move || busy.get()>{td!(locale, lab.actions.call_me)}</button>
                </form>
                <form method="post" action=lang::href(locale, "/session/logout") on:submit=move |ev: SubmitEvent| {
                    ev.prevent_default();
                    spawn_local(actions::run(lab, Action::SessionLogout));
                }>
                    <button type="submit" class="button button--quiet" disabled=move || busy.get()>{td!(locale, lab.actions.logout)}</button>
                </form>
            </div>
            <AttackerBox
                when=Signal::derive(move || lab.hydrated.get() && lab.session_times.get().is_some())
                busy
                why=td_string!(locale, lab.actions.live_cookie_why)
                button=td_string!(locale, lab.actions.live_cookie_replay)
                run=move || spawn_local(actions::run(lab, Action::ReplayLiveCookie))
            />
            <AttackerBox
                when=Signal::derive(move || lab.dead_session_id.get().is_some())
                busy
                why=td_string!(locale, lab.actions.dead_cookie_why)
                button=td_string!(locale, lab.actions.dead_cookie_replay)
                run=move || spawn_local(actions::run(lab, Action::ReplayDeadCookie))
            />
        </div>
    }
    .server_erased()
}
