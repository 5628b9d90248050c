//! Browser-side I/O: `fetch` with timing and the server's trace ID, the cookie jar as
//! scripts see it, localStorage, and the wall clock. Only the `hydrate` build talks to the
//! browser; the server build gets inert stand-ins, because these run only in event
//! handlers and effects, never during server rendering.

/// localStorage key under which token mode keeps the JWT.
pub const TOKEN_KEY: &str = "auth_lab.access_token";

/// localStorage key of the cluster lab's JWT, apart from the single-server lab's.
pub const CLUSTER_TOKEN_KEY: &str = "auth_lab.cluster_access_token";

/// One HTTP exchange as the page saw it, body still as text: `model::lab_client` types it.
#[derive(Debug, Clone, PartialEq)]
pub struct Exchange {
    pub status: u16,
    pub duration_ms: f64,
    pub text: String,
    pub trace_id: Option<String>,
    /// `x-served-by`: the cluster node that answered, through the cluster's balancer.
    pub served_by: Option<String>,
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::Exchange;
    use crate::api::PAGE_HEADER;
    use gloo_storage::Storage as _;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    thread_local! {
        static PAGE_ID: String = format!(
            "p{:08x}{:08x}",
            (js_sys::Math::random() * f64::from(u32::MAX)) as u32,
            (js_sys::Math::random() * f64::from(u32::MAX)) as u32
        );
    }

    /// A random tag for this page load, sent with each of its requests so the server's
    /// event feed can tell them from requests anyone else makes.
    pub fn page_id() -> String {
        PAGE_ID.with(Clone::clone)
    }

    fn js_error(err: JsValue) -> String {
        err.as_string().unwrap_or_else(|| format!("{err:?}"))
    }

    /// Sends a same-origin request; the browser attaches (or not) the HttpOnly cookie itself.
    pub async fn fetch_json(
        method: &str,
        path: &str,
        body: Option<&str>,
        bearer: Option<&str>,
    ) -> Result<Exchange, String> {
        let window = web_sys::window().ok_or("no window")?;
        let headers = web_sys::Headers::new().map_err(js_error)?;
        headers
            .set("Accept", "application/json")
            .map_err(js_error)?;
        headers.set(PAGE_HEADER, &page_id()).map_err(js_error)?;
        let init = web_sys::RequestInit::new();
        init.set_method(method);
        init.set_credentials(web_sys::RequestCredentials::SameOrigin);
        if let Some(body) = body {
            headers
                .set("Content-Type", "application/json")
                .map_err(js_error)?;
            init.set_body(&JsValue::from_str(body));
        }
        if let Some(token) = bearer {
            headers
                .set("Authorization", &format!("Bearer {token}"))
                .map_err(js_error)?;
        }
        init.set_headers(&headers);
        let request = web_sys::Request::new_with_str_and_init(path, &init).map_err(js_error)?;
        let started = js_sys::Date::now();
        let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
            .await
            .map_err(js_error)?
            .dyn_into()
            .map_err(js_error)?;
        let text = JsFuture::from(response.text().map_err(js_error)?)
            .await
            .map_err(js_error)?
            .as_string()
            .unwrap_or_default();
        Ok(Exchange {
            status: response.status(),
            duration_ms: js_sys::Date::now() - started,
            text,
            trace_id: response.headers().get("x-trace-id").ok().flatten(),
            served_by: response.headers().get("x-served-by").ok().flatten(),
        })
    }

    /// `document.cookie`: every cookie a script can read. HttpOnly ones are never in it.
    pub fn document_cookie() -> String {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
            .and_then(|d| d.cookie().ok())
            .unwrap_or_default()
    }

    /// Writes a cookie as any script on the page could (never an HttpOnly one).
    pub fn set_document_cookie(line: &str) {
        if let Some(doc) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        {
            let _ = doc.set_cookie(line);
        }
    }

    pub fn store_token_at(key: &str, token: &str) -> Result<(), String> {
        gloo_storage::LocalStorage::set(key, token).map_err(|e| e.to_string())
    }

    pub fn load_token_at(key: &str) -> Option<String> {
        gloo_storage::LocalStorage::get(key).ok()
    }

    pub fn delete_token_at(key: &str) {
        gloo_storage::LocalStorage::delete(key);
    }

    /// The exact string localStorage holds under `key` (gloo-storage writes JSON, so a
    /// token comes with quotes).
    pub fn raw_entry_at(key: &str) -> Option<String> {
        web_sys::window()?
            .local_storage()
            .ok()??
            .get_item(key)
            .ok()?
    }

    /// Unix seconds from the browser's clock.
    pub fn now() -> i64 {
        (js_sys::Date::now() / 1000.0) as i64
    }

