//! The login form of either mode, with the lifetime choice and the demo accounts.

use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};

use super::demo_accounts::DemoAccounts;
use crate::{
    api::LoginRequest,
    model::{
        actions::{self, Action},
        Lab, Mode,
    },
};

/// Lifetimes a learner can pick: short ones to watch expiry happen, long ones to read at.
const LIFETIMES: [(i64, &str); 6] = [
    (3, "3 seconds"),
    (10, "10 seconds"),
    (30, "30 seconds"),
    (120, "2 minutes"),
    (900, "15 minutes"),
    (3600, "1 hour"),
];

/// Selected at first: long enough to read every pane and click around without a 401.
pub const DEFAULT_LIFETIME_SECS: i64 = 900;

/// What the expiry demo button logs in with.
const DEMO_LIFETIME_SECS: i64 = 3;

#[component]
pub fn LoginForm(lab: Lab, mode: Mode) -> impl IntoView {
    let prefix = match mode {
        Mode::Session => "session",
        Mode::Token => "token",
    };
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let ttl = RwSignal::new(DEFAULT_LIFETIME_SECS.to_string());
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
            username: username.get_untracked(),
            password: password.get_untracked(),
            ttl_secs: ttl.get_untracked().parse::<i64>().ok(),
        };
        match mode {
            Mode::Session => spawn_local(actions::run(lab, Action::SessionLogin(login))),
            Mode::Token => spawn_local(actions::run(lab, Action::TokenLogin(login))),
        }
    };
    // Without JavaScript, session mode posts the same form to the server; token mode
    // cannot work at all, so its fields stay disabled until the page has hydrated.
    let action = match mode {
        Mode::Session => "/session/login",
        Mode::Token => "/token",
    };
    let needs_script = mode == Mode::Token;
    let ttl_label = match mode {
        Mode::Session => "Idle timeout",
        Mode::Token => "Token lifetime",
    };

    view! {
        <form class="card login-form" method="post" action=action on:submit=on_submit node_ref=form
            aria-labelledby=format!("{prefix}-login-title")>
            <h2 id=format!("{prefix}-login-title")>{format!("{} login", mode.label())}</h2>
            <fieldset disabled=move || needs_script && !lab.hydrated.get()>
                <div class="field">
                    <label for=format!("{prefix}-username")>"Username"</label>
                    <input id=format!("{prefix}-username") name="username" autocomplete="username"
                        required bind:value=username/>
                </div>
                <div class="field">
                    <label for=format!("{prefix}-password")>"Password"</label>
                    <input id=format!("{prefix}-password") name="password" type="password"
                        autocomplete="current-password" required bind:value=password/>
                </div>
                <div class="field">
                    <label for=format!("{prefix}-ttl")>{ttl_label}</label>
                    <select id=format!("{prefix}-ttl") name="ttl_secs" prop:value=move || ttl.get()
                        on:change=move |ev| ttl.set(event_target_value(&ev))>
                        {LIFETIMES
                            .iter()
                            .map(|(secs, label)| {
                                view! { <option value=secs.to_string() selected=*secs == DEFAULT_LIFETIME_SECS>{*label}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="button-row">
                    <button type="submit" class="button" disabled=move || lab.busy.get()>"Log in"</button>
                    <button type="button" class="button button--quiet" on:click=expiry_demo
                        disabled=move || lab.busy.get() || !lab.hydrated.get()
                        title="Logs in with a 3-second lifetime, so you can watch it run out">
                        "Quick expiry demo (3 s)"
                    </button>
                </div>
            </fieldset>
            <DemoAccounts/>
        </form>
    }
    .into_any()
}
