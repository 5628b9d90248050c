//! Which script bundle a page loads: its own page bundle when the build made one
//! (end2end/scripts/page-bundles.mjs writes them and their manifest), else the site-wide
//! bundle cargo-leptos built, which holds every island.

use leptos::config::LeptosOptions;

/// The page bundles' folder inside the site's `pkg` folder, and the manifest there that
/// names each bundle's files.
pub const PAGES_DIR: &str = "pages";
pub const MANIFEST: &str = "bundles.txt";

/// The addresses of a bundle's module script and wasm.
#[derive(Debug, PartialEq, Eq)]
pub struct BundleFiles {
    pub js: String,
    pub wasm: String,
}

/// The files for `bundle`, read on every render as cargo-leptos' `hash.txt` is: a rebuild
/// under a running server changes them. A build that made no page bundles (`make dev`,
/// whose cargo-leptos cleans the site folder first) leaves no manifest, and every island
/// page then loads the site-wide bundle.
pub fn for_page(options: &LeptosOptions, bundle: &str) -> BundleFiles {
    let pkg = &options.site_pkg_dir;
    let manifest = format!("{}/{pkg}/{PAGES_DIR}/{MANIFEST}", options.site_root);
    let text = std::fs::read_to_string(manifest).unwrap_or_default();
    match from_manifest(&text, bundle) {
        Some((js, wasm)) => BundleFiles {
            js: format!("/{pkg}/{PAGES_DIR}/{js}"),
            wasm: format!("/{pkg}/{PAGES_DIR}/{wasm}"),
        },
        None => {
            // Page bundles were built, but not this one: the page still works, only heavier.
            if !text.is_empty() {
                leptos::logging::warn!(
                    "{MANIFEST} names no complete {bundle} bundle; the page loads the site-wide one"
                );
            }
            site_wide(options)
        }
    }
}

/// A bundle's two file names in the manifest: lines `<bundle>.js: <file>` and
/// `<bundle>.wasm: <file>`. Both must be there, or the page would load half a bundle.
pub fn from_manifest<'a>(text: &'a str, bundle: &str) -> Option<(&'a str, &'a str)> {
    let file = |ext: &str| {
        entry(text, &format!("{bundle}.{ext}")).filter(|file| {
            !file.is_empty() && !file.contains(['/', '\\']) && !file.starts_with('.')
        })
    };
    Some((file("js")?, file("wasm")?))
}

/// The value of `key` in lines of `key: value`, the format of both the manifest and
/// cargo-leptos' `hash.txt`.
fn entry<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    text.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        (name.trim() == key).then(|| value.trim())
    })
}

/// `/pkg/auth-lab.<hash>.js` and `.wasm` when cargo-leptos hashed the names (the hashes are
/// in `hash.txt` beside the server binary), else `/pkg/auth-lab.js` and `.wasm`.
fn site_wide(options: &LeptosOptions) -> BundleFiles {
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
        let hash = entry(&hashes, ext);
        let name = &options.output_name;
        let pkg = &options.site_pkg_dir;
        match hash {
            Some(hash) => format!("/{pkg}/{name}.{hash}.{ext}"),
            None => format!("/{pkg}/{name}.{ext}"),
        }
    };
    BundleFiles {
        js: named("js"),
        wasm: named("wasm"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANIFEST_TEXT: &str = "lab.js: lab.AAAAAAAAAAAAAAAAAAAAAA.js\n\
        lab.wasm: lab.BBBBBBBBBBBBBBBBBBBBBB.wasm\n\
        quiz.js: quiz.CCCCCCCCCCCCCCCCCCCCCC.js\n";

    #[test]
    fn a_bundle_is_found_only_with_both_its_files() {
        assert_eq!(
            from_manifest(MANIFEST_TEXT, "lab"),
            Some((
                "lab.AAAAAAAAAAAAAAAAAAAAAA.js",
                "lab.BBBBBBBBBBBBBBBBBBBBBB.wasm"
            ))
        );
        // The quiz's wasm line is missing: half a bundle is no bundle.
        assert_eq!(from_manifest(MANIFEST_TEXT, "quiz"), None);
        assert_eq!(from_manifest(MANIFEST_TEXT, "la"), None);
        assert_eq!(from_manifest("", "lab"), None);
    }

    #[test]
    fn a_manifest_line_cannot_point_outside_the_pages_folder() {
        for file in ["../auth-lab.js", "/etc/passwd", "a\\b.js", ".hidden.js", ""] {
            let text = format!("lab.js: {file}\nlab.wasm: lab.wasm\n");
            assert_eq!(from_manifest(&text, "lab"), None, "{file}");
        }
    }

    /// Every bundle a page names is a feature of the `frontend` crate, the list the build
    /// script reads, and every page bundle the crate declares is loaded by some page.
    #[test]
    fn the_pages_and_the_frontend_crate_name_the_same_bundles() {
        let manifest = include_str!("../../frontend/Cargo.toml");
        let features: Vec<&str> = manifest
            .split("[features]")
            .nth(1)
            .expect("frontend/Cargo.toml has a [features] table")
            .lines()
            .take_while(|line| !line.starts_with('['))
            // The lines page-bundles.mjs reads as bundles: `<name> = [...]`.
            .filter_map(|line| line.split_once(" = [").map(|(name, _)| name))
            .filter(|name| !["default", "all"].contains(name))
            .collect();
        for page in crate::ISLAND_PAGES {
            assert!(
                features.contains(&page.bundle),
                "{}: {}",
                page.path,
                page.bundle
            );
        }
        for feature in features {
            assert!(
                crate::ISLAND_PAGES
                    .iter()
                    .any(|page| page.bundle == feature),
                "no page loads the {feature} bundle"
            );
        }
    }
}
