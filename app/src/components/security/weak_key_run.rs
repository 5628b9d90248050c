//! The weak-key lesson: a token signed with a word from a public list is cracked offline
//! by the lab server playing the attacker; the same list against this server's own token
//! finds nothing.

use std::sync::Arc;

use leptos::prelude::*;

use super::{relay_button, Board};
use crate::{
    i18n::{td, td_string, Locale},
    lang,
    model::{security_relay::Action, tamper::Crack},
};

fn said(locale: Locale, crack: &Crack) -> String {
    match crack {
        Crack::Found { word, tries } => td_string!(
            locale,
            security.weak.found,
            tries = *tries,
            word = word.clone()
        )
        .to_string(),
        Crack::NotFound { tries } => {
            td_string!(locale, security.weak.not_found, tries = *tries).to_string()
        }
        Crack::Unavailable => td_string!(locale, security.weak.unavailable).to_string(),
    }
}

#[component]
pub fn WeakKeyRun(board: Arc<Board>) -> impl IntoView {
    let locale = lang::current();
    let weak = board
        .state
        .weak
        .as_ref()
        .map(|c| view! { <p data-testid="weak-result">{said(locale, c)}</p> });
    let mine = board
        .state
        .mine
        .as_ref()
        .map(|c| view! { <p data-testid="weak-result-mine">{said(locale, c)}</p> });
    view! {
        <section class="card security-card" aria-labelledby="weak-title" id="security-weak" data-relay-region="">
            <h2 id="weak-title">{td!(locale, security.weak.title)}</h2>
            <p>{td!(locale, security.weak.about)}</p>
            <div class="button-row">
                {relay_button(&board, Action::Weak, true, "weak-crack", "button button--danger",
                    td_string!(locale, security.weak.crack_weak))}
                {relay_button(&board, Action::WeakMine, board.has_token, "weak-crack-mine", "button button--quiet",
                    td_string!(locale, security.weak.crack_mine))}
            </div>
            <div role="status" aria-live="polite">
                {weak}
                {mine}
            </div>
        </section>
    }
    .into_any()
}
