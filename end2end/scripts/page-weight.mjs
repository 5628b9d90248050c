// What a first visit to each page costs: on the wire, the HTML and every bundle file the
// page names (stylesheet, module script, wasm), each fetched as a browser would, with
// `Accept-Encoding: br, gzip`, counting the bytes as sent (compressed where the server has a
// precompressed copy); and in Debian's Chromium, the time from navigation to interactive
// (the moment `<body data-hydrated>` appears), median of 15 cold loads.
// Usage: node scripts/page-weight.mjs <base-url>
// Also writes the figures to target/page-weight.json, where `make bench` picks them up for
// the results file and the Compare page.
import { writeFileSync } from "node:fs";
import http from "node:http";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { median as medianOf } from "../bench/lib/figures.mjs";

import { chromium } from "playwright-core";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const PAGES = ["/", "/session", "/token", "/compare", "/cluster", "/security", "/interview", "/interview/http-stateless", "/interview/quiz"];

/** Bytes of the body exactly as the server sent them, and its content encoding. */
function fetchRaw(path) {
  return new Promise((resolve, reject) => {
    const request = http.get(new URL(path, base), { headers: { "accept-encoding": "br, gzip" } }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode,
          bytes: Buffer.concat(chunks),
          encoding: response.headers["content-encoding"] ?? "identity",
        }),
      );
    });
    request.on("error", reject);
  });
}

/** The bundle files a page's HTML names, in the order it names them. */
function assetsOf(html) {
  const found = html.match(/\/pkg\/[\w./-]+\.(?:css|js|wasm)\b/g) ?? [];
  return [...new Set(found)];
}

const rows = [];
for (const page of PAGES) {
  const doc = await fetchRaw(page);
  if (doc.status !== 200) throw new Error(`${page} answered ${doc.status}`);
  const files = [{ name: "HTML", ...doc }];
  for (const asset of assetsOf(doc.bytes.toString("utf8"))) {
    const file = await fetchRaw(asset);
    if (file.status !== 200) throw new Error(`${asset} answered ${file.status}`);
    files.push({ name: asset.split("/").pop().replace(/\.[\w-]{22}\./, "."), path: asset, ...file });
  }
  const total = files.reduce((sum, f) => sum + f.bytes.length, 0);
  const wasm = files.filter((f) => /\.(js|wasm)$/.test(f.name)).reduce((sum, f) => sum + f.bytes.length, 0);
  // A page bundle's name (pkg/pages/<bundle>.<hash>.wasm), or null for the site-wide one.
  const bundle = files.map((f) => f.path?.match(/\/pkg\/pages\/([\w-]+)\.[\w-]{22}\.wasm$/)?.[1]).find(Boolean) ?? null;
  rows.push({ page, total, wasm, files, bundle });
}

console.log("First visit, bytes as sent (Accept-Encoding: br, gzip):");
console.log(`${"page".padEnd(26)} ${"total".padStart(9)} ${"js+wasm".padStart(9)}  files`);
for (const row of rows) {
  const files = row.files.map((f) => `${f.name} ${f.bytes.length} (${f.encoding})`).join(", ");
  console.log(`${row.page.padEnd(26)} ${String(row.total).padStart(9)} ${String(row.wasm).padStart(9)}  ${files}`);
}

// Time to interactive. A fresh context per load, so nothing is cached; an init script
// notes the moment the marker appears, by the page's own clock (ms since navigation).
const LOADS = 15;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic"],
});
const errors = [];
console.log("");
console.log(`Navigation to interactive (data-hydrated), median of ${LOADS} cold loads in Chromium:`);
for (const page of PAGES) {
  const times = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext();
    const tab = await context.newPage();
    // `make test` runs the debug build, whose views are all erased; this is the one run of
    // the release build in a browser, so any page error fails it.
    tab.on("pageerror", (err) => errors.push(`${page}: ${err.message}`));
    tab.on("console", (msg) => msg.type() === "error" && errors.push(`${page}: ${msg.text()}`));
    await tab.addInitScript(() => {
      const seen = () => document.body?.hasAttribute("data-hydrated");
      const note = () => { window.__interactiveAt ??= performance.now(); };
      if (seen()) note();
      new MutationObserver(() => seen() && note()).observe(document, { attributes: true, subtree: true, childList: true });
    });
    await tab.goto(new URL(page, base).href);
    await tab.waitForSelector("body[data-hydrated]");
    times.push(await tab.evaluate(() => window.__interactiveAt));
    await context.close();
  }
  times.sort((a, b) => a - b);
  const median = medianOf(times);
  console.log(`${page.padEnd(26)} ${median.toFixed(0).padStart(5)} ms   (fastest ${times[0].toFixed(0)}, slowest ${times.at(-1).toFixed(0)})`);
  Object.assign(rows.find((row) => row.page === page), { median, fastest: times[0], slowest: times.at(-1) });
}
await browser.close();
if (errors.length) {
  console.error(`The release build reported errors in the browser:\n${[...new Set(errors)].join("\n")}`);
  process.exit(1);
}

// The wasm files' hashed names tie these figures to one build: `make bench` refuses them
// if target/site/pkg has changed since.
const wasmFiles = [...new Set(rows.flatMap((row) => row.files).filter((f) => f.name.endsWith(".wasm")).map((f) => f.path))].sort();
const out = join(resolve(dirname(fileURLToPath(import.meta.url)), "../.."), "target/page-weight.json");
writeFileSync(
  out,
  `${JSON.stringify(
    {
      wasm_files: wasmFiles,
      pages: rows.map((row) => ({
        path: row.page,
        bundle: row.bundle,
        first_visit_bytes: row.total,
        js_wasm_bytes: row.wasm,
        // Whole milliseconds: the page and the README print them as such.
        interactive_ms: Math.round(row.median),
        fastest_ms: Math.round(row.fastest * 10) / 10,
        slowest_ms: Math.round(row.slowest * 10) / 10,
        loads: LOADS,
      })),
    },
    null,
    2,
  )}\n`,
);
