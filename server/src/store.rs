//! Where server-side state lives: session records (through tower-sessions' store trait)
//! and the token deny-list, either in this process (`--store memory`) or in a shared Redis
//! (`--store redis://...`). Both can be listed, so the lab shows the server's real rows.

use std::{collections::HashMap, fmt, sync::Arc, time::Duration};

use async_trait::async_trait;
use tokio::sync::Mutex;
use tower_sessions::{
    session::{Id, Record},
    session_store::{self, SessionStore},
};
use tower_sessions_redis_store::{
    fred::{
        bytes::Bytes,
        interfaces::{ClientLike, KeysInterface, SortedSetsInterface},
        prelude::{Config, Pool},
        types::{config::ReconnectPolicy, Builder, Value},
    },
    RedisStore,
};

use crate::coalesce::Coalescer;
use crate::core::{
    clock::{Clock, SystemClock, UnixTime},
    session::SessionRecord,
};

/// Key of the sorted set that indexes session IDs by store expiry, for listing.
const SESSION_INDEX: &str = "auth_lab:session_index";
/// Key of the sorted set of revoked token IDs, scored by the token's `exp`.
const DENYLIST: &str = "auth_lab:denylist";

/// A store failure: the backend did not answer or answered nonsense.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(pub String);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<session_store::Error> for StoreError {
    fn from(err: session_store::Error) -> Self {
        Self(err.to_string())
    }
}

impl From<tower_sessions_redis_store::fred::error::Error> for StoreError {
    fn from(err: tower_sessions_redis_store::fred::error::Error) -> Self {
        Self(err.to_string())
    }
}

/// Connects to Redis in the background. The server starts even when Redis is down:
/// requests then get 503 until the client's reconnect loop finds it again.
pub async fn connect_redis(url: &str) -> Result<Pool, StoreError> {
    let config = Config::from_url(url)?;
    let pool = Builder::from_config(config)
        .with_connection_config(|c| {
            c.connection_timeout = Duration::from_millis(800);
            c.internal_command_timeout = Duration::from_millis(800);
            c.max_command_attempts = 1;
        })
        .with_performance_config(|p| {
            // A request waits at most this long for Redis before answering 503.
            p.default_command_timeout = Duration::from_millis(800);
        })
        // Retry forever, every 250 ms: recovery needs no restart.
        .set_policy(ReconnectPolicy::new_constant(0, 250))
        // One connection: fred pipelines the commands of concurrent requests on it, which
        // `make bench` measured a third faster on /api/session/me than a pool of four.
        .build_pool(1)?;
    pool.connect();
    if tokio::time::timeout(Duration::from_secs(2), pool.wait_for_connect())
        .await
        .is_err()
    {
        tracing::warn!(%url, "Redis is not answering yet; session requests will get 503 until it does");
    }
    Ok(pool)
}

/// A batched command's answer, one entry per key in the keys' order: `None` where Redis
/// answered nil, `read`'s value otherwise. An entry `read` cannot take is an error for the
/// whole batch, so that a strange answer never reads as "no session" or "not revoked".
fn per_key<T>(
    answer: Value,
    what: &str,
    read: impl Fn(&Value) -> Option<T>,
) -> Result<Vec<Option<T>>, StoreError> {
    answer
        .into_array()
        .into_iter()
        .map(|value| {
            if value.is_null() {
                return Ok(None);
            }
            read(&value)
                .map(Some)
                .ok_or_else(|| StoreError(format!("Redis answered {value:?} for {what}")))
        })
        .collect()
}

/// `MGET`'s answer: the bytes stored under each key, `None` where there is nothing.
fn stored_values(answer: Value) -> Result<Vec<Option<Bytes>>, StoreError> {
    per_key(answer, "a session", |value| match value {
        // A clone of either holds the same shared buffer; nothing is copied.
        Value::Bytes(_) | Value::String(_) => value.clone().into_bytes(),
        _ => None,
    })
}

/// `ZMSCORE`'s answer: each member's score, `None` where it is not in the set.
fn scores(answer: Value) -> Result<Vec<Option<f64>>, StoreError> {
    per_key(answer, "a deny-list score", Value::as_f64)
}

