// `make bench`: loads Auth Lab and the express peer with identical requests and records
// what each way of keeping login state costs on this machine.
//
// Expects the Makefile to have built the release server (target/release/server), the
// release bundle (target/site/pkg) and run the criterion benches (target/criterion).
// Writes end2end/bench/results/<date>.{json,md} and the README's performance table.
//
// Knobs (environment): BENCH_DURATION (seconds per measured run, default 5),
// BENCH_WARMUP (seconds of warm-up before each, default 2), BENCH_CONNECTIONS (default
// "1,16,128"), BENCH_OUT (results folder).

import { spawn, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, release } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { parseWrk } from "./wrk.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const outDir = process.env.BENCH_OUT ?? join(here, "results");
const duration = Number(process.env.BENCH_DURATION ?? 5);
const warmup = Number(process.env.BENCH_WARMUP ?? 2);
const connectionCounts = (process.env.BENCH_CONNECTIONS ?? "1,16,128").split(",").map(Number);
const serverBin = join(root, "target/release/server");
const SESSION_COUNTS = [0, 10_000, 100_000];
// BENCH_PARTS=memory (or http, or cluster) reruns that part and keeps the others from the
// newest results; BENCH_PARTS=pages keeps all three. The bundle and page figures are always
// the current build's.
const parts = new Set((process.env.BENCH_PARTS ?? "http,memory,cluster").split(","));
for (const part of parts) {
  if (!["http", "memory", "cluster", "pages"].includes(part)) throw new Error(`BENCH_PARTS: unknown part ${part} (http, memory, cluster, pages)`);
}

const log = (...args) => console.log("[bench]", ...args);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function need(path, hint) {
  if (!existsSync(path)) throw new Error(`${path} is missing: ${hint}`);
}

function which(cmd) {
  try {
    return execFileSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" }).trim();
  } catch {
    throw new Error(`${cmd} is not installed (make bench installs it through .ci/setup.sh bench)`);
  }
}

async function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

// Pinning: the server (and its Redis) get CPU 0, wrk gets CPU 1. With a single CPU the
// run goes on unpinned and the results say so.
const ncpu = cpus().length;
const pinned = ncpu >= 2;
const SERVER_CPU = "0";
const LOAD_CPU = "1";
const pinning = pinned
  ? `server under test (and its Redis) pinned to CPU ${SERVER_CPU}, wrk pinned to CPU ${LOAD_CPU} with taskset`
  : "only one CPU: nothing pinned, server and wrk share it";
const onCpu = (cpu, cmd, args) => (pinned ? ["taskset", ["-c", cpu, cmd, ...args]] : [cmd, args]);

const children = new Set();
function start(name, cpu, cmd, args, env = {}) {
  const [bin, argv] = onCpu(cpu, cmd, args);
  const child = spawn(bin, argv, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  child.on("exit", () => children.delete(child));
  child.describe = () => `${name} (pid ${child.pid}); last stderr:\n${stderr}`;
  children.add(child);
  return child;
}

async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, sleep(5000)]);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    for (const child of children) child.kill("SIGKILL");
    process.exit(130);
  });
}
process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

async function waitHealthy(base, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited early: ${child.describe()}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`no health answer from ${base} within ${timeoutMs} ms: ${child.describe()}`);
}

function rssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) * 1024;
}


// ---------------------------------------------------------------------------------------
// Credentials: real logins against the server under test.

async function post(base, path, body, headers = {}) {
  return fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base, ...headers },
    body: JSON.stringify(body),
  });
}

async function sessionCookie(base, username, password) {
  const res = await post(base, "/api/session/login", { username, password });
  if (!res.ok) throw new Error(`session login at ${base} answered ${res.status}`);
  const setCookie = res.headers.getSetCookie().find((c) => c.includes("auth_lab_sid"));
  if (!setCookie) throw new Error(`session login at ${base} set no cookie`);
  return setCookie.split(";")[0];
}

async function bearerToken(base, username, password) {
  const res = await post(base, "/api/token/login", { username, password });
  if (!res.ok) throw new Error(`token login at ${base} answered ${res.status}`);
  return (await res.json()).access_token;
}

