//! Token mode's buttons: call /me with the bearer token, log out (optionally revoking on
//! the server), and replay the copy the page kept. Drawn by the server for the relay.

use leptos::prelude::*;

use super::attacker_box::AttackerBox;
use crate::{
    components::ServerErased,
    i18n::{td, td_string},
    lang,
    model::Lab,
};

#[component]
pub fn TokenActions(lab: Lab) -> impl IntoView {
    let locale = lang::current();
    // Nothing here works without scripts: the buttons wait for the relay.
    let idle = !lab.hydrated.get_untracked();
    view! {
        <div class="card actions" role="group" aria-label=td_string!(locale, lab.actions.token_label)
            id="token-actions" data-relay-region="">
            <h2>{td!(locale, lab.actions.title)}</h2>
            <div class="button-row">
                <button type="button" class="button" disabled=idle
                    data-relay-action="me" id="token-call-me">{td!(locale, lab.actions.call_me)}</button>
                <button type="button" class="button button--quiet" disabled=idle
                    data-relay-action="logout" id="token-log-out">{td!(locale, lab.actions.logout)}</button>
            </div>
            <label class="check">
                <input type="checkbox" id="token-revoke" disabled=idle
                    data-relay-field="revoke" data-relay-keep=""/>
                " " {td!(locale, lab.actions.also_revoke)}
            </label>
            <AttackerBox
                when=lab.kept_token.with_untracked(Option::is_some) && lab.token.with_untracked(Option::is_none)
                disabled=idle
                why=td_string!(locale, lab.actions.copied_token_why)
                button=td_string!(locale, lab.actions.copied_token_replay)
                action="replay_token"
            />
        </div>
    }
    .server_erased()
}