/// The session store the handlers use.
#[derive(Clone)]
pub enum SessionBackend {
    Memory(MemorySessionStore),
    Redis {
        pool: Pool,
        store: RedisStore<Pool>,
        /// The hot path's reads, batched into `MGET`s: the stored MessagePack per ID.
        reads: Arc<Coalescer<Option<Bytes>>>,
        /// The server's clock, which decides what the listing counts as expired.
        clock: Arc<dyn Clock>,
    },
    /// A cluster node's own memory, with every write copied to its peers.
    Replicated {
        memory: MemorySessionStore,
        replicas: crate::cluster::replica::Replicas,
    },
}

impl fmt::Debug for SessionBackend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Default for SessionBackend {
    fn default() -> Self {
        Self::Memory(MemorySessionStore::default())
    }
}

impl SessionBackend {
    /// An in-process store that reads time from `clock`, like every other rule here.
    pub fn memory(clock: Arc<dyn Clock>) -> Self {
        Self::Memory(MemorySessionStore::with_clock(clock))
    }

    pub fn redis(pool: Pool, clock: Arc<dyn Clock>) -> Self {
        let client = pool.clone();
        let reads = Coalescer::new(move |ids: Vec<String>| {
            let client = client.clone();
            async move { stored_values(client.mget(ids).await?) }
        });
        Self::Redis {
            store: RedisStore::new(pool.clone()),
            pool,
            reads: Arc::new(reads),
            clock,
        }
    }

    /// A cluster node's memory store that copies every write to its peers.
    pub fn replicated(clock: Arc<dyn Clock>, replicas: crate::cluster::replica::Replicas) -> Self {
        Self::Replicated {
            memory: MemorySessionStore::with_clock(clock),
            replicas,
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Self::Memory(_) => "memory",
            Self::Redis { .. } => "redis",
            Self::Replicated { .. } => "replicated",
        }
    }

    /// Stores a peer's copy of a record, without copying it on.
    pub async fn receive_copy(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Self::Replicated { memory, replicas } => {
                memory.save(record).await?;
                replicas.mark_copy(record.id);
                Ok(())
            }
            _ => Err(session_store::Error::Backend(
                "this store does not take copies".into(),
            )),
        }
    }

    /// Deletes a record because a peer deleted it.
    pub async fn drop_copy(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Self::Replicated { memory, replicas } => {
                replicas.forget(id);
                memory.delete(id).await
            }
            _ => Err(session_store::Error::Backend(
                "this store does not take copies".into(),
            )),
        }
    }

    /// The peers' copies this store keeps, if it is a replicated one.
    pub fn replicas(&self) -> Option<&crate::cluster::replica::Replicas> {
        match self {
            Self::Replicated { replicas, .. } => Some(replicas),
            _ => None,
        }
    }

    /// Every live record with the size of its data (as JSON, the same measure for both
    /// backends; Redis itself holds MessagePack).
    pub async fn rows(&self) -> Result<Vec<(Id, Record, usize)>, StoreError> {
        let records = match self {
            Self::Memory(memory) | Self::Replicated { memory, .. } => memory.records().await,
            Self::Redis {
                pool, store, clock, ..
            } => {
                let now = clock.now();
                let _: i64 = pool
                    .zremrangebyscore(SESSION_INDEX, f64::NEG_INFINITY, now as f64)
                    .await?;
                let ids: Vec<String> = pool
                    .zrangebyscore(SESSION_INDEX, now as f64, f64::INFINITY, false, None)
                    .await?;
                let mut records = Vec::with_capacity(ids.len());
                for id in ids.iter().filter_map(|id| id.parse::<Id>().ok()) {
                    if let Some(record) = store.load(&id).await? {
                        records.push(record);
                    }
                }
                records
            }
        };
        Ok(records
            .into_iter()
            .map(|record| {
                let bytes = serde_json::to_vec(&record.data).map_or(0, |v| v.len());
                (record.id, record, bytes)
            })
            .collect())
    }

    /// The login saved under `id`, decoded straight into a [`SessionRecord`]: the hot path
    /// of every session request. The memory store parses its JSON bytes in one pass instead
    /// of building tower-sessions' `serde_json::Value` tree first; Redis reads the record
    /// with the concurrent requests' lookups in one `MGET` and decodes it as
    /// tower-sessions-redis-store wrote it. A record without a login reads as `None`, like a
    /// missing one.
    pub async fn load_login(&self, id: &Id) -> session_store::Result<Option<SessionRecord>> {
        match self {
            Self::Memory(memory) | Self::Replicated { memory, .. } => memory.load_login(id),
            Self::Redis { reads, .. } => match reads
                .get(id.to_string())
                .await
                .map_err(|e| session_store::Error::Backend(e.0))?
                .map(|bytes| rmp_serde::from_slice::<Record>(&bytes))
                .transpose()
                .map_err(|e| session_store::Error::Decode(e.to_string()))?
            {
                Some(mut record) => record
                    .data
                    .remove(SessionRecord::KEY)
                    .map(serde_json::from_value)
                    .transpose()
                    .map_err(|e| session_store::Error::Decode(e.to_string())),
                None => Ok(None),
            },
        }
    }

    async fn index(&self, record: &Record) -> session_store::Result<()> {
        if let Self::Redis { pool, .. } = self {
            let score = record.expiry_date.unix_timestamp() as f64;
            let _: i64 = pool
                .zadd(
                    SESSION_INDEX,
                    None,
                    None,
                    false,
                    false,
                    (score, record.id.to_string()),
                )
                .await
                .map_err(|e| session_store::Error::Backend(e.to_string()))?;
        }
        Ok(())
    }
}

