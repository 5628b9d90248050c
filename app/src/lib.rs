//! Auth Lab's user interface: one component tree, rendered on the server (`ssr`) and
//! hydrated in the browser (`hydrate`).

pub mod api;
pub mod client;
mod components;
#[cfg(feature = "ssr")]
mod csp;
pub mod model;
mod pages;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    SsrMode, StaticSegment,
};

use components::{SiteFooter, SiteHeader};
use pages::{ComparePage, HomePage, NotFoundPage, SessionPage, TokenPage};

/// The name cargo-leptos gives the generated `pkg/<name>.{js,wasm,css}` files.
pub const OUTPUT_NAME: &str = "auth-lab";

/// The HTML document around the app; the server renders it for every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    csp::provide_page_policy(&options);

    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The root component: layout, routes and the hydration marker.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    mark_hydrated();

    view! {
        <Stylesheet id="leptos" href=format!("/pkg/{OUTPUT_NAME}.css")/>
        <Title formatter=|page: String| {
            if page.is_empty() { "Auth Lab".to_string() } else { format!("{page} · Auth Lab") }
        }/>
        <Router>
            // rel="external" keeps the router's click handler away, so the browser's own
            // fragment navigation moves keyboard focus into <main>.
            <a class="skip-link" href="#main" rel="external">"Skip to content"</a>
            <SiteHeader/>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=StaticSegment("") view=HomePage/>
                    // In order: the server's view of your session is in the HTML itself, so
                    // the page works without JavaScript.
                    <Route path=StaticSegment("session") view=SessionPage ssr=SsrMode::InOrder/>
                    <Route path=StaticSegment("token") view=TokenPage/>
                    // In order too: the benchmark figures are in the HTML itself.
                    <Route path=StaticSegment("compare") view=ComparePage ssr=SsrMode::InOrder/>
                </Routes>
            </main>
            <SiteFooter/>
        </Router>
    }
}

/// Sets `data-hydrated="true"` on `<body>` once the wasm has taken over the page.
/// Effects never run during server rendering, so the attribute is absent from the SSR HTML
/// and tests can wait for it as proof that hydration finished.
fn mark_hydrated() {
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            // Setting a plain attribute on <body> cannot fail in a real browser.
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
