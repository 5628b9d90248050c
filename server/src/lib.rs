//! Auth Lab's server: the axum router that serves the Leptos pages and the `/api` backend.
//! `main.rs` only parses flags, sets up logging and runs [`app`]; tests call [`app`] directly.

pub mod api;
pub mod auth;
pub mod config;
pub mod core;
pub mod error;
pub mod pages;
pub mod security_headers;
pub mod store;
pub mod trace_log;

use app::{shell, App};
use auth::Auth;
use axum::{extract::FromRef, middleware, Router};
use leptos::config::LeptosOptions;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::trace::TraceLayer;

/// Everything the handlers share. Handlers take the parts they need through `FromRef`.
#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub auth: Auth,
}

impl FromRef<AppState> for Auth {
    fn from_ref(state: &AppState) -> Self {
        state.auth.clone()
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// Builds the whole application: `/api/*` first, then the Leptos routes, then static files
/// with the app's own 404 page as the last resort.
pub fn app(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();

    let page_routes = Router::new()
        .leptos_routes(&state, routes, move || shell(options.clone()))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            pages::attach_page_session,
        ));
    let router = Router::new()
        .nest("/api", api::router(&state))
        .merge(pages::router())
        .merge(page_routes)
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell));
    security_headers::apply(router)
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
