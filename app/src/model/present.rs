//! Pure presentation rules: decoding a JWT for display, reading cookie attributes from
//! the server's report of its `Set-Cookie`, what a `/me` did to the idle expiry according
//! to the server's trace, and countdown text. No browser, no leptos.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use serde_json::Value;

use crate::i18n::{td_string, Locale};

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
    pub max_age: Option<i64>,
    pub expires: Option<String>,
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
                "expires" => attributes.expires = Some(value.to_owned()),
                _ => {}
            }
        }
        attributes
    }

    /// A `Max-Age` of zero or less deletes the cookie (RFC 6265bis §5.6.2).
    pub fn deletes(&self) -> bool {
        self.max_age.is_some_and(|secs| secs <= 0)
    }

    /// With neither `Max-Age` nor `Expires` it is a session cookie: its end is the
    /// browser's choice (closing it, unless session restore keeps it).
    pub fn is_session_cookie(&self) -> bool {
        self.max_age.is_none() && self.expires.is_none()
    }
}

/// What one successful session `/me` did to the idle expiry, as the server's trace says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdleChange {
    /// The server moved it later and saved the record.
    Moved,
    /// Nothing written: the same second as the previous request.
    Unchanged,
    /// Nothing written: it already sits at the absolute expiry.
    Capped,
    /// No trace to tell (inspection is off).
    Unknown,
}

pub fn idle_change(
    trace: Option<&crate::api::RequestTrace>,
    me: &crate::api::SessionMe,
) -> IdleChange {
    use crate::api::{Outcome, StepKind};
    let step = trace.and_then(|t| t.steps.iter().find(|s| s.step == StepKind::IdleExtended));
    match step.map(|s| s.outcome) {
        Some(Outcome::Ok) => IdleChange::Moved,
        Some(_) if me.idle_expires_at >= me.absolute_expires_at => IdleChange::Capped,
        Some(_) => IdleChange::Unchanged,
        None => IdleChange::Unknown,
    }
}

/// Whether any expiry in the store (a session's idle or absolute one, a deny-list entry's)
/// falls in `(before, now]`: the moment the store's listing may have changed.
pub fn expiry_between(store: &crate::api::StoreView, before: i64, now: i64) -> bool {
    let crossed = |at: i64| before < at && at <= now;
    store
        .sessions
        .iter()
        .any(|r| crossed(r.idle_expires_at) || crossed(r.absolute_expires_at))
        || store.denylist.iter().any(|r| crossed(r.expires_at))
}

/// What the picture of the three zones shows: the credential in its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Zones {
    /// A session cookie is in the jar (`Some(true)`: HttpOnly).
    pub cookie: Option<bool>,
    /// A token sits in localStorage.
    pub token: bool,
    /// The server keeps a session row for this page.
    pub session_row: bool,
    /// The server keeps a deny-list entry for this page's token.
    pub denied: bool,
}

impl Zones {
    /// From the server's report of the cookie it set (`None`: none known), what
    /// localStorage holds, and the bytes the server keeps for this page.
    pub fn from_parts(set_cookie: Option<&str>, token: bool, kept: (usize, usize)) -> Self {
        let cookie = set_cookie
            .map(CookieAttributes::parse)
            .filter(|attrs| !attrs.deletes())
            .map(|attrs| attrs.http_only);
        Self {
            cookie,
            token,
            session_row: kept.0 > 0,
            denied: kept.1 > 0,
        }
    }

    /// The picture in words, for its accessible name.
    pub fn describe(&self, locale: Locale) -> String {
        let jar = match self.cookie {
            Some(true) => td_string!(locale, outcome.zones.jar_http_only),
            Some(false) => td_string!(locale, outcome.zones.jar_readable),
            None => td_string!(locale, outcome.zones.empty),
        };
        let storage = if self.token {
            td_string!(locale, outcome.zones.a_token)
        } else {
            td_string!(locale, outcome.zones.empty)
        };
        let store = match (self.session_row, self.denied) {
            (true, true) => td_string!(locale, outcome.zones.store_both),
            (true, false) => td_string!(locale, outcome.zones.store_row),
            (false, true) => td_string!(locale, outcome.zones.store_denied),
            (false, false) => td_string!(locale, outcome.zones.store_nothing),
        };
        td_string!(locale, outcome.zones.sentence, jar, storage, store).to_string()
    }
}

