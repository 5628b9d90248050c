//! Auth Lab's server: the axum router that serves the Leptos pages and the `/api` backend.
//! `main.rs` only parses flags, sets up logging and runs [`app`]; tests call [`app`] directly.

pub mod api;
pub mod auth_state;
pub mod bench_report;
pub mod cache_policy;
pub mod cluster;
pub mod coalesce;
pub mod config;
pub mod core;
pub mod error;
pub mod forms;
pub mod hash_gate;
pub mod lang_switch;
pub mod page_data;
pub mod refresh_store;
pub mod security_headers;
pub mod security_lab;
pub mod store;
pub mod trace_log;

use app::{lang::PathLocale, shell, App};
use auth_state::Auth;
use axum::{extract::FromRef, middleware, Extension, Router};
use leptos::config::LeptosOptions;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::trace::TraceLayer;

/// Everything the handlers share. Handlers take the parts they need through `FromRef`.
/// axum clones the state for every request, so it is one `Arc`.
#[derive(Clone, Debug)]
pub struct AppState(std::sync::Arc<AppParts>);

#[derive(Debug, Clone)]
pub struct AppParts {
    pub leptos_options: LeptosOptions,
    pub auth: Auth,
    /// Where `make bench` writes its results; the Compare page shows the newest.
    pub bench_results: std::path::PathBuf,
    /// The multi-server lab's node processes and balancer; nothing runs until first use.
    pub cluster: cluster::Cluster,
    /// The refresh lab's thief and the copies of refresh cookies it holds.
    pub thief: api::refresh_thief::Pocket,
    /// The security lab: where the attacker listens, and what it collected.
    pub security: security_lab::SecurityLab,
}

/// The results folder when none is configured, relative to the project root.
pub const DEFAULT_BENCH_RESULTS: &str = "end2end/bench/results";

impl AppState {
    pub fn new(leptos_options: LeptosOptions, auth: Auth) -> Self {
        Self(std::sync::Arc::new(AppParts {
            leptos_options,
            auth,
            bench_results: DEFAULT_BENCH_RESULTS.into(),
            cluster: cluster::Cluster::new(cluster::ClusterConfig::default()),
            thief: api::refresh_thief::Pocket::default(),
            security: security_lab::SecurityLab::default(),
        }))
    }

    /// Runs the cluster lab with `config` instead of the defaults (start-up only).
    pub fn with_cluster(mut self, config: cluster::ClusterConfig) -> Self {
        std::sync::Arc::make_mut(&mut self.0).cluster = cluster::Cluster::new(config);
        self
    }

    /// Names the lab's and the attacker's ports (start-up only); `None` turns the
    /// attacker's site off.
    pub fn with_attacker(mut self, lab_port: u16, attacker_port: Option<u16>) -> Self {
        let security = &mut std::sync::Arc::make_mut(&mut self.0).security;
        security.lab_port = lab_port;
        security.attacker_port = attacker_port;
        self
    }

    /// Reads benchmark results from `dir` instead (start-up only).
    pub fn with_bench_results(mut self, dir: impl Into<std::path::PathBuf>) -> Self {
        std::sync::Arc::make_mut(&mut self.0).bench_results = dir.into();
        self
    }
}

impl std::ops::Deref for AppState {
    type Target = AppParts;

    fn deref(&self) -> &AppParts {
        &self.0
    }
}

impl FromRef<AppState> for Auth {
    fn from_ref(state: &AppState) -> Self {
        state.auth.clone()
    }
}

impl FromRef<AppState> for cluster::Cluster {
    fn from_ref(state: &AppState) -> Self {
        state.cluster.clone()
    }
}

impl FromRef<AppState> for security_lab::SecurityLab {
    fn from_ref(state: &AppState) -> Self {
        state.security.clone()
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
            page_data::attach_page_session,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            bench_report::attach,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            page_data::attach_cluster_view,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            page_data::attach_attacker_site,
        ));
    // Everything but the API, which sets its own `no-store`: the cache policy runs only
    // here, so the API's hot path does not pay for it (make bench measured 1.7 µs for the
    // two whole-router middlewares this replaces).
    let site = Router::new()
        .merge(forms::router())
        .merge(page_routes)
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn(cache_policy::apply));
    // The same site again under /ko: nesting strips the prefix, so every page, form and
    // middleware sees its usual path, and the extension tells the page its language.
    let korean = site
        .clone()
        .layer(Extension(PathLocale(app::lang::Locale::ko)));
    let router = Router::new()
        .nest("/api", api::router(&state))
        .merge(cluster::gateway::router())
        .merge(lang_switch::router())
        .nest(app::lang::prefix(app::lang::Locale::ko), korean)
        .merge(site);
    // The vulnerable page sets its own framing and CSP headers: they are its lesson.
    security_headers::apply(router)
        .merge(security_lab::targets::page_router())
        // Inside the trace span, which names the method and path of a failed request.
        .layer(middleware::map_response(error::log_failures))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
