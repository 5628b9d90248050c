//! "What each way costs": the latest `make bench` results file, read by the server while it
//! renders the page, drawn as an SVG chart and tables. Nothing here is measured in the
//! browser; every figure is from the file, labelled with the machine and date.
//!
//! The figures are static, so they are not in any island: the server renders them and the
//! browser never runs this code (`make bench` showed it adding 50 KB gzip when it was
//! hydrated like the rest).

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    api::BenchReport,
    model::{
        bench_view::{self, Bar},
        present,
    },
};

#[cfg(feature = "ssr")]
const PLOT_W: f64 = 640.0;
#[cfg(feature = "ssr")]
const PLOT_H: f64 = 220.0;
#[cfg(feature = "ssr")]
const LEFT: f64 = 8.0;
#[cfg(feature = "ssr")]
const TOP: f64 = 24.0;

#[cfg(feature = "ssr")]
fn chart(report: &BenchReport, connections: u32) -> AnyView {
    let runs = bench_view::runs_at(report, connections);
    let bars = bench_view::bars(&runs, PLOT_W, PLOT_H);
    let groups: Vec<(usize, &str)> = bench_view::ENDPOINTS
        .iter()
        .filter(|(id, _)| runs.iter().any(|run| run.endpoint == *id))
        .map(|(_, label)| *label)
        .enumerate()
        .collect();
    let group_w = PLOT_W / groups.len().max(1) as f64;
    let servers: Vec<&str> = bench_view::SERVERS
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| runs.iter().any(|run| run.target == *id))
        .collect();
    let title = format!("Requests per second at {connections} connections, higher is better");
    view! {
        <figure class="bench__figure">
            <div class="bench__plot">
            <svg
                class="bench__chart"
                viewBox=format!("0 0 {} {}", PLOT_W + 2.0 * LEFT, PLOT_H + TOP + 44.0)
                role="img"
                aria-labelledby="bench-chart-title"
                data-testid="bench-chart"
            >
                <title id="bench-chart-title">{title.clone()}</title>
                <line class="bench__axis" x1=LEFT y1=TOP + PLOT_H x2=LEFT + PLOT_W y2=TOP + PLOT_H/>
                {bars.into_iter().map(|bar: Bar| {
                    let label = format!(
                        "{}, {}: {} req/s",
                        bench_view::server_label(&bar.target),
                        bench_view::endpoint_label(&bar.endpoint),
                        bench_view::thousands(bar.rps)
                    );
                    view! {
                        <rect
                            class=format!("bench__bar bench__bar--{}", bar.target)
                            x=LEFT + bar.x y=TOP + bar.y width=bar.width height=bar.height
                            data-rps=bar.rps.to_string()
                        >
                            <title>{label}</title>
                        </rect>
                        <text
                            class="bench__value"
                            x=LEFT + bar.x + bar.width / 2.0
                            y=TOP + bar.y - 4.0
                            text-anchor="middle"
                        >
                            {format!("{:.0}k", bar.rps / 1000.0)}
                        </text>
                    }
                }).collect_view()}
                {groups.into_iter().map(|(i, label)| view! {
                    <text
                        class="bench__group"
                        x=LEFT + (i as f64 + 0.5) * group_w
                        y=TOP + PLOT_H + 18.0
                        text-anchor="middle"
                    >
                        {label}
                    </text>
                }).collect_view()}
            </svg>
            </div>
            <figcaption>
                <span class="sr-only">{title}". "</span>
                <ul class="bench__legend">
                    {servers.into_iter().map(|id| view! {
                        <li><span class=format!("bench__swatch bench__bar--{id}") aria-hidden="true"></span>{bench_view::server_label(id).to_owned()}</li>
                    }).collect_view()}
                </ul>
            </figcaption>
        </figure>
    }
    .into_any()
}

