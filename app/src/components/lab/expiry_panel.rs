//! Live countdowns to each lifetime the server reported.

use leptos::{either::Either, prelude::*};

use crate::{
    components::ServerErased,
    i18n::{td, td_string},
    lang,
    model::{present, Lab, Mode},
};

#[component]
fn Countdown(
    lab: Lab,
    #[prop(into)] label: String,
    target: Signal<Option<i64>>,
    #[prop(into)] testid: String,
) -> impl IntoView {
    let locale = lang::current();
    // The words of each countdown step, for the relay to tick the countdown in the
    // browser (`{h}`, `{m}`, `{s}` stand for the numbers).
    let words = super::countdown_words(locale);
    let relayed = words.is_some();
    view! {
        <div class="countdown" class:countdown--over=move || target.get().is_some_and(|t| lab.now.get() >= t)
            data-countdown-to=move || target.get().filter(|_| relayed).map(|t| t.to_string())
            data-countdown-over=relayed.then_some("countdown--over")
            data-countdown-words=words>
            <dt>{label}</dt>
            <dd data-testid=testid>
                {move || match target.get() {
                    None => td_string!(locale, lab.expiry.not_logged_in).to_owned().into_any(),
                    Some(t) => view! {
                        <span data-countdown-text="">{present::countdown(locale, t, lab.now.get())}</span>
                        {format!(" ({})", lab.clock_time(t))}
                    }.into_any(),
                }}
            </dd>
        </div>
    }
    .server_erased()
}

#[component]
pub fn ExpiryPanel(lab: Lab, mode: Mode) -> impl IntoView {
    let locale = lang::current();
    let idle = Signal::derive(move || lab.session_times.get().map(|t| t.idle_expires_at));
    let absolute = Signal::derive(move || lab.session_times.get().map(|t| t.absolute_expires_at));
    let exp = Signal::derive(move || lab.token.get().and(lab.token_exp.get()));
    let refused = Signal::derive(move || Some(exp.get()? + lab.token_leeway.get()?));
    // After logout the browser's copy is gone, but the copy this page kept lives on.
    let copy_exp = Signal::derive(move || {
        if lab.token.get().is_some() {
            return None;
        }
        let copy = lab.kept_token.get()?;
        present::decode_jwt(&copy)?.claim_i64("exp")
    });
    // Whether each optional countdown is drawn at all.
    let leeway_shown = Memo::new(move |_| lab.token_leeway.get().is_some_and(|l| l > 0));
    let copy_shown = Memo::new(move |_| copy_exp.get().is_some());
    view! {
        <section class="card expiry" aria-labelledby=format!("{}-expiry-title", mode.label())
            id=format!("{}-expiry", mode.label()) data-relay-region="">
            <h2 id=format!("{}-expiry-title", mode.label())>{td!(locale, lab.expiry.title)}</h2>
            <dl>
                {match mode {
                    Mode::Session => Either::Left(view! {
                        <Countdown lab label=td_string!(locale, lab.expiry.idle) target=idle testid="idle-expiry"/>
                        <Countdown lab label=td_string!(locale, lab.expiry.absolute) target=absolute testid="absolute-expiry"/>
                    }.server_erased()),
                    Mode::Token => Either::Right(view! {
                        <Countdown lab label=td_string!(locale, lab.expiry.token_exp) target=exp testid="token-exp"/>
                        {move || leeway_shown.get().then(|| view! {
                            <Countdown lab
                                label=td_string!(locale, lab.expiry.refused_from, leeway = lab.token_leeway.get_untracked().unwrap_or(0))
                                target=refused testid="token-refused"/>
                        })}
                        {move || copy_shown.get().then(|| view! {
                            <Countdown lab label=td_string!(locale, lab.expiry.copy_exp) target=copy_exp testid="copy-exp"/>
                        })}
                    }.server_erased()),
                }}
            </dl>
        </section>
    }
    .server_erased()
}
