//! The page for any path the router does not know; it answers with HTTP 404.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::SiteLink,
    i18n::{td, td_string},
    lang,
};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let locale = lang::current();

    view! {
        <Title text=td_string!(locale, common.not_found.title)/>
        <section class="page-head not-found">
            <p class="eyebrow">"404"</p>
            <h1>{td!(locale, common.not_found.title)}</h1>
            <p class="lead">{td!(locale, common.not_found.lead)}</p>
            <SiteLink to="/" class="button">{td!(locale, common.not_found.back)}</SiteLink>
        </section>
    }
}
