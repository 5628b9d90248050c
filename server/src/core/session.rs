//! The server-side session record and its two lifetimes (an idle timeout that slides on
//! every authenticated request, an absolute lifetime fixed at login), and the one rule that
//! decides whether a request's session cookie is accepted, with every reason it is not.

use serde::{Deserialize, Serialize};

use super::clock::UnixTime;

/// What the server stores for one logged-in browser (under [`SessionRecord::KEY`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRecord {
    pub username: String,
    pub role: String,
    pub created_at: UnixTime,
    /// Idle timeout in seconds, as applied at login.
    pub idle_ttl_secs: i64,
    pub idle_expires_at: UnixTime,
    pub absolute_expires_at: UnixTime,
    /// A name the user chose for this session (the security lab's CSRF target); absent
    /// until set, and then not even its key is stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
}

/// The longest display name, in characters.
pub const MAX_DISPLAY_NAME_CHARS: usize = 40;

/// A display name as the server keeps it: trimmed, 1 to 40 characters, no control
/// characters. `None` when it cannot be one.
pub fn display_name(raw: &str) -> Option<String> {
    let name = raw.trim();
    let chars = name.chars().count();
    ((1..=MAX_DISPLAY_NAME_CHARS).contains(&chars) && !name.chars().any(char::is_control))
        .then(|| name.to_owned())
}

/// Where a record stands at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionState {
    Live,
    /// No authenticated request arrived within the idle timeout.
    IdleExpired,
    /// The absolute lifetime ran out, however active the session was.
    AbsoluteExpired,
}

impl SessionRecord {
    /// The key of the record inside the tower-sessions data map.
    pub const KEY: &'static str = "auth_lab.login";

    /// A record for a login at `now`. The idle expiry never lies beyond the absolute one.
    pub fn start(
        username: &str,
        role: &str,
        now: UnixTime,
        idle_ttl_secs: i64,
        absolute_ttl_secs: i64,
    ) -> Self {
        let absolute_expires_at = now + absolute_ttl_secs;
        Self {
            username: username.to_owned(),
            role: role.to_owned(),
            created_at: now,
            idle_ttl_secs,
            idle_expires_at: (now + idle_ttl_secs).min(absolute_expires_at),
            absolute_expires_at,
            display_name: None,
        }
    }

    /// A session is valid strictly before each expiry instant.
    pub fn state_at(&self, now: UnixTime) -> SessionState {
        if now >= self.absolute_expires_at {
            SessionState::AbsoluteExpired
        } else if now >= self.idle_expires_at {
            SessionState::IdleExpired
        } else {
            SessionState::Live
        }
    }

    /// Records activity at `now`: the idle expiry moves to `now + idle_ttl`, capped by the
    /// absolute expiry, and never earlier than it already is (a clock that steps back, or
    /// two servers with skewed clocks, must not shorten a session). Says whether it moved,
    /// so the caller writes the store only then.
    pub fn touch(&mut self, now: UnixTime) -> Slide {
        let previous = self.idle_expires_at;
        let wanted = now + self.idle_ttl_secs;
        self.idle_expires_at = wanted.min(self.absolute_expires_at).max(previous);
        if self.idle_expires_at > previous {
            Slide::Moved {
                from: previous,
                to: self.idle_expires_at,
            }
        } else if wanted > self.absolute_expires_at {
            Slide::Capped { at: previous }
        } else {
            Slide::Unchanged { at: previous }
        }
    }
}

/// What one authenticated request did to the idle expiry. Expiries are whole seconds, so
/// two requests within a second leave it where it was; near the end of the absolute
/// lifetime it cannot move past that.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slide {
    /// Moved later: the store must be written.
    Moved { from: UnixTime, to: UnixTime },
    /// Already as late as this request would set it (a request in the same second as the
    /// last one): nothing to write.
    Unchanged { at: UnixTime },
    /// Held at the absolute expiry: nothing to write, and it will never move again.
    Capped { at: UnixTime },
}

