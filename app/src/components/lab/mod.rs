//! The lab's panes and controls, shared by the session, token and compare pages, which
//! the server alone draws (the relay swaps them in): no bundle compiles them.

mod attacker_box;
mod bench_figures;
mod compare_board;
mod compare_column;
mod compare_controls;
mod comparison_table;
mod cookie_jar_pane;
mod demo_accounts;
mod expiry_panel;
mod lab_board;
mod lab_workbench;
mod last_request_diagram;
mod local_storage_pane;
mod login_form;
mod outcome_banner;
mod page_session_card;
mod refresh_chain;
mod refresh_panel;
mod request_inspector;
mod sequence_diagram;
mod server_store_pane;
mod session_actions;
mod state_panes;
mod token_actions;
mod zones_picture;

pub use bench_figures::BenchFigures;
pub use compare_board::CompareBoard;
pub use compare_column::CompareColumn;
pub use compare_controls::CompareControls;
pub use comparison_table::ComparisonTable;
pub use expiry_panel::ExpiryPanel;
pub use lab_board::{LabBoard, BOARD_ID};
pub use lab_workbench::LabWorkbench;
pub use last_request_diagram::LastRequestDiagram;
pub use login_form::LoginForm;
pub use outcome_banner::OutcomeBanner;
pub use page_session_card::PageSessionCard;
pub use refresh_panel::RefreshPanel;
// The security board names a tampered token's steps the same way.
pub(crate) use request_inspector::step_name;
pub use request_inspector::RequestInspector;
pub use session_actions::SessionActions;
pub use state_panes::StatePanes;
pub use token_actions::TokenActions;

use leptos::prelude::*;

/// A value the server attached to the request it is rendering, through the request's
/// extensions (the server's page middlewares put them there).
pub(crate) fn request_extension<T: Clone + Send + Sync + 'static>() -> Option<T> {
    use_context::<http::request::Parts>().and_then(|parts| parts.extensions.get::<T>().cloned())
}

/// What the server found for this visitor's session cookie as it rendered `/session`
/// (pages render on the server only).
pub(crate) fn page_session() -> Option<crate::api::PageSession> {
    request_extension::<crate::api::PageSession>()
}

/// The relay of a lab page whose board the server drew: its step endpoint
/// (`/api/lab/{page}/step`) and the state the board was drawn from.
pub(crate) fn lab_relay(
    locale: crate::i18n::Locale,
    page: &str,
    state: &impl serde::Serialize,
) -> impl IntoView {
    let endpoint = format!("/api/lab/{page}/step?lang={}", crate::lang::tag(locale));
    let state = serde_json::to_string(state).unwrap_or_default();
    view! {
        <crate::islands::Relay endpoint board=BOARD_ID.to_owned() state
            token_key=crate::client::TOKEN_KEY.to_owned()/>
    }
}

/// The words a countdown drawn for the relay tick with in the browser
/// (`present::countdown_words`).
pub(crate) fn countdown_words(locale: crate::i18n::Locale) -> Option<String> {
    relayed().then(|| crate::model::present::countdown_words(locale))
}

/// Whether a component is being drawn by the server for the relay (see `LabBoard`).
pub(crate) fn relayed() -> bool {
    use_context::<lab_board::Relayed>().is_some()
}
