//! `/session`: login state kept on the server, referenced by an HttpOnly cookie.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{components::lab::page_session, islands::SessionLab};

#[component]
pub fn SessionPage() -> impl IntoView {
    // What the server found for your cookie as it rendered, and what the no-JS forms
    // redirected back with: the island starts from these.
    let query = use_query_map().get_untracked();
    let form_error = query.get("error");
    let logged_out = query.get("logged_out").is_some();

    view! {
        <Title text="Session mode"/>
        <header class="page-head">
            <p class="eyebrow">"Stateful server, stateless protocol"</p>
            <h1>"Session mode"</h1>
            <p class="lead">
                "The server remembers who you are. Your browser only carries a random ID in a \
                 cookie, and page scripts cannot read that cookie."
            </p>
        </header>
        <SessionLab page=page_session() form_error logged_out/>
        <section class="flow" aria-labelledby="session-flow">
            <h2 id="session-flow">"The round trip"</h2>
            <ol class="steps">
                <li><strong>"Log in. "</strong>"The page posts your username and password to "<code>"/api/session/login"</code>"."</li>
                <li><strong>"The server writes a record. "</strong>"It stores who you are under a fresh random ID and answers with "<code>"Set-Cookie"</code>" marked "<code>"HttpOnly"</code>"."</li>
                <li><strong>"The browser sends it back. "</strong>"Requests to this host carry a "<code>"Cookie"</code>" header (the cookie's "<code>"Path=/"</code>" matches every path here; "<code>"SameSite=Lax"</code>" keeps it off requests that other sites start, except top-level GET navigations such as a link), and the server looks the ID up in its store."</li>
                <li><strong>"Log out. "</strong>"The server deletes the record. A copy of the old cookie is now worthless."</li>
            </ol>
        </section>
    }
    .into_any()
}
