//! Refresh-token families: every use rotates the token, and a token used twice revokes the
//! whole family (RFC 9700 §4.14.2, "refresh token rotation"). The rules only: the store,
//! the clock and the random bytes are passed in.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::clock::UnixTime;

/// A family's lifetime when the server is not told otherwise: 8 hours, never extended, so
/// a stolen chain cannot be kept alive for ever by refreshing it.
pub const DEFAULT_FAMILY_SECS: i64 = 8 * 60 * 60;
/// The access token's lifetime when a login asks for a refresh token and chooses none.
pub const DEFAULT_REFRESHED_ACCESS_SECS: i64 = 60;
/// Links kept per family. Every used token must stay recognisable for reuse detection, so
/// a family that reaches this many ends, and the user logs in again (at one refresh a
/// minute that takes over eight hours, longer than a family lives).
pub const MAX_LINKS: usize = 600;

/// Random bytes behind a family ID (128 bits) and behind a token's secret (256 bits).
pub const FAMILY_ID_BYTES: usize = 16;
pub const SECRET_BYTES: usize = 32;

/// A refresh token as the cookie carries it: `<family>.<secret>`, both base64url.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presented<'a> {
    pub family: &'a str,
    pub secret: &'a str,
}

/// Splits a cookie value, refusing anything this server could not have issued.
pub fn parse(value: &str) -> Result<Presented<'_>, RefreshRejection> {
    let (family, secret) = value.split_once('.').ok_or(RefreshRejection::Invalid)?;
    let decodes_to = |text: &str, len: usize| {
        URL_SAFE_NO_PAD
            .decode(text)
            .is_ok_and(|bytes| bytes.len() == len)
    };
    if decodes_to(family, FAMILY_ID_BYTES) && decodes_to(secret, SECRET_BYTES) {
        Ok(Presented { family, secret })
    } else {
        Err(RefreshRejection::Invalid)
    }
}

/// The cookie value for a family and a fresh secret.
pub fn encode(family: &str, secret: &[u8]) -> String {
    format!("{family}.{}", URL_SAFE_NO_PAD.encode(secret))
}

/// What the store keeps of a secret: its SHA-256, so a copy of the store cannot refresh.
/// The secrets are 256 random bits, so a plain hash (no salt, no slow KDF) is enough, and
/// comparing digests leaks nothing useful about the secret.
pub fn digest(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Why a refresh was refused. Each is a 401 with its own `reason`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefreshRejection {
    /// No refresh cookie on the request.
    Missing,
    /// Not a token of this server's: bad shape, unknown family or no matching link.
    Invalid,
    /// The family's lifetime (or its link limit) is over.
    Expired,
    /// This token was already used: someone else holds a copy. The family is now revoked.
    Reused,
    /// The family was revoked earlier (a reuse, or a logout).
    Revoked,
}

impl RefreshRejection {
    pub fn reason(self) -> &'static str {
        match self {
            Self::Missing => "no_refresh_token",
            Self::Invalid => "invalid_refresh_token",
            Self::Expired => "refresh_expired",
            Self::Reused => "refresh_reused",
            Self::Revoked => "refresh_revoked",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            Self::Missing => "No refresh token was sent: log in with \"refresh\": true first.",
            Self::Invalid => "This is not a refresh token this server issued.",
            Self::Expired => "This refresh token's family has ended; log in again.",
            Self::Reused => "This refresh token was already used once, so a copy of it exists. The server revoked its whole family; log in again.",
            Self::Revoked => "This refresh token's family was revoked; log in again.",
        }
    }
}

/// Why a family was revoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RevokedBy {
    /// An already-used token came back.
    Reuse,
    Logout,
}

/// One token of the chain. Only its digest is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub digest: String,
    pub issued_at: UnixTime,
    /// When it was exchanged for the next link; a second use is a reuse.
    pub used_at: Option<UnixTime>,
}

/// A link's state as the lab shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkState {
    Active,
    Used,
    Revoked,
}

