//! One component per routed page.

mod cluster_page;
mod compare_page;
mod home_page;
mod interview_index_page;
mod interview_route;
mod myths_page;
mod not_found_page;
mod question_page;
mod quiz_page;
mod security_page;
mod session_page;
mod sheet_page;
mod token_page;

pub use cluster_page::ClusterPage;
pub use compare_page::ComparePage;
pub use home_page::HomePage;
pub use interview_index_page::InterviewIndexPage;
pub use interview_route::InterviewRoute;
pub use myths_page::MythsPage;
pub use not_found_page::NotFoundPage;
pub use question_page::QuestionPage;
pub use quiz_page::QuizPage;
pub use security_page::SecurityPage;
pub use session_page::SessionPage;
pub use sheet_page::SheetPage;
pub use token_page::TokenPage;
