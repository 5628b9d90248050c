//! `/compare`: both modes side by side, driven by the same actions.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{components::lab::BenchFigures, islands::CompareLab};

#[component]
pub fn ComparePage() -> impl IntoView {
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
        <CompareLab locale=crate::lang::current()/>
        <BenchFigures/>
    }
}
