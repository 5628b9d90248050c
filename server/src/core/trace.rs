//! Collects the steps the server takes for one request, in order, as typed values: the
//! texts a reader sees are written only when someone asks for the trace.

use std::fmt::Write as _;

pub use app::api::{Outcome, StepKind, TraceStep};

use super::hint::Hint;

/// One piece of a step's text, kept as the value it is. Joining the pieces of a step gives
/// its sentence; numbers and hints are written out only then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Str(&'static str),
    Int(i64),
    Hint(Hint),
    /// Text that exists only as a string (a user name, a message built elsewhere).
    Text(String),
}

impl From<&'static str> for Piece {
    fn from(text: &'static str) -> Self {
        Self::Str(text)
    }
}

impl From<String> for Piece {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<i64> for Piece {
    fn from(n: i64) -> Self {
        Self::Int(n)
    }
}

impl From<usize> for Piece {
    fn from(n: usize) -> Self {
        Self::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<Hint> for Piece {
    fn from(hint: Hint) -> Self {
        Self::Hint(hint)
    }
}

impl Piece {
    fn write_to(&self, out: &mut String) {
        match self {
            Self::Str(text) => out.push_str(text),
            Self::Int(n) => {
                let _ = write!(out, "{n}");
            }
            Self::Hint(hint) => {
                let _ = write!(out, "{hint}");
            }
            Self::Text(text) => out.push_str(text),
        }
    }
}

/// The text of a step: one piece, a tuple of pieces, or a closure that yields them only
/// if the trace is recording, so a server without inspection computes no hints at all.
pub trait Detail {
    fn put(self, pieces: &mut Vec<Piece>);
}

impl Detail for &'static str {
    fn put(self, pieces: &mut Vec<Piece>) {
        pieces.push(Piece::Str(self));
    }
}

impl Detail for String {
    fn put(self, pieces: &mut Vec<Piece>) {
        pieces.push(Piece::Text(self));
    }
}

impl Detail for Hint {
    fn put(self, pieces: &mut Vec<Piece>) {
        pieces.push(Piece::Hint(self));
    }
}

impl<F: FnOnce() -> D, D: Detail> Detail for F {
    fn put(self, pieces: &mut Vec<Piece>) {
        self().put(pieces);
    }
}

macro_rules! detail_tuple {
    ($($name:ident),+) => {
        impl<$($name: Into<Piece>),+> Detail for ($($name,)+) {
            #[allow(non_snake_case)]
            fn put(self, pieces: &mut Vec<Piece>) {
                let ($($name,)+) = self;
                $(pieces.push($name.into());)+
            }
        }
    };
}

detail_tuple!(A, B);
detail_tuple!(A, B, C);
detail_tuple!(A, B, C, D);
detail_tuple!(A, B, C, D, E);
detail_tuple!(A, B, C, D, E, G);
detail_tuple!(A, B, C, D, E, G, H);

/// One recorded step: its pieces are `pieces[start..end]` of the trace.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Step {
    kind: StepKind,
    outcome: Outcome,
    end: usize,
    hint: Option<Hint>,
}

/// Room for the longest common request (a token `/me` records seven steps); a rarer one
/// grows the buffers once.
const STEPS: usize = 8;
const PIECES: usize = 24;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trace {
    steps: Vec<Step>,
    pieces: Vec<Piece>,
    recording: bool,
}

impl Default for Trace {
    fn default() -> Self {
        Self::recording(true)
    }
}

impl Trace {
    /// A trace that keeps its steps only when `on`: servers started with `--no-inspect`
    /// have no one to show them to, and their traces allocate nothing.
    pub fn recording(on: bool) -> Self {
        if on {
            Self {
                steps: Vec::with_capacity(STEPS),
                pieces: Vec::with_capacity(PIECES),
                recording: true,
            }
        } else {
            Self {
                steps: Vec::new(),
                pieces: Vec::new(),
                recording: false,
            }
        }
    }

    pub fn push(&mut self, kind: StepKind, outcome: Outcome, detail: impl Detail) {
        if self.recording {
            detail.put(&mut self.pieces);
            self.steps.push(Step {
                kind,
                outcome,
                end: self.pieces.len(),
                hint: None,
            });
        }
    }

    /// Records a successful step about one ID. Its hint is computed once, and only when
    /// the trace is recording: it tags the step (so the page can tell which store row is
    /// its own) and is handed to `detail` for the step's text.
    pub fn ok_about<D: Detail>(
        &mut self,
        kind: StepKind,
        hint: impl FnOnce() -> Hint,
        detail: impl FnOnce(Hint) -> D,
    ) {
        if self.recording {
            let hint = hint();
            self.push(kind, Outcome::Ok, detail(hint));
            if let Some(last) = self.steps.last_mut() {
                last.hint = Some(hint);
            }
        }
    }

    pub fn ok(&mut self, kind: StepKind, detail: impl Detail) {
        self.push(kind, Outcome::Ok, detail);
    }

    pub fn failed(&mut self, kind: StepKind, detail: impl Detail) {
        self.push(kind, Outcome::Failed, detail);
    }

