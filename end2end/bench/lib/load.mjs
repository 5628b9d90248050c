// Real logins against a server under test, and wrk runs with them: the requests every
// figure of `make bench` is made of.

import { execFileSync, spawn } from "node:child_process";

import { parseWrk } from "../wrk.mjs";
import { LOAD_CPU, log, onCpu } from "./procs.mjs";

export async function post(base, path, body, headers = {}) {
  return fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base, ...headers },
    body: JSON.stringify(body),
  });
}

export async function sessionCookie(base, username, password) {
  const res = await post(base, "/api/session/login", { username, password });
  if (!res.ok) throw new Error(`session login at ${base} answered ${res.status}`);
  const setCookie = res.headers.getSetCookie().find((c) => c.includes("auth_lab_sid"));
  if (!setCookie) throw new Error(`session login at ${base} set no cookie`);
  return setCookie.split(";")[0];
}

export async function bearerToken(base, username, password) {
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

/** The endpoints every server is loaded on, with fresh credentials from `base`. */
export async function endpoints(base) {
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

function wrkArgs(url, connections, seconds, headers, latency) {
  const args = ["-t1", `-c${connections}`, `-d${seconds}s`, "--timeout", "5s"];
  if (latency) args.push("--latency");
  for (const h of headers) args.push("-H", h);
  args.push(url);
  return onCpu(LOAD_CPU, "wrk", args);
}

/** One wrk run on the load CPU; its raw output. */
export function wrk(url, connections, seconds, headers, latency) {
  const [bin, argv] = wrkArgs(url, connections, seconds, headers, latency);
  return execFileSync(bin, argv, { encoding: "utf8", maxBuffer: 1 << 20 });
}

/** The same, without blocking this process: for runs that do something else meanwhile. */
export function wrkAsync(url, connections, seconds, headers) {
  const [bin, argv] = wrkArgs(url, connections, seconds, headers, true);
  return new Promise((resolveRun, reject) => {
    const child = spawn(bin, argv, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (err += c));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolveRun(out) : reject(new Error(`wrk exited ${code}: ${err}`))));
  });
}

/** A measured run after a warm-up, refused unless every answer was the expected kind. */
export function measured(label, { url, headers, expect }, connections, { warmup, duration }) {
  if (warmup > 0) wrk(url, connections, warmup, headers, false);
  const raw = wrk(url, connections, duration, headers, true);
  const run = parseWrk(raw);
  const refused = run.non_2xx;
  const ok = expect === "2xx" ? refused === 0 : refused === run.requests;
  if (!ok || run.requests === 0) {
    throw new Error(
      `${label} c=${connections}: expected ${expect} for every request, got ${refused} of ${run.requests} non-2xx\n${raw}`,
    );
  }
  log(
    `${label.padEnd(33)} c=${String(connections).padEnd(3)} ` +
      `${Math.round(run.rps).toString().padStart(7)} req/s  p50 ${run.p50_ms.toFixed(3)} ms  p99 ${run.p99_ms.toFixed(3)} ms`,
  );
  return { ...run, wrk_output: raw };
}

/** Every endpoint (or `only` those) at every connection count. */
export async function loadTarget(target, base, method, only = null) {
  const rows = [];
  for (const [endpoint, spec] of Object.entries(await endpoints(base))) {
    if (only && !only.includes(endpoint)) continue;
    for (const connections of method.connections) {
      const run = measured(`${target} ${endpoint}`, { url: `${base}${spec.path}`, ...spec }, connections, method);
      rows.push({ target, endpoint, path: spec.path, expect: spec.expect, ...run });
    }
  }
  return rows;
}
