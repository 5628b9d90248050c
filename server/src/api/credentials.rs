//! The password check both login endpoints share.

use app::api::LoginRequest;

use crate::{
    auth::Auth,
    core::{
        accounts::Authenticated,
        trace::{StepKind, Trace},
    },
    error::ApiError,
};

/// Verifies the password on a blocking thread (Argon2id takes milliseconds of pure CPU).
/// Unknown user and wrong password give the same error, the same trace and the same work.
pub async fn check(
    auth: &Auth,
    request: &LoginRequest,
    trace: &mut Trace,
) -> Result<Authenticated, ApiError> {
    let accounts = auth.accounts.clone();
    let (username, password) = (request.username.clone(), request.password.clone());
    let verdict = tokio::task::spawn_blocking(move || accounts.verify(&username, &password))
        .await
        .map_err(|err| {
            ApiError::store_unavailable(format!("password check did not finish: {err}"))
        })?;
    match verdict {
        Some(user) => {
            trace.ok(
                StepKind::CredentialsChecked,
                format!("Argon2id verified for {}", user.username),
            );
            Ok(user)
        }
        None => {
            trace.failed(StepKind::CredentialsChecked, "Argon2id verification failed");
            Err(ApiError::invalid_credentials())
        }
    }
}
