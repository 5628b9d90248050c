//! The server's own log of what it did for each `/api` request. The lab's request
//! inspector reads it live (SSE) or by the ID in each response's `x-trace-id` header.

use std::{
    collections::VecDeque,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex,
    },
};

use app::api::RequestTrace;
use tokio::sync::broadcast;

/// How many finished requests are kept for `/api/inspect/trace/{id}`.
const KEEP: usize = 512;

#[derive(Debug, Clone)]
pub struct TraceLog {
    recent: Arc<Mutex<VecDeque<RequestTrace>>>,
    next_id: Arc<AtomicU64>,
    live: broadcast::Sender<RequestTrace>,
}

impl Default for TraceLog {
    fn default() -> Self {
        Self {
            recent: Arc::default(),
            next_id: Arc::new(AtomicU64::new(1)),
            live: broadcast::channel(256).0,
        }
    }
}

impl TraceLog {
    pub fn next_id(&self) -> String {
        format!("t{}", self.next_id.fetch_add(1, Ordering::Relaxed))
    }

    /// Keeps the trace and sends it to every live subscriber.
    pub fn record(&self, trace: RequestTrace) {
        {
            let mut recent = self
                .recent
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            if recent.len() == KEEP {
                recent.pop_front();
            }
            recent.push_back(trace.clone());
        }
        // No subscribers is normal; the trace is still kept above.
        let _ = self.live.send(trace);
    }

    pub fn get(&self, id: &str) -> Option<RequestTrace> {
        let recent = self
            .recent
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        recent.iter().rev().find(|t| t.id == id).cloned()
    }

    pub fn subscribe(&self) -> broadcast::Receiver<RequestTrace> {
        self.live.subscribe()
    }
}
