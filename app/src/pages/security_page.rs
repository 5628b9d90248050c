//! `/security`: the classic attacks, run against this server from a second site.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::security::AttackerSite,
    client::TOKEN_KEY,
    components::security::{Board, SecurityBoard},
    i18n::{td, td_string},
    islands::Relay,
    lang,
    security_step::{first_state, BOARD_ID},
};

#[component]
pub fn SecurityPage() -> impl IntoView {
    let locale = lang::current();
    // The server always attaches where the attacker is, with a fresh lab ID for this page.
    // The board waits, disabled, for the relay to start; every later drawing comes from
    // the step endpoint, in the page's language.
    let lab = crate::components::lab::request_extension::<AttackerSite>().map(|site| {
        let state = first_state(&site);
        let json = serde_json::to_string(&state).unwrap_or_default();
        let board = Board {
            state,
            site,
            loot: Vec::new(),
            has_token: false,
            ready: false,
        };
        let endpoint = format!("/api/lab/security/step?lang={}", lang::tag(locale));
        view! {
            <SecurityBoard board=Arc::new(board)/>
            <Relay endpoint board=BOARD_ID.to_owned() state=json token_key=TOKEN_KEY.to_owned()/>
        }
    });
    view! {
        <Title text=td_string!(locale, security.title)/>
        <header class="page-head">
            <h1>{td!(locale, security.title)}</h1>
            <p class="lead">{td!(locale, security.lede)}</p>
        </header>
        {lab}
    }
    .into_any()
}
