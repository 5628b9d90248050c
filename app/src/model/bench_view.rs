//! Pure rules for showing a `make bench` report: which runs go in the chart, bar geometry,
//! number formatting, and the servers' and endpoints' labels from the catalog. No browser.

use crate::{
    api::{BenchMethod, BenchReport, BenchRun, BenchTarget, TargetCheck},
    i18n::{td_string, Locale},
};

/// The servers in the order the chart and table show them.
pub const SERVERS: [&str; 4] = ["rust-memory", "rust-redis", "rust-lab", "express"];

/// The endpoints in chart order.
pub const ENDPOINTS: [&str; 5] = [
    "health",
    "session_me",
    "token_me",
    "session_unknown",
    "token_bad_signature",
];

/// A server's label in `locale`; an unknown ID shows as itself.
pub fn server_label(locale: Locale, target: &str) -> String {
    match target {
        "rust-memory" => td_string!(locale, bench.servers.rust_memory).into(),
        "rust-redis" => td_string!(locale, bench.servers.rust_redis).into(),
        "rust-lab" => td_string!(locale, bench.servers.rust_lab).into(),
        "express" => td_string!(locale, bench.servers.express).into(),
        other => other.to_owned(),
    }
}

/// An endpoint's label in `locale`; an unknown ID shows as itself.
pub fn endpoint_label(locale: Locale, endpoint: &str) -> String {
    match endpoint {
        "health" => td_string!(locale, bench.endpoints.health).into(),
        "session_me" => td_string!(locale, bench.endpoints.session_me).into(),
        "token_me" => td_string!(locale, bench.endpoints.token_me).into(),
        "session_unknown" => td_string!(locale, bench.endpoints.session_unknown).into(),
        "token_bad_signature" => td_string!(locale, bench.endpoints.token_bad_signature).into(),
        other => other.to_owned(),
    }
}

/// The connection count the chart shows: 16 when it was measured (many users, one core,
/// no queueing collapse), otherwise the highest one.
pub fn chart_connections(report: &BenchReport) -> Option<u32> {
    let counts = report.http.iter().map(|run| run.connections);
    if counts.clone().any(|c| c == 16) {
        Some(16)
    } else {
        counts.max()
    }
}

/// The runs at `connections`, ordered by endpoint and then server as the chart shows them.
pub fn runs_at(report: &BenchReport, connections: u32) -> Vec<&BenchRun> {
    let mut runs = Vec::new();
    for endpoint in ENDPOINTS {
        for server in SERVERS {
            runs.extend(report.http.iter().find(|run| {
                run.endpoint == endpoint && run.target == server && run.connections == connections
            }));
        }
    }
    runs
}

/// One bar, in SVG user units (y grows downwards).
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub target: String,
    pub endpoint: String,
    pub rps: f64,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// Chart geometry: a plot area `width` × `height`, endpoints as groups, one bar per server
/// present, heights proportional to req/s with the fastest run at full height.
pub fn bars(runs: &[&BenchRun], width: f64, height: f64) -> Vec<Bar> {
    let servers: Vec<&str> = SERVERS
        .into_iter()
        .filter(|id| runs.iter().any(|run| run.target == *id))
        .collect();
    let endpoints: Vec<&str> = ENDPOINTS
        .into_iter()
        .filter(|id| runs.iter().any(|run| run.endpoint == *id))
        .collect();
    let max = runs.iter().map(|run| run.rps).fold(0.0_f64, f64::max);
    if servers.is_empty() || max <= 0.0 {
        return Vec::new();
    }
    let group_width = width / endpoints.len() as f64;
    // A fifth of each group is the gap between groups.
    let bar_width = group_width * 0.8 / servers.len() as f64;
    let mut out = Vec::new();
    for (g, endpoint) in endpoints.iter().enumerate() {
        for (s, server) in servers.iter().enumerate() {
            let Some(run) = runs
                .iter()
                .find(|run| run.endpoint == *endpoint && run.target == *server)
            else {
                continue;
            };
            let bar_height = height * run.rps / max;
            out.push(Bar {
                target: run.target.clone(),
                endpoint: run.endpoint.clone(),
                rps: run.rps,
                x: g as f64 * group_width + group_width * 0.1 + s as f64 * bar_width,
                y: height - bar_height,
                width: bar_width,
                height: bar_height,
            });
        }
    }
    out
}

