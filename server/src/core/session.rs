//! The server-side session record and its two lifetimes: an idle timeout that slides on
//! every authenticated request, and an absolute lifetime fixed at login.

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
    /// absolute expiry. Returns the previous idle expiry.
    pub fn touch(&mut self, now: UnixTime) -> UnixTime {
        let previous = self.idle_expires_at;
        self.idle_expires_at = (now + self.idle_ttl_secs).min(self.absolute_expires_at);
        previous
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> SessionRecord {
        SessionRecord::start("alice", "admin", 1_000, 60, 300)
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
        let previous = r.touch(1_050);
        assert_eq!(previous, 1_060);
        assert_eq!(r.idle_expires_at, 1_110);
        assert_eq!(r.state_at(1_100), SessionState::Live);
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
