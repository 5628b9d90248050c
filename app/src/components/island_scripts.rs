//! The `<head>` tags that start a page's islands: preloads for the bundle and a module
//! script that hydrates each island as soon as the bundle is ready.

use leptos::prelude::*;

/// What Leptos' `HydrationScripts` does in islands mode, minus its wait for the browser to
/// be idle: `make release` timed that wait at 30 to 80 ms of every lab page's time to
/// interactive. The preloads start both downloads while the HTML is still parsing.
#[component]
pub fn IslandScripts(options: LeptosOptions) -> impl IntoView {
    // Islands are hydrated one by one; outside them the server renders no hydration markers.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let (js, wasm) = bundle_paths(&options);
    let nonce = leptos::nonce::use_nonce();
    // The script's comments are for this repository, not for every page.
    let code: String = include_str!("island_boot.js")
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .map(|line| format!("{line}\n"))
        .collect();
    let boot = format!("{}({js:?}, {wasm:?});", code.trim_end());
    view! {
        <link rel="modulepreload" href=js.clone() crossorigin=""/>
        <link rel="preload" href=wasm r#as="fetch" r#type="application/wasm" crossorigin=""/>
        <script type="module" nonce=nonce>{boot}</script>
    }
}

/// `/pkg/auth-lab.<hash>.js` and `.wasm` when cargo-leptos hashed the names (the hashes are
/// in `hash.txt` beside the server binary), else `/pkg/auth-lab.js` and `.wasm`. Read once:
/// a new build means a new server process.
fn bundle_paths(options: &LeptosOptions) -> (String, String) {
    use std::sync::OnceLock;
    static PATHS: OnceLock<(String, String)> = OnceLock::new();
    PATHS
        .get_or_init(|| {
            let hashes = options
                .hash_files
                .then(|| {
                    let exe = std::env::current_exe().ok()?;
                    std::fs::read_to_string(exe.parent()?.join(options.hash_file.as_ref())).ok()
                })
                .flatten()
                .unwrap_or_default();
            let named = |ext: &str| {
                let hash = hashes.lines().find_map(|line| {
                    let (file, hash) = line.split_once(':')?;
                    (file.trim() == ext).then(|| hash.trim().to_owned())
                });
                let name = &options.output_name;
                let pkg = &options.site_pkg_dir;
                match hash {
                    Some(hash) => format!("/{pkg}/{name}.{hash}.{ext}"),
                    None => format!("/{pkg}/{name}.{ext}"),
                }
            };
            (named("js"), named("wasm"))
        })
        .clone()
}
