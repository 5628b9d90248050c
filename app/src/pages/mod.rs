//! One component per routed page.

mod cluster_page;
mod compare_page;
mod home_page;
mod not_found_page;
mod security_page;
mod session_page;
mod token_page;

pub use cluster_page::ClusterPage;
pub use compare_page::ComparePage;
pub use home_page::HomePage;
pub use not_found_page::NotFoundPage;
pub use security_page::SecurityPage;
pub use session_page::SessionPage;
pub use token_page::TokenPage;
