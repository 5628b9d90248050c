//! The site header: the lab's name and the main navigation.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::SiteLink;

const PAGES: [(&str, &str); 4] = [
    ("/", "Home"),
    ("/session", "Session mode"),
    ("/token", "Token mode"),
    ("/compare", "Compare"),
];

/// Brand and primary navigation. The current page is marked `aria-current="page"`, which
/// the stylesheet uses for the active tab, so colour is not the only signal.
#[component]
pub fn SiteHeader() -> impl IntoView {
    // Links are full page loads, so the path is fixed for the life of this header.
    let path = use_location().pathname.get_untracked();
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <SiteLink href="/" class="brand">
                    // Drawn inline: an emoji depends on fonts the reader may not have.
                    <svg class="brand__mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
                        <rect width="32" height="32" rx="7" fill="var(--accent)"/>
                        <rect x="9" y="14" width="14" height="11" rx="2" fill="var(--on-accent)"/>
                        <path d="M11.5 14v-3a4.5 4.5 0 0 1 9 0v3" fill="none" stroke="var(--on-accent)" stroke-width="2.5"/>
                    </svg>
                    <span class="brand__name">"Auth Lab"</span>
                </SiteLink>
                <nav aria-label="Main">
                    <ul class="nav">
                        {PAGES
                            .into_iter()
                            .map(|(href, label)| {
                                view! { <li><SiteLink href current=path == href>{label}</SiteLink></li> }
                            })
                            .collect_view()}
                    </ul>
                </nav>
            </div>
        </header>
    }
}
