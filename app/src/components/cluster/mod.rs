//! The `/cluster` page's pieces, all rendered by the server: the lab board (set-up
//! controls, one column per node, the Redis box, the request buttons, the request log, the
//! findings table), drawn again after every step of an action, and the load-balancer
//! configurations. The browser's only part is the relay island that sends what a step asks.
//! Each board component ends in `.into_any()`: they never reach the wasm, and a release
//! build otherwise runs out of rustc's query depth laying out the board's nested view type.

mod balancer_configs;
mod call_log;
mod cluster_actions;
mod cluster_board;
mod cluster_controls;
mod cluster_results;
mod cluster_totals;
mod node_column;
mod redis_box;

pub use balancer_configs::BalancerConfigs;
use call_log::CallLog;
use cluster_actions::ClusterActions;
pub use cluster_board::{render_board, ClusterBoard, BOARD_ID};
use cluster_controls::ClusterControls;
use cluster_results::ClusterResults;
use cluster_totals::ClusterTotals;
use node_column::NodeColumn;
use redis_box::RedisBox;

use crate::{
    api::cluster::{ClusterStore, ClusterView, Routing},
    i18n::{td_string, Locale},
    model::{cluster::Preset, cluster_relay::LabState, Mode},
};

/// Everything one drawing of the board shows.
#[derive(Debug, Clone)]
pub struct Board {
    /// The cluster as the server read it for this drawing.
    pub view: ClusterView,
    pub state: LabState,
    /// Whether the controls take clicks: not before the relay runs, nor while an action
    /// still has requests to send.
    pub ready: bool,
    /// Whether the browser holds the cluster's token.
    pub has_token: bool,
}

/// A preset's name in the reader's language.
pub(crate) fn preset_name(locale: Locale, preset: Preset) -> &'static str {
    match preset {
        Preset::RoundRobinLocal => td_string!(locale, cluster.preset.round_robin_local),
        Preset::Sticky => td_string!(locale, cluster.preset.sticky),
        Preset::Clustering => td_string!(locale, cluster.preset.clustering),
        Preset::CentralRedis => td_string!(locale, cluster.preset.central_redis),
        Preset::Jwt => td_string!(locale, cluster.preset.jwt),
    }
}

pub fn routing_name(locale: Locale, routing: Routing) -> &'static str {
    match routing {
        Routing::RoundRobin => td_string!(locale, cluster.controls.round_robin),
        Routing::Sticky => td_string!(locale, cluster.controls.sticky),
    }
}

pub fn store_name(locale: Locale, store: ClusterStore) -> &'static str {
    match store {
        ClusterStore::Local => td_string!(locale, cluster.controls.local),
        ClusterStore::Replicated => td_string!(locale, cluster.controls.replicated),
        ClusterStore::Redis => td_string!(locale, cluster.controls.redis),
    }
}

pub fn mode_name(locale: Locale, mode: Mode) -> &'static str {
    match mode {
        Mode::Session => td_string!(locale, cluster.controls.session),
        Mode::Token => td_string!(locale, cluster.controls.token),
    }
}
