//! The access-token rules: which claims a token carries, how it is signed (HS256 only),
//! and every reason a presented token is refused.

use std::fmt;

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use hmac::{Hmac, Mac};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use super::{
    clock::UnixTime,
    hint::Hint,
    trace::{StepKind, Trace},
};

/// The only algorithm this server signs with or accepts.
pub const ALGORITHM: Algorithm = Algorithm::HS256;
/// Registered JWA names (RFC 7518) other than HS256. A header naming one of these is a
/// request for another algorithm, refused as `wrong_algorithm` before any crypto runs;
/// any other altered header simply fails the signature check.
const OTHER_ALGORITHMS: [&str; 13] = [
    "none", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256",
    "PS384", "PS512", "EdDSA",
];
/// Header fields that point at keys elsewhere. Trusting them lets a token pick its own key.
const UNTRUSTED_HEADER_FIELDS: [&str; 5] = ["kid", "jku", "x5u", "jwk", "x5c"];

/// The claims of every access token. Numeric dates must be JSON numbers: a token with
/// `"exp": "9999999999"` does not deserialize and is refused as malformed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub role: String,
    pub iat: UnixTime,
    pub nbf: UnixTime,
    pub exp: UnixTime,
    pub jti: String,
    pub iss: String,
    pub aud: String,
    /// The refresh-token family this token came from (a private claim), so that a logout
    /// with the access token can revoke the family whose cookie it never sees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fam: Option<String>,
}

/// Issuer, audience and clock leeway the server signs with and insists on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenPolicy {
    pub issuer: String,
    pub audience: String,
    /// Tolerated clock difference for `exp` and `nbf`, in seconds (at most 5 in the lab).
    pub leeway_secs: i64,
}

impl Default for TokenPolicy {
    fn default() -> Self {
        Self {
            issuer: "auth-lab".into(),
            audience: "auth-lab-api".into(),
            leeway_secs: 5,
        }
    }
}

/// The HMAC key. Its `Debug` never prints the bytes.
#[derive(Clone)]
pub struct TokenKey {
    encoding: EncodingKey,
    /// HMAC-SHA256 with the key already absorbed: verifying clones it instead of hashing
    /// the key's inner and outer pads again for every request.
    verifier: Hmac<Sha256>,
}

/// The minimum HMAC key length: 256 bits.
pub const MIN_KEY_BYTES: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyTooShort(pub usize);

impl fmt::Display for KeyTooShort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the token key has {} bytes; at least {MIN_KEY_BYTES} are required",
            self.0
        )
    }
}

impl std::error::Error for KeyTooShort {}

impl TokenKey {
    /// 256 bits from the operating system's CSPRNG, fresh on every start.
    pub fn generate() -> Self {
        let mut bytes = [0u8; MIN_KEY_BYTES];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        Self::from_secret_unchecked(&bytes)
    }

    /// A configured key, refused when shorter than 256 bits.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, KeyTooShort> {
        if bytes.len() < MIN_KEY_BYTES {
            return Err(KeyTooShort(bytes.len()));
        }
        Ok(Self::from_secret_unchecked(bytes))
    }

    fn from_secret_unchecked(bytes: &[u8]) -> Self {
        Self {
            encoding: EncodingKey::from_secret(bytes),
            verifier: <Hmac<Sha256> as Mac>::new_from_slice(bytes)
                .expect("HMAC accepts keys of any length"),
        }
    }
}

impl fmt::Debug for TokenKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenKey([redacted])")
    }
}

/// Why a presented token was refused. Each maps to one machine-readable 401 reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenRejection {
    /// No `Authorization` header at all.
    Missing,
    /// Not a bearer token, not three segments, undecodable, or claims of the wrong shape.
    Malformed(&'static str),
    /// The HMAC does not match: something in header, payload or signature was changed.
    BadSignature,
    /// `alg` is not HS256 (including `none`).
    WrongAlgorithm(String),
    /// `nbf` is still in the future.
    NotYetValid,
    /// `exp` has passed (beyond the leeway).
    Expired,
    /// The `jti` is on the deny-list.
    Revoked,
}

