//! The lab's state as one page shows it: the request log, what the browser holds, what the
//! server said last, as signals the components read.

use leptos::prelude::*;

use crate::api::{PageSession, RequestTrace, StoreView};

/// Which way of keeping login state a pane or page demonstrates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Session,
    Token,
}

impl Mode {
    /// A fixed English name, for element ids and test hooks (never shown as text).
    pub fn label(self) -> &'static str {
        match self {
            Self::Session => "Session",
            Self::Token => "Token",
        }
    }
}

/// One request in the inspector: what the page sent and what came back, with the
/// server's own trace once fetched.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RequestRow {
    pub seq: usize,
    pub mode: Mode,
    /// What the request was for; views find rows by this, never by their wording.
    pub kind: RowKind,
    /// The request's name in the inspector, in the lab's language.
    pub action: String,
    pub method: String,
    pub path: String,
    pub status: u16,
    pub duration_ms: f64,
    /// How the credential travelled, as far as the page can know.
    pub sent_auth: String,
    /// Bytes of the credential header (`Authorization` as sent, `Cookie` as the server saw it).
    pub auth_bytes: Option<usize>,
    pub response_body: String,
    /// The error code of a refusal (`expired`, `revoked`...), as the server sent it.
    pub refusal_code: Option<String>,
    pub trace: Option<RequestTrace>,
}

impl RequestRow {
    /// Sent by someone else (curl, another tab, the attacker replay of another page) and
    /// reported by the server's event feed, not by this page.
    pub fn foreign(&self) -> bool {
        self.kind == RowKind::Foreign
    }
}

/// What one inspector row was for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    LogIn,
    CallMe,
    LogOut,
    /// The page asking the server's lab endpoint to replay a cookie.
    ReplayOrder,
    /// The replayed request itself, as the thief of a logged-out session's cookie sends it.
    StolenDeadCookie,
    /// The same with a copy of the cookie the browser still holds.
    StolenLiveCookie,
    /// The page's kept copy of the token, sent as an injected script could.
    CopiedToken,
    /// The browser's refresh cookie exchanged for a new access token.
    Refresh,
    /// The lab's thief sending its copy of a refresh cookie.
    StolenRefresh,
    /// A request someone else sent, reported by the server's event feed.
    Foreign,
}

impl RowKind {
    /// A fixed name for test hooks and the interview guide (never shown as text).
    pub fn key(self) -> &'static str {
        match self {
            Self::LogIn => "log-in",
            Self::CallMe => "call-me",
            Self::LogOut => "log-out",
            Self::ReplayOrder => "replay-order",
            Self::StolenDeadCookie => "stolen-dead-cookie",
            Self::StolenLiveCookie => "stolen-live-cookie",
            Self::CopiedToken => "copied-token",
            Self::Refresh => "refresh",
            Self::StolenRefresh => "stolen-refresh",
            Self::Foreign => "foreign",
        }
    }
}

/// Server-reported lifetimes of the current session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SessionTimes {
    pub idle_expires_at: i64,
    pub absolute_expires_at: i64,
}

/// What the page last heard from an outcome: shown in a live region.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Banner {
    pub tone: Tone,
    pub text: String,
    /// The sequence number of the page's own request this is about, if any.
    pub about: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    Good,
    Warning,
    Bad,
}

