//! `/interview/<slug>`: one question (or half-truth) with its 30-second answer, the
//! follow-ups, the walkthrough that proves it on a lab page, and the sources.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::{RichText, SiteLink},
    i18n::{td, td_string},
    interview::{
        catalog::{self, Question, Topic},
        guide::plain,
        words::{page_name, topic_name},
    },
    lang,
};

#[component]
pub fn QuestionPage(question: &'static Question) -> impl IntoView {
    let locale = lang::current();
    let text = catalog::text(question, locale);
    let myth = question.topic == Topic::Myths;
    let all = catalog::questions();
    let index = question.index();
    let neighbour = |q: Option<&'static Question>, label: &'static str, rel: &'static str| {
        q.map(|q| {
            view! {
                <a href=catalog::href(locale, &q.slug) rel=rel>
                    <span class="pager__label">{label}</span>
                    <span><RichText text=catalog::text(q, locale).title.clone()/></span>
                </a>
            }
        })
    };
    let previous = index.checked_sub(1).and_then(|i| all.get(i));
    let next = all.get(index + 1);
    let page = page_name(locale, &question.page);

    view! {
        <Title text=plain(&text.title)/>
        <nav class="breadcrumb" aria-label=td_string!(locale, interview.question.all)>
            <SiteLink to="/interview">{td!(locale, interview.title)}</SiteLink>
            " › " {topic_name(locale, question.topic)}
        </nav>
        <header class="page-head">
            <h1 data-testid="question-title"><RichText text=text.title.clone()/></h1>
        </header>
        <div class="question">
            <section class="card question__answer" aria-labelledby="answer-title">
                <h2 id="answer-title">
                    {if myth { td_string!(locale, interview.question.verdict) } else { td_string!(locale, interview.question.answer) }}
                </h2>
                <p class="answer" data-testid="answer"><RichText text=text.answer.clone()/></p>
            </section>
            <section class="card" aria-labelledby="followups-title">
                <h2 id="followups-title">{td!(locale, interview.question.followups)}</h2>
                <dl class="followups">
                    {text.followups.iter().map(|f| view! {
                        <dt><RichText text=f.q.clone()/></dt>
                        <dd><RichText text=f.a.clone()/></dd>
                    }).collect_view()}
                </dl>
            </section>
            <section class="card evidence" aria-labelledby="evidence-title">
                <h2 id="evidence-title">{td!(locale, interview.question.evidence)}</h2>
                <p>{td_string!(locale, interview.question.evidence_intro, page = page).to_string()}</p>
                <ol class="evidence__steps">
                    {text.steps.iter().map(|s| view! {
                        <li>
                            <p><RichText text=s.act.clone()/></p>
                            <p class="hint"><RichText text=s.look.clone()/></p>
                        </li>
                    }).collect_view()}
                </ol>
                <a class="button" href=catalog::guide_href(locale, question) data-testid="run-live">
                    {td!(locale, interview.question.run_live)}
                </a>
            </section>
            <section class="card" aria-labelledby="sources-title">
                <h2 id="sources-title">{td!(locale, interview.question.sources)}</h2>
                <ul class="sources">
                    {question.sources.iter().map(|s| view! {
                        <li><a href=s.url.clone() rel="noopener noreferrer">{s.name.clone()}</a></li>
                    }).collect_view()}
                </ul>
            </section>
        </div>
        <nav class="pager" aria-label=td_string!(locale, interview.question.all)>
            {neighbour(previous, td_string!(locale, interview.question.previous), "prev")}
            {neighbour(next, td_string!(locale, interview.question.next), "next")}
        </nav>
    }
    .into_any()
}
