//! Token mode's buttons: call /me with the bearer token, log out (optionally revoking on
//! the server), and replay the copy the page kept.

use leptos::{prelude::*, task::spawn_local};

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
pub fn TokenActions(lab: Lab) -> impl IntoView {
    let locale = lang::current();
    let revoke = RwSignal::new(false);
    let idle = move || lab.busy.get() || !lab.hydrated.get();
    view! {
        <div class="card actions" role="group" aria-label=td_string!(locale, lab.actions.token_label)>
            <h2>{td!(locale, lab.actions.title)}</h2>
            <div class="button-row">
                <button type="button" class="button" disabled=idle
                    on:click=move |_| spawn_local(actions::run(lab, Action::TokenMe))>{td!(locale, lab.actions.call_me)}</button>
                <button type="button" class="button button--quiet" disabled=idle
                    on:click=move |_| spawn_local(actions::run(lab, Action::TokenLogout { revoke: revoke.get_untracked() }))>{td!(locale, lab.actions.logout)}</button>
            </div>
            <label class="check">
                <input type="checkbox" bind:checked=revoke disabled=idle/>
                " " {td!(locale, lab.actions.also_revoke)}
            </label>
            <AttackerBox
                when=Signal::derive(move || lab.kept_token.get().is_some() && lab.token.get().is_none())
                busy=Signal::derive(idle)
                why=td_string!(locale, lab.actions.copied_token_why)
                button=td_string!(locale, lab.actions.copied_token_replay)
                action="replay_token"
                run=move || spawn_local(actions::run(lab, Action::ReplayCopiedToken))
            />
        </div>
    }
    .server_erased()
}
