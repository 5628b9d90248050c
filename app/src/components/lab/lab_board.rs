//! A lab page's board as the server draws it for the relay (`/session`, `/token`): the
//! workbench in regions, and the moments at which it changes by itself (an expiry), for
//! the relay to ask again.

use leptos::{either::Either, prelude::*};

use super::{LabWorkbench, PageSessionCard, RefreshPanel, SessionActions, TokenActions};
use crate::{
    i18n::{td, td_string, Locale},
    lang,
    model::{lab_relay::PageCard, Lab, Mode},
};

/// The element each step's drawing replaces, region by region.
pub const BOARD_ID: &str = "lab-board";

/// The server's event feed, which lists requests sent elsewhere (another tab, curl).
pub(super) const FEED_URL: &str = "/api/inspect/events";

/// Present while the server draws a board for the relay: the components then draw the
/// controls the relay runs (`data-relay-action`).
#[derive(Debug, Clone, Copy)]
pub struct Relayed;

#[component]
pub fn LabBoard(lab: Lab, mode: Mode, page: Option<PageCard>, due: Vec<i64>) -> impl IntoView {
    provide_context(Relayed);
    let locale = lang::current();
    let body = match mode {
        Mode::Session => {
            let PageCard {
                view,
                form_error,
                logged_out,
            } = page.unwrap_or(PageCard {
                view: None,
                form_error: None,
                logged_out: false,
            });
            Either::Left(view! {
                <LabWorkbench lab mode=Mode::Session>
                    <PageSessionCard lab view form_error logged_out/>
                    <SessionActions lab/>
                </LabWorkbench>
            })
        }
        // A token in localStorage exists only through scripts: without them the page
        // says why (the relay's first drawing has it gone).
        Mode::Token => Either::Right(view! {
            <div id="token-needs-script" data-relay-region="">
                {(!lab.hydrated.get_untracked()).then(|| view! {
                    <p class="banner banner--warning" data-testid="needs-script">
                        {td!(locale, lab.needs_script)}
                    </p>
                })}
            </div>
            <LabWorkbench lab mode=Mode::Token>
                <TokenActions lab/>
                <RefreshPanel lab/>
            </LabWorkbench>
        }),
    };
    let paths = match mode {
        Mode::Session => "/api/session/ /api/lab/",
        Mode::Token => "/api/token/",
    };
    // The relay reports what only the browser knows (`document.cookie`, localStorage, its
    // time zone) with every step.
    view! {
        <div id=BOARD_ID class="lab-board" data-relay-browser="" data-relay-start=""
            data-relay-feed=FEED_URL data-relay-feed-paths=paths>
            {step_error(locale)}
            {body}
            {due_marker(&due)}
        </div>
    }
}

/// The board's banner for a step that failed, in the page's language (the relay shows it).
pub(super) fn step_error(locale: Locale) -> impl IntoView {
    view! {
        <p class="banner banner--bad" id="lab-step-error" role="alert" hidden
            data-relay-region="" data-relay-error=td_string!(locale, lab.step_failed)></p>
    }
}

/// The expiries ahead, for the relay to ask for a redraw as each passes.
pub(super) fn due_marker(due: &[i64]) -> impl IntoView {
    let due = due.iter().map(i64::to_string).collect::<Vec<_>>().join(" ");
    view! { <span id="lab-due" hidden data-relay-region="" data-relay-due=due></span> }
}

/// The feed paths `/compare` lists: both modes'.
pub(super) const COMPARE_FEED_PATHS: &str = "/api/session/ /api/lab/ /api/token/";
