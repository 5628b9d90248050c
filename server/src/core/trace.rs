//! Collects the steps the server takes for one request, in order.

pub use app::api::{Outcome, StepKind, TraceStep};

/// The text of a step: a string, or a closure that builds one only if the trace is
/// recording, so a server without inspection formats nothing and hashes no hints.
pub trait Detail {
    fn into_detail(self) -> String;
}

impl Detail for &str {
    fn into_detail(self) -> String {
        self.to_owned()
    }
}

impl Detail for String {
    fn into_detail(self) -> String {
        self
    }
}

impl<F: FnOnce() -> String> Detail for F {
    fn into_detail(self) -> String {
        self()
    }
}

#[derive(Debug, Clone)]
pub struct Trace {
    steps: Vec<TraceStep>,
    recording: bool,
}

impl Default for Trace {
    fn default() -> Self {
        Self::recording(true)
    }
}

impl Trace {
    /// A trace that keeps its steps only when `on`: servers started with `--no-inspect`
    /// have no one to show them to.
    pub fn recording(on: bool) -> Self {
        Self {
            steps: Vec::new(),
            recording: on,
        }
    }

    pub fn push(&mut self, step: StepKind, outcome: Outcome, detail: impl Detail) {
        if self.recording {
            self.steps.push(TraceStep {
                step,
                outcome,
                detail: detail.into_detail(),
                hint: None,
            });
        }
    }

    /// Tags the latest step with the ID hint it concerns.
    pub fn about(&mut self, hint: impl Detail) {
        if let Some(last) = self.steps.last_mut() {
            last.hint = Some(hint.into_detail());
        }
    }

    pub fn ok(&mut self, step: StepKind, detail: impl Detail) {
        self.push(step, Outcome::Ok, detail);
    }

    pub fn failed(&mut self, step: StepKind, detail: impl Detail) {
        self.push(step, Outcome::Failed, detail);
    }

    pub fn info(&mut self, step: StepKind, detail: impl Detail) {
        self.push(step, Outcome::Info, detail);
    }

    pub fn steps(&self) -> &[TraceStep] {
        &self.steps
    }

    pub fn into_steps(self) -> Vec<TraceStep> {
        self.steps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_silent_trace_never_builds_its_details() {
        let mut trace = Trace::recording(false);
        trace.ok(StepKind::StoreLookup, || {
            unreachable!("formatted while silent")
        });
        trace.about(|| unreachable!("hinted while silent"));
        assert!(trace.steps().is_empty());
    }

    #[test]
    fn a_recording_trace_keeps_text_closures_and_hints_in_order() {
        let mut trace = Trace::default();
        trace.info(StepKind::RequestReceived, "plain");
        trace.ok(StepKind::StoreLookup, || format!("built {}", 1));
        trace.about(|| "abcd1234".to_owned());
        let steps = trace.into_steps();
        assert_eq!(steps.len(), 2);
        assert_eq!(steps[0].detail, "plain");
        assert_eq!(steps[0].hint, None);
        assert_eq!(steps[1].detail, "built 1");
        assert_eq!(steps[1].outcome, Outcome::Ok);
        assert_eq!(steps[1].hint.as_deref(), Some("abcd1234"));
    }
}
