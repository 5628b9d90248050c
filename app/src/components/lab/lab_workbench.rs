//! The body every lab page shares: the login form and the mode's actions, the outcome
//! banner and lifetimes, the three state zones, and the request inspector.

use leptos::prelude::*;

use super::{
    ExpiryPanel, LastRequestDiagram, LoginForm, OutcomeBanner, RequestInspector, StatePanes,
};
use crate::{
    components::ServerErased,
    i18n::td_string,
    lang,
    model::{Lab, Mode},
};

/// Takes typed children: `Children` would erase them to `AnyView`, whose vtable keeps
/// every async-hydration path in the wasm.
#[component]
pub fn LabWorkbench<C>(lab: Lab, mode: Mode, children: TypedChildren<C>) -> impl IntoView
where
    C: IntoView + 'static,
{
    let locale = lang::current();
    // The banner's accessible name (part of the test contract in end2end/README.md).
    let outcome = match mode {
        Mode::Session => td_string!(locale, lab.outcome_label.session),
        Mode::Token => td_string!(locale, lab.outcome_label.token),
    };
    view! {
        <div class="lab-grid">
            <div class="lab-grid__controls">
                <LoginForm lab mode/>
                {children.into_inner()()}
            </div>
            <div class="lab-grid__side">
                <OutcomeBanner lab mode label=outcome/>
                <ExpiryPanel lab mode/>
            </div>
        </div>
        <StatePanes lab mode/>
        <LastRequestDiagram lab mode/>
        <RequestInspector lab mode title=td_string!(locale, lab.inspector_title)/>
    }
    .server_erased()
}
