//! Browser zone 2: localStorage. Shows the raw entry, the JWT's three parts in colour, and
//! the decoded header and payload, because anyone who can read it can decode it.

use leptos::{
    either::{Either, EitherOf3},
    prelude::*,
};

use crate::{
    client::TOKEN_KEY,
    components::ServerErased,
    i18n::{td, td_string},
    lang,
    model::{present, Lab, Mode},
};

#[component]
pub fn LocalStoragePane(lab: Lab, mode: Mode) -> impl IntoView {
    let locale = lang::current();
    let body = move || {
        if !lab.hydrated.get() {
            return EitherOf3::A(
                view! { <p class="zone__state">{td!(locale, panes.storage.checking)}</p> }
                    .server_erased(),
            );
        }
        let Some(token) = lab.token.get() else {
            let text = match mode {
                Mode::Session => td_string!(locale, panes.storage.session_mode),
                Mode::Token => td_string!(locale, panes.storage.no_token),
            };
            return EitherOf3::B(view! { <p class="zone__state">{text}</p> }.server_erased());
        };
        let decoded = present::decode_jwt(&token);
        let raw = lab.raw_token_entry.get().unwrap_or_default();
        EitherOf3::C(view! {
            <div class="zone__state" data-testid="stored-token">
                <p>{td!(locale, panes.storage.key_line, key = TOKEN_KEY, <code> = <code/>)}</p>
                {match decoded.clone() {
                    Some(jwt) => Either::Left(view! {
                        <p class="jwt" aria-label=td_string!(locale, panes.storage.stored_jwt_label)>
                            "\""
                            <span class="jwt__header">{jwt.header_b64}</span>"."
                            <span class="jwt__payload">{jwt.payload_b64}</span>"."
                            <span class="jwt__signature">{jwt.signature_b64}</span>
                            "\""
                        </p>
                    }.server_erased()),
                    None => Either::Right(view! { <p class="jwt"><code>{raw}</code></p> }.server_erased()),
                }}
                {decoded.map(|jwt| {
                    let exp = jwt.claim_i64("exp");
                    let iat = jwt.claim_i64("iat");
                    view! {
                        <div class="decoded">
                            <p class="legend">
                                <span class="jwt__header">{td!(locale, panes.storage.part.header)}</span> " · "
                                <span class="jwt__payload">{td!(locale, panes.storage.part.payload)}</span> " · "
                                <span class="jwt__signature">{td!(locale, panes.storage.part.signature)}</span>
                            </p>
                            <pre aria-label=td_string!(locale, panes.storage.decoded_header_label)>{serde_json::to_string_pretty(&jwt.header).unwrap_or_default()}</pre>
                            <pre aria-label=td_string!(locale, panes.storage.decoded_payload_label)>{serde_json::to_string_pretty(&jwt.payload).unwrap_or_default()}</pre>
                            <p>
                                {iat.map(|t| format!("{} · ", td_string!(locale, panes.storage.issued, time = lab.clock_time(t))))}
                                {exp.map(|t| td_string!(locale, panes.storage.expires, time = lab.clock_time(t)).to_string())}
                                {move || exp.filter(|t| lab.now.get() >= *t).map(|_| view! {
                                    <span class="badge badge--bad">" " {td!(locale, panes.storage.expired)}</span>
                                })}
                            </p>
                            <p class="note">{td!(locale, panes.storage.signed_not_encrypted)}</p>
                        </div>
                    }
                })}
            </div>
        }.server_erased())
    };
    view! {
        <section class="zone zone--storage" aria-labelledby=format!("{}-storage-title", mode.label())>
            <h3 id=format!("{}-storage-title", mode.label())>{td!(locale, panes.zones.local_storage)}</h3>
            {body}
        </section>
    }
    .server_erased()
}
