//! `/interview/myths`: the study notes' half-truths, each with where it holds, where it
//! breaks, and the walkthrough that shows the line.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::{RichText, SiteLink},
    i18n::{td, td_string},
    interview::catalog::{self, Topic},
    lang,
};

#[component]
pub fn MythsPage() -> impl IntoView {
    let locale = lang::current();
    view! {
        <Title text=td_string!(locale, interview.myths.title)/>
        <nav class="breadcrumb" aria-label=td_string!(locale, interview.question.all)>
            <SiteLink to="/interview">{td!(locale, interview.title)}</SiteLink>
        </nav>
        <header class="page-head">
            <h1>{td!(locale, interview.myths.title)}</h1>
            <p class="lead">{td!(locale, interview.myths.lede)}</p>
        </header>
        <div class="myths">
            {catalog::of_topic(Topic::Myths).map(|q| {
                let text = catalog::text(q, locale);
                let id = format!("myth-{}", q.slug);
                let labelled_by = id.clone();
                view! {
                    <article class="card myth" aria-labelledby=labelled_by data-testid="myth">
                        <h2 id=id><RichText text=text.title.clone()/></h2>
                        <p class="answer"><RichText text=text.answer.clone()/></p>
                        <div class="button-row">
                            <a class="button" href=catalog::guide_href(locale, q) data-testid="run-live">
                                {td!(locale, interview.question.run_live)}
                            </a>
                            <a href=catalog::href(locale, &q.slug)>{td!(locale, interview.myths.more)}</a>
                        </div>
                    </article>
                }
            }).collect_view()}
        </div>
    }
    .into_any()
}
