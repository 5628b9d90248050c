//! The victim's login: a session whose cookie flags the learner picks, or a token kept in
//! localStorage, so each attack can be tried against each.

use leptos::{prelude::*, task::spawn_local};

use crate::{
    api::SameSite,
    components::ServerErased,
    i18n::{td, td_string},
    lang,
    model::security_lab::SecurityLab,
};

/// `Set-Cookie` attributes as the answer listed them, for the sentence under the buttons.
fn attributes(cookie: crate::api::AppliedCookie) -> String {
    let mut parts = Vec::new();
    if cookie.http_only {
        parts.push("HttpOnly".to_owned());
    }
    parts.push(format!("SameSite={}", cookie.same_site.attribute()));
    if cookie.secure {
        parts.push("Secure".to_owned());
    }
    if cookie.persistent {
        parts.push("Max-Age".to_owned());
    }
    parts.join("; ")
}

#[component]
pub fn VictimLogin(lab: SecurityLab) -> impl IntoView {
    let locale = lang::current();
    let http_only = RwSignal::new(true);
    let persistent = RwSignal::new(true);
    let same_site = RwSignal::new("lax".to_owned());
    let busy = RwSignal::new(false);
    let idle = move || busy.get() || !lab.hydrated.get();
    let session = move |_| {
        let flag = match same_site.get_untracked().as_str() {
            "strict" => SameSite::Strict,
            "none" => SameSite::None,
            _ => SameSite::Lax,
        };
        let (http_only, persistent) = (http_only.get_untracked(), persistent.get_untracked());
        busy.set(true);
        spawn_local(async move {
            lab.log_in_session(http_only, flag, persistent).await;
            busy.set(false);
        });
    };
    let token = move |_| {
        busy.set(true);
        spawn_local(async move {
            lab.log_in_token().await;
            busy.set(false);
        });
    };
    view! {
        <section class="card security-card" aria-labelledby="victim-title">
            <h2 id="victim-title">{td!(locale, security.login.title)}</h2>
            <label class="check">
                <input type="checkbox" data-testid="opt-http-only" bind:checked=http_only/>
                " " {td!(locale, security.login.http_only)}
            </label>
            <label class="check">
                <input type="checkbox" data-testid="opt-persistent" bind:checked=persistent/>
                " " {td!(locale, security.login.persistent)}
            </label>
            <div class="field">
                <label for="opt-same-site">{td!(locale, security.login.same_site)}</label>
                <select id="opt-same-site" data-testid="opt-same-site" prop:value=move || same_site.get()
                    on:change=move |ev| same_site.set(event_target_value(&ev))>
                    <option value="strict">"Strict"</option>
                    <option value="lax" selected=true>"Lax"</option>
                    <option value="none">"None"</option>
                </select>
            </div>
            {move || (same_site.get() == "none").then(|| view! {
                <p class="note">{td!(locale, security.login.none_secure)}</p>
            })}
            <div class="button-row">
                <button type="button" class="button" data-testid="victim-session" disabled=idle on:click=session>
                    {td!(locale, security.login.session)}
                </button>
                <button type="button" class="button button--quiet" data-testid="victim-token" disabled=idle on:click=token>
                    {td!(locale, security.login.token)}
                </button>
            </div>
            <div role="status" aria-live="polite" data-testid="victim-state">
                // The attributes are also data, for the interview walkthroughs that wait on them.
                {move || lab.cookie.get().map(|cookie| view! {
                    <p data-testid="victim-cookie" data-http-only=cookie.http_only.to_string()
                        data-same-site=cookie.same_site.attribute() data-persistent=cookie.persistent.to_string()>
                        {td_string!(locale, security.login.cookie_applied, attrs = attributes(cookie)).to_string()}
                    </p>
                })}
                {move || lab.token_stored.get().then(|| view! {
                    <p data-testid="victim-token-stored">{td!(locale, security.login.token_stored)}</p>
                })}
                {move || lab.login_error.get().map(|text| view! { <p class="banner banner--bad">{text}</p> })}
            </div>
        </section>
    }
    .server_erased()
}
