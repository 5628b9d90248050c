//! Where a lab page shows the guide panel: only when the address asks for a walkthrough
//! (`?guide=<slug>`) that runs on this very page.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

use crate::{
    interview::{catalog, GUIDE_PARAM},
    islands::GuidePanel,
    lang,
};

/// The walkthrough the address asks for, if it belongs to the page being rendered. The
/// server removed any language prefix before routing, so the path is the page's own.
fn requested() -> Option<&'static catalog::Question> {
    let slug = use_query_map().with_untracked(|query| query.get(GUIDE_PARAM))?;
    let path = use_location().pathname.get_untracked();
    catalog::find(&slug).filter(|q| q.page == path)
}

#[component]
pub fn GuideSlot() -> impl IntoView {
    let locale = lang::current();
    requested().map(|question| {
        view! {
            <GuidePanel
                locale
                title=catalog::text(question, locale).title.clone()
                question_href=catalog::href(locale, &question.slug)
                close_href=lang::href(locale, &question.page)
                steps=catalog::guide_steps(question, locale)
            />
        }
        .into_any()
    })
}