#[async_trait]
impl SessionStore for SessionBackend {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Self::Memory(memory) => memory.create(record).await?,
            Self::Redis { store, .. } => store.create(record).await?,
            Self::Replicated { memory, replicas } => {
                memory.create(record).await?;
                replicas.copy_out(record).await;
            }
        }
        self.index(record).await
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Self::Memory(memory) => memory.save(record).await?,
            Self::Redis { store, .. } => store.save(record).await?,
            Self::Replicated { memory, replicas } => {
                memory.save(record).await?;
                replicas.copy_out(record).await;
            }
        }
        self.index(record).await
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Self::Memory(memory) | Self::Replicated { memory, .. } => memory.load(id).await,
            Self::Redis { store, .. } => store.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Self::Memory(memory) => memory.delete(id).await,
            Self::Replicated { memory, replicas } => {
                memory.delete(id).await?;
                replicas.delete_out(id).await;
                Ok(())
            }
            Self::Redis { pool, store, .. } => {
                store.delete(id).await?;
                let _: i64 = pool
                    .zrem(SESSION_INDEX, id.to_string())
                    .await
                    .map_err(|e| session_store::Error::Backend(e.to_string()))?;
                Ok(())
            }
        }
    }
}

/// In-process session store. A record stays until it is deleted or its store expiry
/// passes; the lab's own rules (idle and absolute expiry) are checked by the handlers, which
/// delete expired records themselves and can therefore answer `expired` rather than
/// `unknown_session`.
///
/// Each record is kept as its data serialised to JSON, in one allocation, rather than as
/// tower-sessions' `Record` (a hash map of `serde_json::Value` trees, a dozen allocations).
/// That is what keeps a live session near 200 bytes of server memory (`make bench` measures
/// it), and it is the same kind of thing Redis holds: bytes, decoded on each load.
#[derive(Debug, Clone)]
pub struct MemorySessionStore {
    records: Arc<std::sync::Mutex<HashMap<Id, StoredRecord>>>,
    clock: Arc<dyn Clock>,
}

impl Default for MemorySessionStore {
    fn default() -> Self {
        Self::with_clock(Arc::new(SystemClock))
    }
}

#[derive(Debug)]
struct StoredRecord {
    /// Unix seconds; the record is gone from this instant.
    expires_at: i64,
    data: Box<[u8]>,
}

impl StoredRecord {
    fn encode(record: &Record) -> session_store::Result<Self> {
        Ok(Self {
            expires_at: record.expiry_date.unix_timestamp(),
            data: serde_json::to_vec(&record.data)
                .map_err(|e| session_store::Error::Encode(e.to_string()))?
                .into_boxed_slice(),
        })
    }

