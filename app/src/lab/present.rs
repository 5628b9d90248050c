//! Pure presentation rules: decoding a JWT for display, reading cookie attributes from
//! the server's report of its `Set-Cookie`, and countdown text. No browser, no leptos.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use serde_json::Value;

/// A JWT split for display. Decoding is not verifying: anyone can do this.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedJwt {
    pub header_b64: String,
    pub payload_b64: String,
    pub signature_b64: String,
    pub header: Value,
    pub payload: Value,
}

impl DecodedJwt {
    pub fn claim_i64(&self, name: &str) -> Option<i64> {
        self.payload.get(name)?.as_i64()
    }
}

/// Splits and base64url-decodes a JWT; `None` if it is not three decodable JSON parts
/// (the signature is shown, not decoded).
pub fn decode_jwt(token: &str) -> Option<DecodedJwt> {
    let mut parts = token.split('.');
    let (header_b64, payload_b64, signature_b64) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let json = |part: &str| -> Option<Value> {
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).ok()?).ok()
    };
    Some(DecodedJwt {
        header: json(header_b64)?,
        payload: json(payload_b64)?,
        header_b64: header_b64.into(),
        payload_b64: payload_b64.into(),
        signature_b64: signature_b64.into(),
    })
}

/// The attributes of a `Set-Cookie` line, for badges.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CookieAttributes {
    pub name: String,
    pub http_only: bool,
    pub secure: bool,
    pub same_site: Option<String>,
    pub path: Option<String>,
    /// `None` means a browser-session cookie (gone when the browser closes).
    pub max_age: Option<i64>,
}

impl CookieAttributes {
    pub fn parse(set_cookie: &str) -> Self {
        let mut parts = set_cookie.split(';').map(str::trim);
        let name = parts
            .next()
            .and_then(|pair| pair.split_once('='))
            .map(|(name, _)| name.to_owned())
            .unwrap_or_default();
        let mut attributes = Self {
            name,
            ..Self::default()
        };
        for part in parts {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            match key.to_ascii_lowercase().as_str() {
                "httponly" => attributes.http_only = true,
                "secure" => attributes.secure = true,
                "samesite" => attributes.same_site = Some(value.to_owned()),
                "path" => attributes.path = Some(value.to_owned()),
                "max-age" => attributes.max_age = value.parse().ok(),
                _ => {}
            }
        }
        attributes
    }

    /// A `Max-Age=0` line deletes the cookie.
    pub fn deletes(&self) -> bool {
        self.max_age == Some(0)
    }
}

/// "in 42 s", "in 3 min 05 s", "in 2 h 10 min", or "expired".
pub fn countdown(target: i64, now: i64) -> String {
    let left = target - now;
    if left <= 0 {
        return "expired".into();
    }
    match left {
        0..=59 => format!("in {left} s"),
        60..=3599 => format!("in {} min {:02} s", left / 60, left % 60),
        _ => format!("in {} h {:02} min", left / 3600, left % 3600 / 60),
    }
}

/// Bytes the server keeps for this page: its own session rows and deny-list entries,
/// recognised by the hints the server named in this page's traces.
pub fn kept_for_you(store: &crate::api::StoreView, my_hints: &[String]) -> (usize, usize) {
    let sessions = store
        .sessions
        .iter()
        .filter(|r| my_hints.contains(&r.id_hint))
        .map(|r| r.bytes)
        .sum();
    let denied = store
        .denylist
        .iter()
        .filter(|r| my_hints.contains(&r.jti_hint))
        .map(|r| r.bytes)
        .sum();
    (sessions, denied)
}

/// A byte count as people read it.
pub fn bytes(n: usize) -> String {
    if n == 1 {
        "1 byte".into()
    } else {
        format!("{n} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // A token shaped like the lab's (HS256 header, the lab's claims); the signature is filler.
    const TOKEN: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IiLCJyb2xlIjoidXNlciIsImlhdCI6MTcwMDAwMDAwMCwibmJmIjoxNzAwMDAwMDAwLCJleHAiOjE3MDAwMDA5MDAsImp0aSI6ImoiLCJpc3MiOiJhdXRoLWxhYiIsImF1ZCI6ImF1dGgtbGFiLWFwaSJ9.c2lnbmF0dXJl";

    #[test]
    fn decodes_header_and_payload_without_any_key() {
        let jwt = decode_jwt(TOKEN).expect("decodes");
        assert_eq!(jwt.header["alg"], "HS256");
        assert_eq!(jwt.payload["sub"], "bob");
        assert_eq!(jwt.claim_i64("exp"), Some(1_700_000_900));
        assert_eq!(jwt.signature_b64, "c2lnbmF0dXJl");
        assert_eq!(
            format!(
                "{}.{}.{}",
                jwt.header_b64, jwt.payload_b64, jwt.signature_b64
            ),
            TOKEN
        );
    }

    #[test]
    fn refuses_what_is_not_a_jwt() {
        for bad in ["", "a.b", "a.b.c.d", "!!!.???.x", "e30.bm90LWpzb24.x"] {
            assert_eq!(decode_jwt(bad), None, "{bad}");
        }
    }

    #[test]
    fn reads_cookie_attributes_from_a_set_cookie_line() {
        let attrs = CookieAttributes::parse(
            "auth_lab_sid=<id 1a2b3c4d>; HttpOnly; SameSite=Lax; Path=/; Max-Age=28800",
        );
        assert_eq!(attrs.name, "auth_lab_sid");
        assert!(attrs.http_only && !attrs.secure);
        assert_eq!(attrs.same_site.as_deref(), Some("Lax"));
        assert_eq!(attrs.path.as_deref(), Some("/"));
        assert_eq!(attrs.max_age, Some(28_800));
        assert!(!attrs.deletes());
        assert!(CookieAttributes::parse("auth_lab_sid=; HttpOnly; Max-Age=0").deletes());
        let session_cookie = CookieAttributes::parse("__Host-x=1; Secure; Path=/");
        assert!(session_cookie.secure && session_cookie.max_age.is_none());
    }

    #[test]
    fn countdown_reads_naturally_and_ends_at_expired() {
        assert_eq!(countdown(100, 58), "in 42 s");
        assert_eq!(countdown(1_000, 815), "in 3 min 05 s");
        assert_eq!(countdown(10_000, 2_200), "in 2 h 10 min");
        assert_eq!(countdown(100, 100), "expired");
        assert_eq!(countdown(100, 250), "expired");
    }

    #[test]
    fn kept_for_you_counts_only_rows_the_page_was_told_about() {
        use crate::api::{DenylistRow, SessionRow, StoreView};
        let row = |hint: &str, bytes| SessionRow {
            id_hint: hint.into(),
            username: "alice".into(),
            created_at: 0,
            idle_expires_at: 0,
            absolute_expires_at: 0,
            bytes,
        };
        let store = StoreView {
            backend: "memory".into(),
            sessions: vec![row("aaaa0000", 150), row("bbbb1111", 160)],
            denylist: vec![DenylistRow {
                jti_hint: "cccc2222".into(),
                expires_at: 0,
                bytes: 30,
            }],
            count: 2,
            total_bytes: 340,
        };
        assert_eq!(kept_for_you(&store, &[]), (0, 0));
        assert_eq!(kept_for_you(&store, &["bbbb1111".into()]), (160, 0));
        assert_eq!(
            kept_for_you(&store, &["bbbb1111".into(), "cccc2222".into()]),
            (160, 30)
        );
    }

    #[test]
    fn byte_counts_have_units() {
        assert_eq!(bytes(1), "1 byte");
        assert_eq!(bytes(36), "36 bytes");
    }
}
