//! Reading and writing the session cookie. Only hints of its value ever reach a trace.

use axum::http::{header, HeaderMap};

use app::api::{AppliedCookie, CookieOptions, SameSite};

use crate::{auth_state::AuthSettings, core::hint::hint};

/// The value of cookie `name` from the request's `Cookie` headers, if sent.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|line| value_in(line, name))
}

/// The value of cookie `name` in one `Cookie` line (or a `document.cookie` string).
pub fn value_in(line: &str, name: &str) -> Option<String> {
    line.split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim().to_owned())
}

/// The `WWW-Authenticate` challenge of a 401 that wants cookie `name` (RFC 9110 §11.6.1
/// requires one). No HTTP authentication scheme describes a login cookie, so the lab names
/// its own, `Cookie` (not registered with IANA), and says which cookie it wants.
pub fn challenge(name: &str) -> String {
    format!("Cookie realm=\"auth-lab\", cookie-name=\"{name}\"")
}

/// A `Set-Cookie` header, and the same line with the ID replaced by its hint for traces.
#[derive(Debug, Clone)]
pub struct SetCookie {
    pub header: String,
    pub redacted: String,
}

/// The attributes a session login applies: the hardened defaults, with the lab's options
/// for this login laid over them.
pub fn applied(settings: &AuthSettings, options: Option<&CookieOptions>) -> AppliedCookie {
    let options = options.copied().unwrap_or_default();
    AppliedCookie {
        http_only: options.http_only.unwrap_or(true),
        same_site: options.same_site.unwrap_or(SameSite::Lax),
        secure: options.secure.unwrap_or(settings.secure_cookies),
        persistent: options.persistent.unwrap_or(true),
    }
}

fn attributes(settings: &AuthSettings, cookie: AppliedCookie, max_age: i64) -> String {
    let mut attrs = String::with_capacity(64);
    if cookie.http_only {
        attrs.push_str("HttpOnly; ");
    }
    attrs.push_str("SameSite=");
    attrs.push_str(cookie.same_site.attribute());
    attrs.push_str("; Path=");
    attrs.push_str(settings.cookie_path());
    // Without Max-Age (or Expires) the cookie is a "session cookie": the browser may drop
    // it when the browsing session ends, which session restore can postpone indefinitely.
    if cookie.persistent {
        attrs.push_str(&format!("; Max-Age={}", max_age.max(0)));
    }
    if cookie.secure {
        attrs.push_str("; Secure");
    }
    attrs
}

/// The session cookie with the default attributes, living no longer than the server-side
/// session (`max_age`).
pub fn session(settings: &AuthSettings, id: &str, max_age: i64) -> SetCookie {
    session_with(settings, applied(settings, None), id, max_age)
}

/// The session cookie with the attributes a login chose.
pub fn session_with(
    settings: &AuthSettings,
    cookie: AppliedCookie,
    id: &str,
    max_age: i64,
) -> SetCookie {
    let name = settings.cookie_name();
    let attrs = attributes(settings, cookie, max_age);
    SetCookie {
        header: format!("{name}={id}; {attrs}"),
        redacted: format!("{name}=<id {}>; {attrs}", hint("sid", id)),
    }
}

/// The refresh token's cookie name; `__Secure-` when cookies are Secure (`__Host-` would
/// need `Path=/`, and this cookie is scoped to the refresh endpoint).
pub fn refresh_name(settings: &AuthSettings) -> &'static str {
    if settings.secure_cookies {
        "__Secure-auth_lab_refresh"
    } else {
        "auth_lab_refresh"
    }
}

/// The path the refresh cookie is sent to, and nowhere else.
pub const REFRESH_PATH: &str = "/api/token/refresh";

fn refresh_attributes(settings: &AuthSettings, max_age: i64) -> String {
    let secure = if settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    format!(
        "HttpOnly; SameSite=Strict; Path={REFRESH_PATH}; Max-Age={}{secure}",
        max_age.max(0)
    )
}

/// The refresh-token cookie: unreadable by scripts, never sent cross-site, and sent only
/// to the refresh endpoint.
pub fn refresh(settings: &AuthSettings, value: &str, max_age: i64) -> SetCookie {
    let name = refresh_name(settings);
    let attrs = refresh_attributes(settings, max_age);
    SetCookie {
        header: format!("{name}={value}; {attrs}"),
        redacted: format!("{name}=<token {}>; {attrs}", hint("rt", value)),
    }
}

/// Tells the browser to drop the refresh cookie.
pub fn clear_refresh(settings: &AuthSettings) -> SetCookie {
    let header = format!(
        "{}=; {}",
        refresh_name(settings),
        refresh_attributes(settings, 0)
    );
    SetCookie {
        redacted: header.clone(),
        header,
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
    let header = format!(
        "{name}=; {}",
        attributes(settings, applied(settings, None), 0)
    );
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
    fn lab_options_change_only_the_attributes_they_name() {
        let settings = AuthSettings::default();
        let loose = applied(
            &settings,
            Some(&CookieOptions {
                http_only: Some(false),
                same_site: Some(SameSite::None),
                secure: Some(true),
                persistent: Some(false),
            }),
        );
        assert_eq!(
            session_with(&settings, loose, "ID", 600).header,
            "auth_lab_sid=ID; SameSite=None; Path=/; Secure"
        );
        let strict = applied(
            &settings,
            Some(&CookieOptions {
                same_site: Some(SameSite::Strict),
                ..CookieOptions::default()
            }),
        );
        assert_eq!(
            session_with(&settings, strict, "ID", 600).header,
            "auth_lab_sid=ID; HttpOnly; SameSite=Strict; Path=/; Max-Age=600"
        );
        assert_eq!(
            applied(&settings, Some(&CookieOptions::default())),
            applied(&settings, None)
        );
    }

    #[test]
    fn the_refresh_cookie_is_strict_and_scoped_to_its_endpoint() {
        let settings = AuthSettings::default();
        assert_eq!(
            refresh(&settings, "FAM.SECRET", 3_600).header,
            "auth_lab_refresh=FAM.SECRET; HttpOnly; SameSite=Strict; Path=/api/token/refresh; Max-Age=3600"
        );
        assert!(!refresh(&settings, "FAM.SECRET", 1)
            .redacted
            .contains("SECRET"));
        let secure = AuthSettings {
            secure_cookies: true,
            ..settings
        };
        assert_eq!(
            clear_refresh(&secure).header,
            "__Secure-auth_lab_refresh=; HttpOnly; SameSite=Strict; Path=/api/token/refresh; Max-Age=0; Secure"
        );
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
