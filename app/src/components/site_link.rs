//! A link to another page of the lab, always followed as a full page load.

use leptos::prelude::*;

/// Every page shows what the server knew about you when it rendered it (your session, the
/// benchmark figures). A client-side route change would skip that render and show an empty
/// page instead, so links between pages are ordinary loads: `rel="external"` is what keeps
/// the router's click handler away from them.
#[component]
pub fn SiteLink(
    href: &'static str,
    #[prop(optional)] class: &'static str,
    /// `aria-current="page"` when this link is the page being shown.
    #[prop(optional)]
    current: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <a href=href class=class rel="external" aria-current=current.then_some("page")>
            {children()}
        </a>
    }
}
