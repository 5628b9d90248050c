//! `/compare`: both modes side by side, driven by the same actions.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::lab::{lab_relay, BenchFigures},
    i18n::{td, td_string},
    lab_step, lang,
    model::lab_relay::{lab_from, CompareState},
};

#[component]
pub fn ComparePage() -> impl IntoView {
    let locale = lang::current();
    // Drawn as a fresh page; the relay draws it again at once with what the browser holds.
    let state = CompareState::fresh();
    let now = crate::client::now();
    let session = lab_from(&state.session, locale, now, None);
    let token = lab_from(&state.token, locale, now, None);
    let board = lab_step::draw_compare(session, token);
    let relay = lab_relay(locale, "compare", &state);
    view! {
        <Title text=td_string!(locale, compare.title)/>
        <header class="page-head">
            <p class="eyebrow">{td!(locale, compare.eyebrow)}</p>
            <h1>{td!(locale, compare.heading)}</h1>
            <p class="lead">{td!(locale, compare.lead)}</p>
        </header>
        {board}
        {relay}
        <BenchFigures/>
    }
}
