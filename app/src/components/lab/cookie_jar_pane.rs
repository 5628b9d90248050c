//! Browser zone 1: the cookie jar. An HttpOnly cookie never appears in `document.cookie`;
//! the page learns that it exists only from the server: its trace of what it received and
//! sent, or, after a reload, its report of the cookie it recognised while rendering.

use leptos::prelude::*;

use crate::model::{present::CookieAttributes, Lab, Mode};

fn lifetime_badge(attrs: &CookieAttributes) -> String {
    match (attrs.max_age, &attrs.expires) {
        (Some(secs), _) if secs >= 3600 => format!("Max-Age {} h", secs / 3600),
        (Some(secs), _) if secs >= 60 => format!("Max-Age {} min", secs / 60),
        (Some(secs), _) => format!("Max-Age {secs} s"),
        (None, Some(date)) => format!("Expires {date}"),
        // RFC 6265bis: no Max-Age and no Expires makes a session cookie.
        (None, None) => {
            "session cookie: no Max-Age or Expires, so the browser decides when it ends".into()
        }
    }
}

#[component]
pub fn CookieJarPane(lab: Lab, mode: Mode) -> impl IntoView {
    let attrs = move || {
        lab.last_set_cookie
            .get()
            .map(|line| CookieAttributes::parse(&line))
    };
    let document_cookie = move || {
        let cookie = lab.document_cookie.get();
        if cookie.is_empty() {
            "(empty)".to_owned()
        } else {
            cookie
        }
    };
    let status = move || {
        match (mode, attrs()) {
        (Mode::Token, _) => view! {
            <p class="zone__state">"Token mode sets no cookie: the credential travels in a header the page adds itself."</p>
        }
        .into_any(),
        (Mode::Session, Some(attrs)) if !attrs.deletes() => view! {
            <div class="zone__state" data-testid="session-cookie">
                <p>
                    "The server set " <strong>{attrs.name.clone()}</strong>
                    ". It is HttpOnly, so no script can read it: it is missing from "
                    <code>"document.cookie"</code> "."
                    {move || (lab.cookie_seen.get() == Some(true)).then_some(
                        " The server received it back on the last request, so the browser kept it."
                    )}
                </p>
                {move || lab.cookie_from_page_load.get().then(|| view! {
                    <p class="hint" data-testid="cookie-from-page-load">
                        "Your browser sent it when this page loaded, and the server recognised it. \
                         Browsers never send a cookie's attributes back, so these are the ones the \
                         server set at login:"
                    </p>
                })}
                <ul class="badges" aria-label="Cookie attributes">
                    <li class="badge">{if attrs.http_only { "HttpOnly" } else { "readable by scripts" }}</li>
                    <li class="badge">{format!("SameSite={}", attrs.same_site.clone().unwrap_or_else(|| "none set".into()))}</li>
                    <li class="badge">{if attrs.secure { "Secure".to_owned() } else { "not Secure (sent over plain http too)".to_owned() }}</li>
                    <li class="badge">{format!("Path={}", attrs.path.clone().unwrap_or_else(|| "(default)".into()))}</li>
                    <li class="badge">{lifetime_badge(&attrs)}</li>
                </ul>
                <p class="note">
                    "HttpOnly stops a script from reading the ID. It does not stop a script on this \
                     page from using the session: a same-origin " <code>"fetch"</code>
                    " still carries the cookie while the page is open."
                </p>
            </div>
        }
        .into_any(),
        (Mode::Session, Some(_)) => view! {
            <p class="zone__state">"No session cookie: the server told the browser to delete it (Max-Age=0)."</p>
        }
        .into_any(),
        (Mode::Session, None) => view! {
            <p class="zone__state">
                {move || match lab.cookie_seen.get() {
                    Some(true) => "The server saw a session cookie on the last request, set before this page loaded.",
                    _ => "No session cookie yet.",
                }}
            </p>
        }
        .into_any(),
    }
    };
    view! {
        <section class="zone zone--cookie" aria-labelledby=format!("{}-jar-title", mode.label())>
            <h3 id=format!("{}-jar-title", mode.label())>"Browser: cookie jar"</h3>
            {status}
            <p class="zone__probe">
                "What a script sees in " <code>"document.cookie"</code> ": "
                <code data-testid="document-cookie">{document_cookie}</code>
            </p>
        </section>
    }
    .into_any()
}
