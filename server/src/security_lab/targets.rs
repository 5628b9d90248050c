//! The lab's side of the security lab: the CSRF target (a display name kept in the
//! session) in its real, guarded form and in a twin without the origin check, the page
//! that is vulnerable on purpose, the CSP report sink, and each visitor's loot. Every
//! attack target reports what arrived to the visitor's loot, so the page shows the
//! server's account of an attack, not its own guess.

use app::{
    api::{
        security::{CsrfTarget, DisplayNameRequest, FixationPlant, LootEntry, LootView, WeakToken},
        SessionMe,
    },
    security_pages::{self, Payload},
};
use axum::{
    body::Bytes,
    extract::{DefaultBodyLimit, Path, Query, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{Html, IntoResponse, Response},
    routing::{get, post},
    Json, Router,
};
use serde::Deserialize;

use super::loot::valid_lab_id;
use crate::{
    api::{cookie, csrf, respond, session, token},
    core::{
        session::display_name,
        trace::{StepKind, Trace},
    },
    error::ApiError,
    AppState,
};

/// A display name and a few form fields, or a CSP report: small.
const BODY_LIMIT: usize = 16 * 1024;

/// The API routes (merged under `/api`, traced like the rest).
pub fn api_router() -> Router<AppState> {
    Router::new()
        .route("/session/display-name", post(guarded))
        .route("/lab/unguarded/display-name", post(unguarded))
        .route("/lab/bearer/display-name", post(bearer_target))
        .route("/lab/csp-report", post(csp_report))
        .route("/lab/loot/{lab}", get(loot))
        .route("/lab/attacker-site", get(attacker_site))
        .route("/lab/weak-token", post(weak_token))
        .route(
            "/lab/fixation/plant",
            post(fixation_plant).route_layer(axum::middleware::from_fn(csrf::same_origin_json)),
        )
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
}

/// The vulnerable page, outside `/api` and outside the site's security headers (it must
/// be framed by the lab's own page, and its CSP is the lesson).
pub fn page_router() -> Router<AppState> {
    Router::new().route("/security/vulnerable", get(vulnerable))
}

fn bad_lab_id() -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "invalid_lab_id",
        "A lab ID is 16 to 64 characters of base64url.",
    )
}

/// Who sent a request to a CSRF target: the lab ID and channel the attacker's page put in
/// its URL, so the right visitor hears about it. Absent on the lab page's own requests.
#[derive(Debug, Default, Deserialize)]
struct Tag {
    #[serde(default)]
    lab: Option<String>,
    #[serde(default)]
    channel: Option<String>,
}

async fn guarded(
    State(state): State<AppState>,
    Query(tag): Query<Tag>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    rename(&state, true, tag, &headers, &body).await
}

async fn unguarded(
    State(state): State<AppState>,
    Query(tag): Query<Tag>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    rename(&state, false, tag, &headers, &body).await
}

async fn rename(
    state: &AppState,
    guarded: bool,
    tag: Tag,
    headers: &HeaderMap,
    body: &[u8],
) -> Response {
    let mut trace = state.auth.trace();
    let result = rename_inner(state, guarded, headers, body, &mut trace).await;
    let changed_to = result.as_ref().ok().and_then(|me| me.display_name.clone());
    let target = (CsrfTarget::Session, guarded);
    report(state, &tag, target, headers, refusal(&result), changed_to);
    respond(trace, result.map(|me| Json(me).into_response()))
}

/// The token-mode twin of the CSRF target. Its login is a bearer token, which only this
/// site's own scripts hold: a page on another site can make the browser send cookies, but
/// not an `Authorization` header, so the attack arrives without the login whatever the
/// cookies say. With a valid token (the lab page's own call) it answers whose token it is:
/// token mode keeps no record on the server to rename.
async fn bearer_target(
    State(state): State<AppState>,
    Query(tag): Query<Tag>,
    headers: HeaderMap,
) -> Response {
    let mut trace = state.auth.trace();
    let result = token::authenticate(&state.auth, &headers, &mut trace).await;
    report(
        &state,
        &tag,
        (CsrfTarget::Token, false),
        &headers,
        refusal(&result),
        None,
    );
    respond(
        trace,
        result.map(|claims| Json(token::me_of(claims)).into_response()),
    )
}

