//! The `/security` workbench: the two sites, the victim's login, the XSS and CSRF runs,
//! the attacker's pane, token tampering and session fixation.

use leptos::prelude::*;

use crate::{
    components::security::{
        CsrfRun, FindingsTable, FixationRun, LootPane, SitesCard, TamperRun, VictimLogin,
        WeakKeyRun, XssRun,
    },
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
            <div class="security-lab__runs">
                <TamperRun lab/>
                <FixationRun lab/>
            </div>
            <WeakKeyRun lab/>
            <FindingsTable lab/>
        </div>
    }
}
