//! The site header: the lab's name, the main navigation and the language switch.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::{LanguageSwitch, SiteLink};
use crate::{i18n::td_string, lang};

/// Brand and primary navigation. The current page is marked `aria-current="page"`, which
/// the stylesheet uses for the active tab, so colour is not the only signal.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let locale = lang::current();
    // Links are full page loads, so the path is fixed for the life of this header. The
    // server removed any language prefix before routing.
    let path = use_location().pathname.get_untracked();
    let pages = [
        ("/", td_string!(locale, common.nav.home)),
        ("/session", td_string!(locale, common.nav.session)),
        ("/token", td_string!(locale, common.nav.token)),
        ("/compare", td_string!(locale, common.nav.compare)),
        ("/cluster", td_string!(locale, common.nav.cluster)),
        ("/security", td_string!(locale, common.nav.security)),
        ("/interview", td_string!(locale, common.nav.interview)),
    ];
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <SiteLink to="/" class="brand">
                    // Drawn inline: an emoji depends on fonts the reader may not have.
                    <svg class="brand__mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
                        <rect width="32" height="32" rx="7" fill="var(--accent)"/>
                        <rect x="9" y="14" width="14" height="11" rx="2" fill="var(--on-accent)"/>
                        <path d="M11.5 14v-3a4.5 4.5 0 0 1 9 0v3" fill="none" stroke="var(--on-accent)" stroke-width="2.5"/>
                    </svg>
                    <span class="brand__name">"Auth Lab"</span>
                </SiteLink>
                <nav aria-label=td_string!(locale, common.nav.label)>
                    <ul class="nav">
                        {pages
                            .into_iter()
                            .map(|(to, label)| {
                                view! { <li><SiteLink to current=path == to>{label}</SiteLink></li> }
                            })
                            .collect_view()}
                    </ul>
                </nav>
                <LanguageSwitch locale path/>
            </div>
        </header>
    }
}
