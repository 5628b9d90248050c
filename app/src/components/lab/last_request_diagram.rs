//! "The last request, step by step": the newest request this page made, drawn from the
//! server's trace, so a learner sees where it went before reading a word.

use leptos::prelude::*;

use super::sequence_diagram::SequenceDiagram;
use crate::model::{Lab, Mode};

#[component]
pub fn LastRequestDiagram(lab: Lab, mode: Mode) -> impl IntoView {
    let newest = move || {
        lab.requests.with(|rows| {
            rows.iter()
                .rev()
                .find(|row| !row.foreign)
                .and_then(|row| Some((row.seq, row.action.clone(), row.trace.clone()?)))
        })
    };
    view! {
        <section class="card last-request" aria-labelledby=format!("{}-last-title", mode.label())>
            <h2 id=format!("{}-last-title", mode.label())>"The last request, step by step"</h2>
            {move || match newest() {
                Some((seq, action, trace)) => view! {
                    <p class="hint">{format!("#{seq} {action}, as the server traced it:")}</p>
                    <SequenceDiagram trace/>
                }.into_any(),
                None => view! {
                    <p class="hint">"Make a request: its path through the browser, the server and the store is drawn here, from the server's trace."</p>
                }.into_any(),
            }}
        </section>
    }
    .into_any()
}