/// `76340.6` → `76,341`; halves round up, as people round (not to even, as `{:.0}` does).
pub fn thousands(value: f64) -> String {
    let digits = format!("{}", value.max(0.0).round() as u64);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Milliseconds with a sensible number of decimals: `0.084` → `0.084 ms`, `17.68` → `17.7 ms`.
pub fn millis(ms: f64) -> String {
    if ms < 1.0 {
        format!("{ms:.3} ms")
    } else if ms < 10.0 {
        format!("{ms:.2} ms")
    } else {
        format!("{ms:.1} ms")
    }
}

/// The auth-checked runs as a multiple of the express peer's req/s at the same endpoint
/// and connection count.
pub fn times_peer(report: &BenchReport, run: &BenchRun) -> Option<f64> {
    let peer = report.http.iter().find(|p| {
        p.target == "express" && p.endpoint == run.endpoint && p.connections == run.connections
    })?;
    (run.target != "express" && peer.rps > 0.0).then(|| run.rps / peer.rps)
}

/// `381_305` bytes → `381.3 KB` (SI kilobytes, as the targets are written).
pub fn kilobytes(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

/// A share as a whole percentage: `0.3804` → `38`, `0.14` → `14`.
fn percent(share: f64) -> String {
    format!("{:.0}", share * 100.0)
}

/// How the load was placed on the CPUs. Reports from before the CPUs were recorded carry
/// only their English sentence, which is shown as it came (first letter raised).
pub fn pinning(locale: Locale, method: &BenchMethod) -> String {
    match (&method.server_cpu, &method.load_cpu, &method.server_args) {
        (Some(server), Some(load), _) => td_string!(locale, bench.pinning.pinned, server, load),
        (_, _, Some(_)) => td_string!(locale, bench.pinning.unpinned).into(),
        _ => {
            let text = &method.pinning;
            let mut chars = text.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
    }
}

/// The server's flags and environment, or the older reports' English line.
pub fn server_line(locale: Locale, method: &BenchMethod) -> String {
    match (&method.server_args, &method.server_env) {
        (Some(args), Some(env)) => td_string!(locale, bench.server_line, args, env),
        _ => method.server_flags.clone(),
    }
}

/// One target, goal and measurement, in `locale`; without a `check` (older reports), the
/// report's own English text.
pub fn target_text(locale: Locale, target: &BenchTarget) -> String {
    let Some(check) = &target.check else {
        return format!("{}: {}", target.goal, target.measured);
    };
    match check {
        TargetCheck::PeerSpeedup {
            mode,
            traces,
            connections,
            rps_ratio,
            p99_ratio,
            min_rps_ratio,
            max_p99_ratio,
        } => {
            // A p99 well below the peer's reads best as a fraction ("1/38.9"); near or above
            // it, as a multiple ("0.97×", "1.20×"), since "1/1.0" would read as equal.
            let p99 = if *p99_ratio > 0.0 && *p99_ratio <= 0.5 {
                format!("1/{:.1}", 1.0 / p99_ratio)
            } else {
                format!("{p99_ratio:.2}×")
            };
            td_string!(
                locale,
                bench.targets.peer_speedup,
                endpoint = endpoint_label(locale, &format!("{mode}_me")),
                setup = setup_label(locale, *traces),
                connections = connections,
                min_ratio = format!("{min_rps_ratio:.0}"),
                p99_divisor = format!("{:.0}", 1.0 / max_p99_ratio),
                ratio = format!("{rps_ratio:.1}"),
                p99 = p99
            )
        }
        TargetCheck::AuthOverhead {
            mode,
            traces,
            connections,
            overhead,
            max_overhead,
        } => td_string!(
            locale,
            bench.targets.auth_overhead,
            endpoint = endpoint_label(locale, &format!("{mode}_me")),
            setup = setup_label(locale, *traces),
            connections = connections,
            max = percent(*max_overhead),
            overhead = format!("{:.1}", overhead * 100.0)
        ),
        TargetCheck::RedisShare {
            connections,
            share,
            min_share,
        } => td_string!(
            locale,
            bench.targets.redis_share,
            connections = connections,
            min = percent(*min_share),
            share = percent(*share)
        ),
        TargetCheck::Bundle {
            bytes,
            max_bytes,
            pages,
        } if !pages.is_empty() => td_string!(
            locale,
            bench.targets.page_bundle,
            pages = pages.join(", "),
            max = max_bytes / 1000,
            size = format!("{:.1}", *bytes as f64 / 1000.0)
        ),
        TargetCheck::Bundle {
            bytes, max_bytes, ..
        } => td_string!(
            locale,
            bench.targets.bundle,
            max = max_bytes / 1000,
            size = format!("{:.1}", *bytes as f64 / 1000.0)
        ),
        TargetCheck::SessionMemory { bytes, max_bytes } => td_string!(
            locale,
            bench.targets.session_memory,
            max = max_bytes,
            bytes = bytes
        ),
        TargetCheck::TimeToInteractive { page, ms, max_ms } => td_string!(
            locale,
            bench.targets.time_to_interactive,
            page = page,
            max = format!("{max_ms:.0}"),
            ms = format!("{ms:.0}")
        ),
        TargetCheck::Soak {
            mode,
            store,
            connections,
            secs,
            requests,
            failed,
            max_failed,
            p99_ms,
            rss_before_bytes,
            rss_after_bytes,
            max_rss_growth_bytes,
        } => td_string!(
            locale,
            bench.targets.soak,
            endpoint = endpoint_label(locale, &format!("{mode}_me")),
            store = store_label(locale, store),
            connections = connections,
            secs = secs,
            max_failed = max_failed,
            max_growth = format!("{:.0}", mib(*max_rss_growth_bytes)),
            failed = failed,
            requests = thousands(*requests as f64),
            p99 = format!("{p99_ms:.2}"),
            before = format!("{:.1}", mib(*rss_before_bytes)),
            after = format!("{:.1}", mib(*rss_after_bytes))
        ),
        TargetCheck::Chaos {
            outage_ms,
            outage_answers,
            outage_not_503,
            other_errors,
            slowest_ms,
            max_wait_ms,
            recovery_ms,
            max_recovery_ms,
            server_up,
        } => {
            let recovery = match recovery_ms {
                Some(ms) => td_string!(
                    locale,
                    bench.targets.chaos_recovery.after,
                    ms = format!("{ms:.0}")
                )
                .to_string(),
                None => td_string!(locale, bench.targets.chaos_recovery.never).to_string(),
            };
            let up = if *server_up {
                td_string!(locale, bench.targets.server_state.up)
            } else {
                td_string!(locale, bench.targets.server_state.down)
            };
            td_string!(
                locale,
                bench.targets.chaos,
                outage = format!("{:.1}", outage_ms / 1000.0),
                max_wait = format!("{max_wait_ms:.0}"),
                max_recovery = format!("{max_recovery_ms:.0}"),
                not_503 = outage_not_503,
                answers = thousands(*outage_answers as f64),
                other = other_errors,
                slowest = format!("{slowest_ms:.0}"),
                recovery = recovery,
                up = up
            )
        }
        TargetCheck::LoginStorm {
            logins,
            logins_ok,
            storm_ms,
            me_failed,
            me_p99_rest_ms,
            me_p99_storm_ms,
            max_p99_ms,
        } => td_string!(
            locale,
            bench.targets.login_storm,
            logins = logins,
            max = format!("{max_p99_ms:.0}"),
            ok = logins_ok,
            storm = format!("{:.1}", storm_ms / 1000.0),
            p99 = format!("{me_p99_storm_ms:.2}"),
            rest = format!("{me_p99_rest_ms:.2}"),
            failed = me_failed
        ),
    }
}

/// How the server under test ran: the lab's default (traces on) or `--no-inspect`.
fn setup_label(locale: Locale, traces: bool) -> &'static str {
    if traces {
        td_string!(locale, bench.targets.setup.traces)
    } else {
        td_string!(locale, bench.targets.setup.plain)
    }
}

fn store_label(locale: Locale, store: &str) -> String {
    match store {
        "memory" => td_string!(locale, bench.targets.store.memory).into(),
        "redis" => td_string!(locale, bench.targets.store.redis).into(),
        other => other.to_owned(),
    }
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / 1_048_576.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::*;

    fn run(target: &str, endpoint: &str, connections: u32, rps: f64) -> BenchRun {
        BenchRun {
            target: target.into(),
            endpoint: endpoint.into(),
            connections,
            rps,
            p50_ms: 0.2,
            p99_ms: 1.0,
        }
    }

    fn report(http: Vec<BenchRun>) -> BenchReport {
        let size = BenchSize { raw: 1, gzip: 1 };
        let curve = BenchMemoryCurve {
            points: vec![],
            bytes_per_session: 0,
        };
        BenchReport {
            date: "2026-11-22".into(),
            machine: BenchMachine {
                cpu: "cpu".into(),
                cores: 2,
                memory_gib: 24,
                os: "Debian".into(),
                rustc: "rustc".into(),
                node: "v20".into(),
            },
            method: BenchMethod {
                pinning: "pinned".into(),
                duration_secs: 5,
                warmup_secs: 2,
                connections: vec![1, 16, 128],
                server_flags: String::new(),
                server_cpu: None,
                load_cpu: None,
                server_args: None,
                server_env: None,
            },
            http,
            memory: BenchMemory {
                rust: curve.clone(),
                express: curve,
            },
            headers: BenchHeaderBytes {
                cookie_median: 45.0,
                authorization_median: 305.0,
                samples: 11,
            },
            bundle: BenchBundle {
                wasm: size.clone(),
                js: size,
                wasm_js_gzip: 2,
            },
            page_bundles: vec![],
            pages: vec![],
            cluster: None,
            targets: vec![],
        }
    }

    #[test]
    fn the_chart_prefers_16_connections_and_falls_back_to_the_highest() {
        let both = report(vec![
            run("express", "health", 1, 1.0),
            run("express", "health", 16, 1.0),
            run("express", "health", 128, 1.0),
        ]);
        assert_eq!(chart_connections(&both), Some(16));
        let no16 = report(vec![
            run("express", "health", 1, 1.0),
            run("express", "health", 64, 1.0),
        ]);
        assert_eq!(chart_connections(&no16), Some(64));
        assert_eq!(chart_connections(&report(vec![])), None);
    }

    #[test]
    fn runs_are_ordered_by_endpoint_then_server_and_filtered_by_connections() {
        let r = report(vec![
            run("express", "token_me", 16, 3.0),
            run("rust-memory", "token_me", 16, 70.0),
            run("rust-memory", "health", 16, 100.0),
            run("rust-memory", "health", 1, 9.0),
        ]);
        let order: Vec<(&str, &str)> = runs_at(&r, 16)
            .iter()
            .map(|run| (run.endpoint.as_str(), run.target.as_str()))
            .collect();
        assert_eq!(
            order,
            [
                ("health", "rust-memory"),
                ("token_me", "rust-memory"),
                ("token_me", "express")
            ]
        );
    }

    #[test]
    fn the_fastest_run_fills_the_height_and_the_others_scale_with_it() {
        let r = report(vec![
            run("rust-memory", "health", 16, 100.0),
            run("express", "health", 16, 25.0),
            run("rust-memory", "session_me", 16, 50.0),
            run("express", "session_me", 16, 5.0),
        ]);
        let runs = runs_at(&r, 16);
        let bars = bars(&runs, 400.0, 200.0);
        assert_eq!(bars.len(), 4);
        assert_eq!((bars[0].height, bars[0].y), (200.0, 0.0));
        assert_eq!((bars[1].height, bars[1].y), (50.0, 150.0));
        assert_eq!(bars[2].height, 100.0);
        assert_eq!(bars[3].height, 10.0);
        // Two groups of 200 units; two servers share 80% of each group.
        assert_eq!(bars[0].width, 80.0);
        assert_eq!(bars[0].x, 20.0);
        assert_eq!(bars[1].x, 100.0);
        assert_eq!(bars[2].x, 220.0);
        assert!(bars.iter().all(|b| b.x + b.width <= 400.0));
    }

    #[test]
    fn no_runs_or_only_zeroes_draw_nothing() {
        assert!(bars(&[], 100.0, 100.0).is_empty());
        let zero = run("express", "health", 16, 0.0);
        assert!(bars(&[&zero], 100.0, 100.0).is_empty());
    }

    #[test]
    fn numbers_are_formatted_for_reading() {
        assert_eq!(thousands(76340.6), "76,341");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(68330.5), "68,331");
        assert_eq!(thousands(1000.0), "1,000");
        assert_eq!(thousands(1234567.0), "1,234,567");
        assert_eq!(millis(0.0842), "0.084 ms");
        assert_eq!(millis(4.17), "4.17 ms");
        assert_eq!(millis(17.68), "17.7 ms");
    }

    #[test]
    fn ratios_compare_with_the_peer_at_the_same_endpoint_and_connections() {
        let r = report(vec![
            run("rust-memory", "token_me", 16, 60.0),
            run("express", "token_me", 16, 3.0),
            run("express", "token_me", 1, 2.0),
        ]);
        assert_eq!(times_peer(&r, &r.http[0]), Some(20.0));
        assert_eq!(times_peer(&r, &r.http[1]), None, "the peer against itself");
        let lonely = run("rust-memory", "health", 16, 1.0);
        assert_eq!(times_peer(&r, &lonely), None);
    }

    #[test]
    fn labels_come_from_the_catalog_in_the_page_language() {
        assert_eq!(
            server_label(Locale::en, "rust-redis"),
            "Auth Lab, Redis store"
        );
        assert_eq!(endpoint_label(Locale::en, "session_me"), "session /me");
        assert_ne!(
            server_label(Locale::ko, "rust-memory"),
            server_label(Locale::en, "rust-memory")
        );
        assert_eq!(endpoint_label(Locale::ko, "mystery"), "mystery");
        for id in SERVERS {
            assert_ne!(server_label(Locale::en, id), id, "{id} has a label");
        }
        for id in ENDPOINTS {
            assert_ne!(endpoint_label(Locale::en, id), id, "{id} has a label");
        }
    }

    fn target(check: TargetCheck) -> BenchTarget {
        BenchTarget {
            goal: "English goal".into(),
            measured: "English figure".into(),
            met: false,
            check: Some(check),
        }
    }

    #[test]
    fn targets_are_worded_from_their_numbers_in_either_language() {
        // The project's speed-up goal: 15× the peer's req/s, a fifth of its p99.
        let speedup_of = |mode: &str, connections, rps_ratio, p99_ratio| {
            target(TargetCheck::PeerSpeedup {
                mode: mode.into(),
                traces: false,
                connections,
                rps_ratio,
                p99_ratio,
                min_rps_ratio: 15.0,
                max_p99_ratio: 0.2,
            })
        };
        let speedup = speedup_of("token", 16, 12.46, 1.0 / 25.8);
        let en = target_text(Locale::en, &speedup);
        assert!(
            en.starts_with("token /me (traces off, --no-inspect) at 16 connections"),
            "{en}"
        );
        assert!(en.contains("at least 15× the peer's req/s"), "{en}");
        assert!(en.contains("at most 1/5 of the peer's"), "{en}");
        assert!(en.contains("Measured: 12.5× the req/s, p99 1/25.8"), "{en}");
        let ko = target_text(Locale::ko, &speedup);
        assert!(
            ko.starts_with("토큰 /me (트레이스 끔, --no-inspect), 동시 연결 16개"),
            "{ko}"
        );
        assert!(ko.contains("12.5배") && ko.contains("1/25.8"), "{ko}");

        // A p99 worse than the peer's is a multiple, not a fraction.
        let slower = speedup_of("session", 1, 2.0, 1.2);
        assert!(target_text(Locale::en, &slower).contains("p99 1.20× of the peer's"));
        let close = speedup_of("session", 1, 2.0, 0.97);
        assert!(target_text(Locale::en, &close).contains("p99 0.97× of the peer's"));

        let bundle = target(TargetCheck::Bundle {
            bytes: 289_806,
            max_bytes: 150_000,
            pages: vec![],
        });
        assert_eq!(
            target_text(Locale::en, &bundle),
            "wasm + JS: at most 150 KB after gzip. Measured: 289.8 KB."
        );
        assert_eq!(
            target_text(Locale::ko, &bundle),
            "wasm + JS: gzip 후 150 KB 이하. 측정값: 289.8 KB."
        );
        let page_bundle = target(TargetCheck::Bundle {
            bytes: 112_538,
            max_bytes: 150_000,
            pages: vec!["/session".into(), "/token".into()],
        });
        assert_eq!(
            target_text(Locale::en, &page_bundle),
            "Loaded by /session, /token: wasm + JS at most 150 KB after gzip. Measured: 112.5 KB."
        );
        assert_eq!(
            target_text(Locale::ko, &page_bundle),
            "/session, /token 페이지에서 내려받는 wasm + JS: gzip 후 150 KB 이하. 측정값: 112.5 KB."
        );
        let overhead = target(TargetCheck::AuthOverhead {
            mode: "session".into(),
            traces: true,
            connections: 16,
            overhead: 0.1404,
            max_overhead: 0.15,
        });
        let overhead_en = target_text(Locale::en, &overhead);
        assert!(
            overhead_en.contains("(traces on, as the lab runs)"),
            "{overhead_en}"
        );
        assert!(overhead_en.ends_with("at most 15% fewer req/s than /api/health. Measured: 14.0%."));
        let share = target(TargetCheck::RedisShare {
            connections: 16,
            share: 0.3804,
            min_share: 0.5,
        });
        assert!(target_text(Locale::en, &share)
            .contains("at least 50% of the memory store's req/s. Measured: 38%."));
        let tti = target(TargetCheck::TimeToInteractive {
            page: "/session".into(),
            ms: 187.4,
            max_ms: 200.0,
        });
        assert_eq!(
            target_text(Locale::en, &tti),
            "/session: interactive within 200 ms of navigation. Measured: 187 ms (median)."
        );
        let memory = target(TargetCheck::SessionMemory {
            bytes: 241,
            max_bytes: 400,
        });
        assert!(target_text(Locale::ko, &memory).contains("세션 하나당 400 B 이하. 측정값: 241 B."));
    }

    #[test]
    fn reliability_targets_say_every_figure_in_either_language() {
        let soak = target(TargetCheck::Soak {
            mode: "token".into(),
            store: "redis".into(),
            connections: 256,
            secs: 60,
            requests: 1_234_567,
            failed: 0,
            max_failed: 0,
            p99_ms: 17.844,
            rss_before_bytes: 88 * 1_048_576,
            rss_after_bytes: 89 * 1_048_576 + 524_288,
            max_rss_growth_bytes: 16 * 1_048_576,
        });
        assert_eq!(
            target_text(Locale::en, &soak),
            "Soak: token /me on the Redis store, traces on, 256 connections for 60 s: at most 0 failed requests, and server memory grows by at most 16 MiB. Measured: 0 failed of 1,234,567, p99 17.84 ms, memory 88.0 → 89.5 MiB."
        );
        let ko = target_text(Locale::ko, &soak);
        assert!(
            ko.starts_with("장시간 부하: Redis 저장소의 토큰 /me"),
            "{ko}"
        );
        assert!(ko.contains("1,234,567건 중 0건 실패"), "{ko}");

        let chaos = |recovery_ms, server_up| {
            target(TargetCheck::Chaos {
                outage_ms: 3070.1,
                outage_answers: 48,
                outage_not_503: 0,
                other_errors: 0,
                slowest_ms: 805.7,
                max_wait_ms: 1000.0,
                recovery_ms,
                max_recovery_ms: 1000.0,
                server_up,
            })
        };
        let en = target_text(Locale::en, &chaos(Some(43.8), true));
        assert!(en.starts_with("Redis killed under load for 3.1 s"), "{en}");
        assert!(
            en.ends_with("slowest 806 ms, back after 44 ms, server up."),
            "{en}"
        );
        let en = target_text(Locale::en, &chaos(None, false));
        assert!(en.ends_with("back after never, server down."), "{en}");
        assert!(
            target_text(Locale::ko, &chaos(None, true)).contains("806 ms, 복구 안 됨, 서버 정상")
        );

        let storm = target(TargetCheck::LoginStorm {
            logins: 200,
            logins_ok: 200,
            storm_ms: 5735.8,
            me_failed: 0,
            me_p99_rest_ms: 1.66,
            me_p99_storm_ms: 6.46,
            max_p99_ms: 20.0,
        });
        assert_eq!(
            target_text(Locale::en, &storm),
            "200 concurrent logins: all succeed, and session /me's p99 meanwhile stays within 20 ms. Measured: 200 succeeded in 5.7 s; /me p99 6.46 ms (at rest 1.66 ms), 0 failed."
        );
        assert!(target_text(Locale::ko, &storm).starts_with("동시 로그인 200건"));
    }

    #[test]
    fn an_older_target_without_numbers_keeps_its_english_text() {
        let old = BenchTarget {
            check: None,
            ..target(TargetCheck::Bundle {
                bytes: 1,
                max_bytes: 1,
                pages: vec![],
            })
        };
        assert_eq!(
            target_text(Locale::ko, &old),
            "English goal: English figure"
        );
    }

    #[test]
    fn the_method_is_worded_from_the_cpus_and_flags_when_the_report_has_them() {
        let mut method = report(vec![]).method;
        method.pinning = "server under test pinned to CPU 0".into();
        method.server_flags = "--no-inspect with RUST_LOG=info".into();
        // An older report: its own sentences, first letter raised.
        assert_eq!(
            pinning(Locale::ko, &method),
            "Server under test pinned to CPU 0"
        );
        assert_eq!(
            server_line(Locale::ko, &method),
            "--no-inspect with RUST_LOG=info"
        );

        method.server_args = Some("--no-inspect --leptos-env prod".into());
        method.server_env = Some("RUST_LOG=info".into());
        assert_eq!(
            pinning(Locale::en, &method),
            "This machine has one CPU, so nothing was pinned: the server and wrk shared it"
        );
        method.server_cpu = Some("0".into());
        method.load_cpu = Some("1".into());
        let ko = pinning(Locale::ko, &method);
        assert!(
            ko.contains("CPU 0") && ko.contains("CPU 1") && ko.contains("고정"),
            "{ko}"
        );
        assert!(server_line(Locale::ko, &method)
            .starts_with("--no-inspect --leptos-env prod, RUST_LOG=info."));
    }

    #[test]
    fn kilobytes_are_thousands_of_bytes_with_one_decimal() {
        assert_eq!(kilobytes(381_305), "381.3 KB");
        assert_eq!(kilobytes(0), "0.0 KB");
    }
}
