//! Auth Lab's user interface, rendered by the server (`ssr`). Only the islands in
//! [`islands`] are compiled for the browser (`hydrate`) and brought to life there.

pub mod api;
pub mod client;
mod components;
#[cfg(feature = "ssr")]
mod csp;
pub mod islands;
pub mod model;
mod pages;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    StaticSegment,
};

use components::{SiteFooter, SiteHeader};
use islands::HydrationMark;
use pages::{ComparePage, HomePage, NotFoundPage, SessionPage, TokenPage};

/// The name cargo-leptos gives the generated `pkg/<name>.{js,wasm,css}` files.
pub const OUTPUT_NAME: &str = "auth-lab";

/// The pages that hold an island. Every other page is complete as the server sends it, so
/// it loads no JavaScript and no wasm at all.
pub const ISLAND_PAGES: [&str; 3] = ["/session", "/token", "/compare"];

/// Whether the page being rendered holds an island (always true in the browser, which only
/// ever runs islands).
fn page_has_islands() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .is_some_and(|parts| ISLAND_PAGES.contains(&parts.uri.path()))
    }
    #[cfg(not(feature = "ssr"))]
    {
        true
    }
}

/// The HTML document around the app; the server renders it for every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    csp::provide_page_policy(&options);
    let islands = page_has_islands();

    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                {islands.then(|| view! { <HydrationScripts options islands=true/> })}
                <MetaTags/>
            </head>
            // A page without islands has nothing to hydrate: the server marks it ready.
            <body data-hydrated=(!islands).then_some("true")>
                <App/>
            </body>
        </html>
    }
}

/// The root component: layout, routes and the hydration marker. It runs on the server
/// only; links between pages are full page loads.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();

    view! {
        <Title formatter=|page: String| {
            if page.is_empty() { "Auth Lab".to_string() } else { format!("{page} · Auth Lab") }
        }/>
        <Router>
            // The browser's own fragment navigation moves keyboard focus into <main>.
            <a class="skip-link" href="#main">"Skip to content"</a>
            <SiteHeader/>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=StaticSegment("") view=HomePage/>
                    <Route path=StaticSegment("session") view=SessionPage/>
                    <Route path=StaticSegment("token") view=TokenPage/>
                    <Route path=StaticSegment("compare") view=ComparePage/>
                </Routes>
            </main>
            <SiteFooter/>
        </Router>
        {page_has_islands().then(|| view! { <HydrationMark/> })}
    }
}
