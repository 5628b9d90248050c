//! The self-quiz's rules: the learner's marks, what comes next, and what needs review.
//! The marks are kept in localStorage by the island; nothing here touches the browser.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The localStorage key the marks live under (the quiz page names it).
pub const STORAGE_KEY: &str = "auth_lab_quiz";

/// How the learner judged their own answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    Knew,
    Partly,
    NotYet,
}

impl Mark {
    pub const ALL: [Mark; 3] = [Self::Knew, Self::Partly, Self::NotYet];

    /// Marks that put a question on the review list.
    pub fn weak(self) -> bool {
        self != Self::Knew
    }

    /// The fixed name used in test hooks (and in localStorage).
    pub fn key(self) -> &'static str {
        match self {
            Self::Knew => "knew",
            Self::Partly => "partly",
            Self::NotYet => "not_yet",
        }
    }
}

/// Each question's latest mark, by slug.
pub type Marks = BTreeMap<String, Mark>;

/// How many questions carry each mark: (knew, partly, not yet), counting only `slugs`, so a
/// stale mark for a question that no longer exists is not counted.
pub fn tally(marks: &Marks, slugs: &[impl AsRef<str>]) -> (usize, usize, usize) {
    let mut counts = (0, 0, 0);
    for mark in slugs.iter().filter_map(|s| marks.get(s.as_ref())) {
        match mark {
            Mark::Knew => counts.0 += 1,
            Mark::Partly => counts.1 += 1,
            Mark::NotYet => counts.2 += 1,
        }
    }
    counts
}

/// The card to show after `from`: the next unmarked one (wrapping round), else the next
/// weak one, else none (everything is known).
pub fn next_card(marks: &Marks, slugs: &[impl AsRef<str>], from: usize) -> Option<usize> {
    let n = slugs.len();
    let order = (1..=n).map(|step| (from + step) % n);
    let mark = |i: usize| marks.get(slugs[i].as_ref());
    let unmarked = order.clone().find(|&i| mark(i).is_none());
    unmarked.or_else(|| {
        order
            .into_iter()
            .find(|&i| mark(i).is_some_and(|m| m.weak()))
    })
}

/// Where a fresh visit starts: the first unmarked card, else the first weak one.
pub fn first_card(marks: &Marks, slugs: &[impl AsRef<str>]) -> Option<usize> {
    if slugs.is_empty() {
        return None;
    }
    // `next_card` looks from the card after `from`, so start "before" the first one.
    next_card(marks, slugs, slugs.len() - 1)
}

/// The questions to review, in deck order: those marked partly or not yet, by position.
pub fn review(marks: &Marks, slugs: &[impl AsRef<str>]) -> Vec<(usize, Mark)> {
    slugs
        .iter()
        .enumerate()
        .filter_map(|(i, s)| marks.get(s.as_ref()).filter(|m| m.weak()).map(|m| (i, *m)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DECK: [&str; 4] = ["a", "b", "c", "d"];

    fn marks(pairs: &[(&str, Mark)]) -> Marks {
        pairs.iter().map(|(s, m)| (s.to_string(), *m)).collect()
    }

    #[test]
    fn unmarked_cards_come_first_then_the_weak_ones() {
        let m = marks(&[("a", Mark::Knew), ("b", Mark::Partly)]);
        assert_eq!(first_card(&m, &DECK), Some(2));
        assert_eq!(next_card(&m, &DECK, 2), Some(3));
        let m = marks(&[
            ("a", Mark::Knew),
            ("b", Mark::Partly),
            ("c", Mark::Knew),
            ("d", Mark::NotYet),
        ]);
        assert_eq!(next_card(&m, &DECK, 1), Some(3));
        assert_eq!(next_card(&m, &DECK, 3), Some(1));
        let all_known = marks(&[
            ("a", Mark::Knew),
            ("b", Mark::Knew),
            ("c", Mark::Knew),
            ("d", Mark::Knew),
        ]);
        assert_eq!(next_card(&all_known, &DECK, 0), None);
        assert_eq!(first_card(&Marks::new(), &DECK), Some(0));
        assert_eq!(first_card(&Marks::new(), &[] as &[&str]), None);
    }

    #[test]
    fn the_tally_and_the_review_list_ignore_stale_marks() {
        let m = marks(&[
            ("a", Mark::Knew),
            ("c", Mark::NotYet),
            ("gone", Mark::Partly),
        ]);
        assert_eq!(tally(&m, &DECK), (1, 0, 1));
        assert_eq!(review(&m, &DECK), vec![(2, Mark::NotYet)]);
    }

    #[test]
    fn marks_are_stored_as_readable_json() {
        let m = marks(&[("a", Mark::NotYet)]);
        assert_eq!(serde_json::to_string(&m).unwrap(), r#"{"a":"not_yet"}"#);
        let back: Marks = serde_json::from_str(r#"{"a":"knew","b":"partly"}"#).unwrap();
        assert_eq!(back.get("b"), Some(&Mark::Partly));
    }
}
