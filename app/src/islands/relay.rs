//! The relay: the whole browser side of a lab whose board the server draws. It sends the
//! real requests each step asks for (the browser attaches the cookie, the page adds the
//! stored token) and reports their answers back; it never decides anything itself.

use leptos::prelude::*;

/// `endpoint` takes each step; `board` is the id of the element each step's HTML replaces;
/// `state` is the lab's state as the server rendered it (JSON, handed back unread);
/// `token_key` is the localStorage key of the lab's token.
#[island]
pub fn Relay(endpoint: String, board: String, state: String, token_key: String) -> impl IntoView {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        crate::relay::start(crate::relay::Config {
            endpoint: endpoint.clone(),
            board: board.clone(),
            state: state.clone(),
            token_key: token_key.clone(),
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (&endpoint, &board, &state, &token_key);
    });
}
