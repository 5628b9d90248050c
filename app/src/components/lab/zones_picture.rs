//! The three zones as one picture: the cookie jar, localStorage and the server's store,
//! with the credential drawn where it really sits (a locked cookie for HttpOnly, a token
//! chip, a store row), redrawn on every login, logout and expiry. The panes below say the
//! same in words; the picture's accessible name does too.
//!
//! The zones and their words are HTML boxes, not one SVG: a 600-unit drawing shrunk to a
//! phone's width drew its words at about 7 px, while HTML keeps the page's type size and
//! wraps. Only the cookie and its padlock are drawn, as a small icon.

use leptos::prelude::*;

use crate::{
    components::ServerErased,
    i18n::td_string,
    lang,
    model::{present, Lab},
};

/// One zone: its name on top, then whatever it holds now. Erased on the server: the three
/// zones' types nested in one view overflow rustc's query depth in a release build (which,
/// unlike debug builds, does not erase every component).
fn zone(name: &'static str, label: &'static str, held: impl IntoView + 'static) -> impl IntoView {
    view! {
        <div class="zones-picture__zone" data-zone=name>
            <span class="zones-picture__label">{label}</span>
            <div class="zones-picture__held">{held}</div>
        </div>
    }
    .server_erased()
}

/// A labelled box standing for one credential or record.
fn chip(class: &'static str, label: &'static str) -> impl IntoView {
    view! { <span class=format!("zones-picture__chip {class}")>{label}</span> }
}

/// A cookie, with a padlock beside it when it is HttpOnly (scripts cannot read it).
fn cookie(http_only: bool) -> impl IntoView {
    view! {
        <span class="zones-picture__cookie">
            <svg viewBox="0 0 64 48" aria-hidden="true">
                <circle cx="22" cy="24" r="20"></circle>
                <circle class="zones-picture__crumb" cx="15" cy="18" r="3"></circle>
                <circle class="zones-picture__crumb" cx="29" cy="31" r="3"></circle>
                {http_only.then(|| view! {
                    <rect class="zones-picture__lock" x="44" y="24" width="18" height="15" rx="3"></rect>
                    <path class="zones-picture__shackle" d="M47 24 v-5 a6 6 0 0 1 12 0 v5"></path>
                })}
            </svg>
            {http_only.then(|| view! { <span class="zones-picture__note">"HttpOnly"</span> })}
        </span>
    }
}

#[component]
pub fn ZonesPicture(lab: Lab) -> impl IntoView {
    let locale = lang::current();
    let zones = Memo::new(move |_| {
        let kept = lab
            .store
            .get()
            .map(|store| present::kept_for_you(&store, &lab.my_hints.get()))
            .unwrap_or_default();
        present::Zones::from_parts(
            lab.last_set_cookie.get().as_deref(),
            lab.token.get().is_some(),
            kept,
        )
    });
    let jar = move || zones.get().cookie.map(cookie);
    let storage = move || {
        zones
            .get()
            .token
            .then(|| chip("zones-picture__token", "JWT"))
    };
    let store = move || {
        let z = zones.get();
        view! {
            {z.session_row.then(|| chip("zones-picture__row", td_string!(locale, panes.picture.your_session_row)))}
            {z.denied.then(|| chip("zones-picture__denied", td_string!(locale, panes.picture.revoked_token_id)))}
        }
    };
    view! {
        <div class="zones-picture" role="img" data-testid="zones-picture"
            aria-label=move || zones.get().describe(locale)>
            {zone("jar", td_string!(locale, panes.zones.cookie_jar), jar)}
            {zone("storage", td_string!(locale, panes.zones.local_storage), storage)}
            {zone("store", td_string!(locale, panes.zones.server_store), store)}
        </div>
    }
    .server_erased()
}
