// The reliability runs of `make bench`: a soak (does memory stay bounded, does any request
// fail?), chaos (Redis killed under load: what do clients get, and does service come back
// by itself?) and a login storm (do Argon2 hashes starve everyone else's /me?).

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

import { chaosFigures } from "./figures.mjs";
import { endpoints, post, sessionCookie, wrk, wrkAsync } from "./load.mjs";
import { parseWrk } from "../wrk.mjs";
import { freePort, log, ncpu, pinned, LOAD_CPU, rssBytes, running, sleep, startRedis, stop, withRedis, withRust } from "./procs.mjs";

const MiB = 1048576;

/** Runs `fn` with this driver on the load CPU, so its own requests never take the server's. */
async function onLoadCpu(fn) {
  const pin = (cpus) => pinned && execFileSync("taskset", ["-a", "-p", "-c", cpus, String(process.pid)], { stdio: "ignore" });
  pin(LOAD_CPU);
  try {
    return await fn();
  } finally {
    pin(`0-${ncpu - 1}`);
  }
}

/**
 * `workers` loops that send `request` back to back until `until()` says stop; every answer
 * kept as {t0, t1, status, code} (ms on one clock; code is the JSON error code, or the
 * network error's name with status 0).
 */
async function hammer(workers, request, until) {
  const samples = [];
  const loop = async () => {
    while (!until()) {
      const t0 = performance.now();
      let status = 0;
      let code = null;
      try {
        const res = await request();
        status = res.status;
        const text = await res.text();
        if (!res.ok) code = JSON.parse(text).error ?? "no error code";
      } catch (err) {
        code = err.name;
      }
      samples.push({ t0, t1: performance.now(), status, code });
    }
  };
  await Promise.all(Array.from({ length: workers }, loop));
  return samples;
}

// ---------------------------------------------------------------------------------------
// Soak.

async function soakOne(label, base, child, spec, { connections, secs, warmup }) {
  const rssStart = rssBytes(child.pid);
  // The warm-up fills what is meant to fill (the trace ring, the connections' buffers), so
  // growth after it is what the soak is about.
  wrk(`${base}${spec.path}`, connections, warmup, spec.headers, false);
  const rssBefore = rssBytes(child.pid);
  const run = parseWrk(wrk(`${base}${spec.path}`, connections, secs, spec.headers, true));
  const rssAfter = rssBytes(child.pid);
  const errors = Object.values(run.socket_errors).reduce((a, b) => a + b, 0);
  log(
    `soak ${label.padEnd(22)} ${run.requests} requests, ${run.non_2xx} non-2xx, ${errors} socket errors, p99 ${run.p99_ms.toFixed(2)} ms, ` +
      `RSS ${(rssBefore / MiB).toFixed(1)} -> ${(rssAfter / MiB).toFixed(1)} MiB`,
  );
  return {
    requests: run.requests,
    rps: run.rps,
    non_2xx: run.non_2xx,
    socket_errors: errors,
    p50_ms: run.p50_ms,
    p99_ms: run.p99_ms,
    rss_start_bytes: rssStart,
    rss_before_bytes: rssBefore,
    rss_after_bytes: rssAfter,
  };
}

/** Both /me endpoints on the memory store and on Redis, traces on (the lab as people run it). */
export async function soak(settings) {
  const runs = [];
  const body = (store) => async (base, child) => {
    const eps = await endpoints(base);
    for (const mode of ["session", "token"]) {
      const run = await soakOne(`${mode} /me, ${store}`, base, child, eps[`${mode}_me`], settings);
      runs.push({ mode, store, connections: settings.connections, secs: settings.secs, ...run });
    }
  };
  await withRust("memory", [], body("memory"));
  await withRedis((url) => withRust(url, [], body("redis")));
  return runs;
}

// ---------------------------------------------------------------------------------------
// Chaos.

/**
 * Loads session /me on a Redis-backed server, kills redis-server (SIGKILL, by its PID)
 * mid-run and starts it again on the same port. Redis writes every command to its
 * append-only file before answering, as a deployment that keeps sessions across a crash
 * would, so the login is still there when it comes back.
 */
export async function chaos({ workers, beforeMs, outageMs, afterMs }) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "auth-lab-chaos-"));
  const redisArgs = ["--appendonly", "yes", "--appendfsync", "always", "--dir", dir];
  let redis = await startRedis(port, redisArgs);
  try {
    return await withRust(`redis://127.0.0.1:${port}`, [], async (base, server) => {
      const cookie = await sessionCookie(base, "alice", "wonderland");
      const url = `${base}/api/session/me`;
      let done = false;
      const marks = {};
      const samples = await onLoadCpu(async () => {
        const load = hammer(workers, () => fetch(url, { headers: { cookie }, signal: AbortSignal.timeout(10_000) }), () => done);
        await sleep(beforeMs);
        marks.killed = performance.now();
        await stop(redis, "SIGKILL");
        await sleep(outageMs);
        marks.restarted = performance.now();
        redis = await startRedis(port, redisArgs);
        marks.back = performance.now();
        await sleep(afterMs);
        done = true;
        return load;
      });
      const health = await fetch(`${base}/api/health`).then((r) => r.status, () => 0);
      return { ...chaosFigures(samples, marks), server_up: running(server) && health === 200, workers };
    });
  } finally {
    await stop(redis);
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------
// Login storm.

/**
 * `logins` concurrent logins (each an Argon2id check) while wrk keeps calling session /me
 * with another login's cookie: /me's p99 at rest, then during the storm. The wrk run is
 * sized from one login's time so that it ends before the storm does.
 */
export async function loginStorm({ logins, connections, restSecs }) {
  return withRust("memory", [], async (base) => {
    const url = `${base}/api/session/me`;
    const began = performance.now();
    const headers = [`Cookie: ${await sessionCookie(base, "bob", "builder")}`];
    const oneLoginMs = performance.now() - began;
    const rest = parseWrk(wrk(url, connections, restSecs, headers, true));
    const login = (i) =>
      post(base, i % 2 ? "/api/token/login" : "/api/session/login", { username: "alice", password: "wonderland" }).then(
        async (r) => (await r.arrayBuffer(), r.status),
        () => 0,
      );
    const secs = Math.max(1, Math.floor((0.8 * logins * oneLoginMs) / 1000));
    return onLoadCpu(async () => {
      const stormBegan = performance.now();
      const during = wrkAsync(url, connections, secs, headers);
      const statuses = await Promise.all(Array.from({ length: logins }, (_, i) => login(i)));
      const stormMs = performance.now() - stormBegan;
      const storm = parseWrk(await during);
      if (stormMs < secs * 1000) {
        throw new Error(`login storm: the logins took ${stormMs.toFixed(0)} ms, less than wrk's ${secs} s, so its p99 is not all storm`);
      }
      const figures = {
        logins,
        logins_ok: statuses.filter((s) => s === 200).length,
        storm_ms: stormMs,
        connections,
        me_failed: rest.non_2xx + storm.non_2xx,
        me_requests_storm: storm.requests,
        me_p99_rest_ms: rest.p99_ms,
        me_p99_storm_ms: storm.p99_ms,
        wrk_secs: secs,
      };
      log(`login storm: ${figures.logins_ok}/${logins} logins in ${stormMs.toFixed(0)} ms; /me p99 ${rest.p99_ms.toFixed(2)} ms at rest, ${storm.p99_ms.toFixed(2)} ms during (${storm.requests} calls in ${secs} s)`);
      return figures;
    });
  });
}
