//! The server's own log of what it did for each `/api` request. The lab's request
//! inspector reads it live (SSE) or by the ID in each response's `x-trace-id` header.
//! Requests are kept as the values they were recorded with; the JSON a reader gets is
//! written only when someone reads it.

use std::{
    collections::VecDeque,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex,
    },
};

use app::api::{HeaderLine, RequestTrace, TraceStep};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode};
use tokio::sync::broadcast;

use crate::core::{
    clock::UnixTime,
    trace::{self, Trace},
};

/// How many finished requests are kept for `/api/inspect/trace/{id}`.
const KEEP: usize = 512;

/// What a request brought, noted before its handler runs.
#[derive(Debug)]
pub struct Arrival {
    pub id: u64,
    /// Unix seconds when the request arrived.
    pub at: UnixTime,
    pub method: Method,
    /// The path only, as an owned copy: never the query, never a slice of the request.
    pub path: Box<str>,
    /// The lab page that sent it (its `x-auth-lab-page` header, when plain and short).
    pub page: Option<String>,
    pub cookie_bytes: Option<usize>,
    pub authorization_bytes: Option<usize>,
    /// The cluster balancer's decision, when a node was reached through it.
    pub balancer: Option<TraceStep>,
}

/// One finished request as recorded: values, not text (the response header values share
/// the response's own bytes), turned into a [`RequestTrace`] on read.
#[derive(Debug)]
pub struct Recorded {
    pub arrival: Arrival,
    pub status: StatusCode,
    pub duration_ms: f64,
    /// The handler's own steps.
    pub steps: Trace,
    /// The lesson headers, `Set-Cookie` already redacted: a credential never reaches the log.
    pub response_headers: Vec<(HeaderName, HeaderValue)>,
}

/// The ID a reader sees (`t42`).
pub fn trace_id(n: u64) -> String {
    format!("t{n}")
}

impl Recorded {
    /// The trace as the inspector shows it: the balancer, what arrived, the handler's
    /// steps and the status that went out.
    pub fn view(&self) -> RequestTrace {
        let arrival = &self.arrival;
        let mut steps = Vec::with_capacity(3);
        steps.extend(arrival.balancer.clone());
        steps.push(trace::received(
            arrival.cookie_bytes,
            arrival.authorization_bytes,
        ));
        steps.extend(self.steps.to_steps());
        steps.push(trace::responded(
            self.status.as_u16(),
            self.status.canonical_reason().unwrap_or(""),
        ));
        RequestTrace {
            id: trace_id(arrival.id),
            method: arrival.method.to_string(),
            path: arrival.path.to_string(),
            status: self.status.as_u16(),
            duration_ms: self.duration_ms,
            at: arrival.at,
            cookie_bytes: arrival.cookie_bytes,
            authorization_bytes: arrival.authorization_bytes,
            steps,
            response_headers: self
                .response_headers
                .iter()
                .map(|(name, value)| HeaderLine {
                    name: name.to_string(),
                    value: value.to_str().unwrap_or("(not text)").to_owned(),
                })
                .collect(),
            page: arrival.page.clone(),
        }
    }
}

/// Every trace is stored once, behind an `Arc`: the ring, the live feed and a reader share
/// it, so recording one copies nothing.
#[derive(Debug, Clone)]
pub struct TraceLog {
    recent: Arc<Mutex<VecDeque<Arc<Recorded>>>>,
    next_id: Arc<AtomicU64>,
    live: broadcast::Sender<Arc<Recorded>>,
}

impl Default for TraceLog {
    fn default() -> Self {
        Self {
            recent: Arc::new(Mutex::new(VecDeque::with_capacity(KEEP))),
            next_id: Arc::new(AtomicU64::new(1)),
            live: broadcast::channel(256).0,
        }
    }
}

impl TraceLog {
    pub fn next_id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::Relaxed)
    }

    /// Keeps the trace and sends it to every live subscriber, if there is one.
    pub fn record(&self, trace: Recorded) {
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
        // The oldest trace is freed after the lock is released.
        drop(evicted);
        // Nobody watching is the usual case (a benchmark, a script, a page without the feed).
        if self.live.receiver_count() > 0 {
            let _ = self.live.send(trace);
        }
    }

    /// The trace with this ID (`t42`), if it is still kept.
    pub fn get(&self, id: &str) -> Option<Arc<Recorded>> {
        let n: u64 = id.strip_prefix('t')?.parse().ok()?;
        // Exactly the ID handed out: `t05` or `t+5` name no trace.
        if trace_id(n) != id {
            return None;
        }
        let recent = self
            .recent
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        recent.iter().rev().find(|t| t.arrival.id == n).cloned()
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Recorded>> {
        self.live.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::trace::{Outcome, StepKind};

    fn trace(log: &TraceLog) -> Recorded {
        let mut steps = Trace::default();
        steps.ok(StepKind::StoreLookup, ("hit: ", String::from("alice")));
        Recorded {
            arrival: Arrival {
                id: log.next_id(),
                at: 0,
                method: Method::GET,
                path: "/api/session/me".into(),
                page: None,
                cookie_bytes: Some(41),
                authorization_bytes: None,
                balancer: None,
            },
            status: StatusCode::OK,
            duration_ms: 0.1,
            steps,
            response_headers: vec![(
                axum::http::header::CACHE_CONTROL,
                HeaderValue::from_static("no-store"),
            )],
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
        assert_eq!(log.get(&trace_id(KEEP as u64 + 3)).unwrap().status, 200);
        for not_an_id in ["4", "tx", "t04", "t+4", "t 4"] {
            assert!(log.get(not_an_id).is_none(), "{not_an_id}");
        }
    }

    #[test]
    fn a_subscriber_gets_the_very_trace_the_ring_keeps() {
        let log = TraceLog::default();
        log.record(trace(&log));
        let mut live = log.subscribe();
        log.record(trace(&log));
        let sent = live.try_recv().expect("the second trace was sent");
        assert_eq!(sent.arrival.id, 2);
        assert!(
            Arc::ptr_eq(&sent, &log.get("t2").unwrap()),
            "shared, not copied"
        );
    }

    #[test]
    fn a_reader_sees_what_arrived_the_handler_steps_and_what_went_out() {
        let log = TraceLog::default();
        let view = trace(&log).view();
        assert_eq!((view.id.as_str(), view.method.as_str()), ("t1", "GET"));
        assert_eq!(view.path, "/api/session/me");
        let steps: Vec<_> = view
            .steps
            .iter()
            .map(|s| (s.step, s.outcome, s.detail.as_str()))
            .collect();
        assert_eq!(
            steps,
            [
                (
                    StepKind::RequestReceived,
                    Outcome::Info,
                    "Cookie header, 41 bytes (attached by the browser); no Authorization header"
                ),
                (StepKind::StoreLookup, Outcome::Ok, "hit: alice"),
                (StepKind::Responded, Outcome::Ok, "200 OK"),
            ]
        );
        assert_eq!(
            view.response_headers,
            [HeaderLine {
                name: "cache-control".into(),
                value: "no-store".into()
            }]
        );
    }
}
