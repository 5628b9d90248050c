//! The cluster's set-up: five presets, and the three choices they stand for.

use leptos::{prelude::*, task::spawn_local};

use super::{mode_name, preset_name, routing_name, store_name};
use crate::{
    api::cluster::{ClusterStore, ClusterUpdate, Routing},
    components::ServerErased,
    i18n::{td, td_string, Locale},
    lang,
    model::{
        cluster::Preset,
        cluster_lab::{run, ClusterAction, ClusterLab},
        Mode,
    },
};

fn preset_note(locale: Locale, preset: Preset) -> &'static str {
    match preset {
        Preset::RoundRobinLocal => td_string!(locale, cluster.preset_note.round_robin_local),
        Preset::Sticky => td_string!(locale, cluster.preset_note.sticky),
        Preset::Clustering => td_string!(locale, cluster.preset_note.clustering),
        Preset::CentralRedis => td_string!(locale, cluster.preset_note.central_redis),
        Preset::Jwt => td_string!(locale, cluster.preset_note.jwt),
    }
}

#[component]
pub fn ClusterControls(lab: ClusterLab) -> impl IntoView {
    let locale = lang::current();
    let idle = move || lab.busy.get() || !lab.hydrated.get();
    let current = Memo::new(move |_| {
        let (routing, store) = lab.view.with(|v| (v.routing, v.store));
        Preset::of(crate::model::cluster::Setup {
            routing,
            store,
            mode: lab.mode.get(),
        })
    });
    let act = move |action: ClusterAction| spawn_local(run(lab, action));
    let presets = Preset::ALL.map(|preset| {
        view! {
            <button type="button" class="chip" data-testid=format!("preset-{}", preset.key())
                aria-pressed=move || (current.get() == Some(preset)).to_string()
                disabled=idle
                on:click=move |_| act(ClusterAction::Preset(preset))>{preset_name(locale, preset)}</button>
        }
    });
    let routing = [Routing::RoundRobin, Routing::Sticky].map(|routing| {
        view! {
            <label class="check">
                <input type="radio" name="cluster-routing" disabled=idle
                    prop:checked=move || lab.view.with(|v| v.routing == routing)
                    on:change=move |_| act(ClusterAction::Configure(ClusterUpdate { routing: Some(routing), store: None }))/>
                " " {routing_name(locale, routing)}
            </label>
        }
    });
    let stores = [ClusterStore::Local, ClusterStore::Replicated, ClusterStore::Redis].map(|store| {
        view! {
            <label class="check">
                <input type="radio" name="cluster-store" disabled=idle
                    prop:checked=move || lab.view.with(|v| v.store == store)
                    on:change=move |_| act(ClusterAction::Configure(ClusterUpdate { routing: None, store: Some(store) }))/>
                " " {store_name(locale, store)}
            </label>
        }
    });
    let modes = [Mode::Session, Mode::Token].map(|mode| {
        view! {
            <label class="check">
                <input type="radio" name="cluster-mode" disabled=idle
                    prop:checked=move || lab.mode.get() == mode
                    on:change=move |_| act(ClusterAction::Mode(mode))/>
                " " {mode_name(locale, mode)}
            </label>
        }
    });
    view! {
        <section class="card cluster-controls" aria-labelledby="cluster-setup">
            <h2 id="cluster-setup">{td!(locale, cluster.controls.title)}</h2>
            <div class="chip-row" role="group" aria-label=td_string!(locale, cluster.controls.presets)>{presets}</div>
            <p class="note" data-testid="preset-note">
                {move || current.get().map(|p| preset_note(locale, p))}
            </p>
            <div class="cluster-controls__choices">
                <fieldset>
                    <legend>{td!(locale, cluster.controls.routing)}</legend>
                    {routing}
                </fieldset>
                <fieldset>
                    <legend>{td!(locale, cluster.controls.store)}</legend>
                    {stores}
                    <p class="note">{td!(locale, cluster.controls.store_note)}</p>
                </fieldset>
                <fieldset>
                    <legend>{td!(locale, cluster.controls.mode)}</legend>
                    {modes}
                </fieldset>
            </div>
        </section>
    }
    .server_erased()
}
