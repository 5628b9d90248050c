//! The weak-key lesson: a token signed with a word from a public list is cracked offline
//! in this page; the same list against this server's own token finds nothing.

use leptos::{prelude::*, task::spawn_local};

use crate::{
    client,
    components::ServerErased,
    i18n::{td, td_string, Locale},
    lang,
    model::{security_lab::SecurityLab, tamper::Crack},
};

fn said(locale: Locale, crack: &Crack) -> String {
    match crack {
        Crack::Found { word, tries } => td_string!(
            locale,
            security.weak.found,
            tries = *tries,
            word = word.clone()
        )
        .to_string(),
        Crack::NotFound { tries } => {
            td_string!(locale, security.weak.not_found, tries = *tries).to_string()
        }
        Crack::Unavailable => td_string!(locale, security.weak.unavailable).to_string(),
    }
}

#[component]
pub fn WeakKeyRun(lab: SecurityLab) -> impl IntoView {
    let locale = lang::current();
    let busy = RwSignal::new(false);
    let weak = RwSignal::new(None::<Crack>);
    let mine = RwSignal::new(None::<Crack>);
    let idle = move || !lab.hydrated.get() || busy.get();
    let crack_weak = move |_| {
        busy.set(true);
        spawn_local(async move {
            let result = match lab.weak_token().await {
                Some(token) => lab.crack(token).await,
                None => Crack::Unavailable,
            };
            weak.set(Some(result));
            busy.set(false);
        });
    };
    let crack_mine = move |_| {
        busy.set(true);
        spawn_local(async move {
            let result = match client::load_token() {
                Some(token) => lab.crack(token).await,
                None => Crack::Unavailable,
            };
            mine.set(Some(result));
            busy.set(false);
        });
    };
    view! {
        <section class="card security-card" aria-labelledby="weak-title">
            <h2 id="weak-title">{td!(locale, security.weak.title)}</h2>
            <p>{td!(locale, security.weak.about)}</p>
            <div class="button-row">
                <button type="button" class="button button--danger" data-testid="weak-crack"
                    disabled=idle on:click=crack_weak>{td!(locale, security.weak.crack_weak)}</button>
                <button type="button" class="button button--quiet" data-testid="weak-crack-mine"
                    disabled=move || idle() || !lab.token_stored.get() on:click=crack_mine>{td!(locale, security.weak.crack_mine)}</button>
            </div>
            <div role="status" aria-live="polite">
                {move || weak.get().map(|c| view! { <p data-testid="weak-result">{said(locale, &c)}</p> })}
                {move || mine.get().map(|c| view! { <p data-testid="weak-result-mine">{said(locale, &c)}</p> })}
            </div>
        </section>
    }
    .server_erased()
}
