//! "When this page loaded": what the server found for the session cookie while rendering
//! `/session`. It is how session mode tells you who you are without any JavaScript, and
//! it survives a reload with JavaScript too.

use leptos::prelude::*;

use crate::{api::PageSession, model::Lab};

fn describe(view: &PageSession) -> String {
    match (&view.me, view.reason.as_deref()) {
        (Some(me), _) if view.idle_moved => format!(
            "The server recognised your session cookie: you are {} (role {}). Loading this page counted as activity, so the server moved your idle expiry later.",
            me.username, me.role
        ),
        (Some(me), _) => format!(
            "The server recognised your session cookie: you are {} (role {}). Your idle expiry did not move: this load came in the same second as your last request, or the expiry already sits at the absolute lifetime.",
            me.username, me.role
        ),
        (None, Some("internal_error")) => "The server failed to look your session up, through a fault of its own (it logged why). Your cookie was left alone.".into(),
        (None, Some("store_unavailable")) => "Your browser sent a session cookie, but the session store is not answering, so the server cannot tell whose it is. The cookie was left alone.".into(),
        (None, Some("no_cookie")) => "Your browser sent no session cookie, so the server does not know who you are.".into(),
        (None, Some("expired")) => "Your browser sent a session cookie, but the session had expired: the server deleted it.".into(),
        (None, Some(reason)) => format!("Your browser sent a session cookie, but the server has no live session for it ({reason})."),
        (None, None) => "The server found no session.".into(),
    }
}

fn form_error_text(code: &str) -> String {
    match code {
        "invalid_credentials" => "Login refused: the username or password is wrong.".into(),
        "too_many_attempts" => {
            "Login refused: too many failed attempts from your address. Wait a minute.".into()
        }
        "store_unavailable" => "Login failed: the session store is not answering.".into(),
        other => format!("Login failed ({other})."),
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
    view! {
        <section class="card page-session" aria-labelledby="page-session-title">
            <h2 id="page-session-title">"When this page loaded"</h2>
            {form_error.map(|code| view! { <p class="page-session__error" role="alert">"✗ " {form_error_text(&code)}</p> })}
            {logged_out.then(|| view! {
                <p>"You logged out: the server deleted your session record and told the browser to drop the cookie."</p>
            })}
            {view.map(|v| view! { <p data-testid="page-session">{describe(&v)}</p> })}
            // Once this page has made requests of its own, this card is history: say so.
            {move || lab.requests.with(|rows| rows.iter().any(|r| !r.foreign)).then(|| view! {
                <p class="hint" data-testid="page-session-stale">
                    "That was when the page loaded. The panes below show what is true now."
                </p>
            })}
        </section>
    }
    .into_any()
}
