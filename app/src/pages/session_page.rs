//! `/session`: login state kept on the server, referenced by an HttpOnly cookie.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    components::lab::{lab_relay, page_session},
    i18n::{td, td_string},
    lab_step, lang,
    model::lab_relay::{first_state, PageCard},
};

#[component]
pub fn SessionPage() -> impl IntoView {
    let locale = lang::current();
    // What the server found for your cookie as it rendered, and what the no-JS forms
    // redirected back with: the board starts from these. The relay then draws it again
    // with what only the browser knows, and after every step.
    let query = use_query_map().get_untracked();
    let page = page_session();
    let card = PageCard {
        view: page.clone(),
        form_error: query.get("error"),
        logged_out: query.get("logged_out").is_some(),
    };
    let (lab, state) = first_state(page.as_ref(), card);
    let board = lab_step::draw(lab, &state);
    let relay = lab_relay(locale, "session", &state);

    view! {
        <Title text=td_string!(locale, session.title)/>
        <header class="page-head">
            <p class="eyebrow">{td!(locale, session.eyebrow)}</p>
            <h1>{td!(locale, session.title)}</h1>
            <p class="lead">{td!(locale, session.lead)}</p>
        </header>
        {board}
        {relay}
        <section class="flow" aria-labelledby="session-flow">
            <h2 id="session-flow">{td!(locale, session.flow.title)}</h2>
            <ol class="steps">
                <li>{td!(locale, session.flow.login, <strong> = <strong/>, <code> = <code/>)}</li>
                <li>{td!(locale, session.flow.record, <strong> = <strong/>, <code> = <code/>)}</li>
                <li>{td!(locale, session.flow.send_back, <strong> = <strong/>, <code> = <code/>)}</li>
                <li>{td!(locale, session.flow.logout, <strong> = <strong/>)}</li>
            </ol>
        </section>
    }
    .into_any()
}
