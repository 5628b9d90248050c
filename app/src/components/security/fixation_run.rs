//! Session fixation: the attacker plants a session ID of their own before the victim logs
//! in; the login replaces it, so the planted ID is worthless afterwards.

use leptos::{prelude::*, task::spawn_local};

use crate::{
    components::ServerErased,
    i18n::{td, td_string},
    lang,
    model::security_lab::SecurityLab,
};

#[component]
pub fn FixationRun(lab: SecurityLab) -> impl IntoView {
    let locale = lang::current();
    let busy = RwSignal::new(false);
    let idle = move || !lab.hydrated.get() || busy.get();
    let run = move |step: u8| {
        busy.set(true);
        spawn_local(async move {
            match step {
                0 => lab.plant().await,
                1 => lab.fixation_login().await,
                _ => lab.fixation_replay().await,
            }
            busy.set(false);
        });
    };
    let planted = move || lab.fixation.with(|f| f.planted.is_some());
    view! {
        <section class="card security-card" aria-labelledby="fixation-title">
            <h2 id="fixation-title">{td!(locale, security.fixation.title)}</h2>
            <p>{td!(locale, security.fixation.about)}</p>
            <div class="button-row">
                <button type="button" class="button button--danger" data-testid="fixation-plant"
                    disabled=idle on:click=move |_| run(0)>{td!(locale, security.fixation.plant)}</button>
                <button type="button" class="button" data-testid="fixation-login"
                    disabled=move || idle() || !planted() on:click=move |_| run(1)>{td!(locale, security.fixation.login)}</button>
                <button type="button" class="button button--danger" data-testid="fixation-replay"
                    disabled=move || idle() || !planted() on:click=move |_| run(2)>{td!(locale, security.fixation.replay)}</button>
            </div>
            <div role="status" aria-live="polite" data-testid="fixation-state">
                {move || lab.fixation.get().planted.map(|p| view! {
                    <p data-testid="fixation-planted">{td_string!(locale, security.fixation.planted, hint = p.hint).to_string()}</p>
                })}
                {move || {
                    let f = lab.fixation.get();
                    f.issued.map(|issued| {
                        let text = match f.cycled_from {
                            Some(old) => td_string!(locale, security.fixation.cycled, old, new = issued).to_string(),
                            None => td_string!(locale, security.fixation.fresh, new = issued).to_string(),
                        };
                        view! { <p data-testid="fixation-cycled">{text}</p> }
                    })
                }}
                {move || lab.fixation.get().replay.map(|(status, user, reason)| {
                    let text = match (user, reason) {
                        (Some(user), _) => td_string!(locale, security.fixation.replay_works, status, user).to_string(),
                        (None, reason) => td_string!(locale, security.fixation.replay_refused, status, code = reason.unwrap_or_default()).to_string(),
                    };
                    view! { <p data-testid="fixation-replayed">{text}</p> }
                })}
            </div>
        </section>
    }
    .server_erased()
}
