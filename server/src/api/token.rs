//! Token mode: `/api/token/{login,me,logout}`. The server signs a JWT and keeps no record
//! per login. Every check still asks the deny-list (one lookup in the store backend) for
//! the token's ID, and a logout that revokes adds the ID there until the token's `exp`.

use app::api::{LoginRequest, LogoutResponse, TokenLoginResponse, TokenLogoutRequest, TokenMe};
use axum::{
    body::Bytes,
    extract::{DefaultBodyLimit, Request, State},
    http::{header, HeaderMap},
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
        hint::hint,
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
    let user = credentials::check(auth, client, request, trace)
        .await
        .map_err(|err| err.challenged_by(&token::bearer_challenge(None)))?;
    let ttl = apply_ttl(request.ttl_secs, auth.settings.token_secs);
    let now = auth.now();
    let (access_token, claims) = token::issue(
        &auth.token_key,
        &auth.token_policy,
        &user.username,
        &user.role,
        now,
        ttl.secs,
    );
    trace.ok(StepKind::TokenIssued, || {
        format!(
            "HS256 JWT for {} (jti {}, exp {}); no record of it stored",
            user.username,
            hint("jti", &claims.jti),
            claims.exp
        )
    });
    trace.about(|| hint("jti", &claims.jti));
    let body = TokenLoginResponse {
        access_token,
        token_type: "Bearer".into(),
        expires_in: claims.exp - now,
        expires_at: claims.exp,
        ttl,
        leeway_secs: auth.token_policy.leeway_secs,
    };
    Ok(Json(body).into_response())
}

/// Verifies the bearer token completely, deny-list included.
async fn authenticate(
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
            trace.ok(StepKind::BearerReceived, || {
                format!("Authorization: Bearer ({} bytes)", token.len())
            });
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
    if auth
        .denylist
        .contains(&claims.jti, now)
        .await
        .map_err(ApiError::store_unavailable)?
    {
        trace.failed(StepKind::DenylistChecked, || {
            format!("jti {} is revoked", hint("jti", &claims.jti))
        });
        return Err(refuse(TokenRejection::Revoked));
    }
    trace.ok(StepKind::DenylistChecked, || {
        format!("jti {} is not on the deny-list", hint("jti", &claims.jti))
    });
    Ok(claims)
}

/// Takes the whole request rather than a `HeaderMap`, which axum would clone.
async fn get_me(State(auth): State<Auth>, request: Request) -> Response {
    let mut trace = auth.trace();
    let result = authenticate(&auth, request.headers(), &mut trace)
        .await
        .map(|claims| {
            Json(TokenMe {
                username: claims.sub,
                role: claims.role,
                exp: claims.exp,
                jti: claims.jti,
            })
            .into_response()
        });
    respond(trace, result)
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
    // The token is accepted until `exp + leeway`, so the entry must outlive it that long.
    let refused_from = claims.exp + auth.token_policy.leeway_secs;
    let body = if revoke {
        auth.denylist
            .add(&claims.jti, refused_from, auth.now())
            .await
            .map_err(ApiError::store_unavailable)?;
        trace.ok(StepKind::DenylistAdded, || {
            format!(
                "jti {} denied until {refused_from} (exp plus the clock leeway)",
                hint("jti", &claims.jti),
            )
        });
        trace.about(|| hint("jti", &claims.jti));
        LogoutResponse {
            mode: "token".into(),
            server_state_changed: true,
            message: format!("The server put this token's ID on its deny-list until {refused_from}, when the token would stop working anyway; a copy of the token is refused from now on."),
            dead_session_id: None,
            still_valid_until: None,
        }
    } else {
        trace.info(
            StepKind::DenylistChecked,
            "revoke=false: the server changed nothing",
        );
        LogoutResponse {
            mode: "token".into(),
            server_state_changed: false,
            message: format!(
                "Nothing changed on the server: it keeps no record of this token to delete. Any copy of it is still accepted until {refused_from} (its exp plus the clock leeway)."
            ),
            dead_session_id: None,
            still_valid_until: Some(refused_from),
        }
    };
    Ok(Json(body).into_response())
}
