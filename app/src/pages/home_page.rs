//! `/`: what the lab is and where to start.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::SiteLink;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text=""/>
        <section class="hero" aria-labelledby="home-title">
            <p class="eyebrow">"Cookie sessions vs tokens in localStorage"</p>
            <h1 id="home-title">"See where your login actually lives."</h1>
            <p class="lead">
                "Auth Lab logs you in two ways against one real server: with a session the server \
                 remembers behind an HttpOnly cookie, and with a signed token that the page keeps \
                 in localStorage. "
                "Each page shows where that login state sits (cookie jar, localStorage, server \
                 store) and what the server really did on every request, logout and expiry."
            </p>
        </section>

        <section class="cards" aria-label="Modes">
            <article class="card">
                <h2>"Session mode"</h2>
                <p>
                    "The server keeps the state; the browser holds only an ID it cannot read \
                     from script."
                </p>
                <SiteLink to="/session" class="button">"Open session mode"</SiteLink>
            </article>
            <article class="card">
                <h2>"Token mode"</h2>
                <p>
                    "The browser keeps a signed JWT and sends it as a bearer header; the server \
                     keeps no record of the login, only a deny-list of revoked token IDs."
                </p>
                <SiteLink to="/token" class="button">"Open token mode"</SiteLink>
            </article>
            <article class="card">
                <h2>"Compare both"</h2>
                <p>
                    "One set of buttons drives both modes at once, and a table lines up what \
                     really differs."
                </p>
                <SiteLink to="/compare" class="button">"Open the comparison"</SiteLink>
            </article>
        </section>

        <section class="zones" aria-labelledby="zones-title">
            <h2 id="zones-title">"Three places state can live"</h2>
            <dl class="zone-list">
                <div class="zone">
                    <dt>"Browser: cookie jar"</dt>
                    <dd>"Sent by the browser itself with each request to the cookie's host and path; SameSite holds it back from most requests that other sites start. HttpOnly hides it from scripts, but a script on the page can still send requests that carry it."</dd>
                </div>
                <div class="zone">
                    <dt>"Browser: localStorage"</dt>
                    <dd>"Kept until deleted, readable by any script on the page, sent only when a script sends it."</dd>
                </div>
                <div class="zone">
                    <dt>"Server: session store"</dt>
                    <dd>"Memory or Redis on the server: session records, and the deny-list of revoked token IDs. Delete a session's row and that login ends for every copy of its cookie."</dd>
                </div>
            </dl>
        </section>
    }
}
