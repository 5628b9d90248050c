//! The login form of either mode, with the lifetime choice and the demo accounts.

use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};

use super::demo_accounts::DemoAccounts;
use crate::{
    api::LoginRequest,
    components::ServerErased,
    i18n::{td, td_string, Locale},
    lang,
    model::{
        actions::{self, Action},
        Lab, Mode,
    },
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
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let ttl = RwSignal::new(DEFAULT_LIFETIME_SECS.to_string());
    // Token mode only: ask for a refresh token too. The server then picks the short access
    // lifetime itself, so the lifetime choice steps aside.
    let refresh = RwSignal::new(false);
    let form = NodeRef::<leptos::html::Form>::new();
    // The expiry demo in one click: pick 3 s, then submit the form as if "Log in" was
    // pressed (so the browser still checks that the fields are filled in).
    let expiry_demo = move |_| {
        ttl.set(DEMO_LIFETIME_SECS.to_string());
        if let Some(form) = form.get_untracked() {
            let _ = form.request_submit();
        }
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let login = LoginRequest {
            ttl_secs: if refresh.get_untracked() {
                None
            } else {
                ttl.get_untracked().parse::<i64>().ok()
            },
            refresh: refresh.get_untracked(),
            ..LoginRequest::new(username.get_untracked(), password.get_untracked())
        };
        match mode {
            Mode::Session => spawn_local(actions::run(lab, Action::SessionLogin(login))),
            Mode::Token => spawn_local(actions::run(lab, Action::TokenLogin(login))),
        }
    };
    // Without JavaScript, session mode posts the same form to the server; token mode
    // cannot work at all, so its fields stay disabled until the page has hydrated.
    let action = match mode {
        Mode::Session => lang::href(locale, "/session/login"),
        Mode::Token => lang::href(locale, "/token"),
    };
    let needs_script = mode == Mode::Token;
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

    view! {
        <form class="card login-form" method="post" action=action on:submit=on_submit node_ref=form
            aria-labelledby=format!("{prefix}-login-title") id=format!("{prefix}-login-form")
            data-relay-region="" data-relay-action="login">
            <h2 id=format!("{prefix}-login-title")>{title}</h2>
            <fieldset disabled=move || needs_script && !lab.hydrated.get()>
                <div class="field">
                    <label for=format!("{prefix}-username")>{td!(locale, lab.login.username)}</label>
                    <input id=format!("{prefix}-username") name="username" autocomplete="username"
                        required bind:value=username data-relay-field="username" data-relay-keep=""/>
                </div>
                <div class="field">
                    <label for=format!("{prefix}-password")>{td!(locale, lab.login.password)}</label>
                    <input id=format!("{prefix}-password") name="password" type="password"
                        autocomplete="current-password" required bind:value=password
                        data-relay-field="password" data-relay-keep=""/>
                </div>
                <div class="field">
                    <label for=format!("{prefix}-ttl")>{ttl_label}</label>
                    <select id=format!("{prefix}-ttl") name="ttl_secs" prop:value=move || ttl.get()
                        disabled=move || refresh.get() data-relay-field="ttl_secs" data-relay-keep=""
                        on:change=move |ev| ttl.set(event_target_value(&ev))>
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
                        <input type="checkbox" data-testid="ask-refresh" bind:checked=refresh/>
                        " " {td!(locale, lab.refresh.ask)}
                    </label>
                })}
                <div class="button-row">
                    <button type="submit" class="button" disabled=move || lab.busy.get() id=format!("{prefix}-log-in")>{td!(locale, lab.login.submit)}</button>
                    // For the relay: set the field, then send the form as "Log in" would.
                    <button type="button" class="button button--quiet" on:click=expiry_demo
                        data-relay-preset=format!("ttl_secs={DEMO_LIFETIME_SECS}")
                        id=format!("{prefix}-expiry-demo")
                        disabled=move || lab.busy.get() || !lab.hydrated.get()
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
