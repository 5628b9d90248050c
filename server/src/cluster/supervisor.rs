//! The lab server's side of the cluster: which node processes and which Redis run, the
//! routing and store settings, and every change to them. Changes are serialised by one
//! lock; the balancer reads a small routing table that is never locked across an await.

use std::{
    net::SocketAddr,
    path::PathBuf,
    sync::{Arc, Mutex, RwLock},
    time::Duration,
};

use app::api::cluster::{
    ClusterStore, ClusterUpdate, ClusterView, NodeStatus, NodeView, RedisView, Routing,
};
use axum::http::Method;
use serde::{Deserialize, Serialize};

use super::{
    loopback::Loopback,
    process::{free_port, NodeLaunch, NodeProcess, RedisProcess},
};
use crate::core::cluster::{self as rules, Pick, Turn, NODE_IDS};

/// Where the cluster's programs are. The defaults fit `make run`.
#[derive(Debug, Clone)]
pub struct ClusterConfig {
    /// The binary started as `node` and `guard`: this server's own executable.
    pub binary: PathBuf,
    /// A Redis the nodes use under the `redis` store instead of one the lab starts.
    pub redis_url: Option<String>,
    /// The program started as the lab's own Redis.
    pub redis_server: String,
    /// The lab server's own token leeway and cookie hardening, which its nodes follow.
    pub token_leeway_secs: i64,
    pub secure_cookies: bool,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        Self {
            binary: std::env::current_exe().unwrap_or_else(|_| PathBuf::from("server")),
            redis_url: None,
            redis_server: "redis-server".into(),
            token_leeway_secs: crate::core::token::TokenPolicy::default().leeway_secs,
            secure_cookies: false,
        }
    }
}

/// Why a cluster change was refused or failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClusterError {
    UnknownNode(String),
    /// Redis is only started, stopped or shown under the `redis` store.
    RedisNotInUse,
    /// The lab uses a Redis it did not start (`--cluster-redis`) and leaves it alone.
    RedisNotManaged,
    /// A process would not start.
    Start(String),
}

/// The body of a node's `POST /node/sync`.
#[derive(Debug, Serialize, Deserialize)]
pub struct SyncRequest {
    pub from: SocketAddr,
}

/// What the balancer reads for every request.
#[derive(Debug, Clone, Copy)]
struct Table {
    routing: Routing,
    store: ClusterStore,
    /// The address of each node that is up.
    addrs: [Option<SocketAddr>; 3],
    started: bool,
}

/// The processes, changed only under the control lock.
#[derive(Debug, Default)]
struct Processes {
    nodes: [Option<NodeProcess>; 3],
    redis: Option<RedisProcess>,
    /// Kept across a Redis stop and start, so the nodes reconnect by themselves.
    redis_port: Option<u16>,
}

#[derive(Clone, Debug)]
pub struct Cluster(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    config: ClusterConfig,
    http: Loopback,
    /// The HMAC key every node signs and verifies tokens with (base64url).
    token_key: String,
    table: RwLock<Table>,
    turn: Mutex<Turn>,
    processes: tokio::sync::Mutex<Processes>,
    /// The last view `view` read, for the cluster page's steps that only draw the board.
    last_view: Mutex<Option<ClusterView>>,
}

impl Cluster {
    /// A cluster that starts nothing until it is first used.
    pub fn new(config: ClusterConfig) -> Self {
        Self(Arc::new(Inner {
            config,
            http: Loopback::new(&crate::core::random::base64url(32)),
            token_key: crate::core::random::base64url(32),
            table: RwLock::new(Table {
                routing: Routing::RoundRobin,
                store: ClusterStore::Local,
                addrs: [None; 3],
                started: false,
            }),
            turn: Mutex::default(),
            processes: tokio::sync::Mutex::default(),
            last_view: Mutex::default(),
        }))
    }

    pub fn loopback(&self) -> &Loopback {
        &self.0.http
    }

    fn table(&self) -> Table {
        *self.0.table.read().unwrap_or_else(|p| p.into_inner())
    }

