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

/// `/pkg/auth-lab.<hash>.js` and `.wasm` when cargo-leptos hashed the names (the hashes are
/// in `hash.txt` beside the server binary), else `/pkg/auth-lab.js` and `.wasm`. Read on
/// every render, as Leptos does: a release rebuild under a running server changes them.
fn bundle_paths(options: &LeptosOptions) -> (String, String) {
    let hashes = if options.hash_files {
        let file = std::env::current_exe()
            .ok()
            .and_then(|exe| Some(exe.parent()?.join(options.hash_file.as_ref())));
        match file.map(std::fs::read_to_string) {
            Some(Ok(text)) => text,
            _ => {
                leptos::logging::error!(
                    "hashed file names are on, but {} beside the server could not be read",
                    options.hash_file
                );
                String::new()
            }
        }
    } else {
        String::new()
    };
    let named = |ext: &str| {
        let hash = hashes.lines().find_map(|line| {
            let (file, hash) = line.split_once(':')?;
            (file.trim() == ext).then(|| hash.trim())
        });
        let name = &options.output_name;
        let pkg = &options.site_pkg_dir;
        match hash {
            Some(hash) => format!("/{pkg}/{name}.{hash}.{ext}"),
            None => format!("/{pkg}/{name}.{ext}"),
        }
    };
    (named("js"), named("wasm"))
}
