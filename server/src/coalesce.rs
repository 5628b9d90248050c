//! Coalesced Redis reads: the lookups of concurrent requests go out as one command (`MGET`,
//! `ZMSCORE`) instead of one command each.
//!
//! fred writes a command to the socket as soon as its queue is empty, and tokio's
//! multi-thread scheduler usually runs the task a request has just woken (fred's writer)
//! next, so under load every session lookup was its own write, its own wake-up of
//! redis-server and its own read. Here the first lookup yields (`yield_now`), which lets the
//! worker run every other task that is ready first; each of those requests adds its key, and
//! the lot costs one round trip. A lookup alone goes out as soon as the worker has nothing
//! else to run.

use std::{
    future::Future,
    pin::Pin,
    sync::{Arc, Mutex, PoisonError},
};

use tokio::sync::{mpsc, oneshot};

use crate::store::StoreError;

/// The most keys one command carries; more wait for the next one.
const MAX_BATCH: usize = 128;
/// The most times a batch yields to the other ready tasks while lookups keep arriving.
const MAX_YIELDS: usize = 4;

/// One batch's command: a value per key, in the keys' order.
type BatchFuture<V> = Pin<Box<dyn Future<Output = Result<Vec<V>, StoreError>> + Send>>;

type Fetch<V> = Arc<dyn Fn(Vec<String>) -> BatchFuture<V> + Send + Sync>;

/// One request waiting for its key's value.
struct Waiter<V> {
    key: String,
    reply: oneshot::Sender<Result<V, StoreError>>,
}

/// Batches [`get`](Self::get) calls into calls of one `fetch` function.
pub struct Coalescer<V> {
    fetch: Fetch<V>,
    /// The queue's task is started on first use, so that it runs on the runtime of the
    /// requests it serves, and again whenever it has stopped: a `fetch` that panicked, or a
    /// runtime that shut down, would otherwise fail every later lookup until a restart.
    queue: Mutex<Option<mpsc::UnboundedSender<Waiter<V>>>>,
}

impl<V: Send + 'static> Coalescer<V> {
    /// `fetch` answers a batch of keys with one value per key, in order.
    pub fn new<F, Fut>(fetch: F) -> Self
    where
        F: Fn(Vec<String>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Vec<V>, StoreError>> + Send + 'static,
    {
        Self {
            fetch: Arc::new(move |keys| Box::pin(fetch(keys)) as BatchFuture<V>),
            queue: Mutex::new(None),
        }
    }

    /// The value of `key`, read together with the keys that other ready requests ask for
    /// meanwhile. A failed batch fails every lookup in it with the same error.
    pub async fn get(&self, key: String) -> Result<V, StoreError> {
        let (reply, answer) = oneshot::channel();
        self.enqueue(Waiter { key, reply })?;
        answer
            .await
            .map_err(|_| StoreError("the Redis read was dropped".into()))?
    }

    /// Hands the waiter to the queue's task, starting a new task if there is none or the
    /// last one has stopped.
    fn enqueue(&self, waiter: Waiter<V>) -> Result<(), StoreError> {
        // Only a panic while this lock is held could poison it, and nothing here panics
        // with a half-written queue: the value inside is whole either way.
        let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
        let waiter = match queue.as_ref() {
            Some(running) => match running.send(waiter) {
                Ok(()) => return Ok(()),
                Err(mpsc::error::SendError(waiter)) => waiter,
            },
            None => waiter,
        };
        let handle = tokio::runtime::Handle::try_current()
            .map_err(|_| StoreError("Redis reads need a Tokio runtime".into()))?;
        let (sender, waiting) = mpsc::unbounded_channel();
        handle.spawn(gather(waiting, self.fetch.clone()));
        // This send fails only if the runtime is shutting down and dropped the task unrun.
        let sent = sender.send(waiter);
        *queue = Some(sender);
        sent.map_err(|_| StoreError("the Redis read queue has stopped".into()))
    }
}

/// Collects waiting lookups into batches and starts each batch's command. Commands run as
/// tasks of their own, so the next batch never waits for the previous one's answer.
async fn gather<V: Send + 'static>(
    mut waiting: mpsc::UnboundedReceiver<Waiter<V>>,
    fetch: Fetch<V>,
) {
    while let Some(first) = waiting.recv().await {
        let mut batch = vec![first];
        // Let every request that is ready to run reach its own lookup first, and go on
        // yielding only while each round brings more.
        for _ in 0..MAX_YIELDS {
            tokio::task::yield_now().await;
            let before = batch.len();
            while batch.len() < MAX_BATCH {
                match waiting.try_recv() {
                    Ok(waiter) => batch.push(waiter),
                    Err(_) => break,
                }
            }
            if batch.len() == before || batch.len() == MAX_BATCH {
                break;
            }
        }
        let (keys, replies): (Vec<String>, Vec<_>) =
            batch.into_iter().map(|w| (w.key, w.reply)).unzip();
        let command = fetch(keys);
        tokio::spawn(async move { answer(replies, command.await) });
    }
}

