//! The only parts of the site that run in the browser. Everything else (page heads,
//! explanations, the benchmark figures, the layout) is rendered by the server alone and never
//! compiled into the wasm. Each island gets what the server knew when it rendered the page
//! as serialised props, so it starts from the same truth the HTML shows.

mod cluster_lab;
mod compare_lab;
mod guide_panel;
mod hydration_mark;
mod interview_quiz;
mod security_lab;
mod session_lab;
mod token_lab;

pub use cluster_lab::ClusterLab;
pub use compare_lab::CompareLab;
pub use guide_panel::GuidePanel;
pub use hydration_mark::HydrationMark;
pub use interview_quiz::InterviewQuiz;
pub use security_lab::SecurityLab;
pub use session_lab::SessionLab;
pub use token_lab::TokenLab;
