//! Short, one-way labels for secrets, so traces and the store view can tell sessions and
//! tokens apart without ever showing the real value.

use std::fmt;

use sha2::{Digest, Sha256};

/// The first 32 bits of SHA-256 over a domain tag and the secret, shown as 8 hex digits.
/// The tag keeps a session ID and a token with equal bytes from sharing a hint. A trace
/// keeps the four bytes and writes the digits only when someone reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint([u8; 4]);

impl Hint {
    pub fn of(domain: &str, secret: &str) -> Self {
        let mut hasher = Sha256::new();
        hasher.update(domain.as_bytes());
        hasher.update([0]);
        hasher.update(secret.as_bytes());
        let digest = hasher.finalize();
        Self([digest[0], digest[1], digest[2], digest[3]])
    }
}

impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [a, b, c, d] = self.0;
        write!(f, "{a:02x}{b:02x}{c:02x}{d:02x}")
    }
}

/// [`Hint::of`] as text, for the store views and page data that send it on at once.
pub fn hint(domain: &str, secret: &str) -> String {
    Hint::of(domain, secret).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hint_is_short_stable_and_does_not_contain_the_secret() {
        let secret = "rT3kQ9xVb2mN7pLs4dW8yA";
        let a = hint("sid", secret);
        assert_eq!(a.len(), 8);
        assert!(a
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert_eq!(a, hint("sid", secret));
        assert!(!secret.contains(&a) && !a.contains(&secret[..4]));
    }

    #[test]
    fn hint_is_the_start_of_the_tagged_digest() {
        // The digest's first four bytes, written out without `Hint`'s own formatting.
        let digest = Sha256::digest(b"sid\0abc");
        let expected: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hint("sid", "abc"), expected);
    }

    #[test]
    fn hint_depends_on_the_domain_and_the_secret() {
        assert_ne!(hint("sid", "abc"), hint("jti", "abc"));
        assert_ne!(hint("sid", "abc"), hint("sid", "abd"));
    }
}
