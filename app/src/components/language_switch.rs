//! The language switch in the site header.

use leptos::prelude::*;

use crate::{
    i18n::{td_string, Locale},
    lang,
};

/// A plain link to the other language (it sets a cookie and comes back to this page),
/// written in the language it leads to, with `hreflang` and `lang` saying so.
#[component]
pub fn LanguageSwitch(locale: Locale, path: String) -> impl IntoView {
    let other = match locale {
        Locale::en => Locale::ko,
        Locale::ko => Locale::en,
    };
    view! {
        <a
            class="lang-switch"
            href=lang::switch_href(other, &path)
            hreflang=lang::tag(other)
            lang=lang::tag(other)
            data-testid="language-switch"
        >
            {td_string!(other, common.switch_to)}
        </a>
    }
}