    pub fn info(&mut self, kind: StepKind, detail: impl Detail) {
        self.push(kind, Outcome::Info, detail);
    }

    /// The hint the latest step of this kind was tagged with, so a later step can name
    /// the same ID without hashing it again.
    pub fn hint_of(&self, kind: StepKind) -> Option<Hint> {
        self.steps
            .iter()
            .rev()
            .find(|step| step.kind == kind)
            .and_then(|step| step.hint)
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// The kinds of the recorded steps, in order, without writing any text.
    pub fn kinds(&self) -> impl Iterator<Item = StepKind> + '_ {
        self.steps.iter().map(|step| step.kind)
    }

    /// The steps as a reader sees them: every text written out now.
    pub fn to_steps(&self) -> Vec<TraceStep> {
        let mut start = 0;
        self.steps
            .iter()
            .map(|step| {
                let mut detail = String::new();
                for piece in &self.pieces[start..step.end] {
                    piece.write_to(&mut detail);
                }
                start = step.end;
                TraceStep {
                    step: step.kind,
                    outcome: step.outcome,
                    detail,
                    hint: step.hint.map(|hint| hint.to_string()),
                }
            })
            .collect()
    }
}

/// The first step of every trace: which credential headers arrived, by size only.
pub fn received(cookie_bytes: Option<usize>, authorization_bytes: Option<usize>) -> TraceStep {
    let mut detail = String::with_capacity(96);
    match cookie_bytes {
        Some(bytes) => {
            let _ = write!(
                detail,
                "Cookie header, {bytes} bytes (attached by the browser)"
            );
        }
        None => detail.push_str("no Cookie header"),
    }
    detail.push_str("; ");
    match authorization_bytes {
        Some(bytes) => {
            let _ = write!(detail, "Authorization header, {bytes} bytes");
        }
        None => detail.push_str("no Authorization header"),
    }
    TraceStep {
        step: StepKind::RequestReceived,
        outcome: Outcome::Info,
        detail,
        hint: None,
    }
}

/// The last step of every trace: the status line that went out (`200 OK`).
pub fn responded(status: u16, reason: &str) -> TraceStep {
    TraceStep {
        step: StepKind::Responded,
        outcome: if (200..300).contains(&status) {
            Outcome::Ok
        } else {
            Outcome::Failed
        },
        detail: if reason.is_empty() {
            status.to_string()
        } else {
            format!("{status} {reason}")
        },
        hint: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_silent_trace_never_builds_its_details() {
        let mut trace = Trace::recording(false);
        trace.ok(StepKind::StoreLookup, || -> &'static str {
            unreachable!("formatted while silent")
        });
        trace.ok_about(
            StepKind::CookieReceived,
            || unreachable!("hinted while silent"),
            |_| -> &'static str { unreachable!("formatted while silent") },
        );
        assert!(trace.is_empty());
        assert_eq!(
            trace.steps.capacity(),
            0,
            "a silent trace allocates nothing"
        );
    }

    #[test]
    fn a_recording_trace_keeps_typed_pieces_and_writes_them_on_read() {
        let hint = Hint::of("sid", "secret");
        let mut trace = Trace::default();
        trace.info(StepKind::RequestReceived, "plain");
        trace.ok_about(
            StepKind::StoreLookup,
            || hint,
            |about| {
                assert_eq!(about, hint, "the text gets the hint that tags the step");
                ("hit: ", String::from("alice"), " (", 42_i64, "s left)")
            },
        );
        trace.failed(StepKind::ExpChecked, || {
            ("jti ", hint, " of ", 7_usize, " bytes")
        });
        assert_eq!(
            trace.pieces[2],
            Piece::Text("alice".into()),
            "kept as values"
        );
        assert_eq!(
            trace.kinds().collect::<Vec<_>>(),
            [
                StepKind::RequestReceived,
                StepKind::StoreLookup,
                StepKind::ExpChecked
            ]
        );
        let steps = trace.to_steps();
        assert_eq!(steps[0].detail, "plain");
        assert_eq!(steps[0].hint, None);
        assert_eq!(steps[1].detail, "hit: alice (42s left)");
        assert_eq!(steps[1].outcome, Outcome::Ok);
        assert_eq!(steps[1].hint, Some(hint.to_string()));
        assert_eq!(steps[2].detail, format!("jti {hint} of 7 bytes"));
        assert_eq!(steps[2].outcome, Outcome::Failed);
    }

    #[test]
    fn the_first_and_last_steps_say_what_arrived_and_what_went_out() {
        assert_eq!(
            received(Some(41), None).detail,
            "Cookie header, 41 bytes (attached by the browser); no Authorization header"
        );
        assert_eq!(
            received(None, Some(300)).detail,
            "no Cookie header; Authorization header, 300 bytes"
        );
        let ok = responded(200, "OK");
        assert_eq!((ok.detail.as_str(), ok.outcome), ("200 OK", Outcome::Ok));
        let refused = responded(401, "Unauthorized");
        assert_eq!(refused.outcome, Outcome::Failed);
        assert_eq!(responded(599, "").detail, "599");
    }
}
