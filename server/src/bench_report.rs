//! The latest `make bench` results, for the Compare page. The results folder holds one
//! `YYYY-MM-DD.json` per run; the newest date wins. Read on each `/compare` render, so a
//! fresh `make bench` shows up without a restart.

use std::path::Path;

use app::api::BenchReport;
use axum::{
    extract::{Request, State},
    http::Method,
    middleware::Next,
    response::Response,
};

use crate::AppState;

/// `2026-11-22.json` and the like; anything else in the folder is ignored.
fn is_results_file(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".json") else {
        return false;
    };
    let bytes = stem.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
}

/// The newest results file in `dir`, parsed; `None` when there is none or it does not
/// parse (which is logged: a broken file should not take the page down).
pub fn latest(dir: &Path) -> Option<BenchReport> {
    let newest = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| is_results_file(name))
        .max()?;
    let path = dir.join(newest);
    let text = std::fs::read_to_string(&path)
        .map_err(|err| tracing::warn!(path = %path.display(), %err, "cannot read bench results"))
        .ok()?;
    serde_json::from_str(&text)
        .map_err(|err| tracing::warn!(path = %path.display(), %err, "bench results do not parse"))
        .ok()
}

/// Hands the latest report to the `/compare` page through the request's extensions.
pub async fn attach(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    if request.method() == Method::GET && request.uri().path() == "/compare" {
        let dir = state.bench_results.clone();
        let report = tokio::task::spawn_blocking(move || latest(&dir))
            .await
            .ok()
            .flatten();
        if let Some(report) = report {
            request.extensions_mut().insert(report);
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    struct TempDir(std::path::PathBuf);

    impl TempDir {
        fn new(tag: &str) -> Self {
            let dir = std::env::temp_dir().join(format!(
                "auth-lab-bench-{tag}-{}-{}",
                std::process::id(),
                rand::random::<u64>()
            ));
            std::fs::create_dir_all(&dir).unwrap();
            Self(dir)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn report_json(date: &str, cpu: &str) -> String {
        serde_json::json!({
            "date": date,
            "machine": {"cpu": cpu, "cores": 2, "memory_gib": 24, "os": "Debian", "rustc": "rustc", "node": "v20"},
            "method": {"pinning": "p", "duration_secs": 5, "warmup_secs": 2, "connections": [16], "server_flags": ""},
            "http": [{"target": "express", "endpoint": "health", "connections": 16, "rps": 2600.5, "p50_ms": 5.0, "p99_ms": 40.0, "extra": true}],
            "memory": {
                "rust": {"points": [{"sessions": 0, "rss_bytes": 1}], "bytes_per_session": 200},
                "express": {"points": [], "bytes_per_session": 800}
            },
            "headers": {"cookie_median": 45, "authorization_median": 305, "samples": 11},
            "bundle": {"wasm": {"raw": 10, "gzip": 5}, "js": {"raw": 4, "gzip": 2}, "css": {"raw": 1, "gzip": 1}, "wasm_js_gzip": 7},
            "targets": [{"goal": "g", "measured": "m", "met": false}],
            "schema": 1
        })
        .to_string()
    }

    #[test]
    fn only_dated_json_files_count() {
        assert!(is_results_file("2026-11-22.json"));
        assert!(!is_results_file("2026-11-22.md"));
        assert!(!is_results_file("latest.json"));
        assert!(!is_results_file("2026-1-22.json"));
        assert!(!is_results_file("2026_11_22.json"));
    }

    #[test]
    fn the_newest_date_wins_and_other_files_are_ignored() {
        let dir = TempDir::new("newest");
        std::fs::write(
            dir.0.join("2026-10-01.json"),
            report_json("2026-10-01", "old"),
        )
        .unwrap();
        std::fs::write(
            dir.0.join("2026-11-22.json"),
            report_json("2026-11-22", "new"),
        )
        .unwrap();
        std::fs::write(dir.0.join("2026-12-31.md"), "not json").unwrap();
        std::fs::write(dir.0.join("zzz.json"), "{}").unwrap();
        let report = latest(&dir.0).expect("a report");
        assert_eq!(report.date, "2026-11-22");
        assert_eq!(report.machine.cpu, "new");
        assert_eq!(report.http[0].rps, 2600.5);
        assert_eq!(report.memory.rust.bytes_per_session, 200);
        assert!(!report.targets[0].met);
    }

    /// The newest report in a folder holding one file: the usual report with `targets`
    /// (and `pages`, if given) replaced.
    fn read_with(
        name: &str,
        targets: serde_json::Value,
        pages: Option<serde_json::Value>,
    ) -> Option<BenchReport> {
        let mut json: serde_json::Value =
            serde_json::from_str(&report_json("2026-11-24", "cpu")).unwrap();
        json["targets"] = targets;
        if let Some(pages) = pages {
            json["pages"] = pages;
        }
        let dir = TempDir::new(name);
        std::fs::write(dir.0.join("2026-11-24.json"), json.to_string()).unwrap();
        latest(&dir.0)
    }

    #[test]
    fn a_report_with_numbered_targets_and_page_figures_keeps_both() {
        let targets = serde_json::json!([
            {"goal": "g", "measured": "m", "met": false,
             "check": {"kind": "bundle", "bytes": 289806, "max_bytes": 150000}},
            {"goal": "g", "measured": "m", "met": true,
             "check": {"kind": "time_to_interactive", "page": "/token", "ms": 180.5, "max_ms": 200}}
        ]);
        let pages = serde_json::json!([
            {"path": "/", "first_visit_bytes": 7463, "js_wasm_bytes": 0, "interactive_ms": 72.0, "loads": 7}
        ]);
        let report = read_with("checks", targets, Some(pages)).expect("a report");
        assert_eq!(
            report.targets[0].check,
            // A results file from before the page bundles names no pages.
            Some(app::api::TargetCheck::Bundle {
                bytes: 289_806,
                max_bytes: 150_000,
                pages: vec![]
            })
        );
        assert!(matches!(
            &report.targets[1].check,
            Some(app::api::TargetCheck::TimeToInteractive { page, .. }) if page == "/token"
        ));
        assert_eq!(report.pages[0].first_visit_bytes, 7463);
    }

    #[test]
    fn a_target_whose_numbers_this_build_cannot_read_keeps_the_report() {
        let targets = serde_json::json!([
            {"goal": "g1", "measured": "m1", "met": false,
             "check": {"kind": "redis_share", "connections": 16, "share": null, "min_share": 0.5}},
            {"goal": "g2", "measured": "m2", "met": true,
             "check": {"kind": "from_a_newer_script", "x": 1}},
            {"goal": "g3", "measured": "m3", "met": true,
             "check": {"kind": "session_memory", "bytes": 241, "max_bytes": 400}}
        ]);
        let report = read_with("lenient", targets, None).expect("the report still reads");
        assert_eq!(report.targets[0].check, None);
        assert_eq!(report.targets[1].check, None);
        assert_eq!(report.targets[1].goal, "g2");
        assert!(report.targets[2].check.is_some());
    }

    #[test]
    fn a_missing_folder_or_a_broken_newest_file_gives_none() {
        let dir = TempDir::new("broken");
        assert!(latest(&dir.0.join("nope")).is_none());
        assert!(latest(&dir.0).is_none(), "empty folder");
        std::fs::write(dir.0.join("2026-11-22.json"), "{\"date\": 1").unwrap();
        assert!(latest(&dir.0).is_none());
    }
}
