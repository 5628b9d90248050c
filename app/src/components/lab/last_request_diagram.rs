//! "The last request, step by step": the newest request this page made, drawn from the
//! server's trace, so a learner sees where it went before reading a word.

use leptos::{either::Either, prelude::*};

use super::sequence_diagram::SequenceDiagram;
use crate::{
    components::ServerErased,
    i18n::{td, td_string},
    lang,
    model::{Lab, Mode},
};

#[component]
pub fn LastRequestDiagram(lab: Lab, mode: Mode) -> impl IntoView {
    let locale = lang::current();
    let newest = move || {
        lab.requests.with(|rows| {
            rows.iter()
                .rev()
                .find(|row| !row.foreign())
                .and_then(|row| Some((row.seq, row.action.clone(), row.trace.clone()?)))
        })
    };
    view! {
        <section class="card last-request" aria-labelledby=format!("{}-last-title", mode.label())
            id=format!("{}-last-request", mode.label()) data-relay-region="">
            <h2 id=format!("{}-last-title", mode.label())>{td!(locale, panes.last_request.title)}</h2>
            {move || match newest() {
                Some((seq, action, trace)) => Either::Left(view! {
                    <p class="hint">{td_string!(locale, panes.last_request.caption, seq = seq, action = action).to_string()}</p>
                    <SequenceDiagram trace/>
                }.server_erased()),
                None => Either::Right(view! {
                    <p class="hint">{td!(locale, panes.last_request.empty)}</p>
                }.server_erased()),
            }}
        </section>
    }
    .server_erased()
}
