//! `/interview/sheet`: every 30-second answer on one page, laid out for paper by the print
//! styles (style/main.scss), which leave out the site's header, links and footer.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::RichText,
    i18n::{td, td_string, Locale},
    interview::{
        catalog::{self, Topic},
        words::topic_name,
    },
    lang,
};

#[component]
pub fn SheetPage() -> impl IntoView {
    let locale = lang::current();
    let other = match locale {
        Locale::en => Locale::ko,
        Locale::ko => Locale::en,
    };
    view! {
        <Title text=td_string!(locale, interview.sheet.title)/>
        <header class="page-head sheet-head">
            <h1>{td!(locale, interview.sheet.title)}</h1>
            <p class="lead no-print">{td!(locale, interview.sheet.lede)}</p>
            <p class="no-print">
                <a href=lang::href(other, "/interview/sheet") hreflang=lang::tag(other)>
                    {td!(locale, interview.sheet.other_language)}
                </a>
            </p>
        </header>
        <div class="sheet">
            {Topic::ALL.into_iter().map(|topic| view! {
                <section class="sheet__topic">
                    <h2>{topic_name(locale, topic)}</h2>
                    {catalog::of_topic(topic).map(|q| {
                        let text = catalog::text(q, locale);
                        view! {
                            <article class="sheet__item" data-testid="sheet-item">
                                <h3><RichText text=text.title.clone()/></h3>
                                <p><RichText text=text.answer.clone()/></p>
                            </article>
                        }
                    }).collect_view()}
                </section>
            }).collect_view()}
        </div>
    }
    .into_any()
}
