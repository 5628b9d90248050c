//! `/interview/<slug>`: a question's page, or one of the three practice pages whose names
//! no question may use (`catalog::PRACTICE_PAGES`).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{MythsPage, NotFoundPage, QuestionPage, QuizPage, SheetPage};
use crate::interview::catalog;

#[component]
pub fn InterviewRoute() -> impl IntoView {
    let slug = use_params_map().with_untracked(|p| p.get("slug").unwrap_or_default());
    match slug.as_str() {
        "myths" => MythsPage().into_any(),
        "quiz" => QuizPage().into_any(),
        "sheet" => SheetPage().into_any(),
        slug => match catalog::find(slug) {
            Some(question) => view! { <QuestionPage question/> }.into_any(),
            None => NotFoundPage().into_any(),
        },
    }
}
