//! A refresh-token family as the server's store holds it: each link's hint and state.

use leptos::prelude::*;

use crate::{
    api::RefreshFamilyRow,
    i18n::{td, td_string},
    lang,
};

/// One family's links, oldest first, each with its state.
#[component]
pub fn RefreshChain(row: RefreshFamilyRow) -> impl IntoView {
    let locale = lang::current();
    let revoked = row.revoked_by.as_deref().map(|by| match by {
        "reuse" => td_string!(locale, lab.refresh.revoked_by_reuse),
        _ => td_string!(locale, lab.refresh.revoked_by_logout),
    });
    view! {
        <div class="refresh-chain" data-testid="refresh-chain">
            <h3>{td!(locale, lab.refresh.chain_title)} " " <code>{row.family_hint.clone()}</code></h3>
            {revoked.map(|text| view! { <p class="refresh-chain__revoked" data-testid="family-revoked">{text}</p> })}
            <ol>
                {row.links.iter().enumerate().map(|(i, link)| {
                    let state = match link.state.as_str() {
                        "active" => td_string!(locale, lab.refresh.active),
                        "used" => td_string!(locale, lab.refresh.used),
                        _ => td_string!(locale, lab.refresh.revoked),
                    };
                    view! {
                        <li class=format!("refresh-link refresh-link--{}", link.state) data-state=link.state.clone()>
                            {td_string!(locale, lab.refresh.link, n = i + 1).to_string()} " "
                            <code>{link.hint.clone()}</code> " " <strong>{state}</strong>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </div>
    }
}