/** A cookie whose session the server has deleted: log in, then log out. */
async function deadCookie(base) {
  const cookie = await sessionCookie(base, "bob", "builder");
  const res = await post(base, "/api/session/logout", {}, { cookie });
  if (!res.ok) throw new Error(`logout at ${base} answered ${res.status}`);
  return cookie;
}

/** The same token with one signature character changed. */
function badSignature(token) {
  const dot = token.lastIndexOf(".");
  const first = token[dot + 1];
  return `${token.slice(0, dot + 1)}${first === "A" ? "B" : "A"}${token.slice(dot + 2)}`;
}

async function credentials(base) {
  const cookie = await sessionCookie(base, "alice", "wonderland");
  const token = await bearerToken(base, "alice", "wonderland");
  return {
    health: { path: "/api/health", headers: [], expect: "2xx" },
    session_me: { path: "/api/session/me", headers: [`Cookie: ${cookie}`], expect: "2xx" },
    token_me: { path: "/api/token/me", headers: [`Authorization: Bearer ${token}`], expect: "2xx" },
    session_unknown: {
      path: "/api/session/me",
      headers: [`Cookie: ${await deadCookie(base)}`],
      expect: "401",
    },
    token_bad_signature: {
      path: "/api/token/me",
      headers: [`Authorization: Bearer ${badSignature(token)}`],
      expect: "401",
    },
  };
}

// ---------------------------------------------------------------------------------------
// Load.

function wrk(url, connections, seconds, headers, latency) {
  const args = ["-t1", `-c${connections}`, `-d${seconds}s`, "--timeout", "5s"];
  if (latency) args.push("--latency");
  for (const h of headers) args.push("-H", h);
  args.push(url);
  const [bin, argv] = onCpu(LOAD_CPU, "wrk", args);
  return execFileSync(bin, argv, { encoding: "utf8", maxBuffer: 1 << 20 });
}

async function loadTarget(target, base, only = null) {
  const endpoints = await credentials(base);
  const rows = [];
  for (const [endpoint, spec] of Object.entries(endpoints)) {
    if (only && !only.includes(endpoint)) continue;
    for (const connections of connectionCounts) {
      const url = `${base}${spec.path}`;
      if (warmup > 0) wrk(url, connections, warmup, spec.headers, false);
      const raw = wrk(url, connections, duration, spec.headers, true);
      const run = parseWrk(raw);
      const refused = run.non_2xx;
      const ok = spec.expect === "2xx" ? refused === 0 : refused === run.requests;
      if (!ok || run.requests === 0) {
        throw new Error(
          `${target} ${endpoint} c=${connections}: expected ${spec.expect} for every request, ` +
            `got ${refused} of ${run.requests} non-2xx\n${raw}`,
        );
      }
      log(
        `${target.padEnd(12)} ${endpoint.padEnd(20)} c=${String(connections).padEnd(3)} ` +
          `${Math.round(run.rps).toString().padStart(7)} req/s  p50 ${run.p50_ms.toFixed(3)} ms  p99 ${run.p99_ms.toFixed(3)} ms`,
      );
      rows.push({ target, endpoint, path: spec.path, expect: spec.expect, ...run, wrk_output: raw });
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------
// Targets.

const tokenKey = randomBytes(32).toString("base64url");
const serverEnv = { RUST_LOG: "info" };

async function withRedis(fn) {
  const port = await freePort();
  const redis = start("redis-server", SERVER_CPU, "redis-server", [
    "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
  ]);
  try {
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        execFileSync("redis-cli", ["-p", String(port), "ping"], { stdio: "pipe" });
        break;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`redis-server did not answer: ${redis.describe()}`);
        await sleep(100);
      }
    }
    return await fn(`redis://127.0.0.1:${port}`);
  } finally {
    await stop(redis);
  }
}

async function withRust(store, extraArgs, fn, env = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = start("server", SERVER_CPU, serverBin, [
    "--addr", `127.0.0.1:${port}`, "--store", store, "--token-key", tokenKey, "--leptos-env", "prod",
    ...extraArgs,
  ], { ...serverEnv, ...env });
  try {
    await waitHealthy(base, child);
    return await fn(base, child);
  } finally {
    await stop(child);
  }
}

