//! `/compare`: both modes side by side, driven by the same actions.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::lab::{
        BenchFigures, CompareControls, ComparisonTable, ExpiryPanel, OutcomeBanner,
        RequestInspector, StatePanes,
    },
    model::{start_in_browser, Lab, Mode},
};

#[component]
fn CompareColumn(lab: Lab, mode: Mode) -> impl IntoView {
    view! {
        <div class="compare__col">
            <h2>{format!("{} mode", mode.label())}</h2>
            <OutcomeBanner lab label=format!("{} outcome", mode.label())/>
            <ExpiryPanel lab mode/>
            <StatePanes lab mode/>
            <RequestInspector lab title=format!("{} requests", mode.label())/>
        </div>
    }
    .into_any()
}

#[component]
pub fn ComparePage() -> impl IntoView {
    let session = Lab::new();
    let token = Lab::new();
    start_in_browser(session, Mode::Session);
    start_in_browser(token, Mode::Token);

    view! {
        <Title text="Compare"/>
        <header class="page-head">
            <p class="eyebrow">"Same actions, two answers"</p>
            <h1>"Compare both modes"</h1>
            <p class="lead">
                "Every button acts in both modes at once, against the same server, so the \
                 differences line up: what travels with each request, what the server keeps, \
                 and what logout and expiry really do."
            </p>
        </header>
        <CompareControls session token/>
        <ComparisonTable session token/>
        <div class="compare">
            <CompareColumn lab=session mode=Mode::Session/>
            <CompareColumn lab=token mode=Mode::Token/>
        </div>
        <BenchFigures/>
    }
    .into_any()
}
