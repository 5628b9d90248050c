//! `/security`: the classic attacks, run against this server from a second site.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    i18n::{td, td_string},
    islands::SecurityLab,
    lang,
};

#[component]
pub fn SecurityPage() -> impl IntoView {
    let locale = lang::current();
    view! {
        <Title text=td_string!(locale, security.title)/>
        <header class="page-head">
            <h1>{td!(locale, security.title)}</h1>
            <p class="lead">{td!(locale, security.lede)}</p>
        </header>
        <SecurityLab locale/>
    }
    .into_any()
}
