//! What the attacker collected and what the attack targets reported, per lab ID: the
//! visitor who ran an attack reads back its own entries and nobody else's. Bounded, in
//! memory: a demo's evidence, not an archive.

use std::{
    collections::{HashMap, VecDeque},
    sync::{Arc, Mutex},
};

use app::api::security::LootEntry;

/// Lab IDs kept at once (the least recently written goes first) and entries per ID.
const MAX_LABS: usize = 1_000;
const MAX_ENTRIES: usize = 50;

#[derive(Debug, Clone, Default)]
pub struct Loot(Arc<Mutex<LootInner>>);

#[derive(Debug, Default)]
struct LootInner {
    by_lab: HashMap<String, Shelf>,
    /// Lab IDs, least recently written first.
    order: VecDeque<String>,
}

/// One lab's entries, and how many were ever filed (the oldest are dropped past the bound,
/// so the count of entries alone stops growing).
#[derive(Debug, Default)]
struct Shelf {
    entries: VecDeque<LootEntry>,
    filed: u64,
}

/// A lab ID is 16 to 64 characters of base64url: the page makes it from random bytes.
/// Anything else is refused, so an ID can be put into a page or a URL as it is.
pub fn valid_lab_id(id: &str) -> bool {
    (16..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl Loot {
    fn lock(&self) -> std::sync::MutexGuard<'_, LootInner> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn record(&self, lab: &str, entry: LootEntry) {
        let mut inner = self.lock();
        inner.order.retain(|id| id != lab);
        inner.order.push_back(lab.to_owned());
        if inner.order.len() > MAX_LABS {
            if let Some(oldest) = inner.order.pop_front() {
                inner.by_lab.remove(&oldest);
            }
        }
        let shelf = inner.by_lab.entry(lab.to_owned()).or_default();
        if shelf.entries.len() >= MAX_ENTRIES {
            shelf.entries.pop_front();
        }
        shelf.entries.push_back(entry);
        shelf.filed = shelf.filed.saturating_add(1);
    }

    /// This lab's entries, oldest first.
    pub fn entries(&self, lab: &str) -> Vec<LootEntry> {
        self.read(lab).1
    }

    /// How many entries were ever filed under `lab`, those dropped since included (a run
    /// waits for this to grow), and the entries kept, oldest first: one reading of both.
    pub fn read(&self, lab: &str) -> (u64, Vec<LootEntry>) {
        self.lock()
            .by_lab
            .get(lab)
            .map_or((0, Vec::new()), |shelf| {
                (shelf.filed, shelf.entries.iter().cloned().collect())
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocked(n: i64) -> LootEntry {
        LootEntry::CspBlocked {
            at: n,
            directive: "script-src".into(),
            blocked: "inline".into(),
        }
    }

    #[test]
    fn the_count_of_entries_filed_keeps_growing_past_the_bound() {
        let loot = Loot::default();
        assert_eq!(loot.read("labAAAAAAAAAAAAAAAA").0, 0);
        for n in 0..(MAX_ENTRIES as i64 + 10) {
            loot.record("labAAAAAAAAAAAAAAAA", blocked(n));
        }
        assert_eq!(loot.entries("labAAAAAAAAAAAAAAAA").len(), MAX_ENTRIES);
        assert_eq!(loot.read("labAAAAAAAAAAAAAAAA").0, MAX_ENTRIES as u64 + 10);
        assert_eq!(loot.read("labBBBBBBBBBBBBBBBB").0, 0);
    }

    #[test]
    fn each_lab_reads_only_its_own_entries_and_both_bounds_hold() {
        let loot = Loot::default();
        loot.record("aaaaaaaaaaaaaaaa", blocked(1));
        loot.record("bbbbbbbbbbbbbbbb", blocked(2));
        assert_eq!(loot.entries("aaaaaaaaaaaaaaaa"), vec![blocked(1)]);
        assert_eq!(loot.entries("cccccccccccccccc"), vec![]);
        for n in 0..60 {
            loot.record("aaaaaaaaaaaaaaaa", blocked(n));
        }
        let kept = loot.entries("aaaaaaaaaaaaaaaa");
        assert_eq!(kept.len(), MAX_ENTRIES);
        assert_eq!(kept.last(), Some(&blocked(59)));
        for n in 0..MAX_LABS {
            loot.record(&format!("lab{n:013}"), blocked(0));
        }
        assert_eq!(
            loot.entries("bbbbbbbbbbbbbbbb"),
            vec![],
            "the oldest lab went first"
        );
        assert_eq!(loot.entries("aaaaaaaaaaaaaaaa").len(), 0);
    }

    #[test]
    fn lab_ids_are_plain_base64url_of_a_sane_length() {
        assert!(valid_lab_id("abcdefghijklmnop"));
        assert!(valid_lab_id("A-_9".repeat(8).as_str()));
        assert!(!valid_lab_id("short"));
        assert!(!valid_lab_id(&"a".repeat(65)));
        assert!(!valid_lab_id("abcdefghijklmno<"));
        assert!(!valid_lab_id("abcdefgh'jklmnop"));
    }
}
