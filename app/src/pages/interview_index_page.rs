//! `/interview`: every question, grouped by topic, and the ways to practise.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::{RichText, SiteLink},
    i18n::{td, td_string},
    interview::{
        catalog::{self, Topic},
        words::{page_name, topic_name},
    },
    lang,
};

#[component]
pub fn InterviewIndexPage() -> impl IntoView {
    let locale = lang::current();
    let topic = move |topic: Topic| {
        let id = format!("topic-{}", topic.key());
        let (labelled_by, testid) = (id.clone(), id.clone());
        view! {
            <section class="card topic" aria-labelledby=labelled_by data-testid=testid>
                <h2 id=id>{topic_name(locale, topic)}</h2>
                <ol class="question-list">
                    {catalog::of_topic(topic).map(|q| {
                        let text = catalog::text(q, locale);
                        view! {
                            <li data-testid="question-link">
                                <a href=catalog::href(locale, &q.slug)><RichText text=text.title.clone()/></a>
                                <span class="hint question-list__where">
                                    {td_string!(locale, interview.runs_on, page = page_name(locale, &q.page)).to_string()}
                                </span>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </section>
        }
    };
    view! {
        <Title text=td_string!(locale, interview.title)/>
        <header class="page-head">
            <p class="eyebrow">{td!(locale, interview.eyebrow)}</p>
            <h1>{td!(locale, interview.title)}</h1>
            <p class="lead">{td!(locale, interview.lede)}</p>
        </header>
        <nav class="cards practice" aria-label=td_string!(locale, interview.tools.label)>
            <article class="card">
                <h2><SiteLink to="/interview/quiz">{td!(locale, interview.tools.quiz)}</SiteLink></h2>
                <p>{td!(locale, interview.tools.quiz_about)}</p>
            </article>
            <article class="card">
                <h2><SiteLink to="/interview/myths">{td!(locale, interview.tools.myths)}</SiteLink></h2>
                <p>{td!(locale, interview.tools.myths_about)}</p>
            </article>
            <article class="card">
                <h2><SiteLink to="/interview/sheet">{td!(locale, interview.tools.sheet)}</SiteLink></h2>
                <p>{td!(locale, interview.tools.sheet_about)}</p>
            </article>
        </nav>
        <div class="topics">
            {Topic::ALL.into_iter().map(topic).collect_view()}
        </div>
    }
    .into_any()
}
