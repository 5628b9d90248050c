//! The `/compare` workbench: one set of controls driving a session lab and a token lab,
//! the table that lines their answers up, and a column of panes for each.

use leptos::prelude::*;

use crate::{
    components::lab::{CompareColumn, CompareControls, ComparisonTable},
    lang::Locale,
    model::{start_in_browser, Lab, Mode},
};

#[island]
pub fn CompareLab(locale: Locale) -> impl IntoView {
    provide_context(locale);
    let session = Lab::new();
    let token = Lab::new();
    start_in_browser(session, Mode::Session);
    start_in_browser(token, Mode::Token);
    view! {
        <CompareControls session token/>
        <ComparisonTable session token/>
        <div class="compare">
            <CompareColumn lab=session mode=Mode::Session/>
            <CompareColumn lab=token mode=Mode::Token/>
        </div>
    }
}