    fn change_table(&self, change: impl FnOnce(&mut Table)) {
        change(&mut self.0.table.write().unwrap_or_else(|p| p.into_inner()));
    }

    pub fn routing(&self) -> Routing {
        self.table().routing
    }

    /// The balancer's choice for one request; `unreachable` marks nodes that already
    /// failed to accept this request's connection.
    pub fn pick(
        &self,
        cookie: Option<&str>,
        unreachable: &[bool; 3],
    ) -> Option<(Pick, SocketAddr)> {
        let table = self.table();
        let up: Vec<bool> = (0..3)
            .map(|i| table.addrs[i].is_some() && !unreachable[i])
            .collect();
        let pick = rules::pick(
            table.routing,
            cookie,
            &up,
            &mut self.0.turn.lock().unwrap_or_else(|p| p.into_inner()),
        )?;
        let addr = table.addrs[pick.node]?;
        Some((pick, addr))
    }

    /// The address of a node that is up, for requests addressed to that node itself.
    pub fn node_addr(&self, index: usize) -> Option<SocketAddr> {
        self.table().addrs.get(index).copied().flatten()
    }

    /// Starts the three nodes (and the Redis the store needs) unless they already run.
    pub async fn ensure_started(&self) -> Result<(), ClusterError> {
        if self.table().started {
            return Ok(());
        }
        let mut processes = self.0.processes.lock().await;
        if self.table().started {
            return Ok(());
        }
        let result = self.start_all(&mut processes).await;
        // Marked started either way: a failed start is reported, and retried by the next
        // store change or node start, instead of by every request.
        self.change_table(|t| t.started = true);
        result
    }

    fn redis_url(&self, processes: &Processes) -> Option<String> {
        self.0.config.redis_url.clone().or_else(|| {
            processes
                .redis_port
                .map(|port| format!("redis://127.0.0.1:{port}"))
        })
    }

    async fn start_all(&self, processes: &mut Processes) -> Result<(), ClusterError> {
        if self.table().store == ClusterStore::Redis && self.0.config.redis_url.is_none() {
            self.start_redis_locked(processes).await?;
        }
        for index in 0..NODE_IDS.len() {
            self.start_node_locked(processes, index).await?;
        }
        Ok(())
    }

    async fn start_node_locked(
        &self,
        processes: &mut Processes,
        index: usize,
    ) -> Result<(), ClusterError> {
        // A node that died by itself (not through Stop) leaves its slot; clear it to restart.
        if let Some(node) = processes.nodes[index].as_mut() {
            if !node.exited() {
                return Ok(());
            }
            self.change_table(|t| t.addrs[index] = None);
            processes.nodes[index] = None;
        }
        let store = self.table().store;
        let store_arg = match store {
            ClusterStore::Local => "memory".to_owned(),
            ClusterStore::Replicated => "replicated".to_owned(),
            ClusterStore::Redis => self
                .redis_url(processes)
                .ok_or_else(|| ClusterError::Start("no Redis to connect the nodes to".into()))?,
        };
        let node = NodeProcess::start(NodeLaunch {
            binary: &self.0.config.binary,
            id: NODE_IDS[index],
            store: &store_arg,
            token_key: &self.0.token_key,
            secret: self.0.http.secret(),
            leeway_secs: self.0.config.token_leeway_secs,
            secure_cookies: self.0.config.secure_cookies,
        })
        .await
        .map_err(ClusterError::Start)?;
        let addr = node.addr;
        if store == ClusterStore::Replicated {
            // First every node learns the new peer set, so that from now on each write and
            // logout on a peer reaches the new node too; then the new node copies what the
            // peers already hold; only then does the balancer send it anything.
            let mut live: Vec<SocketAddr> = self.table().addrs.iter().flatten().copied().collect();
            live.push(addr);
            self.tell_peers_of(&live).await;
            let peer = (0..3)
                .filter(|i| *i != index)
                .find_map(|i| self.table().addrs[i]);
            if let Some(from) = peer {
                let synced: Result<serde_json::Value, _> = self
                    .0
                    .http
                    .json(
                        Method::POST,
                        addr,
                        "/node/sync",
                        Some(&SyncRequest { from }),
                    )
                    .await;
                if let Err(err) = synced {
                    node.kill().await;
                    return Err(ClusterError::Start(format!(
                        "{} could not copy the sessions of a peer: {err}",
                        NODE_IDS[index]
                    )));
                }
            }
        }
        processes.nodes[index] = Some(node);
        self.change_table(|t| t.addrs[index] = Some(addr));
        self.tell_peers().await;
        Ok(())
    }

