//! One login form and one set of buttons that act in both modes at once, so their
//! answers arrive side by side.

use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};

use super::demo_accounts::DemoAccounts;
use crate::model::{actions, Lab};

#[component]
pub fn CompareControls(session: Lab, token: Lab) -> impl IntoView {
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let ttl = RwSignal::new(super::login_form::DEFAULT_LIFETIME_SECS.to_string());
    let revoke = RwSignal::new(false);
    let idle = move || session.busy.get() || token.busy.get() || !session.hydrated.get();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (user, pass) = (username.get_untracked(), password.get_untracked());
        let ttl_secs = ttl.get_untracked().parse::<i64>().ok();
        spawn_local(actions::session_login(
            session,
            user.clone(),
            pass.clone(),
            ttl_secs,
        ));
        spawn_local(actions::token_login(token, user, pass, ttl_secs));
    };
    let can_replay = move || {
        session.dead_session_id.get().is_some()
            && token.kept_token.get().is_some()
            && token.token.get().is_none()
    };

    view! {
        <form class="card compare-controls" on:submit=on_submit aria-labelledby="compare-login-title">
            <h2 id="compare-login-title">"Log in both ways at once"</h2>
            <fieldset disabled=move || !session.hydrated.get()>
                <div class="compare-controls__fields">
                    <div class="field">
                        <label for="compare-username">"Username"</label>
                        <input id="compare-username" autocomplete="username" required bind:value=username/>
                    </div>
                    <div class="field">
                        <label for="compare-password">"Password"</label>
                        <input id="compare-password" type="password" autocomplete="current-password" required bind:value=password/>
                    </div>
                    <div class="field">
                        <label for="compare-ttl">"Lifetime (idle timeout / token lifetime)"</label>
                        <select id="compare-ttl" on:change=move |ev| ttl.set(event_target_value(&ev))>
                            <option value="3">"3 seconds"</option>
                            <option value="10">"10 seconds"</option>
                            <option value="30">"30 seconds"</option>
                            <option value="900" selected>"15 minutes"</option>
                        </select>
                    </div>
                </div>
                <div class="button-row">
                    <button type="submit" class="button" disabled=idle>"Log in (both)"</button>
                    <button type="button" class="button" disabled=idle on:click=move |_| {
                        spawn_local(actions::session_me(session));
                        spawn_local(actions::token_me(token));
                    }>"Call /me (both)"</button>
                    <button type="button" class="button button--quiet" disabled=idle on:click=move |_| {
                        spawn_local(actions::session_logout(session));
                        spawn_local(actions::token_logout(token, revoke.get_untracked()));
                    }>"Log out (both)"</button>
                    <Show when=can_replay>
                        <button type="button" class="button button--danger" disabled=idle on:click=move |_| {
                            spawn_local(actions::session_replay(session));
                            spawn_local(actions::token_replay(token));
                        }>"Replay the old credentials (both)"</button>
                    </Show>
                </div>
                <label class="check">
                    <input type="checkbox" bind:checked=revoke/>
                    " On logout, also revoke the token on the server"
                </label>
            </fieldset>
            <DemoAccounts/>
        </form>
    }
    .into_any()
}
