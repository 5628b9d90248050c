//! Reading and writing the session cookie. Only hints of its value ever reach a trace.

use axum::http::{header, HeaderMap};

use crate::{auth_state::AuthSettings, core::hint::hint};

/// The value of cookie `name` from the request's `Cookie` headers, if sent.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim().to_owned())
}

/// A `Set-Cookie` header, and the same line with the ID replaced by its hint for traces.
#[derive(Debug, Clone)]
pub struct SetCookie {
    pub header: String,
    pub redacted: String,
}

fn attributes(settings: &AuthSettings, max_age: i64) -> String {
    let secure = if settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    format!(
        "HttpOnly; SameSite=Lax; Path={}; Max-Age={}{secure}",
        settings.cookie_path(),
        max_age.max(0)
    )
}

/// The session cookie, living no longer than the server-side session (`max_age`).
pub fn session(settings: &AuthSettings, id: &str, max_age: i64) -> SetCookie {
    let name = settings.cookie_name();
    let attrs = attributes(settings, max_age);
    SetCookie {
        header: format!("{name}={id}; {attrs}"),
        redacted: format!("{name}=<id {}>; {attrs}", hint("sid", id)),
    }
}

/// A `Set-Cookie` line fit for a trace: a non-empty value becomes its hint, the
/// attributes stay exactly as sent.
pub fn redact(line: &str) -> String {
    let (pair, attrs) = line.split_once(';').unwrap_or((line, ""));
    match pair.split_once('=') {
        Some((name, value)) if !value.trim().is_empty() => {
            format!("{name}=<id {}>;{attrs}", hint("sid", value.trim()))
        }
        _ => line.to_owned(),
    }
}

/// Tells the browser to drop the session cookie.
pub fn clear(settings: &AuthSettings) -> SetCookie {
    let name = settings.cookie_name();
    let header = format!("{name}=; {}", attributes(settings, 0));
    SetCookie {
        redacted: header.clone(),
        header,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn reads_the_named_cookie_among_others_and_across_headers() {
        let mut headers = HeaderMap::new();
        headers.append(
            header::COOKIE,
            HeaderValue::from_static("theme=dark; auth_lab_sid=abc"),
        );
        headers.append(header::COOKIE, HeaderValue::from_static("other=1"));
        assert_eq!(read(&headers, "auth_lab_sid").as_deref(), Some("abc"));
        assert_eq!(read(&headers, "other").as_deref(), Some("1"));
        assert_eq!(read(&headers, "missing"), None);
        assert_eq!(read(&headers, "auth_lab"), None, "no prefix matches");
    }

    #[test]
    fn session_cookie_has_the_hardened_attributes_and_no_domain() {
        let plain = session(&AuthSettings::default(), "ID123", 600);
        assert_eq!(
            plain.header,
            "auth_lab_sid=ID123; HttpOnly; SameSite=Lax; Path=/; Max-Age=600"
        );
        assert!(!plain.redacted.contains("ID123"));
        let secure = AuthSettings {
            secure_cookies: true,
            ..AuthSettings::default()
        };
        let hardened = session(&secure, "ID123", 600);
        assert!(hardened
            .header
            .starts_with("__Host-auth_lab_sid=ID123; HttpOnly"));
        assert!(hardened.header.ends_with("; Secure"));
        assert!(!hardened.header.contains("Domain"));
    }

    #[test]
    fn a_cluster_node_names_its_cookie_apart_and_scopes_it_to_the_cluster_paths() {
        let node = AuthSettings {
            cluster_node: true,
            ..AuthSettings::default()
        };
        assert_eq!(
            session(&node, "ID123", 600).header,
            "auth_lab_cluster_sid=ID123; HttpOnly; SameSite=Lax; Path=/cluster; Max-Age=600"
        );
        assert_eq!(
            clear(&node).header,
            "auth_lab_cluster_sid=; HttpOnly; SameSite=Lax; Path=/cluster; Max-Age=0"
        );
        let secure = AuthSettings {
            secure_cookies: true,
            ..node
        };
        assert!(session(&secure, "ID123", 600)
            .header
            .starts_with("__Secure-auth_lab_cluster_sid=ID123;"));
    }

    #[test]
    fn arbitrary_cookie_headers_never_panic_and_never_invent_a_session_id() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let (mut read_some, mut read_none) = (0, 0);
        for _ in 0..5_000 {
            let len = rng.gen_range(0..120);
            let mut raw: Vec<u8> = (0..len).map(|_| rng.gen_range(0x20..0x7f)).collect();
            if rng.gen_bool(0.5) {
                raw.splice(0..0, b"auth_lab_sid=".iter().copied());
            }
            let mut headers = HeaderMap::new();
            let Ok(value) = HeaderValue::from_bytes(&raw) else {
                continue;
            };
            headers.insert(header::COOKIE, value);
            let text = String::from_utf8(raw).expect("printable ASCII");
            // What the header really holds under that name, by an independent reading.
            let sent = text
                .split(';')
                .map(str::trim)
                .find_map(|pair| pair.strip_prefix("auth_lab_sid="))
                .map(str::trim);
            match read(&headers, "auth_lab_sid") {
                Some(value) => {
                    read_some += 1;
                    assert_eq!(Some(value.as_str()), sent, "invented from {text:?}");
                    // Parsing it as an ID may fail, but must not panic.
                    let _ = value.parse::<tower_sessions::session::Id>();
                }
                None => {
                    read_none += 1;
                    assert_eq!(sent, None, "missed the cookie in {text:?}");
                }
            }
        }
        assert!(
            read_some > 1_000 && read_none > 1_000,
            "both cases were exercised"
        );
    }

    #[test]
    fn a_redacted_line_keeps_every_attribute_and_hides_the_value() {
        let line = "auth_lab_sid=SECRETID; HttpOnly; SameSite=Lax; Path=/; Max-Age=600";
        let redacted = redact(line);
        assert!(!redacted.contains("SECRETID"));
        assert!(redacted.starts_with("auth_lab_sid=<id "));
        assert!(redacted.ends_with("; HttpOnly; SameSite=Lax; Path=/; Max-Age=600"));
        let cleared = "auth_lab_sid=; HttpOnly; Max-Age=0";
        assert_eq!(
            redact(cleared),
            cleared,
            "an empty value has nothing to hide"
        );
    }

    #[test]
    fn clearing_cookie_expires_immediately() {
        let cleared = clear(&AuthSettings::default());
        assert!(cleared.header.starts_with("auth_lab_sid=; "));
        assert!(cleared.header.contains("Max-Age=0"));
    }
}