async function withPeer(seed, fn) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = start("peer", SERVER_CPU, process.execPath, [join(here, "peer/server.mjs")], {
    PEER_ADDR: `127.0.0.1:${port}`,
    PEER_TOKEN_KEY: tokenKey,
    PEER_SEED_SESSIONS: String(seed),
    NODE_ENV: "production",
  });
  try {
    await waitHealthy(base, child);
    return await fn(base, child);
  } finally {
    await stop(child);
  }
}

// ---------------------------------------------------------------------------------------
// The cluster lab: /me through the lab server's balancer to its three node processes (all
// pinned with the lab server to the server CPU), per store, and what session clustering
// costs per login, read from the nodes' own counters.

const CLUSTER_CONNECTIONS = 16;
const CLUSTER_LOGINS = 20;

async function putCluster(base, body) {
  const res = await fetch(`${base}/api/cluster`, {
    method: "PUT",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`PUT /api/cluster ${JSON.stringify(body)} answered ${res.status}`);
  return res.json();
}

/** Logs in through the balancer; the Cookie header a browser would send back. */
async function clusterCookie(base) {
  const res = await post(base, "/cluster/api/session/login", { username: "alice", password: "wonderland" });
  if (!res.ok) throw new Error(`cluster login answered ${res.status}`);
  return res.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
}

/** Copies and bytes the nodes sent to their peers, summed. */
async function copiesSent(base) {
  const view = await (await fetch(`${base}/api/cluster`)).json();
  return view.nodes.reduce((sum, n) => ({ copies: sum.copies + n.copies_sent, bytes: sum.bytes + n.copy_bytes_sent }), { copies: 0, bytes: 0 });
}

function clusterLoad(label, url, headers) {
  if (warmup > 0) wrk(url, CLUSTER_CONNECTIONS, warmup, headers, false);
  const raw = wrk(url, CLUSTER_CONNECTIONS, duration, headers, true);
  const run = parseWrk(raw);
  if (run.requests === 0 || run.non_2xx !== 0) {
    throw new Error(`cluster ${label}: ${run.non_2xx} of ${run.requests} requests were not 2xx\n${raw}`);
  }
  log(`cluster ${label.padEnd(24)} c=${CLUSTER_CONNECTIONS} ${Math.round(run.rps).toString().padStart(7)} req/s  p50 ${run.p50_ms.toFixed(3)} ms  p99 ${run.p99_ms.toFixed(3)} ms`);
  return run;
}

async function clusterRuns() {
  return withRust("memory", ["--cluster-start"], async (base) => {
    const me = [];
    // Round robin needs a store every node reads; on local memory only sticky keeps a login.
    for (const [store, routing] of [["local", "sticky"], ["replicated", "round_robin"], ["redis", "round_robin"]]) {
      await putCluster(base, { routing, store });
      const cookie = await clusterCookie(base);
      const run = clusterLoad(`session ${store} ${routing}`, `${base}/cluster/api/session/me`, [`Cookie: ${cookie}`]);
      me.push({ mode: "session", store, routing, rps: run.rps, p50_ms: run.p50_ms, p99_ms: run.p99_ms });
    }
    await putCluster(base, { routing: "round_robin", store: "local" });
    const login = await post(base, "/cluster/api/token/login", { username: "alice", password: "wonderland" });
    if (!login.ok) throw new Error(`cluster token login answered ${login.status}`);
    const token = (await login.json()).access_token;
    const run = clusterLoad("token local round_robin", `${base}/cluster/api/token/me`, [`Authorization: Bearer ${token}`]);
    me.push({ mode: "token", store: "local", routing: "round_robin", rps: run.rps, p50_ms: run.p50_ms, p99_ms: run.p99_ms });

    // Session clustering: every login's writes copied to the two peers.
    await putCluster(base, { routing: "round_robin", store: "replicated" });
    const before = await copiesSent(base);
    for (let i = 0; i < CLUSTER_LOGINS; i++) await clusterCookie(base);
    const after = await copiesSent(base);
    const replication = {
      logins: CLUSTER_LOGINS,
      copies_per_login: (after.copies - before.copies) / CLUSTER_LOGINS,
      bytes_per_login: (after.bytes - before.bytes) / CLUSTER_LOGINS,
    };
    log(`cluster replication: ${replication.copies_per_login} copies and ${replication.bytes_per_login} B per login`);
    return { connections: CLUSTER_CONNECTIONS, me, replication };
  });
}

// ---------------------------------------------------------------------------------------
// Sizes.

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Bytes of the one header line that carries login state, as it goes on the wire. */
async function headerBytes(base) {
  const users = [["alice", "wonderland"], ["bob", "builder"]];
  const cookie = [];
  const authorization = [];
  for (let i = 0; i < 11; i += 1) {
    const [u, p] = users[i % 2];
    cookie.push(Buffer.byteLength(`Cookie: ${await sessionCookie(base, u, p)}\r\n`));
    authorization.push(Buffer.byteLength(`Authorization: Bearer ${await bearerToken(base, u, p)}\r\n`));
  }
  return { cookie_median: median(cookie), authorization_median: median(authorization), samples: cookie.length };
}

async function memoryCurve(kind) {
  const points = [];
  for (const sessions of SESSION_COUNTS) {
    const measure = async (_base, child) => {
      await sleep(1000); // let start-up allocations settle
      return rssBytes(child.pid); // taskset execs the server, so the pid is the server's
    };
    // glibc raises its mmap threshold after the first large free (the start-up Argon2
    // hashes free 19 MiB each), then keeps that memory resident in the heap, where the
    // first tens of thousands of sessions hide without growing RSS. A fixed threshold
    // returns those buffers to the kernel, so RSS follows the live data.
    const rss =
      kind === "rust"
        ? await withRust("memory", ["--seed-sessions", String(sessions)], measure, {
            MALLOC_MMAP_THRESHOLD_: "131072",
          })
        : await withPeer(sessions, measure);
    log(`${kind.padEnd(5)} RSS with ${String(sessions).padStart(6)} sessions: ${(rss / 1048576).toFixed(1)} MiB`);
    points.push({ sessions, rss_bytes: rss });
  }
  const last = points.at(-1);
  return { points, bytes_per_session: Math.round((last.rss_bytes - points[0].rss_bytes) / last.sessions) };
}

/**
 * What a first visit to each page costs, as `make release` (.ci/page-weight.sh) measured it
 * for the build now in target/site/pkg.
 */
function pageWeights() {
  const file = join(root, "target/page-weight.json");
  need(file, "run `make release` first (it measures each page)");
  const weights = JSON.parse(readFileSync(file, "utf8"));
  const wasm = basename(bundleFile("wasm"));
  if (!weights.wasm?.endsWith(`/${wasm}`)) {
    throw new Error(`target/page-weight.json measured ${weights.wasm}, but the build is ${wasm}: run \`make release\``);
  }
  return weights.pages.map(({ path, first_visit_bytes, js_wasm_bytes, interactive_ms, loads }) => ({
    path,
    first_visit_bytes,
    js_wasm_bytes,
    interactive_ms,
    loads,
  }));
}

/** The release bundle's `ext` file: auth-lab.<content hash>.<ext> with hash-files, never the .br/.gz copies. */
function bundleFile(ext) {
  const pkg = join(root, "target/site/pkg");
  const name = existsSync(pkg) ? readdirSync(pkg).find((f) => f.startsWith("auth-lab") && f.endsWith(`.${ext}`)) : undefined;
  const file = join(pkg, name ?? `auth-lab.${ext}`);
  need(file, "run `make release` first");
  return file;
}

function bundleSizes() {
  const sizes = {};
  for (const ext of ["wasm", "js", "css"]) {
    const file = bundleFile(ext);
    // GNU gzip, as .ci/size.sh uses: node's zlib at level 9 comes out 1% larger, and the
    // README and the Compare page should agree on one figure.
    const gzip = execFileSync("gzip", ["-9", "-c", file], { maxBuffer: 64 << 20 }).length;
    sizes[ext] = { raw: statSync(file).size, gzip };
  }
  return { ...sizes, wasm_js_gzip: sizes.wasm.gzip + sizes.js.gzip };
}

/**
 * Criterion's medians from target/criterion/<group>/<bench>/new/estimates.json, only from
 * the run `make bench` just made (newer than target/criterion.stamp): a bench since renamed
 * or removed leaves its old files behind.
 */
function criterionResults() {
  const base = join(root, "target/criterion");
  if (!existsSync(base)) return [];
  const stamp = join(root, "target/criterion.stamp");
  const since = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const found = [];
  const walk = (dir, name) => {
    const estimates = join(dir, "new/estimates.json");
    if (existsSync(estimates)) {
      if (statSync(estimates).mtimeMs < since) return;
      const data = JSON.parse(readFileSync(estimates, "utf8"));
      const bench = JSON.parse(readFileSync(join(dir, "new/benchmark.json"), "utf8"));
      found.push({
        name: bench.full_id ?? name,
        median_ns: data.median.point_estimate,
        mean_ns: data.mean.point_estimate,
      });
      return;
    }
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (entry !== "report" && statSync(path).isDirectory()) walk(path, name ? `${name}/${entry}` : entry);
    }
  };
  walk(base, "");
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

function newestResults() {
  if (!existsSync(outDir)) return null;
  const newest = readdirSync(outDir)
    .filter((name) => /^\d{4}-\d{2}-\d{2}\.json$/.test(name))
    .sort()
    .at(-1);
  return newest ? JSON.parse(readFileSync(join(outDir, newest), "utf8")) : null;
}

function machine() {
  const cpu = cpus()[0]?.model?.trim() ?? "unknown CPU";
  const osRelease = existsSync("/etc/os-release") ? readFileSync("/etc/os-release", "utf8") : "";
  const os = /PRETTY_NAME="([^"]+)"/.exec(osRelease)?.[1] ?? process.platform;
  const version = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim().split("\n")[0];
    } catch (err) {
      return (err.stdout || err.stderr || "").toString().trim().split("\n")[0] || "unknown";
    }
  };
  const memKb = Number(/MemTotal:\s+(\d+)/.exec(readFileSync("/proc/meminfo", "utf8"))?.[1] ?? 0);
  return {
    cpu,
    cores: ncpu,
    memory_gib: Math.round(memKb / 1048576),
    os,
    kernel: release(),
    rustc: version("rustc", ["--version"]),
    node: process.version,
    wrk: version("wrk", ["-v"]),
  };
}

