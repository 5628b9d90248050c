//! The guided walkthrough on a lab page (`?guide=<slug>`): what to do now, where to look,
//! the pane to look at highlighted, and the next step once the server's answer has drawn
//! the evidence there. The learner can also move on or back by hand.

use std::{cell::RefCell, rc::Rc};

use leptos::{either::Either, prelude::*};

use crate::{
    components::{RichText, ServerErased},
    dom_watch::{self, Seen},
    i18n::{td, td_string},
    interview::{guide::Progress, GuideStep},
    lang::Locale,
};

#[island]
pub fn GuidePanel(
    locale: Locale,
    title: String,
    /// The question's page, for "back to the answer".
    question_href: String,
    /// This lab page without the guide.
    close_href: String,
    steps: Vec<GuideStep>,
) -> impl IntoView {
    provide_context(locale);
    let total = steps.len();
    let progress = RwSignal::new(Progress::new(total));
    let steps = StoredValue::new(steps);
    let step = move || steps.with_value(|s| s.get(progress.get().current).cloned());
    watch(progress, steps);

    view! {
        <aside class="guide" aria-labelledby="guide-title" data-testid="guide"
            data-step=move || progress.get().current.to_string()
            data-finished=move || progress.get().finished().to_string()>
            <p class="guide__eyebrow">{td!(locale, interview.guide.eyebrow)}</p>
            <h2 id="guide-title" class="guide__title"><a href=question_href.clone()><RichText text=title/></a></h2>
            <ol class="guide__dots" aria-hidden="true">
                {(0..total).map(|i| view! {
                    <li class:guide__dot--done=move || i < progress.get().current
                        class:guide__dot--now=move || i == progress.get().current></li>
                }).collect_view()}
            </ol>
            <div class="guide__body" aria-live="polite">
                {move || match step() {
                    Some(GuideStep { act, look, .. }) => Either::Left(view! {
                        <p class="guide__count">
                            {td_string!(locale, interview.guide.step_of, n = progress.get().current + 1, total = total).to_string()}
                        </p>
                        <p class="guide__do"><RichText text=act/></p>
                        <p class="guide__look"><strong>{td!(locale, interview.guide.look)}</strong> " " <RichText text=look/></p>
                        <p class="guide__wait">{td!(locale, interview.guide.waiting)}</p>
                    }.server_erased()),
                    None => Either::Right(view! {
                        <p class="guide__finished" data-testid="guide-finished">{td!(locale, interview.guide.finished)}</p>
                        <p><a class="button" href=question_href.clone()>{td!(locale, interview.guide.back_to_answer)}</a></p>
                    }.server_erased()),
                }}
            </div>
            <div class="guide__controls">
                <button type="button" class="button button--quiet"
                    disabled=move || progress.get().current == 0
                    on:click=move |_| progress.update(|p| *p = p.back())>
                    {td!(locale, interview.guide.previous)}
                </button>
                <button type="button" class="button button--quiet"
                    disabled=move || progress.get().finished()
                    on:click=move |_| progress.update(|p| *p = p.advanced())>
                    {td!(locale, interview.guide.saw_it)}
                </button>
                <a class="guide__close" href=close_href>{td!(locale, interview.guide.close)}</a>
            </div>
        </aside>
    }
    .server_erased()
}

/// In the browser: snapshot the step's evidence when it begins, highlight its pane, and
/// move on when new evidence appears in the page.
fn watch(progress: RwSignal<Progress>, steps: StoredValue<Vec<GuideStep>>) {
    let seen = Rc::new(RefCell::new(Seen::default()));
    let current = move |p: Progress| steps.with_value(|s| s.get(p.current).cloned());
    {
        let seen = Rc::clone(&seen);
        Effect::new(move |_| match current(progress.get()) {
            Some(step) => {
                *seen.borrow_mut() = Seen::now(&step.done);
                dom_watch::highlight(Some(&step.focus), true);
            }
            None => dom_watch::highlight(None, false),
        });
    }
    dom_watch::on_change(move || {
        let p = progress.get_untracked();
        let Some(step) = current(p) else {
            return;
        };
        if seen.borrow().something_new(&step.done) {
            progress.set(p.advanced());
        } else {
            // The pane may have been drawn again: keep the highlight on it.
            dom_watch::highlight(Some(&step.focus), false);
        }
    });
}
