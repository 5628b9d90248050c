//! The lab's typed reading of the JSON API's answers: the response type or a typed refusal,
//! from the status and body the browser reported; and the login body as it is sent.
//! Everything above it works with the shared types of `crate::api`.

use serde::{de::DeserializeOwned, Serialize};

use crate::api::{CookieOptions, ErrorBody, LoginRequest};

/// Why the server said no, as the page words it. `Other` keeps codes this page does not
/// know by name (the code itself stays in [`Refusal::code`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    NoCookie,
    UnknownSession,
    Expired,
    Missing,
    Malformed,
    BadSignature,
    WrongAlgorithm,
    NotYetValid,
    Revoked,
    InvalidCredentials,
    TooManyAttempts,
    StoreUnavailable,
    Other,
}

impl Reason {
    /// From the error body's `reason`, or its `error` where there is no reason.
    pub fn from_code(code: &str) -> Self {
        match code {
            "no_cookie" => Self::NoCookie,
            "unknown_session" => Self::UnknownSession,
            "expired" => Self::Expired,
            "missing" => Self::Missing,
            "malformed" => Self::Malformed,
            "bad_signature" => Self::BadSignature,
            "wrong_algorithm" => Self::WrongAlgorithm,
            "not_yet_valid" => Self::NotYetValid,
            "revoked" => Self::Revoked,
            "invalid_credentials" => Self::InvalidCredentials,
            "too_many_attempts" => Self::TooManyAttempts,
            "store_unavailable" => Self::StoreUnavailable,
            _ => Self::Other,
        }
    }
}

/// A non-2xx answer: its status, the machine code and the server's (English) message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub reason: Reason,
    pub code: String,
    pub message: String,
}

impl Refusal {
    fn from_error(status: u16, body: ErrorBody) -> Self {
        let code = body.reason.unwrap_or(body.error);
        Self {
            status,
            reason: Reason::from_code(&code),
            code,
            message: body.message,
        }
    }
}

/// One answered request: what the inspector shows about it, and the typed answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Answered<T> {
    pub status: u16,
    pub duration_ms: f64,
    pub trace_id: Option<String>,
    /// The body as the inspector shows it (pretty JSON of what was decoded).
    pub shown: String,
    pub answer: Result<T, Refusal>,
}

/// Decodes a body as `T` on success and as the error shape otherwise.
pub fn decode<T: DeserializeOwned + Serialize>(
    status: u16,
    text: &str,
) -> (String, Result<T, Refusal>) {
    let unreadable = |what: &str| Refusal {
        status,
        reason: Reason::Other,
        code: "unreadable".into(),
        message: format!("The answer was not {what}: {text}"),
    };
    if (200..300).contains(&status) {
        match serde_json::from_str::<T>(text) {
            Ok(value) => (pretty(&value), Ok(value)),
            Err(_) => (text.to_owned(), Err(unreadable("the expected JSON"))),
        }
    } else {
        match serde_json::from_str::<ErrorBody>(text) {
            Ok(body) => (pretty(&body), Err(Refusal::from_error(status, body))),
            Err(_) => (text.to_owned(), Err(unreadable("a JSON error"))),
        }
    }
}

fn pretty<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// The login body as the page sends it. It holds the password, so it exists only here,
/// on its way out of the browser, and is never kept.
#[derive(Serialize)]
struct LoginBody<'a> {
    username: &'a str,
    password: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    ttl_secs: Option<i64>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    refresh: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    cookie: Option<CookieOptions>,
}

fn json<T: Serialize>(body: &T) -> Option<String> {
    serde_json::to_string(body).ok()
}

/// The body of either login, every option the request sets included.
pub(crate) fn login_body(login: &LoginRequest) -> Option<String> {
    json(&LoginBody {
        username: &login.username,
        password: &login.password,
        ttl_secs: login.ttl_secs,
        refresh: login.refresh,
        cookie: login.cookie,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{SessionMe, TokenMe};

    #[test]
    fn a_refusal_is_typed_from_the_error_body() {
        let text = r#"{"error":"unauthenticated","reason":"expired","message":"The session's idle lifetime ended."}"#;
        let (shown, answer) = decode::<SessionMe>(401, text);
        let refusal = answer.unwrap_err();
        assert_eq!(refusal.reason, Reason::Expired);
        assert_eq!(refusal.code, "expired");
        assert_eq!(refusal.status, 401);
        assert!(shown.contains("\"reason\": \"expired\""), "{shown}");
        // Without a reason the error code names it.
        let (_, answer) = decode::<SessionMe>(
            401,
            r#"{"error":"invalid_credentials","reason":null,"message":"x"}"#,
        );
        assert_eq!(answer.unwrap_err().reason, Reason::InvalidCredentials);
    }

    #[test]
    fn a_success_is_decoded_into_its_type_and_nonsense_is_not_trusted() {
        let text = r#"{"username":"bob","role":"user","exp":10,"jti":"j"}"#;
        let (shown, answer) = decode::<TokenMe>(200, text);
        assert_eq!(answer.unwrap().username, "bob");
        assert!(shown.contains("\"username\": \"bob\""));
        let (_, answer) = decode::<TokenMe>(200, "<html>");
        assert_eq!(answer.unwrap_err().code, "unreadable");
        let (_, answer) = decode::<TokenMe>(502, "Bad Gateway");
        assert_eq!(answer.unwrap_err().status, 502);
    }

    #[test]
    fn unknown_codes_are_kept_as_they_came() {
        assert_eq!(Reason::from_code("cross_site_request"), Reason::Other);
        let (_, answer) = decode::<SessionMe>(
            403,
            r#"{"error":"cross_site_request","reason":null,"message":"Refused."}"#,
        );
        assert_eq!(answer.unwrap_err().code, "cross_site_request");
    }
}
