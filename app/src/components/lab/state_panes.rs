//! "Where state lives": the three zones side by side, stacked on narrow screens.

use leptos::prelude::*;

use super::{
    cookie_jar_pane::CookieJarPane, local_storage_pane::LocalStoragePane,
    server_store_pane::ServerStorePane, zones_picture::ZonesPicture,
};
use crate::{
    components::ServerErased,
    i18n::td,
    lang,
    model::{Lab, Mode},
};

#[component]
pub fn StatePanes(lab: Lab, mode: Mode) -> impl IntoView {
    let locale = lang::current();
    // A pulse on the zones after each request, keyed by the request count.
    let pulse = move || {
        if lab.requests.get().len() % 2 == 1 {
            "zones zones--pulse-a"
        } else {
            "zones zones--pulse-b"
        }
    };
    view! {
        <section class="where" aria-labelledby=format!("{}-where-title", mode.label())
            id=format!("{}-where", mode.label()) data-relay-region="">
            <h2 id=format!("{}-where-title", mode.label())>{td!(locale, lab.where_state_lives)}</h2>
            <ZonesPicture lab/>
            <div class=pulse>
                <CookieJarPane lab mode/>
                <LocalStoragePane lab mode/>
                <ServerStorePane lab mode/>
            </div>
        </section>
    }
    .server_erased()
}
