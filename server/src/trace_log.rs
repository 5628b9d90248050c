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

/// Every trace is stored once, behind an `Arc`: the ring, the live feed and a reader share
/// it, so recording one copies no strings.
#[derive(Debug, Clone)]
pub struct TraceLog {
    recent: Arc<Mutex<VecDeque<Arc<RequestTrace>>>>,
    next_id: Arc<AtomicU64>,
    live: broadcast::Sender<Arc<RequestTrace>>,
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

    /// Keeps the trace and sends it to every live subscriber, if there is one.
    pub fn record(&self, trace: RequestTrace) {
        let trace = Arc::new(trace);
        let evicted = {
            let mut recent = self
                .recent
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let evicted = (recent.len() == KEEP).then(|| recent.pop_front());
            recent.push_back(Arc::clone(&trace));
            evicted
        };
        // The oldest trace's strings are freed after the lock is released.
        drop(evicted);
        // Nobody watching is the usual case (a benchmark, a script, a page without the feed).
        if self.live.receiver_count() > 0 {
            let _ = self.live.send(trace);
        }
    }

    pub fn get(&self, id: &str) -> Option<Arc<RequestTrace>> {
        let recent = self
            .recent
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        recent.iter().rev().find(|t| t.id == id).cloned()
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Arc<RequestTrace>> {
        self.live.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trace(log: &TraceLog) -> RequestTrace {
        RequestTrace {
            id: log.next_id(),
            method: "GET".into(),
            path: "/api/session/me".into(),
            status: 200,
            duration_ms: 0.1,
            at: 0,
            cookie_bytes: None,
            authorization_bytes: None,
            steps: vec![],
            response_headers: vec![],
            page: None,
        }
    }

    #[test]
    fn the_ring_keeps_the_latest_traces_and_drops_the_oldest() {
        let log = TraceLog::default();
        for _ in 0..KEEP + 3 {
            log.record(trace(&log));
        }
        assert!(log.get("t3").is_none(), "the oldest are gone");
        assert!(log.get("t4").is_some());
        assert_eq!(log.get(&format!("t{}", KEEP + 3)).unwrap().status, 200);
    }

    #[test]
    fn a_subscriber_gets_the_very_trace_the_ring_keeps() {
        let log = TraceLog::default();
        log.record(trace(&log));
        let mut live = log.subscribe();
        log.record(trace(&log));
        let sent = live.try_recv().expect("the second trace was sent");
        assert_eq!(sent.id, "t2");
        assert!(
            Arc::ptr_eq(&sent, &log.get("t2").unwrap()),
            "shared, not copied"
        );
    }
}