    fn decode(&self, id: Id) -> session_store::Result<Record> {
        Ok(Record {
            id,
            data: serde_json::from_slice(&self.data)
                .map_err(|e| session_store::Error::Decode(e.to_string()))?,
            expiry_date: time::OffsetDateTime::from_unix_timestamp(self.expires_at)
                .map_err(|e| session_store::Error::Decode(e.to_string()))?,
        })
    }

    fn live(&self, now: i64) -> bool {
        self.expires_at > now
    }
}

/// The shape of a record's data when it holds a login; the key is [`SessionRecord::KEY`].
#[derive(serde::Deserialize)]
struct LoginData {
    #[serde(rename = "auth_lab.login")]
    login: Option<SessionRecord>,
}

impl MemorySessionStore {
    pub fn with_clock(clock: Arc<dyn Clock>) -> Self {
        Self {
            records: Arc::default(),
            clock,
        }
    }

    /// Decodes the record under `id` with `decode` if it is there and not past its store
    /// expiry; `Ok(None)` otherwise.
    fn read_live<T>(
        &self,
        id: &Id,
        decode: impl FnOnce(&StoredRecord) -> session_store::Result<Option<T>>,
    ) -> session_store::Result<Option<T>> {
        let now = self.clock.now();
        match self.lock().get(id) {
            Some(stored) if stored.live(now) => decode(stored),
            _ => Ok(None),
        }
    }

    fn load_login(&self, id: &Id) -> session_store::Result<Option<SessionRecord>> {
        self.read_live(id, |stored| {
            serde_json::from_slice::<LoginData>(&stored.data)
                .map(|data| data.login)
                .map_err(|e| session_store::Error::Decode(e.to_string()))
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Id, StoredRecord>> {
        // The lock is never held across an await or a panic-prone call, but a poisoned
        // map is still the best data there is.
        self.records
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    async fn records(&self) -> Vec<Record> {
        let now = self.clock.now();
        let mut records = self.lock();
        records.retain(|_, record| record.live(now));
        records
            .iter()
            .filter_map(|(id, stored)| stored.decode(*id).ok())
            .collect()
    }
}

#[async_trait]
impl SessionStore for MemorySessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let stored = StoredRecord::encode(record)?;
        let mut records = self.lock();
        // 128 random bits make a collision practically impossible, but never overwrite.
        while records.contains_key(&record.id) {
            record.id = Id::default();
        }
        records.insert(record.id, stored);
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let stored = StoredRecord::encode(record)?;
        self.lock().insert(record.id, stored);
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        self.read_live(id, |stored| stored.decode(*id).map(Some))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.lock().remove(id);
        Ok(())
    }
}

/// Revoked token IDs, each kept only until its token would have expired anyway. Scores
/// are the tokens' `exp`, compared with the server's clock.
#[derive(Clone)]
pub enum Denylist {
    Memory(Arc<Mutex<HashMap<String, UnixTime>>>),
    Redis {
        pool: Pool,
        /// Every token request's check, batched into `ZMSCORE`s: the entry's expiry per ID.
        scores: Arc<Coalescer<Option<f64>>>,
    },
}

impl fmt::Debug for Denylist {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Memory(_) => "Denylist(memory)",
            Self::Redis { .. } => "Denylist(redis)",
        })
    }
}

impl Default for Denylist {
    fn default() -> Self {
        Self::Memory(Arc::default())
    }
}

impl Denylist {
    pub fn redis(pool: Pool) -> Self {
        let client = pool.clone();
        let scores = Coalescer::new(move |ids: Vec<String>| {
            let client = client.clone();
            async move { scores(client.zmscore(DENYLIST, ids).await?) }
        });
        Self::Redis {
            pool,
            scores: Arc::new(scores),
        }
    }