    async fn stop_node_locked(&self, processes: &mut Processes, index: usize) {
        self.change_table(|t| t.addrs[index] = None);
        if let Some(node) = processes.nodes[index].take() {
            node.kill().await;
        }
        self.tell_peers().await;
    }

    /// Under session clustering, gives every live node the addresses of the others.
    async fn tell_peers(&self) {
        let table = self.table();
        if table.store != ClusterStore::Replicated {
            return;
        }
        let live: Vec<SocketAddr> = table.addrs.iter().flatten().copied().collect();
        self.tell_peers_of(&live).await;
    }

    /// Gives each of `live` the addresses of the others.
    async fn tell_peers_of(&self, live: &[SocketAddr]) {
        for addr in live {
            let peers: Vec<SocketAddr> = live.iter().filter(|a| *a != addr).copied().collect();
            let told: Result<serde_json::Value, _> = self
                .0
                .http
                .json(Method::PUT, *addr, "/node/peers", Some(&peers))
                .await;
            if let Err(err) = told {
                tracing::warn!(%addr, %err, "a node did not take its peer list");
            }
        }
    }

    async fn start_redis_locked(&self, processes: &mut Processes) -> Result<(), ClusterError> {
        if processes.redis.is_some() {
            return Ok(());
        }
        let port = match processes.redis_port {
            Some(port) => port,
            None => free_port().map_err(|e| ClusterError::Start(e.to_string()))?,
        };
        processes.redis_port = Some(port);
        let redis = RedisProcess::start(&self.0.config.binary, &self.0.config.redis_server, port)
            .await
            .map_err(ClusterError::Start)?;
        processes.redis = Some(redis);
        Ok(())
    }

    /// Applies a routing or store change. A new store restarts every node empty (and the
    /// lab's own Redis with it); a new routing only changes how the next request is sent.
    pub async fn update(&self, update: ClusterUpdate) -> Result<ClusterView, ClusterError> {
        self.ensure_started().await?;
        {
            let mut processes = self.0.processes.lock().await;
            if let Some(routing) = update.routing {
                self.change_table(|t| t.routing = routing);
            }
            if let Some(store) = update.store.filter(|s| *s != self.table().store) {
                for index in 0..NODE_IDS.len() {
                    self.stop_node_locked(&mut processes, index).await;
                }
                if let Some(redis) = processes.redis.take() {
                    redis.stop().await;
                }
                self.change_table(|t| t.store = store);
                self.start_all(&mut processes).await?;
            }
        }
        Ok(self.view().await)
    }

    fn index_of(id: &str) -> Result<usize, ClusterError> {
        rules::node_index(id).ok_or_else(|| ClusterError::UnknownNode(id.to_owned()))
    }

    /// Kills a node with SIGKILL: whatever it kept in memory is gone.
    pub async fn stop_node(&self, id: &str) -> Result<ClusterView, ClusterError> {
        let index = Self::index_of(id)?;
        self.ensure_started().await?;
        let mut processes = self.0.processes.lock().await;
        self.stop_node_locked(&mut processes, index).await;
        drop(processes);
        Ok(self.view().await)
    }

    /// Starts a stopped node as a fresh process (a no-op for a running one).
    pub async fn start_node(&self, id: &str) -> Result<ClusterView, ClusterError> {
        let index = Self::index_of(id)?;
        self.ensure_started().await?;
        let mut processes = self.0.processes.lock().await;
        self.start_node_locked(&mut processes, index).await?;
        drop(processes);
        Ok(self.view().await)
    }

