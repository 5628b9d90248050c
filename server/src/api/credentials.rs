//! The password check both login endpoints share, with failed-login limiting.

use app::api::LoginRequest;
use axum::http::{header, StatusCode};

use super::client_ip::ClientIp;
use crate::{
    auth_state::Auth,
    core::{
        accounts::Authenticated,
        trace::{StepKind, Trace},
    },
    error::ApiError,
};

/// Verifies the password on a blocking thread (Argon2id takes milliseconds of pure CPU),
/// through [`crate::hash_gate::HashGate`], so a burst of logins cannot starve other requests.
/// Unknown user and wrong password give the same error, the same trace and the same work.
/// After too many failures for this client and username, answers 429 without hashing.
pub async fn check(
    auth: &Auth,
    client: ClientIp,
    request: &LoginRequest,
    trace: &mut Trace,
) -> Result<Authenticated, ApiError> {
    let key = (client.0, request.username.to_lowercase());
    let blocked = {
        let mut failures = auth
            .login_failures
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        failures.retry_after(&key, auth.now())
    };
    if let Some(wait) = blocked {
        trace.failed(StepKind::CredentialsChecked, || {
            format!("too many failed logins; retry in {wait}s")
        });
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_attempts",
            format!("Too many failed logins for this user from your address. Try again in {wait} seconds."),
        )
        .with_header(header::RETRY_AFTER, &wait.to_string()));
    }

    let accounts = auth.accounts.clone();
    let (username, password) = (request.username.clone(), request.password.clone());
    let verdict = auth
        .hash_gate
        .run(move || accounts.verify(&username, &password))
        .await
        .map_err(|err| ApiError::internal(format!("the password check did not finish: {err}")))?;

    let mut failures = auth
        .login_failures
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    match verdict {
        Some(user) => {
            failures.clear(&key);
            trace.ok(StepKind::CredentialsChecked, || {
                format!("Argon2id verified for {}", user.username)
            });
            Ok(user)
        }
        None => {
            failures.record_failure(key, auth.now());
            trace.failed(StepKind::CredentialsChecked, "Argon2id verification failed");
            Err(ApiError::invalid_credentials())
        }
    }
}
