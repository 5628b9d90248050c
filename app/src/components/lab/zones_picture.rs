//! The three zones as one picture: the cookie jar, localStorage and the server's store,
//! with the credential drawn where it really sits (a locked cookie for HttpOnly, a token
//! chip, a store row), redrawn on every login, logout and expiry. The panes below say the
//! same in words; the picture's accessible name does too.

use leptos::prelude::*;

use crate::{
    components::ServerErased,
    i18n::td_string,
    lang,
    model::{present, Lab},
};

/// Where each zone's box starts, left to right.
const ZONE_X: [f64; 3] = [10.0, 210.0, 410.0];
const ZONE_W: f64 = 180.0;

/// A labelled box standing for one credential or record.
fn chip(
    class: &'static str,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    rx: f64,
    label: &'static str,
) -> impl IntoView {
    view! {
        <g class=class>
            <rect x=x y=y width=w height=h rx=rx></rect>
            <text x=x + w / 2.0 y=y + h / 2.0 + 5.0 text-anchor="middle">{label}</text>
        </g>
    }
}

#[component]
pub fn ZonesPicture(lab: Lab) -> impl IntoView {
    let locale = lang::current();
    let zones = move || {
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
    };
    let labels = [
        (td_string!(locale, panes.zones.cookie_jar), ZONE_X[0]),
        (td_string!(locale, panes.zones.local_storage), ZONE_X[1]),
        (td_string!(locale, panes.zones.server_store), ZONE_X[2]),
    ];
    view! {
        <svg class="zones-picture" viewBox="0 0 600 120" role="img"
            aria-label=move || zones().describe(locale) data-testid="zones-picture">
            {labels.into_iter().map(|(label, x)| view! {
                <rect class="zones-picture__zone" x=x y="4" width=ZONE_W height="112" rx="10"></rect>
                <text class="zones-picture__label" x=x + ZONE_W / 2.0 y="24" text-anchor="middle">{label}</text>
            }).collect_view()}
            {move || {
                let z = zones();
                let cookie = z.cookie.map(|http_only| view! {
                    <g class="zones-picture__cookie">
                        <circle cx=ZONE_X[0] + 70.0 cy="72" r="22"></circle>
                        <circle class="zones-picture__crumb" cx=ZONE_X[0] + 62.0 cy="66" r="3"></circle>
                        <circle class="zones-picture__crumb" cx=ZONE_X[0] + 77.0 cy="80" r="3"></circle>
                        {http_only.then(|| view! {
                            // A padlock: HttpOnly keeps scripts out.
                            <rect class="zones-picture__lock" x=ZONE_X[0] + 104.0 y="70" width="22" height="18" rx="3"></rect>
                            <path class="zones-picture__shackle" d=format!("M{} 70 v-6 a7 7 0 0 1 14 0 v6", ZONE_X[0] + 108.0)></path>
                            <text class="zones-picture__note" x=ZONE_X[0] + 115.0 y="104" text-anchor="middle">"HttpOnly"</text>
                        })}
                    </g>
                });
                let token = z.token.then(|| chip("zones-picture__token", ZONE_X[1] + 40.0, 56.0, 100.0, 32.0, 6.0, "JWT"));
                let row = z.session_row.then(|| chip("zones-picture__row", ZONE_X[2] + 20.0, 44.0, 140.0, 26.0, 5.0, td_string!(locale, panes.picture.your_session_row)));
                let denied = z.denied.then(|| chip("zones-picture__denied", ZONE_X[2] + 20.0, 78.0, 140.0, 26.0, 5.0, td_string!(locale, panes.picture.revoked_token_id)));
                view! { {cookie} {token} {row} {denied} }
            }}
        </svg>
    }
    .server_erased()
}
