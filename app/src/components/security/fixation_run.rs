//! Session fixation: the attacker plants a session ID of their own before the victim logs
//! in; the login replaces it, so the planted ID is worthless afterwards.

use std::sync::Arc;

use leptos::prelude::*;

use super::{relay_button, Board};
use crate::{
    i18n::{td, td_string},
    lang,
    model::security_relay::Action,
};

#[component]
pub fn FixationRun(board: Arc<Board>) -> impl IntoView {
    let locale = lang::current();
    let fixation = &board.state.fixation;
    let planted = fixation.planted.is_some();
    let plant = fixation.planted.as_ref().map(|p| {
        let text = td_string!(locale, security.fixation.planted, hint = p.hint.clone()).to_string();
        view! { <p data-testid="fixation-planted">{text}</p> }
    });
    let cycled = fixation.issued.clone().map(|issued| {
        let text = match fixation.cycled_from.clone() {
            Some(old) => {
                td_string!(locale, security.fixation.cycled, old, new = issued).to_string()
            }
            None => td_string!(locale, security.fixation.fresh, new = issued).to_string(),
        };
        view! { <p data-testid="fixation-cycled">{text}</p> }
    });
    let replayed = fixation.replay.as_ref().map(|r| {
        let text = match (&r.user, &r.reason) {
            (Some(user), _) => td_string!(
                locale,
                security.fixation.replay_works,
                status = r.status,
                user = user.clone()
            )
            .to_string(),
            (None, reason) => td_string!(
                locale,
                security.fixation.replay_refused,
                status = r.status,
                code = reason.clone().unwrap_or_default()
            )
            .to_string(),
        };
        view! { <p data-testid="fixation-replayed">{text}</p> }
    });
    view! {
        <section class="card security-card" aria-labelledby="fixation-title" id="security-fixation" data-relay-region="">
            <h2 id="fixation-title">{td!(locale, security.fixation.title)}</h2>
            <p>{td!(locale, security.fixation.about)}</p>
            <div class="button-row">
                {relay_button(&board, Action::Plant, true, "fixation-plant", "button button--danger",
                    td_string!(locale, security.fixation.plant))}
                {relay_button(&board, Action::FixationLogIn, planted, "fixation-login", "button",
                    td_string!(locale, security.fixation.login))}
                {relay_button(&board, Action::FixationReplay, planted, "fixation-replay", "button button--danger",
                    td_string!(locale, security.fixation.replay))}
            </div>
            <div role="status" aria-live="polite" data-testid="fixation-state">
                {plant}
                {cycled}
                {replayed}
            </div>
        </section>
    }
    .into_any()
}
