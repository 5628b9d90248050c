//! A plain sentence about what just happened and why, in a polite live region.

use leptos::prelude::*;

use crate::{
    components::ServerErased,
    i18n::td_string,
    lang,
    model::{Lab, Mode, Tone},
};

#[component]
pub fn OutcomeBanner(lab: Lab, mode: Mode, #[prop(into)] label: String) -> impl IntoView {
    let locale = lang::current();
    let class = move || match lab.banner.get().map(|b| b.tone) {
        Some(Tone::Good) => "banner banner--good",
        Some(Tone::Warning) => "banner banner--warning",
        Some(Tone::Bad) => "banner banner--bad",
        None => "banner",
    };
    let icon = move || match lab.banner.get().map(|b| b.tone) {
        Some(Tone::Good) => "✓ ",
        Some(Tone::Warning) => "! ",
        Some(Tone::Bad) => "✗ ",
        None => "",
    };
    view! {
        // A region the relay fills in place: a live region must stay the same element for a
        // screen reader to announce its new words.
        <div class=class role="status" aria-live="polite" aria-label=label
            id=format!("{}-outcome", mode.label()) data-relay-region=""
            data-request=move || lab.banner.get().and_then(|b| b.about).map(|seq| seq.to_string())>
            <span class="banner__icon" aria-hidden="true">{icon}</span>
            {move || lab.banner.get().map(|b| b.text).unwrap_or_else(|| td_string!(locale, lab.banner_start).into())}
        </div>
    }
    .server_erased()
}
