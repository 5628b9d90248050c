//! The CSRF run: how the attacker's page sends its POST and whether the target checks
//! the origin; the attack itself runs in a new tab, on the attacker's site.

use leptos::{prelude::*, task::spawn_local};

use crate::{
    api::security::CsrfTarget, components::ServerErased, i18n::td, lang,
    model::security_lab::SecurityLab,
};

#[component]
pub fn CsrfRun(lab: SecurityLab) -> impl IntoView {
    let locale = lang::current();
    let channel = RwSignal::new("form".to_owned());
    let guard = RwSignal::new(true);
    let target = RwSignal::new(CsrfTarget::Session);
    let run = move |_| {
        let name = if channel.get_untracked() == "fetch" {
            "fetch"
        } else {
            "form"
        };
        spawn_local(lab.run_csrf(name, guard.get_untracked(), target.get_untracked()));
    };
    view! {
        <section class="card security-card" aria-labelledby="csrf-title">
            <h2 id="csrf-title">{td!(locale, security.csrf.title)}</h2>
            <p>{td!(locale, security.csrf.about)}</p>
            <div class="field">
                <label for="csrf-channel">{td!(locale, security.csrf.channel)}</label>
                <select id="csrf-channel" data-testid="csrf-channel" prop:value=move || channel.get()
                    on:change=move |ev| channel.set(event_target_value(&ev))>
                    <option value="form" selected=true>{td!(locale, security.csrf.form)}</option>
                    <option value="fetch">{td!(locale, security.csrf.fetch)}</option>
                </select>
            </div>
            <div class="field">
                <label for="csrf-target">{td!(locale, security.csrf.target)}</label>
                <select id="csrf-target" data-testid="csrf-target" prop:value=move || target.get().name()
                    on:change=move |ev| target.set(CsrfTarget::from_name(&event_target_value(&ev)).unwrap_or_default())>
                    <option value="session" selected=true>{td!(locale, security.csrf.target_session)}</option>
                    <option value="token">{td!(locale, security.csrf.target_token)}</option>
                </select>
            </div>
            <label class="check">
                <input type="checkbox" data-testid="csrf-guard" bind:checked=guard
                    disabled=move || target.get() == CsrfTarget::Token/>
                " " {td!(locale, security.csrf.guard)}
            </label>
            {move || (target.get() == CsrfTarget::Token).then(|| view! {
                <p class="note">{td!(locale, security.csrf.guard_session)}</p>
            })}
            <div class="button-row">
                <button type="button" class="button button--danger" data-testid="csrf-run"
                    disabled=move || !lab.ready() || lab.waiting.get() on:click=run>
                    {td!(locale, security.csrf.run)}
                </button>
            </div>
            {move || lab.csrf_opened.get().then(|| view! { <p class="note">{td!(locale, security.csrf.opened)}</p> })}
            <p class="note">{td!(locale, security.csrf.third_party)}</p>
            <p class="note">{td!(locale, security.csrf.bearer)}</p>
        </section>
    }
    .server_erased()
}