#[cfg(feature = "ssr")]
fn runs_table(report: &BenchReport, connections: u32) -> AnyView {
    let rows: Vec<_> = bench_view::runs_at(report, connections)
        .into_iter()
        .map(|run| {
            let vs_peer = bench_view::times_peer(report, run)
                .map_or_else(|| "—".to_owned(), |x| format!("{x:.1}×"));
            view! {
                <tr>
                    <th scope="row">{bench_view::endpoint_label(&run.endpoint).to_owned()}</th>
                    <td>{bench_view::server_label(&run.target).to_owned()}</td>
                    <td class="num">{bench_view::thousands(run.rps)}</td>
                    <td class="num">{bench_view::millis(run.p50_ms)}</td>
                    <td class="num">{bench_view::millis(run.p99_ms)}</td>
                    <td class="num">{vs_peer}</td>
                </tr>
            }
        })
        .collect();
    view! {
        <div class="table-scroll">
            <table data-testid="bench-table">
                <caption>{format!("Every server at {connections} connections")}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Request"</th>
                        <th scope="col">"Server"</th>
                        <th scope="col" class="num">"req/s"</th>
                        <th scope="col" class="num">"p50"</th>
                        <th scope="col" class="num">"p99"</th>
                        <th scope="col" class="num">"vs peer"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[cfg(feature = "ssr")]
fn figures(report: BenchReport) -> AnyView {
    let m = &report.machine;
    let measured_on = format!(
        "Measured {} on {}, {} CPUs, {} GiB, {} ({}, Node {}).",
        report.date, m.cpu, m.cores, m.memory_gib, m.os, m.rustc, m.node
    );
    let pinning = &report.method.pinning;
    let method = format!(
        "{}{}. Each run: {} s warm-up, then {} s with wrk. Server: {}.",
        pinning.get(..1).unwrap_or_default().to_uppercase(),
        pinning.get(1..).unwrap_or_default(),
        report.method.warmup_secs,
        report.method.duration_secs,
        report.method.server_flags
    );
    let per_session = |bytes: i64| present::bytes(bytes.max(0) as usize);
    let facts = vec![
        (
            "Server memory per live session",
            format!(
                "{} in Auth Lab's memory store; {} in express-session's MemoryStore. A token needs no memory per login; a revoked one costs a deny-list entry until its exp.",
                per_session(report.memory.rust.bytes_per_session),
                per_session(report.memory.express.bytes_per_session)
            ),
        ),
        (
            "Login state sent with every request",
            format!(
                "session: a {:.0} B Cookie header; token: a {:.0} B Authorization header (medians of {} logins).",
                report.headers.cookie_median, report.headers.authorization_median, report.headers.samples
            ),
        ),
        (
            "The page's own code (release build)",
            format!(
                "{} B of wasm and JS after gzip ({} B wasm + {} B JS before compression).",
                bench_view::thousands(report.bundle.wasm_js_gzip as f64),
                bench_view::thousands(report.bundle.wasm.raw as f64),
                bench_view::thousands(report.bundle.js.raw as f64)
            ),
        ),
    ];
    let connections = bench_view::chart_connections(&report);
    view! {
        <p class="bench__machine" data-testid="bench-machine">{measured_on}</p>
        <p class="hint">{method}</p>
        {connections.map(|c| chart(&report, c))}
        <dl class="bench__facts" data-testid="bench-facts">
            {facts.into_iter().map(|(term, text)| view! { <dt>{term}</dt><dd>{text}</dd> }).collect_view()}
        </dl>
        {connections.map(|c| runs_table(&report, c))}
        <h3>"The project's targets"</h3>
        <ul class="bench__targets" data-testid="bench-targets">
            {report.targets.iter().map(|t| view! {
                <li class=if t.met { "bench__target bench__target--met" } else { "bench__target bench__target--missed" }>
                    <span aria-hidden="true">{if t.met { "✓ " } else { "✗ " }}</span>
                    <span class="sr-only">{if t.met { "Met: " } else { "Missed: " }}</span>
                    {format!("{}: {}", t.goal, t.measured)}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn BenchFigures() -> impl IntoView {
    view! {
        <section class="card bench" aria-labelledby="bench-title">
            <h2 id="bench-title">"What each way costs, measured"</h2>
            <p>
                "The seeds say sessions burden server memory, tokens are heavy on the wire, and \
                 verifying a token costs CPU. These numbers answer that, from the latest "
                <code>"make bench"</code>
                " run: the lab's own server and the express peer most tutorials build, under the same load."
            </p>
            {body()}
        </section>
    }
}

/// The figures from the report the server attached to this request, or why there are none.
fn body() -> AnyView {
    #[cfg(feature = "ssr")]
    {
        match super::request_extension::<BenchReport>() {
            Some(report) => view! { <div class="bench__body">{figures(report)}</div> }.into_any(),
            None => view! {
                <p data-testid="bench-missing">
                    "No benchmark results on this server yet. Run "<code>"make bench"</code>" to measure this machine."
                </p>
            }
            .into_any(),
        }
    }
    // Pages are rendered by the server only; the browser never builds this part.
    #[cfg(not(feature = "ssr"))]
    {
        ().into_any()
    }
}
