//! What the server knows about a page's visitor, handed to the page as it renders: the
//! `/session` page gets the session the cookie names, the cookie as the server set it, and
//! the store as it is after this very lookup. Reloading the page therefore shows the same
//! truth the panes showed before the reload, with or without JavaScript.

use app::api::{PageCookie, PageSession};
use axum::{
    extract::{Request, State},
    http::{header, Method},
    middleware::Next,
    response::Response,
};

use crate::{
    api::{cookie, inspect, session},
    auth_state::Auth,
    core::{hint::hint, trace::Trace},
};

/// Before `GET /session` renders, asks the store who the cookie belongs to, exactly as
/// `/api/session/me` would (a page view is activity too), and leaves the answer in the
/// request's extensions, where the page reads it during server rendering.
pub async fn attach_page_session(
    State(auth): State<Auth>,
    mut request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::GET || request.uri().path() != "/session" {
        return next.run(request).await;
    }
    // The page shows its own card; nobody reads a trace of this lookup.
    let mut trace = Trace::recording(false);
    let mut clear_cookie = None;
    let view = match session::lookup(&auth, request.headers(), &mut trace).await {
        Ok(found) => {
            let id = found.id.to_string();
            // The attributes the login gave this cookie; a browser never sends them back.
            let lifetime = found.record.absolute_expires_at - found.record.created_at;
            PageSession {
                me: Some(found.me()),
                reason: None,
                idle_moved: found.slide.moved(),
                cookie: Some(PageCookie {
                    set_cookie: cookie::session(&auth.settings, &id, lifetime).redacted,
                    id_hint: hint("sid", &id),
                }),
                store: None,
                now: auth.now(),
            }
        }
        Err(refusal) => {
            let reason = refusal.code().to_owned();
            // A dead cookie is cleared, as /api/session/me would.
            let err = refusal.into_api_error(&auth);
            // The page itself still renders (200), so the 5xx log never sees this.
            if let Some(cause) = &err.cause {
                tracing::error!(cause, "the /session page could not look the session up");
            }
            clear_cookie = err
                .headers
                .iter()
                .find(|(name, _)| name == header::SET_COOKIE)
                .map(|(_, v)| v.clone());
            PageSession {
                me: None,
                reason: Some(reason),
                idle_moved: false,
                cookie: None,
                store: None,
                now: auth.now(),
            }
        }
    };
    let store = if auth.settings.inspect {
        inspect::store_view(&auth).await.ok()
    } else {
        None
    };
    request
        .extensions_mut()
        .insert(PageSession { store, ..view });
    let mut response = next.run(request).await;
    if let Some(cookie) = clear_cookie {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// Before `GET /cluster` renders, starts the cluster if nothing runs yet and reads each
/// node's counts, so the page (and its island) open on the cluster as it really is.
pub async fn attach_cluster_view(
    State(cluster): State<crate::cluster::Cluster>,
    mut request: Request,
    next: Next,
) -> Response {
    if request.method() == Method::GET && request.uri().path() == "/cluster" {
        if let Err(err) = cluster.ensure_started().await {
            tracing::error!(?err, "the /cluster page could not start the cluster");
        }
        request.extensions_mut().insert(cluster.view().await);
    }
    next.run(request).await
}

/// Before `GET /security` renders, says where the attacker's site is for this page's host,
/// with a fresh lab ID, so the page opens with its board drawn and ready.
pub async fn attach_attacker_site(
    State(lab): State<crate::security_lab::SecurityLab>,
    mut request: Request,
    next: Next,
) -> Response {
    if request.method() == Method::GET && request.uri().path() == "/security" {
        let site = lab.site(request.headers());
        request.extensions_mut().insert(site);
    }
    next.run(request).await
}