    fn check_managed_redis(&self) -> Result<(), ClusterError> {
        if self.table().store != ClusterStore::Redis {
            Err(ClusterError::RedisNotInUse)
        } else if self.0.config.redis_url.is_some() {
            Err(ClusterError::RedisNotManaged)
        } else {
            Ok(())
        }
    }

    pub async fn stop_redis(&self) -> Result<ClusterView, ClusterError> {
        self.ensure_started().await?;
        let mut processes = self.0.processes.lock().await;
        // Checked under the lock, so a store change cannot slip in between.
        self.check_managed_redis()?;
        if let Some(redis) = processes.redis.take() {
            redis.stop().await;
        }
        drop(processes);
        Ok(self.view().await)
    }

    pub async fn start_redis(&self) -> Result<ClusterView, ClusterError> {
        self.ensure_started().await?;
        let mut processes = self.0.processes.lock().await;
        self.check_managed_redis()?;
        self.start_redis_locked(&mut processes).await?;
        drop(processes);
        Ok(self.view().await)
    }

    /// The cluster as it is now: each running node asked for its own counts.
    pub async fn view(&self) -> ClusterView {
        let processes = self.0.processes.lock().await;
        let table = self.table();
        // Asked all at once: a node whose store is down takes its full store timeout to say so.
        let statuses = futures_util::future::join_all(table.addrs.iter().enumerate().map(
            |(index, addr)| async move {
                let addr = (*addr)?;
                self.0
                    .http
                    .json::<NodeStatus>(Method::GET, addr, "/node/status", None::<&()>)
                    .await
                    .map_err(
                        |err| tracing::warn!(node = NODE_IDS[index], %err, "no status from a node"),
                    )
                    .ok()
            },
        ))
        .await;
        let nodes = NODE_IDS
            .iter()
            .zip(statuses)
            .enumerate()
            .map(|(index, (id, status))| NodeView {
                id: (*id).to_owned(),
                up: status.is_some(),
                pid: processes.nodes[index].as_ref().and_then(NodeProcess::pid),
                status: status.unwrap_or_default(),
            })
            .collect();
        let redis_up = match (table.store, self.redis_url(&processes)) {
            (ClusterStore::Redis, Some(url)) => answers(&url).await,
            _ => false,
        };
        let view = ClusterView {
            routing: table.routing,
            store: table.store,
            nodes,
            redis: RedisView {
                up: redis_up,
                pid: processes.redis.as_ref().map(|r| r.pid),
                managed: self.0.config.redis_url.is_none(),
            },
            started: table.started,
        };
        *self.0.last_view.lock().unwrap_or_else(|p| p.into_inner()) = Some(view.clone());
        view
    }

    /// The view `view` read last, or a fresh one if there is none. It costs no request to
    /// the nodes (which, with their Redis stopped, take their store timeout to answer), for
    /// the cluster page's steps between two requests: they draw the board but judge nothing
    /// by it, and the step that ends the action reads the cluster afresh.
    pub async fn last_view(&self) -> ClusterView {
        let seen = self
            .0
            .last_view
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        match seen {
            Some(view) => view,
            None => self.view().await,
        }
    }

    /// Stops every child process; the lab server calls this on its way out.
    pub async fn shutdown(&self) {
        let mut processes = self.0.processes.lock().await;
        for index in 0..NODE_IDS.len() {
            self.change_table(|t| t.addrs[index] = None);
            if let Some(node) = processes.nodes[index].take() {
                node.kill().await;
            }
        }
        if let Some(redis) = processes.redis.take() {
            redis.stop().await;
        }
    }
}

/// Whether something accepts connections at a `redis://host:port` URL.
async fn answers(url: &str) -> bool {
    let Some(host_port) = url
        .split("://")
        .nth(1)
        .map(|rest| rest.rsplit('@').next().unwrap_or(rest))
        .map(|rest| rest.split('/').next().unwrap_or(rest))
    else {
        return false;
    };
    matches!(
        tokio::time::timeout(
            Duration::from_millis(300),
            tokio::net::TcpStream::connect(host_port)
        )
        .await,
        Ok(Ok(_))
    )
}
