//! The multi-server lab: three real node processes of this same binary (`server node`),
//! a load balancer inside the lab server (`/cluster/api/...`), and the control API
//! (`/api/cluster`) that starts, stops and reconfigures them.
//!
//! The balancing and failover rules are pure and live in [`crate::core::cluster`]; this
//! module only runs processes and moves bytes.

pub mod control;
pub mod gateway;
pub mod guard;
pub mod loopback;
pub mod node;
pub mod process;
pub mod replica;
pub mod supervisor;

pub use supervisor::{Cluster, ClusterConfig};

/// The request header that proves a request came from the lab server to a node: the
/// shared secret the lab server gave its nodes at start. Nodes refuse their internal
/// endpoints without it, and ignore a balancer step that does not carry it.
pub const SECRET_HEADER: &str = "x-auth-lab-cluster";

/// The balancer's decision, sent to the node as JSON so the node's trace starts with it.
pub const ROUTE_HEADER: &str = "x-auth-lab-route";

/// The response header that names the node that answered.
pub const SERVED_BY_HEADER: &str = "x-served-by";

/// Environment variables a node reads at start (kept out of its command line, which any
/// local user can list).
pub const SECRET_ENV: &str = "AUTH_LAB_NODE_SECRET";
pub const TOKEN_KEY_ENV: &str = "AUTH_LAB_NODE_TOKEN_KEY";

/// The line a node prints on stdout once it listens: `AUTH_LAB_NODE_READY 127.0.0.1:PORT`.
pub const READY_LINE: &str = "AUTH_LAB_NODE_READY";
