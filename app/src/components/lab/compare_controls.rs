//! One login form and one set of buttons that act in both modes at once, so their
//! answers arrive side by side.

use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};

use super::{demo_accounts::DemoAccounts, login_form::lifetime_label};
use crate::{
    api::LoginRequest,
    components::ServerErased,
    i18n::td,
    lang,
    model::{
        actions::{self, Action},
        Lab,
    },
};

#[component]
pub fn CompareControls(session: Lab, token: Lab) -> impl IntoView {
    let locale = lang::current();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let ttl = RwSignal::new(super::login_form::DEFAULT_LIFETIME_SECS.to_string());
    let revoke = RwSignal::new(false);
    let idle = move || session.busy.get() || token.busy.get() || !session.hydrated.get();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let login = LoginRequest {
            ttl_secs: ttl.get_untracked().parse::<i64>().ok(),
            ..LoginRequest::new(username.get_untracked(), password.get_untracked())
        };
        spawn_local(actions::run(session, Action::SessionLogin(login.clone())));
        spawn_local(actions::run(token, Action::TokenLogin(login)));
    };
    // A memo, so the replay button is drawn again only when it appears or goes.
    let can_replay = Memo::new(move |_| {
        session.dead_session_id.get().is_some()
            && token.kept_token.get().is_some()
            && token.token.get().is_none()
    });

    view! {
        <form class="card compare-controls" on:submit=on_submit aria-labelledby="compare-login-title">
            <h2 id="compare-login-title">{td!(locale, lab.compare.title)}</h2>
            <fieldset disabled=move || !session.hydrated.get()>
                <div class="compare-controls__fields">
                    <div class="field">
                        <label for="compare-username">{td!(locale, lab.login.username)}</label>
                        <input id="compare-username" autocomplete="username" required bind:value=username/>
                    </div>
                    <div class="field">
                        <label for="compare-password">{td!(locale, lab.login.password)}</label>
                        <input id="compare-password" type="password" autocomplete="current-password" required bind:value=password/>
                    </div>
                    <div class="field">
                        <label for="compare-ttl">{td!(locale, lab.compare.lifetime)}</label>
                        <select id="compare-ttl" on:change=move |ev| ttl.set(event_target_value(&ev))>
                            <option value="3">{lifetime_label(locale, 3)}</option>
                            <option value="10">{lifetime_label(locale, 10)}</option>
                            <option value="30">{lifetime_label(locale, 30)}</option>
                            <option value="900" selected>{lifetime_label(locale, 900)}</option>
                        </select>
                    </div>
                </div>
                <div class="button-row">
                    <button type="submit" class="button" disabled=idle>{td!(locale, lab.compare.login)}</button>
                    <button type="button" class="button" disabled=idle on:click=move |_| {
                        spawn_local(actions::run(session, Action::SessionMe));
                        spawn_local(actions::run(token, Action::TokenMe));
                    }>{td!(locale, lab.compare.call_me)}</button>
                    <button type="button" class="button button--quiet" disabled=idle on:click=move |_| {
                        spawn_local(actions::run(session, Action::SessionLogout));
                        spawn_local(actions::run(token, Action::TokenLogout { revoke: revoke.get_untracked() }));
                    }>{td!(locale, lab.compare.logout)}</button>
                    {move || can_replay.get().then(|| view! {
                        <button type="button" class="button button--danger" disabled=idle on:click=move |_| {
                            spawn_local(actions::run(session, Action::ReplayDeadCookie));
                            spawn_local(actions::run(token, Action::ReplayCopiedToken));
                        }>{td!(locale, lab.compare.replay)}</button>
                    })}
                </div>
                <label class="check">
                    <input type="checkbox" bind:checked=revoke/>
                    " " {td!(locale, lab.compare.also_revoke)}
                </label>
            </fieldset>
            <DemoAccounts/>
        </form>
    }
    .server_erased()
}