/// Hands each waiter its value; a lookup whose request has gone away is skipped.
fn answer<V>(
    replies: Vec<oneshot::Sender<Result<V, StoreError>>>,
    result: Result<Vec<V>, StoreError>,
) {
    let result = result.and_then(|values| {
        if values.len() == replies.len() {
            Ok(values)
        } else {
            Err(StoreError(format!(
                "Redis answered {} values for {} keys",
                values.len(),
                replies.len()
            )))
        }
    });
    match result {
        Ok(values) => {
            for (reply, value) in replies.into_iter().zip(values) {
                let _ = reply.send(Ok(value));
            }
        }
        Err(err) => {
            for reply in replies {
                let _ = reply.send(Err(err.clone()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// A fetch that answers each key with its length and records the batches it saw.
    fn lengths(batches: Arc<Mutex<Vec<Vec<String>>>>) -> Coalescer<usize> {
        Coalescer::new(move |keys: Vec<String>| {
            batches.lock().unwrap().push(keys.clone());
            async move { Ok(keys.iter().map(String::len).collect()) }
        })
    }

    // One thread: the spawned lookups all run before the queue's task, whatever the load.
    #[tokio::test]
    async fn concurrent_lookups_share_one_command_and_each_gets_its_own_value() {
        let batches = Arc::default();
        let reads = Arc::new(lengths(Arc::clone(&batches)));
        let lookups: Vec<_> = (1..=20)
            .map(|n| {
                let reads = Arc::clone(&reads);
                tokio::spawn(async move { (n, reads.get("k".repeat(n)).await) })
            })
            .collect();
        for lookup in lookups {
            let (n, value) = lookup.await.unwrap();
            assert_eq!(value, Ok(n), "lookup {n} got another key's value");
        }
        let batches = batches.lock().unwrap();
        assert_eq!(batches.iter().map(Vec::len).sum::<usize>(), 20);
        assert!(
            batches.len() < 20,
            "20 concurrent lookups took {} commands",
            batches.len()
        );
    }

    #[tokio::test]
    async fn a_lookup_alone_is_answered() {
        let batches = Arc::default();
        let reads = lengths(Arc::clone(&batches));
        assert_eq!(reads.get("abc".into()).await, Ok(3));
        assert_eq!(reads.get("abcd".into()).await, Ok(4));
        assert_eq!(batches.lock().unwrap().len(), 2);
    }

    #[tokio::test]
    async fn a_failed_command_fails_every_lookup_in_it() {
        let reads: Coalescer<usize> =
            Coalescer::new(|_| async { Err(StoreError("connection refused".into())) });
        let (a, b) = tokio::join!(reads.get("a".into()), reads.get("b".into()));
        assert_eq!(a, Err(StoreError("connection refused".into())));
        assert_eq!(b, Err(StoreError("connection refused".into())));
    }

    #[tokio::test]
    async fn a_short_answer_is_an_error_not_a_wrong_value() {
        let reads: Coalescer<usize> = Coalescer::new(|_| async { Ok(vec![1_usize]) });
        let (a, b) = tokio::join!(reads.get("a".into()), reads.get("b".into()));
        assert!(a.is_err() && b.is_err(), "{a:?} {b:?}");
    }

    // The panic below is expected: the test harness prints it.
    #[tokio::test]
    async fn a_fetch_that_panicked_does_not_stop_later_lookups() {
        let reads: Coalescer<usize> = Coalescer::new(|keys: Vec<String>| {
            assert!(!keys.contains(&"boom".to_owned()), "a broken fetch");
            async move { Ok(keys.iter().map(String::len).collect()) }
        });
        assert!(reads.get("boom".into()).await.is_err());
        assert_eq!(reads.get("ok".into()).await, Ok(2));
    }

    #[test]
    fn a_coalescer_outlives_the_runtime_that_first_used_it() {
        let batches = Arc::default();
        let reads = lengths(Arc::clone(&batches));
        let runtime = || {
            tokio::runtime::Builder::new_current_thread()
                .build()
                .unwrap()
        };
        assert_eq!(runtime().block_on(reads.get("a".into())), Ok(1));
        // The first runtime is gone, and its queue task with it.
        assert_eq!(runtime().block_on(reads.get("abc".into())), Ok(3));
        assert_eq!(batches.lock().unwrap().len(), 2);
    }
}
