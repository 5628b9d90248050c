//! The lab's page state and the pure rules for presenting what the server reported.
//! Components read these signals; the relay steps fill them from real requests. All of it
//! runs on the server; only `quiz` is compiled for the browser too.

#[cfg(feature = "ssr")]
pub mod actions;
#[cfg(feature = "ssr")]
pub mod balancer_config;
#[cfg(feature = "ssr")]
pub mod bench_view;
#[cfg(feature = "ssr")]
pub mod cluster;
#[cfg(feature = "ssr")]
pub mod cluster_relay;
#[cfg(feature = "ssr")]
pub mod lab_client;
#[cfg(feature = "ssr")]
pub mod lab_relay;
#[cfg(feature = "ssr")]
pub mod present;
pub mod quiz;
#[cfg(feature = "ssr")]
pub mod refresh_actions;
#[cfg(feature = "ssr")]
pub mod relay_wire;
#[cfg(feature = "ssr")]
pub mod security_findings;
#[cfg(feature = "ssr")]
pub mod security_relay;
#[cfg(feature = "ssr")]
pub mod sequence;
#[cfg(feature = "ssr")]
pub mod tamper;

#[cfg(feature = "ssr")]
mod lab;
#[cfg(feature = "ssr")]
pub use lab::*;