/// Every refresh token issued since one login, and the latest access token it gave out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Family {
    pub id: String,
    pub username: String,
    pub role: String,
    pub created_at: UnixTime,
    pub expires_at: UnixTime,
    pub revoked: Option<(RevokedBy, UnixTime)>,
    pub links: Vec<Link>,
    /// The newest access token's ID and `exp`: a revocation puts it on the deny-list, so
    /// the access token a thief just obtained dies with the family.
    pub access_jti: String,
    pub access_exp: UnixTime,
    /// The lifetime of every access token the family gives out, chosen at login.
    pub access_secs: i64,
}

/// What a refresh should do, decided from the family and the presented secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// The current token: exchange it for the next one.
    Rotate,
    /// An already-used token: revoke the family and refuse.
    RevokeForReuse,
    Refuse(RefreshRejection),
}

impl Family {
    pub fn start(
        id: String,
        (username, role): (&str, &str),
        now: UnixTime,
        lifetime_secs: i64,
        first_digest: String,
        (access_jti, access_exp): (String, UnixTime),
    ) -> Self {
        Self {
            id,
            username: username.to_owned(),
            role: role.to_owned(),
            created_at: now,
            expires_at: now + lifetime_secs,
            revoked: None,
            links: vec![Link {
                digest: first_digest,
                issued_at: now,
                used_at: None,
            }],
            access_secs: access_exp - now,
            access_jti,
            access_exp,
        }
    }

    /// The rule. A revoked family refuses everything, even the token that was current
    /// when it was revoked: that holder may be the thief.
    pub fn judge(&self, presented_digest: &str, now: UnixTime) -> Decision {
        if self.revoked.is_some() {
            return Decision::Refuse(RefreshRejection::Revoked);
        }
        let Some(link) = self.links.iter().find(|l| l.digest == presented_digest) else {
            return Decision::Refuse(RefreshRejection::Invalid);
        };
        if link.used_at.is_some() {
            return Decision::RevokeForReuse;
        }
        if now >= self.expires_at || self.links.len() >= MAX_LINKS {
            return Decision::Refuse(RefreshRejection::Expired);
        }
        Decision::Rotate
    }

    /// Marks the current link used and appends the next one. Call only after
    /// [`Family::judge`] said [`Decision::Rotate`].
    pub fn rotate(&mut self, now: UnixTime, next_digest: String, access: (String, UnixTime)) {
        if let Some(current) = self.links.last_mut() {
            current.used_at = Some(now);
        }
        self.links.push(Link {
            digest: next_digest,
            issued_at: now,
            used_at: None,
        });
        (self.access_jti, self.access_exp) = access;
    }

    /// Revokes the family (the first revocation's cause and time are kept). Returns the
    /// newest access token's ID and `exp`, for the deny-list.
    pub fn revoke(&mut self, by: RevokedBy, now: UnixTime) -> (String, UnixTime) {
        self.revoked.get_or_insert((by, now));
        (self.access_jti.clone(), self.access_exp)
    }

    pub fn link_state(&self, index: usize) -> LinkState {
        match self.links.get(index) {
            Some(link) if link.used_at.is_some() => LinkState::Used,
            Some(_) if self.revoked.is_some() => LinkState::Revoked,
            _ => LinkState::Active,
        }
    }

    /// How long the store should keep the record: until the family ends, and a little
    /// longer, so that a late replay is still told `refresh_expired` or `refresh_revoked`
    /// rather than `invalid_refresh_token`.
    pub fn keep_until(&self) -> UnixTime {
        self.expires_at + KEEP_AFTER_END_SECS
    }
}

