//! Live countdowns to each lifetime the server reported.

use leptos::prelude::*;

use crate::{
    client,
    lab::{present, Lab, Mode},
};

#[component]
fn Countdown(
    lab: Lab,
    #[prop(into)] label: String,
    target: Signal<Option<i64>>,
    #[prop(into)] testid: String,
) -> impl IntoView {
    view! {
        <div class="countdown" class:countdown--over=move || target.get().is_some_and(|t| lab.now.get() >= t)>
            <dt>{label}</dt>
            <dd data-testid=testid>
                {move || match target.get() {
                    None => "not logged in".to_owned(),
                    Some(t) => format!("{} ({})", present::countdown(t, lab.now.get()), client::local_time(t)),
                }}
            </dd>
        </div>
    }
}

#[component]
pub fn ExpiryPanel(lab: Lab, mode: Mode) -> impl IntoView {
    let idle = Signal::derive(move || lab.session_times.get().map(|t| t.idle_expires_at));
    let absolute = Signal::derive(move || lab.session_times.get().map(|t| t.absolute_expires_at));
    let exp = Signal::derive(move || lab.token.get().and(lab.token_exp.get()));
    view! {
        <section class="card expiry" aria-labelledby=format!("{}-expiry-title", mode.label())>
            <h2 id=format!("{}-expiry-title", mode.label())>"Lifetimes"</h2>
            <dl>
                {match mode {
                    Mode::Session => view! {
                        <Countdown lab label="Idle expiry (slides on each request)" target=idle testid="idle-expiry"/>
                        <Countdown lab label="Absolute expiry (never extended)" target=absolute testid="absolute-expiry"/>
                    }.into_any(),
                    Mode::Token => view! {
                        <Countdown lab label="Token exp (fixed at signing)" target=exp testid="token-exp"/>
                    }.into_any(),
                }}
            </dl>
        </section>
    }
}
