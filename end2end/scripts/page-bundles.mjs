// Builds one script bundle per island page, so a page downloads only its own islands.
// Each page bundle is a feature of the `frontend` crate (frontend/Cargo.toml); app/src/
// bundles.rs names which pages load which. Run after `cargo leptos build`, which empties the
// site folder first; writes target/site/pkg/pages/<bundle>.<hash>.{js,wasm} and, last, the
// manifest bundles.txt that the server reads.
// Usage: node end2end/scripts/page-bundles.mjs [--release]
//   --release: the wasm-release profile, npm's wasm-opt -Oz, minified JS, and brotli and
//   gzip copies beside each file, as `cargo leptos build --release --precompress` makes.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const release = process.argv.includes("--release");
const pagesDir = join(root, "target/site/pkg/pages");
const manifest = join(pagesDir, "bundles.txt");

/** The page bundles: every feature of the frontend crate but `default` and `all`. */
function bundlesOf(cargoToml) {
  const table = cargoToml.split(/^\[features\]$/m)[1];
  if (!table) throw new Error("frontend/Cargo.toml has no [features] table");
  return table
    .split(/^\[/m)[0]
    .split("\n")
    .map((line) => line.match(/^([\w-]+) = \[/)?.[1])
    .filter((name) => name && name !== "default" && name !== "all");
}

/** cargo-leptos' content hash: MD5 in unpadded base64url (22 characters). */
const contentHash = (bytes) => createHash("md5").update(bytes).digest("base64url");

function run(cmd, args, env = process.env) {
  execFileSync(cmd, args, { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
}

// The same environment cargo-leptos gives its wasm build, so cargo reuses what that build
// compiled (only `app` and `frontend` compile again, once per bundle): LEPTOS_OUTPUT_NAME is
// read at compile time, and debug builds add `--cfg erase_components` to any RUSTFLAGS.
const env = { ...process.env, LEPTOS_OUTPUT_NAME: "auth-lab" };
if (!release) env.RUSTFLAGS = [process.env.RUSTFLAGS, "--cfg erase_components"].filter(Boolean).join(" ");
const profile = release ? "wasm-release" : "debug";
const built = join(root, `target/front/wasm32-unknown-unknown/${profile}/frontend.wasm`);
const minify = release ? (await import("esbuild")).transformSync : null;

const bundles = bundlesOf(readFileSync(join(root, "frontend/Cargo.toml"), "utf8"));
rmSync(pagesDir, { recursive: true, force: true });
mkdirSync(pagesDir, { recursive: true });
const work = mkdtempSync(join(tmpdir(), "page-bundles-"));
const lines = [];
try {
  for (const bundle of bundles) {
    const started = Date.now();
    console.log(`page bundle ${bundle}: cargo build --features ${bundle} (${profile})`);
    run("cargo", ["build", "--package=frontend", "--lib", "--target-dir=target/front",
      "--target=wasm32-unknown-unknown", "--no-default-features", `--features=${bundle}`,
      ...(release ? ["--profile=wasm-release"] : [])], env);
    // cargo leaves each build at the same path: take this bundle's before the next build.
    const input = join(work, `${bundle}.wasm`);
    writeFileSync(input, readFileSync(built));
    run("wasm-bindgen", ["--target=web", `--out-name=${bundle}`, `--out-dir=${work}`, input]);
    const wasmPath = join(work, `${bundle}_bg.wasm`);
    if (release) {
      // npm's binaryen, never one from PATH: Debian's wasm-opt breaks hydration.
      run(join(root, "end2end/node_modules/.bin/wasm-opt"), ["-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", wasmPath, "-o", wasmPath]);
    }
    const js = readFileSync(join(work, `${bundle}.js`), "utf8");
    const files = {
      js: Buffer.from(minify ? minify(js, { minify: true, format: "esm" }).code : js),
      wasm: readFileSync(wasmPath),
    };
    const gzipped = {};
    for (const [ext, bytes] of Object.entries(files)) {
      const name = `${bundle}.${contentHash(bytes)}.${ext}`;
      gzipped[ext] = gzipSync(bytes, { level: 9 });
      writeFileSync(join(pagesDir, name), bytes);
      if (release) {
        writeFileSync(join(pagesDir, `${name}.br`), brotliCompressSync(bytes, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
        }));
        writeFileSync(join(pagesDir, `${name}.gz`), gzipped[ext]);
      }
      lines.push(`${bundle}.${ext}: ${name}`);
    }
    const secs = ((Date.now() - started) / 1000).toFixed(0);
    console.log(`page bundle ${bundle}: wasm ${files.wasm.length} B (${gzipped.wasm.length} B gzip -9), ${secs} s`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
// Written last: a manifest names only bundles whose files are all in place.
writeFileSync(manifest, `${lines.join("\n")}\n`);
console.log(`page bundles: ${bundles.join(", ")} -> ${manifest}`);
