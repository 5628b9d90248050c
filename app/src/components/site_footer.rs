//! The site footer.

use leptos::prelude::*;

use crate::{i18n::td, lang};

#[component]
pub fn SiteFooter() -> impl IntoView {
    let locale = lang::current();
    view! {
        <footer class="site-footer">
            <p>{td!(locale, common.footer)}</p>
        </footer>
    }
}
