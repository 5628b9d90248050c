//! Token tampering: the stored token's header and payload to edit, one-click edits, and
//! the server's verdict on the re-encoded token with every step it took.

use std::sync::Arc;

use leptos::prelude::*;

use super::{relay_button, Board};
use crate::{
    api::Outcome,
    components::lab::step_name,
    i18n::{td, td_string},
    lang,
    model::{present, security_relay::Action, tamper::Edit},
};

#[component]
pub fn TamperRun(board: Arc<Board>) -> impl IntoView {
    let locale = lang::current();
    let form = &board.state.form;
    let idle = !board.ready;
    let loaded = board.state.loaded.as_ref();
    let signature = loaded.map(|l| l.signature.clone()).unwrap_or_default();
    let edit = |edit: Edit, id: &'static str, label: &'static str| {
        relay_button(
            &board,
            Action::TamperEdit(edit),
            loaded.is_some(),
            id,
            "button button--quiet",
            label,
        )
    };
    let result = board.state.tampered.as_ref().map(|t| {
        let verdict = match &t.code {
            None => td_string!(locale, security.tamper.accepted, status = t.status).to_string(),
            Some(code) => {
                let why = present::reason(locale, code).unwrap_or(code.as_str()).to_owned();
                td_string!(locale, security.tamper.refused, status = t.status, code = code.clone(), why).to_string()
            }
        };
        view! {
            <p data-testid="tamper-verdict" data-code=t.code.clone().unwrap_or_default()>{verdict}</p>
            <ol class="tamper__steps">
                {t.steps.iter().map(|(step, outcome)| {
                    let mark = match outcome { Outcome::Ok => "✓", Outcome::Failed => "✗", Outcome::Info => "·" };
                    view! { <li>{mark} " " {step_name(locale, *step)}</li> }
                }).collect_view()}
            </ol>
        }
    });
    view! {
        <section class="card security-card" aria-labelledby="tamper-title" id="security-tamper" data-relay-region="">
            <h2 id="tamper-title">{td!(locale, security.tamper.title)}</h2>
            <p>{td!(locale, security.tamper.about)}</p>
            <div class="button-row">
                {relay_button(&board, Action::TamperLoad, board.has_token, "tamper-load", "button button--quiet",
                    td_string!(locale, security.tamper.load))}
            </div>
            {(!board.has_token).then(|| view! { <p class="note">{td!(locale, security.tamper.no_token)}</p> })}
            <div class="tamper" class:tamper--hidden=loaded.is_none()>
                <div class="field">
                    <label for="tamper-header">{td!(locale, security.tamper.header)}</label>
                    <textarea id="tamper-header" data-testid="tamper-header" data-relay-field="header" rows="4"
                        spellcheck="false" disabled=idle>{form.header.clone()}</textarea>
                </div>
                <div class="field">
                    <label for="tamper-payload">{td!(locale, security.tamper.payload)}</label>
                    <textarea id="tamper-payload" data-testid="tamper-payload" data-relay-field="claims" rows="10"
                        spellcheck="false" disabled=idle>{form.claims.clone()}</textarea>
                </div>
                <p class="note">{td!(locale, security.tamper.signature)} " " <code class="tamper__sig">{signature}</code></p>
                <div class="button-row">
                    {edit(Edit::Admin, "tamper-admin", td_string!(locale, security.tamper.admin))}
                    {edit(Edit::LaterExp, "tamper-exp", td_string!(locale, security.tamper.later_exp))}
                    {edit(Edit::AlgNone, "tamper-none", td_string!(locale, security.tamper.alg_none))}
                    {edit(Edit::Kid, "tamper-kid", td_string!(locale, security.tamper.kid))}
                </div>
                <div class="button-row">
                    {relay_button(&board, Action::TamperSend, loaded.is_some(), "tamper-send", "button button--danger",
                        td_string!(locale, security.tamper.send))}
                </div>
            </div>
            <div role="status" aria-live="polite" data-testid="tamper-result">{result}</div>
        </section>
    }
    .into_any()
}
