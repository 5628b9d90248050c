//! Refresh tokens: `POST /api/token/refresh` and the family a token login starts. The
//! token rides in an HttpOnly, `SameSite=Strict` cookie scoped to the refresh endpoint;
//! every use rotates it, and a used token that comes back revokes its whole family.

use super::{cookie, csrf, respond};
use crate::{
    auth_state::Auth,
    core::{
        hint::{hint, Hint},
        random,
        refresh::{self, Decision, Family, RefreshRejection, RevokedBy},
        token::{self, Claims},
        trace::{StepKind, Trace},
        ttl::AppliedTtl,
    },
    error::ApiError,
    AppState,
};
use app::api::RefreshGrant;
use axum::{
    extract::State,
    http::{header, HeaderMap},
    middleware,
    response::{IntoResponse, Response},
    routing::post,
    Json, Router,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/token/refresh", post(refresh_handler))
        // The cookie authenticates this request, so it must come from this origin, like
        // the session endpoints (SameSite=Strict is the browser's half of the same rule).
        .route_layer(middleware::from_fn(csrf::same_origin_json))
}

fn refuse(auth: &Auth, rejection: RefreshRejection) -> ApiError {
    ApiError::unauthenticated(rejection.reason(), rejection.message())
        .with_challenge(&cookie::challenge(cookie::refresh_name(&auth.settings)))
        // Whatever the browser holds can never work again.
        .with_set_cookie(&cookie::clear_refresh(&auth.settings).header)
}

/// A refresh token: the cookie's value and the digest the store keeps of its secret.
struct Fresh {
    value: String,
    digest: String,
}

fn fresh_token(family: &str) -> Fresh {
    let secret = random::base64url(refresh::SECRET_BYTES);
    Fresh {
        value: format!("{family}.{secret}"),
        digest: refresh::digest(&secret),
    }
}

/// Starts a family for a token login that asked for a refresh token: stores it, and returns
/// the cookie to set and what the page may know.
pub(crate) async fn start_family(
    auth: &Auth,
    (username, role): (&str, &str),
    ttl: AppliedTtl,
    trace: &mut Trace,
) -> Result<(String, Claims, cookie::SetCookie, RefreshGrant), ApiError> {
    let now = auth.now();
    let family_id = random::base64url(refresh::FAMILY_ID_BYTES);
    let (access_token, claims) = token::issue_in_family(
        &auth.token_key,
        &auth.token_policy,
        (username, role),
        now,
        ttl.secs,
        Some(family_id.clone()),
    );
    let first = fresh_token(&family_id);
    let family = Family::start(
        family_id,
        (username, role),
        now,
        auth.settings.refresh_family_secs,
        first.digest,
        (claims.jti.clone(), claims.exp),
    );
    auth.refresh_families
        .insert(&family, now)
        .await
        .map_err(ApiError::store_unavailable)?;
    trace.ok_about(
        StepKind::RefreshRotated,
        || Hint::of("fam", &family.id),
        |fam| {
            format!(
                "family {fam} started, ends {}; refresh token 1 stored as its SHA-256 only",
                family.expires_at
            )
        },
    );
    let set_cookie = cookie::refresh(&auth.settings, &first.value, family.expires_at - now);
    trace.info(StepKind::SetCookie, set_cookie.redacted.clone());
    let grant = grant(auth, &family);
    Ok((access_token, claims, set_cookie, grant))
}

fn grant(auth: &Auth, family: &Family) -> RefreshGrant {
    RefreshGrant {
        cookie_name: cookie::refresh_name(&auth.settings).into(),
        family_hint: hint("fam", &family.id),
        generation: family.links.len(),
        family_expires_at: family.expires_at,
    }
}

/// What one atomic pass over the family decided.
enum Outcome {
    Rotated {
        access_token: String,
        claims: Claims,
        family: Box<Family>,
    },
    /// Token `generation` was used before; the family is now revoked.
    Reused {
        generation: usize,
        denied: (String, i64),
    },
    Refused(RefreshRejection),
}

async fn refresh_handler(State(auth): State<Auth>, headers: HeaderMap) -> Response {
    let mut trace = auth.trace();
    let result = refresh_inner(&auth, &headers, &mut trace).await;
    respond(trace, result)
}