// ---------------------------------------------------------------------------------------
// Report.

function find(http, target, endpoint, connections) {
  return http.find((r) => r.target === target && r.endpoint === endpoint && r.connections === connections);
}

function targets(report) {
  const { http } = report;
  const c = connectionCounts.includes(16) ? 16 : connectionCounts.at(-1);
  const out = [];
  for (const [endpoint, label] of [["session_me", "session"], ["token_me", "token"]]) {
    const ours = find(http, "rust-memory", endpoint, c);
    const peer = find(http, "express", endpoint, c);
    if (ours && peer) {
      const ratio = ours.rps / peer.rps;
      const p99 = ours.p99_ms / peer.p99_ms;
      out.push({
        goal: `${label} /me: ≥ 15× the peer's req/s, p99 ≤ 1/5 of the peer's (c=${c})`,
        measured: `${ratio.toFixed(1)}× req/s, p99 ${p99 < 1 ? `1/${(1 / p99).toFixed(1)}` : `${p99.toFixed(2)}×`}`,
        met: ratio >= 15 && p99 <= 0.2,
        check: { kind: "peer_speedup", mode: label, connections: c, rps_ratio: ratio, p99_ratio: p99, min_rps_ratio: 15, max_p99_ratio: 0.2 },
      });
    }
    const health = find(http, "rust-memory", "health", c);
    if (ours && health) {
      const overhead = 1 - ours.rps / health.rps;
      out.push({
        goal: `${label} auth overhead vs /api/health ≤ 15% (c=${c})`,
        measured: `${(overhead * 100).toFixed(1)}%`,
        met: overhead <= 0.15,
        check: { kind: "auth_overhead", mode: label, connections: c, overhead, max_overhead: 0.15 },
      });
    }
  }
  const redis = find(http, "rust-redis", "session_me", c);
  const memory = find(http, "rust-memory", "session_me", c);
  if (redis && memory) {
    const share = redis.rps / memory.rps;
    out.push({
      goal: `Redis session /me ≥ 50% of the memory store's req/s (c=${c})`,
      measured: `${(share * 100).toFixed(0)}%`,
      met: share >= 0.5,
      check: { kind: "redis_share", connections: c, share, min_share: 0.5 },
    });
  }
  const bundleLimit = 150_000;
  out.push({
    goal: `wasm + JS ≤ ${bundleLimit / 1000} KB gzip`,
    measured: `${(report.bundle.wasm_js_gzip / 1000).toFixed(1)} KB`,
    met: report.bundle.wasm_js_gzip <= bundleLimit,
    check: { kind: "bundle", bytes: report.bundle.wasm_js_gzip, max_bytes: bundleLimit },
  });
  out.push({
    goal: "≤ 400 B per session in the memory store",
    measured: `${report.memory.rust.bytes_per_session} B`,
    met: report.memory.rust.bytes_per_session <= 400,
    check: { kind: "session_memory", bytes: report.memory.rust.bytes_per_session, max_bytes: 400 },
  });
  // Only the pages with islands have anything to become interactive.
  for (const page of report.pages.filter((p) => p.js_wasm_bytes > 0)) {
    out.push({
      goal: `${page.path} interactive ≤ 200 ms after navigation (median of ${page.loads} cold loads)`,
      measured: `${page.interactive_ms.toFixed(0)} ms`,
      met: page.interactive_ms <= 200,
      check: { kind: "time_to_interactive", page: page.path, ms: page.interactive_ms, max_ms: 200 },
    });
  }
  return out;
}

