// Turns a run into its verdicts and its text: each target of targets.json checked against
// the figures, the results table in Markdown, and the README's copy of it.

import { readFileSync, writeFileSync } from "node:fs";


const MiB = 1048576;

export function find(http, target, endpoint, connections) {
  return http.find((r) => r.target === target && r.endpoint === endpoint && r.connections === connections);
}

const fixed = (n, digits) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");
const p99Words = (ratio) => (ratio > 0 && ratio <= 0.5 ? `1/${(1 / ratio).toFixed(1)}` : `${fixed(ratio, 2)}×`);
const setupWords = (traces) => (traces ? "traces on" : "--no-inspect");

/**
 * Each target in `spec` (targets.json) that this report has figures for, as
 * {goal, measured, met, check}. `check` holds the figures and the limits as numbers, for
 * a page to word in its reader's language.
 */
export function evaluate(report, spec) {
  const { http = [] } = report;
  const c = spec.connections;
  const out = [];
  for (const t of spec.targets) {
    switch (t.kind) {
      case "peer_speedup": {
        const server = t.traces ? "rust-lab" : "rust-memory";
        const ours = find(http, server, `${t.mode}_me`, c);
        const peer = find(http, "express", `${t.mode}_me`, c);
        if (!ours || !peer) break;
        const ratio = ours.rps / peer.rps;
        const p99 = ours.p99_ms / peer.p99_ms;
        out.push({
          goal: `${t.mode} /me, ${setupWords(t.traces)}: ≥ ${t.min_rps_ratio}× the peer's req/s, p99 ≤ 1/${1 / t.max_p99_ratio} of the peer's (c=${c})`,
          measured: `${fixed(ratio, 1)}× req/s, p99 ${p99Words(p99)}`,
          met: ratio >= t.min_rps_ratio && p99 <= t.max_p99_ratio,
          check: { kind: t.kind, mode: t.mode, traces: t.traces, connections: c, rps_ratio: ratio, p99_ratio: p99, min_rps_ratio: t.min_rps_ratio, max_p99_ratio: t.max_p99_ratio },
        });
        break;
      }
      case "auth_overhead": {
        const server = t.traces ? "rust-lab" : "rust-memory";
        const ours = find(http, server, `${t.mode}_me`, c);
        const health = find(http, server, "health", c);
        if (!ours || !health) break;
        const overhead = 1 - ours.rps / health.rps;
        out.push({
          goal: `${t.mode} auth overhead vs /api/health, ${setupWords(t.traces)}: ≤ ${t.max_overhead * 100}% (c=${c})`,
          measured: `${fixed(overhead * 100, 1)}%`,
          met: overhead <= t.max_overhead,
          check: { kind: t.kind, mode: t.mode, traces: t.traces, connections: c, overhead, max_overhead: t.max_overhead },
        });
        break;
      }
      case "redis_share": {
        const redis = find(http, "rust-redis", "session_me", c);
        const memory = find(http, "rust-memory", "session_me", c);
        if (!redis || !memory) break;
        const share = redis.rps / memory.rps;
        out.push({
          goal: `Redis session /me ≥ ${t.min_share * 100}% of the memory store's req/s (c=${c})`,
          measured: `${fixed(share * 100, 0)}%`,
          met: share >= t.min_share,
          check: { kind: t.kind, connections: c, share, min_share: t.min_share },
        });
        break;
      }
      case "bundle":
        // What a page loads: each page bundle, with the pages that load it. A results file
        // from before the page bundles has only the site-wide one.
        for (const b of report.page_bundles?.length ? report.page_bundles : [{ pages: [], ...report.bundle }]) {
          if (!b.wasm_js_gzip) continue;
          const pages = b.pages.length ? `${b.pages.join(", ")}: ` : "";
          out.push({
            goal: `${pages}wasm + JS ≤ ${t.max_bytes / 1000} KB gzip`,
            measured: `${(b.wasm_js_gzip / 1000).toFixed(1)} KB`,
            met: b.wasm_js_gzip <= t.max_bytes,
            check: { kind: t.kind, bytes: b.wasm_js_gzip, max_bytes: t.max_bytes, pages: b.pages },
          });
        }
        break;
      case "session_memory":
        if (!report.memory) break;
        out.push({
          goal: `≤ ${t.max_bytes} B per session in the memory store`,
          measured: `${report.memory.rust.bytes_per_session} B`,
          met: report.memory.rust.bytes_per_session <= t.max_bytes,
          check: { kind: t.kind, bytes: report.memory.rust.bytes_per_session, max_bytes: t.max_bytes },
        });
        break;
      case "time_to_interactive":
        // Only the pages with islands have anything to become interactive.
        for (const page of (report.pages ?? []).filter((p) => p.js_wasm_bytes > 0)) {
          out.push({
            goal: `${page.path} interactive ≤ ${t.max_ms} ms after navigation (median of ${page.loads} cold loads)`,
            measured: `${page.interactive_ms.toFixed(0)} ms`,
            met: page.interactive_ms <= t.max_ms,
            check: { kind: t.kind, page: page.path, ms: page.interactive_ms, max_ms: t.max_ms },
          });
        }
        break;
      case "soak":
        for (const run of report.reliability?.soak ?? []) {
          const failed = run.non_2xx + run.socket_errors;
          const growth = run.rss_after_bytes - run.rss_before_bytes;
          out.push({
            goal: `soak, ${run.mode} /me on the ${run.store} store, traces on, ${run.connections} connections for ${run.secs} s: ≤ ${t.max_non_2xx} failed, RSS growth ≤ ${t.max_rss_growth_bytes / MiB} MiB`,
            measured: `${failed} failed of ${run.requests.toLocaleString("en-US")}, p99 ${fixed(run.p99_ms, 2)} ms, RSS ${fixed(run.rss_before_bytes / MiB, 1)} → ${fixed(run.rss_after_bytes / MiB, 1)} MiB`,
            met: failed <= t.max_non_2xx && growth <= t.max_rss_growth_bytes,
            check: {
              kind: t.kind, mode: run.mode, store: run.store, connections: run.connections, secs: run.secs,
              requests: run.requests, failed, max_failed: t.max_non_2xx, p99_ms: run.p99_ms,
              rss_before_bytes: run.rss_before_bytes, rss_after_bytes: run.rss_after_bytes, max_rss_growth_bytes: t.max_rss_growth_bytes,
            },
          });
        }
        break;
      case "chaos": {
        const r = report.reliability?.chaos;
        if (!r) break;
        const recovered = Number.isFinite(r.recovery_ms);
        out.push({
          goal: `Redis killed under load for ${fixed(r.outage_ms / 1000, 1)} s: every answer meanwhile 503 store_unavailable within ${t.max_wait_ms} ms, nothing else fails, the server stays up, service back within ${t.max_recovery_ms} ms of Redis`,
          measured: `${r.outage_not_503} of ${r.outage_answers} outage answers not 503, ${r.other_errors} other failures, slowest ${fixed(r.slowest_outage_answer_ms, 0)} ms, back after ${recovered ? `${fixed(r.recovery_ms, 0)} ms` : "never"}, server ${r.server_up ? "up" : "down"}`,
          met:
            r.outage_answers > 0 && r.outage_not_503 === 0 && r.other_errors === 0 && r.server_up &&
            r.slowest_outage_answer_ms <= t.max_wait_ms && recovered && r.recovery_ms <= t.max_recovery_ms,
          check: {
            kind: t.kind, outage_ms: r.outage_ms, outage_answers: r.outage_answers, outage_not_503: r.outage_not_503,
            other_errors: r.other_errors, slowest_ms: r.slowest_outage_answer_ms ?? 0, max_wait_ms: t.max_wait_ms,
            recovery_ms: recovered ? r.recovery_ms : null, max_recovery_ms: t.max_recovery_ms, server_up: r.server_up,
          },
        });
        break;
      }
      case "login_storm": {
        const r = report.reliability?.login_storm;
        if (!r) break;
        out.push({
          goal: `${r.logins} concurrent logins: all succeed, and session /me's p99 meanwhile ≤ ${t.max_p99_ms} ms`,
          measured: `${r.logins_ok} logins in ${fixed(r.storm_ms, 0)} ms; /me p99 ${fixed(r.me_p99_storm_ms, 2)} ms (at rest ${fixed(r.me_p99_rest_ms, 2)} ms), ${r.me_failed} failed`,
          met: r.logins_ok === r.logins && r.me_failed === 0 && r.me_p99_storm_ms <= t.max_p99_ms,
          check: {
            kind: t.kind, logins: r.logins, logins_ok: r.logins_ok, storm_ms: r.storm_ms, me_failed: r.me_failed,
            me_p99_rest_ms: r.me_p99_rest_ms, me_p99_storm_ms: r.me_p99_storm_ms, max_p99_ms: t.max_p99_ms,
          },
        });
        break;
      }
      default:
        throw new Error(`targets.json: unknown kind ${t.kind}`);
    }
  }
  // A target's numbers go in only when they are numbers: a run with 0 req/s would write
  // Infinity or NaN, which JSON turns into null. Its English text still says what happened.
  return out.map(({ check, ...target }) =>
    Object.values(check).every((v) => typeof v !== "number" || Number.isFinite(v)) ? { ...target, check } : target,
  );
}