/// All the state one lab page shows. `Copy`, so components pass it around freely.
#[derive(Debug, Clone, Copy)]
pub struct Lab {
    /// The page's language, fixed when the lab is built for a drawing.
    pub locale: crate::lang::Locale,
    pub requests: RwSignal<Vec<RequestRow>>,
    pub store: RwSignal<Option<StoreView>>,
    pub session_times: RwSignal<Option<SessionTimes>>,
    /// The `Set-Cookie` line the server last reported sending (ID replaced by a hint).
    pub last_set_cookie: RwSignal<Option<String>>,
    /// Whether that line is the login's, restated by the server when it rendered this page
    /// (the browser never sends a cookie's attributes back).
    pub cookie_from_page_load: RwSignal<bool>,
    /// Whether the server saw a session cookie on the latest request.
    pub cookie_seen: RwSignal<Option<bool>>,
    pub document_cookie: RwSignal<String>,
    pub dead_session_id: RwSignal<Option<String>>,
    /// The token localStorage holds now, as the relay last reported it (None before it
    /// reported).
    pub token: RwSignal<Option<String>>,
    pub raw_token_entry: RwSignal<Option<String>>,
    /// The copy the page kept for itself, as any script on the page could.
    pub kept_token: RwSignal<Option<String>>,
    pub token_exp: RwSignal<Option<i64>>,
    /// The server's clock leeway past `exp`, as it reported at login.
    pub token_leeway: RwSignal<Option<i64>>,
    /// Where the refresh-token chain stands, as the server last said (never the token).
    pub refresh: RwSignal<Option<crate::api::RefreshGrant>>,
    /// The copy of the refresh cookie the lab's thief holds, by its ID.
    pub thief_copy: RwSignal<Option<crate::api::RefreshCopied>>,
    /// Token mode: the login form asks for a refresh token too (the relay draws the form
    /// with the lifetime choice stepped aside).
    pub ask_refresh: RwSignal<bool>,
    pub banner: RwSignal<Option<Banner>>,
    /// Session and token ID hints the server named in the traces of this page's requests:
    /// how the page recognises its own rows in the server's store.
    pub my_hints: RwSignal<Vec<String>>,
    pub now: RwSignal<i64>,
    /// Drawn for a browser that runs the relay (a step), not the page's first HTML.
    pub hydrated: RwSignal<bool>,
    /// The server's event feed is connected: requests made elsewhere will show up.
    pub feed_live: RwSignal<bool>,
    /// The reader's offset from UTC in minutes, as the relay reported it: how the server
    /// writes a time of day in the reader's own time zone.
    pub utc_offset_min: RwSignal<Option<i32>>,
}

impl Lab {
    pub fn new() -> Self {
        Self {
            locale: crate::lang::current(),
            requests: RwSignal::new(Vec::new()),
            store: RwSignal::new(None),
            session_times: RwSignal::new(None),
            last_set_cookie: RwSignal::new(None),
            cookie_from_page_load: RwSignal::new(false),
            cookie_seen: RwSignal::new(None),
            document_cookie: RwSignal::new(String::new()),
            dead_session_id: RwSignal::new(None),
            token: RwSignal::new(None),
            raw_token_entry: RwSignal::new(None),
            kept_token: RwSignal::new(None),
            token_exp: RwSignal::new(None),
            token_leeway: RwSignal::new(None),
            refresh: RwSignal::new(None),
            thief_copy: RwSignal::new(None),
            ask_refresh: RwSignal::new(false),
            banner: RwSignal::new(None),
            my_hints: RwSignal::new(Vec::new()),
            now: RwSignal::new(0),
            hydrated: RwSignal::new(false),
            feed_live: RwSignal::new(false),
            utc_offset_min: RwSignal::new(None),
        }
    }
}

impl Lab {
    /// A lab that starts from what the server knew when it rendered the page: who the
    /// cookie belongs to, the cookie as the login set it, your store row, the server's
    /// clock.
    pub fn from_page(page: Option<&PageSession>) -> Self {
        let lab = Self::new();
        let Some(page) = page else { return lab };
        lab.now.set(page.now);
        lab.store.set(page.store.clone());
        if let Some(me) = &page.me {
            lab.session_times.set(Some(SessionTimes {
                idle_expires_at: me.idle_expires_at,
                absolute_expires_at: me.absolute_expires_at,
            }));
        }
        if let Some(cookie) = &page.cookie {
            lab.last_set_cookie.set(Some(cookie.set_cookie.clone()));
            lab.cookie_from_page_load.set(true);
            lab.cookie_seen.set(Some(true));
            lab.my_hints.set(vec![cookie.id_hint.clone()]);
        }
        lab
    }
}

impl Lab {
    /// A time as this page shows it: on the reader's clock once the relay reported its
    /// offset from UTC; before that (the page's first HTML) in UTC, marked as such, since
    /// the server cannot know the reader's time zone.
    pub fn clock_time(&self, unix: i64) -> String {
        match self.utc_offset_min.get() {
            Some(offset) => crate::client::wall_time(self.locale, unix, offset),
            None => crate::client::utc_time(self.locale, unix),
        }
    }

    /// The same, read once for a sentence (not a view that redraws).
    pub fn clock_time_now(&self, unix: i64) -> String {
        untrack(|| self.clock_time(unix))
    }
}

impl Default for Lab {
    fn default() -> Self {
        Self::new()
    }
}
