//! The page for any path the router does not know; it answers with HTTP 404.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::SiteLink;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }

    view! {
        <Title text="Page not found"/>
        <section class="page-head not-found">
            <p class="eyebrow">"404"</p>
            <h1>"Page not found"</h1>
            <p class="lead">"Nothing lives at this address, not even a session."</p>
            <SiteLink to="/" class="button">"Back to the lab"</SiteLink>
        </section>
    }
}
