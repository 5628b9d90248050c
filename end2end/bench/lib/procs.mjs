// The processes a bench run starts (servers, Redis, the peer, wrk) and how they are pinned,
// watched and stopped. Every child is tracked here and killed by its PID on exit, on
// Ctrl-C and on a failed run.

import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const root = resolve(benchDir, "../..");
export const serverBin = join(root, "target/release/server");

export const log = (...args) => console.log("[bench]", ...args);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function need(path, hint) {
  if (!existsSync(path)) throw new Error(`${path} is missing: ${hint}`);
}

export function which(cmd) {
  try {
    return execFileSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" }).trim();
  } catch {
    throw new Error(`${cmd} is not installed (make bench installs it through .ci/setup.sh bench)`);
  }
}

export async function freePort() {
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
export const ncpu = cpus().length;
export const pinned = ncpu >= 2;
export const SERVER_CPU = "0";
export const LOAD_CPU = "1";
export const pinning = pinned
  ? `server under test (and its Redis) pinned to CPU ${SERVER_CPU}, wrk pinned to CPU ${LOAD_CPU} with taskset`
  : "only one CPU: nothing pinned, server and wrk share it";
export const onCpu = (cpu, cmd, args) => (pinned ? ["taskset", ["-c", cpu, cmd, ...args]] : [cmd, args]);

const children = new Set();

export function start(name, cpu, cmd, args, env = {}) {
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

export const running = (child) => child.exitCode === null && child.signalCode === null;

export async function stop(child, signal = "SIGTERM") {
  if (!running(child)) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill(signal);
  await Promise.race([exited, sleep(5000)]);
  if (running(child)) {
    child.kill("SIGKILL");
    await exited;
  }
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

export async function waitHealthy(base, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!running(child)) throw new Error(`exited early: ${child.describe()}`);
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

/** Resident memory of `pid`; taskset execs its command, so a child's pid is the server's. */
export function rssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) * 1024;
}

// ---------------------------------------------------------------------------------------
// The servers under test.

/** One key for every server of a run, so the peer and Auth Lab sign alike. */
export const tokenKey = randomBytes(32).toString("base64url");
const serverEnv = { RUST_LOG: "info" };

/** Starts redis-server on `port` and waits until it answers. */
export async function startRedis(port, extraArgs = []) {
  const redis = start("redis-server", SERVER_CPU, "redis-server", [
    "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", ...extraArgs,
  ]);
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      execFileSync("redis-cli", ["-p", String(port), "ping"], { stdio: "pipe" });
      return redis;
    } catch {
      if (!running(redis) || Date.now() > deadline) {
        await stop(redis);
        throw new Error(`redis-server did not answer: ${redis.describe()}`);
      }
      await sleep(50);
    }
  }
}

export async function withRedis(fn, extraArgs = []) {
  const port = await freePort();
  const redis = await startRedis(port, extraArgs);
  try {
    return await fn(`redis://127.0.0.1:${port}`, { port, redis });
  } finally {
    await stop(redis);
  }
}

export async function withRust(store, extraArgs, fn, env = {}) {
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

export async function withPeer(seed, fn) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = start("peer", SERVER_CPU, process.execPath, [join(benchDir, "peer/server.mjs")], {
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
