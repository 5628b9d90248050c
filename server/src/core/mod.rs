//! The auth rules, free of axum and leptos: clock, lifetimes, JWT policy, the session
//! record, refresh-token families, and the demo accounts. HTTP handlers are thin adapters
//! over this module, and its tests drive time with [`clock::ManualClock`] instead of
//! sleeping.

pub mod accounts;
pub mod clock;
pub mod cluster;
pub mod hint;
pub mod limiter;
pub mod random;
pub mod refresh;
pub mod session;
pub mod sites;
pub mod token;
pub mod trace;
pub mod ttl;
pub mod weak_key;
