//! Where the lab and the attacker live, and why they are two sites.

use leptos::{either::Either, prelude::*};

use crate::{components::ServerErased, i18n::td, lang, model::security_lab::SecurityLab};

#[component]
pub fn SitesCard(lab: SecurityLab) -> impl IntoView {
    let locale = lang::current();
    view! {
        <section class="card security-card" aria-labelledby="sites-title" data-testid="sites">
            <h2 id="sites-title">{td!(locale, security.sites.title)}</h2>
            <p>{td!(locale, security.sites.rule)}</p>
            {move || lab.site.get().map(|site| {
                match (&site.origin, site.same_site) {
                    (Some(origin), false) => Either::Left(view! {
                        <dl class="security-sites">
                            <dt>{td!(locale, security.sites.lab)}</dt>
                            <dd><code data-testid="lab-origin">{site.lab_origin.clone()}</code></dd>
                            <dt>{td!(locale, security.sites.attacker)}</dt>
                            <dd><code data-testid="attacker-origin">{origin.clone()}</code></dd>
                        </dl>
                    }),
                    (Some(_), true) => Either::Right(Either::Left(view! {
                        <p class="banner banner--warning">{td!(locale, security.sites.same_site)}</p>
                    })),
                    (None, _) => Either::Right(Either::Right(view! {
                        <p class="banner banner--warning" data-testid="no-attacker">{td!(locale, security.sites.off)}</p>
                    })),
                }
            })}
        </section>
    }
    .server_erased()
}
