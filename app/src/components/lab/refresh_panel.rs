//! The token page's refresh-token card: the cookie the page cannot read, where the chain
//! stands, the family as the server's store holds it, and the thief who copied a token.

use leptos::{either::Either, prelude::*, task::spawn_local};

use super::refresh_chain::RefreshChain;
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
pub fn RefreshPanel(lab: Lab) -> impl IntoView {
    let locale = lang::current();
    let idle = move || lab.busy.get() || !lab.hydrated.get();
    // The family row of the chain this page holds, matched by its hint.
    let family = Memo::new(move |_| {
        let hint = lab
            .refresh
            .with(|g| g.as_ref().map(|g| g.family_hint.clone()))?;
        lab.store.with(|store| {
            store
                .as_ref()?
                .refresh_families
                .iter()
                .find(|f| f.family_hint == hint)
                .cloned()
        })
    });
    let run = move |action: Action| spawn_local(actions::run(lab, action));
    view! {
        <section class="card refresh" data-testid="refresh-panel"
            aria-labelledby="refresh-title">
            <h2 id="refresh-title">{td!(locale, lab.refresh.title)}</h2>
            {move || match lab.refresh.get() {
                None => Either::Left(view! { <p data-testid="refresh-none">{td!(locale, lab.refresh.none)}</p> }),
                Some(grant) => {
                    let at = lab.clock_time(grant.family_expires_at);
                    Either::Right(view! {
                        <p>{td_string!(locale, lab.refresh.cookie, name = grant.cookie_name.clone()).to_string()}</p>
                        <p data-testid="refresh-generation">
                            {td_string!(locale, lab.refresh.generation, n = grant.generation, family = grant.family_hint.clone()).to_string()}
                        </p>
                        <p>{td_string!(locale, lab.refresh.ends, at).to_string()}</p>
                    })
                }
            }}
            {move || family.get().map(|row| view! { <RefreshChain row/> })}
            <div class="button-row">
                <button type="button" class="button" data-testid="refresh-now"
                    disabled=move || idle() || lab.refresh.with(Option::is_none)
                    on:click=move |_| run(Action::TokenRefresh)>
                    {td!(locale, lab.refresh.refresh_now)}
                </button>
            </div>
            <div class="attacker">
                <p>{td!(locale, lab.refresh.thief_why)}</p>
                {move || lab.thief_copy.get().map(|copy| view! {
                    <p data-testid="thief-holds">
                        {td_string!(locale, lab.refresh.thief_holds, hint = copy.token_hint).to_string()}
                    </p>
                })}
                <div class="button-row">
                    <button type="button" class="button button--danger" data-testid="thief-copy"
                        disabled=move || idle() || lab.refresh.with(Option::is_none)
                        on:click=move |_| run(Action::ThiefCopy)>
                        {td!(locale, lab.refresh.thief_copy)}
                    </button>
                    <button type="button" class="button button--danger" data-testid="thief-replay"
                        disabled=move || idle() || lab.thief_copy.with(Option::is_none)
                        on:click=move |_| run(Action::ThiefReplay)>
                        {td!(locale, lab.refresh.thief_replay)}
                    </button>
                </div>
            </div>
        </section>
    }
    .server_erased()
}
