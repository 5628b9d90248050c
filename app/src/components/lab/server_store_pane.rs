//! Server zone: the rows the server really keeps, read from `/api/inspect/store`.

use leptos::{either::Either, prelude::*};

use crate::{
    components::ServerErased,
    i18n::{td, td_string},
    lang,
    model::{present, Lab, Mode},
};

#[component]
pub fn ServerStorePane(lab: Lab, mode: Mode) -> impl IntoView {
    let locale = lang::current();
    let body = move || {
        let Some(store) = lab.store.get() else {
            return Either::Left(
                view! { <p class="zone__state">{td!(locale, panes.store.asking)}</p> }
                    .server_erased(),
            );
        };
        let now = lab.now.get();
        let total = present::bytes(locale, store.total_bytes);
        let summary = match store.count {
            1 => td_string!(
                locale,
                panes.store.summary_one,
                backend = &store.backend,
                bytes = &total
            )
            .to_string(),
            count => td_string!(
                locale,
                panes.store.summary_many,
                count = count,
                backend = &store.backend,
                bytes = &total
            )
            .to_string(),
        };
        // Which rows are this page's: the server named their hints in its traces.
        let mine = lab.my_hints.get();
        let (my_session_bytes, my_denied_bytes) = present::kept_for_you(&store, &mine);
        let kept = my_session_bytes + my_denied_bytes;
        let has_token = lab.token.get().is_some() || lab.kept_token.get().is_some();
        let why = match (mode, my_session_bytes, my_denied_bytes) {
            (Mode::Token, 0, 0) if !has_token => td_string!(locale, panes.store.why.no_token),
            (Mode::Token, 0, 0) => td_string!(locale, panes.store.why.token_not_kept),
            (Mode::Token, _, _) => td_string!(locale, panes.store.why.token_revoked),
            (Mode::Session, 0, _) => td_string!(locale, panes.store.why.no_session),
            (Mode::Session, _, _) => td_string!(locale, panes.store.why.session),
        };
        let token_note = view! {
            <p class="zone__emphasis" data-testid="kept-for-you">
                {td_string!(locale, panes.store.kept_for_you, bytes = present::bytes(locale, kept), why = why).to_string()}
            </p>
        };
        Either::Right(view! {
            <div class="zone__state">
                {token_note}
                <p data-testid="store-summary">{summary}</p>
                {(!store.sessions.is_empty()).then(|| view! {
                    <ul class="store-rows" aria-label=td_string!(locale, panes.store.rows_label)>
                        {store.sessions.iter().map(|row| {
                            let words = super::countdown_words(locale);
                            let ticks = words.is_some().then_some(row.idle_expires_at);
                            let idle_over = now >= row.idle_expires_at;
                            let yours = mine.contains(&row.id_hint);
                            view! {
                                <li class="store-row" class:expired=idle_over class:store-row--yours=yours
                                    data-testid=if yours { "my-store-row" } else { "store-row" }>
                                    <p class="store-row__head">
                                        {yours.then(|| view! { <span class="badge">{td!(locale, panes.store.yours)}</span> " " })}
                                        <strong>{row.username.clone()}</strong>
                                        " · " {td!(locale, panes.store.id_hint)} " " <code>{row.id_hint.clone()}</code>
                                        " · " {present::bytes(locale, row.bytes)}
                                    </p>
                                    <p data-countdown-to=ticks.filter(|_| !idle_over).map(|t| t.to_string())
                                        data-countdown-words=words>
                                        {td!(locale, panes.store.idle_expiry)} " " {lab.clock_time(row.idle_expires_at)} " "
                                        {if idle_over {
                                            Either::Left(td_string!(locale, panes.store.idle_passed))
                                        } else {
                                            Either::Right(view! {
                                                "(" <span data-countdown-text="">{present::countdown(locale, row.idle_expires_at, now)}</span> ")"
                                            })
                                        }}
                                    </p>
                                    <p>{td!(locale, panes.store.absolute_expiry)} " " {lab.clock_time(row.absolute_expires_at)}</p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })}
                {(!store.denylist.is_empty()).then(|| view! {
                    <p>{td!(locale, panes.store.denylist_title)}</p>
                    <ul class="denylist">
                        {store.denylist.iter().map(|row| {
                            let yours = mine.contains(&row.jti_hint);
                            view! {
                                <li data-testid=if yours { "my-denylist-row" } else { "denylist-row" }>
                                    {yours.then(|| view! { <span class="badge">{td!(locale, panes.store.yours)}</span> " " })}
                                    <code>{row.jti_hint.clone()}</code> " "
                                    {td_string!(locale, panes.store.until, time = lab.clock_time(row.expires_at)).to_string()}
                                    " · " {present::bytes(locale, row.bytes)}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })}
            </div>
        }.server_erased())
    };
    view! {
        <section class="zone zone--server" aria-labelledby=format!("{}-server-title", mode.label())>
            <h3 id=format!("{}-server-title", mode.label())>{td!(locale, panes.zones.server_store)}</h3>
            {body}
        </section>
    }
    .server_erased()
}
