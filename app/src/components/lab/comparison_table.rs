//! The differences between the two modes, measured from the same actions: every number
//! comes from the requests the page made and the server's traces and store.

use leptos::prelude::*;

use crate::model::{present, Lab, RequestRow};

/// One table cell: recomputed whenever the signals it reads change.
type Cell = Box<dyn Fn() -> String + Send + Sync>;

/// The newest inspector row for `action`.
fn latest(lab: Lab, action: &'static str) -> Option<RequestRow> {
    lab.requests
        .get()
        .into_iter()
        .rev()
        .find(|r| r.action == action)
}

fn credential(row: Option<RequestRow>) -> String {
    match row {
        Some(RequestRow {
            auth_bytes: Some(bytes),
            ..
        }) => present::bytes(bytes),
        Some(_) => "none sent".into(),
        None => "—".into(),
    }
}

fn server_time(row: Option<RequestRow>) -> String {
    row.and_then(|r| r.trace)
        .map(|t| format!("{:.2} ms", t.duration_ms))
        .unwrap_or_else(|| "—".into())
}

fn answer(row: Option<RequestRow>) -> String {
    match row {
        None => "—".into(),
        Some(r) if r.status < 300 => format!("{} (accepted)", r.status),
        Some(r) => format!("{} {}", r.status, r.refusal_code.unwrap_or_default()),
    }
}

fn kept(lab: Lab) -> String {
    match lab.store.get() {
        Some(store) => {
            let (sessions, denied) = present::kept_for_you(&store, &lab.my_hints.get());
            present::bytes(sessions + denied)
        }
        None => "—".into(),
    }
}

#[component]
pub fn ComparisonTable(session: Lab, token: Lab) -> impl IntoView {
    let rows: Vec<(&'static str, Cell, Cell)> = vec![
        (
            "Where the login lives",
            Box::new(|| "server store row, ID in an HttpOnly cookie".into()),
            Box::new(|| "the token itself, in localStorage".into()),
        ),
        (
            "Credential bytes on the last /me",
            Box::new(move || credential(latest(session, "Call /me"))),
            Box::new(move || credential(latest(token, "Call /me"))),
        ),
        (
            "Server time for the last /me",
            Box::new(move || server_time(latest(session, "Call /me"))),
            Box::new(move || server_time(latest(token, "Call /me"))),
        ),
        (
            "Kept on the server for you",
            Box::new(move || kept(session)),
            Box::new(move || kept(token)),
        ),
        (
            "Last /me answer",
            Box::new(move || answer(latest(session, "Call /me"))),
            Box::new(move || answer(latest(token, "Call /me"))),
        ),
        (
            "Old credential replayed after logout",
            Box::new(move || answer(latest(session, "Attacker replays the old cookie"))),
            Box::new(move || answer(latest(token, "Replay the old token"))),
        ),
    ];
    view! {
        <section class="card comparison" aria-labelledby="comparison-title">
            <h2 id="comparison-title">"Side by side"</h2>
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr><th scope="col">"Measured"</th><th scope="col">"Session mode"</th><th scope="col">"Token mode"</th></tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|(label, left, right)| view! {
                            <tr>
                                <th scope="row">{label}</th>
                                <td data-testid=format!("session: {label}")>{left}</td>
                                <td data-testid=format!("token: {label}")>{right}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}
