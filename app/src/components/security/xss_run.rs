//! The XSS run: a payload from a fixed list, the CSP switch, and the vulnerable page framed
//! below, where the payload really runs.

use leptos::{prelude::*, task::spawn_local};

use crate::{
    components::ServerErased,
    i18n::{td, td_string},
    lang,
    model::security_lab::SecurityLab,
};

#[component]
pub fn XssRun(lab: SecurityLab) -> impl IntoView {
    let locale = lang::current();
    let payload = RwSignal::new("steal".to_owned());
    let csp = RwSignal::new(false);
    let run = move |_| {
        let name = if payload.get_untracked() == "ride" {
            "ride"
        } else {
            "steal"
        };
        spawn_local(lab.run_xss(name, csp.get_untracked()));
    };
    view! {
        <section class="card security-card" aria-labelledby="xss-title">
            <h2 id="xss-title">{td!(locale, security.xss.title)}</h2>
            <p>{td!(locale, security.xss.about)}</p>
            <div class="field">
                <label for="xss-payload">{td!(locale, security.xss.payload)}</label>
                <select id="xss-payload" data-testid="xss-payload" prop:value=move || payload.get()
                    on:change=move |ev| payload.set(event_target_value(&ev))>
                    <option value="steal" selected=true>{td!(locale, security.xss.steal)}</option>
                    <option value="ride">{td!(locale, security.xss.ride)}</option>
                </select>
            </div>
            <label class="check">
                <input type="checkbox" data-testid="xss-csp" bind:checked=csp/>
                " " {td!(locale, security.xss.csp)}
            </label>
            <div class="button-row">
                <button type="button" class="button button--danger" data-testid="xss-run"
                    disabled=move || !lab.ready() || lab.waiting.get() on:click=run>
                    {td!(locale, security.xss.run)}
                </button>
            </div>
            {move || lab.frame_src.get().map(|src| view! {
                <iframe class="security-frame" src=src data-testid="xss-frame"
                    title=td_string!(locale, security.xss.frame)></iframe>
            })}
        </section>
    }
    .server_erased()
}
