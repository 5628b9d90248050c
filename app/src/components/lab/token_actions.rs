//! Token mode's buttons: call /me with the bearer token, log out (optionally revoking on
//! the server), and replay the copy the page kept.

use leptos::{prelude::*, task::spawn_local};

use super::attacker_box::AttackerBox;
use crate::model::{
    actions::{self, Action},
    Lab,
};

#[component]
pub fn TokenActions(lab: Lab) -> impl IntoView {
    let revoke = RwSignal::new(false);
    let idle = move || lab.busy.get() || !lab.hydrated.get();
    view! {
        <div class="card actions" role="group" aria-label="Token actions">
            <h2>"Actions"</h2>
            <div class="button-row">
                <button type="button" class="button" disabled=idle
                    on:click=move |_| spawn_local(actions::run(lab, Action::TokenMe))>"Call /me"</button>
                <button type="button" class="button button--quiet" disabled=idle
                    on:click=move |_| spawn_local(actions::run(lab, Action::TokenLogout { revoke: revoke.get_untracked() }))>"Log out"</button>
            </div>
            <label class="check">
                <input type="checkbox" bind:checked=revoke disabled=idle/>
                " Also revoke on the server (put the token's ID on the deny-list)"
            </label>
            <AttackerBox
                when=Signal::derive(move || lab.kept_token.get().is_some() && lab.token.get().is_none())
                busy=Signal::derive(idle)
                why="This page kept a copy of the token, exactly as an injected script could."
                button="Replay the old token"
                run=move || spawn_local(actions::run(lab, Action::ReplayCopiedToken))
            />
        </div>
    }
    .into_any()
}
