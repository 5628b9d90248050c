//! One row per request: method, path, status, duration and credential bytes; expanding a
//! row shows what was sent, what came back, and the server's own step-by-step trace.

use leptos::prelude::*;

use crate::{
    api::{Outcome, StepKind},
    lab::{present, Lab, RequestRow},
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
    let set_cookie = row
        .trace
        .as_ref()
        .and_then(|t| t.steps.iter().find(|s| s.step == StepKind::SetCookie))
        .map(|s| s.detail.clone());
    view! {
        <li class="request" data-testid="request-row">
            <details>
                <summary>
                    <span class="request__seq">{format!("#{}", row.seq)}</span>
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
                    {set_cookie.map(|line| view! { <p>"Set-Cookie: " <code>{line}</code></p> })}
                    <pre>{row.response_body.clone()}</pre>
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
        <section class="inspector" aria-label=title>
            <h2>{heading}</h2>
            <Show when=move || !lab.requests.get().is_empty() fallback=|| view! {
                <p class="hint">"No requests yet. Every request you make appears here, with the server's own account of it."</p>
            }>
                <ol class="requests" reversed>
                    {move || lab.requests.get().into_iter().rev().map(|row| view! { <InspectorRow row/> }).collect_view()}
                </ol>
            </Show>
        </section>
    }
    .into_any()
}
