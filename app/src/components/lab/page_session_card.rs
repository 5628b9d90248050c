//! "When this page loaded": what the server found for the session cookie while rendering
//! `/session`. It is how session mode tells you who you are without any JavaScript, and
//! it survives a reload with JavaScript too.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    api::PageSession,
    lab::{Lab, SessionTimes},
};

/// The server's view, read from the request during server rendering. On the client it
/// arrives serialised with the page, so hydration sees the same value.
fn server_view() -> Option<PageSession> {
    #[cfg(feature = "ssr")]
    {
        super::request_extension::<PageSession>()
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

fn describe(view: &PageSession) -> String {
    match (&view.me, view.reason.as_deref()) {
        (Some(me), _) => format!(
            "The server recognised your session cookie: you are {} (role {}). Loading this page counted as activity, so your idle expiry moved later.",
            me.username, me.role
        ),
        (None, Some("no_cookie")) => "Your browser sent no session cookie, so the server does not know who you are.".into(),
        (None, Some("expired")) => "Your browser sent a session cookie, but the session had expired: the server deleted it.".into(),
        (None, Some(reason)) => format!("Your browser sent a session cookie, but the server has no live session for it ({reason})."),
        (None, None) => "The server found no session.".into(),
    }
}

fn form_error(code: &str) -> String {
    match code {
        "invalid_credentials" => "Login refused: the username or password is wrong.".into(),
        "too_many_attempts" => {
            "Login refused: too many failed attempts from your address. Wait a minute.".into()
        }
        "store_unavailable" => "Login failed: the session store is not answering.".into(),
        other => format!("Login failed ({other})."),
    }
}

#[component]
pub fn PageSessionCard(lab: Lab) -> impl IntoView {
    let view = super::from_server(server_view());
    // Once hydrated, the lab's countdowns start from what the server said.
    Effect::new(move |_| {
        if let Some(Some(PageSession { me: Some(me), .. })) = view.get() {
            lab.session_times.set(Some(SessionTimes {
                idle_expires_at: me.idle_expires_at,
                absolute_expires_at: me.absolute_expires_at,
            }));
        }
    });
    let query = use_query_map();
    let error = move || query.with(|q| q.get("error")).map(|code| form_error(&code));
    let logged_out = move || query.with(|q| q.get("logged_out")).is_some();

    view! {
        <section class="card page-session" aria-labelledby="page-session-title">
            <h2 id="page-session-title">"When this page loaded"</h2>
            {move || error().map(|text| view! { <p class="page-session__error" role="alert">"✗ " {text}</p> })}
            {move || logged_out().then(|| view! {
                <p>"You logged out: the server deleted your session record and told the browser to drop the cookie."</p>
            })}
            <Suspense fallback=|| view! { <p>"Asking the server…"</p> }>
                // Awaited, not read with `.get()`: leptos 0.8's stream can stall on a
                // one-thread runtime when a Suspense only reads its resource (leptos#4578).
                {move || Suspend::new(async move {
                    view.await.map(|v| view! { <p data-testid="page-session">{describe(&v)}</p> })
                })}
            </Suspense>
            // Once this page has made requests of its own, this card is history: say so.
            {move || (!lab.requests.get().is_empty()).then(|| view! {
                <p class="hint" data-testid="page-session-stale">
                    "That was when the page loaded. The panes below show what is true now."
                </p>
            })}
        </section>
    }
    .into_any()
}
