//! The `<head>` tags that start a page's islands: preloads for the page's bundle and a
//! module script that hydrates each island as soon as the bundle is ready.

use leptos::prelude::*;

use crate::bundles::{self, BundleFiles};

/// What Leptos' `HydrationScripts` does in islands mode, minus its wait for the browser to
/// be idle: `make release` timed that wait at 30 to 80 ms of every lab page's time to
/// interactive. The preloads start both downloads while the HTML is still parsing.
#[component]
pub fn IslandScripts(
    options: LeptosOptions,
    /// The page bundle that holds this page's islands.
    bundle: &'static str,
) -> impl IntoView {
    // Islands are hydrated one by one; outside them the server renders no hydration markers.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let BundleFiles { js, wasm } = bundles::for_page(&options, bundle);
    let nonce = leptos::nonce::use_nonce();
    let boot = format!("{}({js:?}, {wasm:?});", boot_code());
    view! {
        <link rel="modulepreload" href=js.clone() crossorigin=""/>
        <link rel="preload" href=wasm r#as="fetch" r#type="application/wasm" crossorigin=""/>
        <script type="module" nonce=nonce>{boot}</script>
    }
}

/// `island_boot.js` without its comments, which are for this repository, not for every
/// page. The file is compiled in, so this is worked out once per process.
fn boot_code() -> &'static str {
    static CODE: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        let code: String = include_str!("island_boot.js")
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .map(|line| format!("{line}\n"))
            .collect();
        code.trim_end().to_owned()
    });
    &CODE
}
