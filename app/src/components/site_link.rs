//! A link to another page of the lab, always followed as a full page load.

use leptos::prelude::*;

use crate::lang;

/// Every page shows what the server knew about you when it rendered it (your session, the
/// benchmark figures), so links between pages are ordinary page loads: the browser runs no
/// router, only the islands. `to` is the page's unprefixed path; the link keeps the
/// reader's language.
#[component]
pub fn SiteLink(
    to: &'static str,
    #[prop(optional)] class: &'static str,
    /// `aria-current="page"` when this link is the page being shown.
    #[prop(optional)]
    current: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <a href=lang::href(lang::current(), to) class=class aria-current=current.then_some("page")>
            {children()}
        </a>
    }
}
