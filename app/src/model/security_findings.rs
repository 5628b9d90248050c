//! The security page's findings: which attack, under which condition, each loot entry
//! reports, so the table can show the newest result per condition next to the defence
//! that condition is about. Pure: it reads the server's entries and nothing else.

use crate::api::security::{CsrfTarget, LootEntry};

/// One condition an attack can run under, as the findings table has a row for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finding {
    /// XSS found a token in localStorage.
    XssToken,
    /// XSS read a session ID from `document.cookie` (HttpOnly was off).
    XssReadableCookie,
    /// XSS ran but found nothing to steal (HttpOnly on, no token).
    XssNothingToRead,
    /// XSS used the session from inside the page.
    XssRiding,
    /// The browser refused to run the payload.
    XssCsp,
    /// A cross-site POST at the session endpoint that checks the origin.
    CsrfGuarded,
    /// The same at its twin without the check.
    CsrfUnguarded,
    /// The same at the token-mode twin.
    CsrfToken,
}

impl Finding {
    pub const ALL: [Finding; 8] = [
        Self::XssToken,
        Self::XssReadableCookie,
        Self::XssNothingToRead,
        Self::XssRiding,
        Self::XssCsp,
        Self::CsrfGuarded,
        Self::CsrfUnguarded,
        Self::CsrfToken,
    ];

    /// The fixed name used in test hooks.
    pub fn key(self) -> &'static str {
        match self {
            Self::XssToken => "xss-token",
            Self::XssReadableCookie => "xss-readable-cookie",
            Self::XssNothingToRead => "xss-nothing-to-read",
            Self::XssRiding => "xss-riding",
            Self::XssCsp => "xss-csp",
            Self::CsrfGuarded => "csrf-guarded",
            Self::CsrfUnguarded => "csrf-unguarded",
            Self::CsrfToken => "csrf-token",
        }
    }

    /// Whether the row is about a cross-site request (the others are about XSS).
    pub fn is_csrf(self) -> bool {
        matches!(
            self,
            Self::CsrfGuarded | Self::CsrfUnguarded | Self::CsrfToken
        )
    }

    /// The condition an entry reports. A stolen session ID shows as the collector's replay
    /// of it against the session API, which it makes only when it found one.
    pub fn of(entry: &LootEntry) -> Self {
        match entry {
            LootEntry::Storage { token: Some(_), .. } => Self::XssToken,
            LootEntry::Storage { replays, .. }
                if replays.iter().any(|r| r.request.contains("/api/session/")) =>
            {
                Self::XssReadableCookie
            }
            LootEntry::Storage { .. } => Self::XssNothingToRead,
            LootEntry::SessionRiding { .. } => Self::XssRiding,
            LootEntry::CspBlocked { .. } => Self::XssCsp,
            LootEntry::Csrf {
                target: CsrfTarget::Token,
                ..
            } => Self::CsrfToken,
            LootEntry::Csrf { guarded: true, .. } => Self::CsrfGuarded,
            LootEntry::Csrf { .. } => Self::CsrfUnguarded,
        }
    }
}

/// The newest entry reporting `finding` (the loot is oldest first).
pub fn newest(loot: &[LootEntry], finding: Finding) -> Option<&LootEntry> {
    loot.iter().rev().find(|e| Finding::of(e) == finding)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::security::AttackerReplay;

    fn storage(token: Option<&str>, replayed: Option<&str>) -> LootEntry {
        LootEntry::Storage {
            at: 0,
            token: token.map(str::to_owned),
            document_cookie: String::new(),
            replays: replayed
                .map(|request| AttackerReplay {
                    request: request.into(),
                    status: 200,
                    username: Some("alice".into()),
                    reason: None,
                })
                .into_iter()
                .collect(),
        }
    }

    fn csrf(target: CsrfTarget, guarded: bool, status: u16) -> LootEntry {
        LootEntry::Csrf {
            at: 0,
            target,
            authorization_sent: false,
            guarded,
            channel: "form".into(),
            cookie_sent: true,
            fetch_site: None,
            status,
            reason: None,
            changed_to: None,
        }
    }

    #[test]
    fn each_entry_lands_in_the_row_of_its_condition() {
        assert_eq!(
            Finding::of(&storage(Some("eyJ"), Some("GET /api/token/me"))),
            Finding::XssToken
        );
        assert_eq!(
            Finding::of(&storage(None, Some("GET /api/session/me"))),
            Finding::XssReadableCookie
        );
        assert_eq!(Finding::of(&storage(None, None)), Finding::XssNothingToRead);
        assert_eq!(
            Finding::of(&csrf(CsrfTarget::Session, true, 403)),
            Finding::CsrfGuarded
        );
        assert_eq!(
            Finding::of(&csrf(CsrfTarget::Session, false, 401)),
            Finding::CsrfUnguarded
        );
        // The token twin has no origin check of its own; its row is its own either way.
        assert_eq!(
            Finding::of(&csrf(CsrfTarget::Token, false, 401)),
            Finding::CsrfToken
        );
    }

    #[test]
    fn the_newest_entry_of_a_row_wins() {
        let loot = vec![
            csrf(CsrfTarget::Session, false, 401),
            storage(None, None),
            csrf(CsrfTarget::Session, false, 200),
        ];
        let found = newest(&loot, Finding::CsrfUnguarded);
        assert!(matches!(found, Some(LootEntry::Csrf { status: 200, .. })));
        assert!(newest(&loot, Finding::XssCsp).is_none());
    }
}
