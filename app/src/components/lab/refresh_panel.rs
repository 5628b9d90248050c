//! The token page's refresh-token card: the cookie the page cannot read, where the chain
//! stands, the family as the server's store holds it, and the thief who copied a token.
//! Drawn by the server for the relay.

use leptos::{either::Either, prelude::*};

use super::refresh_chain::RefreshChain;
use crate::{
    components::ServerErased,
    i18n::{td, td_string},
    lang,
    model::Lab,
};

#[component]
pub fn RefreshPanel(lab: Lab) -> impl IntoView {
    let locale = lang::current();
    // The family row of the chain this page holds, matched by its hint.
    let family = lab.refresh.get_untracked().and_then(|grant| {
        lab.store.with_untracked(|store| {
            store
                .as_ref()?
                .refresh_families
                .iter()
                .find(|f| f.family_hint == grant.family_hint)
                .cloned()
        })
    });
    // A button the state rules out stays disabled when the relay enables the rest.
    let no_chain = lab.refresh.with_untracked(Option::is_none);
    let no_copy = lab.thief_copy.with_untracked(Option::is_none);
    let off = |ruled_out: bool| {
        (
            ruled_out || !lab.hydrated.get_untracked(),
            ruled_out.then_some(""),
        )
    };
    let (refresh_off, refresh_rule) = off(no_chain);
    let (replay_off, replay_rule) = off(no_copy);
    view! {
        <section class="card refresh" data-testid="refresh-panel" id="token-refresh"
            data-relay-region="" aria-labelledby="refresh-title">
            <h2 id="refresh-title">{td!(locale, lab.refresh.title)}</h2>
            {match lab.refresh.get_untracked() {
                None => Either::Left(view! { <p data-testid="refresh-none">{td!(locale, lab.refresh.none)}</p> }),
                Some(grant) => {
                    let at = lab.clock_time_now(grant.family_expires_at);
                    Either::Right(view! {
                        <p>{td_string!(locale, lab.refresh.cookie, name = grant.cookie_name.clone()).to_string()}</p>
                        <p data-testid="refresh-generation">
                            {td_string!(locale, lab.refresh.generation, n = grant.generation, family = grant.family_hint.clone()).to_string()}
                        </p>
                        <p>{td_string!(locale, lab.refresh.ends, at).to_string()}</p>
                    })
                }
            }}
            {family.map(|row| view! { <RefreshChain row/> })}
            <div class="button-row">
                <button type="button" class="button" data-testid="refresh-now" id="refresh-now"
                    data-relay-action="refresh" disabled=refresh_off data-relay-off=refresh_rule>
                    {td!(locale, lab.refresh.refresh_now)}
                </button>
            </div>
            <div class="attacker">
                <p>{td!(locale, lab.refresh.thief_why)}</p>
                {lab.thief_copy.get_untracked().map(|copy| view! {
                    <p data-testid="thief-holds">
                        {td_string!(locale, lab.refresh.thief_holds, hint = copy.token_hint).to_string()}
                    </p>
                })}
                <div class="button-row">
                    <button type="button" class="button button--danger" data-testid="thief-copy" id="thief-copy"
                        data-relay-action="thief_copy" disabled=refresh_off data-relay-off=refresh_rule>
                        {td!(locale, lab.refresh.thief_copy)}
                    </button>
                    <button type="button" class="button button--danger" data-testid="thief-replay" id="thief-replay"
                        data-relay-action="thief_replay" disabled=replay_off data-relay-off=replay_rule>
                        {td!(locale, lab.refresh.thief_replay)}
                    </button>
                </div>
            </div>
        </section>
    }
    .server_erased()
}
