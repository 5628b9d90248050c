//! The XSS run: a payload from a fixed list, the CSP switch, and the vulnerable page framed
//! below, where the payload really runs. The frame is a region of its own: it is drawn
//! again only for a new run, so a run's payload runs once.

use std::sync::Arc;

use leptos::prelude::*;

use super::{relay_button, Board};
use crate::{
    i18n::{td, td_string},
    lang,
    model::security_relay::{Action, Payload},
};

#[component]
pub fn XssRun(board: Arc<Board>) -> impl IntoView {
    let locale = lang::current();
    let form = &board.state.form;
    let idle = !board.ready;
    let frame = board.state.frame_src(locale).map(|src| {
        view! {
            <iframe class="security-frame" src=src data-testid="xss-frame"
                title=td_string!(locale, security.xss.frame)></iframe>
        }
    });
    view! {
        <section class="card security-card" aria-labelledby="xss-title">
            <div id="security-xss" data-relay-region="">
                <h2 id="xss-title">{td!(locale, security.xss.title)}</h2>
                <p>{td!(locale, security.xss.about)}</p>
                <div class="field">
                    <label for="xss-payload">{td!(locale, security.xss.payload)}</label>
                    <select id="xss-payload" data-testid="xss-payload" data-relay-field="payload" disabled=idle>
                        <option value="steal" selected=form.payload == Payload::StealStorage>{td!(locale, security.xss.steal)}</option>
                        <option value="ride" selected=form.payload == Payload::RideSession>{td!(locale, security.xss.ride)}</option>
                    </select>
                </div>
                <label class="check">
                    <input type="checkbox" id="xss-csp" data-testid="xss-csp" data-relay-field="csp"
                        checked=form.csp disabled=idle/>
                    " " {td!(locale, security.xss.csp)}
                </label>
                <div class="button-row">
                    {relay_button(&board, Action::Xss, board.attacks(), "xss-run", "button button--danger",
                        td_string!(locale, security.xss.run))}
                </div>
            </div>
            <div id="security-xss-frame" data-relay-region="">{frame}</div>
        </section>
    }
    .into_any()
}
