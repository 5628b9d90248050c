//! The site footer.

use leptos::prelude::*;

#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>
                "Auth Lab runs a real server on your machine. Everything it shows about the server \
                 comes from that server's own answers."
            </p>
        </footer>
    }
}
