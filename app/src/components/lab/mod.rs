//! The lab's panes and controls, shared by the session, token and compare pages.

mod attacker_box;
#[cfg(feature = "ssr")]
mod bench_figures;
mod compare_column;
mod compare_controls;
mod comparison_table;
mod cookie_jar_pane;
mod demo_accounts;
mod expiry_panel;
#[cfg(feature = "ssr")]
mod lab_board;
mod lab_workbench;
mod last_request_diagram;
mod local_storage_pane;
mod login_form;
mod outcome_banner;
#[cfg(feature = "ssr")]
mod page_session_card;
mod refresh_chain;
mod refresh_panel;
mod request_inspector;
mod sequence_diagram;
mod server_store_pane;
#[cfg(feature = "ssr")]
mod session_actions;
mod state_panes;
mod token_actions;
mod zones_picture;

#[cfg(feature = "ssr")]
pub use bench_figures::BenchFigures;
pub use compare_column::CompareColumn;
pub use compare_controls::CompareControls;
pub use comparison_table::ComparisonTable;
pub use expiry_panel::ExpiryPanel;
#[cfg(feature = "ssr")]
pub use lab_board::{LabBoard, BOARD_ID};
pub use lab_workbench::LabWorkbench;
pub use last_request_diagram::LastRequestDiagram;
pub use login_form::LoginForm;
pub use outcome_banner::OutcomeBanner;
#[cfg(feature = "ssr")]
pub use page_session_card::PageSessionCard;
pub use refresh_panel::RefreshPanel;
// The security board names a tampered token's steps the same way.
#[cfg(feature = "ssr")]
pub(crate) use request_inspector::step_name;
pub use request_inspector::RequestInspector;
#[cfg(feature = "ssr")]
pub use session_actions::SessionActions;
pub use state_panes::StatePanes;
pub use token_actions::TokenActions;

#[cfg(feature = "ssr")]
use leptos::prelude::*;

/// A value the server attached to the request it is rendering, through the request's
/// extensions (the server's page middlewares put them there).
#[cfg(feature = "ssr")]
pub(crate) fn request_extension<T: Clone + Send + Sync + 'static>() -> Option<T> {
    use_context::<http::request::Parts>().and_then(|parts| parts.extensions.get::<T>().cloned())
}

/// What the server found for this visitor's session cookie as it rendered `/session`
/// (pages render on the server only; the island gets it as a prop).
#[cfg(feature = "ssr")]
pub(crate) fn page_session() -> Option<crate::api::PageSession> {
    request_extension::<crate::api::PageSession>()
}

/// The words a countdown drawn for the relay ticks with in the browser
/// (`present::countdown_words`); none in an island, which ticks its own.
pub(crate) fn countdown_words(locale: crate::i18n::Locale) -> Option<String> {
    relayed().then(|| crate::model::present::countdown_words(locale))
}

/// Whether a component is being drawn by the server for the relay (see `LabBoard`), rather
/// than in an island.
pub(crate) fn relayed() -> bool {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<lab_board::Relayed>().is_some()
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}
