//! Token tampering: the stored token's header and payload to edit, one-click edits, and
//! the server's verdict on the re-encoded token with every step it took.

use leptos::{prelude::*, task::spawn_local};

use crate::{
    api::Outcome,
    client,
    components::{lab::step_name, ServerErased},
    i18n::{td, td_string},
    lang,
    model::{
        present,
        security_lab::SecurityLab,
        tamper::{self, Edit, Parts},
    },
};

#[component]
pub fn TamperRun(lab: SecurityLab) -> impl IntoView {
    let locale = lang::current();
    let original = StoredValue::new(None::<tamper::Original>);
    let header = RwSignal::new(String::new());
    let payload = RwSignal::new(String::new());
    let signature = RwSignal::new(String::new());
    let loaded = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let parts = move || Parts {
        header: header.get_untracked(),
        payload: payload.get_untracked(),
        signature: signature.get_untracked(),
        original: original.get_value(),
    };
    let set_parts = move |p: Parts| {
        header.set(p.header);
        payload.set(p.payload);
        signature.set(p.signature);
        original.set_value(p.original);
    };
    let load = move |_| {
        if let Some(p) = client::load_token().as_deref().and_then(tamper::split) {
            set_parts(p);
            loaded.set(true);
            lab.tampered.set(None);
        }
    };
    let edit = move |e: Edit| set_parts(tamper::apply(&parts(), e));
    let send = move |_| {
        let token = tamper::assemble(&parts());
        busy.set(true);
        spawn_local(async move {
            lab.send_tampered(token).await;
            busy.set(false);
        });
    };
    let idle = move || !lab.hydrated.get() || busy.get();
    view! {
        <section class="card security-card" aria-labelledby="tamper-title">
            <h2 id="tamper-title">{td!(locale, security.tamper.title)}</h2>
            <p>{td!(locale, security.tamper.about)}</p>
            <div class="button-row">
                <button type="button" class="button button--quiet" data-testid="tamper-load"
                    disabled=move || idle() || !lab.token_stored.get() on:click=load>
                    {td!(locale, security.tamper.load)}
                </button>
            </div>
            {move || (!lab.token_stored.get()).then(|| view! { <p class="note">{td!(locale, security.tamper.no_token)}</p> })}
            <div class="tamper" class:tamper--hidden=move || !loaded.get()>
                <div class="field">
                    <label for="tamper-header">{td!(locale, security.tamper.header)}</label>
                    <textarea id="tamper-header" data-testid="tamper-header" rows="4" spellcheck="false"
                        prop:value=move || header.get() on:input=move |ev| header.set(event_target_value(&ev))></textarea>
                </div>
                <div class="field">
                    <label for="tamper-payload">{td!(locale, security.tamper.payload)}</label>
                    <textarea id="tamper-payload" data-testid="tamper-payload" rows="10" spellcheck="false"
                        prop:value=move || payload.get() on:input=move |ev| payload.set(event_target_value(&ev))></textarea>
                </div>
                <p class="note">{td!(locale, security.tamper.signature)} " " <code class="tamper__sig">{move || signature.get()}</code></p>
                <div class="button-row">
                    <button type="button" class="button button--quiet" data-testid="tamper-admin" on:click=move |_| edit(Edit::Admin)>{td!(locale, security.tamper.admin)}</button>
                    <button type="button" class="button button--quiet" data-testid="tamper-exp" on:click=move |_| edit(Edit::LaterExp)>{td!(locale, security.tamper.later_exp)}</button>
                    <button type="button" class="button button--quiet" data-testid="tamper-none" on:click=move |_| edit(Edit::AlgNone)>{td!(locale, security.tamper.alg_none)}</button>
                    <button type="button" class="button button--quiet" data-testid="tamper-kid" on:click=move |_| edit(Edit::Kid)>{td!(locale, security.tamper.kid)}</button>
                </div>
                <div class="button-row">
                    <button type="button" class="button button--danger" data-testid="tamper-send"
                        disabled=move || idle() || !loaded.get() on:click=send>
                        {td!(locale, security.tamper.send)}
                    </button>
                </div>
            </div>
            <div role="status" aria-live="polite" data-testid="tamper-result">
                {move || lab.tampered.get().map(|t| {
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
                })}
            </div>
        </section>
    }
    .server_erased()
}
