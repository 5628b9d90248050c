//! One login form and one set of buttons that act in both modes at once, so their
//! answers arrive side by side. Drawn by the server for the relay.

use leptos::prelude::*;

use super::{
    demo_accounts::DemoAccounts,
    login_form::{lifetime_label, DEFAULT_LIFETIME_SECS},
};
use crate::{components::ServerErased, i18n::td, lang, model::Lab};

/// The lifetimes the compare form offers: short ones to watch both expire.
const LIFETIMES: [i64; 4] = [3, 10, 30, 900];

#[component]
pub fn CompareControls(session: Lab, token: Lab) -> impl IntoView {
    let locale = lang::current();
    // Nothing here works without scripts: the controls wait for the relay.
    let idle = !session.hydrated.get_untracked();
    // Each mode's replay after logout: the session's dead ID, the token's kept copy.
    let can_replay = session.dead_session_id.with_untracked(Option::is_some)
        && token.kept_token.with_untracked(Option::is_some)
        && token.token.with_untracked(Option::is_none);

    view! {
        <form class="card compare-controls" aria-labelledby="compare-login-title"
            id="compare-controls" data-relay-region="" data-relay-action="login">
            <h2 id="compare-login-title">{td!(locale, lab.compare.title)}</h2>
            <fieldset disabled=idle>
                <div class="compare-controls__fields">
                    <div class="field">
                        <label for="compare-username">{td!(locale, lab.login.username)}</label>
                        <input id="compare-username" autocomplete="username" required
                            data-relay-field="username" data-relay-keep=""/>
                    </div>
                    <div class="field">
                        <label for="compare-password">{td!(locale, lab.login.password)}</label>
                        <input id="compare-password" type="password" autocomplete="current-password" required
                            data-relay-field="password" data-relay-keep=""/>
                    </div>
                    <div class="field">
                        <label for="compare-ttl">{td!(locale, lab.compare.lifetime)}</label>
                        <select id="compare-ttl" data-relay-field="ttl_secs" data-relay-keep="">
                            {LIFETIMES.iter().map(|secs| view! {
                                <option value=secs.to_string() selected=*secs == DEFAULT_LIFETIME_SECS>{lifetime_label(locale, *secs)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                <div class="button-row">
                    <button type="submit" class="button" id="compare-log-in">{td!(locale, lab.compare.login)}</button>
                    <button type="button" class="button" id="compare-call-me" data-relay-action="me">{td!(locale, lab.compare.call_me)}</button>
                    <button type="button" class="button button--quiet" id="compare-log-out" data-relay-action="logout">{td!(locale, lab.compare.logout)}</button>
                    {can_replay.then(|| view! {
                        <button type="button" class="button button--danger" id="compare-replay" data-relay-action="replay">{td!(locale, lab.compare.replay)}</button>
                    })}
                </div>
                <label class="check">
                    <input type="checkbox" id="compare-revoke" data-relay-field="revoke" data-relay-keep=""/>
                    " " {td!(locale, lab.compare.also_revoke)}
                </label>
            </fieldset>
            <DemoAccounts/>
        </form>
    }
    .server_erased()
}
