//! The interview catalog on the server: `app/interview/registry.json` (what each question
//! is, where its evidence lives, how a test drives it) and one text per language
//! (`app/locales/<lang>/interview/<slug>.json`). build.rs has checked that every question
//! has every text; both are embedded, parsed once, and never shipped to the browser.

use std::sync::LazyLock;

use serde::Deserialize;

use super::{GuideStep, QuizCard};
use crate::lang::{self, Locale};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/interview.rs"));
}

/// The practice pages' names, reserved in `/interview/<slug>` (see pages/interview_route.rs).
pub const PRACTICE_PAGES: [&str; 3] = ["myths", "quiz", "sheet"];

/// A question's language-independent half.
#[derive(Debug, Deserialize)]
pub struct Question {
    /// Where it stands in the registry, which is also where its texts are kept.
    #[serde(skip)]
    index: usize,
    pub slug: String,
    pub topic: Topic,
    /// The lab page its walkthrough runs on.
    pub page: String,
    pub sources: Vec<Source>,
    pub steps: Vec<StepSpec>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Topic {
    Http,
    Jwt,
    Scale,
    Security,
    Myths,
}

impl Question {
    /// Its place in the registry's order (and in [`questions`]).
    pub fn index(&self) -> usize {
        self.index
    }
}

impl Topic {
    pub const ALL: [Topic; 5] = [
        Self::Http,
        Self::Jwt,
        Self::Scale,
        Self::Security,
        Self::Myths,
    ];

    /// The fixed name used in element ids and test hooks.
    pub fn key(self) -> &'static str {
        match self {
            Self::Http => "http",
            Self::Jwt => "jwt",
            Self::Scale => "scale",
            Self::Security => "security",
            Self::Myths => "myths",
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct Source {
    pub name: String,
    pub url: String,
}

/// The selectors of one step; what the test does (`act`) is read by Playwright only.
#[derive(Debug, Deserialize)]
pub struct StepSpec {
    pub focus: String,
    pub done: String,
}

/// A question's text in one language.
#[derive(Debug, Deserialize)]
pub struct Text {
    pub title: String,
    pub answer: String,
    pub followups: Vec<FollowUp>,
    pub steps: Vec<StepText>,
}

#[derive(Debug, Deserialize)]
pub struct FollowUp {
    pub q: String,
    pub a: String,
}

#[derive(Debug, Deserialize)]
pub struct StepText {
    #[serde(rename = "do")]
    pub act: String,
    pub look: String,
}

struct Catalog {
    questions: Vec<Question>,
    /// Per question (in registry order), its text in each locale, in `LOCALES` order.
    texts: Vec<[Text; 2]>,
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    // build.rs parsed and checked these very files, so a failure here is a build bug.
    let mut questions: Vec<Question> =
        serde_json::from_str(embedded::REGISTRY).expect("interview registry checked by build.rs");
    for (index, question) in questions.iter_mut().enumerate() {
        question.index = index;
    }
    let texts = questions
        .iter()
        .map(|q| {
            let (_, files) = embedded::TEXTS
                .iter()
                .find(|(slug, _)| *slug == q.slug)
                .expect("every question has its texts (build.rs)");
            files
                .map(|file| serde_json::from_str(file).expect("interview text checked by build.rs"))
        })
        .collect();
    Catalog { questions, texts }
});

/// Every question and myth, in the registry's order.
pub fn questions() -> &'static [Question] {
    &CATALOG.questions
}

pub fn find(slug: &str) -> Option<&'static Question> {
    questions().iter().find(|q| q.slug == slug)
}

/// The question's text in `locale`.
pub fn text(question: &Question, locale: Locale) -> &'static Text {
    &CATALOG.texts[question.index][locale_index(locale)]
}

fn locale_index(locale: Locale) -> usize {
    match locale {
        Locale::en => 0,
        Locale::ko => 1,
    }
}

/// The questions of one topic, in order.
pub fn of_topic(topic: Topic) -> impl Iterator<Item = &'static Question> {
    questions().iter().filter(move |q| q.topic == topic)
}

/// The address of a question's page in `locale`.
pub fn href(locale: Locale, slug: &str) -> String {
    lang::href(locale, &format!("/interview/{slug}"))
}

/// The lab page in guided mode for this question.
pub fn guide_href(locale: Locale, question: &Question) -> String {
    format!(
        "{}?{}={}",
        lang::href(locale, &question.page),
        super::GUIDE_PARAM,
        question.slug
    )
}

/// What the guide panel needs: each step's words in `locale` with its selectors.
pub fn guide_steps(question: &Question, locale: Locale) -> Vec<GuideStep> {
    question
        .steps
        .iter()
        .zip(&text(question, locale).steps)
        .map(|(spec, words)| GuideStep {
            act: words.act.clone(),
            look: words.look.clone(),
            focus: spec.focus.clone(),
            done: spec.done.clone(),
        })
        .collect()
}

/// The self-quiz's deck: every question (myths included) with its model answer.
pub fn quiz_cards(locale: Locale) -> Vec<QuizCard> {
    questions()
        .iter()
        .map(|q| {
            let t = text(q, locale);
            QuizCard {
                slug: q.slug.clone(),
                title: t.title.clone(),
                answer: t.answer.clone(),
                href: href(locale, &q.slug),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalog_parses_and_every_step_has_words_in_both_languages() {
        assert!(questions().len() >= 29, "25 questions and 4 myths");
        for q in questions() {
            for locale in [Locale::en, Locale::ko] {
                assert_eq!(guide_steps(q, locale).len(), q.steps.len(), "{}", q.slug);
            }
            assert_ne!(
                text(q, Locale::en).answer,
                text(q, Locale::ko).answer,
                "{}",
                q.slug
            );
        }
        assert!(of_topic(Topic::Myths).count() >= 4);
        let not_myths = questions()
            .iter()
            .filter(|q| q.topic != Topic::Myths)
            .count();
        assert!(not_myths >= 25);
    }

    #[test]
    fn every_walkthrough_runs_on_a_page_with_islands() {
        for q in questions() {
            assert!(crate::island_page(&q.page).is_some(), "{}", q.slug);
        }
    }

    #[test]
    fn links_keep_the_language() {
        let q = find("http-stateless").expect("a known question");
        assert_eq!(href(Locale::ko, &q.slug), "/ko/interview/http-stateless");
        assert_eq!(guide_href(Locale::en, q), "/session?guide=http-stateless");
        assert_eq!(
            guide_href(Locale::ko, q),
            "/ko/session?guide=http-stateless"
        );
        assert!(find("nothing-here").is_none());
    }

    #[test]
    fn no_question_takes_a_practice_page_name() {
        for q in questions() {
            assert!(!PRACTICE_PAGES.contains(&q.slug.as_str()), "{}", q.slug);
        }
    }
}
