//! The hydration marker: `<body data-hydrated="true">` once the wasm has run.

use leptos::prelude::*;

/// Placed last in `<body>`: islands hydrate in document order, so when this one runs every
/// island above it is live. Effects never run during server rendering, so the attribute is
/// absent from the HTML and tests can wait for it.
#[island]
pub fn HydrationMark() -> impl IntoView {
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            // Setting a plain attribute on <body> cannot fail in a real browser.
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