/// A CSRF target's answer as the attacker pane reports it: 200, or the status and reason.
fn refusal<T>(result: &Result<T, ApiError>) -> (u16, Option<String>) {
    match result {
        Ok(_) => (200, None),
        Err(err) => (
            err.status.as_u16(),
            Some(err.body.reason.unwrap_or(err.body.error).to_owned()),
        ),
    }
}

/// Files what reached a CSRF target under the lab ID the attacker's page tagged it with.
fn report(
    state: &AppState,
    tag: &Tag,
    (target, guarded): (CsrfTarget, bool),
    headers: &HeaderMap,
    (status, reason): (u16, Option<String>),
    changed_to: Option<String>,
) {
    let Some(lab) = tag.lab.as_deref().filter(|lab| valid_lab_id(lab)) else {
        return;
    };
    let entry = LootEntry::Csrf {
        at: state.auth.now(),
        target,
        authorization_sent: headers.contains_key(header::AUTHORIZATION),
        guarded,
        channel: tag.channel.clone().unwrap_or_else(|| "page".into()),
        cookie_sent: cookie::read(headers, state.auth.settings.cookie_name()).is_some(),
        fetch_site: headers
            .get("sec-fetch-site")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        status,
        reason,
        changed_to,
    };
    state.security.loot.record(lab, entry);
}

async fn rename_inner(
    state: &AppState,
    guarded: bool,
    headers: &HeaderMap,
    body: &[u8],
    trace: &mut Trace,
) -> Result<SessionMe, ApiError> {
    let auth = &state.auth;
    let is_json = csrf::declares_json(headers);
    if guarded {
        // The same check as every cookie endpoint's, called here so a refusal is reported.
        csrf::require_same_origin_json(headers).inspect_err(|refusal| {
            if refusal.status == StatusCode::FORBIDDEN {
                trace.failed(StepKind::RequestReceived, || {
                    format!(
                        "refused before the cookie was read: {}",
                        refusal.body.message
                    )
                });
            } else {
                trace.failed(
                    StepKind::RequestReceived,
                    "not declared JSON: an HTML form cannot send this",
                );
            }
        })?;
    } else {
        trace.info(
            StepKind::RequestReceived,
            "unguarded twin: no origin check, form bodies accepted",
        );
    }
    let raw = if is_json {
        serde_json::from_slice::<DisplayNameRequest>(body).map_err(|err| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_fields",
                format!("The JSON does not have the expected fields: {err}"),
            )
        })?
    } else {
        serde_urlencoded::from_bytes::<DisplayNameRequest>(body).map_err(|err| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_fields",
                format!("The form does not have the expected fields: {err}"),
            )
        })?
    };
    let Some(name) = display_name(&raw.display_name) else {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_fields",
            "A display name is 1 to 40 characters, without control characters.",
        ));
    };
    let mut found = session::lookup(auth, headers, trace)
        .await
        .map_err(|refusal| refusal.into_api_error(auth))?;
    found.record.display_name = Some(name.clone());
    session::save_record(auth, found.id, &found.record)
        .await
        .map_err(|refusal| refusal.into_api_error(auth))?;
    trace.ok(StepKind::SessionCreated, || {
        format!("display name set to {name:?}; record saved")
    });
    Ok(found.me())
}

async fn loot(
    State(state): State<AppState>,
    Path(lab): Path<String>,
) -> Result<Json<LootView>, ApiError> {
    if !valid_lab_id(&lab) {
        return Err(bad_lab_id());
    }
    Ok(Json(LootView {
        entries: state.security.loot.entries(&lab),
    }))
}

