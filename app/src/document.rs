//! The HTML document and the routes. The server alone renders them; a page bundle holds
//! only the islands the page shows.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    ParamSegment, StaticSegment,
};

use crate::{
    components::{GuideSlot, IslandScripts, SiteFooter, SiteHeader},
    i18n,
    islands::HydrationMark,
    lang,
    pages::{
        ClusterPage, ComparePage, HomePage, InterviewIndexPage, InterviewRoute, NotFoundPage,
        SecurityPage, SessionPage, TokenPage,
    },
    IslandPage,
};

/// The page being rendered, if it holds islands.
fn island_page() -> Option<&'static IslandPage> {
    use_context::<http::request::Parts>().and_then(|parts| crate::island_page(parts.uri.path()))
}

/// The language of the page being rendered; on the server it is also announced in
/// `Content-Language`, with `Vary` naming what chose it at an unprefixed address.
fn page_locale() -> lang::Locale {
    let locale = use_context::<http::request::Parts>()
        .map(|parts| lang::of_request(&parts))
        .unwrap_or_default();
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        use http::{header, HeaderValue};
        response.insert_header(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(lang::tag(locale)),
        );
        response.insert_header(
            header::VARY,
            HeaderValue::from_static("Cookie, Accept-Language"),
        );
    }
    locale
}

/// The HTML document around the app; the server renders it for every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    crate::csp::provide_page_policy(&options);
    let page = island_page();
    let islands = page.is_some();
    let locale = page_locale();
    provide_context(locale);

    view! {
        <!DOCTYPE html>
        <html lang=lang::tag(locale)>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                {page.map(|page| view! { <IslandScripts options bundle=page.bundle/> })}
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
            <a class="skip-link" href="#main">{i18n::td!(lang::current(), common.skip_to_content)}</a>
            <SiteHeader/>
            <main id="main" tabindex="-1">
                <GuideSlot/>
                <Routes fallback=NotFoundPage>
                    <Route path=StaticSegment("") view=HomePage/>
                    <Route path=StaticSegment("session") view=SessionPage/>
                    <Route path=StaticSegment("token") view=TokenPage/>
                    <Route path=StaticSegment("compare") view=ComparePage/>
                    <Route path=StaticSegment("cluster") view=ClusterPage/>
                    <Route path=StaticSegment("security") view=SecurityPage/>
                    <Route path=StaticSegment("interview") view=InterviewIndexPage/>
                    <Route path=(StaticSegment("interview"), ParamSegment("slug")) view=InterviewRoute/>
                </Routes>
            </main>
            <SiteFooter/>
        </Router>
        {island_page().is_some().then(|| view! { <HydrationMark/> })}
    }
}