const TARGET_LABELS = {
  "rust-memory": "Auth Lab, memory store",
  "rust-redis": "Auth Lab, Redis store",
  "rust-lab": "Auth Lab, lab mode (traces on)",
  express: "express peer",
};

export function markdown(report) {
  const lines = [];
  const m = report.machine;
  lines.push(`Measured ${report.date} on ${m.cpu}, ${m.cores} CPUs, ${m.memory_gib} GiB, ${m.os}; ${m.rustc}; Node ${m.node}; ${m.wrk}.`);
  const pinningSentence = report.method.pinning[0].toUpperCase() + report.method.pinning.slice(1);
  lines.push(`${pinningSentence}. Each run: ${report.method.warmup_secs} s warm-up, then ${report.method.duration_secs} s measured with \`wrk -t1 --latency\`.`);
  lines.push("");
  lines.push("| endpoint | server | conns | req/s | p50 ms | p99 ms | vs peer | vs /api/health |");
  lines.push("|---|---|---:|---:|---:|---:|---:|---:|");
  for (const row of report.http) {
    const peer = find(report.http, "express", row.endpoint, row.connections);
    const health = find(report.http, row.target, "health", row.connections);
    const vsPeer = row.target === "express" || !peer ? "" : `${(row.rps / peer.rps).toFixed(1)}×`;
    const vsHealth = row.endpoint === "health" || !health ? "" : `${((row.rps / health.rps - 1) * 100).toFixed(1)}%`;
    lines.push(
      `| ${row.endpoint} (${row.expect}) | ${TARGET_LABELS[row.target]} | ${row.connections} | ${Math.round(row.rps).toLocaleString("en-US")} | ${row.p50_ms.toFixed(3)} | ${row.p99_ms.toFixed(3)} | ${vsPeer} | ${vsHealth} |`,
    );
  }
  lines.push("");
  lines.push("| memory store | 0 sessions | 10,000 | 100,000 | per session |");
  lines.push("|---|---:|---:|---:|---:|");
  for (const [name, curve] of [["Auth Lab", report.memory.rust], ["express peer", report.memory.express]]) {
    const mib = (b) => `${(b / MiB).toFixed(1)} MiB`;
    lines.push(`| ${name} | ${curve.points.map((p) => mib(p.rss_bytes)).join(" | ")} | ${curve.bytes_per_session} B |`);
  }
  lines.push("");
  const h = report.headers;
  lines.push(`Login state on the wire (median of ${h.samples} logins, header line with CRLF): session \`Cookie\` ${h.cookie_median} B, token \`Authorization\` ${h.authorization_median} B (peer: ${report.headers_express.cookie_median} B and ${report.headers_express.authorization_median} B).`);
  const b = report.bundle;
  const kb = (n) => `${n.toLocaleString("en-US")} B`;
  for (const p of report.page_bundles ?? []) {
    lines.push(`Page bundle \`${p.name}\` (${p.pages.map((page) => `\`${page}\``).join(", ")}): wasm ${kb(p.wasm.raw)} (${kb(p.wasm.gzip)} gzip), JS ${kb(p.js.raw)} (${kb(p.js.gzip)} gzip).`);
  }
  lines.push(`Site-wide bundle (every island, for \`make dev\`): wasm ${kb(b.wasm.raw)} (${kb(b.wasm.gzip)} gzip), JS ${kb(b.js.raw)} (${kb(b.js.gzip)} gzip); CSS ${kb(b.css.gzip)} gzip.`);
  lines.push("");
  if (report.pages.length) {
    lines.push("| page | first visit (as sent) | of which JS + wasm | interactive (median) |");
    lines.push("|---|---:|---:|---:|");
    for (const p of report.pages) {
      lines.push(`| \`${p.path}\` | ${(p.first_visit_bytes / 1000).toFixed(1)} KB | ${(p.js_wasm_bytes / 1000).toFixed(1)} KB | ${p.interactive_ms.toFixed(0)} ms |`);
    }
    lines.push("");
  }
  if (report.cluster) {
    const c = report.cluster;
    lines.push(`| through the cluster's balancer (3 nodes, c=${c.connections}) | req/s | p50 ms | p99 ms |`);
    lines.push("|---|---:|---:|---:|");
    for (const r of c.me) {
      lines.push(`| ${r.mode} /me, ${r.store}, ${r.routing.replace("_", " ")} | ${Math.round(r.rps).toLocaleString("en-US")} | ${r.p50_ms.toFixed(3)} | ${r.p99_ms.toFixed(3)} |`);
    }
    lines.push("");
    lines.push(`Session clustering, measured over ${c.replication.logins} logins: ${c.replication.copies_per_login} copies and ${Math.round(c.replication.bytes_per_login)} B of session data sent to peers per login.`);
    lines.push("");
  }
  const rel = report.reliability;
  if (rel?.soak?.length) {
    lines.push(`| soak (traces on, wrk -c${rel.soak[0].connections}, ${rel.soak[0].secs} s) | requests | failed | p99 ms | RSS before → after |`);
    lines.push("|---|---:|---:|---:|---:|");
    for (const r of rel.soak) {
      lines.push(`| ${r.mode} /me, ${r.store} store | ${r.requests.toLocaleString("en-US")} | ${r.non_2xx + r.socket_errors} | ${r.p99_ms.toFixed(2)} | ${(r.rss_before_bytes / MiB).toFixed(1)} → ${(r.rss_after_bytes / MiB).toFixed(1)} MiB |`);
    }
    lines.push("");
  }
  if (rel?.chaos) {
    const r = rel.chaos;
    lines.push(`Chaos: redis-server killed (SIGKILL) for ${(r.outage_ms / 1000).toFixed(1)} s under ${r.workers} concurrent session /me loops, then started again on its append-only file: ${r.requests.toLocaleString("en-US")} answers, ${r.outage_answers.toLocaleString("en-US")} during the outage (${r.outage_not_503} of them not 503 \`store_unavailable\`, the slowest ${fixed(r.slowest_outage_answer_ms, 0)} ms), ${r.other_errors} other failures${r.other_examples.length ? ` (${r.other_examples.join(", ")})` : ""}; service back ${Number.isFinite(r.recovery_ms) ? `${r.recovery_ms.toFixed(0)} ms` : "never"} after Redis answered again; the server ${r.server_up ? "stayed up" : "did not survive"}.`);
    lines.push("");
  }
  if (rel?.login_storm) {
    const r = rel.login_storm;
    lines.push(`Login storm: ${r.logins} concurrent logins (Argon2id, ${r.logins_ok} answered 200) took ${(r.storm_ms / 1000).toFixed(1)} s; session /me from wrk (c=${r.connections}) meanwhile: p99 ${fixed(r.me_p99_storm_ms, 2)} ms over ${r.me_requests_storm.toLocaleString("en-US")} calls (at rest ${fixed(r.me_p99_rest_ms, 2)} ms), ${r.me_failed} failed.`);
    lines.push("");
  }
  if (report.micro.length) {
    lines.push("| criterion bench | median |");
    lines.push("|---|---:|");
    for (const bench of report.micro) {
      const ns = bench.median_ns;
      lines.push(`| ${bench.name} | ${ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(0)} ns`} |`);
    }
    lines.push("");
  }
  lines.push("| target | measured | met |");
  lines.push("|---|---|---|");
  for (const t of report.targets) lines.push(`| ${t.goal} | ${t.measured} | ${t.met ? "yes" : "**no**"} |`);
  return `${lines.join("\n")}\n`;
}

/** Replaces the block between the README's bench markers with `table`. */
export function updateReadme(readme, table, jsonName) {
  const text = readFileSync(readme, "utf8");
  const begin = "<!-- bench:begin -->";
  const end = "<!-- bench:end -->";
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  if (a < 0 || b < a) return false;
  const block = `${begin}\n<!-- written by make bench from end2end/bench/results/${jsonName} -->\n${table}${end}`;
  writeFileSync(readme, text.slice(0, a) + block + text.slice(b + end.length));
  return true;
}


