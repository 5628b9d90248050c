//! Failed-login limiting: at most `max` failures per key in a sliding window. Only failures
//! count, so a class logging in correctly all day is never slowed down, and a blocked key
//! frees itself as its oldest failure leaves the window: nobody is locked out for good.

use std::{
    collections::{HashMap, VecDeque},
    hash::Hash,
};

use super::clock::UnixTime;

#[derive(Debug)]
pub struct FailureWindow<K> {
    max_failures: usize,
    window_secs: i64,
    failures: HashMap<K, VecDeque<UnixTime>>,
}

impl<K: Eq + Hash + Clone> FailureWindow<K> {
    pub fn new(max_failures: usize, window_secs: i64) -> Self {
        Self {
            max_failures,
            window_secs,
            failures: HashMap::new(),
        }
    }

    fn forget_old(&mut self, key: &K, now: UnixTime) {
        if let Some(times) = self.failures.get_mut(key) {
            while times.front().is_some_and(|t| now - t >= self.window_secs) {
                times.pop_front();
            }
            if times.is_empty() {
                self.failures.remove(key);
            }
        }
    }

    /// `Some(seconds)` until the key may try again, or `None` if it may try now.
    pub fn retry_after(&mut self, key: &K, now: UnixTime) -> Option<i64> {
        self.forget_old(key, now);
        let times = self.failures.get(key)?;
        if times.len() < self.max_failures {
            return None;
        }
        let oldest = *times.front()?;
        Some((oldest + self.window_secs - now).max(1))
    }

    pub fn record_failure(&mut self, key: K, now: UnixTime) {
        self.forget_old(&key, now);
        // Drop keys nobody has used for a whole window, so the map cannot grow forever.
        if self.failures.len() > 10_000 {
            let window = self.window_secs;
            self.failures
                .retain(|_, times| times.back().is_some_and(|t| now - t < window));
        }
        self.failures.entry(key).or_default().push_back(now);
    }

    /// A correct password clears the key's failures.
    pub fn clear(&mut self, key: &K) {
        self.failures.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_max_failures_and_frees_itself_as_the_window_slides() {
        let mut window = FailureWindow::new(3, 60);
        for t in [0, 10, 20] {
            assert_eq!(window.retry_after(&"k", t), None);
            window.record_failure("k", t);
        }
        assert_eq!(
            window.retry_after(&"k", 30),
            Some(30),
            "the first failure leaves at 60"
        );
        assert_eq!(window.retry_after(&"k", 59), Some(1));
        assert_eq!(window.retry_after(&"k", 60), None, "one slot is free again");
        window.record_failure("k", 60);
        assert_eq!(
            window.retry_after(&"k", 61),
            Some(9),
            "the failure at 10 leaves at 70"
        );
    }

    #[test]
    fn keys_are_independent_and_success_clears_a_key() {
        let mut window = FailureWindow::new(2, 60);
        window.record_failure("a", 0);
        window.record_failure("a", 1);
        assert!(window.retry_after(&"a", 2).is_some());
        assert_eq!(window.retry_after(&"b", 2), None);
        window.clear(&"a");
        assert_eq!(window.retry_after(&"a", 3), None);
    }
}
