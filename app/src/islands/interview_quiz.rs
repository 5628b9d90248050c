//! The self-quiz: one question at a time, the learner's own answer, the model answer on
//! request, and a mark that is kept in localStorage so progress survives a reload.

use leptos::{either::Either, html, prelude::*};

use crate::{
    client,
    components::{RichText, ServerErased},
    i18n::{td, td_string, Locale},
    interview::QuizCard,
    model::quiz::{self, Mark, Marks},
};

fn mark_name(locale: Locale, mark: Mark) -> &'static str {
    match mark {
        Mark::Knew => td_string!(locale, interview.quiz.knew),
        Mark::Partly => td_string!(locale, interview.quiz.partly),
        Mark::NotYet => td_string!(locale, interview.quiz.not_yet),
    }
}

#[island]
pub fn InterviewQuiz(locale: Locale, cards: Vec<QuizCard>) -> impl IntoView {
    provide_context(locale);
    let total = cards.len();
    let cards = StoredValue::new(cards);
    // The deck's slugs, in order: what the quiz rules and the stored marks go by.
    let slugs = StoredValue::new(
        cards.with_value(|c| c.iter().map(|c| c.slug.clone()).collect::<Vec<_>>()),
    );
    let marks = RwSignal::new(Marks::new());
    // The server renders the first card; the browser then reads the stored marks and
    // moves to where the learner left off.
    let current = RwSignal::new(Some(0usize));
    let revealed = RwSignal::new(false);
    let heading = NodeRef::<html::H2>::new();
    let textarea = NodeRef::<html::Textarea>::new();
    Effect::new(move |_| {
        let stored: Marks = client::local_json(quiz::STORAGE_KEY).unwrap_or_default();
        current.set(slugs.with_value(|s| quiz::first_card(&stored, s)));
        marks.set(stored);
    });

    let go_to = move |index: Option<usize>| {
        revealed.set(false);
        current.set(index);
        if let Some(t) = textarea.get_untracked() {
            t.set_value("");
        }
        // Keyboard users land on the new question, and screen readers read it. The card is
        // drawn again after this handler returns, so focus waits for the next frame.
        request_animation_frame(move || {
            if let Some(h) = heading.get_untracked() {
                let _ = h.focus();
            }
        });
    };
    let next = move || {
        let from = current.get_untracked().unwrap_or(total.saturating_sub(1));
        slugs.with_value(|s| marks.with_untracked(|m| quiz::next_card(m, s, from)))
    };
    let mark = move |m: Mark| {
        let Some(i) = current.get_untracked() else {
            return;
        };
        let slug = cards.with_value(|c| c[i].slug.clone());
        marks.update(|all| {
            all.insert(slug, m);
        });
        marks.with_untracked(|all| client::keep_local_json(quiz::STORAGE_KEY, all));
        go_to(next());
    };
    let tally = move || slugs.with_value(|s| marks.with(|m| quiz::tally(m, s)));
    let review = move || slugs.with_value(|s| marks.with(|m| quiz::review(m, s)));

    let card = move || match current.get() {
        Some(i) => {
            let QuizCard {
                slug,
                title,
                answer,
                href,
            } = cards.with_value(|c| c[i].clone());
            let last = marks.with(|m| m.get(&slug).copied());
            Either::Left(view! {
                <section class="card quiz__card" aria-labelledby="quiz-question" data-testid="quiz-card" data-slug=slug>
                    <p class="eyebrow">{td_string!(locale, interview.quiz.card, n = i + 1, total = total).to_string()}</p>
                    <h2 id="quiz-question" tabindex="-1" node_ref=heading><RichText text=title/></h2>
                    {last.map(|m| view! {
                        <p class="hint" data-testid="quiz-last-mark">
                            {td_string!(locale, interview.quiz.marked, mark = mark_name(locale, m)).to_string()}
                        </p>
                    })}
                    <label for="quiz-answer">{td!(locale, interview.quiz.your_answer)}</label>
                    <textarea id="quiz-answer" rows="4" node_ref=textarea></textarea>
                    <div class="button-row">
                        <button type="button" class="button" aria-expanded=move || revealed.get().to_string()
                            aria-controls="quiz-model" on:click=move |_| revealed.set(true)>
                            {td!(locale, interview.quiz.reveal)}
                        </button>
                        <button type="button" class="button button--quiet" on:click=move |_| go_to(next())>
                            {td!(locale, interview.quiz.skip)}
                        </button>
                    </div>
                    <div id="quiz-model" class="quiz__model" hidden=move || !revealed.get()>
                        <h3>{td!(locale, interview.quiz.model)}</h3>
                        <p data-testid="quiz-model-answer"><RichText text=answer/></p>
                        <p><a href=href>{td!(locale, interview.quiz.open_page)}</a></p>
                        <div class="button-row" role="group" aria-label=td_string!(locale, interview.quiz.model)>
                            {Mark::ALL.into_iter().map(|m| view! {
                                <button type="button" class=format!("button button--mark button--{}", m.key())
                                    data-mark=m.key() on:click=move |_| mark(m)>
                                    {mark_name(locale, m)}
                                </button>
                            }).collect_view()}
                        </div>
                    </div>
                </section>
            }.server_erased())
        }
        None => Either::Right(
            view! {
                <section class="card quiz__card" data-testid="quiz-card">
                    <h2 tabindex="-1" node_ref=heading>{td!(locale, interview.quiz.all_done)}</h2>
                </section>
            }
            .server_erased(),
        ),
    };

    view! {
        <div class="quiz">
            <p class="quiz__progress" aria-live="polite" data-testid="quiz-progress">
                {move || {
                    let (knew, partly, not_yet) = tally();
                    td_string!(locale, interview.quiz.progress,
                        done = knew + partly + not_yet, total = total, knew = knew, partly = partly, not_yet = not_yet)
                    .to_string()
                }}
            </p>
            {card}
            <section class="card quiz__review" aria-labelledby="quiz-review-title">
                <h2 id="quiz-review-title">{td!(locale, interview.quiz.review)}</h2>
                {move || {
                    let weak = review();
                    if weak.is_empty() {
                        Either::Left(view! { <p class="hint">{td!(locale, interview.quiz.review_empty)}</p> }.server_erased())
                    } else {
                        Either::Right(view! {
                            <ul class="quiz__review-list" data-testid="quiz-review">
                                {weak.into_iter().map(|(i, m)| {
                                    let title = cards.with_value(|c| c[i].title.clone());
                                    view! {
                                        <li>
                                            <button type="button" class="link-button" on:click=move |_| go_to(Some(i))><RichText text=title/></button>
                                            " " <span class=format!("badge badge--{}", m.key())>{mark_name(locale, m)}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.server_erased())
                    }
                }}
                <button type="button" class="button button--quiet" on:click=move |_| {
                    marks.set(Marks::new());
                    client::keep_local_json(quiz::STORAGE_KEY, &Marks::new());
                    go_to(Some(0));
                }>{td!(locale, interview.quiz.reset)}</button>
            </section>
        </div>
    }
    .server_erased()
}
