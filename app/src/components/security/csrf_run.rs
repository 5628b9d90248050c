//! The CSRF run: how the attacker's page sends its POST and whether the target checks
//! the origin; the attack itself runs in a new tab, on the attacker's site.

use std::sync::Arc;

use leptos::prelude::*;

use super::{relay_button, Board};
use crate::{
    api::security::CsrfTarget,
    i18n::{td, td_string},
    lang,
    model::security_relay::{Action, Channel},
};

#[component]
pub fn CsrfRun(board: Arc<Board>) -> impl IntoView {
    let locale = lang::current();
    let form = &board.state.form;
    let idle = !board.ready;
    let token = form.target == CsrfTarget::Token;
    let opened = match board.state.csrf_opened {
        Some(true) => Some(td_string!(locale, security.csrf.opened)),
        Some(false) => Some(td_string!(locale, security.csrf.blocked)),
        None => None,
    };
    view! {
        <section class="card security-card" aria-labelledby="csrf-title" id="security-csrf" data-relay-region="">
            <h2 id="csrf-title">{td!(locale, security.csrf.title)}</h2>
            <p>{td!(locale, security.csrf.about)}</p>
            <div class="field">
                <label for="csrf-channel">{td!(locale, security.csrf.channel)}</label>
                <select id="csrf-channel" data-testid="csrf-channel" data-relay-field="channel" disabled=idle>
                    <option value="form" selected=form.channel == Channel::Form>{td!(locale, security.csrf.form)}</option>
                    <option value="fetch" selected=form.channel == Channel::Fetch>{td!(locale, security.csrf.fetch)}</option>
                </select>
            </div>
            <div class="field">
                <label for="csrf-target">{td!(locale, security.csrf.target)}</label>
                // The origin check only guards the session target, so a change is drawn again.
                <select id="csrf-target" data-testid="csrf-target" data-relay-field="target"
                    data-relay-action=Action::Form.name() disabled=idle>
                    <option value="session" selected=!token>{td!(locale, security.csrf.target_session)}</option>
                    <option value="token" selected=token>{td!(locale, security.csrf.target_token)}</option>
                </select>
            </div>
            <label class="check">
                <input type="checkbox" id="csrf-guard" data-testid="csrf-guard" data-relay-field="guard"
                    checked=form.guard disabled=idle || token data-relay-off=token.then_some("")/>
                " " {td!(locale, security.csrf.guard)}
            </label>
            {token.then(|| view! { <p class="note">{td!(locale, security.csrf.guard_session)}</p> })}
            <div class="button-row">
                {relay_button(&board, Action::Csrf, board.attacks(), "csrf-run", "button button--danger",
                    td_string!(locale, security.csrf.run))}
            </div>
            {opened.map(|text| view! { <p class="note" data-testid="csrf-opened">{text}</p> })}
            <p class="note">{td!(locale, security.csrf.third_party)}</p>
            <p class="note">{td!(locale, security.csrf.bearer)}</p>
        </section>
    }
    .into_any()
}
