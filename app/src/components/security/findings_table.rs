//! "What stops what": one row per attack and condition, with the server's report of the
//! newest run of it next to the defence that row is about, so the page ends with the answer
//! to "which flag stops which attack" in the reader's own results.

use std::sync::Arc;

use leptos::prelude::*;

use super::{loot_pane::describe, Board};
use crate::{
    i18n::{td, td_string, Locale},
    lang,
    model::security_findings::{self, Finding},
};

/// The attack's name, the condition and the defence of a loot-fed row.
fn words(locale: Locale, finding: Finding) -> (&'static str, &'static str, &'static str) {
    // Each row's two texts sit under its key in the catalog.
    macro_rules! row {
        ($key:ident) => {
            (
                td_string!(locale, security.findings.rows.$key.condition),
                td_string!(locale, security.findings.rows.$key.stops),
            )
        };
    }
    let (condition, stops) = match finding {
        Finding::XssToken => row!(xss_token),
        Finding::XssReadableCookie => row!(xss_readable_cookie),
        Finding::XssNothingToRead => row!(xss_nothing_to_read),
        Finding::XssRiding => row!(xss_riding),
        Finding::XssCsp => row!(xss_csp),
        Finding::CsrfGuarded => row!(csrf_guarded),
        Finding::CsrfUnguarded => row!(csrf_unguarded),
        Finding::CsrfToken => row!(csrf_token),
    };
    let attack = if finding.is_csrf() {
        td_string!(locale, security.findings.attack.csrf)
    } else {
        td_string!(locale, security.findings.attack.xss)
    };
    (attack, condition, stops)
}

#[component]
pub fn FindingsTable(board: Arc<Board>) -> impl IntoView {
    let locale = lang::current();
    let not_tried = td_string!(locale, security.findings.not_tried);
    // The column names head the table and also label each cell: a phone shows a row as a
    // card, with these names as the cells' labels, where four columns would not fit.
    let col_condition = td_string!(locale, security.findings.col_condition);
    let col_result = td_string!(locale, security.findings.col_result);
    let col_stops = td_string!(locale, security.findings.col_stops);
    let row = move |key: &str,
                    attack: &'static str,
                    condition: &'static str,
                    stops: &'static str,
                    result: Option<String>| {
        let tried = result.is_some().to_string();
        view! {
            <tr data-testid=format!("finding-{key}")>
                <th scope="row">{attack}</th>
                <td data-label=col_condition>{condition}</td>
                <td data-testid="finding-result" data-label=col_result data-tried=tried>
                    {result.unwrap_or_else(|| not_tried.to_owned())}
                </td>
                <td data-label=col_stops>{stops}</td>
            </tr>
        }
    };
    let loot_rows = Finding::ALL
        .into_iter()
        .map(|finding| {
            let (attack, condition, stops) = words(locale, finding);
            let result = security_findings::newest(&board.loot, finding)
                .map(|entry| describe(locale, entry).1.join(" "));
            row(finding.key(), attack, condition, stops, result)
        })
        .collect_view();
    let state = &board.state;
    let tampered = state
        .tampered
        .as_ref()
        .map(|t| format!("{} {}", t.status, t.code.clone().unwrap_or_default()));
    let fixation = state.fixation.replay.as_ref().map(|r| {
        let who = r
            .reason
            .clone()
            .or_else(|| r.user.clone())
            .unwrap_or_default();
        format!("{} {who}", r.status)
    });
    view! {
        <section class="card security-card findings" aria-labelledby="findings-title" data-testid="findings"
            id="security-findings" data-relay-region="">
            <h2 id="findings-title">{td!(locale, security.findings.title)}</h2>
            <p>{td!(locale, security.findings.intro)}</p>
            <div class="table-scroll">
                // Named by the card's title, so a screen reader's table list says what it is.
                <table class="findings__table" aria-labelledby="findings-title">
                    <thead><tr>
                        <th scope="col">{td!(locale, security.findings.col_attack)}</th>
                        <th scope="col">{col_condition}</th>
                        <th scope="col">{col_result}</th>
                        <th scope="col">{col_stops}</th>
                    </tr></thead>
                    <tbody>
                        {loot_rows}
                        {row(
                            "tamper",
                            td_string!(locale, security.findings.attack.tamper),
                            td_string!(locale, security.findings.rows.tamper.condition),
                            td_string!(locale, security.findings.rows.tamper.stops),
                            tampered,
                        )}
                        {row(
                            "fixation",
                            td_string!(locale, security.findings.attack.fixation),
                            td_string!(locale, security.findings.rows.fixation.condition),
                            td_string!(locale, security.findings.rows.fixation.stops),
                            fixation,
                        )}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}
