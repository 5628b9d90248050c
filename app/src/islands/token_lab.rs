//! The `/token` workbench. A token in localStorage exists only through scripts, so without
//! the wasm this island shows only why.

use leptos::prelude::*;

use crate::{
    lang::Locale,
    components::lab::{LabWorkbench, TokenActions},
    model::{start_in_browser, Lab, Mode},
};

#[island]
pub fn TokenLab(locale: Locale) -> impl IntoView {
    provide_context(locale);
    let lab = Lab::new();
    start_in_browser(lab, Mode::Token);
    view! {
        // Rendered by the server, removed once the wasm runs: without JavaScript it stays.
        <Show when=move || !lab.hydrated.get()>
            <p class="banner banner--warning" data-testid="needs-script">
                "Token mode needs JavaScript: a token in localStorage is only ever read and sent by \
                 a script, never by the browser itself. That is part of the lesson: whatever script \
                 runs on this page can read it too. If this note stays, JavaScript is off; session \
                 mode works without it."
            </p>
        </Show>
        <LabWorkbench lab mode=Mode::Token>
            <TokenActions lab/>
        </LabWorkbench>
    }
}