    /// Waits `ms` milliseconds (for polling the server, never to fake an outcome).
    pub async fn sleep_ms(ms: i32) {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
            }
        });
        let _ = JsFuture::from(promise).await;
    }

    /// Opens `url` in a new window or tab (the attacker's page, another site).
    /// Whether it opened: a popup blocker makes `window.open` return null.
    pub fn open_window(url: &str) -> bool {
        web_sys::window()
            .and_then(|w| w.open_with_url_and_target(url, "_blank").ok().flatten())
            .is_some()
    }

    /// A value kept in sessionStorage for this tab.
    pub fn session_value(key: &str) -> Option<String> {
        gloo_storage::SessionStorage::get(key).ok()
    }

    /// A JSON value kept in localStorage (the self-quiz's marks); `None` if absent or
    /// unreadable, which the caller treats as a fresh start.
    pub fn local_json<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
        gloo_storage::LocalStorage::get(key).ok()
    }

    pub fn keep_local_json<T: serde::Serialize>(key: &str, value: &T) {
        let _ = gloo_storage::LocalStorage::set(key, value);
    }

    pub fn keep_session_value(key: &str, value: &str) {
        let _ = gloo_storage::SessionStorage::set(key, value);
    }

    pub fn forget_session_value(key: &str) {
        gloo_storage::SessionStorage::delete(key);
    }
}

#[cfg(not(feature = "hydrate"))]
mod browser {
    use super::Exchange;

    pub fn page_id() -> String {
        String::new()
    }

    pub async fn sleep_ms(_: i32) {}

    pub fn open_window(_: &str) -> bool {
        false
    }

    pub fn session_value(_: &str) -> Option<String> {
        None
    }

    pub fn local_json<T: serde::de::DeserializeOwned>(_: &str) -> Option<T> {
        None
    }

    pub fn keep_local_json<T: serde::Serialize>(_: &str, _: &T) {}

    pub fn keep_session_value(_: &str, _: &str) {}

    pub fn set_document_cookie(_: &str) {}

    pub async fn fetch_json(
        _: &str,
        _: &str,
        _: Option<&str>,
        _: Option<&str>,
    ) -> Result<Exchange, String> {
        Err("requests are sent from the browser only".into())
    }

    pub fn document_cookie() -> String {
        String::new()
    }

    pub fn store_token_at(_: &str, _: &str) -> Result<(), String> {
        Err("localStorage exists in the browser only".into())
    }

    pub fn load_token_at(_: &str) -> Option<String> {
        None
    }

    pub fn delete_token_at(_: &str) {}

    pub fn raw_entry_at(_: &str) -> Option<String> {
        None
    }

    pub fn now() -> i64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    }
}

pub use browser::*;

use crate::lang::Locale;

/// How the server writes a time, not knowing the reader's time zone: UTC, marked as such,
/// on the same 12-hour clock the browser's `Intl` uses for `en` and `ko`.
pub fn utc_time(locale: Locale, unix: i64) -> String {
    let time = clock(locale, unix);
    crate::i18n::td_string!(locale, outcome.time_utc, time).to_string()
}

/// A time of day in a reader's zone, `offset_min` minutes from UTC, as the browser's own
/// clock writes it (the relay reports the offset; the server writes the sentence).
pub fn wall_time(locale: Locale, unix: i64, offset_min: i32) -> String {
    clock(locale, unix + i64::from(offset_min) * 60)
}

/// `3:04:05 PM` or `오후 3:04:05`: the 12-hour clock `Intl` uses for `en` and `ko`.
fn clock(locale: Locale, unix: i64) -> String {
    use crate::i18n::td_string;
    let secs = unix.rem_euclid(86_400);
    let hour = secs / 3600;
    let h = match hour % 12 {
        0 => 12,
        h => h,
    };
    let half = if hour < 12 {
        td_string!(locale, outcome.am)
    } else {
        td_string!(locale, outcome.pm)
    };
    let (m, s) = (
        format!("{:02}", secs / 60 % 60),
        format!("{:02}", secs % 60),
    );
    td_string!(locale, outcome.clock, h, m, s, half).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_times_follow_the_readers_language() {
        // 15:04:05 and 00:00:09 UTC.
        assert_eq!(utc_time(Locale::en, 54_245), "3:04:05 PM UTC");
        assert_eq!(utc_time(Locale::ko, 54_245), "오후 3:04:05 (UTC)");
        assert_eq!(utc_time(Locale::en, 9), "12:00:09 AM UTC");
        assert_eq!(utc_time(Locale::ko, 86_400 + 43_200), "오후 12:00:00 (UTC)");
    }

    #[test]
    fn wall_times_move_by_the_readers_offset_and_carry_no_utc_mark() {
        // 15:04:05 UTC is 00:04:05 the next day in Seoul (UTC+9) and 10:04:05 in New York.
        assert_eq!(wall_time(Locale::ko, 54_245, 540), "오전 12:04:05");
        assert_eq!(wall_time(Locale::en, 54_245, -300), "10:04:05 AM");
    }
}
