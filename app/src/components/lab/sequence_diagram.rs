//! One request drawn as a sequence diagram (browser, server, store), from the server's
//! trace. The messages appear one after another when it is drawn, and all at once for
//! readers who ask for reduced motion; the trace list beside it says the same in words.

use leptos::{either::Either, prelude::*};

use crate::{
    api::{Outcome, RequestTrace},
    components::ServerErased,
    i18n::td_string,
    lang,
    model::sequence::{self, Lane},
};

const WIDTH: f64 = 540.0;
const TOP: f64 = 46.0;
const ROW: f64 = 30.0;

fn lane_x(lane: Lane) -> f64 {
    match lane {
        Lane::Browser => 70.0,
        Lane::Server => 270.0,
        Lane::Store => 470.0,
    }
}

fn outcome_class(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Ok => "ok",
        Outcome::Failed => "failed",
        Outcome::Info => "info",
    }
}

#[component]
pub fn SequenceDiagram(trace: RequestTrace) -> impl IntoView {
    let locale = lang::current();
    let messages = sequence::messages(locale, &trace);
    let height = TOP + ROW * messages.len() as f64 + 8.0;
    // Ids unique on the page: several diagrams may be open at once.
    let marker = format!("sequence-arrow-{}", trace.id);
    let title_id = format!("sequence-title-{}", trace.id);
    let labelled_by = title_id.clone();
    let summary = td_string!(
        locale,
        panes.sequence.summary,
        method = &trace.method,
        path = &trace.path,
        count = messages.len(),
        status = trace.status
    )
    .to_string();
    let lanes = [
        (
            Lane::Browser,
            td_string!(locale, panes.sequence.lane.browser),
        ),
        (Lane::Server, td_string!(locale, panes.sequence.lane.server)),
        (Lane::Store, td_string!(locale, panes.sequence.lane.store)),
    ];
    let rows = messages
        .into_iter()
        .enumerate()
        .map(|(i, message)| {
            let y = TOP + ROW * i as f64 + ROW / 2.0;
            // The stylesheet delays each step's entrance by its number (inline styles are
            // not allowed by the page's CSP); later steps share the last delay.
            let class = format!(
                "sequence__msg sequence__msg--{} sequence__step-{}",
                outcome_class(message.outcome),
                i.min(15)
            );
            let (from, to) = (lane_x(message.from), lane_x(message.to));
            let body =
                if message.is_note() {
                    Either::Left(view! {
                    <circle cx=from cy=y r="4"></circle>
                    <text class="sequence__note" x=from + 10.0 y=y + 4.0>{message.label}</text>
                }.server_erased())
                } else {
                    Either::Right(view! {
                    <line x1=from y1=y x2=to y2=y marker-end=format!("url(#{marker})")></line>
                    <text x=(from + to) / 2.0 y=y - 6.0 text-anchor="middle">{message.label}</text>
                }.server_erased())
                };
            view! { <g class=class>{body}</g> }
        })
        .collect_view();
    view! {
        <div class="sequence">
            <svg class="sequence__svg" viewBox=format!("0 0 {WIDTH} {height}")
                role="img" aria-labelledby=labelled_by data-testid="sequence">
                <title id=title_id>{summary}</title>
                <defs>
                    <marker id=marker viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7"
                        markerHeight="7" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" class="sequence__head"></path>
                    </marker>
                </defs>
                {lanes.into_iter().map(|(lane, name)| {
                    let x = lane_x(lane);
                    view! {
                        <text class="sequence__lane" x=x y="18" text-anchor="middle">{name}</text>
                        <line class="sequence__life" x1=x y1="26" x2=x y2=height - 4.0></line>
                    }
                }).collect_view()}
                {rows}
            </svg>
        </div>
    }
    .server_erased()
}
