//! Server zone: the rows the server really keeps, read from `/api/inspect/store`.

use leptos::prelude::*;

use crate::model::{present, Lab, Mode};

#[component]
pub fn ServerStorePane(lab: Lab, mode: Mode) -> impl IntoView {
    let body = move || {
        let Some(store) = lab.store.get() else {
            return view! { <p class="zone__state">"Asking the server what it keeps…"</p> }
                .into_any();
        };
        let now = lab.now.get();
        let summary = format!(
            "{} in the {} store, {} in all",
            match store.count {
                1 => "1 session".to_owned(),
                n => format!("{n} sessions"),
            },
            store.backend,
            present::bytes(store.total_bytes)
        );
        // Which rows are this page's: the server named their hints in its traces.
        let mine = lab.my_hints.get();
        let (my_session_bytes, my_denied_bytes) = present::kept_for_you(&store, &mine);
        let kept = my_session_bytes + my_denied_bytes;
        let has_token = lab.token.get().is_some() || lab.kept_token.get().is_some();
        let why = match (mode, my_session_bytes, my_denied_bytes) {
            (Mode::Token, 0, 0) if !has_token => {
                "you have no token yet, and the server keeps no record for one."
            }
            (Mode::Token, 0, 0) => {
                "the server keeps no record of your token. It only checks each request's token ID against its deny-list, where yours is not."
            }
            (Mode::Token, _, _) => "your revoked token's ID, on the deny-list until it expires.",
            (Mode::Session, 0, _) => "no session record is yours right now.",
            (Mode::Session, _, _) => "your session record.",
        };
        let token_note = view! {
            <p class="zone__emphasis" data-testid="kept-for-you">
                {format!("Kept for you: {} — {why}", present::bytes(kept))}
            </p>
        };
        view! {
            <div class="zone__state">
                {token_note}
                <p data-testid="store-summary">{summary}</p>
                {(!store.sessions.is_empty()).then(|| view! {
                    <ul class="store-rows" aria-label="Session store rows">
                        {store.sessions.iter().map(|row| {
                            let idle_over = now >= row.idle_expires_at;
                            let yours = mine.contains(&row.id_hint);
                            view! {
                                <li class="store-row" class:expired=idle_over class:store-row--yours=yours
                                    data-testid=if yours { "my-store-row" } else { "store-row" }>
                                    <p class="store-row__head">
                                        {yours.then(|| view! { <span class="badge">"yours"</span> " " })}
                                        <strong>{row.username.clone()}</strong>
                                        " · ID hint " <code>{row.id_hint.clone()}</code>
                                        " · " {present::bytes(row.bytes)}
                                    </p>
                                    <p>
                                        "Idle expiry " {lab.clock_time(row.idle_expires_at)} " "
                                        {if idle_over { "(passed: the server deletes it on its next use)".to_owned() } else { format!("({})", present::countdown(row.idle_expires_at, now)) }}
                                    </p>
                                    <p>"Absolute expiry " {lab.clock_time(row.absolute_expires_at)}</p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })}
                {(!store.denylist.is_empty()).then(|| view! {
                    <p>"Deny-list (revoked token IDs, kept until each token's exp):"</p>
                    <ul class="denylist">
                        {store.denylist.iter().map(|row| {
                            let yours = mine.contains(&row.jti_hint);
                            view! {
                                <li data-testid=if yours { "my-denylist-row" } else { "denylist-row" }>
                                    {yours.then(|| view! { <span class="badge">"yours"</span> " " })}
                                    <code>{row.jti_hint.clone()}</code> " until " {lab.clock_time(row.expires_at)}
                                    " · " {present::bytes(row.bytes)}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })}
            </div>
        }
        .into_any()
    };
    view! {
        <section class="zone zone--server" aria-labelledby=format!("{}-server-title", mode.label())>
            <h3 id=format!("{}-server-title", mode.label())>"Server: session store"</h3>
            {body}
        </section>
    }
    .into_any()
}
