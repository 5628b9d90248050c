//! Token mode: `/api/token/{login,me,logout}`. The server signs a JWT and keeps no record
//! per login. Every check still asks the deny-list (one lookup in the store backend) for
//! the token's ID, and a logout that revokes adds the ID there until the token's `exp`.

use app::api::{
    AppliedTtl, LoginRequest, LogoutResponse, RefreshGrant, TokenLoginResponse, TokenLogoutRequest,
    TokenMe,
};
use axum::{
    body::Bytes,
    extract::{DefaultBodyLimit, Request, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
    Json, Router,
};

use super::{
    client_ip::ClientIp,
    credentials,
    json::{self, ApiJson},
    respond, LOGIN_BODY_LIMIT,
};
use crate::{
    auth_state::Auth,
    core::{
        hint::Hint,
        refresh,
        token::{self, Claims, TokenRejection},
        trace::{StepKind, Trace},
        ttl::apply_ttl,
    },
    error::ApiError,
    AppState,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/token/login",
            post(login).layer(DefaultBodyLimit::max(LOGIN_BODY_LIMIT)),
        )
        .route("/token/me", get(get_me))
        .route("/token/logout", post(logout))
}

async fn login(
    State(auth): State<Auth>,
    client: ClientIp,
    ApiJson(request): ApiJson<LoginRequest>,
) -> Response {
    let mut trace = auth.trace();
    let result = login_inner(&auth, client, &request, &mut trace).await;
    respond(trace, result)
}

async fn login_inner(
    auth: &Auth,
    client: ClientIp,
    request: &LoginRequest,
    trace: &mut Trace,
) -> Result<Response, ApiError> {
    if request.cookie.is_some() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_fields",
            "\"cookie\" belongs to a session login (/api/session/login); a token login sets no login cookie.",
        ));
    }
    let user = credentials::check(auth, client, request, trace)
        .await
        .map_err(|err| err.challenged_by(&token::bearer_challenge(None)))?;
    // With a refresh token at hand the access token can be short: a stolen one is useful
    // only for a minute, and the page gets the next one without asking for the password.
    let default_secs = if request.refresh {
        refresh::DEFAULT_REFRESHED_ACCESS_SECS
    } else {
        auth.settings.token_secs
    };
    let ttl = apply_ttl(request.ttl_secs, default_secs);
    let now = auth.now();
    let (access_token, claims, refresh_cookie, grant) = if request.refresh {
        let (token, claims, cookie, grant) =
            super::refresh::start_family(auth, (&user.username, &user.role), ttl, trace).await?;
        (token, claims, Some(cookie), Some(grant))
    } else {
        let (token, claims) = token::issue(
            &auth.token_key,
            &auth.token_policy,
            &user.username,
            &user.role,
            now,
            ttl.secs,
        );
        (token, claims, None, None)
    };
    let body = issued(auth, trace, access_token, &claims, (now, ttl), grant);
    Ok(match refresh_cookie {
        Some(cookie) => ([(header::SET_COOKIE, cookie.header)], Json(body)).into_response(),
        None => Json(body).into_response(),
    })
}

/// The answer to a login or a refresh that issued `access_token`, with its trace step.
pub(crate) fn issued(
    auth: &Auth,
    trace: &mut Trace,
    access_token: String,
    claims: &Claims,
    (now, ttl): (i64, AppliedTtl),
    refresh: Option<RefreshGrant>,
) -> TokenLoginResponse {
    trace.ok_about(
        StepKind::TokenIssued,
        || Hint::of("jti", &claims.jti),
        |jti| {
            format!(
                "HS256 JWT for {} (jti {jti}, exp {}); no record of it stored",
                claims.sub, claims.exp
            )
        },
    );
    TokenLoginResponse {
        access_token,
        token_type: "Bearer".into(),
        expires_in: claims.exp - now,
        expires_at: claims.exp,
        ttl,
        leeway_secs: auth.token_policy.leeway_secs,
        refresh,
    }
}

