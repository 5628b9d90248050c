//! The guide's pure rules: which step is current, and what moves it. The browser part
//! (watching the page for evidence) is in `crate::dom_watch`.

/// Where a walkthrough stands: `current == total` means every step has shown its evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub current: usize,
    pub total: usize,
}

impl Progress {
    pub fn new(total: usize) -> Self {
        Self { current: 0, total }
    }

    pub fn finished(self) -> bool {
        self.current >= self.total
    }

    /// The evidence of the current step appeared (or the learner says they saw it).
    pub fn advanced(self) -> Self {
        Self {
            current: (self.current + 1).min(self.total),
            ..self
        }
    }

    /// Back one step, to run it again.
    pub fn back(self) -> Self {
        Self {
            current: self.current.saturating_sub(1),
            ..self
        }
    }
}

/// The text without its code marks, for places that take no markup (`<title>`).
pub fn plain(text: &str) -> String {
    code_spans(text)
        .into_iter()
        .map(|(_, piece)| piece)
        .collect()
}

/// Splits a text at its backticks: odd pieces are code (`Set-Cookie`), even ones prose.
/// An unpaired backtick stays as it is, so a typo cannot swallow the rest of a sentence.
pub fn code_spans(text: &str) -> Vec<(bool, &str)> {
    if !text.matches('`').count().is_multiple_of(2) {
        return vec![(false, text)];
    }
    text.split('`')
        .enumerate()
        .filter(|(_, piece)| !piece.is_empty())
        .map(|(i, piece)| (i % 2 == 1, piece))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walkthrough_moves_one_step_at_a_time_and_stops_at_the_end() {
        let p = Progress::new(2);
        assert_eq!(p.advanced().current, 1);
        assert!(p.advanced().advanced().finished());
        assert_eq!(p.advanced().advanced().advanced().current, 2);
        assert_eq!(p.back().current, 0);
        assert_eq!(p.advanced().back().current, 0);
    }

    #[test]
    fn backticks_mark_code() {
        assert_eq!(
            code_spans("send `Cookie` then `Authorization`."),
            vec![
                (false, "send "),
                (true, "Cookie"),
                (false, " then "),
                (true, "Authorization"),
                (false, ".")
            ]
        );
        assert_eq!(code_spans("a ` stray"), vec![(false, "a ` stray")]);
        assert_eq!(code_spans("`all`"), vec![(true, "all")]);
        assert_eq!(plain("`HttpOnly` and `Secure`?"), "HttpOnly and Secure?");
    }
}