impl TokenRejection {
    pub fn reason(&self) -> &'static str {
        match self {
            Self::Missing => "missing",
            Self::Malformed(_) => "malformed",
            Self::BadSignature => "bad_signature",
            Self::WrongAlgorithm(_) => "wrong_algorithm",
            Self::NotYetValid => "not_yet_valid",
            Self::Expired => "expired",
            Self::Revoked => "revoked",
        }
    }

    pub fn message(&self) -> String {
        match self {
            Self::Missing => "No Authorization header was sent.".into(),
            Self::Malformed(why) => format!("The bearer token is malformed: {why}."),
            Self::BadSignature => {
                "The signature does not match the header and payload: the token was altered or signed with another key.".into()
            }
            Self::WrongAlgorithm(alg) => {
                format!("The token says alg={alg}; this server accepts HS256 only.")
            }
            Self::NotYetValid => "The token is not valid yet (nbf is in the future).".into(),
            Self::Expired => "The token has expired.".into(),
            Self::Revoked => "The token was revoked at logout and is on the deny-list.".into(),
        }
    }
}

/// Why an `Authorization` header with another scheme (`Basic ...`) is refused.
pub const NOT_BEARER: &str = "the scheme is not Bearer";

/// The realm every challenge of this server names.
pub const REALM: &str = "auth-lab";

/// The `WWW-Authenticate` value for a refused bearer request (RFC 6750 §3). A request with
/// no token gets the bare challenge, without an error code (§3.1); any other refusal is
/// `invalid_token` with the reason as `error_description`, reduced to the characters that
/// parameter allows (an `alg` value is the client's own text).
pub fn bearer_challenge(rejection: Option<&TokenRejection>) -> String {
    match rejection {
        // No bearer credential at all: no header, or another scheme (§3.1: no error code).
        None | Some(TokenRejection::Missing) | Some(TokenRejection::Malformed(NOT_BEARER)) => {
            format!("Bearer realm=\"{REALM}\"")
        }
        Some(rejection) => {
            let description: String = rejection
                .message()
                .chars()
                .filter(|c| matches!(c, ' '..='~') && !matches!(c, '"' | '\\'))
                .collect();
            format!(
                "Bearer realm=\"{REALM}\", error=\"invalid_token\", error_description=\"{description}\""
            )
        }
    }
}

/// Signs a fresh token for `sub` valid for `ttl_secs` from `now`.
pub fn issue(
    key: &TokenKey,
    policy: &TokenPolicy,
    sub: &str,
    role: &str,
    now: UnixTime,
    ttl_secs: i64,
) -> (String, Claims) {
    issue_in_family(key, policy, (sub, role), now, ttl_secs, None)
}

/// [`issue`], naming the refresh-token family the token belongs to.
pub fn issue_in_family(
    key: &TokenKey,
    policy: &TokenPolicy,
    (sub, role): (&str, &str),
    now: UnixTime,
    ttl_secs: i64,
    family: Option<String>,
) -> (String, Claims) {
    let claims = Claims {
        sub: sub.to_owned(),
        role: role.to_owned(),
        iat: now,
        nbf: now,
        exp: now + ttl_secs,
        jti: super::random::base64url(16),
        iss: policy.issuer.clone(),
        aud: policy.audience.clone(),
        fam: family,
    };
    let token = jsonwebtoken::encode(&Header::new(ALGORITHM), &claims, &key.encoding)
        .expect("HS256 signing with an in-memory key cannot fail");
    (token, claims)
}

/// Extracts the token from an `Authorization` header value.
pub fn parse_bearer(header: Option<&[u8]>) -> Result<&str, TokenRejection> {
    let raw = header.ok_or(TokenRejection::Missing)?;
    let text = std::str::from_utf8(raw)
        .map_err(|_| TokenRejection::Malformed("the Authorization header is not text"))?;
    let (scheme, token) = text
        .split_once(' ')
        .ok_or(TokenRejection::Malformed("expected `Bearer <token>`"))?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(TokenRejection::Malformed(NOT_BEARER));
    }
    let token = token.trim();
    if token.is_empty() || has_whitespace(token) {
        return Err(TokenRejection::Malformed(
            "expected exactly one token after Bearer",
        ));
    }
    Ok(token)
}

