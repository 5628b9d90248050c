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
    api::{BenchPage, BenchReport},
    i18n::{td_string, Locale},
    model::{
        bench_view::{self, Bar},
        present,
    },
};
use crate::{i18n::td, lang};

#[cfg(feature = "ssr")]
const PLOT_W: f64 = 640.0;
#[cfg(feature = "ssr")]
const PLOT_H: f64 = 220.0;
#[cfg(feature = "ssr")]
const LEFT: f64 = 8.0;
#[cfg(feature = "ssr")]
const TOP: f64 = 24.0;

#[cfg(feature = "ssr")]
fn chart(locale: Locale, report: &BenchReport, connections: u32) -> AnyView {
    let runs = bench_view::runs_at(report, connections);
    let bars = bench_view::bars(&runs, PLOT_W, PLOT_H);
    let groups: Vec<(usize, String)> = bench_view::ENDPOINTS
        .into_iter()
        .filter(|id| runs.iter().any(|run| run.endpoint == *id))
        .map(|id| bench_view::endpoint_label(locale, id))
        .enumerate()
        .collect();
    let group_w = PLOT_W / groups.len().max(1) as f64;
    let servers: Vec<&str> = bench_view::SERVERS
        .into_iter()
        .filter(|id| runs.iter().any(|run| run.target == *id))
        .collect();
    let title = td_string!(locale, bench.chart.title, connections = connections).to_string();
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
                    let label = td_string!(
                        locale,
                        bench.chart.bar,
                        server = bench_view::server_label(locale, &bar.target),
                        endpoint = bench_view::endpoint_label(locale, &bar.endpoint),
                        rps = bench_view::thousands(bar.rps)
                    )
                    .to_string();
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
                        <li><span class=format!("bench__swatch bench__bar--{id}") aria-hidden="true"></span>{bench_view::server_label(locale, id)}</li>
                    }).collect_view()}
                </ul>
            </figcaption>
        </figure>
    }
    .into_any()
}

