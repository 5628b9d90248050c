//! The `/session` workbench: login form, page-load card, actions, panes and inspector.

use leptos::prelude::*;

use crate::{
    api::PageSession,
    components::lab::{LabWorkbench, PageSessionCard, SessionActions},
    lang::Locale,
    model::{start_in_browser, Lab, Mode},
};

/// `page` is what the server found for the cookie as it rendered; `form_error` and
/// `logged_out` are what the no-JS forms redirected back with.
#[island]
pub fn SessionLab(
    locale: Locale,
    page: Option<PageSession>,
    form_error: Option<String>,
    logged_out: bool,
) -> impl IntoView {
    provide_context(locale);
    let lab = Lab::from_page(page.as_ref());
    start_in_browser(lab, Mode::Session);
    view! {
        <LabWorkbench lab mode=Mode::Session>
            <PageSessionCard lab view=page form_error logged_out/>
            <SessionActions lab/>
        </LabWorkbench>
    }
}