/// Any whitespace inside the token, Unicode included. A token is almost always ASCII,
/// where a byte scan is enough; decoding it into chars cost `/me` a measurable share.
fn has_whitespace(token: &str) -> bool {
    if token.is_ascii() {
        token.bytes().any(|b| b.is_ascii_whitespace() || b == 0x0b)
    } else {
        token.contains(char::is_whitespace)
    }
}

#[derive(Deserialize)]
struct RawHeader {
    alg: Option<String>,
    typ: Option<String>,
    #[serde(flatten)]
    rest: serde_json::Map<String, serde_json::Value>,
}

fn decode_segment<T: serde::de::DeserializeOwned>(segment: &str) -> Option<T> {
    let bytes = URL_SAFE_NO_PAD.decode(segment).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Checks a token completely except for the deny-list, recording each step in `trace`.
/// The signature is checked over the raw bytes before anything in the header is trusted,
/// so one flipped byte anywhere reads as `bad_signature`, while an honest header that asks
/// for another algorithm (`none`, RS256...) reads as `wrong_algorithm`.
pub fn verify(
    token: &str,
    key: &TokenKey,
    policy: &TokenPolicy,
    now: UnixTime,
    trace: &mut Trace,
) -> Result<Claims, TokenRejection> {
    let result = verify_inner(token, key, policy, now, trace);
    if let Err(rejection) = &result {
        tracing::debug!(reason = rejection.reason(), "token refused");
    }
    result
}

fn verify_inner(
    token: &str,
    key: &TokenKey,
    policy: &TokenPolicy,
    now: UnixTime,
    trace: &mut Trace,
) -> Result<Claims, TokenRejection> {
    let mut parts = token.split('.');
    let (Some(header_b64), Some(payload_b64), Some(signature_b64), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        trace.failed(StepKind::HeaderChecked, "not three dot-separated segments");
        return Err(TokenRejection::Malformed(
            "a JWT has three dot-separated segments",
        ));
    };

    // An honest header naming another algorithm is refused before any crypto runs.
    let header: Option<RawHeader> = decode_segment(header_b64);
    if let Some(alg) = header.as_ref().and_then(|h| h.alg.as_deref()) {
        if OTHER_ALGORITHMS
            .iter()
            .any(|other| other.eq_ignore_ascii_case(alg))
        {
            trace.failed(StepKind::HeaderChecked, || {
                format!("alg={alg}, only HS256 is allowed")
            });
            return Err(TokenRejection::WrongAlgorithm(alg.to_owned()));
        }
    }

    let signing_input = &token[..header_b64.len() + 1 + payload_b64.len()];
    // The comparison inside `verify_slice` takes the same time however many bytes match.
    let signature_ok = URL_SAFE_NO_PAD
        .decode(signature_b64)
        .is_ok_and(|signature| {
            key.verifier
                .clone()
                .chain_update(signing_input.as_bytes())
                .verify_slice(&signature)
                .is_ok()
        });
    if !signature_ok {
        trace.failed(StepKind::SignatureChecked, "HMAC-SHA256 does not match");
        return Err(TokenRejection::BadSignature);
    }
    trace.ok(StepKind::SignatureChecked, "HMAC-SHA256 matches");

    // From here on the bytes are ours; anything odd means a bug or a leaked key.
    let header = header.ok_or(TokenRejection::Malformed("the header is not JSON"))?;
    if header.alg.as_deref() != Some("HS256") {
        let alg = header.alg.unwrap_or_else(|| "(missing)".into());
        trace.failed(StepKind::HeaderChecked, || {
            format!("alg={alg}, only HS256 is allowed")
        });
        return Err(TokenRejection::WrongAlgorithm(alg));
    }
    if header
        .typ
        .as_deref()
        .is_some_and(|typ| !typ.eq_ignore_ascii_case("JWT"))
    {
        trace.failed(StepKind::HeaderChecked, "typ is not JWT");
        return Err(TokenRejection::Malformed("typ must be JWT"));
    }
    if let Some(field) = UNTRUSTED_HEADER_FIELDS
        .iter()
        .find(|field| header.rest.contains_key(**field))
    {
        trace.failed(StepKind::HeaderChecked, || {
            format!("header carries {field}")
        });
        return Err(TokenRejection::Malformed(
            "the header names a key source, which is never trusted",
        ));
    }
    trace.ok(
        StepKind::HeaderChecked,
        "alg=HS256, typ=JWT, no key references",
    );

    let claims: Claims = decode_segment(payload_b64).ok_or_else(|| {
        trace.failed(
            StepKind::ClaimsChecked,
            "claims missing or of the wrong type",
        );
        TokenRejection::Malformed("the claims are missing or of the wrong type")
    })?;
    if claims.iss != policy.issuer || claims.aud != policy.audience {
        trace.failed(
            StepKind::ClaimsChecked,
            "iss or aud does not match this server",
        );
        return Err(TokenRejection::Malformed(
            "iss or aud does not match this server",
        ));
    }
    if claims.nbf > now + policy.leeway_secs {
        trace.failed(StepKind::ClaimsChecked, || {
            format!("nbf {} is after now {now}", claims.nbf)
        });
        return Err(TokenRejection::NotYetValid);
    }
    trace.ok_about(
        StepKind::ClaimsChecked,
        || Hint::of("jti", &claims.jti),
        |jti| ("iss, aud and nbf fine; jti ", jti),
    );

    // `exp` is the first second at which the token is no longer valid (RFC 7519 4.1.4).
    if now >= claims.exp + policy.leeway_secs {
        trace.failed(StepKind::ExpChecked, || {
            format!(
                "exp {} + leeway {}s is not after now {now}",
                claims.exp, policy.leeway_secs
            )
        });
        return Err(TokenRejection::Expired);
    }
    if now < claims.exp {
        trace.ok(
            StepKind::ExpChecked,
            (claims.exp - now, "s left (exp ", claims.exp, ")"),
        );
    } else {
        trace.ok(
            StepKind::ExpChecked,
            (
                "exp ",
                claims.exp,
                " passed ",
                now - claims.exp,
                "s ago, still inside the ",
                policy.leeway_secs,
                "s clock leeway",
            ),
        );
    }
    Ok(claims)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsonwebtoken::{encode, EncodingKey};
    use rand::Rng;
    use serde_json::json;

    const SECRET: &[u8; 32] = b"0123456789abcdef0123456789abcdef";
    const NOW: UnixTime = 1_700_000_000;

    fn key() -> TokenKey {
        TokenKey::from_bytes(SECRET).unwrap()
    }

    fn policy() -> TokenPolicy {
        TokenPolicy::default()
    }

    fn fresh(ttl: i64) -> (String, Claims) {
        issue(&key(), &policy(), "alice", "admin", NOW, ttl)
    }

    fn check(token: &str, now: UnixTime) -> Result<Claims, TokenRejection> {
        verify(token, &key(), &policy(), now, &mut Trace::default())
    }

    /// Signs arbitrary header fields and claims with the lab's own key.
    fn sign_raw(header: Header, claims: serde_json::Value) -> String {
        encode(&header, &claims, &EncodingKey::from_secret(SECRET)).unwrap()
    }

    fn valid_claims_json() -> serde_json::Value {
        json!({"sub": "alice", "role": "admin", "iat": NOW, "nbf": NOW, "exp": NOW + 60,
               "jti": "j1", "iss": "auth-lab", "aud": "auth-lab-api"})
    }

    fn b64(value: serde_json::Value) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(&value).unwrap())
    }

    #[test]
    fn an_issued_token_verifies_and_carries_every_claim() {
        let (token, issued) = fresh(900);
        let claims = check(&token, NOW + 10).expect("valid");
        assert_eq!(claims, issued);
        assert_eq!(
            (claims.sub.as_str(), claims.role.as_str()),
            ("alice", "admin")
        );
        assert_eq!((claims.iat, claims.nbf, claims.exp), (NOW, NOW, NOW + 900));
        assert_eq!(
            (claims.iss.as_str(), claims.aud.as_str()),
            ("auth-lab", "auth-lab-api")
        );
        assert_eq!(claims.jti.len(), 22, "128 random bits, base64url");
    }

    #[test]
    fn each_token_gets_its_own_jti() {
        assert_ne!(fresh(60).1.jti, fresh(60).1.jti);
    }

    #[test]
    fn one_flipped_character_anywhere_gives_bad_signature() {
        let (token, _) = fresh(900);
        for (i, c) in token.char_indices() {
            if c == '.' {
                continue;
            }
            let flipped = if c == 'A' { 'B' } else { 'A' };
            let mut tampered = token.clone();
            tampered.replace_range(i..i + 1, &flipped.to_string());
            assert_eq!(
                check(&tampered, NOW),
                Err(TokenRejection::BadSignature),
                "position {i}"
            );
        }
    }

    #[test]
    fn a_token_signed_with_another_key_gives_bad_signature() {
        let other = TokenKey::from_bytes(&[7u8; 32]).unwrap();
        let (token, _) = issue(&other, &policy(), "alice", "admin", NOW, 60);
        assert_eq!(check(&token, NOW), Err(TokenRejection::BadSignature));
    }

    #[test]
    fn alg_none_is_refused_as_wrong_algorithm() {
        let token = format!(
            "{}.{}.",
            b64(json!({"alg": "none", "typ": "JWT"})),
            b64(valid_claims_json())
        );
        assert_eq!(
            check(&token, NOW),
            Err(TokenRejection::WrongAlgorithm("none".into()))
        );
        let shouted = format!(
            "{}.{}.",
            b64(json!({"alg": "NONE"})),
            b64(valid_claims_json())
        );
        assert!(matches!(
            check(&shouted, NOW),
            Err(TokenRejection::WrongAlgorithm(_))
        ));
    }

    #[test]
    fn other_algorithms_are_refused_even_with_a_matching_hmac() {
        // HS/RS confusion: an attacker signs "RS256" with HMAC over a public key. Whatever
        // the bytes, the header's algorithm alone decides the refusal.
        for alg in [Algorithm::HS384, Algorithm::HS512] {
            let token = sign_raw(Header::new(alg), valid_claims_json());
            assert!(
                matches!(check(&token, NOW), Err(TokenRejection::WrongAlgorithm(_))),
                "{alg:?}"
            );
        }
        let forged = format!(
            "{}.{}.c2ln",
            b64(json!({"alg": "RS256", "typ": "JWT"})),
            b64(valid_claims_json())
        );
        assert_eq!(
            check(&forged, NOW),
            Err(TokenRejection::WrongAlgorithm("RS256".into()))
        );
    }

    #[test]
    fn key_reference_headers_are_never_trusted() {
        // Present at all is enough, whatever the value, null included.
        let cases = UNTRUSTED_HEADER_FIELDS.iter().flat_map(|f| {
            [
                (*f, json!("https://attacker.example/key")),
                (*f, json!(null)),
            ]
        });
        for (field, value) in cases {
            let mut header = serde_json::to_value(Header::new(ALGORITHM)).unwrap();
            header[field] = value.clone();
            let header_b64 = b64(header);
            let payload_b64 = b64(valid_claims_json());
            let signing_input = format!("{header_b64}.{payload_b64}");
            let sig = jsonwebtoken::crypto::sign(
                signing_input.as_bytes(),
                &EncodingKey::from_secret(SECRET),
                ALGORITHM,
            )
            .unwrap();
            let token = format!("{signing_input}.{sig}");
            assert!(
                matches!(check(&token, NOW), Err(TokenRejection::Malformed(_))),
                "{field}: {value}"
            );
        }
    }

    #[test]
    fn a_typ_other_than_jwt_is_refused() {
        let mut header = Header::new(ALGORITHM);
        header.typ = Some("at+jwt+weird".into());
        let token = sign_raw(header, valid_claims_json());
        assert!(matches!(
            check(&token, NOW),
            Err(TokenRejection::Malformed(_))
        ));
    }

    #[test]
    fn expiry_is_exclusive_and_honours_the_leeway() {
        let (token, claims) = fresh(60);
        let leeway = policy().leeway_secs;
        assert!(check(&token, claims.exp + leeway - 1).is_ok());
        assert_eq!(
            check(&token, claims.exp + leeway),
            Err(TokenRejection::Expired)
        );
        let strict = TokenPolicy {
            leeway_secs: 0,
            ..policy()
        };
        let result = verify(&token, &key(), &strict, claims.exp, &mut Trace::default());
        assert_eq!(result, Err(TokenRejection::Expired));
    }

    #[test]
    fn a_token_used_before_nbf_is_not_yet_valid() {
        let mut claims = valid_claims_json();
        claims["nbf"] = json!(NOW + 100);
        claims["exp"] = json!(NOW + 600);
        let token = sign_raw(Header::new(ALGORITHM), claims);
        assert_eq!(check(&token, NOW), Err(TokenRejection::NotYetValid));
        assert!(check(&token, NOW + 96).is_ok(), "inside the 5 s leeway");
    }

    #[test]
    fn dates_sent_as_strings_are_malformed() {
        for field in ["exp", "nbf", "iat"] {
            let mut claims = valid_claims_json();
            claims[field] = json!((NOW + 60).to_string());
            let token = sign_raw(Header::new(ALGORITHM), claims);
            assert!(
                matches!(check(&token, NOW), Err(TokenRejection::Malformed(_))),
                "{field}"
            );
        }
    }

    #[test]
    fn missing_claims_are_malformed() {
        for field in ["exp", "nbf", "iss", "aud", "jti", "sub"] {
            let mut claims = valid_claims_json();
            claims.as_object_mut().unwrap().remove(field);
            let token = sign_raw(Header::new(ALGORITHM), claims);
            assert!(
                matches!(check(&token, NOW), Err(TokenRejection::Malformed(_))),
                "{field}"
            );
        }
    }

    #[test]
    fn foreign_issuer_or_audience_is_refused() {
        for (field, value) in [("iss", "someone-else"), ("aud", "another-api")] {
            let mut claims = valid_claims_json();
            claims[field] = json!(value);
            let token = sign_raw(Header::new(ALGORITHM), claims);
            assert!(
                matches!(check(&token, NOW), Err(TokenRejection::Malformed(_))),
                "{field}: {value}"
            );
        }
    }

    #[test]
    fn not_three_segments_is_malformed() {
        for token in ["", "abc", "a.b", "a.b.c.d", "...", "a.b.c."] {
            assert_eq!(
                check(token, NOW),
                Err(TokenRejection::Malformed(
                    "a JWT has three dot-separated segments"
                )),
                "{token:?}"
            );
        }
        // Three segments of garbage are the right shape; the signature is what fails.
        assert_eq!(check("a.b.c", NOW), Err(TokenRejection::BadSignature));
    }

    #[test]
    fn bearer_header_parsing_names_each_problem() {
        assert_eq!(parse_bearer(None), Err(TokenRejection::Missing));
        assert_eq!(parse_bearer(Some(b"Bearer abc.def.ghi")), Ok("abc.def.ghi"));
        assert_eq!(parse_bearer(Some(b"bearer abc")), Ok("abc"));
        for bad in [
            &b"Basic dXNlcjpwYXNz"[..],
            b"Bearer",
            b"Bearer ",
            b"Bearer a b",
            b"Bearer a\tb",
            b"Bearer a\x0bb",
            "Bearer a\u{a0}b".as_bytes(),
            "Bearer a\u{2003}b".as_bytes(),
            b"abc",
            b"\xff\xfe",
        ] {
            assert!(
                matches!(parse_bearer(Some(bad)), Err(TokenRejection::Malformed(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn keys_shorter_than_256_bits_are_refused_and_debug_is_redacted() {
        assert_eq!(
            TokenKey::from_bytes(&[1u8; 31]).unwrap_err(),
            KeyTooShort(31)
        );
        let printed = format!("{:?}", TokenKey::generate());
        assert_eq!(printed, "TokenKey([redacted])");
    }

    #[test]
    fn generated_keys_differ() {
        let a = issue(&TokenKey::generate(), &policy(), "a", "r", NOW, 60).0;
        let b = issue(&TokenKey::generate(), &policy(), "a", "r", NOW, 60).0;
        assert_ne!(a.rsplit('.').next(), b.rsplit('.').next());
    }

    #[test]
    fn the_trace_records_each_check_without_the_signature() {
        let (token, _) = fresh(60);
        let mut trace = Trace::default();
        verify(&token, &key(), &policy(), NOW, &mut trace).unwrap();
        let kinds: Vec<_> = trace.kinds().collect();
        assert_eq!(
            kinds,
            [
                StepKind::SignatureChecked,
                StepKind::HeaderChecked,
                StepKind::ClaimsChecked,
                StepKind::ExpChecked
            ]
        );
        let signature = token.rsplit('.').next().unwrap();
        assert!(trace
            .to_steps()
            .iter()
            .all(|s| !s.detail.contains(signature)));
    }

    // Property tests on random input. They use the `rand` the server already depends on
    // (with fixed seeds, so a failure reproduces) instead of proptest, whose dev-only
    // features would force a second build of the whole dependency graph for `cargo test`.
    fn rng(seed: u64) -> rand::rngs::StdRng {
        rand::SeedableRng::seed_from_u64(seed)
    }

    fn random_text(rng: &mut impl rand::Rng, alphabet: &[u8], max_len: usize) -> String {
        let len = rng.gen_range(0..=max_len);
        (0..len)
            .map(|_| alphabet[rng.gen_range(0..alphabet.len())] as char)
            .collect()
    }

    const TOKEN_ALPHABET: &[u8] =
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=";

    #[test]
    fn arbitrary_authorization_bytes_never_panic() {
        let mut rng = rng(1);
        for _ in 0..5_000 {
            let len = rng.gen_range(0..200);
            let mut bytes: Vec<u8> = (0..len).map(|_| rng.gen()).collect();
            if rng.gen_bool(0.5) {
                bytes.splice(0..0, b"Bearer ".iter().copied());
            }
            if let Ok(token) = parse_bearer(Some(&bytes)) {
                let _ = check(token, NOW);
            }
        }
    }

    #[test]
    fn arbitrary_token_text_is_always_refused() {
        let mut rng = rng(2);
        for _ in 0..5_000 {
            let text = random_text(&mut rng, TOKEN_ALPHABET, 300);
            assert!(check(&text, NOW).is_err(), "{text:?}");
        }
    }

    #[test]
    fn random_mutations_of_a_valid_token_are_always_refused() {
        let (token, _) = fresh(60);
        let mut rng = rng(3);
        for _ in 0..5_000 {
            let mut bytes = token.clone().into_bytes();
            for _ in 0..rng.gen_range(1..4) {
                let at = rng.gen_range(0..bytes.len());
                bytes[at] = TOKEN_ALPHABET[rng.gen_range(0..TOKEN_ALPHABET.len())];
            }
            let mutated = String::from_utf8(bytes).unwrap();
            if mutated != token {
                assert!(check(&mutated, NOW).is_err(), "{mutated}");
            }
        }
    }

    #[test]
    fn arbitrary_segments_after_a_real_header_are_refused() {
        let (token, _) = fresh(60);
        let header = token.split('.').next().unwrap();
        let mut rng = rng(4);
        for _ in 0..5_000 {
            let payload = random_text(&mut rng, &TOKEN_ALPHABET[..64], 120);
            let sig = random_text(&mut rng, &TOKEN_ALPHABET[..64], 60);
            let forged = format!("{header}.{payload}.{sig}");
            assert!(check(&forged, NOW).is_err(), "{forged}");
        }
    }

    #[test]
    fn challenges_follow_rfc_6750() {
        assert_eq!(bearer_challenge(None), r#"Bearer realm="auth-lab""#);
        assert_eq!(
            bearer_challenge(Some(&TokenRejection::Missing)),
            r#"Bearer realm="auth-lab""#,
            "no error code when no token came"
        );
        assert_eq!(
            bearer_challenge(parse_bearer(Some(b"Basic YWxpY2U6eA==")).err().as_ref()),
            r#"Bearer realm="auth-lab""#,
            "nor when another scheme was used"
        );
        assert_eq!(
            bearer_challenge(Some(&TokenRejection::Expired)),
            r#"Bearer realm="auth-lab", error="invalid_token", error_description="The token has expired.""#
        );
        // The client chose this alg; quotes, backslashes and non-ASCII must not break out.
        let hostile = TokenRejection::WrongAlgorithm("x\", error=\"é\\".into());
        let challenge = bearer_challenge(Some(&hostile));
        let description = challenge
            .split_once("error_description=\"")
            .expect("has a description")
            .1;
        assert_eq!(description.matches('"').count(), 1, "{challenge}");
        assert!(description.ends_with('"'));
        assert!(
            !challenge.contains('\\') && challenge.is_ascii(),
            "{challenge}"
        );
    }
}
