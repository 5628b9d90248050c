//! The body every lab page shares: the login form and the mode's actions, the outcome
//! banner and lifetimes, the three state zones, and the request inspector.

use leptos::prelude::*;

use super::{
    ExpiryPanel, LastRequestDiagram, LoginForm, OutcomeBanner, RequestInspector, StatePanes,
};
use crate::model::{Lab, Mode};

#[component]
pub fn LabWorkbench(lab: Lab, mode: Mode, children: Children) -> impl IntoView {
    view! {
        <div class="lab-grid">
            <div class="lab-grid__controls">
                <LoginForm lab mode/>
                {children()}
            </div>
            <div class="lab-grid__side">
                <OutcomeBanner lab label=format!("{} outcome", mode.label())/>
                <ExpiryPanel lab mode/>
            </div>
        </div>
        <StatePanes lab mode/>
        <LastRequestDiagram lab mode/>
        <RequestInspector lab title="Requests and the server's trace"/>
    }
    .into_any()
}
