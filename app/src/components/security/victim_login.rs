//! The victim's login: a session whose cookie flags the learner picks, or a token kept in
//! localStorage, so each attack can be tried against each.

use std::sync::Arc;

use leptos::prelude::*;

use super::{relay_button, Board};
use crate::{
    api::{AppliedCookie, SameSite},
    i18n::{td, td_string},
    lang,
    model::security_relay::Action,
};

/// `Set-Cookie` attributes as the answer listed them, for the sentence under the buttons.
fn attributes(cookie: AppliedCookie) -> String {
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
pub fn VictimLogin(board: Arc<Board>) -> impl IntoView {
    let locale = lang::current();
    let form = &board.state.form;
    let idle = !board.ready;
    let option = |value: &'static str, flag: SameSite| {
        view! { <option value=value selected=form.same_site == flag>{flag.attribute()}</option> }
    };
    let cookie = board.state.cookie.map(|cookie| {
        // The attributes are also data, for the interview walkthroughs that wait on them.
        view! {
            <p data-testid="victim-cookie" data-http-only=cookie.http_only.to_string()
                data-same-site=cookie.same_site.attribute() data-persistent=cookie.persistent.to_string()>
                {td_string!(locale, security.login.cookie_applied, attrs = attributes(cookie)).to_string()}
            </p>
        }
    });
    let error = board.state.login_error.as_ref().map(|e| {
        let text = td_string!(
            locale,
            security.login.refused,
            status = e.status,
            code = e.code.clone()
        );
        view! { <p class="banner banner--bad">{text.to_string()}</p> }
    });
    view! {
        <section class="card security-card" aria-labelledby="victim-title" id="security-victim" data-relay-region="">
            <h2 id="victim-title">{td!(locale, security.login.title)}</h2>
            <label class="check">
                <input type="checkbox" id="opt-http-only" data-testid="opt-http-only" data-relay-field="http_only"
                    checked=form.http_only disabled=idle/>
                " " {td!(locale, security.login.http_only)}
            </label>
            <label class="check">
                <input type="checkbox" id="opt-persistent" data-testid="opt-persistent" data-relay-field="persistent"
                    checked=form.persistent disabled=idle/>
                " " {td!(locale, security.login.persistent)}
            </label>
            <div class="field">
                <label for="opt-same-site">{td!(locale, security.login.same_site)}</label>
                // Its note depends on it, so a change is drawn again.
                <select id="opt-same-site" data-testid="opt-same-site" data-relay-field="same_site"
                    data-relay-action=Action::Form.name() disabled=idle>
                    {option("strict", SameSite::Strict)}
                    {option("lax", SameSite::Lax)}
                    {option("none", SameSite::None)}
                </select>
            </div>
            {(form.same_site == SameSite::None).then(|| view! {
                <p class="note">{td!(locale, security.login.none_secure)}</p>
            })}
            <div class="button-row">
                {relay_button(&board, Action::LogInSession, true, "victim-session", "button",
                    td_string!(locale, security.login.session))}
                {relay_button(&board, Action::LogInToken, true, "victim-token", "button button--quiet",
                    td_string!(locale, security.login.token))}
            </div>
            <div role="status" aria-live="polite" data-testid="victim-state">
                {cookie}
                {board.has_token.then(|| view! {
                    <p data-testid="victim-token-stored">{td!(locale, security.login.token_stored)}</p>
                })}
                {error}
            </div>
        </section>
    }
    .into_any()
}
