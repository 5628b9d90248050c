//! Live countdowns to each lifetime the server reported.

use leptos::prelude::*;

use crate::model::{present, Lab, Mode};

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
                    Some(t) => format!("{} ({})", present::countdown(t, lab.now.get()), lab.clock_time(t)),
                }}
            </dd>
        </div>
    }
    .into_any()
}

#[component]
pub fn ExpiryPanel(lab: Lab, mode: Mode) -> impl IntoView {
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
                        <Show when=move || lab.token_leeway.get().is_some_and(|l| l > 0)>
                            <Countdown lab
                                label=format!("Server refuses it from (exp + {} s clock leeway)", lab.token_leeway.get_untracked().unwrap_or(0))
                                target=refused testid="token-refused"/>
                        </Show>
                        <Show when=move || copy_exp.get().is_some()>
                            <Countdown lab label="The copied token's exp (logout did not change it)" target=copy_exp testid="copy-exp"/>
                        </Show>
                    }.into_any(),
                }}
            </dl>
        </section>
    }
    .into_any()
}
