//! The attacker's pane: every entry the server filed under this visitor's lab ID, newest
//! first, each said in words.

use std::sync::Arc;

use leptos::{either::Either, prelude::*};

use super::Board;
use crate::{
    api::security::{CsrfTarget, LootEntry},
    i18n::{td, td_string, Locale},
    lang,
    model::security_relay,
};

/// One entry as sentences, and the word its test hook uses (the findings table reuses it).
pub(super) fn describe(locale: Locale, entry: &LootEntry) -> (&'static str, Vec<String>) {
    let status_with = |status: u16, user: &Option<String>| match user {
        Some(user) => format!(
            "{status} ({})",
            td_string!(locale, security.loot.as_user, user = user.clone())
        ),
        None => status.to_string(),
    };
    match entry {
        LootEntry::Storage {
            token,
            document_cookie,
            replays,
            ..
        } => {
            let token = token
                .as_deref()
                .map(|t| format!("{}…", t.chars().take(24).collect::<String>()))
                .unwrap_or_else(|| td_string!(locale, security.loot.none).to_owned());
            let cookie = if document_cookie.is_empty() {
                td_string!(locale, security.loot.empty_cookie).to_owned()
            } else {
                document_cookie.clone()
            };
            let mut lines =
                vec![td_string!(locale, security.loot.storage, token, cookie).to_string()];
            lines.extend(replays.iter().map(|r| {
                td_string!(
                    locale,
                    security.loot.replay,
                    request = r.request.clone(),
                    status = status_with(r.status, &r.username)
                )
                .to_string()
            }));
            ("storage", lines)
        }
        LootEntry::SessionRiding {
            request,
            status,
            username,
            ..
        } => (
            "riding",
            vec![td_string!(
                locale,
                security.loot.riding,
                request = request.clone(),
                status = status_with(*status, username)
            )
            .to_string()],
        ),
        LootEntry::CspBlocked { directive, .. } => (
            "csp",
            vec![td_string!(locale, security.loot.csp, directive = directive.clone()).to_string()],
        ),
        LootEntry::Csrf {
            target: CsrfTarget::Token,
            channel,
            authorization_sent,
            status,
            reason,
            ..
        } => {
            let auth = if *authorization_sent {
                td_string!(locale, security.loot.sent)
            } else {
                td_string!(locale, security.loot.not_sent)
            };
            let head = td_string!(
                locale,
                security.loot.csrf_token,
                channel = channel.clone(),
                auth,
                status = *status
            )
            .to_string();
            let outcome = reason
                .as_ref()
                .map(|reason| {
                    td_string!(locale, security.loot.refused, reason = reason.clone()).to_string()
                })
                .unwrap_or_default();
            ("csrf", vec![format!("{head}: {outcome}")])
        }
        LootEntry::Csrf {
            guarded,
            channel,
            cookie_sent,
            status,
            reason,
            changed_to,
            ..
        } => {
            let on_off = |on: bool| {
                if on {
                    td_string!(locale, security.loot.on)
                } else {
                    td_string!(locale, security.loot.off)
                }
            };
            let cookie = if *cookie_sent {
                td_string!(locale, security.loot.sent)
            } else {
                td_string!(locale, security.loot.not_sent)
            };
            let outcome = match (changed_to, reason) {
                (Some(name), _) => {
                    td_string!(locale, security.loot.changed, name = name.clone()).to_string()
                }
                (None, Some(reason)) => {
                    td_string!(locale, security.loot.refused, reason = reason.clone()).to_string()
                }
                (None, None) => String::new(),
            };
            let head = td_string!(
                locale,
                security.loot.csrf,
                channel = channel.clone(),
                guard = on_off(*guarded),
                cookie,
                status = *status
            )
            .to_string();
            ("csrf", vec![format!("{head}: {outcome}")])
        }
    }
}

#[component]
pub fn LootPane(board: Arc<Board>) -> impl IntoView {
    let locale = lang::current();
    let entries = if board.loot.is_empty() {
        Either::Left(view! { <p data-testid="loot-empty">{td!(locale, security.loot.empty)}</p> })
    } else {
        Either::Right(view! {
            <ol class="loot-list" reversed>
                {board.loot.iter().rev().map(|entry| {
                    let (kind, lines) = describe(locale, entry);
                    view! {
                        <li data-testid="loot-entry" data-kind=kind>
                            {lines.into_iter().map(|line| view! { <p>{line}</p> }).collect_view()}
                        </li>
                    }
                }).collect_view()}
            </ol>
        })
    };
    view! {
        <section class="card security-card attacker-pane" aria-labelledby="loot-title" data-testid="loot"
            id="security-loot" data-relay-region="">
            <h2 id="loot-title">{td!(locale, security.loot.title)}</h2>
            <div role="status" aria-live="polite">
                {board.state.watching().then(|| view! {
                    <p class="note" data-testid="loot-waiting">{td!(locale, security.loot.waiting)}</p>
                })}
                {board.state.no_report.then(|| view! {
                    <p class="note" data-testid="loot-no-report">
                        {td_string!(locale, security.loot.no_report, secs = security_relay::WAIT_SECS).to_string()}
                    </p>
                })}
            </div>
            {entries}
        </section>
    }
    .into_any()
}
