//! Where session records live. The memory store keeps tower-sessions records in a map it
//! can also list, so the lab can show the server's real rows (`/api/inspect/store`).

use std::{collections::HashMap, sync::Arc};

use async_trait::async_trait;
use tokio::sync::Mutex;
use tower_sessions::{
    session::{Id, Record},
    session_store::{self, SessionStore},
};

/// In-process session store. A record stays until it is deleted or its store expiry
/// passes; the lab's own rules (idle and absolute expiry) are checked by the handlers, which
/// delete expired records themselves and can therefore answer `expired` rather than
/// `unknown_session`.
#[derive(Debug, Clone, Default)]
pub struct MemorySessionStore {
    records: Arc<Mutex<HashMap<Id, Record>>>,
}

impl MemorySessionStore {
    /// Every record currently held, with the size of its serialised data.
    pub async fn rows(&self) -> Vec<(Id, Record, usize)> {
        let now = time::OffsetDateTime::now_utc();
        let mut records = self.records.lock().await;
        records.retain(|_, record| record.expiry_date > now);
        records
            .iter()
            .map(|(id, record)| {
                let bytes = serde_json::to_vec(&record.data).map_or(0, |v| v.len());
                (*id, record.clone(), bytes)
            })
            .collect()
    }
}

#[async_trait]
impl SessionStore for MemorySessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let mut records = self.records.lock().await;
        // 128 random bits make a collision practically impossible, but never overwrite.
        while records.contains_key(&record.id) {
            record.id = Id::default();
        }
        records.insert(record.id, record.clone());
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.records.lock().await.insert(record.id, record.clone());
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let now = time::OffsetDateTime::now_utc();
        Ok(self
            .records
            .lock()
            .await
            .get(id)
            .filter(|record| record.expiry_date > now)
            .cloned())
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.records.lock().await.remove(id);
        Ok(())
    }
}
