//! The demo accounts, listed openly: this is a lab, not a real login.

use leptos::prelude::*;

#[component]
pub fn DemoAccounts() -> impl IntoView {
    view! {
        <p class="hint">
            "Demo accounts: " <code>"alice"</code> " / " <code>"wonderland"</code> " (admin), "
            <code>"bob"</code> " / " <code>"builder"</code> " (user)."
        </p>
    }
}
