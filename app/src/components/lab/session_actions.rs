//! Session mode's buttons: ask the server who you are, log out, replay the dead cookie.

use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};

use crate::lab::{actions, Lab};

#[component]
pub fn SessionActions(lab: Lab) -> impl IntoView {
    let busy = move || lab.busy.get();
    // Each action is a form, so it also works as plain HTML; with JavaScript the page sends
    // the request itself and shows what happened.
    view! {
        <div class="card actions" role="group" aria-label="Session actions">
            <h2>"Actions"</h2>
            <div class="button-row">
                <form method="get" action="/session" on:submit=move |ev: SubmitEvent| {
                    ev.prevent_default();
                    spawn_local(actions::session_me(lab));
                }>
                    <button type="submit" class="button" disabled=busy>"Call /me"</button>
                </form>
                <form method="post" action="/session/logout" on:submit=move |ev: SubmitEvent| {
                    ev.prevent_default();
                    spawn_local(actions::session_logout(lab));
                }>
                    <button type="submit" class="button button--quiet" disabled=busy>"Log out"</button>
                </form>
            </div>
            <Show when=move || lab.dead_session_id.get().is_some()>
                <div class="attacker">
                    <p>
                        "The server revealed the dead session ID after logout, so you can play the \
                         attacker who copied the cookie earlier."
                    </p>
                    <button type="button" class="button button--danger" disabled=busy
                        on:click=move |_| spawn_local(actions::session_replay(lab))>
                        "Replay the old cookie as an attacker"
                    </button>
                </div>
            </Show>
        </div>
    }
    .into_any()
}
