//! Which language a page speaks. The server decides once per request (the URL's `/ko`
//! prefix, then the language switch's cookie, then `Accept-Language`) and every component
//! reads the answer from context; islands get it as a prop, since no context crosses from
//! the server into the browser.

use leptos::prelude::*;

pub use crate::i18n::Locale;

/// The cookie the language switch sets (`en` or `ko`).
pub const COOKIE: &str = "auth_lab_lang";

/// The URL prefix of every page in a language other than the default.
pub fn prefix(locale: Locale) -> &'static str {
    match locale {
        Locale::en => "",
        Locale::ko => "/ko",
    }
}

/// The address of `path` (a page of this site, `/`-rooted, without prefix) in `locale`.
pub fn href(locale: Locale, path: &str) -> String {
    match (prefix(locale), path) {
        ("", path) => path.to_owned(),
        (prefix, "/") => prefix.to_owned(),
        (prefix, path) => format!("{prefix}{path}"),
    }
}

/// The language switch's address: it sets the cookie and comes back to `path` in `to`.
pub fn switch_href(to: Locale, path: &str) -> String {
    format!("/lang/{}?next={}", tag(to), path)
}

/// The `lang` tag for `Intl`, `<html lang>` and `Content-Language` (the catalog's own
/// name for the locale).
pub fn tag(locale: Locale) -> &'static str {
    leptos_i18n::Locale::as_str(locale)
}

/// The page's language, as the server or the island's prop provided it.
pub fn current() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// Reads a language code as the URL, the cookie or the switch spell it.
pub fn parse(code: &str) -> Option<Locale> {
    match code.trim().to_ascii_lowercase().as_str() {
        "en" => Some(Locale::en),
        "ko" => Some(Locale::ko),
        _ => None,
    }
}

/// Set by the server on requests that came in under `/ko`, whose prefix routing removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathLocale(pub Locale);

/// The negotiation itself: the URL's prefix wins, then the switch's cookie, then the first
/// language in `Accept-Language` we speak (by `q`, RFC 9110 §12.5.4), then English.
pub fn negotiate(
    path: Option<Locale>,
    cookie_header: Option<&str>,
    accept_language: Option<&str>,
) -> Locale {
    path.or_else(|| cookie_header.and_then(from_cookie))
        .or_else(|| accept_language.and_then(from_accept_language))
        .unwrap_or_default()
}

fn from_cookie(header: &str) -> Option<Locale> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .and_then(|(_, value)| parse(value))
}

/// The best-weighted range we can serve; `ko-KR` counts as `ko`, `*` and `q=0` do not pick.
fn from_accept_language(header: &str) -> Option<Locale> {
    let mut best: Option<(f32, Locale)> = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let range = parts.next().unwrap_or_default().trim();
        let weight = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        let primary = range.split('-').next().unwrap_or_default();
        let Some(locale) = parse(primary) else {
            continue;
        };
        if weight > 0.0 && best.is_none_or(|(w, _)| weight > w) {
            best = Some((weight, locale));
        }
    }
    best.map(|(_, locale)| locale)
}

/// On the server: the language of the request being rendered.
#[cfg(feature = "ssr")]
pub fn of_request(parts: &http::request::Parts) -> Locale {
    let header = |name| parts.headers.get(name).and_then(|v| v.to_str().ok());
    negotiate(
        parts.extensions.get::<PathLocale>().map(|p| p.0),
        header(http::header::COOKIE),
        header(http::header::ACCEPT_LANGUAGE),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_beats_the_cookie_which_beats_the_browser() {
        let ko = Some(Locale::ko);
        assert_eq!(
            negotiate(ko, Some("auth_lab_lang=en"), Some("en")),
            Locale::ko
        );
        assert_eq!(
            negotiate(None, Some("a=1; auth_lab_lang=ko"), Some("en")),
            Locale::ko
        );
        assert_eq!(
            negotiate(None, Some("auth_lab_lang=en"), Some("ko")),
            Locale::en
        );
        assert_eq!(
            negotiate(None, None, Some("ko-KR,ko;q=0.9,en;q=0.8")),
            Locale::ko
        );
        assert_eq!(negotiate(None, None, None), Locale::en);
    }

    #[test]
    fn accept_language_follows_weights_and_skips_what_we_do_not_speak() {
        let pick = |h| negotiate(None, None, Some(h));
        assert_eq!(pick("fr-CA, ko;q=0.5, en;q=0.7"), Locale::en);
        assert_eq!(pick("en;q=0.2, ko-KR;q=0.9"), Locale::ko);
        assert_eq!(pick("ko;q=0, en;q=0.1"), Locale::en);
        assert_eq!(pick("ja, *;q=0.5"), Locale::en);
        assert_eq!(pick("KO"), Locale::ko);
    }

    #[test]
    fn a_cookie_we_cannot_read_falls_through() {
        assert_eq!(
            negotiate(None, Some("auth_lab_lang=fr"), Some("ko")),
            Locale::ko
        );
        assert_eq!(negotiate(None, Some("xauth_lab_lang=ko"), None), Locale::en);
    }

    #[test]
    fn addresses_carry_the_prefix_only_off_the_default() {
        assert_eq!(href(Locale::en, "/session"), "/session");
        assert_eq!(href(Locale::ko, "/session"), "/ko/session");
        assert_eq!(href(Locale::ko, "/"), "/ko");
        assert_eq!(href(Locale::en, "/"), "/");
        assert_eq!(switch_href(Locale::ko, "/token"), "/lang/ko?next=/token");
    }
}
