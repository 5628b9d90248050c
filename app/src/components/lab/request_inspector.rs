//! One row per request: method, path, status, duration and credential bytes; expanding a
//! row shows what was sent, what came back, and the server's own step-by-step trace.

use leptos::prelude::*;

use super::sequence_diagram::SequenceDiagram;
use crate::{
    api::{Outcome, StepKind},
    model::{present, Lab, RequestRow},
};

fn step_name(step: StepKind) -> String {
    serde_json::to_value(step)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
        .unwrap_or_default()
}

fn outcome_mark(outcome: Outcome) -> (&'static str, &'static str) {
    match outcome {
        Outcome::Ok => ("✓", "ok"),
        Outcome::Failed => ("✗", "failed"),
        Outcome::Info => ("•", "info"),
    }
}

#[component]
fn InspectorRow(row: RequestRow) -> impl IntoView {
    let status_class = if row.status < 300 {
        "status status--ok"
    } else {
        "status status--bad"
    };
    let headers = row
        .trace
        .as_ref()
        .map(|t| t.response_headers.clone())
        .unwrap_or_default();
    // Rows from the server's event feed get their own test id, so a test that reads "the
    // newest request of this page" is never handed someone else's.
    let (class, testid) = if row.foreign {
        ("request request--foreign", "foreign-request-row")
    } else {
        ("request", "request-row")
    };
    view! {
        <li class=class data-testid=testid>
            <details>
                <summary>
                    <span class="request__seq">{format!("#{}", row.seq)}</span>
                    {row.foreign.then(|| view! { <span class="badge badge--foreign">"not from this page"</span> })}
                    <span class="request__action">{row.action.clone()}</span>
                    <code class="request__line">{format!("{} {}", row.method, row.path)}</code>
                    <span class=status_class data-testid="request-status">{row.status}</span>
                    <span class="request__ms">{format!("{:.0} ms", row.duration_ms)}</span>
                    <span class="request__bytes">{row.auth_bytes.map(|b| format!("auth {}", present::bytes(b))).unwrap_or_else(|| "no credential".into())}</span>
                </summary>
                <div class="request__detail">
                    <h4>"Sent"</h4>
                    <p>{row.sent_auth.clone()}</p>
                    <h4>"Came back"</h4>
                    {(!headers.is_empty()).then(|| view! {
                        <p class="hint">"Response headers that carry the lesson, as the server sent them (a session ID is shown as its hint):"</p>
                        <pre class="headers" data-testid="response-headers">
                            {headers.into_iter().map(|h| format!("{}: {}\n", h.name, h.value)).collect::<String>()}
                        </pre>
                    })}
                    {if row.foreign {
                        view! { <p class="hint">"The answer went to whoever sent the request; the server's record of it is below."</p> }.into_any()
                    } else {
                        view! { <pre>{row.response_body.clone()}</pre> }.into_any()
                    }}
                    {row.trace.clone().map(|trace| view! {
                        <h4>"As a sequence"</h4>
                        <SequenceDiagram trace/>
                    })}
                    <h4>"The server's trace"</h4>
                    {match row.trace.clone() {
                        Some(trace) => view! {
                            <ol class="trace" aria-label=format!("Server trace {}", trace.id)>
                                {trace.steps.into_iter().map(|step| {
                                    let (mark, word) = outcome_mark(step.outcome);
                                    view! {
                                        <li class=format!("trace__step trace__step--{word}")>
                                            <span aria-hidden="true">{mark}</span>
                                            <span class="visually-hidden">{word}</span>
                                            " " <strong>{step_name(step.step)}</strong> ": " {step.detail}
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        }.into_any(),
                        None => view! { <p>"No trace (inspection is off on this server)."</p> }.into_any(),
                    }}
                </div>
            </details>
        </li>
    }
    .into_any()
}

#[component]
pub fn RequestInspector(lab: Lab, #[prop(into)] title: String) -> impl IntoView {
    let heading = title.clone();
    view! {
        <section class="inspector" aria-label=title
            data-feed=move || if lab.feed_live.get() { "live" } else { "off" }>
            <h2>{heading}</h2>
            <p class="hint">
                {move || if lab.feed_live.get() {
                    "Requests to this mode's endpoints that anyone else makes (curl, another tab) appear here too, marked as not from this page."
                } else {
                    "This page's own requests appear here with the server's account of each."
                }}
            </p>
            <Show when=move || !lab.requests.get().is_empty() fallback=|| view! {
                <p class="hint">"No requests yet. Every request you make appears here, with the server's own account of it."</p>
            }>
                <ol class="requests" reversed>
                    // Keyed, so a row someone has expanded stays as it is when new rows
                    // arrive (the event feed adds them at any moment).
                    <For
                        each=move || lab.requests.get().into_iter().rev()
                        key=|row| row.seq
                        children=|row| view! { <InspectorRow row/> }
                    />
                </ol>
            </Show>
        </section>
    }
    .into_any()
}