impl Slide {
    pub fn moved(self) -> bool {
        matches!(self, Self::Moved { .. })
    }
}

/// Why a request's session cookie does not log anyone in. Every session endpoint and the
/// server-rendered `/session` page answer from this one enum, so a reason can never be
/// worded in one place and forgotten in another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionRejection {
    /// The request carried no session cookie.
    NoCookie,
    /// The cookie names no record: never issued, logged out, or not an ID at all.
    UnknownSession,
    /// No authenticated request came within the idle timeout.
    IdleExpired,
    /// The absolute lifetime ran out, however active the session was.
    AbsoluteExpired,
    /// The store did not answer, so nothing can be said about the session.
    StoreUnavailable,
}

impl SessionRejection {
    /// The machine-readable code in the error body's `reason` (or `error` for the store).
    /// Both expiries share `expired`: the API contract names the fact, the message which.
    pub fn reason(self) -> &'static str {
        match self {
            Self::NoCookie => "no_cookie",
            Self::UnknownSession => "unknown_session",
            Self::IdleExpired | Self::AbsoluteExpired => "expired",
            Self::StoreUnavailable => "store_unavailable",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            Self::NoCookie => "No session cookie was sent.",
            Self::UnknownSession => "The server has no session for this cookie.",
            Self::IdleExpired => "The session's idle lifetime ended.",
            Self::AbsoluteExpired => "The session's absolute lifetime ended.",
            Self::StoreUnavailable => "The session store is not answering. Try again in a moment.",
        }
    }

    /// A rejection that says who you are not (401), as opposed to a server that cannot
    /// tell (503).
    pub fn is_unauthenticated(self) -> bool {
        self != Self::StoreUnavailable
    }

    /// The browser should drop a cookie the server will never accept again. An outage
    /// keeps it: the session may well be alive once the store answers.
    pub fn clears_cookie(self) -> bool {
        matches!(
            self,
            Self::UnknownSession | Self::IdleExpired | Self::AbsoluteExpired
        )
    }
}