/// How a request made by someone else carried its credentials, from the server's trace.
pub fn credentials_received(locale: Locale, trace: &crate::api::RequestTrace) -> String {
    let size = |n| bytes(locale, n);
    match (trace.cookie_bytes, trace.authorization_bytes) {
        (Some(c), Some(a)) => td_string!(
            locale,
            outcome.received.both,
            cookie = size(c),
            auth = size(a)
        )
        .to_string(),
        (Some(c), None) => {
            td_string!(locale, outcome.received.cookie, cookie = size(c)).to_string()
        }
        (None, Some(a)) => td_string!(locale, outcome.received.auth, auth = size(a)).to_string(),
        (None, None) => td_string!(locale, outcome.received.none).to_string(),
    }
}

/// "in 42 s", "in 3 min 05 s", "in 2 h 10 min", or "expired" (and the same in Korean).
pub fn countdown(locale: Locale, target: i64, now: i64) -> String {
    let left = target - now;
    if left <= 0 {
        return td_string!(locale, outcome.countdown.expired).to_string();
    }
    let two = |n: i64| format!("{n:02}");
    match left {
        0..=59 => td_string!(locale, outcome.countdown.secs, s = left).to_string(),
        60..=3599 => td_string!(
            locale,
            outcome.countdown.mins,
            m = left / 60,
            s = two(left % 60)
        )
        .to_string(),
        _ => td_string!(
            locale,
            outcome.countdown.hours,
            h = left / 3600,
            m = two(left % 3600 / 60)
        )
        .to_string(),
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

/// An API refusal's code in the reader's words; `None` for a code the catalog lacks.
pub fn reason(locale: Locale, code: &str) -> Option<&'static str> {
    Some(match code {
        "no_cookie" => td_string!(locale, outcome.reason.no_cookie),
        "unknown_session" => td_string!(locale, outcome.reason.unknown_session),
        "expired" => td_string!(locale, outcome.reason.expired),
        "missing" => td_string!(locale, outcome.reason.missing),
        "malformed" => td_string!(locale, outcome.reason.malformed),
        "bad_signature" => td_string!(locale, outcome.reason.bad_signature),
        "wrong_algorithm" => td_string!(locale, outcome.reason.wrong_algorithm),
        "not_yet_valid" => td_string!(locale, outcome.reason.not_yet_valid),
        "revoked" => td_string!(locale, outcome.reason.revoked),
        "invalid_credentials" => td_string!(locale, outcome.reason.invalid_credentials),
        "too_many_attempts" => td_string!(locale, outcome.reason.too_many_attempts),
        "store_unavailable" => td_string!(locale, outcome.reason.store_unavailable),
        "cross_site_request" => td_string!(locale, outcome.reason.cross_site_request),
        "unreadable" => td_string!(locale, outcome.reason.unreadable),
        _ => return None,
    })
}

/// A byte count as people read it. Korean has no plural; en and ko group digits alike.
pub fn bytes(locale: Locale, n: usize) -> String {
    if n == 1 {
        td_string!(locale, outcome.bytes_one).to_string()
    } else {
        td_string!(locale, outcome.bytes_many, n).to_string()
    }
}

/// The four ways [`countdown`] words the time left, for the relay to tick a countdown in
/// the browser: expired, seconds, minutes, hours, joined by `|`, with `{h}`, `{m}`, `{s}`
/// where the numbers go (two digits after the first unit).
pub fn countdown_words(locale: Locale) -> String {
    [
        td_string!(locale, outcome.countdown.expired).to_string(),
        td_string!(locale, outcome.countdown.secs, s = "{s}").to_string(),
        td_string!(locale, outcome.countdown.mins, m = "{m}", s = "{s}").to_string(),
        td_string!(locale, outcome.countdown.hours, h = "{h}", m = "{m}").to_string(),
    ]
    .join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: Locale = Locale::en;
    const KO: Locale = Locale::ko;

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
        assert!(session_cookie.secure && session_cookie.is_session_cookie());
    }

    #[test]
    fn the_zones_picture_follows_the_servers_reports() {
        let logged_in = Zones::from_parts(
            Some("auth_lab_sid=<id 1>; HttpOnly; Max-Age=600"),
            false,
            (160, 0),
        );
        assert_eq!(logged_in.cookie, Some(true));
        assert!(logged_in.session_row && !logged_in.token);
        assert_eq!(
            logged_in.describe(EN),
            "Cookie jar: a session cookie, HttpOnly. localStorage: empty. Server store: your session row."
        );
        assert_eq!(
            logged_in.describe(KO),
            "쿠키 저장소: 세션 쿠키 하나(HttpOnly). localStorage: 비어 있음. 서버 저장소: 내 세션 레코드."
        );
        let logged_out =
            Zones::from_parts(Some("auth_lab_sid=; HttpOnly; Max-Age=0"), false, (0, 0));
        assert_eq!(logged_out, Zones::default());
        let revoked = Zones::from_parts(None, false, (0, 30));
        assert!(revoked.denied && revoked.cookie.is_none());
        assert!(revoked.describe(EN).ends_with("your revoked token's ID."));
    }

    #[test]
    fn expires_alone_makes_a_persistent_cookie() {
        let dated = CookieAttributes::parse("a=1; Path=/; Expires=Wed, 21 Oct 2043 07:28:00 GMT");
        assert_eq!(
            dated.expires.as_deref(),
            Some("Wed, 21 Oct 2043 07:28:00 GMT")
        );
        assert!(!dated.is_session_cookie() && !dated.deletes());
        assert!(CookieAttributes::parse("a=; Max-Age=-1").deletes());
    }

    fn trace_with(outcome: Option<crate::api::Outcome>) -> crate::api::RequestTrace {
        use crate::api::{StepKind, TraceStep};
        crate::api::RequestTrace {
            id: "t1".into(),
            method: "GET".into(),
            path: "/api/session/me".into(),
            status: 200,
            duration_ms: 1.0,
            at: 0,
            cookie_bytes: Some(36),
            authorization_bytes: None,
            steps: outcome
                .map(|outcome| TraceStep {
                    step: StepKind::IdleExtended,
                    outcome,
                    detail: String::new(),
                    hint: None,
                })
                .into_iter()
                .collect(),
            response_headers: Vec::new(),
            page: None,
        }
    }

    #[test]
    fn the_idle_expiry_moved_only_when_the_trace_says_it_was_written() {
        use crate::api::{Outcome, SessionMe};
        let me = |idle, absolute| SessionMe {
            display_name: None,
            username: "alice".into(),
            role: "admin".into(),
            idle_expires_at: idle,
            absolute_expires_at: absolute,
        };
        let live = me(1_100, 9_000);
        assert_eq!(
            idle_change(Some(&trace_with(Some(Outcome::Ok))), &live),
            IdleChange::Moved
        );
        assert_eq!(
            idle_change(Some(&trace_with(Some(Outcome::Info))), &live),
            IdleChange::Unchanged
        );
        assert_eq!(
            idle_change(Some(&trace_with(Some(Outcome::Info))), &me(9_000, 9_000)),
            IdleChange::Capped
        );
        assert_eq!(
            idle_change(Some(&trace_with(None)), &live),
            IdleChange::Unknown
        );
        assert_eq!(idle_change(None, &live), IdleChange::Unknown);
    }

    #[test]
    fn a_store_refresh_is_due_when_an_expiry_is_crossed() {
        use crate::api::{DenylistRow, SessionRow, StoreView};
        let store = StoreView {
            backend: "memory".into(),
            sessions: vec![SessionRow {
                id_hint: "a".into(),
                username: "alice".into(),
                created_at: 0,
                idle_expires_at: 100,
                absolute_expires_at: 500,
                bytes: 1,
            }],
            denylist: vec![DenylistRow {
                jti_hint: "b".into(),
                expires_at: 300,
                bytes: 1,
            }],
            refresh_families: vec![],
            count: 1,
            total_bytes: 2,
        };
        assert!(!expiry_between(&store, 98, 99));
        assert!(expiry_between(&store, 99, 100));
        assert!(!expiry_between(&store, 100, 101), "each expiry fires once");
        assert!(expiry_between(&store, 299, 300));
        assert!(expiry_between(&store, 450, 520));
    }

    #[test]
    fn countdown_reads_naturally_and_ends_at_expired() {
        assert_eq!(countdown(EN, 100, 58), "in 42 s");
        assert_eq!(countdown(EN, 1_000, 815), "in 3 min 05 s");
        assert_eq!(countdown(EN, 10_000, 2_200), "in 2 h 10 min");
        assert_eq!(countdown(EN, 100, 100), "expired");
        assert_eq!(countdown(EN, 100, 250), "expired");
        assert_eq!(countdown(KO, 1_000, 815), "3분 05초 남음");
        assert_eq!(countdown(KO, 100, 100), "만료됨");
        assert_eq!(
            countdown_words(EN),
            "expired|in {s} s|in {m} min {s} s|in {h} h {m} min"
        );
        assert_eq!(
            countdown_words(KO),
            "만료됨|{s}초 남음|{m}분 {s}초 남음|{h}시간 {m}분 남음"
        );
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
            refresh_families: vec![],
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
        assert_eq!(bytes(EN, 1), "1 byte");
        assert_eq!(bytes(EN, 36), "36 bytes");
        assert_eq!(bytes(KO, 36), "36바이트");
    }
}