#[cfg(feature = "ssr")]
fn runs_table(locale: Locale, report: &BenchReport, connections: u32) -> AnyView {
    let rows: Vec<_> = bench_view::runs_at(report, connections)
        .into_iter()
        .map(|run| {
            let vs_peer = bench_view::times_peer(report, run)
                .map_or_else(|| "—".to_owned(), |x| format!("{x:.1}×"));
            view! {
                <tr>
                    <th scope="row">{bench_view::endpoint_label(locale, &run.endpoint)}</th>
                    <td>{bench_view::server_label(locale, &run.target)}</td>
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
                <caption>{td_string!(locale, bench.table.caption, connections = connections).to_string()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td!(locale, bench.table.request)}</th>
                        <th scope="col">{td!(locale, bench.table.server)}</th>
                        <th scope="col" class="num">"req/s"</th>
                        <th scope="col" class="num">"p50"</th>
                        <th scope="col" class="num">"p99"</th>
                        <th scope="col" class="num">{td!(locale, bench.table.vs_peer)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// What a first visit to each page costs, from `make release`'s page-weight run.
#[cfg(feature = "ssr")]
fn pages_table(locale: Locale, pages: &[BenchPage]) -> AnyView {
    let loads = pages.iter().map(|p| p.loads).max().unwrap_or_default();
    view! {
        <h3>{td!(locale, bench.pages.title)}</h3>
        <p class="hint">{td_string!(locale, bench.pages.intro, loads = loads).to_string()}</p>
        <div class="table-scroll">
            <table class="bench__pages" data-testid="bench-pages">
                <thead>
                    <tr>
                        <th scope="col">{td!(locale, bench.pages.page)}</th>
                        <th scope="col" class="num">{td!(locale, bench.pages.first_visit)}</th>
                        <th scope="col" class="num">{td!(locale, bench.pages.js_wasm)}</th>
                        <th scope="col" class="num">{td!(locale, bench.pages.interactive)}</th>
                    </tr>
                </thead>
                <tbody>
                    {pages.iter().map(|page| view! {
                        <tr>
                            <th scope="row"><code>{page.path.clone()}</code></th>
                            <td class="num">{bench_view::kilobytes(page.first_visit_bytes)}</td>
                            <td class="num">{bench_view::kilobytes(page.js_wasm_bytes)}</td>
                            <td class="num">{format!("{:.0} ms", page.interactive_ms)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[cfg(feature = "ssr")]
fn cluster_table(locale: Locale, cluster: &crate::api::BenchCluster) -> AnyView {
    use crate::components::cluster::{mode_name, routing_name, store_name};
    use crate::model::Mode;
    let replication = &cluster.replication;
    view! {
        <h3>{td!(locale, bench.cluster.title)}</h3>
        <p class="hint">{td_string!(locale, bench.cluster.intro, connections = cluster.connections).to_string()}</p>
        <div class="table-scroll">
            <table class="bench__pages bench__cluster" data-testid="bench-cluster">
                <thead>
                    <tr>
                        <th scope="col">{td!(locale, bench.cluster.setup)}</th>
                        <th scope="col" class="num">"req/s"</th>
                        <th scope="col" class="num">"p50"</th>
                        <th scope="col" class="num">"p99"</th>
                    </tr>
                </thead>
                <tbody>
                    {cluster.me.iter().map(|run| {
                        let mode = if run.mode == "token" { Mode::Token } else { Mode::Session };
                        view! {
                            <tr>
                                <th scope="row">{format!(
                                    "{} · {} · {}",
                                    mode_name(locale, mode),
                                    store_name(locale, run.store),
                                    routing_name(locale, run.routing)
                                )}</th>
                                <td class="num">{bench_view::thousands(run.rps)}</td>
                                <td class="num">{bench_view::millis(run.p50_ms)}</td>
                                <td class="num">{bench_view::millis(run.p99_ms)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <p class="hint" data-testid="bench-replication">{td_string!(
            locale,
            bench.cluster.replication,
            logins = replication.logins,
            copies = format!("{:.1}", replication.copies_per_login),
            bytes = replication.bytes_per_login.round() as u64
        ).to_string()}</p>
    }
    .into_any()
}

#[cfg(feature = "ssr")]
fn figures(locale: Locale, report: BenchReport) -> AnyView {
    let m = &report.machine;
    let measured_on = td_string!(
        locale,
        bench.machine,
        date = &report.date,
        cpu = &m.cpu,
        cores = m.cores,
        memory = m.memory_gib,
        os = &m.os,
        rustc = &m.rustc,
        node = &m.node
    )
    .to_string();
    let method = td_string!(
        locale,
        bench.method,
        pinning = bench_view::pinning(locale, &report.method),
        warmup = report.method.warmup_secs,
        duration = report.method.duration_secs,
        flags = bench_view::server_line(locale, &report.method)
    )
    .to_string();
    let per_session = |bytes: i64| present::bytes(locale, bytes.max(0) as usize);
    let facts = vec![
        (
            td_string!(locale, bench.facts.memory.term),
            td_string!(
                locale,
                bench.facts.memory.text,
                rust = per_session(report.memory.rust.bytes_per_session),
                express = per_session(report.memory.express.bytes_per_session)
            )
            .to_string(),
        ),
        (
            td_string!(locale, bench.facts.headers.term),
            td_string!(
                locale,
                bench.facts.headers.text,
                cookie = format!("{:.0}", report.headers.cookie_median),
                authorization = format!("{:.0}", report.headers.authorization_median),
                samples = report.headers.samples
            )
            .to_string(),
        ),
        bundle_fact(locale, &report),
    ];
    let connections = bench_view::chart_connections(&report);
    view! {
        <p class="bench__machine" data-testid="bench-machine">{measured_on}</p>
        <p class="hint">{method}</p>
        {connections.map(|c| chart(locale, &report, c))}
        <dl class="bench__facts" data-testid="bench-facts">
            {facts.into_iter().map(|(term, text)| view! { <dt>{term}</dt><dd>{text}</dd> }).collect_view()}
        </dl>
        {connections.map(|c| runs_table(locale, &report, c))}
        {(!report.pages.is_empty()).then(|| pages_table(locale, &report.pages))}
        {report.cluster.as_ref().map(|cluster| cluster_table(locale, cluster))}
        <h3>{td!(locale, bench.targets.title)}</h3>
        <ul class="bench__targets" data-testid="bench-targets">
            {report.targets.iter().map(|t| view! {
                <li class=if t.met { "bench__target bench__target--met" } else { "bench__target bench__target--missed" }>
                    <span aria-hidden="true">{if t.met { "✓ " } else { "✗ " }}</span>
                    <span class="sr-only">{if t.met { td_string!(locale, bench.targets.met) } else { td_string!(locale, bench.targets.missed) }}</span>
                    {bench_view::target_text(locale, t)}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn BenchFigures() -> impl IntoView {
    let locale = lang::current();
    view! {
        <section class="card bench" aria-labelledby="bench-title">
            <h2 id="bench-title">{td!(locale, bench.title)}</h2>
            <p>{td!(locale, bench.intro, <code> = <code/>)}</p>
            {body(locale)}
        </section>
    }
}

/// The figures from the report the server attached to this request, or why there are none.
fn body(locale: lang::Locale) -> AnyView {
    #[cfg(feature = "ssr")]
    {
        match super::request_extension::<BenchReport>() {
            Some(report) => {
                view! { <div class="bench__body">{figures(locale, report)}</div> }.into_any()
            }
            None => view! {
                <p data-testid="bench-missing">{td!(locale, bench.missing, <code> = <code/>)}</p>
            }
            .into_any(),
        }
    }
    // Pages are rendered by the server only; the browser never builds this part.
    #[cfg(not(feature = "ssr"))]
    {
        let _ = locale;
        ().into_any()
    }
}

/// What the pages load: each page bundle with its pages, or, in a report from before the
/// page bundles, the one bundle every page loaded.
fn bundle_fact(locale: Locale, report: &BenchReport) -> (&'static str, String) {
    if report.page_bundles.is_empty() {
        let bundle = &report.bundle;
        return (
            td_string!(locale, bench.facts.bundle.term),
            td_string!(
                locale,
                bench.facts.bundle.text,
                gzip = bench_view::thousands(bundle.wasm_js_gzip as f64),
                wasm = bench_view::thousands(bundle.wasm.raw as f64),
                js = bench_view::thousands(bundle.js.raw as f64)
            )
            .to_string(),
        );
    }
    let list = report
        .page_bundles
        .iter()
        .map(|b| {
            format!(
                "{} {} B",
                b.pages.join(", "),
                bench_view::thousands(b.wasm_js_gzip as f64)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    (
        td_string!(locale, bench.facts.page_bundles.term),
        td_string!(locale, bench.facts.page_bundles.text, list = list).to_string(),
    )
}
