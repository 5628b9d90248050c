//! `/token`: login state kept in the browser as a signed JWT.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::lab::lab_relay,
    i18n::{td, td_string},
    lab_step, lang,
    model::{
        lab_relay::{lab_from, LabState},
        Mode,
    },
};

#[component]
pub fn TokenPage() -> impl IntoView {
    let locale = lang::current();
    // The server cannot see localStorage: the board is drawn as "checking", and the relay
    // draws it again at once with what the browser holds.
    let state = LabState::fresh(Mode::Token);
    let lab = lab_from(&state, locale, crate::client::now(), None);
    let board = lab_step::draw(lab, &state);
    let relay = lab_relay(locale, "token", &state);
    view! {
        <Title text=td_string!(locale, token.title)/>
        <header class="page-head">
            <p class="eyebrow">{td!(locale, token.eyebrow)}</p>
            <h1>{td!(locale, token.title)}</h1>
            <p class="lead">{td!(locale, token.lead, <code> = <code/>)}</p>
        </header>
        {board}
        {relay}
        <section class="flow" aria-labelledby="token-flow">
            <h2 id="token-flow">{td!(locale, token.flow.title)}</h2>
            <ol class="steps">
                <li>{td!(locale, token.flow.login, <strong> = <strong/>, <code> = <code/>)}</li>
                <li>{td!(locale, token.flow.sign, <strong> = <strong/>)}</li>
                <li>{td!(locale, token.flow.store, <strong> = <strong/>)}</li>
                <li>{td!(locale, token.flow.logout, <strong> = <strong/>)}</li>
            </ol>
        </section>
    }
    .into_any()
}
