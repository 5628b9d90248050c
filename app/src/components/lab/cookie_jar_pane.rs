//! Browser zone 1: the cookie jar. An HttpOnly cookie never appears in `document.cookie`;
//! the page learns that it exists only from the server: its trace of what it received and
//! sent, or, after a reload, its report of the cookie it recognised while rendering.

use leptos::{either::EitherOf4, prelude::*};

use crate::{
    components::ServerErased,
    i18n::{td, td_string, Locale},
    lang,
    model::{present::CookieAttributes, Lab, Mode},
};

fn lifetime_badge(locale: Locale, attrs: &CookieAttributes) -> String {
    match (attrs.max_age, &attrs.expires) {
        (Some(secs), _) if secs >= 3600 => {
            td_string!(locale, panes.cookie_jar.lifetime.hours, n = secs / 3600).to_string()
        }
        (Some(secs), _) if secs >= 60 => {
            td_string!(locale, panes.cookie_jar.lifetime.minutes, n = secs / 60).to_string()
        }
        (Some(secs), _) => {
            td_string!(locale, panes.cookie_jar.lifetime.seconds, n = secs).to_string()
        }
        (None, Some(date)) => {
            td_string!(locale, panes.cookie_jar.lifetime.expires, date = date).to_string()
        }
        // RFC 6265bis: no Max-Age and no Expires makes a session cookie.
        (None, None) => td_string!(locale, panes.cookie_jar.lifetime.session_cookie).to_string(),
    }
}

#[component]
pub fn CookieJarPane(lab: Lab, mode: Mode) -> impl IntoView {
    let locale = lang::current();
    let attrs = move || {
        lab.last_set_cookie
            .get()
            .map(|line| CookieAttributes::parse(&line))
    };
    let document_cookie = move || {
        let cookie = lab.document_cookie.get();
        if cookie.is_empty() {
            td_string!(locale, panes.cookie_jar.empty).to_owned()
        } else {
            cookie
        }
    };
    let status = move || {
        match (mode, attrs()) {
        (Mode::Token, _) => EitherOf4::A(view! {
            <p class="zone__state">{td!(locale, panes.cookie_jar.token_mode)}</p>
        }.server_erased()),
        (Mode::Session, Some(attrs)) if !attrs.deletes() => EitherOf4::B(view! {
            <div class="zone__state" data-testid="session-cookie">
                <p>
                    {td!(locale, panes.cookie_jar.set_by_server, name = attrs.name.clone(), <strong> = <strong/>, <code> = <code/>)}
                    {move || (lab.cookie_seen.get() == Some(true)).then(|| view! {
                        " " {td!(locale, panes.cookie_jar.received_back)}
                    })}
                </p>
                {move || lab.cookie_from_page_load.get().then(|| view! {
                    <p class="hint" data-testid="cookie-from-page-load">
                        {td!(locale, panes.cookie_jar.from_page_load)}
                    </p>
                })}
                <ul class="badges" aria-label=td_string!(locale, panes.cookie_jar.attributes_label)>
                    <li class="badge">{if attrs.http_only { "HttpOnly" } else { td_string!(locale, panes.cookie_jar.readable_by_scripts) }}</li>
                    <li class="badge">{format!("SameSite={}", attrs.same_site.clone().unwrap_or_else(|| td_string!(locale, panes.cookie_jar.same_site_unset).into()))}</li>
                    <li class="badge">{if attrs.secure { "Secure".to_owned() } else { td_string!(locale, panes.cookie_jar.not_secure).to_owned() }}</li>
                    <li class="badge">{format!("Path={}", attrs.path.clone().unwrap_or_else(|| td_string!(locale, panes.cookie_jar.path_default).into()))}</li>
                    <li class="badge">{lifetime_badge(locale, &attrs)}</li>
                </ul>
                <p class="note">
                    {td!(locale, panes.cookie_jar.http_only_note, <code> = <code/>)}
                </p>
            </div>
        }.server_erased()),
        (Mode::Session, Some(_)) => EitherOf4::C(view! {
            <p class="zone__state">{td!(locale, panes.cookie_jar.deleted)}</p>
        }.server_erased()),
        (Mode::Session, None) => EitherOf4::D(view! {
            <p class="zone__state">
                {move || match lab.cookie_seen.get() {
                    Some(true) => td_string!(locale, panes.cookie_jar.seen_before_load),
                    _ => td_string!(locale, panes.cookie_jar.none_yet),
                }}
            </p>
        }.server_erased()),
    }
    };
    view! {
        <section class="zone zone--cookie" aria-labelledby=format!("{}-jar-title", mode.label())>
            <h3 id=format!("{}-jar-title", mode.label())>{td!(locale, panes.zones.cookie_jar)}</h3>
            {status}
            <p class="zone__probe">
                {td!(locale, panes.cookie_jar.probe, <code> = <code/>)} " "
                <code data-testid="document-cookie">{document_cookie}</code>
            </p>
        </section>
    }
    .server_erased()
}
