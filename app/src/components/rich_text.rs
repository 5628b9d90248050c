//! A sentence of the interview catalog, with its `backticked` names set as code.

use leptos::prelude::*;

use crate::interview::guide::code_spans;

#[component]
pub fn RichText(#[prop(into)] text: String) -> impl IntoView {
    code_spans(&text)
        .into_iter()
        .map(|(code, piece)| {
            let piece = piece.to_owned();
            if code {
                leptos::either::Either::Left(view! { <code>{piece}</code> })
            } else {
                leptos::either::Either::Right(piece)
            }
        })
        .collect_view()
}
