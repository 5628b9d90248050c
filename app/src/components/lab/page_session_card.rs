//! "When this page loaded": what the server found for the session cookie while rendering
//! `/session`. It is how session mode tells you who you are without any JavaScript, and
//! it survives a reload with JavaScript too.

use leptos::prelude::*;

use crate::{
    api::PageSession,
    components::ServerErased,
    i18n::{td, td_string, Locale},
    lang,
    model::{present, Lab},
};

fn describe(locale: Locale, view: &PageSession) -> String {
    match (&view.me, view.reason.as_deref()) {
        (Some(me), _) if view.idle_moved => td_string!(
            locale,
            lab.page_session.recognised_moved,
            user = &me.username,
            role = &me.role
        ),
        (Some(me), _) => td_string!(
            locale,
            lab.page_session.recognised_unmoved,
            user = &me.username,
            role = &me.role
        ),
        (None, Some("internal_error")) => {
            td_string!(locale, lab.page_session.internal_error).into()
        }
        (None, Some("store_unavailable")) => {
            td_string!(locale, lab.page_session.store_unavailable).into()
        }
        (None, Some("no_cookie")) => td_string!(locale, lab.page_session.no_cookie).into(),
        (None, Some("expired")) => td_string!(locale, lab.page_session.expired).into(),
        (None, Some(reason)) => {
            td_string!(locale, lab.page_session.no_live_session, reason = reason)
        }
        (None, None) => td_string!(locale, lab.page_session.no_session).into(),
    }
}

/// The no-JS login form's error code, worded as the lab words any refusal; an unknown code
/// is shown as it came.
fn form_error_text(locale: Locale, code: &str) -> String {
    match present::reason(locale, code) {
        Some(why) => td_string!(locale, lab.form_error.known, why),
        None => td_string!(locale, lab.form_error.other, code),
    }
}

/// `view` is what the server found as it rendered this page (the lab was seeded from it);
/// `form_error` and `logged_out` are what a no-JS form post redirected back with.
#[component]
pub fn PageSessionCard(
    lab: Lab,
    view: Option<PageSession>,
    form_error: Option<String>,
    logged_out: bool,
) -> impl IntoView {
    let locale = lang::current();
    view! {
        <section class="card page-session" aria-labelledby="page-session-title"
            id="page-session-card" data-relay-region="">
            <h2 id="page-session-title">{td!(locale, lab.page_session.title)}</h2>
            {form_error.map(|code| view! { <p class="page-session__error" role="alert">"✗ " {form_error_text(locale, &code)}</p> })}
            {logged_out.then(|| view! {
                <p>{td!(locale, lab.page_session.logged_out)}</p>
            })}
            {view.map(|v| view! { <p data-testid="page-session">{describe(locale, &v)}</p> })}
            // Once this page has made requests of its own, this card is history: say so.
            {move || lab.requests.with(|rows| rows.iter().any(|r| !r.foreign())).then(|| view! {
                <p class="hint" data-testid="page-session-stale">
                    {td!(locale, lab.page_session.stale)}
                </p>
            })}
        </section>
    }
    .server_erased()
}
