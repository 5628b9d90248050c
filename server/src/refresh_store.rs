//! Where refresh-token families live: beside the sessions, in this process or in Redis,
//! each kept until shortly after its family ends. A refresh reads, judges and rewrites one
//! family; two refreshes of the same token must not both rotate it, so that change is
//! atomic (a lock in memory, a compare-and-set script in Redis).

use std::{collections::HashMap, fmt, sync::Arc};

use fred::{
    interfaces::{KeysInterface, LuaInterface, SortedSetsInterface},
    prelude::Pool,
    types::Expiration,
};
use tokio::sync::Mutex;

use crate::{
    core::{clock::UnixTime, refresh::Family},
    store::StoreError,
};

/// Key prefix of one family's JSON record.
const FAMILY_KEY: &str = "auth_lab:refresh:";
/// Sorted set of family IDs scored by how long their records are kept, for listing.
const FAMILY_INDEX: &str = "auth_lab:refresh_index";
/// Writes `ARGV[2]` only if the key still holds `ARGV[1]`, the value the change was
/// computed from; otherwise another refresh won the race and this one reads again.
const COMPARE_AND_SET: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'EXAT', ARGV[3])
  return 1
end
return 0";
/// Attempts before a contended family gives up with a store error.
const CAS_ATTEMPTS: usize = 8;

#[derive(Clone)]
pub enum RefreshFamilies {
    Memory(Arc<Mutex<HashMap<String, Family>>>),
    Redis(Pool),
}

impl fmt::Debug for RefreshFamilies {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Memory(_) => "RefreshFamilies(memory)",
            Self::Redis(_) => "RefreshFamilies(redis)",
        })
    }
}

impl Default for RefreshFamilies {
    fn default() -> Self {
        Self::Memory(Arc::default())
    }
}

fn encode(family: &Family) -> Result<String, StoreError> {
    serde_json::to_string(family).map_err(|err| StoreError(format!("encoding a family: {err}")))
}

fn decode(json: &str) -> Result<Family, StoreError> {
    serde_json::from_str(json).map_err(|err| StoreError(format!("decoding a family: {err}")))
}

impl RefreshFamilies {
    pub async fn insert(&self, family: &Family, now: UnixTime) -> Result<(), StoreError> {
        match self {
            Self::Memory(families) => {
                let mut families = families.lock().await;
                // Ended families are dropped on the rare login, as the deny-list does.
                families.retain(|_, f| f.keep_until() > now);
                families.insert(family.id.clone(), family.clone());
            }
            Self::Redis(pool) => {
                let key = format!("{FAMILY_KEY}{}", family.id);
                let until = family.keep_until();
                let _: () = pool
                    .set(
                        key,
                        encode(family)?,
                        Some(Expiration::EXAT(until)),
                        None,
                        false,
                    )
                    .await?;
                let _: i64 = pool
                    .zadd(
                        FAMILY_INDEX,
                        None,
                        None,
                        false,
                        false,
                        (until as f64, family.id.as_str()),
                    )
                    .await?;
            }
        }
        Ok(())
    }

    /// Applies `change` to the family `id` atomically and returns its result, or `None`
    /// when no such family is kept. `change` may run more than once under Redis (after a
    /// lost race), so it must only compute; it returns whether the family changed.
    pub async fn update<R>(
        &self,
        id: &str,
        now: UnixTime,
        mut change: impl FnMut(&mut Family) -> (R, bool),
    ) -> Result<Option<R>, StoreError> {
        match self {
            Self::Memory(families) => {
                let mut families = families.lock().await;
                Ok(families
                    .get_mut(id)
                    .filter(|f| f.keep_until() > now)
                    .map(|family| change(family).0))
            }
            Self::Redis(pool) => {
                let key = format!("{FAMILY_KEY}{id}");
                for _ in 0..CAS_ATTEMPTS {
                    let Some(before): Option<String> = pool.get(&key).await? else {
                        return Ok(None);
                    };
                    let mut family = decode(&before)?;
                    let (result, changed) = change(&mut family);
                    if !changed {
                        return Ok(Some(result));
                    }
                    let after = encode(&family)?;
                    let until = family.keep_until().to_string();
                    let written: i64 = pool
                        .eval(
                            COMPARE_AND_SET,
                            vec![key.clone()],
                            vec![before, after, until],
                        )
                        .await?;
                    if written == 1 {
                        return Ok(Some(result));
                    }
                }
                Err(StoreError(format!(
                    "refresh family changed under {CAS_ATTEMPTS} attempts in a row"
                )))
            }
        }
    }

    /// Every family still kept, oldest first.
    pub async fn list(&self, now: UnixTime) -> Result<Vec<Family>, StoreError> {
        let mut families = match self {
            Self::Memory(families) => {
                let mut families = families.lock().await;
                families.retain(|_, f| f.keep_until() > now);
                families.values().cloned().collect::<Vec<_>>()
            }
            Self::Redis(pool) => {
                let _: i64 = pool
                    .zremrangebyscore(FAMILY_INDEX, f64::NEG_INFINITY, now as f64)
                    .await?;
                let ids: Vec<String> = pool
                    .zrangebyscore(FAMILY_INDEX, format!("({now}"), f64::INFINITY, false, None)
                    .await?;
                let mut families = Vec::with_capacity(ids.len());
                for id in ids {
                    let json: Option<String> = pool.get(format!("{FAMILY_KEY}{id}")).await?;
                    if let Some(json) = json {
                        families.push(decode(&json)?);
                    }
                }
                families
            }
        };
        families.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
        Ok(families)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::refresh::{Decision, RevokedBy};

    fn family(id: &str, now: UnixTime) -> Family {
        Family::start(
            id.into(),
            ("alice", "admin"),
            now,
            60,
            "d1".into(),
            ("j1".into(), now + 10),
        )
    }

    #[tokio::test]
    async fn memory_updates_in_place_and_forgets_ended_families() {
        let store = RefreshFamilies::default();
        store.insert(&family("a", 1_000), 1_000).await.unwrap();
        let decided = store
            .update("a", 1_001, |f| {
                let decision = f.judge("d1", 1_001);
                f.rotate(1_001, "d2".into(), ("j2".into(), 1_011));
                (decision, true)
            })
            .await
            .unwrap();
        assert_eq!(decided, Some(Decision::Rotate));
        let reused = store
            .update("a", 1_002, |f| (f.judge("d1", 1_002), false))
            .await
            .unwrap();
        assert_eq!(reused, Some(Decision::RevokeForReuse));
        store
            .update("a", 1_002, |f| (f.revoke(RevokedBy::Reuse, 1_002), true))
            .await
            .unwrap();
        let listed = store.list(1_003).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert!(listed[0].revoked.is_some());
        assert_eq!(
            store.update("missing", 1_003, |_| ((), false)).await,
            Ok(None)
        );

        // Kept until shortly after the end, then gone.
        let gone = listed[0].keep_until();
        assert_eq!(store.list(gone).await.unwrap(), vec![]);
        assert_eq!(store.update("a", gone, |_| ((), false)).await, Ok(None));
    }
}