    pub async fn add(
        &self,
        jti: &str,
        expires_at: UnixTime,
        now: UnixTime,
    ) -> Result<(), StoreError> {
        match self {
            Self::Memory(entries) => {
                let mut entries = entries.lock().await;
                // Expired entries are dropped here, on the rare write, so that the check
                // on every request stays a single hash lookup.
                entries.retain(|_, exp| *exp > now);
                entries.insert(jti.to_owned(), expires_at);
            }
            Self::Redis { pool, .. } => {
                let _: i64 = pool
                    .zadd(DENYLIST, None, None, false, false, (expires_at as f64, jti))
                    .await?;
            }
        }
        Ok(())
    }

    pub async fn contains(&self, jti: &str, now: UnixTime) -> Result<bool, StoreError> {
        match self {
            Self::Memory(entries) => Ok(entries
                .lock()
                .await
                .get(jti)
                .is_some_and(|expires_at| *expires_at > now)),
            Self::Redis { scores, .. } => {
                let score = scores.get(jti.to_owned()).await?;
                Ok(score.is_some_and(|exp| exp > now as f64))
            }
        }
    }

    /// Live entries as (jti, expires_at).
    pub async fn entries(&self, now: UnixTime) -> Result<Vec<(String, UnixTime)>, StoreError> {
        match self {
            Self::Memory(entries) => {
                let mut entries = entries.lock().await;
                entries.retain(|_, expires_at| *expires_at > now);
                Ok(entries.iter().map(|(k, v)| (k.clone(), *v)).collect())
            }
            Self::Redis { pool, .. } => {
                let _: i64 = pool
                    .zremrangebyscore(DENYLIST, f64::NEG_INFINITY, now as f64)
                    .await?;
                let pairs: Vec<(String, f64)> = pool
                    .zrangebyscore(DENYLIST, format!("({now}"), f64::INFINITY, true, None)
                    .await?;
                Ok(pairs
                    .into_iter()
                    .map(|(jti, exp)| (jti, exp as UnixTime))
                    .collect())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batched_answers_keep_their_order_and_refuse_what_is_not_a_value() {
        let answer = Value::Array(vec![
            Value::Null,
            Value::Bytes(Bytes::from_static(&[0x93, 0xff])),
            Value::from("text"),
        ]);
        assert_eq!(
            stored_values(answer),
            Ok(vec![
                None,
                Some(Bytes::from_static(&[0x93, 0xff])),
                Some(Bytes::from_static(b"text"))
            ])
        );
        assert!(stored_values(Value::Array(vec![Value::Integer(1)])).is_err());

        let answer = Value::Array(vec![
            Value::Null,
            Value::from("1700000000"),
            Value::Double(2.5),
        ]);
        assert_eq!(
            scores(answer),
            Ok(vec![None, Some(1_700_000_000.0), Some(2.5)])
        );
        assert!(
            scores(Value::Array(vec![Value::from("soon")])).is_err(),
            "an unreadable score must not read as 'not revoked'"
        );
    }

    #[tokio::test]
    async fn the_typed_load_reads_what_a_session_saved_under_the_record_key() {
        let store = SessionBackend::default();
        let login = SessionRecord::start("alice", "admin", 1_000, 60, 300);
        let mut record = Record {
            id: Id::default(),
            data: HashMap::from([(
                SessionRecord::KEY.to_owned(),
                serde_json::to_value(&login).unwrap(),
            )]),
            expiry_date: time::OffsetDateTime::now_utc() + time::Duration::hours(1),
        };
        store.create(&mut record).await.unwrap();
        assert_eq!(store.load_login(&record.id).await.unwrap(), Some(login));
        assert_eq!(store.load_login(&Id::default()).await.unwrap(), None);

        // Data without a login (or an expired record) is no login.
        let mut other = Record {
            id: Id::default(),
            data: HashMap::from([("something.else".to_owned(), serde_json::json!(1))]),
            expiry_date: record.expiry_date,
        };
        store.create(&mut other).await.unwrap();
        assert_eq!(store.load_login(&other.id).await.unwrap(), None);
        let mut expired = Record {
            expiry_date: time::OffsetDateTime::now_utc() - time::Duration::seconds(1),
            id: Id::default(),
            data: record.data.clone(),
        };
        store.create(&mut expired).await.unwrap();
        assert_eq!(store.load_login(&expired.id).await.unwrap(), None);
    }
}
