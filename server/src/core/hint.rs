//! Short, one-way labels for secrets, so traces and the store view can tell sessions and
//! tokens apart without ever showing the real value.

use sha2::{Digest, Sha256};

/// The first 8 hex digits of SHA-256 over a domain tag and the secret. The tag keeps a
/// session ID and a token with equal bytes from sharing a hint.
pub fn hint(domain: &str, secret: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(domain.as_bytes());
    hasher.update([0]);
    hasher.update(secret.as_bytes());
    let digest = hasher.finalize();
    digest[..4].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hint_is_short_stable_and_does_not_contain_the_secret() {
        let secret = "rT3kQ9xVb2mN7pLs4dW8yA";
        let a = hint("sid", secret);
        assert_eq!(a.len(), 8);
        assert_eq!(a, hint("sid", secret));
        assert!(!secret.contains(&a) && !a.contains(&secret[..4]));
    }

    #[test]
    fn hint_depends_on_the_domain_and_the_secret() {
        assert_ne!(hint("sid", "abc"), hint("jti", "abc"));
        assert_ne!(hint("sid", "abc"), hint("sid", "abd"));
    }
}
