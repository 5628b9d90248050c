//! "What stops what": one row per attack and condition, with the server's report of the
//! newest run of it next to the defence that row is about, so the page ends with the answer
//! to "which flag stops which attack" in the reader's own results.

use leptos::prelude::*;

use super::loot_pane::describe;
use crate::{
    components::ServerErased,
    i18n::{td, td_string, Locale},
    lang,
    model::{
        security_findings::{self, Finding},
        security_lab::SecurityLab,
    },
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
pub fn FindingsTable(lab: SecurityLab) -> impl IntoView {
    let locale = lang::current();
    let not_tried = move || td_string!(locale, security.findings.not_tried).to_owned();
    // The column names head the table and also label each cell: a phone shows a row as a
    // card, with these names as the cells' labels, where four columns would not fit.
    let col_condition = td_string!(locale, security.findings.col_condition);
    let col_result = td_string!(locale, security.findings.col_result);
    let col_stops = td_string!(locale, security.findings.col_stops);
    let row = move |key: String,
                    attack: &'static str,
                    condition: &'static str,
                    stops: &'static str,
                    result: Signal<Option<String>>| {
        view! {
            <tr data-testid=format!("finding-{key}")>
                <th scope="row">{attack}</th>
                <td data-label=col_condition>{condition}</td>
                <td
                    data-testid="finding-result"
                    data-label=col_result
                    data-tried=move || result.get().is_some().to_string()
                >
                    {move || result.get().unwrap_or_else(not_tried)}
                </td>
                <td data-label=col_stops>{stops}</td>
            </tr>
        }
    };
    let loot_rows = Finding::ALL
        .into_iter()
        .map(|finding| {
            let (attack, condition, stops) = words(locale, finding);
            let result = Signal::derive(move || {
                lab.loot.with(|loot| {
                    security_findings::newest(loot, finding)
                        .map(|entry| describe(locale, entry).1.join(" "))
                })
            });
            row(finding.key().to_owned(), attack, condition, stops, result)
        })
        .collect_view();
    let tampered = Signal::derive(move || {
        lab.tampered
            .get()
            .map(|t| format!("{} {}", t.status, t.code.unwrap_or_default()))
    });
    let fixation = Signal::derive(move || {
        lab.fixation.get().replay.map(|(status, user, reason)| {
            format!("{status} {}", reason.or(user).unwrap_or_default())
        })
    });
    view! {
        <section class="card security-card findings" aria-labelledby="findings-title" data-testid="findings">
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
                            "tamper".into(),
                            td_string!(locale, security.findings.attack.tamper),
                            td_string!(locale, security.findings.rows.tamper.condition),
                            td_string!(locale, security.findings.rows.tamper.stops),
                            tampered,
                        )}
                        {row(
                            "fixation".into(),
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
    .server_erased()
}
