//! The `/token` workbench. A token in localStorage exists only through scripts, so without
//! the wasm this island shows only why.

use leptos::prelude::*;

use crate::{
    components::lab::{LabWorkbench, RefreshPanel, TokenActions},
    i18n::td,
    lang::Locale,
    model::{start_in_browser, Lab, Mode},
};

#[island]
pub fn TokenLab(locale: Locale) -> impl IntoView {
    provide_context(locale);
    let lab = Lab::new();
    start_in_browser(lab, Mode::Token);
    view! {
        // Rendered by the server, removed once the wasm runs: without JavaScript it stays.
        {move || (!lab.hydrated.get()).then(|| view! {
            <p class="banner banner--warning" data-testid="needs-script">
                {td!(locale, lab.needs_script)}
            </p>
        })}
        <LabWorkbench lab mode=Mode::Token>
            <TokenActions lab/>
            <RefreshPanel lab/>
        </LabWorkbench>
    }
}