async fn refresh_inner(
    auth: &Auth,
    headers: &HeaderMap,
    trace: &mut Trace,
) -> Result<Response, ApiError> {
    let Some(raw) = cookie::read(headers, cookie::refresh_name(&auth.settings)) else {
        trace.failed(StepKind::CookieReceived, "no refresh cookie on the request");
        return Err(refuse(auth, RefreshRejection::Missing));
    };
    let presented = refresh::parse(&raw).map_err(|rejection| {
        trace.failed(StepKind::CookieReceived, || {
            format!(
                "cookie <{}> is not a refresh token this server could have issued",
                hint("rt", &raw)
            )
        });
        refuse(auth, rejection)
    })?;
    trace.ok_about(
        StepKind::CookieReceived,
        || Hint::of("fam", presented.family),
        |fam| {
            format!(
                "refresh cookie <token {}> of family {fam}",
                hint("rt", &raw)
            )
        },
    );
    let presented_digest = refresh::digest(presented.secret);
    let next = fresh_token(presented.family);
    let now = auth.now();
    let outcome = auth
        .refresh_families
        .update(presented.family, now, |family| {
            match family.judge(&presented_digest, now) {
                Decision::Rotate => {
                    let (access_token, claims) = token::issue_in_family(
                        &auth.token_key,
                        &auth.token_policy,
                        (&family.username, &family.role),
                        now,
                        family.access_secs,
                        Some(family.id.clone()),
                    );
                    let access = (claims.jti.clone(), claims.exp);
                    family.rotate(now, next.digest.clone(), access);
                    let family = Box::new(family.clone());
                    let rotated = Outcome::Rotated {
                        access_token,
                        claims,
                        family,
                    };
                    (rotated, true)
                }
                Decision::RevokeForReuse => {
                    let generation = family
                        .links
                        .iter()
                        .position(|link| link.digest == presented_digest)
                        .map_or(0, |i| i + 1);
                    let denied = family.revoke(RevokedBy::Reuse, now);
                    (Outcome::Reused { generation, denied }, true)
                }
                Decision::Refuse(rejection) => (Outcome::Refused(rejection), false),
            }
        })
        .await
        .map_err(ApiError::store_unavailable)?;
    let family_hint = hint("fam", presented.family);
    match outcome {
        None => {
            trace.failed(StepKind::RefreshChecked, || {
                format!("no family {family_hint} in the store")
            });
            Err(refuse(auth, RefreshRejection::Invalid))
        }
        Some(Outcome::Refused(rejection)) => {
            trace.failed(StepKind::RefreshChecked, || {
                format!("family {family_hint}: {}", rejection.message())
            });
            Err(refuse(auth, rejection))
        }
        Some(Outcome::Reused { generation, denied }) => {
            trace.failed(StepKind::RefreshChecked, || {
                format!("token {generation} of family {family_hint} was already used: a copy of it exists")
            });
            trace.ok(StepKind::FamilyRevoked, || {
                format!("family {family_hint} revoked (reuse): no token of it refreshes again")
            });
            deny_access_token(auth, denied, trace).await?;
            Err(refuse(auth, RefreshRejection::Reused))
        }
        Some(Outcome::Rotated {
            access_token,
            claims,
            family,
        }) => {
            let generation = family.links.len();
            trace.ok(StepKind::RefreshChecked, || {
                format!(
                    "token {} of family {family_hint} is the current one",
                    generation - 1
                )
            });
            trace.ok(StepKind::RefreshRotated, || {
                format!(
                    "token {} marked used; token {generation} stored as its SHA-256 only",
                    generation - 1
                )
            });
            let ttl = AppliedTtl {
                secs: family.access_secs,
                source: app::api::TtlSource::Default,
            };
            let body = super::token::issued(
                auth,
                trace,
                access_token,
                &claims,
                (now, ttl),
                Some(grant(auth, &family)),
            );
            let set_cookie = cookie::refresh(&auth.settings, &next.value, family.expires_at - now);
            trace.info(StepKind::SetCookie, set_cookie.redacted);
            Ok(([(header::SET_COOKIE, set_cookie.header)], Json(body)).into_response())
        }
    }
}

/// Puts a revoked family's newest access token on the deny-list until it would have
/// expired anyway, so the access token a thief just got dies with the family.
async fn deny_access_token(
    auth: &Auth,
    (jti, exp): (String, i64),
    trace: &mut Trace,
) -> Result<(), ApiError> {
    let until = exp + auth.token_policy.leeway_secs;
    if until <= auth.now() {
        return Ok(());
    }
    auth.denylist
        .add(&jti, until, auth.now())
        .await
        .map_err(ApiError::store_unavailable)?;
    trace.ok(StepKind::DenylistAdded, || {
        format!(
            "the family's newest access token (jti {}) denied until {until}",
            hint("jti", &jti)
        )
    });
    Ok(())
}

/// Revokes the family a logged-out access token came from. Returns whether it changed
/// anything (a family already revoked, or already gone, is left as it is).
pub(crate) async fn revoke_on_logout(
    auth: &Auth,
    family_id: &str,
    trace: &mut Trace,
) -> Result<bool, ApiError> {
    let now = auth.now();
    let denied = auth
        .refresh_families
        .update(family_id, now, |family| {
            if family.revoked.is_some() {
                (None, false)
            } else {
                (Some(family.revoke(RevokedBy::Logout, now)), true)
            }
        })
        .await
        .map_err(ApiError::store_unavailable)?
        .flatten();
    // The access token itself is the logout's to deny (`revoke`), as without a family.
    if denied.is_none() {
        return Ok(false);
    }
    trace.ok(StepKind::FamilyRevoked, || {
        format!(
            "family {} revoked (logout): its refresh token no longer works",
            hint("fam", family_id)
        )
    });
    Ok(true)
}
