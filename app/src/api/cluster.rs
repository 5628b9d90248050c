//! The cluster lab's JSON contract: `GET/PUT /api/cluster`, the node and Redis switches,
//! and what each node process reports about itself to the lab server.

use serde::{Deserialize, Serialize};

/// How the load balancer picks a node for each request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Routing {
    /// Each request goes to the next node that is up, in turn.
    RoundRobin,
    /// The balancer pins a browser to a node with its own cookie, `auth_lab_node`.
    Sticky,
}

/// Where the nodes keep their sessions (and their token deny-lists).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClusterStore {
    /// Each node in its own memory: a session exists on the node that created it.
    Local,
    /// Session clustering: every session write is copied to every other live node.
    Replicated,
    /// One Redis for all nodes.
    Redis,
}

/// Body of `PUT /api/cluster`. A field left out keeps its current value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClusterUpdate {
    #[serde(default)]
    pub routing: Option<Routing>,
    #[serde(default)]
    pub store: Option<ClusterStore>,
}

/// `GET /api/cluster`: the cluster as the lab server finds it, counts read from each node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterView {
    pub routing: Routing,
    pub store: ClusterStore,
    pub nodes: Vec<NodeView>,
    pub redis: RedisView,
    /// Whether the node processes have been started yet (they start on first use).
    pub started: bool,
}

/// One node as the cluster view shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeView {
    /// `node-1`, `node-2` or `node-3`.
    pub id: String,
    /// Whether the process runs and answered its status request just now.
    pub up: bool,
    /// The operating system's process ID, while it runs.
    pub pid: Option<u32>,
    /// What the node itself reported; all zero while it is down.
    #[serde(flatten)]
    pub status: NodeStatus,
}

/// One session a node holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeRow {
    /// A short hash of the session ID, never the ID.
    pub id_hint: String,
    pub username: String,
    pub bytes: usize,
    /// True when the last write of this record came from a peer, not from this node.
    pub copy: bool,
}

/// The cluster's Redis, used only under the `redis` store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedisView {
    pub up: bool,
    pub pid: Option<u32>,
    /// False when the lab uses a Redis it did not start (`--cluster-redis`), which it
    /// therefore cannot stop or start.
    pub managed: bool,
}

/// `GET /node/status`, answered by a node process to the lab server only, and the counts
/// of each node in `GET /api/cluster`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeStatus {
    /// Sessions this node holds (in its own memory, or the shared Redis under `redis`).
    pub sessions: usize,
    /// Bytes of session data this node holds, as JSON.
    pub bytes: usize,
    /// `/api` requests this process has served since it started.
    pub requests: u64,
    /// How many of `sessions` arrived as copies from a peer (only under `replicated`).
    pub copies: usize,
    /// Session copies this node has sent to its peers since it started.
    pub copies_sent: u64,
    /// Bytes of session data it sent with them.
    pub copy_bytes_sent: u64,
    /// Revoked token IDs on this node's deny-list.
    pub denylist: usize,
    pub rows: Vec<NodeRow>,
    /// The node runs but could not read its session store (Redis stopped): the counts
    /// above are then unknown and reported as zero.
    #[serde(default)]
    pub store_unreachable: bool,
}