/// Verifies the bearer token completely, deny-list included.
pub(crate) async fn authenticate(
    auth: &Auth,
    headers: &HeaderMap,
    trace: &mut Trace,
) -> Result<Claims, ApiError> {
    let refuse = |rejection: TokenRejection| {
        ApiError::unauthenticated(rejection.reason(), rejection.message())
            .with_challenge(&token::bearer_challenge(Some(&rejection)))
    };
    let raw = token::parse_bearer(headers.get(header::AUTHORIZATION).map(|v| v.as_bytes()));
    let presented = match raw {
        Ok(token) => {
            trace.ok(
                StepKind::BearerReceived,
                ("Authorization: Bearer (", token.len(), " bytes)"),
            );
            token
        }
        Err(rejection) => {
            trace.failed(StepKind::BearerReceived, rejection.message());
            return Err(refuse(rejection));
        }
    };
    let now = auth.now();
    let claims = token::verify(presented, &auth.token_key, &auth.token_policy, now, trace)
        .map_err(refuse)?;
    // The claims check already hashed the token ID for the trace.
    let checked = trace.hint_of(StepKind::ClaimsChecked);
    let jti_hint = || checked.unwrap_or_else(|| Hint::of("jti", &claims.jti));
    if auth
        .denylist
        .contains(&claims.jti, now)
        .await
        .map_err(ApiError::store_unavailable)?
    {
        trace.failed(StepKind::DenylistChecked, || {
            ("jti ", jti_hint(), " is revoked")
        });
        return Err(refuse(TokenRejection::Revoked));
    }
    trace.ok(StepKind::DenylistChecked, || {
        ("jti ", jti_hint(), " is not on the deny-list")
    });
    Ok(claims)
}

/// Takes the whole request rather than a `HeaderMap`, which axum would clone.
async fn get_me(State(auth): State<Auth>, request: Request) -> Response {
    let mut trace = auth.trace();
    let result = authenticate(&auth, request.headers(), &mut trace)
        .await
        .map(|claims| Json(me_of(claims)).into_response());
    respond(trace, result)
}

/// What `/me` says about a verified token.
pub(crate) fn me_of(claims: Claims) -> TokenMe {
    TokenMe {
        username: claims.sub,
        role: claims.role,
        exp: claims.exp,
        jti: claims.jti,
    }
}

async fn logout(State(auth): State<Auth>, headers: HeaderMap, body: Bytes) -> Response {
    let mut trace = auth.trace();
    let result = match json::optional_body::<TokenLogoutRequest>(&headers, &body) {
        Ok(request) => logout_inner(&auth, &headers, request.revoke, &mut trace).await,
        Err(err) => Err(err),
    };
    respond(trace, result)
}

async fn logout_inner(
    auth: &Auth,
    headers: &HeaderMap,
    revoke: bool,
    trace: &mut Trace,
) -> Result<Response, ApiError> {
    let claims = authenticate(auth, headers, trace).await?;
    // A logout ends the refresh-token family too: otherwise the cookie would hand out new
    // access tokens after the user thought they had left.
    let family_revoked = match &claims.fam {
        Some(family) => super::refresh::revoke_on_logout(auth, family, trace).await?,
        None => false,
    };
    let family_note = if family_revoked {
        " Its refresh-token family was revoked, so the refresh cookie no longer works."
    } else {
        ""
    };
    // The token is accepted until `exp + leeway`, so the entry must outlive it that long.
    let refused_from = claims.exp + auth.token_policy.leeway_secs;
    let body = if revoke {
        auth.denylist
            .add(&claims.jti, refused_from, auth.now())
            .await
            .map_err(ApiError::store_unavailable)?;
        trace.ok_about(
            StepKind::DenylistAdded,
            || Hint::of("jti", &claims.jti),
            |jti| format!("jti {jti} denied until {refused_from} (exp plus the clock leeway)"),
        );
        LogoutResponse {
            mode: "token".into(),
            server_state_changed: true,
            message: format!("The server put this token's ID on its deny-list until {refused_from}, when the token would stop working anyway; a copy of the token is refused from now on.{family_note}"),
            dead_session_id: None,
            still_valid_until: None,
            refresh_family_revoked: family_revoked,
        }
    } else {
        trace.info(
            StepKind::DenylistChecked,
            "revoke=false: the token itself is not denied",
        );
        let head = if family_revoked {
            "The server kept no record of this access token to delete."
        } else {
            "Nothing changed on the server: it keeps no record of this token to delete."
        };
        LogoutResponse {
            mode: "token".into(),
            server_state_changed: family_revoked,
            message: format!(
                "{head} Any copy of it is still accepted until {refused_from} (its exp plus the clock leeway).{family_note}"
            ),
            dead_session_id: None,
            still_valid_until: Some(refused_from),
            refresh_family_revoked: family_revoked,
        }
    };
    if family_revoked {
        let cleared = super::cookie::clear_refresh(&auth.settings);
        trace.info(StepKind::SetCookie, cleared.redacted);
        return Ok(([(header::SET_COOKIE, cleared.header)], Json(body)).into_response());
    }
    Ok(Json(body).into_response())
}
