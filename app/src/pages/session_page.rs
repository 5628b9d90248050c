//! `/session`: login state kept on the server, referenced by an HttpOnly cookie.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::lab::{LabWorkbench, PageSessionCard, SessionActions},
    lab::{start_in_browser, Lab, Mode},
};

#[component]
pub fn SessionPage() -> impl IntoView {
    let lab = Lab::new();
    start_in_browser(lab);
    let mode = Mode::Session;

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
        <LabWorkbench lab mode>
            <PageSessionCard lab/>
            <SessionActions lab/>
        </LabWorkbench>
        <section class="flow" aria-labelledby="session-flow">
            <h2 id="session-flow">"The round trip"</h2>
            <ol class="steps">
                <li><strong>"Log in. "</strong>"The page posts your username and password to "<code>"/api/session/login"</code>"."</li>
                <li><strong>"The server writes a record. "</strong>"It stores who you are under a fresh random ID and answers with "<code>"Set-Cookie"</code>" marked "<code>"HttpOnly"</code>"."</li>
                <li><strong>"The browser sends it back. "</strong>"Every later request carries a "<code>"Cookie"</code>" header, and the server looks the ID up in its store."</li>
                <li><strong>"Log out. "</strong>"The server deletes the record. A copy of the old cookie is now worthless."</li>
            </ol>
        </section>
    }
    .into_any()
}
