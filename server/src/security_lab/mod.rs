//! The security lab: the attacker's site on a listener of its own, the page that is
//! vulnerable on purpose, the CSRF targets, and the loot each visitor reads back. The lab
//! teaches attacks against this very server, so every weakness here is deliberate, labelled,
//! and reachable only through these paths.

pub mod attacker;
pub mod loot;
pub mod step;
pub mod targets;

use app::api::security::AttackerSite;
use axum::http::{header, HeaderMap};

use crate::core::sites;

/// Where the attacker listens, and what it collected.
#[derive(Debug, Clone, Default)]
pub struct SecurityLab {
    /// The attacker's port (on the same machine), or `None` when it is off.
    pub attacker_port: Option<u16>,
    /// The lab's own port, which the attacker's pages aim at.
    pub lab_port: u16,
    pub loot: loot::Loot,
}

/// The `Host` a request named, as `host[:port]`.
pub(crate) fn authority(headers: &HeaderMap) -> &str {
    headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("127.0.0.1")
}

impl SecurityLab {
    /// The attacker's origin for a lab page requested with these headers.
    pub fn site(&self, headers: &HeaderMap) -> AttackerSite {
        let authority = authority(headers);
        let lab_host = sites::host_of(authority);
        let attacker = sites::attacker_host(&lab_host);
        AttackerSite {
            origin: self
                .attacker_port
                .zip(attacker)
                .map(|(port, host)| format!("http://{host}:{port}")),
            lab_origin: format!("http://{authority}"),
            same_site: attacker.is_none_or(|host| sites::same_site(&lab_host, host)),
            // 128 random bits: a lab ID nobody can guess.
            new_lab_id: crate::core::random::base64url(16),
        }
    }

    /// The lab's origin as the attacker's page should aim at it, for an attacker page
    /// requested under `attacker_host`: the other loopback name, on the lab's port.
    pub fn lab_origin_for(&self, attacker_authority: &str) -> Option<String> {
        let host = sites::attacker_host(&sites::host_of(attacker_authority))?;
        Some(format!("http://{host}:{}", self.lab_port))
    }
}
