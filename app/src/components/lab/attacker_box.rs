//! A box that lets the learner play the attacker: why the attack is possible, and the one
//! button that runs it against the real server.

use std::sync::Arc;

use leptos::prelude::*;

#[component]
pub fn AttackerBox(
    /// When the box is offered at all (there is something to steal).
    #[prop(into)]
    when: Signal<bool>,
    /// While a request is under way, the button waits.
    #[prop(into)]
    busy: Signal<bool>,
    /// Why an attacker would hold this credential.
    why: &'static str,
    /// The button's accessible name (part of the test contract in end2end/README.md).
    button: &'static str,
    /// The relay's name for the attack (`data-relay-action`).
    action: &'static str,
    run: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let run = Arc::new(run);
    // A memo, so the box is drawn again only when it appears or goes.
    let shown = Memo::new(move |_| when.get());
    view! {
        {move || shown.get().then(|| view! {
            <div class="attacker">
                <p>{why}</p>
                <button type="button" class="button button--danger" disabled=move || busy.get()
                    data-relay-action=action id=format!("attack-{action}")
                    on:click={
                        let run = run.clone();
                        move |_| run()
                    }>
                    {button}
                </button>
            </div>
        })}
    }
}