/// The rule for a session cookie: `record` is what the store holds under its ID (`None`
/// for nothing). A live record is returned with the activity recorded; an expired one is
/// rejected, and the caller deletes it.
pub fn admit(
    record: Option<SessionRecord>,
    now: UnixTime,
) -> Result<(SessionRecord, Slide), SessionRejection> {
    let mut record = record.ok_or(SessionRejection::UnknownSession)?;
    match record.state_at(now) {
        SessionState::Live => {
            let slide = record.touch(now);
            Ok((record, slide))
        }
        SessionState::IdleExpired => Err(SessionRejection::IdleExpired),
        SessionState::AbsoluteExpired => Err(SessionRejection::AbsoluteExpired),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> SessionRecord {
        SessionRecord::start("alice", "admin", 1_000, 60, 300)
    }

    #[test]
    fn display_names_are_trimmed_bounded_and_printable() {
        assert_eq!(display_name("  Alice  ").as_deref(), Some("Alice"));
        assert_eq!(display_name("앨리스").as_deref(), Some("앨리스"));
        assert_eq!(display_name(""), None);
        assert_eq!(display_name("   "), None);
        assert_eq!(display_name("a\u{7}b"), None);
        assert_eq!(
            display_name(&"가".repeat(40)).map(|n| n.chars().count()),
            Some(40)
        );
        assert_eq!(display_name(&"가".repeat(41)), None);
    }

    #[test]
    fn a_record_without_a_display_name_stores_no_key_for_it() {
        let json = serde_json::to_string(&record()).unwrap();
        assert!(!json.contains("display_name"));
        let named = SessionRecord {
            display_name: Some("Al".into()),
            ..record()
        };
        let back: SessionRecord =
            serde_json::from_str(&serde_json::to_string(&named).unwrap()).unwrap();
        assert_eq!(back, named);
    }

    #[test]
    fn a_new_session_is_live_until_its_idle_timeout() {
        let r = record();
        assert_eq!(r.idle_expires_at, 1_060);
        assert_eq!(r.absolute_expires_at, 1_300);
        assert_eq!(r.state_at(1_000), SessionState::Live);
        assert_eq!(r.state_at(1_059), SessionState::Live);
        assert_eq!(r.state_at(1_060), SessionState::IdleExpired);
    }

    #[test]
    fn activity_slides_the_idle_expiry_forward() {
        let mut r = record();
        assert_eq!(
            r.touch(1_050),
            Slide::Moved {
                from: 1_060,
                to: 1_110
            }
        );
        assert_eq!(r.idle_expires_at, 1_110);
        assert_eq!(r.state_at(1_100), SessionState::Live);
    }

    #[test]
    fn a_second_request_in_the_same_second_moves_nothing() {
        let mut r = record();
        assert!(r.touch(1_010).moved());
        assert_eq!(r.touch(1_010), Slide::Unchanged { at: 1_070 });
    }

    #[test]
    fn a_clock_that_steps_back_never_shortens_the_session() {
        let mut r = record();
        assert!(r.touch(1_040).moved());
        assert_eq!(r.touch(1_020), Slide::Unchanged { at: 1_100 });
        assert_eq!(r.idle_expires_at, 1_100);
    }

    #[test]
    fn near_the_absolute_end_the_idle_expiry_is_capped_and_says_so() {
        let mut r = record();
        assert_eq!(
            r.touch(1_260),
            Slide::Moved {
                from: 1_060,
                to: 1_300
            }
        );
        assert_eq!(r.touch(1_270), Slide::Capped { at: 1_300 });
        assert!(!r.touch(1_299).moved());
    }

    #[test]
    fn admit_names_every_reason_a_cookie_is_refused() {
        assert_eq!(
            admit(None, 1_000).unwrap_err(),
            SessionRejection::UnknownSession
        );
        assert_eq!(
            admit(Some(record()), 1_060).unwrap_err(),
            SessionRejection::IdleExpired
        );
        let mut busy = record();
        busy.idle_expires_at = 1_300;
        assert_eq!(
            admit(Some(busy), 1_300).unwrap_err(),
            SessionRejection::AbsoluteExpired
        );
        let (live, slide) = admit(Some(record()), 1_030).expect("live");
        assert_eq!(live.idle_expires_at, 1_090);
        assert!(slide.moved());
    }

    #[test]
    fn only_an_outage_keeps_the_cookie_and_is_not_a_401() {
        use SessionRejection::*;
        for rejection in [NoCookie, UnknownSession, IdleExpired, AbsoluteExpired] {
            assert!(rejection.is_unauthenticated(), "{rejection:?}");
        }
        assert!(!StoreUnavailable.is_unauthenticated());
        assert!(!StoreUnavailable.clears_cookie());
        assert!(!NoCookie.clears_cookie(), "there is no cookie to clear");
        assert!(UnknownSession.clears_cookie() && IdleExpired.clears_cookie());
        assert_eq!(IdleExpired.reason(), AbsoluteExpired.reason());
        assert_ne!(IdleExpired.message(), AbsoluteExpired.message());
    }

    #[test]
    fn sliding_never_passes_the_absolute_lifetime() {
        let mut r = record();
        for now in (1_000..1_300).step_by(50) {
            assert_eq!(r.state_at(now), SessionState::Live, "at {now}");
            r.touch(now);
        }
        assert_eq!(r.idle_expires_at, 1_300);
        assert_eq!(r.state_at(1_299), SessionState::Live);
        assert_eq!(r.state_at(1_300), SessionState::AbsoluteExpired);
    }

    #[test]
    fn absolute_expiry_wins_over_idle_expiry() {
        let r = SessionRecord::start("bob", "user", 0, 10, 5);
        assert_eq!(
            r.idle_expires_at, 5,
            "idle expiry is capped at the absolute one"
        );
        assert_eq!(r.state_at(5), SessionState::AbsoluteExpired);
    }
}
