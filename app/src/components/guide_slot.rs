//! Where a lab page shows the guide panel: only when the address asks for a walkthrough
//! (`?guide=<slug>`) that runs on this very page.

use leptos::prelude::*;

use crate::{
    interview::{catalog, GUIDE_PARAM},
    islands::GuidePanel,
    lang,
};

/// The walkthrough the request asks for, if it belongs to the page being rendered.
fn requested() -> Option<&'static catalog::Question> {
    #[cfg(feature = "ssr")]
    {
        let parts = use_context::<http::request::Parts>()?;
        let slug = parts
            .uri
            .query()?
            .split('&')
            .find_map(|pair| pair.strip_prefix(GUIDE_PARAM)?.strip_prefix('='))?;
        catalog::find(slug).filter(|q| q.page == parts.uri.path())
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = GUIDE_PARAM;
        None
    }
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
