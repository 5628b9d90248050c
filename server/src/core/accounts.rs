//! The two demo accounts and password checking with Argon2id.
//! Hashing is slow on purpose; callers run [`Accounts::verify`] on a blocking thread.

use std::fmt;

use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};

/// A demo account: the login form lists these openly, because this is a lab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoAccount {
    pub username: &'static str,
    pub password: &'static str,
    pub role: &'static str,
}

pub const DEMO_ACCOUNTS: [DemoAccount; 2] = [
    DemoAccount {
        username: "alice",
        password: "wonderland",
        role: "admin",
    },
    DemoAccount {
        username: "bob",
        password: "builder",
        role: "user",
    },
];

struct StoredUser {
    username: String,
    role: String,
    phc_hash: String,
}

/// Users with Argon2id hashes made at start-up, plus a dummy hash so that an unknown user
/// costs the same work as a wrong password.
pub struct Accounts {
    users: Vec<StoredUser>,
    dummy_hash: String,
}

/// A user whose password checked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authenticated {
    pub username: String,
    pub role: String,
}

impl fmt::Debug for Accounts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Accounts")
            .field(
                "users",
                &self.users.iter().map(|u| &u.username).collect::<Vec<_>>(),
            )
            .field("hashes", &"[redacted]")
            .finish()
    }
}

/// Argon2id with the OWASP parameters (m = 19 MiB, t = 2, p = 1), which are the crate's
/// defaults; spelled out so a dependency update cannot weaken them silently.
fn hasher() -> Argon2<'static> {
    let params = argon2::Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters");
    Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
}

fn hash(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .expect("hashing a short password with valid parameters")
        .to_string()
}

impl Accounts {
    /// Hashes the demo passwords. Takes a moment: three Argon2id hashes.
    pub fn demo() -> Self {
        let users = DEMO_ACCOUNTS
            .iter()
            .map(|account| StoredUser {
                username: account.username.to_owned(),
                role: account.role.to_owned(),
                phc_hash: hash(account.password),
            })
            .collect();
        Self {
            users,
            dummy_hash: hash("not-a-real-password-only-burns-time"),
        }
    }

    /// Checks a login. Unknown users are verified against the dummy hash, so both
    /// failures take the same time and give the same answer. Blocking: call it from
    /// `spawn_blocking`.
    pub fn verify(&self, username: &str, password: &str) -> Option<Authenticated> {
        let user = self.users.iter().find(|u| u.username == username);
        let phc = user.map_or(self.dummy_hash.as_str(), |u| u.phc_hash.as_str());
        let parsed = PasswordHash::new(phc).expect("hashes made at start-up parse");
        let matches = hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        match user {
            Some(user) if matches => Some(Authenticated {
                username: user.username.clone(),
                role: user.role.clone(),
            }),
            _ => None,
        }
    }

    /// The hash stored for `username`, for tests of the hashing parameters.
    pub fn stored_hash(&self, username: &str) -> Option<&str> {
        self.users
            .iter()
            .find(|u| u.username == username)
            .map(|u| u.phc_hash.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_passwords_verify_and_wrong_ones_do_not() {
        let accounts = Accounts::demo();
        let alice = accounts
            .verify("alice", "wonderland")
            .expect("alice logs in");
        assert_eq!(alice.role, "admin");
        assert_eq!(
            accounts.verify("bob", "builder").map(|b| b.role),
            Some("user".into())
        );
        assert_eq!(accounts.verify("alice", "builder"), None);
        assert_eq!(accounts.verify("mallory", "wonderland"), None);
        assert_eq!(accounts.verify("", ""), None);
    }

    #[test]
    fn hashes_are_argon2id_with_owasp_parameters_and_unique_salts() {
        let accounts = Accounts::demo();
        let hash = accounts.stored_hash("alice").unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(!hash.contains("wonderland"));
        let again = Accounts::demo();
        assert_ne!(
            hash,
            again.stored_hash("alice").unwrap(),
            "salts differ per start"
        );
    }

    #[test]
    fn debug_output_hides_the_hashes() {
        let printed = format!("{:?}", Accounts::demo());
        assert!(printed.contains("alice") && printed.contains("[redacted]"));
        assert!(!printed.contains("$argon2"));
    }
}
