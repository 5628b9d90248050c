//! `/token`: login state kept in the browser as a signed JWT.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::islands::TokenLab;

#[component]
pub fn TokenPage() -> impl IntoView {
    view! {
        <Title text="Token mode"/>
        <header class="page-head">
            <p class="eyebrow">"No session record, self-contained credential"</p>
            <h1>"Token mode"</h1>
            <p class="lead">
                "The server signs a token and keeps no record of your login. The page keeps the \
                 token in localStorage and sends it in an "<code>"Authorization: Bearer"</code>" \
                 header; the server checks the signature and the claims, and the token's ID \
                 against its deny-list, on every request."
            </p>
        </header>
        <TokenLab locale=crate::lang::current()/>
        <section class="flow" aria-labelledby="token-flow">
            <h2 id="token-flow">"The round trip"</h2>
            <ol class="steps">
                <li><strong>"Log in. "</strong>"The page posts your username and password to "<code>"/api/token/login"</code>"."</li>
                <li><strong>"The server signs a JWT. "</strong>"Your name, role and expiry go into the payload, signed with HS256. No session record is written to the store."</li>
                <li><strong>"The page stores it. "</strong>"The token goes into localStorage, where any script on this page can read it."</li>
                <li><strong>"Log out. "</strong>"The page deletes its copy, but any copy of the token stays valid until it expires, unless the logout also puts its ID on the server's deny-list."</li>
            </ol>
        </section>
    }
    .into_any()
}
