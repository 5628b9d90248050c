//! The differences between the two modes, measured from the same actions: every number
//! comes from the requests the page made and the server's traces and store.

use leptos::prelude::*;

use crate::{
    components::ServerErased,
    i18n::{td, td_string, Locale},
    lang,
    model::{present, Lab, RequestRow, RowKind},
};

/// One table cell: recomputed whenever the signals it reads change.
type Cell = Box<dyn Fn() -> String + Send + Sync>;

/// The newest inspector row of `kind` that this page sent.
fn latest(lab: Lab, kind: RowKind) -> Option<RequestRow> {
    lab.requests
        .with(|rows| rows.iter().rev().find(|r| r.kind == kind).cloned())
}

fn credential(locale: Locale, row: Option<RequestRow>) -> String {
    match row {
        Some(RequestRow {
            auth_bytes: Some(bytes),
            ..
        }) => present::bytes(locale, bytes),
        Some(_) => td_string!(locale, lab.table.none_sent).into(),
        None => "—".into(),
    }
}

fn server_time(row: Option<RequestRow>) -> String {
    row.and_then(|r| r.trace)
        .map(|t| format!("{:.2} ms", t.duration_ms))
        .unwrap_or_else(|| "—".into())
}

fn answer(locale: Locale, row: Option<RequestRow>) -> String {
    match row {
        None => "—".into(),
        Some(r) if r.status < 300 => td_string!(locale, lab.table.accepted, status = r.status),
        Some(r) => format!("{} {}", r.status, r.refusal_code.unwrap_or_default()),
    }
}

fn kept(locale: Locale, lab: Lab) -> String {
    match lab.store.get() {
        Some(store) => {
            let (sessions, denied) = present::kept_for_you(&store, &lab.my_hints.get());
            present::bytes(locale, sessions + denied)
        }
        None => "—".into(),
    }
}

#[component]
pub fn ComparisonTable(session: Lab, token: Lab) -> impl IntoView {
    let locale = lang::current();
    // Each row: its test id's label (the English text, part of the test contract in
    // end2end/README.md), the label shown, and the two cells.
    let rows: Vec<(&'static str, &'static str, Cell, Cell)> = vec![
        (
            "Where the login lives",
            td_string!(locale, lab.table.rows.where_login),
            Box::new(move || td_string!(locale, lab.table.session_where).into()),
            Box::new(move || td_string!(locale, lab.table.token_where).into()),
        ),
        (
            "Credential bytes on the last /me",
            td_string!(locale, lab.table.rows.credential_bytes),
            Box::new(move || credential(locale, latest(session, RowKind::CallMe))),
            Box::new(move || credential(locale, latest(token, RowKind::CallMe))),
        ),
        (
            "Server time for the last /me",
            td_string!(locale, lab.table.rows.server_time),
            Box::new(move || server_time(latest(session, RowKind::CallMe))),
            Box::new(move || server_time(latest(token, RowKind::CallMe))),
        ),
        (
            "Kept on the server for you",
            td_string!(locale, lab.table.rows.kept),
            Box::new(move || kept(locale, session)),
            Box::new(move || kept(locale, token)),
        ),
        (
            "Last /me answer",
            td_string!(locale, lab.table.rows.last_answer),
            Box::new(move || answer(locale, latest(session, RowKind::CallMe))),
            Box::new(move || answer(locale, latest(token, RowKind::CallMe))),
        ),
        (
            "Old credential replayed after logout",
            td_string!(locale, lab.table.rows.replayed),
            Box::new(move || answer(locale, latest(session, RowKind::StolenDeadCookie))),
            Box::new(move || answer(locale, latest(token, RowKind::CopiedToken))),
        ),
    ];
    view! {
        <section class="card comparison" aria-labelledby="comparison-title" id="comparison" data-relay-region="">
            <h2 id="comparison-title">{td!(locale, lab.table.title)}</h2>
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{td!(locale, lab.table.measured)}</th>
                            <th scope="col">{td!(locale, lab.table.session_mode)}</th>
                            <th scope="col">{td!(locale, lab.table.token_mode)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|(id, label, left, right)| view! {
                            <tr>
                                <th scope="row">{label}</th>
                                <td data-testid=format!("session: {id}")>{left}</td>
                                <td data-testid=format!("token: {id}")>{right}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .server_erased()
}
