//! The demo accounts, listed openly: this is a lab, not a real login.

use leptos::prelude::*;

use crate::{i18n::td, lang};

#[component]
pub fn DemoAccounts() -> impl IntoView {
    let locale = lang::current();
    view! {
        <p class="hint">{td!(locale, lab.demo_accounts, <code> = <code/>)}</p>
    }
}
