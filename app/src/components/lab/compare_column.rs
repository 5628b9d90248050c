//! One mode's column on `/compare`: its outcome, lifetimes, state panes and requests.

use leptos::prelude::*;

use super::{ExpiryPanel, OutcomeBanner, RequestInspector, StatePanes};
use crate::model::{Lab, Mode};

#[component]
pub fn CompareColumn(lab: Lab, mode: Mode) -> impl IntoView {
    view! {
        <div class="compare__col">
            <h2>{format!("{} mode", mode.label())}</h2>
            <OutcomeBanner lab label=format!("{} outcome", mode.label())/>
            <ExpiryPanel lab mode/>
            <StatePanes lab mode/>
            <RequestInspector lab title=format!("{} requests", mode.label())/>
        </div>
    }
}
