//! Session clustering on a node: after each session write to its own memory, the node
//! copies the record to every live peer (and deletes it there on logout), synchronously,
//! before it answers. It also remembers which of its records arrived as copies.

use std::{
    collections::HashSet,
    net::SocketAddr,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex, RwLock,
    },
};

use axum::http::Method;
use tower_sessions::session::{Id, Record};

use super::loopback::Loopback;

/// The node's path that receives a copy (`PUT`, a tower-sessions `Record` as JSON) and,
/// with `/{id}`, deletes one (`DELETE`). `GET` lists every live record, for a node that
/// restarts and must catch up.
pub const REPLICA_PATH: &str = "/node/replica";

#[derive(Clone, Debug)]
pub struct Replicas(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    peers: RwLock<Vec<SocketAddr>>,
    copies: Mutex<HashSet<Id>>,
    sent: AtomicU64,
    bytes_sent: AtomicU64,
    http: Loopback,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Replicas {
    pub fn new(http: Loopback) -> Self {
        Self(Arc::new(Inner {
            peers: RwLock::default(),
            copies: Mutex::default(),
            sent: AtomicU64::new(0),
            bytes_sent: AtomicU64::new(0),
            http,
        }))
    }

    /// The live peers, as the lab server last told this node.
    pub fn set_peers(&self, peers: Vec<SocketAddr>) {
        *self.0.peers.write().unwrap_or_else(|p| p.into_inner()) = peers;
    }

    fn peers(&self) -> Vec<SocketAddr> {
        self.0
            .peers
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Copies a record this node just wrote to every peer. A peer that fails is logged and
    /// skipped: the write here has happened, and the lesson is what the peer then lacks.
    pub async fn copy_out(&self, record: &Record) {
        lock(&self.0.copies).remove(&record.id);
        let peers = self.peers();
        if peers.is_empty() {
            return;
        }
        let Ok(body) = serde_json::to_vec(record) else {
            return;
        };
        let data_bytes = serde_json::to_vec(&record.data).map_or(0, |v| v.len()) as u64;
        for peer in peers {
            match self
                .0
                .http
                .call(Method::PUT, peer, REPLICA_PATH, Some(body.clone()))
                .await
            {
                Ok(_) => {
                    self.0.sent.fetch_add(1, Ordering::Relaxed);
                    self.0.bytes_sent.fetch_add(data_bytes, Ordering::Relaxed);
                }
                Err(err) => tracing::warn!(%peer, %err, "a session copy did not reach a peer"),
            }
        }
    }

    /// Deletes a record on every peer after this node deleted it.
    pub async fn delete_out(&self, id: &Id) {
        lock(&self.0.copies).remove(id);
        for peer in self.peers() {
            let path = format!("{REPLICA_PATH}/{id}");
            if let Err(err) = self.0.http.call(Method::DELETE, peer, &path, None).await {
                tracing::warn!(%peer, %err, "a session delete did not reach a peer");
            }
        }
    }

    /// Notes that the record under `id` now holds a peer's write.
    pub fn mark_copy(&self, id: Id) {
        lock(&self.0.copies).insert(id);
    }

    pub fn forget(&self, id: &Id) {
        lock(&self.0.copies).remove(id);
    }

    pub fn is_copy(&self, id: &Id) -> bool {
        lock(&self.0.copies).contains(id)
    }

    /// (copies sent, bytes of session data sent) since the node started.
    pub fn sent(&self) -> (u64, u64) {
        (
            self.0.sent.load(Ordering::Relaxed),
            self.0.bytes_sent.load(Ordering::Relaxed),
        )
    }

    /// Every live record of `from`, for a node that is catching up before it serves.
    pub async fn fetch_all(&self, from: SocketAddr) -> Result<Vec<Record>, String> {
        self.0
            .http
            .json::<Vec<Record>>(Method::GET, from, REPLICA_PATH, None::<&()>)
            .await
            .map_err(|e| e.to_string())
    }
}
