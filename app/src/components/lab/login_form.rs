//! The login form of either mode, with the lifetime choice and the demo accounts. Drawn by
//! the server for the relay (and, for session mode, posted as it is without JavaScript).

use leptos::prelude::*;

use super::demo_accounts::DemoAccounts;
use crate::{
    components::ServerErased,
    i18n::{td, td_string, Locale},
    lang,
    model::{Lab, Mode},
};

/// Lifetimes a learner can pick: short ones to watch expiry happen, long ones to read at.
const LIFETIMES: [i64; 6] = [3, 10, 30, 120, 900, 3600];

/// How a lifetime reads in the `<select>` (also used by the compare page's form).
pub(super) fn lifetime_label(locale: Locale, secs: i64) -> &'static str {
    match secs {
        3 => td_string!(locale, lab.lifetime.secs_3),
        10 => td_string!(locale, lab.lifetime.secs_10),
        30 => td_string!(locale, lab.lifetime.secs_30),
        120 => td_string!(locale, lab.lifetime.mins_2),
        900 => td_string!(locale, lab.lifetime.mins_15),
        _ => td_string!(locale, lab.lifetime.hour_1),
    }
}

/// Selected at first: long enough to read every pane and click around without a 401.
pub const DEFAULT_LIFETIME_SECS: i64 = 900;

/// What the expiry demo button logs in with.
const DEMO_LIFETIME_SECS: i64 = 3;

#[component]
pub fn LoginForm(lab: Lab, mode: Mode) -> impl IntoView {
    let locale = lang::current();
    let prefix = match mode {
        Mode::Session => "session",
        Mode::Token => "token",
    };
    // Token mode only: ask for a refresh token too. The server then picks the short access
    // lifetime itself, so the lifetime choice steps aside (the relay leaves it disabled).
    let refresh = mode == Mode::Token && lab.ask_refresh.get_untracked();
    // Without JavaScript, session mode posts the same form to the server; token mode
    // cannot work at all, so its fields stay disabled until the relay runs.
    let action = match mode {
        Mode::Session => lang::href(locale, "/session/login"),
        Mode::Token => lang::href(locale, "/token"),
    };
    let needs_script = mode == Mode::Token && !lab.hydrated.get_untracked();
    let (title, ttl_label) = match mode {
        Mode::Session => (
            td_string!(locale, lab.login.title_session),
            td_string!(locale, lab.login.idle_timeout),
        ),
        Mode::Token => (
            td_string!(locale, lab.login.title_token),
            td_string!(locale, lab.login.token_lifetime),
        ),
    };

    // With JavaScript the relay sends the form itself (`data-relay-action`), keeps what was
    // typed when the form is drawn again (`data-relay-keep`), and the expiry demo sets the
    // lifetime, then sends the form as "Log in" would (`data-relay-preset`).
    view! {
        <form class="card login-form" method="post" action=action
            aria-labelledby=format!("{prefix}-login-title") id=format!("{prefix}-login-form")
            data-relay-region="" data-relay-action="login">
            <h2 id=format!("{prefix}-login-title")>{title}</h2>
            <fieldset disabled=needs_script>
                <div class="field">
                    <label for=format!("{prefix}-username")>{td!(locale, lab.login.username)}</label>
                    <input id=format!("{prefix}-username") name="username" autocomplete="username"
                        required data-relay-field="username" data-relay-keep=""/>
                </div>
                <div class="field">
                    <label for=format!("{prefix}-password")>{td!(locale, lab.login.password)}</label>
                    <input id=format!("{prefix}-password") name="password" type="password"
                        autocomplete="current-password" required
                        data-relay-field="password" data-relay-keep=""/>
                </div>
                <div class="field">
                    <label for=format!("{prefix}-ttl")>{ttl_label}</label>
                    <select id=format!("{prefix}-ttl") name="ttl_secs" disabled=refresh
                        data-relay-off=refresh.then_some("") data-relay-field="ttl_secs" data-relay-keep="">
                        {LIFETIMES
                            .iter()
                            .map(|secs| {
                                view! { <option value=secs.to_string() selected=*secs == DEFAULT_LIFETIME_SECS>{lifetime_label(locale, *secs)}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
                {(mode == Mode::Token).then(|| view! {
                    <label class="check">
                        <input type="checkbox" data-testid="ask-refresh" id="token-ask-refresh" checked=refresh
                            data-relay-action="refresh_choice" data-relay-field="refresh"/>
                        " " {td!(locale, lab.refresh.ask)}
                    </label>
                })}
                <div class="button-row">
                    <button type="submit" class="button" id=format!("{prefix}-log-in")>{td!(locale, lab.login.submit)}</button>
                    <button type="button" class="button button--quiet"
                        data-relay-preset=format!("ttl_secs={DEMO_LIFETIME_SECS}")
                        id=format!("{prefix}-expiry-demo")
                        disabled=!lab.hydrated.get_untracked()
                        title=td_string!(locale, lab.login.expiry_demo_hint)>
                        {td!(locale, lab.login.expiry_demo)}
                    </button>
                </div>
            </fieldset>
            <DemoAccounts/>
        </form>
    }
    .server_erased()
}