const TARGET_LABELS = {
  "rust-memory": "Auth Lab, memory store",
  "rust-redis": "Auth Lab, Redis store",
  "rust-lab": "Auth Lab, lab mode (traces on)",
  express: "express peer",
};

function markdown(report) {
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
    const mib = (b) => `${(b / 1048576).toFixed(1)} MiB`;
    lines.push(`| ${name} | ${curve.points.map((p) => mib(p.rss_bytes)).join(" | ")} | ${curve.bytes_per_session} B |`);
  }
  lines.push("");
  const h = report.headers;
  lines.push(`Login state on the wire (median of ${h.samples} logins, header line with CRLF): session \`Cookie\` ${h.cookie_median} B, token \`Authorization\` ${h.authorization_median} B (peer: ${report.headers_express.cookie_median} B and ${report.headers_express.authorization_median} B).`);
  const b = report.bundle;
  lines.push(`Release bundle: wasm ${b.wasm.raw.toLocaleString("en-US")} B (${b.wasm.gzip.toLocaleString("en-US")} gzip), JS ${b.js.raw.toLocaleString("en-US")} B (${b.js.gzip.toLocaleString("en-US")} gzip), CSS ${b.css.gzip.toLocaleString("en-US")} B gzip.`);
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

function updateReadme(table, jsonName) {
  const readme = join(root, "README.md");
  const text = readFileSync(readme, "utf8");
  const begin = "<!-- bench:begin -->";
  const end = "<!-- bench:end -->";
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  if (a < 0 || b < a) {
    log("README.md has no bench markers; table not copied");
    return;
  }
  const block = `${begin}\n<!-- written by make bench from end2end/bench/results/${jsonName} -->\n${table}${end}`;
  writeFileSync(readme, text.slice(0, a) + block + text.slice(b + end.length));
  log("README.md performance table updated");
}

