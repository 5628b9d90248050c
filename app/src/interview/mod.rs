//! Interview mode: the questions, their answers in every language, and the walkthroughs
//! that prove each answer on a lab page. The texts are read by the server-rendered pages
//! ([`catalog`], which no island reaches, so none of it is linked into the wasm); an island
//! gets just what it shows, as props.

pub mod catalog;
pub mod guide;
pub mod words;

use serde::{Deserialize, Serialize};

/// The query parameter that turns a lab page into a guided walkthrough (`/session?guide=…`).
pub const GUIDE_PARAM: &str = "guide";

/// One walkthrough step, as the guide panel shows and watches it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideStep {
    /// What the learner does, in the page's language.
    pub act: String,
    /// Where the evidence appears and what it proves.
    pub look: String,
    /// The pane to highlight (a CSS selector).
    pub focus: String,
    /// The evidence: the step is done when more elements match this CSS selector than
    /// when the step began (the panes draw them from the server's answers).
    pub done: String,
}

/// One card of the self-quiz.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizCard {
    pub slug: String,
    pub title: String,
    pub answer: String,
    /// The question's page, in the quiz's language.
    pub href: String,
}
