//! The wasm entry point. The generated JS calls `hydrate()` once the module loads, then
//! brings each island of the server's HTML to life.

// The islands live in `app`; linking it is what puts their entry points in this module.
extern crate app;

use wasm_bindgen::prelude::wasm_bindgen;

/// Sets up the reactive runtime for islands: there is no app root to hydrate.
#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
