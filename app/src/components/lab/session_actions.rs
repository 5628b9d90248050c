//! Session mode's buttons: ask the server who you are, log out, and play the attacker who
//! copied the cookie, live or after logout.

use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};

use super::attacker_box::AttackerBox;
use crate::model::{
    actions::{self, Action},
    Lab,
};

#[component]
pub fn SessionActions(lab: Lab) -> impl IntoView {
    let busy = Signal::derive(move || lab.busy.get());
    // Each action is a form, so it also works as plain HTML; with JavaScript the page sends
    // the request itself and shows what happened.
    view! {
        <div class="card actions" role="group" aria-label="Session actions">
            <h2>"Actions"</h2>
            <div class="button-row">
                <form method="get" action="/session" on:submit=move |ev: SubmitEvent| {
                    ev.prevent_default();
                    spawn_local(actions::run(lab, Action::SessionMe));
                }>
                    <button type="submit" class="button" disabled=move || busy.get()>"Call /me"</button>
                </form>
                <form method="post" action="/session/logout" on:submit=move |ev: SubmitEvent| {
                    ev.prevent_default();
                    spawn_local(actions::run(lab, Action::SessionLogout));
                }>
                    <button type="submit" class="button button--quiet" disabled=move || busy.get()>"Log out"</button>
                </form>
            </div>
            <AttackerBox
                when=Signal::derive(move || lab.hydrated.get() && lab.session_times.get().is_some())
                busy
                why="Suppose an attacker copied your cookie while it is live (malware, a shared \
                     computer, a proxy log). The lab's server can send that copy for them."
                button="Replay a copy of the live cookie as an attacker"
                run=move || spawn_local(actions::run(lab, Action::ReplayLiveCookie))
            />
            <AttackerBox
                when=Signal::derive(move || lab.dead_session_id.get().is_some())
                busy
                why="The server revealed the dead session ID after logout, so you can play the \
                     attacker who copied the cookie earlier."
                button="Replay the old cookie as an attacker"
                run=move || spawn_local(actions::run(lab, Action::ReplayDeadCookie))
            />
        </div>
    }
    .into_any()
}
