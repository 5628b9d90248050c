//! `/compare`: both modes side by side, driven by the same actions.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::lab::BenchFigures,
    i18n::{td, td_string},
    islands::CompareLab,
    lang,
};

#[component]
pub fn ComparePage() -> impl IntoView {
    let locale = lang::current();
    view! {
        <Title text=td_string!(locale, compare.title)/>
        <header class="page-head">
            <p class="eyebrow">{td!(locale, compare.eyebrow)}</p>
            <h1>{td!(locale, compare.heading)}</h1>
            <p class="lead">{td!(locale, compare.lead)}</p>
        </header>
        <CompareLab locale=crate::lang::current()/>
        <BenchFigures/>
    }
}
