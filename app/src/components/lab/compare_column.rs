//! One mode's column on `/compare`: its outcome, lifetimes, state panes and requests.

use leptos::prelude::*;

use super::{ExpiryPanel, OutcomeBanner, RequestInspector, StatePanes};
use crate::{
    i18n::td_string,
    lang,
    model::{Lab, Mode},
};

#[component]
pub fn CompareColumn(lab: Lab, mode: Mode) -> impl IntoView {
    let locale = lang::current();
    let (title, outcome, requests) = match mode {
        Mode::Session => (
            td_string!(locale, lab.column.session_title),
            td_string!(locale, lab.outcome_label.session),
            td_string!(locale, lab.column.session_requests),
        ),
        Mode::Token => (
            td_string!(locale, lab.column.token_title),
            td_string!(locale, lab.outcome_label.token),
            td_string!(locale, lab.column.token_requests),
        ),
    };
    view! {
        <div class="compare__col">
            <h2>{title}</h2>
            <OutcomeBanner lab mode label=outcome/>
            <ExpiryPanel lab mode/>
            <StatePanes lab mode/>
            <RequestInspector lab mode title=requests/>
        </div>
    }
}
