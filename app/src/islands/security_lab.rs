//! The `/security` workbench: the two sites, the victim's login, the XSS and CSRF runs,
//! and the attacker's pane.

use leptos::prelude::*;

use crate::{
    components::security::{CsrfRun, LootPane, SitesCard, VictimLogin, XssRun},
    lang::Locale,
    model::security_lab::SecurityLab,
};

#[island]
pub fn SecurityLab(locale: Locale) -> impl IntoView {
    provide_context(locale);
    let lab = SecurityLab::new();
    lab.start_in_browser();
    view! {
        <div class="security-lab">
            <SitesCard lab/>
            <VictimLogin lab/>
            <div class="security-lab__runs">
                <XssRun lab/>
                <CsrfRun lab/>
            </div>
            <LootPane lab/>
        </div>
    }
}
