//! Compiles the message catalog (`locales/<lang>/<namespace>.json`) into the `i18n` module,
//! after checking that every key exists in every language, so no page can fall back to
//! English in the middle of a Korean sentence.

use std::collections::BTreeSet;
use std::error::Error;
use std::path::{Path, PathBuf};

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};

#[path = "build/interview.rs"]
mod interview;

/// The catalog's languages; the first is the default (and the unprefixed URLs).
pub(crate) const LOCALES: [&str; 2] = ["en", "ko"];

/// One file per area of the site, so a page's text is easy to find.
const NAMESPACES: [&str; 12] = [
    "common",
    "home",
    "session",
    "token",
    "compare",
    "cluster",
    "lab",
    "panes",
    "outcome",
    "bench",
    "security",
    "interview",
];

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").ok_or("no manifest dir")?);
    let locales = manifest.join("locales");
    println!("cargo::rerun-if-changed={}", locales.display());

    check_same_keys(&locales)?;
    interview::check_and_embed(&manifest)?;

    // Sentences with parameters are also needed as plain strings (titles, attributes).
    let options = ParseOptions::default().interpolate_display(true);
    let cfg = Config::new(LOCALES[0])?
        .add_locales(&LOCALES[1..])?
        .add_namespaces(NAMESPACES)?
        .parse_options(options);
    let infos = TranslationsInfos::parse(cfg)?;
    infos.emit_diagnostics();
    infos.rerun_if_locales_changed();
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("no out dir")?).join("i18n");
    infos.generate_i18n_module(out)?;
    Ok(())
}

/// Fails the build when a key (or a `{{ parameter }}`) is in one language and not the other.
fn check_same_keys(locales: &Path) -> Result<(), Box<dyn Error>> {
    let mut problems = Vec::new();
    for namespace in NAMESPACES {
        let sets: Vec<BTreeSet<String>> = LOCALES
            .iter()
            .map(|lang| keys_of(&locales.join(lang).join(format!("{namespace}.json"))))
            .collect::<Result<_, _>>()?;
        for (lang, set) in LOCALES.iter().zip(&sets).skip(1) {
            for missing in sets[0].difference(set) {
                problems.push(format!("{lang}/{namespace}.json lacks {missing}"));
            }
            for extra in set.difference(&sets[0]) {
                problems.push(format!(
                    "{lang}/{namespace}.json has {extra}, which en does not"
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the catalog's languages differ:\n  {}",
            problems.join("\n  ")
        )
        .into())
    }
}

/// Every key path in a catalog file, each with the parameters its text uses
/// (`session.title`, `outcome.logged_in{user}`).
fn keys_of(path: &Path) -> Result<BTreeSet<String>, Box<dyn Error>> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut keys = BTreeSet::new();
    collect(&value, String::new(), &mut keys);
    Ok(keys)
}

fn collect(value: &serde_json::Value, prefix: String, keys: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                collect(inner, path, keys);
            }
        }
        serde_json::Value::String(text) => {
            let params: BTreeSet<&str> = text
                .split("{{")
                .skip(1)
                .filter_map(|rest| rest.split("}}").next())
                .map(str::trim)
                .collect();
            let params: Vec<&str> = params.into_iter().collect();
            keys.insert(format!("{prefix}{{{}}}", params.join(",")));
        }
        other => {
            keys.insert(format!("{prefix} (not text: {other})"));
        }
    }
}
