//! The load-balancer configuration of each preset, rendered by the server only.

use leptos::prelude::*;

use super::preset_name;
use crate::{
    i18n::td,
    lang,
    model::{balancer_config, cluster::Preset},
};

#[component]
pub fn BalancerConfigs() -> impl IntoView {
    let locale = lang::current();
    let presets = Preset::ALL.map(|preset| {
        view! {
            <details class="config" data-testid=format!("config-{}", preset.key())>
                <summary>{preset_name(locale, preset)}</summary>
                <h3>{td!(locale, cluster.configs.haproxy)}</h3>
                <pre><code>{balancer_config::haproxy(preset)}</code></pre>
                <h3>{td!(locale, cluster.configs.nginx)}</h3>
                {(preset == Preset::Sticky).then(|| view! { <p class="note">{td!(locale, cluster.configs.nginx_sticky)}</p> })}
                <pre><code>{balancer_config::nginx(preset)}</code></pre>
            </details>
        }
    });
    view! {
        <section class="flow" aria-labelledby="cluster-configs">
            <h2 id="cluster-configs">{td!(locale, cluster.configs.title)}</h2>
            <p>{td!(locale, cluster.configs.intro, <code> = <code/>)}</p>
            {presets}
        </section>
    }
}
