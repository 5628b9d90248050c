//! `/interview/quiz`: the self-quiz. The deck is rendered into the island's props; the
//! learner's marks live in their own localStorage.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::{RichText, SiteLink},
    i18n::{td, td_string},
    interview::catalog,
    islands::InterviewQuiz,
    lang,
};

#[component]
pub fn QuizPage() -> impl IntoView {
    let locale = lang::current();
    view! {
        <Title text=td_string!(locale, interview.quiz.title)/>
        <nav class="breadcrumb" aria-label=td_string!(locale, interview.question.all)>
            <SiteLink to="/interview">{td!(locale, interview.title)}</SiteLink>
        </nav>
        <header class="page-head">
            <h1>{td!(locale, interview.quiz.title)}</h1>
            <p class="lead">{td!(locale, interview.quiz.lede)}</p>
            <p class="note" data-testid="quiz-storage-note"><RichText text=td_string!(locale, interview.quiz.storage_note)/></p>
        </header>
        <InterviewQuiz locale cards=catalog::quiz_cards(locale)/>
    }
    .into_any()
}
