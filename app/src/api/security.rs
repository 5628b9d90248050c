//! The security lab's wire types: what the attacker's collector and the lab's attack
//! targets report, read back by the page that ran the attack (scoped by its lab ID).

use serde::{Deserialize, Serialize};

/// One thing the attacker's side saw, or one attack target's report of what arrived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LootEntry {
    /// The XSS payload read the page's storage and sent it to the collector.
    Storage {
        at: i64,
        /// The localStorage token it found, if any (the visitor's own, shown back to them).
        token: Option<String>,
        /// `document.cookie` as the payload read it (HttpOnly cookies are never in it).
        document_cookie: String,
        /// The attacker's replays of what it stole, from the server side.
        replays: Vec<AttackerReplay>,
    },
    /// The XSS payload called an API from inside the page and sent the answer on.
    SessionRiding {
        at: i64,
        request: String,
        status: u16,
        /// Who the server said the session belongs to, if it answered 200.
        username: Option<String>,
    },
    /// The browser refused to run the payload and reported the CSP violation.
    CspBlocked {
        at: i64,
        directive: String,
        blocked: String,
    },
    /// A cross-site request reached a state-changing endpoint (the CSRF target).
    Csrf {
        at: i64,
        /// What the attack aimed at: the session endpoint, or its token-mode twin.
        #[serde(default)]
        target: CsrfTarget,
        /// Whether an `Authorization` header came (a cross-site page cannot add one).
        #[serde(default)]
        authorization_sent: bool,
        /// Whether the endpoint checks the request's origin (`Sec-Fetch-Site`, `Origin`).
        guarded: bool,
        /// `form` or `fetch`, as the attacker's page says it sent it.
        channel: String,
        /// Whether the browser attached the session cookie.
        cookie_sent: bool,
        /// `Sec-Fetch-Site` as the browser sent it.
        fetch_site: Option<String>,
        status: u16,
        /// The refusal's reason or error code, when refused.
        reason: Option<String>,
        /// The display name the session now has, when the change went through.
        changed_to: Option<String>,
    },
}

/// The login a CSRF attack aims at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CsrfTarget {
    /// `POST /api/session/display-name` or its unguarded twin: the cookie is the login.
    #[default]
    Session,
    /// `POST /api/lab/bearer/display-name`: the login is a bearer token.
    Token,
}

impl CsrfTarget {
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "session" => Some(Self::Session),
            "token" => Some(Self::Token),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Session => "session",
            Self::Token => "token",
        }
    }
}

/// The attacker's server-side replay of a stolen credential.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttackerReplay {
    pub request: String,
    pub status: u16,
    pub username: Option<String>,
    pub reason: Option<String>,
}

/// Answer of `GET /api/lab/loot/{lab}`: newest last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct LootView {
    pub entries: Vec<LootEntry>,
}

/// Where the attacker's site is, as the lab server sees it for this page's host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttackerSite {
    /// `http://localhost:3002` for a lab at `http://127.0.0.1:3000`; `None` when the
    /// attacker's listener is off or no other site can be named for this host.
    pub origin: Option<String>,
    /// The lab's own origin as the page was requested.
    pub lab_origin: String,
    /// Whether the two would be the same site (then the CSRF demo refuses to run).
    pub same_site: bool,
    /// A fresh random lab ID, for a page that has none yet: the key to its own loot.
    pub new_lab_id: String,
}

/// Body of `POST /api/session/display-name`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayNameRequest {
    pub display_name: String,
}

/// Answer of `POST /api/lab/fixation/plant`: a live session ID of the attacker's own,
/// for the page to plant in this browser before the victim logs in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixationPlant {
    pub session_id: String,
    pub cookie_name: String,
    pub hint: String,
}

/// Answer of `POST /api/lab/weak-token`: a JWT signed with a word from
/// [`crate::weak_keys::WORDS`], which this server itself never accepts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeakToken {
    pub token: String,
}
