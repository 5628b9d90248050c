//! Browser zone 2: localStorage. Shows the raw entry, the JWT's three parts in colour, and
//! the decoded header and payload, because anyone who can read it can decode it.

use leptos::prelude::*;

use crate::{
    client::{self, TOKEN_KEY},
    model::{present, Lab, Mode},
};

#[component]
pub fn LocalStoragePane(lab: Lab, mode: Mode) -> impl IntoView {
    let body = move || {
        if !lab.hydrated.get() {
            return view! { <p class="zone__state">"Checking browser storage…"</p> }.into_any();
        }
        let Some(token) = lab.token.get() else {
            let text = match mode {
                Mode::Session => "Session mode keeps nothing in localStorage.",
                Mode::Token => "No token in localStorage: log in to get one.",
            };
            return view! { <p class="zone__state">{text}</p> }.into_any();
        };
        let decoded = present::decode_jwt(&token);
        let raw = lab.raw_token_entry.get().unwrap_or_default();
        view! {
            <div class="zone__state" data-testid="stored-token">
                <p>"Key " <code>{TOKEN_KEY}</code> ", readable by any script on this page. Stored value (gloo-storage writes JSON, hence the quotes):"</p>
                {match decoded.clone() {
                    Some(jwt) => view! {
                        <p class="jwt" aria-label="Stored JWT">
                            "\""
                            <span class="jwt__header">{jwt.header_b64}</span>"."
                            <span class="jwt__payload">{jwt.payload_b64}</span>"."
                            <span class="jwt__signature">{jwt.signature_b64}</span>
                            "\""
                        </p>
                    }.into_any(),
                    None => view! { <p class="jwt"><code>{raw}</code></p> }.into_any(),
                }}
                {decoded.map(|jwt| {
                    let exp = jwt.claim_i64("exp");
                    let iat = jwt.claim_i64("iat");
                    view! {
                        <div class="decoded">
                            <p class="legend">
                                <span class="jwt__header">"header"</span> " · "
                                <span class="jwt__payload">"payload"</span> " · "
                                <span class="jwt__signature">"signature"</span>
                            </p>
                            <pre aria-label="Decoded header">{serde_json::to_string_pretty(&jwt.header).unwrap_or_default()}</pre>
                            <pre aria-label="Decoded payload">{serde_json::to_string_pretty(&jwt.payload).unwrap_or_default()}</pre>
                            <p>
                                {iat.map(|t| format!("Issued {} · ", client::local_time(t)))}
                                {exp.map(|t| format!("expires {}", client::local_time(t)))}
                                {move || exp.filter(|t| lab.now.get() >= *t).map(|_| view! {
                                    <span class="badge badge--bad">" expired"</span>
                                })}
                            </p>
                            <p class="note">"The payload is signed, not encrypted: anyone holding the token can read it, and edit it. The signature hides and locks nothing; it lets the server detect an edit, because an edited token no longer matches its signature and is refused."</p>
                        </div>
                    }
                })}
            </div>
        }
        .into_any()
    };
    view! {
        <section class="zone zone--storage" aria-labelledby=format!("{}-storage-title", mode.label())>
            <h3 id=format!("{}-storage-title", mode.label())>"Browser: localStorage"</h3>
            {body}
        </section>
    }
    .into_any()
}
