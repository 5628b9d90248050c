//! A box that lets the learner play the attacker: why the attack is possible, and the one
//! button that runs it against the real server (through the relay, `data-relay-action`).

use leptos::prelude::*;

#[component]
pub fn AttackerBox(
    /// Whether the box is offered at all (there is something to steal).
    when: bool,
    /// Whether the button waits for the relay (it needs a script).
    disabled: bool,
    /// Why an attacker would hold this credential.
    why: &'static str,
    /// The button's accessible name (part of the test contract in end2end/README.md).
    button: &'static str,
    /// The relay's name for the attack (`data-relay-action`).
    action: &'static str,
) -> impl IntoView {
    when.then(|| {
        view! {
            <div class="attacker">
                <p>{why}</p>
                <button type="button" class="button button--danger" disabled=disabled
                    data-relay-action=action id=format!("attack-{action}")>
                    {button}
                </button>
            </div>
        }
    })
}