async function main() {
  const began = Date.now();
  need(serverBin, "run `cargo leptos build --release` first");
  // Checked now rather than after ten minutes of load: the page figures must be this build's.
  const pages = pageWeights();
  for (const cmd of ["wrk", "redis-server", "redis-cli", "gzip", ...(pinned ? ["taskset"] : [])]) which(cmd);
  log(pinning);

  const previous = parts.has("http") && parts.has("memory") && parts.has("cluster") ? null : newestResults();
  let http = [];
  let headers;
  let headersExpress;
  if (parts.has("http")) {
    // The headline runs turn the lab's request tracing off (--no-inspect): the peer keeps
    // no traces either. The lab's default, traces on, is measured separately as rust-lab.
    await withRust("memory", ["--no-inspect"], async (base) => {
      headers = await headerBytes(base);
      http.push(...(await loadTarget("rust-memory", base)));
    });
    await withRedis((url) =>
      withRust(url, ["--no-inspect"], async (base) => {
        http.push(...(await loadTarget("rust-redis", base)));
      }),
    );
    await withRust("memory", [], async (base) => {
      http.push(...(await loadTarget("rust-lab", base, ["health", "session_me", "token_me"])));
    });
    await withPeer(0, async (base) => {
      headersExpress = await headerBytes(base);
      http.push(...(await loadTarget("express", base)));
    });
  } else {
    if (!previous) throw new Error("BENCH_PARTS without http needs an earlier results file");
    ({ http, headers, headers_express: headersExpress } = previous);
    log(`http figures kept from ${previous.date}`);
  }
  let memory;
  if (parts.has("memory")) {
    memory = { rust: await memoryCurve("rust"), express: await memoryCurve("peer") };
  } else {
    if (!previous) throw new Error("BENCH_PARTS without memory needs an earlier results file");
    memory = previous.memory;
    log(`memory figures kept from ${previous.date}`);
  }
  let cluster;
  if (parts.has("cluster")) {
    cluster = await clusterRuns();
  } else {
    cluster = previous?.cluster;
    if (cluster) log(`cluster figures kept from ${previous.date}`);
  }
  const now = new Date();
  const report = {
    schema: 2,
    date: now.toISOString().slice(0, 10),
    generated_at: now.toISOString(),
    machine: machine(),
    method: {
      pinning,
      server_cpu: pinned ? SERVER_CPU : null,
      load_cpu: pinned ? LOAD_CPU : null,
      server_args: "--no-inspect --leptos-env prod",
      server_env: "RUST_LOG=info",
      duration_secs: duration,
      warmup_secs: warmup,
      connections: connectionCounts,
      server_flags: "--no-inspect --leptos-env prod with RUST_LOG=info; rust-lab is the lab's default, with request traces on",
      peer: "express 5 + express-session MemoryStore + jsonwebtoken 9 (KeyObject secret), NODE_ENV=production",
    },
    http: http.map(({ wrk_output, ...row }) => row),
    parts_measured_now: [...parts, "bundle", "pages"].filter((p, i, all) => all.indexOf(p) === i),
    memory,
    ...(cluster ? { cluster } : {}),
    headers,
    headers_express: headersExpress,
    bundle: bundleSizes(),
    pages,
    micro: criterionResults(),
  };
  // A target's numbers go in only when they are numbers: a run with 0 req/s would write
  // Infinity or NaN, which JSON turns into null. Its English text still says what happened.
  report.targets = targets(report).map(({ check, ...target }) =>
    check && Object.values(check).every((v) => typeof v !== "number" || Number.isFinite(v)) ? { ...target, check } : target,
  );
  report.elapsed_secs = Math.round((Date.now() - began) / 1000);

  mkdirSync(outDir, { recursive: true });
  const jsonName = `${report.date}.json`;
  writeFileSync(join(outDir, jsonName), `${JSON.stringify(report, null, 2)}\n`);
  if (parts.has("http")) {
    writeFileSync(
      join(outDir, `${report.date}.wrk.txt`),
      http.map((r) => `## ${r.target} ${r.endpoint} c=${r.connections}\n${r.wrk_output}`).join("\n"),
    );
  }
  const table = markdown(report);
  writeFileSync(join(outDir, `${report.date}.md`), table);
  if (!process.env.BENCH_OUT) updateReadme(table, jsonName);
  console.log(`\n${table}`);
  log(`results in ${join(outDir, jsonName)} (${report.elapsed_secs} s)`);
}

main().catch((err) => {
  console.error("[bench] failed:", err.message);
  process.exit(1);
});
