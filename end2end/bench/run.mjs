// `make bench`: loads Auth Lab and the express peer with identical requests and records
// what each way of keeping login state costs on this machine, then how the lab holds up
// (soak, Redis chaos, login storm). This file only orders the parts; lib/ does the work:
// procs (processes and pinning), load (logins and wrk), measure (sizes and one-off
// figures), reliability, report (targets and text), results (where results live).
//
// Expects the Makefile to have built the release server (target/release/server), the
// release bundle (target/site/pkg) and run the criterion benches (target/criterion).
// Writes end2end/bench/results/<date>.{json,md,wrk.txt} and the README's performance table.
//
// Knobs (environment): BENCH_DURATION (seconds per measured run, default 5),
// BENCH_WARMUP (seconds of warm-up before each, default 2), BENCH_CONNECTIONS (default
// "1,16,128"), BENCH_OUT (results folder), BENCH_PARTS (below).

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { loadTarget } from "./lib/load.mjs";
import { bundleSizes, clusterRuns, criterionResults, headerBytes, machine, memoryCurve, pageBundleSizes, pageWeights } from "./lib/measure.mjs";
import { LOAD_CPU, SERVER_CPU, log, need, pinned, pinning, root, serverBin, which, withPeer, withRedis, withRust } from "./lib/procs.mjs";
import { chaos, loginStorm, soak } from "./lib/reliability.mjs";
import { evaluate, markdown, updateReadme } from "./lib/report.mjs";
import { defaultResultsDir, microFigures, newestResults, targetsFile } from "./lib/results.mjs";

const outDir = process.env.BENCH_OUT ?? defaultResultsDir;
const method = {
  duration: Number(process.env.BENCH_DURATION ?? 5),
  warmup: Number(process.env.BENCH_WARMUP ?? 2),
  connections: (process.env.BENCH_CONNECTIONS ?? "1,16,128").split(",").map(Number),
};
// BENCH_PARTS=memory (or http, cluster, reliability) reruns that part and keeps the others
// from the newest results; BENCH_PARTS=pages keeps all of them. The bundle and page figures
// are always the current build's.
const PARTS = ["http", "memory", "cluster", "reliability", "pages"];
const parts = new Set((process.env.BENCH_PARTS ?? "http,memory,cluster,reliability").split(","));
for (const part of parts) {
  if (!PARTS.includes(part)) throw new Error(`BENCH_PARTS: unknown part ${part} (${PARTS.join(", ")})`);
}

async function httpPart() {
  const http = [];
  let headers;
  let headersExpress;
  // The headline runs turn the lab's request tracing off (--no-inspect): the peer keeps
  // no traces either. The lab's default, traces on, is measured separately as rust-lab.
  await withRust("memory", ["--no-inspect"], async (base) => {
    headers = await headerBytes(base);
    http.push(...(await loadTarget("rust-memory", base, method)));
  });
  await withRedis((url) =>
    withRust(url, ["--no-inspect"], async (base) => {
      http.push(...(await loadTarget("rust-redis", base, method)));
    }),
  );
  await withRust("memory", [], async (base) => {
    http.push(...(await loadTarget("rust-lab", base, method, ["health", "session_me", "token_me"])));
  });
  await withPeer(0, async (base) => {
    headersExpress = await headerBytes(base);
    http.push(...(await loadTarget("express", base, method)));
  });
  return { http, headers, headers_express: headersExpress };
}

async function reliabilityPart(settings) {
  const { soak: s, chaos: c, login_storm: l } = settings;
  return {
    soak: await soak({ connections: s.connections, secs: s.secs, warmup: s.warmup_secs }),
    chaos: await chaos({ workers: c.workers, beforeMs: c.before_ms, outageMs: c.outage_ms, afterMs: c.after_ms }),
    login_storm: await loginStorm({ logins: l.logins, connections: l.connections, restSecs: l.rest_secs }),
  };
}

/** Runs `part` if asked, otherwise takes its figures from the newest results file. */
async function partOrPrevious(name, previous, run, keep) {
  if (parts.has(name)) return run();
  if (!previous) throw new Error(`BENCH_PARTS without ${name} needs an earlier results file`);
  log(`${name} figures kept from ${previous.date}`);
  return keep(previous);
}

async function main() {
  const began = Date.now();
  need(serverBin, "run `cargo leptos build --release` first");
  const spec = targetsFile();
  // Checked now rather than after ten minutes of load: the page figures must be this build's.
  const pages = pageWeights();
  for (const cmd of ["wrk", "redis-server", "redis-cli", "gzip", ...(pinned ? ["taskset"] : [])]) which(cmd);
  log(pinning);

  const previous = PARTS.slice(0, 4).every((p) => parts.has(p)) ? null : newestResults(outDir);
  const http = await partOrPrevious("http", previous, httpPart, (p) => ({ http: p.http, headers: p.headers, headers_express: p.headers_express }));
  const memory = await partOrPrevious(
    "memory",
    previous,
    async () => ({ rust: await memoryCurve("rust"), express: await memoryCurve("peer") }),
    (p) => p.memory,
  );
  const cluster = parts.has("cluster") ? await clusterRuns(method) : previous?.cluster;
  const reliability = parts.has("reliability") ? await reliabilityPart(spec.reliability) : previous?.reliability;

  const now = new Date();
  const report = {
    schema: 3,
    date: now.toISOString().slice(0, 10),
    generated_at: now.toISOString(),
    machine: machine(),
    method: {
      pinning,
      server_cpu: pinned ? SERVER_CPU : null,
      load_cpu: pinned ? LOAD_CPU : null,
      server_args: "--no-inspect --leptos-env prod",
      server_env: "RUST_LOG=info",
      duration_secs: method.duration,
      warmup_secs: method.warmup,
      connections: method.connections,
      server_flags: "--no-inspect --leptos-env prod with RUST_LOG=info; rust-lab is the lab's default, with request traces on",
      peer: "express 5 + express-session MemoryStore + jsonwebtoken 9 (KeyObject secret), NODE_ENV=production",
    },
    http: http.http.map(({ wrk_output, ...row }) => row),
    parts_measured_now: [...parts, "bundle", "pages"].filter((p, i, all) => all.indexOf(p) === i),
    memory,
    ...(cluster ? { cluster } : {}),
    ...(reliability ? { reliability } : {}),
    headers: http.headers,
    headers_express: http.headers_express,
    bundle: bundleSizes(),
    page_bundles: pageBundleSizes(pages),
    pages,
    micro: microFigures(criterionResults(), previous),
  };
  report.targets = evaluate(report, spec);
  report.elapsed_secs = Math.round((Date.now() - began) / 1000);

  mkdirSync(outDir, { recursive: true });
  const jsonName = `${report.date}.json`;
  writeFileSync(join(outDir, jsonName), `${JSON.stringify(report, null, 2)}\n`);
  if (parts.has("http")) {
    writeFileSync(
      join(outDir, `${report.date}.wrk.txt`),
      http.http.map((r) => `## ${r.target} ${r.endpoint} c=${r.connections}\n${r.wrk_output}`).join("\n"),
    );
  }
  const table = markdown(report);
  writeFileSync(join(outDir, `${report.date}.md`), table);
  if (!process.env.BENCH_OUT) {
    log(updateReadme(join(root, "README.md"), table, jsonName) ? "README.md performance table updated" : "README.md has no bench markers; table not copied");
  }
  console.log(`\n${table}`);
  log(`results in ${join(outDir, jsonName)} (${report.elapsed_secs} s)`);
}

main().catch((err) => {
  console.error("[bench] failed:", err.message);
  process.exit(1);
});
