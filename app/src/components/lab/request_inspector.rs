//! One row per request: method, path, status, duration and credential bytes; expanding a
//! row shows what was sent, what came back, and the server's own step-by-step trace.

use leptos::{either::Either, prelude::*};

use super::sequence_diagram::SequenceDiagram;
use crate::{
    api::{Outcome, StepKind},
    components::ServerErased,
    i18n::{td, td_string, Locale},
    lang,
    model::{present, Lab, Mode, RequestRow},
};

/// The step's name in words (in English, its wire name with spaces).
pub(crate) fn step_name(locale: Locale, step: StepKind) -> &'static str {
    match step {
        StepKind::RequestReceived => td_string!(locale, panes.inspector.step.request_received),
        StepKind::CredentialsChecked => {
            td_string!(locale, panes.inspector.step.credentials_checked)
        }
        StepKind::CookieReceived => td_string!(locale, panes.inspector.step.cookie_received),
        StepKind::StoreLookup => td_string!(locale, panes.inspector.step.store_lookup),
        StepKind::SessionCreated => td_string!(locale, panes.inspector.step.session_created),
        StepKind::SessionIdCycled => td_string!(locale, panes.inspector.step.session_id_cycled),
        StepKind::IdleExtended => td_string!(locale, panes.inspector.step.idle_extended),
        StepKind::SessionDestroyed => td_string!(locale, panes.inspector.step.session_destroyed),
        StepKind::BearerReceived => td_string!(locale, panes.inspector.step.bearer_received),
        StepKind::HeaderChecked => td_string!(locale, panes.inspector.step.header_checked),
        StepKind::SignatureChecked => td_string!(locale, panes.inspector.step.signature_checked),
        StepKind::ClaimsChecked => td_string!(locale, panes.inspector.step.claims_checked),
        StepKind::ExpChecked => td_string!(locale, panes.inspector.step.exp_checked),
        StepKind::DenylistChecked => td_string!(locale, panes.inspector.step.denylist_checked),
        StepKind::DenylistAdded => td_string!(locale, panes.inspector.step.denylist_added),
        StepKind::RefreshChecked => td_string!(locale, panes.inspector.step.refresh_checked),
        StepKind::RefreshRotated => td_string!(locale, panes.inspector.step.refresh_rotated),
        StepKind::FamilyRevoked => td_string!(locale, panes.inspector.step.family_revoked),
        StepKind::TokenIssued => td_string!(locale, panes.inspector.step.token_issued),
        StepKind::SetCookie => td_string!(locale, panes.inspector.step.set_cookie),
        StepKind::Balancer => td_string!(locale, panes.inspector.step.balancer),
        StepKind::Responded => td_string!(locale, panes.inspector.step.responded),
    }
}

/// The step's mark, the word its CSS class uses, and that word for screen readers.
fn outcome_mark(locale: Locale, outcome: Outcome) -> (&'static str, &'static str, &'static str) {
    match outcome {
        Outcome::Ok => ("✓", "ok", td_string!(locale, panes.inspector.outcome.ok)),
        Outcome::Failed => (
            "✗",
            "failed",
            td_string!(locale, panes.inspector.outcome.failed),
        ),
        Outcome::Info => (
            "•",
            "info",
            td_string!(locale, panes.inspector.outcome.info),
        ),
    }
}

