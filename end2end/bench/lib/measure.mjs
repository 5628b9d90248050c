// Sizes and one-off figures: login state on the wire, memory per session, the cluster lab,
// the release bundle and pages, criterion's micro benchmarks, and the machine itself.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { cpus, release } from "node:os";
import { join } from "node:path";

import { median } from "./figures.mjs";
import { bearerToken, measured, post, sessionCookie } from "./load.mjs";
import { log, ncpu, need, root, rssBytes, sleep, withPeer, withRust } from "./procs.mjs";

/** Bytes of the one header line that carries login state, as it goes on the wire. */
export async function headerBytes(base) {
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

const SESSION_COUNTS = [0, 10_000, 100_000];

export async function memoryCurve(kind) {
  const points = [];
  for (const sessions of SESSION_COUNTS) {
    const measure = async (_base, child) => {
      await sleep(1000); // let start-up allocations settle
      return rssBytes(child.pid);
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

export async function clusterRuns(method) {
  const load = (label, url, headers) => {
    const run = measured(`cluster ${label}`, { url, headers, expect: "2xx" }, CLUSTER_CONNECTIONS, method);
    return { rps: run.rps, p50_ms: run.p50_ms, p99_ms: run.p99_ms };
  };
  return withRust("memory", ["--cluster-start"], async (base) => {
    const me = [];
    // Round robin needs a store every node reads; on local memory only sticky keeps a login.
    for (const [store, routing] of [["local", "sticky"], ["replicated", "round_robin"], ["redis", "round_robin"]]) {
      await putCluster(base, { routing, store });
      const cookie = await clusterCookie(base);
      const run = load(`session ${store} ${routing}`, `${base}/cluster/api/session/me`, [`Cookie: ${cookie}`]);
      me.push({ mode: "session", store, routing, ...run });
    }
    await putCluster(base, { routing: "round_robin", store: "local" });
    const login = await post(base, "/cluster/api/token/login", { username: "alice", password: "wonderland" });
    if (!login.ok) throw new Error(`cluster token login answered ${login.status}`);
    const token = (await login.json()).access_token;
    const run = load("token local round_robin", `${base}/cluster/api/token/me`, [`Authorization: Bearer ${token}`]);
    me.push({ mode: "token", store: "local", routing: "round_robin", ...run });

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
// The release build.

/** The release bundle's `ext` file: auth-lab.<content hash>.<ext> with hash-files, never the .br/.gz copies. */
function bundleFile(ext) {
  const pkg = join(root, "target/site/pkg");
  const name = existsSync(pkg) ? readdirSync(pkg).find((f) => f.startsWith("auth-lab") && f.endsWith(`.${ext}`)) : undefined;
  const file = join(pkg, name ?? `auth-lab.${ext}`);
  need(file, "run `make release` first");
  return file;
}

/** gzip -9 size of a file: GNU gzip, as .ci/size.sh uses (node's zlib at level 9 comes out
 * 1% larger, and the README and the Compare page should agree on one figure). */
const gzipSize = (file) => execFileSync("gzip", ["-9", "-c", file], { maxBuffer: 64 << 20 }).length;
const fileSize = (file) => ({ raw: statSync(file).size, gzip: gzipSize(file) });

export function bundleSizes() {
  const sizes = {};
  for (const ext of ["wasm", "js", "css"]) sizes[ext] = fileSize(bundleFile(ext));
  return { ...sizes, wasm_js_gzip: sizes.wasm.gzip + sizes.js.gzip };
}

/**
 * Each page bundle (end2end/scripts/page-bundles.mjs) from its manifest, with the pages
 * that loaded it when `make release` measured them (`pages` from pageWeights()).
 */
export function pageBundleSizes(pages) {
  const dir = join(root, "target/site/pkg/pages");
  const manifest = join(dir, "bundles.txt");
  need(manifest, "run `make release` first (it builds the page bundles)");
  const files = {};
  for (const line of readFileSync(manifest, "utf8").split("\n").filter(Boolean)) {
    const [, name, ext, file] = line.match(/^([\w-]+)\.(js|wasm): (\S+)$/) ?? [];
    if (!name) throw new Error(`${manifest}: unreadable line ${JSON.stringify(line)}`);
    (files[name] ??= {})[ext] = file;
  }
  return Object.entries(files).map(([name, { js, wasm }]) => {
    const sizes = { wasm: fileSize(join(dir, wasm)), js: fileSize(join(dir, js)) };
    return {
      name,
      pages: pages.filter((p) => p.bundle === name).map((p) => p.path),
      ...sizes,
      wasm_js_gzip: sizes.wasm.gzip + sizes.js.gzip,
    };
  });
}

/**
 * What a first visit to each page costs, as `make release` (.ci/page-weight.sh) measured it
 * for the build now in target/site/pkg.
 */
export function pageWeights() {
  const file = join(root, "target/page-weight.json");
  need(file, "run `make release` first (it measures each page)");
  const weights = JSON.parse(readFileSync(file, "utf8"));
  const gone = (weights.wasm_files ?? [null]).filter((path) => !path || !existsSync(join(root, "target/site", path)));
  if (gone.length) {
    throw new Error(`target/page-weight.json measured ${gone.join(", ")}, which the build in target/site no longer has: run \`make release\``);
  }
  return weights.pages.map(({ path, bundle, first_visit_bytes, js_wasm_bytes, interactive_ms, loads }) => ({
    path,
    bundle: bundle ?? null,
    first_visit_bytes,
    js_wasm_bytes,
    interactive_ms,
    loads,
  }));
}

/**
 * Criterion's medians from target/criterion/<group>/<bench>/new/estimates.json, only from
 * the run `make bench` just made (newer than target/criterion.stamp): a bench since renamed
 * or removed leaves its old files behind.
 */
export function criterionResults() {
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

export function machine() {
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
