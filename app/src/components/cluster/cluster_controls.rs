//! The cluster's set-up: five presets, and the three choices they stand for.

use std::sync::Arc;

use leptos::prelude::*;

use super::{mode_name, preset_name, routing_name, store_name, Board};
use crate::{
    api::cluster::{ClusterStore, ClusterUpdate, Routing},
    i18n::{td, td_string, Locale},
    lang,
    model::{
        cluster::{Preset, Setup},
        cluster_relay::Action,
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

/// One radio of a choice; picking it is an action of its own. Its id keeps the keyboard's
/// focus on it when the board is drawn again.
fn choice(
    name: &'static str,
    label: &'static str,
    checked: bool,
    action: Action,
    board: &Board,
) -> impl IntoView {
    let action = action.name();
    view! {
        <label class="check">
            <input type="radio" name=name id=action.replace(':', "-") checked=checked
                disabled=!board.ready data-relay-action=action/>
            " " {label}
        </label>
    }
}

#[component]
pub fn ClusterControls(board: Arc<Board>) -> impl IntoView {
    let locale = lang::current();
    let view_now = &board.view;
    let current = Preset::of(Setup {
        routing: view_now.routing,
        store: view_now.store,
        mode: board.state.mode,
    });
    let presets = Preset::ALL.map(|preset| {
        view! {
            <button type="button" class="chip" id=format!("preset-{}", preset.key())
                data-testid=format!("preset-{}", preset.key())
                aria-pressed=(current == Some(preset)).to_string()
                disabled=!board.ready
                data-relay-action=Action::Preset(preset).name()>{preset_name(locale, preset)}</button>
        }
    });
    let routing = [Routing::RoundRobin, Routing::Sticky].map(|routing| {
        let update = ClusterUpdate {
            routing: Some(routing),
            store: None,
        };
        choice(
            "cluster-routing",
            routing_name(locale, routing),
            view_now.routing == routing,
            Action::Configure(update),
            &board,
        )
    });
    let stores = [
        ClusterStore::Local,
        ClusterStore::Replicated,
        ClusterStore::Redis,
    ]
    .map(|store| {
        let update = ClusterUpdate {
            routing: None,
            store: Some(store),
        };
        choice(
            "cluster-store",
            store_name(locale, store),
            view_now.store == store,
            Action::Configure(update),
            &board,
        )
    });
    let modes = [Mode::Session, Mode::Token].map(|mode| {
        choice(
            "cluster-mode",
            mode_name(locale, mode),
            board.state.mode == mode,
            Action::Mode(mode),
            &board,
        )
    });
    view! {
        <section class="card cluster-controls" aria-labelledby="cluster-setup">
            <h2 id="cluster-setup">{td!(locale, cluster.controls.title)}</h2>
            <div class="chip-row" role="group" aria-label=td_string!(locale, cluster.controls.presets)>{presets}</div>
            <p class="note" data-testid="preset-note">{current.map(|p| preset_note(locale, p))}</p>
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
    .into_any()
}
