//! The `/cluster` page's pieces: the set-up controls, one column per node, the Redis box,
//! the request buttons, the request log, the findings table (all inside the island) and
//! the load-balancer configurations (server-rendered only).

#[cfg(feature = "ssr")]
mod balancer_configs;
mod call_log;
mod cluster_actions;
mod cluster_controls;
mod cluster_results;
mod cluster_totals;
mod node_column;
mod redis_box;

#[cfg(feature = "ssr")]
pub use balancer_configs::BalancerConfigs;
pub use call_log::CallLog;
pub use cluster_actions::ClusterActions;
pub use cluster_controls::ClusterControls;
pub use cluster_results::ClusterResults;
pub use cluster_totals::ClusterTotals;
pub use node_column::NodeColumn;
pub use redis_box::RedisBox;

use crate::{
    api::cluster::{ClusterStore, Routing},
    i18n::{td_string, Locale},
    model::{cluster::Preset, Mode},
};

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
