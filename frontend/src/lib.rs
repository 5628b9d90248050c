//! The wasm entry point. The generated JS calls `hydrate()` once the module loads.

use wasm_bindgen::prelude::wasm_bindgen;

/// Attaches the Leptos app to the server-rendered `<body>`.
#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