async fn attacker_site(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Json<app::api::security::AttackerSite> {
    Json(state.security.site(&headers))
}

/// The attacker logs in as bob (a session of their own) and hands over its ID, to be
/// planted in the victim's browser. Logging in as the victim must then replace it.
async fn fixation_plant(State(state): State<AppState>) -> Result<Json<FixationPlant>, ApiError> {
    let session_id = session::start_for(&state.auth, "bob", "user").await?;
    Ok(Json(FixationPlant {
        hint: crate::core::hint::hint("sid", &session_id),
        cookie_name: state.auth.settings.cookie_name().into(),
        session_id,
    }))
}

/// A token from a careless server: HS256 over bob's usual claims, signed with one word of
/// the public list. This server never accepts it (its own key is 256 random bits); the
/// lab, playing the attacker, cracks it offline to show why a guessable key is no key.
async fn weak_token(State(state): State<AppState>) -> Result<Json<WeakToken>, ApiError> {
    use rand::seq::SliceRandom;
    let word = app::weak_keys::WORDS
        .choose(&mut rand::rngs::OsRng)
        .copied()
        .unwrap_or("secret");
    let now = state.auth.now();
    let claims = serde_json::json!({
        "sub": "bob", "role": "user", "iat": now, "nbf": now, "exp": now + 900,
        "iss": "careless-server", "aud": "careless-api",
    });
    let token = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(word.as_bytes()),
    )
    .map_err(ApiError::internal)?;
    Ok(Json(WeakToken { token }))
}

#[derive(Debug, Deserialize)]
struct ReportQuery {
    lab: String,
}

/// A browser's CSP violation report (`report-uri`), filed under the visitor's lab ID.
async fn csp_report(
    State(state): State<AppState>,
    Query(query): Query<ReportQuery>,
    body: Bytes,
) -> Response {
    if !valid_lab_id(&query.lab) {
        return bad_lab_id().into_response();
    }
    let Ok(report) = serde_json::from_slice::<serde_json::Value>(&body) else {
        return ApiError::new(
            StatusCode::BAD_REQUEST,
            "malformed_json",
            "The body is not valid JSON.",
        )
        .into_response();
    };
    let report = &report["csp-report"];
    let field = |name: &str| {
        report[name]
            .as_str()
            .unwrap_or_default()
            .chars()
            .take(120)
            .collect::<String>()
    };
    let directive = match field("effective-directive") {
        d if d.is_empty() => field("violated-directive"),
        d => d,
    };
    state.security.loot.record(
        &query.lab,
        LootEntry::CspBlocked {
            at: state.auth.now(),
            directive,
            blocked: field("blocked-uri"),
        },
    );
    StatusCode::NO_CONTENT.into_response()
}

#[derive(Debug, Deserialize)]
struct VulnerableQuery {
    payload: String,
    lab: String,
    csp: String,
    #[serde(default)]
    lang: Option<String>,
}

async fn vulnerable(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<VulnerableQuery>,
) -> Response {
    let (Some(payload), true) = (Payload::from_name(&query.payload), valid_lab_id(&query.lab))
    else {
        return ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_request",
            "payload must be steal or ride, and lab a lab ID",
        )
        .into_response();
    };
    let csp_on = match query.csp.as_str() {
        "on" => true,
        "off" => false,
        _ => {
            return ApiError::new(
                StatusCode::BAD_REQUEST,
                "bad_request",
                "csp must be on or off",
            )
            .into_response()
        }
    };
    let Some(attacker) = state.security.site(&headers).origin else {
        return ApiError::new(
            StatusCode::CONFLICT,
            "no_attacker_site",
            "The attacker's listener is off, or this host has no second site to give it.",
        )
        .into_response();
    };
    let locale = super::attacker::locale(query.lang.as_deref());
    let collect = format!("{attacker}/collect?lab={}", query.lab);
    let mut response = Html(security_pages::vulnerable(
        locale, payload, &collect, csp_on,
    ))
    .into_response();
    let policy = if csp_on {
        // The lab's own pages allow only nonce'd scripts; this one allows none, and asks the
        // browser to report what it blocked.
        format!(
            "default-src 'none'; img-src 'self' data:; frame-ancestors 'self'; base-uri 'none'; report-uri /api/lab/csp-report?lab={}",
            query.lab
        )
    } else {
        // Only framing is restricted: any script in the page runs, and may send anywhere.
        "frame-ancestors 'self'".to_owned()
    };
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&policy) {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    headers.insert(
        header::X_FRAME_OPTIONS,
        HeaderValue::from_static("SAMEORIGIN"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}
