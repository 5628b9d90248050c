//! `/`: what the lab is and where to start.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::SiteLink,
    i18n::{td, td_string},
    lang,
};

#[component]
pub fn HomePage() -> impl IntoView {
    let locale = lang::current();
    view! {
        <Title text=""/>
        <section class="hero" aria-labelledby="home-title">
            <p class="eyebrow">{td!(locale, home.eyebrow)}</p>
            <h1 id="home-title">{td!(locale, home.title)}</h1>
            <p class="lead">{td!(locale, home.lead)}</p>
        </section>

        <section class="cards" aria-label=td_string!(locale, home.cards.label)>
            <article class="card">
                <h2>{td!(locale, home.cards.session.title)}</h2>
                <p>{td!(locale, home.cards.session.text)}</p>
                <SiteLink to="/session" class="button">{td!(locale, home.cards.session.open)}</SiteLink>
            </article>
            <article class="card">
                <h2>{td!(locale, home.cards.token.title)}</h2>
                <p>{td!(locale, home.cards.token.text)}</p>
                <SiteLink to="/token" class="button">{td!(locale, home.cards.token.open)}</SiteLink>
            </article>
            <article class="card">
                <h2>{td!(locale, home.cards.compare.title)}</h2>
                <p>{td!(locale, home.cards.compare.text)}</p>
                <SiteLink to="/compare" class="button">{td!(locale, home.cards.compare.open)}</SiteLink>
            </article>
        </section>

        <section class="zones" aria-labelledby="zones-title">
            <h2 id="zones-title">{td!(locale, home.zones.title)}</h2>
            <dl class="zone-list">
                <div class="zone">
                    <dt>{td!(locale, home.zones.cookie_jar.term)}</dt>
                    <dd>{td!(locale, home.zones.cookie_jar.text)}</dd>
                </div>
                <div class="zone">
                    <dt>{td!(locale, home.zones.local_storage.term)}</dt>
                    <dd>{td!(locale, home.zones.local_storage.text)}</dd>
                </div>
                <div class="zone">
                    <dt>{td!(locale, home.zones.server_store.term)}</dt>
                    <dd>{td!(locale, home.zones.server_store.text)}</dd>
                </div>
            </dl>
        </section>
    }
}
