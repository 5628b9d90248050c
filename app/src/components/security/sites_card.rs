//! Where the lab and the attacker live, and why they are two sites.

use std::sync::Arc;

use leptos::{either::EitherOf3, prelude::*};

use super::Board;
use crate::{i18n::td, lang};

#[component]
pub fn SitesCard(board: Arc<Board>) -> impl IntoView {
    let locale = lang::current();
    let site = &board.site;
    let place = match (&site.origin, site.same_site) {
        (Some(origin), false) => EitherOf3::A(view! {
            <dl class="security-sites">
                <dt>{td!(locale, security.sites.lab)}</dt>
                <dd><code data-testid="lab-origin">{site.lab_origin.clone()}</code></dd>
                <dt>{td!(locale, security.sites.attacker)}</dt>
                <dd><code data-testid="attacker-origin">{origin.clone()}</code></dd>
            </dl>
        }),
        (Some(_), true) => EitherOf3::B(view! {
            <p class="banner banner--warning">{td!(locale, security.sites.same_site)}</p>
        }),
        (None, _) => EitherOf3::C(view! {
            <p class="banner banner--warning" data-testid="no-attacker">{td!(locale, security.sites.off)}</p>
        }),
    };
    view! {
        <section class="card security-card" aria-labelledby="sites-title" data-testid="sites"
            id="security-sites" data-relay-region="">
            <h2 id="sites-title">{td!(locale, security.sites.title)}</h2>
            <p>{td!(locale, security.sites.rule)}</p>
            {place}
        </section>
    }
    .into_any()
}
