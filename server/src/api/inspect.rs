//! `/api/inspect/*`: the server's own view of its state and of what it did, for the lab's
//! panes. Nothing here reveals a live session ID, a token signature or a password.
//! `--no-inspect` turns the whole area off (404).

use std::{convert::Infallible, time::Duration};

use app::api::{DenylistRow, RefreshFamilyRow, RefreshLinkRow, SessionRow, StoreView};
use axum::{
    extract::{Path, Request, State},
    http::StatusCode,
    middleware::{self, Next},
    response::{
        sse::{Event, KeepAlive, Sse},
        IntoResponse, Response,
    },
    routing::get,
    Json, Router,
};
use futures_util::stream::{self, Stream};
use tokio::sync::broadcast::error::RecvError;

use crate::{
    auth_state::Auth,
    core::{
        hint::hint,
        refresh::{Family, LinkState, RevokedBy},
        session::SessionRecord,
    },
    error::ApiError,
    AppState,
};

pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/store", get(get_store))
        .route("/trace/{id}", get(get_trace))
        .route("/events", get(get_events))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            require_inspect,
        ))
}

async fn require_inspect(State(auth): State<Auth>, request: Request, next: Next) -> Response {
    if auth.settings.inspect {
        next.run(request).await
    } else {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "Inspection is turned off on this server (--no-inspect).",
        )
        .into_response()
    }
}

async fn get_store(State(auth): State<Auth>) -> Result<Json<StoreView>, ApiError> {
    store_view(&auth).await.map(Json)
}

/// Every session row and deny-list entry the server keeps, with hints instead of IDs.
pub(crate) async fn store_view(auth: &Auth) -> Result<StoreView, ApiError> {
    let now = auth.now();
    let sessions: Vec<SessionRow> = auth
        .sessions
        .rows()
        .await
        .map_err(ApiError::store_unavailable)?
        .into_iter()
        .filter_map(|(id, record, bytes)| {
            let login: SessionRecord =
                serde_json::from_value(record.data.get(SessionRecord::KEY)?.clone()).ok()?;
            Some(SessionRow {
                id_hint: hint("sid", &id.to_string()),
                username: login.username,
                created_at: login.created_at,
                idle_expires_at: login.idle_expires_at,
                absolute_expires_at: login.absolute_expires_at,
                bytes,
            })
        })
        .collect();
    let entries = auth
        .denylist
        .entries(now)
        .await
        .map_err(ApiError::store_unavailable)?;
    let denylist: Vec<DenylistRow> = entries
        .into_iter()
        .map(|(jti, expires_at)| DenylistRow {
            jti_hint: hint("jti", &jti),
            expires_at,
            // What the deny-list really holds per entry: the jti and its 8-byte expiry.
            bytes: jti.len() + 8,
        })
        .collect();
    let refresh_families: Vec<RefreshFamilyRow> = auth
        .refresh_families
        .list(now)
        .await
        .map_err(ApiError::store_unavailable)?
        .iter()
        .map(family_row)
        .collect();
    let total_bytes = sessions.iter().map(|s| s.bytes).sum::<usize>()
        + denylist.iter().map(|d| d.bytes).sum::<usize>()
        + refresh_families.iter().map(|f| f.bytes).sum::<usize>();
    Ok(StoreView {
        backend: auth.sessions.name().into(),
        count: sessions.len(),
        sessions,
        denylist,
        refresh_families,
        total_bytes,
    })
}

/// A family with hints for its ID and for each stored digest, never a token.
fn family_row(family: &Family) -> RefreshFamilyRow {
    let links = family
        .links
        .iter()
        .enumerate()
        .map(|(i, link)| RefreshLinkRow {
            hint: hint("rtd", &link.digest),
            issued_at: link.issued_at,
            used_at: link.used_at,
            state: match family.link_state(i) {
                LinkState::Active => "active",
                LinkState::Used => "used",
                LinkState::Revoked => "revoked",
            }
            .into(),
        })
        .collect();
    RefreshFamilyRow {
        family_hint: hint("fam", &family.id),
        username: family.username.clone(),
        created_at: family.created_at,
        expires_at: family.expires_at,
        revoked_by: family.revoked.map(|(by, _)| {
            match by {
                RevokedBy::Reuse => "reuse",
                RevokedBy::Logout => "logout",
            }
            .into()
        }),
        revoked_at: family.revoked.map(|(_, at)| at),
        links,
        bytes: serde_json::to_vec(family).map_or(0, |v| v.len()),
    }
}

async fn get_trace(State(auth): State<Auth>, Path(id): Path<String>) -> Response {
    match auth.traces.get(&id) {
        Some(trace) => Json(trace.view()).into_response(),
        None => ApiError::new(
            StatusCode::NOT_FOUND,
            "unknown_trace",
            "No trace with this ID is kept (only the latest 512 are).",
        )
        .into_response(),
    }
}

/// Server-sent events: one `trace` event per finished `/api` request.
async fn get_events(
    State(auth): State<Auth>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = auth.traces.subscribe();
    let events = stream::unfold(receiver, |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok(trace) => {
                    let event = Event::default()
                        .event("trace")
                        .json_data(trace.view())
                        .unwrap_or_default();
                    return Some((Ok(event), receiver));
                }
                // A slow reader skipped some traces; they stay readable by ID.
                Err(RecvError::Lagged(_)) => continue,
                Err(RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}
