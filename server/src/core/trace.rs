//! Collects the steps the server takes for one request, in order.

pub use app::api::{Outcome, StepKind, TraceStep};

#[derive(Debug, Default, Clone)]
pub struct Trace {
    steps: Vec<TraceStep>,
}

impl Trace {
    pub fn push(&mut self, step: StepKind, outcome: Outcome, detail: impl Into<String>) {
        self.steps.push(TraceStep {
            step,
            outcome,
            detail: detail.into(),
            hint: None,
        });
    }

    /// Tags the latest step with the ID hint it concerns.
    pub fn about(&mut self, hint: String) {
        if let Some(last) = self.steps.last_mut() {
            last.hint = Some(hint);
        }
    }

    pub fn ok(&mut self, step: StepKind, detail: impl Into<String>) {
        self.push(step, Outcome::Ok, detail);
    }

    pub fn failed(&mut self, step: StepKind, detail: impl Into<String>) {
        self.push(step, Outcome::Failed, detail);
    }

    pub fn info(&mut self, step: StepKind, detail: impl Into<String>) {
        self.push(step, Outcome::Info, detail);
    }

    pub fn steps(&self) -> &[TraceStep] {
        &self.steps
    }

    pub fn into_steps(self) -> Vec<TraceStep> {
        self.steps
    }
}