#[component]
fn InspectorRow(row: RequestRow) -> impl IntoView {
    let locale = lang::current();
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
    let (class, testid) = if row.foreign() {
        ("request request--foreign", "foreign-request-row")
    } else {
        ("request", "request-row")
    };
    view! {
        // What the row was for and how it ended, as data: the interview guide and the tests
        // wait on these instead of on the wording.
        // Each row is a region of its own: the relay adds a new one and leaves an opened
        // row as it is.
        <li class=class data-testid=testid data-kind=row.kind.key() data-mode=row.mode.label()
            data-status=row.status.to_string() id=format!("{}-request-{}", row.mode.label(), row.seq)
            data-relay-region="">
            <details>
                <summary>
                    <span class="request__seq">{format!("#{}", row.seq)}</span>
                    {row.foreign().then(|| view! { <span class="badge badge--foreign">{td!(locale, panes.inspector.not_from_this_page)}</span> })}
                    <span class="request__action">{row.action.clone()}</span>
                    <code class="request__line">{format!("{} {}", row.method, row.path)}</code>
                    <span class=status_class data-testid="request-status">{row.status}</span>
                    <span class="request__ms">{format!("{:.0} ms", row.duration_ms)}</span>
                    <span class="request__bytes">{row.auth_bytes.map(|b| td_string!(locale, panes.inspector.auth_bytes, bytes = present::bytes(locale, b)).to_string()).unwrap_or_else(|| td_string!(locale, panes.inspector.no_credential).into())}</span>
                </summary>
                <div class="request__detail">
                    <h4>{td!(locale, panes.inspector.sent)}</h4>
                    <p>{row.sent_auth.clone()}</p>
                    <h4>{td!(locale, panes.inspector.came_back)}</h4>
                    {(!headers.is_empty()).then(|| view! {
                        <p class="hint">{td!(locale, panes.inspector.headers_hint)}</p>
                        <pre class="headers" data-testid="response-headers">
                            {headers.into_iter().map(|h| format!("{}: {}\n", h.name, h.value)).collect::<String>()}
                        </pre>
                    })}
                    {if row.foreign() {
                        Either::Left(view! { <p class="hint">{td!(locale, panes.inspector.foreign_answer)}</p> }.server_erased())
                    } else {
                        Either::Right(view! { <pre>{row.response_body.clone()}</pre> }.server_erased())
                    }}
                    {row.trace.clone().map(|trace| view! {
                        <h4>{td!(locale, panes.inspector.as_sequence)}</h4>
                        <SequenceDiagram trace/>
                    })}
                    <h4>{td!(locale, panes.inspector.server_trace)}</h4>
                    {match row.trace.clone() {
                        Some(trace) => Either::Left(view! {
                            <ol class="trace" aria-label=td_string!(locale, panes.inspector.trace_label, id = &trace.id).to_string()>
                                {trace.steps.into_iter().map(|step| {
                                    let (mark, word, spoken) = outcome_mark(locale, step.outcome);
                                    view! {
                                        <li class=format!("trace__step trace__step--{word}")>
                                            <span aria-hidden="true">{mark}</span>
                                            <span class="visually-hidden">{spoken}</span>
                                            " " <strong>{step_name(locale, step.step)}</strong> ": " {step.detail}
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        }.server_erased()),
                        None => Either::Right(view! { <p>{td!(locale, panes.inspector.no_trace)}</p> }.server_erased()),
                    }}
                </div>
            </details>
        </li>
    }
    .server_erased()
}

// Clippy would have the empty list's words built eagerly (`then_some`), at every redraw.
#[allow(clippy::unnecessary_lazy_evaluations)]
#[component]
pub fn RequestInspector(lab: Lab, mode: Mode, #[prop(into)] title: String) -> impl IntoView {
    let locale = lang::current();
    let heading = title.clone();
    let has_rows = Memo::new(move |_| lab.requests.with(|rows| !rows.is_empty()));
    let id = |part: &str| format!("{}-{part}", mode.label());
    // The list is always there, so that rows only ever arrive in it: the island keys them,
    // the relay adds each as a region of its own. Either way a row someone has expanded
    // stays as it is when new rows arrive (the event feed adds them at any moment).
    view! {
        <section class="inspector" aria-label=title>
            <div id=id("inspector-head") data-relay-region=""
                data-feed=move || if lab.feed_live.get() { "live" } else { "off" }>
                <h2>{heading}</h2>
                <p class="hint">
                    {move || if lab.feed_live.get() {
                        td_string!(locale, panes.inspector.feed_live)
                    } else {
                        td_string!(locale, panes.inspector.feed_off)
                    }}
                </p>
            </div>
            <p class="hint" id=id("requests-empty") data-relay-region="">
                {move || (!has_rows.get()).then(|| td!(locale, panes.inspector.empty))}
            </p>
            <ol class="requests" reversed id=id("requests")>
                <For
                    each=move || lab.requests.get().into_iter().rev()
                    key=|row| row.seq
                    children=|row| view! { <InspectorRow row/> }
                />
            </ol>
        </section>
    }
    .server_erased()
}