/// How long an ended family's record outlives it.
pub const KEEP_AFTER_END_SECS: i64 = 300;

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: UnixTime = 1_700_000_000;
    const FAMILY: &str = "AAAAAAAAAAAAAAAAAAAAAA";

    fn secret(n: u8) -> String {
        URL_SAFE_NO_PAD.encode([n; SECRET_BYTES])
    }

    fn family() -> Family {
        Family::start(
            FAMILY.into(),
            ("alice", "admin"),
            NOW,
            3_600,
            digest(&secret(1)),
            ("jti-1".into(), NOW + 60),
        )
    }

    #[test]
    fn only_values_of_the_issued_shape_parse() {
        let value = encode(FAMILY, &[1; SECRET_BYTES]);
        assert_eq!(
            parse(&value),
            Ok(Presented {
                family: FAMILY,
                secret: &secret(1)
            })
        );
        for bad in [
            "",
            "no-dot",
            ".",
            &format!("{FAMILY}."),
            &format!("{FAMILY}.short"),
            &format!("AAAA.{}", secret(1)),
            &format!("{FAMILY}.{}!", secret(1)),
            &format!("{FAMILY}.{}.extra", secret(1)),
        ] {
            assert_eq!(parse(bad), Err(RefreshRejection::Invalid), "{bad:?}");
        }
    }

    #[test]
    fn the_current_token_rotates_and_the_old_one_becomes_a_reuse() {
        let mut family = family();
        assert_eq!(
            family.judge(&digest(&secret(1)), NOW + 10),
            Decision::Rotate
        );
        family.rotate(NOW + 10, digest(&secret(2)), ("jti-2".into(), NOW + 70));
        assert_eq!(family.link_state(0), LinkState::Used);
        assert_eq!(family.link_state(1), LinkState::Active);
        assert_eq!(family.access_jti, "jti-2");

        assert_eq!(
            family.judge(&digest(&secret(2)), NOW + 20),
            Decision::Rotate
        );
        assert_eq!(
            family.judge(&digest(&secret(1)), NOW + 20),
            Decision::RevokeForReuse,
            "the first token, already exchanged, comes back"
        );
    }

    #[test]
    fn after_a_reuse_every_token_of_the_family_is_refused_and_the_access_token_named() {
        let mut family = family();
        family.rotate(NOW + 10, digest(&secret(2)), ("jti-2".into(), NOW + 70));
        assert_eq!(
            family.revoke(RevokedBy::Reuse, NOW + 30),
            ("jti-2".into(), NOW + 70)
        );
        assert_eq!(family.link_state(1), LinkState::Revoked);
        for n in [1, 2] {
            assert_eq!(
                family.judge(&digest(&secret(n)), NOW + 31),
                Decision::Refuse(RefreshRejection::Revoked)
            );
        }
        // A later logout does not rewrite why it ended.
        family.revoke(RevokedBy::Logout, NOW + 40);
        assert_eq!(family.revoked, Some((RevokedBy::Reuse, NOW + 30)));
    }

    #[test]
    fn unknown_secrets_are_invalid_and_an_ended_family_refuses_its_current_token() {
        let family = family();
        assert_eq!(
            family.judge(&digest(&secret(9)), NOW),
            Decision::Refuse(RefreshRejection::Invalid)
        );
        assert_eq!(
            family.judge(&digest(&secret(1)), NOW + 3_599),
            Decision::Rotate
        );
        assert_eq!(
            family.judge(&digest(&secret(1)), NOW + 3_600),
            Decision::Refuse(RefreshRejection::Expired)
        );
        assert_eq!(family.keep_until(), NOW + 3_600 + KEEP_AFTER_END_SECS);
    }

    #[test]
    fn a_family_at_its_link_limit_ends_instead_of_growing() {
        let mut family = family();
        for n in 1..MAX_LINKS {
            family.rotate(NOW, format!("d{n}"), ("j".into(), NOW));
        }
        assert_eq!(family.links.len(), MAX_LINKS);
        assert_eq!(
            family.judge(&format!("d{}", MAX_LINKS - 1), NOW),
            Decision::Refuse(RefreshRejection::Expired)
        );
    }

    #[test]
    fn digests_are_sha256_hex_and_differ_per_secret() {
        assert_eq!(
            digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_ne!(digest(&secret(1)), digest(&secret(2)));
    }
}
