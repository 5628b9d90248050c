//! The interview catalog's build step: every question in `interview/registry.json` must have
//! its text in every language (`locales/<lang>/interview/<slug>.json`), with one text per
//! walkthrough step, or the build fails. The checked files are then embedded for the server.

use std::collections::BTreeSet;
use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::LOCALES;

/// The groups the index shows, in order; `myths` is the page of half-truths.
const TOPICS: [&str; 5] = ["http", "jwt", "scale", "security", "myths"];

/// The lab pages a walkthrough can drive (each holds an island that can run the guide).
const PAGES: [&str; 5] = ["/session", "/token", "/compare", "/cluster", "/security"];

/// What the Playwright walkthroughs know how to do (see end2end/tests/interview.ts).
const ACTS: [&str; 9] = [
    "login",
    "button",
    "click",
    "check",
    "select",
    "wait",
    "attack",
    "preset",
    "stop_login_node",
];

pub fn check_and_embed(manifest: &Path) -> Result<(), Box<dyn Error>> {
    let registry_path = manifest.join("interview/registry.json");
    println!("cargo::rerun-if-changed={}", registry_path.display());
    let registry = read_json(&registry_path)?;
    let entries = registry
        .as_array()
        .ok_or("interview/registry.json: not a list")?;

    let mut problems = Vec::new();
    let mut slugs = BTreeSet::new();
    for (index, entry) in entries.iter().enumerate() {
        let slug = text(entry, "slug").unwrap_or_default();
        let at = format!("registry entry {index} ({slug})");
        if slug.is_empty()
            || !slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            problems.push(format!(
                "{at}: the slug must be lowercase letters, digits and dashes"
            ));
        }
        if !slugs.insert(slug.to_owned()) {
            problems.push(format!("{at}: the slug is used twice"));
        }
        check_entry(entry, &at, &mut problems);
        let steps = entry["steps"].as_array().map_or(0, Vec::len);
        for lang in LOCALES {
            let path = manifest.join(format!("locales/{lang}/interview/{slug}.json"));
            println!("cargo::rerun-if-changed={}", path.display());
            match read_json(&path) {
                Ok(prose) => check_prose(
                    &prose,
                    steps,
                    &format!("{lang}/interview/{slug}.json"),
                    &mut problems,
                ),
                Err(e) => problems.push(format!("{slug} has no {lang} text: {e}")),
            }
        }
    }
    // A text whose question is gone would be dead weight nobody checks.
    for lang in LOCALES {
        let dir = manifest.join(format!("locales/{lang}/interview"));
        println!("cargo::rerun-if-changed={}", dir.display());
        for file in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let name = file?.file_name().to_string_lossy().into_owned();
            let slug = name.strip_suffix(".json").unwrap_or(&name);
            if !slugs.contains(slug) {
                problems.push(format!(
                    "{lang}/interview/{name} has no entry in the registry"
                ));
            }
        }
    }
    if !problems.is_empty() {
        return Err(format!(
            "the interview catalog is incomplete:\n  {}",
            problems.join("\n  ")
        )
        .into());
    }
    embed(manifest, &slugs)
}

fn check_entry(entry: &Value, at: &str, problems: &mut Vec<String>) {
    if !TOPICS.contains(&text(entry, "topic").unwrap_or_default()) {
        problems.push(format!("{at}: topic must be one of {TOPICS:?}"));
    }
    if !PAGES.contains(&text(entry, "page").unwrap_or_default()) {
        problems.push(format!("{at}: page must be one of {PAGES:?}"));
    }
    let sources = entry["sources"].as_array().map_or(0, Vec::len);
    if sources == 0 {
        problems.push(format!("{at}: no sources"));
    }
    for source in entry["sources"].as_array().into_iter().flatten() {
        let url = text(source, "url").unwrap_or_default();
        if text(source, "name").is_none() || !url.starts_with("https://") {
            problems.push(format!("{at}: a source needs a name and an https URL"));
        }
    }
    let Some(steps) = entry["steps"].as_array().filter(|s| !s.is_empty()) else {
        problems.push(format!("{at}: no walkthrough steps"));
        return;
    };
    for (n, step) in steps.iter().enumerate() {
        for key in ["focus", "done"] {
            if text(step, key).is_none() {
                problems.push(format!("{at}, step {}: no {key} selector", n + 1));
            }
        }
        let acts = step["act"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        if acts.is_empty() {
            problems.push(format!(
                "{at}, step {}: no act for the test to perform",
                n + 1
            ));
        }
        for act in acts {
            let known = act
                .as_object()
                .is_some_and(|o| o.len() == 1 && o.keys().all(|k| ACTS.contains(&k.as_str())));
            if !known {
                problems.push(format!("{at}, step {}: unknown act {act}", n + 1));
            }
        }
    }
}

fn check_prose(prose: &Value, steps: usize, at: &str, problems: &mut Vec<String>) {
    for key in ["title", "answer"] {
        if text(prose, key).is_none() {
            problems.push(format!("{at}: no {key}"));
        }
    }
    let followups = prose["followups"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    if followups.is_empty() {
        problems.push(format!("{at}: no follow-ups"));
    }
    for (n, f) in followups.iter().enumerate() {
        if text(f, "q").is_none() || text(f, "a").is_none() {
            problems.push(format!("{at}: follow-up {} needs q and a", n + 1));
        }
    }
    let written = prose["steps"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    if written.len() != steps {
        problems.push(format!(
            "{at}: {} step texts for {steps} walkthrough steps",
            written.len()
        ));
    }
    for (n, s) in written.iter().enumerate() {
        if text(s, "do").is_none() || text(s, "look").is_none() {
            problems.push(format!("{at}: step {} needs do and look", n + 1));
        }
    }
}

/// Writes `interview.rs` into OUT_DIR: the registry and every text, as `include_str!`s of the
/// checked files, so an edit rebuilds and the server needs no files at run time.
fn embed(manifest: &Path, slugs: &BTreeSet<String>) -> Result<(), Box<dyn Error>> {
    let path =
        |rel: String| -> String { format!("{:?}", manifest.join(rel).display().to_string()) };
    let mut out =
        String::from("// Generated by build.rs from app/interview and app/locales/*/interview.\n");
    writeln!(
        out,
        "pub(crate) const REGISTRY: &str = include_str!({});",
        path("interview/registry.json".into())
    )?;
    writeln!(
        out,
        "pub(crate) const TEXTS: [(&str, [&str; {}]); {}] = [",
        LOCALES.len(),
        slugs.len()
    )?;
    for slug in slugs {
        let files: Vec<String> = LOCALES
            .iter()
            .map(|lang| {
                format!(
                    "include_str!({})",
                    path(format!("locales/{lang}/interview/{slug}.json"))
                )
            })
            .collect();
        writeln!(out, "    ({slug:?}, [{}]),", files.join(", "))?;
    }
    out.push_str("];\n");
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("no out dir")?);
    std::fs::write(dir.join("interview.rs"), out)?;
    Ok(())
}

fn read_json(path: &Path) -> Result<Value, Box<dyn Error>> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?)
}

/// A non-empty string field.
fn text<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value[key].as_str().filter(|s| !s.trim().is_empty())
}
