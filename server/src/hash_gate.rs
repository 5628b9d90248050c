//! Bounds how many Argon2id password checks run at once.
//!
//! Each check is milliseconds of pure CPU and 19 MiB of memory on a blocking thread. Without
//! a bound, a burst of logins starts one thread per login (tokio allows 512): they share the
//! cores with the async workers, so every other request (a `/me`, a page) waits behind the
//! burst, and 200 concurrent logins hold 3.7 GiB. With one permit per core the burst queues
//! here instead, and the workers keep their share of the CPU.

use std::sync::{
    atomic::{AtomicUsize, Ordering},
    Arc,
};

use tokio::sync::Semaphore;

#[derive(Debug, Clone)]
pub struct HashGate(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    permits: Semaphore,
    limit: usize,
    running: AtomicUsize,
    /// The most checks ever seen running at once: a test's evidence, and cheap (logins only).
    peak: AtomicUsize,
}

impl Default for HashGate {
    /// One permit per core this process may run on (`taskset` narrows it).
    fn default() -> Self {
        Self::new(std::thread::available_parallelism().map_or(1, usize::from))
    }
}

impl HashGate {
    pub fn new(limit: usize) -> Self {
        let limit = limit.max(1);
        Self(Arc::new(Inner {
            permits: Semaphore::new(limit),
            limit,
            running: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
        }))
    }

    pub fn limit(&self) -> usize {
        self.0.limit
    }

    pub fn peak(&self) -> usize {
        self.0.peak.load(Ordering::Relaxed)
    }

    /// Runs `check` on a blocking thread once a permit is free.
    pub async fn run<T: Send + 'static>(
        &self,
        check: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, tokio::task::JoinError> {
        // The semaphore is never closed, so acquiring only waits.
        let _permit = self
            .0
            .permits
            .acquire()
            .await
            .expect("the gate is never closed");
        let inner = Arc::clone(&self.0);
        tokio::task::spawn_blocking(move || {
            let now = inner.running.fetch_add(1, Ordering::Relaxed) + 1;
            inner.peak.fetch_max(now, Ordering::Relaxed);
            let result = check();
            inner.running.fetch_sub(1, Ordering::Relaxed);
            result
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_more_checks_run_at_once_than_the_gate_allows() {
        let gate = HashGate::new(2);
        let checks: Vec<_> = (0..8)
            .map(|i| {
                let gate = gate.clone();
                tokio::spawn(async move {
                    gate.run(move || {
                        std::thread::sleep(Duration::from_millis(20));
                        i
                    })
                    .await
                    .unwrap()
                })
            })
            .collect();
        let mut done = Vec::new();
        for check in checks {
            done.push(check.await.unwrap());
        }
        assert_eq!(done, (0..8).collect::<Vec<_>>(), "every check finished");
        assert_eq!(gate.peak(), 2, "two ran together, never more");
    }

    #[test]
    fn a_gate_always_lets_one_check_through() {
        assert_eq!(HashGate::new(0).limit(), 1);
        assert!(HashGate::default().limit() >= 1);
    }
}
